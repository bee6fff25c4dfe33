-- AlterTable: when a directive's passing its deadline unanswered was announced (feedback.directive-overdue),
-- so the sweep (directives/overdue.ts) announces each directive once, whichever replica runs it.
ALTER TABLE "directive" ADD COLUMN "overdue_announced_at" TIMESTAMPTZ(3);

-- Directives already overdue when this runs are not announced late: they show as overdue already.
UPDATE "directive" SET "overdue_announced_at" = CURRENT_TIMESTAMP WHERE "due_at" < CURRENT_TIMESTAMP;

-- The sweep reads the directives not yet announced, by deadline: a small partial index.
CREATE INDEX "directive_overdue_unannounced_idx" ON "directive" ("due_at") WHERE "overdue_announced_at" IS NULL;
