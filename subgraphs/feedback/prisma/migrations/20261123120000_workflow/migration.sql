-- AlterTable: workflow side states need a reason, a committed date and a reopen count.
ALTER TABLE "feedback_item" ADD COLUMN "rejection_reason" TEXT,
ADD COLUMN "committed_at" TIMESTAMPTZ(3),
ADD COLUMN "reopen_count" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex: an officer's queue (unit, status, newest first).
CREATE INDEX "feedback_item_unit_code_status_received_at_idx" ON "feedback_item"("unit_code", "status", "received_at" DESC);
