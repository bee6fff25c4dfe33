-- AlterTable: a reporter's phone kept as given because the Vietnamese-number check does not know its form
-- (an Open311 client's foreign number): flagged for staff instead of refusing the whole report.
ALTER TABLE "feedback_reporter" ADD COLUMN "phone_unrecognized" BOOLEAN NOT NULL DEFAULT false;
