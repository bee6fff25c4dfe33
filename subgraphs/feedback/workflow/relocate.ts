// Placing an item: a chat message without a location is filed at a stand-in point (see
// channels/webhooks/intake-message.ts); an operator who learns where the problem is moves it there. The
// ward follows the point; routing stays the operator's ROUTE action, since the unit may already be working on it.
import { codedError } from '../../../schema/errors.ts';
import { wardAt } from '../../kit/geo/ward-boundaries.ts';
import type { FeedbackItem, PrismaClient } from '../prisma/generated/client.ts';
import { inVietnam } from '../intake/submission.ts';

/** Marks the title of an item filed at a stand-in point; removed when an operator places it. */
export const UNPLACED_TITLE_PREFIX = '[Chưa rõ vị trí] ';

/** Items still at a stand-in point, oldest first: the operators' queue. */
export function findUnplacedFeedback(db: PrismaClient, first: number): Promise<FeedbackItem[]> {
  return db.feedbackItem.findMany({ where: { locationConfirmed: false }, orderBy: [{ receivedAt: 'asc' }, { code: 'asc' }], take: first });
}

/** Move the item with `code` to (lat, lng), as `operatorId`; its ward follows and the move is in its history. */
export async function relocateFeedback(db: PrismaClient, code: string, lat: number, lng: number, operatorId: string, now = new Date()): Promise<FeedbackItem> {
  if (!inVietnam(lat, lng)) throw codedError('BAD_USER_INPUT', 'The location is outside Việt Nam.', { field: 'location' });
  const ward = wardAt(lat, lng);
  if (!ward) throw codedError('LOCATION_OUTSIDE_JURISDICTION', 'The location is outside the area this city serves.', { field: 'location' });
  return db.$transaction(async (tx) => {
    const item = await tx.feedbackItem.findUnique({ where: { code } });
    if (!item) throw codedError('NOT_FOUND', 'No feedback item has this code.');
    if (item.status === 'CLOSED' || item.status === 'REJECTED') {
      throw codedError('ILLEGAL_TRANSITION', `A ${item.status.toLowerCase()} item is not moved.`, { status: item.status });
    }
    const title = item.title.startsWith(UNPLACED_TITLE_PREFIX) ? item.title.slice(UNPLACED_TITLE_PREFIX.length) : item.title;
    const moved = await tx.feedbackItem.update({ where: { id: item.id }, data: { lat, lng, wardCode: ward.code, locationConfirmed: true, title } });
    await tx.feedbackHistory.create({ data: { itemId: item.id, at: now, actorId: operatorId, action: 'RELOCATED', fromStatus: item.status, toStatus: item.status, note: ward.code } });
    return moved;
  });
}
