-- Published statistics over millions of dossiers (statistics/statistics.ts, bench:dossier): the hours of a
-- period's first and last day are counted from the dossiers themselves, across every agency, so they need
-- an index that starts with the receipt time (without it, a scan of every dossier); and the open dossiers
-- of a period of every agency are one range of a partial index that starts with it too.
CREATE INDEX "dossier_received_at_idx" ON "dossier" ("received_at");

DROP INDEX "dossier_open_by_agency_idx";
CREATE INDEX "dossier_open_by_receipt_idx" ON "dossier" ("received_at", "agency_code", "due_at") WHERE "returned_at" IS NULL AND "status" <> 'CANCELLED';
