-- Delivery beyond the inbox: the contact points a person registers (the only place an e-mail address or
-- a phone number is kept), and one row per message and channel with its state, attempts and receipt.

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('QUEUED', 'SENDING', 'SENT', 'DELIVERED', 'FAILED');

-- CreateTable: one address per person and channel; verified_at stays null until verification is built.
CREATE TABLE "contact_point" (
    "citizen_id" TEXT NOT NULL,
    "channel" "DeliveryChannel" NOT NULL,
    "address" TEXT NOT NULL,
    "verified_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contact_point_pkey" PRIMARY KEY ("citizen_id", "channel")
);

-- CreateTable: the rendered message, never the address (read from contact_point when sending, so a
-- removed contact point stops what is still queued). (event_id, recipient_id, channel) is unique: an
-- event reaches each chosen channel of each person once.
CREATE TABLE "delivery" (
    "id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "recipient_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "channel" "DeliveryChannel" NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'QUEUED',
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "html" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "next_attempt_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_error" TEXT,
    "provider_message_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),
    "delivered_at" TIMESTAMPTZ(3),

    CONSTRAINT "delivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "delivery_event_id_recipient_id_channel_key" ON "delivery"("event_id", "recipient_id", "channel");
-- CreateIndex: the dispatcher's queue.
CREATE INDEX "delivery_status_next_attempt_at_idx" ON "delivery"("status", "next_attempt_at");
-- CreateIndex: receipts name the provider's id.
CREATE INDEX "delivery_channel_provider_message_id_idx" ON "delivery"("channel", "provider_message_id");
