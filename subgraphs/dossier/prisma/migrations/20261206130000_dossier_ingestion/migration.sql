-- What agencies' systems send (subgraphs/dossier/ingestion/): vendor status mappings and dead letters.

-- CreateTable
CREATE TABLE "dossier_vendor_status" (
    "vendor" TEXT NOT NULL,
    "vendor_code" TEXT NOT NULL,
    "status" "DossierStatus" NOT NULL,
    "updated_by" TEXT NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dossier_vendor_status_pkey" PRIMARY KEY ("vendor","vendor_code")
);

-- CreateTable
CREATE TABLE "dossier_dead_letter" (
    "id" BIGSERIAL NOT NULL,
    "vendor" TEXT NOT NULL,
    "vendor_code" TEXT NOT NULL,
    "dossier_code" TEXT,
    "event_id" TEXT,
    "line" INTEGER NOT NULL,
    "client_id" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "dossier_dead_letter_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "dossier_dead_letter_vendor_vendor_code_idx" ON "dossier_dead_letter"("vendor", "vendor_code");

-- CreateIndex: the operators' list (unresolved first, in arrival order).
CREATE INDEX "dossier_dead_letter_resolved_at_id_idx" ON "dossier_dead_letter"("resolved_at", "id");

-- CreateIndex: a record without a code is found again by its first event's id within its agency.
CREATE INDEX "dossier_event_source_event_id_idx" ON "dossier_event"("source_event_id");
