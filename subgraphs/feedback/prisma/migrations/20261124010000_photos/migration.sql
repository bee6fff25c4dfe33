-- Photos on feedback items. An upload is checked, stripped of metadata and stored (on disk or in an
-- S3-compatible bucket, under storage_key) before any item exists: it stays unattached (item_id null,
-- kind and position null) until its owner names it in a submission (REPORT) or an officer in a resolution (RESULT),
-- in that transaction.

-- CreateEnum
CREATE TYPE "FeedbackPhotoKind" AS ENUM ('REPORT', 'RESULT');

-- CreateTable
CREATE TABLE "feedback_photo" (
    "id" UUID NOT NULL,
    "owner_id" TEXT NOT NULL,
    "item_id" UUID,
    "kind" "FeedbackPhotoKind",
    "position" INTEGER,
    "content_type" TEXT NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "storage_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attached_at" TIMESTAMPTZ(3),

    CONSTRAINT "feedback_photo_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "feedback_photo_attached_check" CHECK (("item_id" IS NULL) = ("kind" IS NULL))
);

-- CreateIndex
CREATE UNIQUE INDEX "feedback_photo_storage_key_key" ON "feedback_photo"("storage_key");

-- CreateIndex
CREATE INDEX "feedback_photo_item_id_idx" ON "feedback_photo"("item_id");

-- CreateIndex
CREATE INDEX "feedback_photo_owner_id_created_at_idx" ON "feedback_photo"("owner_id", "created_at");

-- AddForeignKey
ALTER TABLE "feedback_photo" ADD CONSTRAINT "feedback_photo_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "feedback_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;
