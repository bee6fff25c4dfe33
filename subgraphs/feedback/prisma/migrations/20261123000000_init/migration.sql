-- CreateEnum
CREATE TYPE "FeedbackStatus" AS ENUM ('RECEIVED', 'ROUTED', 'IN_PROGRESS', 'PROGRESS_REPORTED', 'RESOLVED', 'PUBLISHED', 'CLOSED', 'REJECTED', 'RETURNED', 'REOPENED');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('WEB', 'APP', 'PHONE', 'SMS', 'EMAIL', 'ZALO', 'FACEBOOK', 'VIBER', 'CHAT');

-- CreateTable
CREATE TABLE "category" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "deadline_hours" INTEGER NOT NULL,

    CONSTRAINT "category_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "unit" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "ward_code" TEXT,

    CONSTRAINT "unit_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "routing_rule" (
    "id" SERIAL NOT NULL,
    "category_code" TEXT NOT NULL,
    "ward_code" TEXT,
    "unit_code" TEXT NOT NULL,

    CONSTRAINT "routing_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "feedback_item" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "citizen_id" TEXT,
    "channel" "Channel" NOT NULL,
    "category_code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "ward_code" TEXT NOT NULL,
    "lat" DOUBLE PRECISION NOT NULL,
    "lng" DOUBLE PRECISION NOT NULL,
    "is_anonymous" BOOLEAN NOT NULL DEFAULT false,
    "is_public" BOOLEAN NOT NULL DEFAULT true,
    "status" "FeedbackStatus" NOT NULL DEFAULT 'RECEIVED',
    "unit_code" TEXT,
    "received_at" TIMESTAMPTZ(3) NOT NULL,
    "due_at" TIMESTAMPTZ(3),
    "result_text" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "feedback_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "feedback_history" (
    "id" BIGSERIAL NOT NULL,
    "item_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" TEXT,
    "action" TEXT NOT NULL,
    "from_status" "FeedbackStatus",
    "to_status" "FeedbackStatus" NOT NULL,
    "note" TEXT,

    CONSTRAINT "feedback_history_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "routing_rule_category_code_ward_code_key" ON "routing_rule"("category_code", "ward_code");

-- CreateIndex
CREATE UNIQUE INDEX "feedback_item_code_key" ON "feedback_item"("code");

-- CreateIndex
CREATE INDEX "feedback_item_citizen_id_received_at_idx" ON "feedback_item"("citizen_id", "received_at" DESC);

-- CreateIndex
CREATE INDEX "feedback_history_item_id_at_idx" ON "feedback_history"("item_id", "at");

-- AddForeignKey
ALTER TABLE "routing_rule" ADD CONSTRAINT "routing_rule_unit_code_fkey" FOREIGN KEY ("unit_code") REFERENCES "unit"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feedback_item" ADD CONSTRAINT "feedback_item_category_code_fkey" FOREIGN KEY ("category_code") REFERENCES "category"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feedback_item" ADD CONSTRAINT "feedback_item_unit_code_fkey" FOREIGN KEY ("unit_code") REFERENCES "unit"("code") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "feedback_history" ADD CONSTRAINT "feedback_history_item_id_fkey" FOREIGN KEY ("item_id") REFERENCES "feedback_item"("id") ON DELETE CASCADE ON UPDATE CASCADE;
