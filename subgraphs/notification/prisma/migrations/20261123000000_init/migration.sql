-- CreateEnum
CREATE TYPE "NoticeKind" AS ENUM ('NEWS', 'POLICY', 'EMERGENCY');

-- CreateEnum
CREATE TYPE "NoticeAudience" AS ENUM ('ALL', 'WARD');

-- CreateEnum
CREATE TYPE "MessageKind" AS ENUM ('DOSSIER_RECEIVED', 'DOSSIER_SUPPLEMENT', 'DOSSIER_RESULT', 'DOSSIER_LATE_APOLOGY', 'FEEDBACK_ROUTED', 'FEEDBACK_RESOLVED', 'NOTICE');

-- CreateTable
CREATE TABLE "notice" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "kind" "NoticeKind" NOT NULL,
    "audience" "NoticeAudience" NOT NULL,
    "ward_code" TEXT,
    "published_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "notice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "message" (
    "id" UUID NOT NULL,
    "recipient_id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "kind" "MessageKind" NOT NULL,
    "link" TEXT,
    "read_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "preference" (
    "citizen_id" TEXT NOT NULL,
    "in_app" BOOLEAN NOT NULL DEFAULT true,
    "sms" BOOLEAN NOT NULL DEFAULT false,
    "email" BOOLEAN NOT NULL DEFAULT false,
    "zalo" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "preference_pkey" PRIMARY KEY ("citizen_id")
);

-- CreateIndex
CREATE INDEX "notice_published_at_idx" ON "notice"("published_at" DESC);

-- CreateIndex
CREATE INDEX "message_recipient_id_created_at_idx" ON "message"("recipient_id", "created_at" DESC);
