-- Intake from every channel: idempotency keys (API retries and webhook replays share one table), the
-- contact of a reporter without an account (phone, SMS, email, chat), and who recorded an item on a
-- caller's behalf.

-- AlterTable: the operator (subject) who recorded a phone or SMS item.
ALTER TABLE "feedback_item" ADD COLUMN "recorded_by" TEXT;

-- CreateTable: one row per (scope, key). The scope is who chose the key ("citizen:<sub>",
-- "client:<id>", "operator:<sub>", "webhook:<channel>"), so two callers' keys never collide; the hash
-- of the request tells a retry (same body) from a reused key (different body).
CREATE TABLE "feedback_idempotency" (
    "scope" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "item_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "feedback_idempotency_pkey" PRIMARY KEY ("scope", "key")
);

-- CreateIndex
CREATE INDEX "feedback_idempotency_item_id_idx" ON "feedback_idempotency"("item_id");

-- AddForeignKey: checked at commit, because intake claims the key before it writes the item (so a
-- concurrent duplicate waits on the key at once instead of doing the work twice).
ALTER TABLE "feedback_idempotency" ADD CONSTRAINT "feedback_idempotency_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "feedback_item"("id") ON DELETE CASCADE ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED;

-- CreateTable: personal data of a reporter without an account, kept apart from the item so it can be
-- shown only to staff and erased on its own (Law 91/2025 on personal data).
CREATE TABLE "feedback_reporter" (
    "item_id" UUID NOT NULL,
    "name" TEXT,
    "phone" TEXT,
    "email" TEXT,
    "address" TEXT,

    CONSTRAINT "feedback_reporter_pkey" PRIMARY KEY ("item_id")
);

-- AddForeignKey
ALTER TABLE "feedback_reporter" ADD CONSTRAINT "feedback_reporter_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "feedback_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;
