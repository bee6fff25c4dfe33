-- The fan-out of a published notice (notices/fanout.ts): its audience resolved to people, one inbox message
-- each and their chosen channels queued, in batches in the background.

-- A notice's inbox messages name it: one per notice and person (NULLs, the event messages, never collide),
-- so a batch written twice (a retry, a crash before the cursor moved) adds nothing.
ALTER TABLE "message" ADD COLUMN "notice_id" UUID;
CREATE UNIQUE INDEX "message_notice_id_recipient_id_key" ON "message" ("notice_id", "recipient_id");

-- Progress: the last person reached (people are walked in subject order), when it finished, and the lease
-- of the worker doing it (a worker that died is relieved when its lease runs out).
ALTER TABLE "notice" ADD COLUMN "fanout_cursor" TEXT;
ALTER TABLE "notice" ADD COLUMN "fanout_count" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "notice" ADD COLUMN "fanout_lease_until" TIMESTAMPTZ(3);
ALTER TABLE "notice" ADD COLUMN "fanout_done_at" TIMESTAMPTZ(3);

-- Notices published before fan-out existed were shown in feeds only: they are not sent now.
UPDATE "notice" SET "fanout_done_at" = CURRENT_TIMESTAMP WHERE "status" = 'PUBLISHED';

-- The worker looks for published notices not yet fanned out: few, found through a small partial index.
CREATE INDEX "notice_fanout_pending_idx" ON "notice" ("published_at") WHERE "status" = 'PUBLISHED' AND "fanout_done_at" IS NULL;
