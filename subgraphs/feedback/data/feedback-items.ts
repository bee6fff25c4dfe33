// Queries on feedback items, named by verb.
import type { PrismaClient, FeedbackItem } from '../prisma/generated/client.ts';

/** The newest items of each citizen, at most `perCitizen` each. */
export async function findFeedbackByCitizenIds(db: PrismaClient, citizenIds: readonly string[], perCitizen: number): Promise<FeedbackItem[]> {
  const rows = await db.feedbackItem.findMany({
    where: { citizenId: { in: [...citizenIds] } },
    orderBy: [{ receivedAt: 'desc' }, { code: 'asc' }],
  });
  const seen = new Map<string, number>();
  return rows.filter((row) => {
    const count = (seen.get(row.citizenId ?? '') ?? 0) + 1;
    seen.set(row.citizenId ?? '', count);
    return count <= perCitizen;
  });
}

/** One item by its public code. */
export function findFeedbackByCode(db: PrismaClient, code: string): Promise<FeedbackItem | null> {
  return db.feedbackItem.findUnique({ where: { code } });
}
