-- The timeline's public steps kept on the dossier's own row, as the lookup answers them
-- (lifecycle/public-steps.ts): a lookup whose pages are not cached reads the code index and one heap
-- page, where reading the steps from dossier_event took two to four more pages (a leaf and an inner page
-- of its 5 GB unique index and one or two heap pages) at 5 million dossiers. Written with every change
-- to the timeline. Null on rows written before this column: the lookup reads their steps from
-- dossier_event, and the dossier subgraph's background work fills them in batches, found through the
-- partial index below (empty once they are filled, and on a new database). Adding a nullable column
-- without a default rewrites nothing; the index reads the table once.

-- AlterTable
ALTER TABLE "dossier" ADD COLUMN "lookup_steps" JSON;

-- CreateIndex
CREATE INDEX "dossier_lookup_steps_missing_idx" ON "dossier"("id") WHERE "lookup_steps" IS NULL;
