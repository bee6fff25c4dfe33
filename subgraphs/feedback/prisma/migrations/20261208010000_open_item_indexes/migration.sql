-- CreateIndex: the staff lists over open items only, so they stay fast at millions of items (most of them
-- finished). Partial indexes (Prisma cannot declare them; schema.prisma says so at FeedbackItem):
--   the overdue list (overdueFeedback: open items past their deadline, the earliest deadline first) and
--   the operators' queue (operatorQueue: items waiting for an operator, oldest first).
-- The predicates hold workflow/items.ts's OPEN_STATUSES and AWAITING_OPERATOR: a query on a subset of them uses them.
CREATE INDEX "feedback_item_open_due_idx" ON "feedback_item"("due_at", "code")
  WHERE "status" IN ('RECEIVED', 'ROUTED', 'IN_PROGRESS', 'PROGRESS_REPORTED', 'RETURNED', 'REOPENED');
CREATE INDEX "feedback_item_awaiting_operator_idx" ON "feedback_item"("received_at", "code")
  WHERE "status" IN ('RECEIVED', 'RETURNED', 'REOPENED');
