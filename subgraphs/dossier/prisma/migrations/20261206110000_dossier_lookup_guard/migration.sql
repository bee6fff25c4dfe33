-- The public lookup's throttle (subgraphs/dossier/lookup/guard.ts): wrong verifiers per dossier code.

-- CreateTable
CREATE TABLE "dossier_lookup_guard" (
    "code" TEXT NOT NULL,
    "failures" INTEGER NOT NULL,
    "last_failure_at" TIMESTAMPTZ(3) NOT NULL,
    "locked_until" TIMESTAMPTZ(3),

    CONSTRAINT "dossier_lookup_guard_pkey" PRIMARY KEY ("code")
);

-- CreateIndex: the sweep of forgotten failures.
CREATE INDEX "dossier_lookup_guard_last_failure_at_idx" ON "dossier_lookup_guard"("last_failure_at");
