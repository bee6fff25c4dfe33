-- Dossier lifecycle (subgraphs/dossier/lifecycle/): the receiving agency, the status time, the
-- verifiers' hashes, the timeline, the code sequences and the outbox.

-- CreateEnum
CREATE TYPE "DossierEventKind" AS ENUM ('RECEIVED', 'STATUS_CHANGED', 'STEP', 'SUPPLEMENT_REQUESTED', 'SUPPLEMENT_SUPPLIED', 'FEE_PAID', 'RESULT_READY', 'RETURNED', 'WITHDRAWN', 'LATE_APOLOGY');

-- CreateEnum
CREATE TYPE "DossierActorKind" AS ENUM ('CITIZEN', 'AGENCY', 'SYSTEM');

-- AlterTable: a dossier filed at a counter by someone without an account has no owner.
ALTER TABLE "dossier" ALTER COLUMN "owner_id" DROP NOT NULL;

-- AlterTable
ALTER TABLE "dossier" ADD COLUMN "agency_code" TEXT,
ADD COLUMN "status_at" TIMESTAMPTZ(3),
ADD COLUMN "rescheduled_due_at" TIMESTAMPTZ(3),
ADD COLUMN "receipt_pin_hash" TEXT,
ADD COLUMN "owner_phone_hash" TEXT;

-- Existing rows: the agency is the code's prefix when it is a known agency, else the procedure's; the
-- status dates from the last update.
UPDATE "dossier" AS d SET
  "agency_code" = COALESCE((SELECT a."code" FROM "agency" a WHERE a."code" = split_part(d."code", '-', 1)), (SELECT p."agency_code" FROM "procedure" p WHERE p."code" = d."procedure_code")),
  "status_at" = d."updated_at";

-- AlterTable
ALTER TABLE "dossier" ALTER COLUMN "agency_code" SET NOT NULL,
ALTER COLUMN "status_at" SET NOT NULL;

-- CreateTable
CREATE TABLE "dossier_event" (
    "id" BIGSERIAL NOT NULL,
    "dossier_id" UUID NOT NULL,
    "kind" "DossierEventKind" NOT NULL,
    "from_status" "DossierStatus",
    "to_status" "DossierStatus" NOT NULL,
    "agency_code" TEXT NOT NULL,
    "actor_kind" "DossierActorKind" NOT NULL,
    "actor_id" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "step_name" TEXT,
    "step_due_at" TIMESTAMPTZ(3),
    "new_due_at" TIMESTAMPTZ(3),
    "is_public" BOOLEAN NOT NULL DEFAULT true,
    "note" TEXT,
    "source_event_id" TEXT NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dossier_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dossier_code_sequence" (
    "agency_code" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "last" INTEGER NOT NULL,

    CONSTRAINT "dossier_code_sequence_pkey" PRIMARY KEY ("agency_code","day")
);

-- CreateTable: the transactional outbox (subgraphs/kit/events/outbox.ts).
CREATE TABLE "outbox" (
    "id" BIGSERIAL NOT NULL,
    "event_id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "dossier_agency_code_received_at_idx" ON "dossier"("agency_code", "received_at");

-- CreateIndex: one event is recorded once per dossier (idempotent ingestion).
CREATE UNIQUE INDEX "dossier_event_dossier_id_source_event_id_key" ON "dossier_event"("dossier_id", "source_event_id");

-- CreateIndex: a dossier's timeline in time order.
CREATE INDEX "dossier_event_dossier_id_occurred_at_id_idx" ON "dossier_event"("dossier_id", "occurred_at", "id");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_event_id_key" ON "outbox"("event_id");

-- CreateIndex: the relay's queue (unpublished rows, oldest first).
CREATE INDEX "outbox_published_at_id_idx" ON "outbox"("published_at", "id");

-- AddForeignKey
ALTER TABLE "dossier" ADD CONSTRAINT "dossier_agency_code_fkey" FOREIGN KEY ("agency_code") REFERENCES "agency"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dossier_event" ADD CONSTRAINT "dossier_event_dossier_id_fkey" FOREIGN KEY ("dossier_id") REFERENCES "dossier"("id") ON DELETE CASCADE ON UPDATE CASCADE;
