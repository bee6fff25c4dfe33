-- Notices become drafts that the communications office (or a leader, for emergencies) publishes: an
-- audience of everyone, some wards, a topic or one person, a validity window, and a history of changes.

-- AlterEnum: NoticeAudience's WARD (one ward) becomes WARDS (some wards); TOPIC and PERSON are new. A new
-- type replaces the old one, because a value added with ADD VALUE cannot be used in its own transaction.
ALTER TYPE "NoticeAudience" RENAME TO "NoticeAudience_old";
CREATE TYPE "NoticeAudience" AS ENUM ('ALL', 'WARDS', 'TOPIC', 'PERSON');
ALTER TABLE "notice" ALTER COLUMN "audience" TYPE "NoticeAudience"
  USING (CASE "audience"::text WHEN 'WARD' THEN 'WARDS' ELSE "audience"::text END)::"NoticeAudience";
DROP TYPE "NoticeAudience_old";

-- CreateEnum
CREATE TYPE "NoticeStatus" AS ENUM ('DRAFT', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "NoticeAction" AS ENUM ('DRAFTED', 'EDITED', 'PUBLISHED');

-- AlterTable: the one ward moves into a list; published notices so far stay published, valid from then on.
ALTER TABLE "notice"
  ADD COLUMN "status" "NoticeStatus" NOT NULL DEFAULT 'PUBLISHED',
  ADD COLUMN "ward_codes" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
  ADD COLUMN "topic" TEXT,
  ADD COLUMN "recipient_id" TEXT,
  ADD COLUMN "valid_from" TIMESTAMPTZ(3),
  ADD COLUMN "valid_until" TIMESTAMPTZ(3),
  ADD COLUMN "created_by" TEXT,
  ADD COLUMN "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  ADD COLUMN "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  ADD COLUMN "published_by" TEXT;
UPDATE "notice" SET "ward_codes" = ARRAY["ward_code"] WHERE "ward_code" IS NOT NULL;
UPDATE "notice" SET "valid_from" = "published_at", "created_at" = "published_at", "updated_at" = "published_at";
ALTER TABLE "notice" DROP COLUMN "ward_code";
ALTER TABLE "notice" ALTER COLUMN "valid_from" SET NOT NULL;
ALTER TABLE "notice" ALTER COLUMN "status" SET DEFAULT 'DRAFT';
ALTER TABLE "notice" ALTER COLUMN "published_at" DROP NOT NULL;

-- CreateIndex: a person's notices are found by recipient.
CREATE INDEX "notice_recipient_id_idx" ON "notice"("recipient_id");

-- CreateTable: who did what to a notice, and which fields changed (names only: no values, so no personal data).
CREATE TABLE "notice_history" (
    "id" UUID NOT NULL,
    "notice_id" UUID NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" TEXT NOT NULL,
    "action" "NoticeAction" NOT NULL,
    "changed_fields" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "notice_history_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "notice_history_notice_id_at_idx" ON "notice_history"("notice_id", "at");

-- AddForeignKey
ALTER TABLE "notice_history" ADD CONSTRAINT "notice_history_notice_id_fkey" FOREIGN KEY ("notice_id") REFERENCES "notice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AlterTable: what a citizen follows, so their notice feed knows their wards and topics (the hub holds
-- no ward of residence: the citizen sets it here).
ALTER TABLE "preference"
  ADD COLUMN "ward_codes" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[],
  ADD COLUMN "topics" TEXT[] NOT NULL DEFAULT ARRAY[]::TEXT[];
