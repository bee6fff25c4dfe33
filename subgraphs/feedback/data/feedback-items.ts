// Queries on feedback items, named by verb.
import { takePerKey } from '../../kit/loaders.ts';
import type { PrismaClient, FeedbackItem } from '../prisma/generated/client.ts';

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
