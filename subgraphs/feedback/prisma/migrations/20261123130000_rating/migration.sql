-- CreateTable: the reporter rates the handling unit once, after resolution.
CREATE TABLE "feedback_rating" (
    "item_id" UUID NOT NULL,
    "unit_code" TEXT NOT NULL,
    "stars" INTEGER NOT NULL,
    "comment" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "feedback_rating_pkey" PRIMARY KEY ("item_id"),
    CONSTRAINT "feedback_rating_stars_check" CHECK ("stars" BETWEEN 1 AND 5)
);

-- CreateIndex
CREATE INDEX "feedback_rating_unit_code_idx" ON "feedback_rating"("unit_code");

-- AddForeignKey
ALTER TABLE "feedback_rating" ADD CONSTRAINT "feedback_rating_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "feedback_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;
