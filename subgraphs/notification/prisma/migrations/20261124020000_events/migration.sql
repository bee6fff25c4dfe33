-- AlterEnum: the Friday summary for leaders.
ALTER TYPE "MessageKind" ADD VALUE 'FEEDBACK_WEEKLY_SUMMARY';

-- CreateTable: the inbox of consumed events (subgraphs/kit/events/inbox.ts): a redelivered event finds
-- its id here and creates nothing twice.
CREATE TABLE "processed_event" (
    "consumer" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_event_pkey" PRIMARY KEY ("consumer", "event_id")
);
