-- AlterTable: false for an item filed at a stand-in point (a chat message without a location) until an
-- operator places it; such an item stays out of public maps and Open311 while its point is not real.
ALTER TABLE "feedback_item" ADD COLUMN "location_confirmed" BOOLEAN NOT NULL DEFAULT true;

-- CreateIndex: the operators' queue of items to place.
CREATE INDEX "feedback_item_unconfirmed_location_idx" ON "feedback_item"("received_at") WHERE NOT "location_confirmed";
