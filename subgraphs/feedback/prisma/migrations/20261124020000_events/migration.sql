-- CreateTable: the transactional outbox (subgraphs/kit/events/outbox.ts): events written in the
-- transaction of their change, published to the bus by the relay.
CREATE TABLE "outbox" (
    "id" BIGSERIAL NOT NULL,
    "event_id" UUID NOT NULL,
    "topic" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "outbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "outbox_event_id_key" ON "outbox"("event_id");

-- CreateIndex: the relay's queue (unpublished rows, oldest first).
CREATE INDEX "outbox_published_at_id_idx" ON "outbox"("published_at", "id");

-- CreateEnum
CREATE TYPE "LeaderScopeKind" AS ENUM ('CITY', 'UNIT', 'WARD', 'CATEGORY');

-- CreateTable: what each leader oversees (the Friday summary counts items in any of their scopes).
CREATE TABLE "leader_scope" (
    "id" SERIAL NOT NULL,
    "leader_id" TEXT NOT NULL,
    "kind" "LeaderScopeKind" NOT NULL,
    "code" TEXT NOT NULL,

    CONSTRAINT "leader_scope_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "leader_scope_leader_id_kind_code_key" ON "leader_scope"("leader_id", "kind", "code");

-- CreateTable: one Friday summary per leader per ISO week; the key makes emission idempotent.
CREATE TABLE "weekly_summary" (
    "leader_id" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "period_start" TIMESTAMPTZ(3) NOT NULL,
    "period_end" TIMESTAMPTZ(3) NOT NULL,
    "received" INTEGER NOT NULL,
    "handled" INTEGER NOT NULL,
    "late" INTEGER NOT NULL,
    "event_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "weekly_summary_pkey" PRIMARY KEY ("leader_id", "week")
);
