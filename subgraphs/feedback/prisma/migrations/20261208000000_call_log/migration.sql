-- The 1022 centre's call log: each call or SMS an operator answered, with how it ended (calls/).
CREATE TYPE "CallOutcome" AS ENUM ('ANSWERED', 'FEEDBACK_RECORDED', 'REFERRED', 'UNANSWERED');

CREATE TABLE "call_record" (
    "id" UUID NOT NULL,
    "channel" "Channel" NOT NULL,
    "outcome" "CallOutcome" NOT NULL,
    "question" TEXT NOT NULL,
    "source_title" TEXT,
    "source_link" TEXT,
    "feedback_code" TEXT,
    "operator_id" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "call_record_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "call_record_created_at_idx" ON "call_record"("created_at" DESC);
