-- CreateEnum
CREATE TYPE "DossierStatus" AS ENUM ('NEW', 'RECEIVING', 'WAITING_SUPPLEMENT', 'PAYING', 'PROCESSING', 'INTER_AGENCY', 'RELEASING', 'DONE', 'UNRESOLVED', 'CANCELLED', 'DENIED');

-- CreateEnum
CREATE TYPE "OnlineLevel" AS ENUM ('FULL', 'PARTIAL');

-- CreateEnum
CREATE TYPE "DossierChannel" AS ENUM ('ONLINE', 'COUNTER', 'POST');

-- CreateTable
CREATE TABLE "agency" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "agency_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "procedure" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "field" TEXT NOT NULL,
    "agency_code" TEXT NOT NULL,
    "online_level" "OnlineLevel" NOT NULL,
    "processing_days" INTEGER NOT NULL,
    "fee_vnd" INTEGER NOT NULL,
    "required_documents" TEXT[],
    "legal_basis" TEXT NOT NULL,

    CONSTRAINT "procedure_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "dossier" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "owner_id" TEXT NOT NULL,
    "procedure_code" TEXT NOT NULL,
    "channel" "DossierChannel" NOT NULL,
    "status" "DossierStatus" NOT NULL DEFAULT 'NEW',
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "current_step" TEXT NOT NULL,
    "supplement_request" TEXT,
    "returned_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dossier_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "procedure_field_idx" ON "procedure"("field");

-- CreateIndex
CREATE UNIQUE INDEX "dossier_code_key" ON "dossier"("code");

-- CreateIndex
CREATE INDEX "dossier_owner_id_received_at_idx" ON "dossier"("owner_id", "received_at" DESC);

-- AddForeignKey
ALTER TABLE "procedure" ADD CONSTRAINT "procedure_agency_code_fkey" FOREIGN KEY ("agency_code") REFERENCES "agency"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dossier" ADD CONSTRAINT "dossier_procedure_code_fkey" FOREIGN KEY ("procedure_code") REFERENCES "procedure"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
