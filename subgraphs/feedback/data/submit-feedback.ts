// Intake and officer actions on feedback items. Each change and its history entry are written in one
// transaction, so nothing is half-written.
import { randomInt } from 'node:crypto';
import { codedError } from '../../../schema/errors.ts';
import { nearestWard } from '../../kit/reference/wards.ts';
import { addWorkingHours, CalendarNotCoveredError } from '../calendar/working-hours.ts';
import type { FeedbackItem, FeedbackStatus, PrismaClient } from '../prisma/generated/client.ts';

/** Where routing falls back when no rule matches (the 1022 centre classifies by hand). */
export const DEFAULT_UNIT_CODE = 'TT-1022';

/** What a citizen submits. */
export interface FeedbackSubmission {
  readonly citizenId: string;
  readonly channel: 'WEB' | 'APP';
  readonly categoryCode: string;
  readonly title: string;
  readonly content: string;
  readonly lat: number;
  readonly lng: number;
  readonly isAnonymous: boolean;
  readonly isPublic: boolean;
}

// Mainland and islands, generously: a point outside is certainly not in Việt Nam.
const VIETNAM = { minLat: 8.0, maxLat: 23.5, minLng: 102.0, maxLng: 117.5 };

/**
 * A public code like PHA261100384716: PHA + YYMM + 8 random digits. Random rather than sequential,
 * so codes reveal neither volumes nor neighbours and cannot be enumerated.
 */
export function newFeedbackCode(at: Date): string {
  const yymm = `${String(at.getUTCFullYear() % 100).padStart(2, '0')}${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
  return `PHA${yymm}${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

function validate(submission: FeedbackSubmission): void {
  const title = submission.title.trim();
  const content = submission.content.trim();
  if (title.length < 5 || title.length > 200) throw codedError('BAD_USER_INPUT', 'The title must be 5 to 200 characters.', { field: 'title' });
  if (content.length < 10 || content.length > 5000) throw codedError('BAD_USER_INPUT', 'The content must be 10 to 5000 characters.', { field: 'content' });
  const { lat, lng } = submission;
  if (!(lat >= VIETNAM.minLat && lat <= VIETNAM.maxLat && lng >= VIETNAM.minLng && lng <= VIETNAM.maxLng)) {
    throw codedError('BAD_USER_INPUT', 'The location is outside Việt Nam.', { field: 'location' });
  }
}

/**
 * When an answer is due: `hours` working hours on the civil-service calendar. Past the years the
 * holiday data covers, weekdays are not knowable yet; the item is still accepted, with a calendar-hour
 * deadline, rather than refused (nothing a citizen sends is lost for want of next year's holiday list).
 */
export function feedbackDeadline(receivedAt: Date, hours: number): Date {
  try {
    return addWorkingHours(receivedAt, hours);
  } catch (error) {
    if (error instanceof CalendarNotCoveredError) return new Date(receivedAt.getTime() + hours * 3_600_000);
    throw error;
  }
}

/** Record a citizen's submission, route it by category × ward, and return it. */
export async function submitFeedback(db: PrismaClient, submission: FeedbackSubmission, now = new Date()): Promise<FeedbackItem> {
  validate(submission);
  const category = await db.category.findUnique({ where: { code: submission.categoryCode } });
  if (!category) throw codedError('BAD_USER_INPUT', 'Unknown feedback category.', { field: 'categoryCode' });
  const ward = nearestWard(submission.lat, submission.lng);
  const rule =
    (await db.routingRule.findFirst({ where: { categoryCode: category.code, wardCode: ward.code } })) ??
    (await db.routingRule.findFirst({ where: { categoryCode: category.code, wardCode: null } }));
  const unitCode = rule?.unitCode ?? DEFAULT_UNIT_CODE;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await db.$transaction(async (tx) => {
        const item = await tx.feedbackItem.create({
          data: {
            code: newFeedbackCode(now),
            citizenId: submission.citizenId,
            channel: submission.channel,
            categoryCode: category.code,
            title: submission.title.trim(),
            content: submission.content.trim(),
            wardCode: ward.code,
            lat: submission.lat,
            lng: submission.lng,
            isAnonymous: submission.isAnonymous,
            isPublic: submission.isPublic,
            status: 'ROUTED',
            unitCode,
            receivedAt: now,
            dueAt: feedbackDeadline(now, category.deadlineHours),
          },
        });
        await tx.feedbackHistory.createMany({
          data: [
            { itemId: item.id, at: now, actorId: submission.citizenId, action: 'SUBMITTED', toStatus: 'RECEIVED' },
            { itemId: item.id, at: now, actorId: null, action: rule ? 'ROUTED_BY_RULE' : 'ROUTED_TO_DEFAULT', fromStatus: 'RECEIVED', toStatus: 'ROUTED', note: unitCode },
          ],
        });
        return item;
      });
    } catch (error) {
      // A random code collided with an existing one (P2002): draw another.
      if ((error as { code?: string }).code === 'P2002' && attempt < 5) continue;
      throw error;
    }
  }
}

/** Items assigned to a unit, newest first. */
export function findFeedbackByUnit(db: PrismaClient, unitCode: string, status: FeedbackStatus | undefined, first: number): Promise<FeedbackItem[]> {
  return db.feedbackItem.findMany({ where: { unitCode, ...(status ? { status } : {}) }, orderBy: [{ receivedAt: 'desc' }, { code: 'asc' }], take: first });
}
