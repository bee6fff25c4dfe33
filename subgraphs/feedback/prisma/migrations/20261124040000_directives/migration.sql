-- Directives (chỉ đạo điều hành): a leader sends content with a deadline to a unit, a category, a ward
-- or one item; the addressed units are resolved when it is issued, one recipient row each, and each
-- unit replies once. Overdue is computed from due_at and the replies, never stored.

-- CreateEnum
CREATE TYPE "DirectiveTargetKind" AS ENUM ('UNIT', 'CATEGORY', 'WARD', 'ITEM');

-- CreateTable
CREATE TABLE "directive" (
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "leader_id" TEXT NOT NULL,
    "target_kind" "DirectiveTargetKind" NOT NULL,
    "target_code" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "due_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "directive_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "directive_recipient" (
    "directive_id" UUID NOT NULL,
    "unit_code" TEXT NOT NULL,
    "replied_at" TIMESTAMPTZ(3),
    "reply" TEXT,
    "replied_by" TEXT,

    CONSTRAINT "directive_recipient_pkey" PRIMARY KEY ("directive_id", "unit_code")
);

-- CreateIndex
CREATE UNIQUE INDEX "directive_code_key" ON "directive"("code");

-- CreateIndex: a leader's own directives, newest first.
CREATE INDEX "directive_leader_id_created_at_idx" ON "directive"("leader_id", "created_at" DESC);

-- CreateIndex: a unit's directives.
CREATE INDEX "directive_recipient_unit_code_idx" ON "directive_recipient"("unit_code");

-- AddForeignKey
ALTER TABLE "directive_recipient" ADD CONSTRAINT "directive_recipient_directive_id_fkey" FOREIGN KEY ("directive_id") REFERENCES "directive"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "directive_recipient" ADD CONSTRAINT "directive_recipient_unit_code_fkey" FOREIGN KEY ("unit_code") REFERENCES "unit"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
