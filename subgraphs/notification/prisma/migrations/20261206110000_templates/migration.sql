-- Templates per kind of notification and channel, versioned; the kinds every event path needs.

-- AlterEnum: the kinds of the feedback, directive, dossier and planning events (issue #15).
ALTER TYPE "MessageKind" ADD VALUE 'FEEDBACK_REJECTED';
ALTER TYPE "MessageKind" ADD VALUE 'FEEDBACK_PROGRESS_REPORTED';
ALTER TYPE "MessageKind" ADD VALUE 'FEEDBACK_REOPENED';
ALTER TYPE "MessageKind" ADD VALUE 'DIRECTIVE_ISSUED';
ALTER TYPE "MessageKind" ADD VALUE 'DIRECTIVE_REPLIED';
ALTER TYPE "MessageKind" ADD VALUE 'DIRECTIVE_OVERDUE';
ALTER TYPE "MessageKind" ADD VALUE 'DOSSIER_STATUS_CHANGED';
ALTER TYPE "MessageKind" ADD VALUE 'PLANNING_SCHEME_CHANGED';

-- CreateEnum
CREATE TYPE "DeliveryChannel" AS ENUM ('IN_APP', 'EMAIL', 'SMS', 'ZALO');

-- CreateTable: each save is a new version; the newest is sent. The kind is TEXT here, not "MessageKind",
-- because the values added above cannot be used inside this migration's transaction.
CREATE TABLE "notification_template" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "channel" "DeliveryChannel" NOT NULL,
    "locale" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "html" TEXT,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "notification_template_pkey" PRIMARY KEY ("id")
);

-- CreateIndex: one row per version; two saves racing for the same version: one wins, the other retries.
CREATE UNIQUE INDEX "notification_template_kind_channel_locale_version_key" ON "notification_template"("kind", "channel", "locale", "version");
