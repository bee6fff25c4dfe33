-- What citizens do with their dossiers (subgraphs/dossier/citizens/): documents for a supplement, ratings.

-- CreateTable
CREATE TABLE "dossier_document" (
    "id" UUID NOT NULL,
    "owner_id" TEXT NOT NULL,
    "dossier_id" UUID,
    "content_type" TEXT NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "attached_at" TIMESTAMPTZ(3),

    CONSTRAINT "dossier_document_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dossier_rating" (
    "dossier_id" UUID NOT NULL,
    "agency_code" TEXT NOT NULL,
    "stars" INTEGER NOT NULL,
    "comment" TEXT,
    "rated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dossier_rating_pkey" PRIMARY KEY ("dossier_id"),
    CONSTRAINT "dossier_rating_stars_check" CHECK ("stars" BETWEEN 1 AND 5)
);

-- CreateIndex
CREATE INDEX "dossier_document_owner_id_created_at_idx" ON "dossier_document"("owner_id", "created_at");

-- CreateIndex
CREATE INDEX "dossier_document_dossier_id_idx" ON "dossier_document"("dossier_id");

-- CreateIndex
CREATE INDEX "dossier_rating_agency_code_idx" ON "dossier_rating"("agency_code");

-- AddForeignKey
ALTER TABLE "dossier_document" ADD CONSTRAINT "dossier_document_dossier_id_fkey" FOREIGN KEY ("dossier_id") REFERENCES "dossier"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dossier_rating" ADD CONSTRAINT "dossier_rating_dossier_id_fkey" FOREIGN KEY ("dossier_id") REFERENCES "dossier"("id") ON DELETE CASCADE ON UPDATE CASCADE;
