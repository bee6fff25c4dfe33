-- The catalogue (subgraphs/dossier/catalogue/): procedures' fee items, steps and revision; the FAQ;
-- the history of edits; the catalogue's revision counter.

-- CreateEnum
CREATE TYPE "CatalogueEntity" AS ENUM ('PROCEDURE', 'FAQ');

-- CreateEnum
CREATE TYPE "CatalogueAction" AS ENUM ('CREATED', 'UPDATED');

-- AlterTable
ALTER TABLE "procedure" ADD COLUMN     "fees" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "steps" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- CreateTable
CREATE TABLE "faq_entry" (
    "code" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "sources" TEXT[],
    "agency_code" TEXT,
    "field" TEXT,
    "procedure_codes" TEXT[],
    "valid_from" TIMESTAMPTZ(3) NOT NULL,
    "valid_until" TIMESTAMPTZ(3),
    "revision" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "faq_entry_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "catalogue_change" (
    "id" UUID NOT NULL,
    "entity" "CatalogueEntity" NOT NULL,
    "entity_code" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "action" "CatalogueAction" NOT NULL,
    "actor_id" TEXT NOT NULL,
    "changes" JSONB NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "catalogue_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "catalogue_state" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "next_faq_number" INTEGER NOT NULL DEFAULT 1000,

    CONSTRAINT "catalogue_state_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "faq_entry_field_idx" ON "faq_entry"("field");

-- CreateIndex
CREATE INDEX "catalogue_change_at_idx" ON "catalogue_change"("at" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "catalogue_change_entity_entity_code_revision_key" ON "catalogue_change"("entity", "entity_code", "revision");

-- AddForeignKey
ALTER TABLE "faq_entry" ADD CONSTRAINT "faq_entry_agency_code_fkey" FOREIGN KEY ("agency_code") REFERENCES "agency"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- Not in schema.prisma (Prisma has no check constraints): the validity window is never reversed, whatever
-- writes the row; the API refuses it first with a coded error.
ALTER TABLE "faq_entry" ADD CONSTRAINT "faq_entry_validity_check" CHECK ("valid_until" IS NULL OR "valid_until" > "valid_from");

-- The one row of the revision counter.
INSERT INTO "catalogue_state" ("id", "revision", "next_faq_number") VALUES (1, 0, 1000);
