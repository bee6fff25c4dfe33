// Queries on feedback items, named by verb: by citizen (their own list), by code, and a unit's queue.
import { takePerKey } from '../../kit/loaders.ts';
import type { FeedbackItem, FeedbackStatus, PrismaClient } from '../prisma/generated/client.ts';

/** The newest items of each citizen, at most `perCitizen` each. */
export async function findFeedbackByCitizenIds(db: PrismaClient, citizenIds: readonly string[], perCitizen: number): Promise<FeedbackItem[]> {
  const rows = await db.feedbackItem.findMany({
    where: { citizenId: { in: [...citizenIds] } },
    orderBy: [{ receivedAt: 'desc' }, { code: 'asc' }],
  });
  return takePerKey(rows, (row) => row.citizenId ?? '', perCitizen);
}

/** One item by its public code. */
export function findFeedbackByCode(db: PrismaClient, code: string): Promise<FeedbackItem | null> {
  return db.feedbackItem.findUnique({ where: { code } });
}

/** Items assigned to a unit, newest first. */
export function findFeedbackByUnit(db: PrismaClient, unitCode: string, status: FeedbackStatus | undefined, first: number): Promise<FeedbackItem[]> {
  return db.feedbackItem.findMany({ where: { unitCode, ...(status ? { status } : {}) }, orderBy: [{ receivedAt: 'desc' }, { code: 'asc' }], take: first });
}
