// Queries on feedback items, named by verb: by citizen (their own list), by code, a unit's queue, the
// 1022 centre's queue (items waiting for an operator), the overdue list and a period's items (the
// dashboard's drill-down).
import { takePerKey } from '../../kit/loaders.ts';
import type { Channel, FeedbackItem, FeedbackStatus, PrismaClient } from '../prisma/generated/client.ts';

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

/** What waits for an operator: new items, items a unit sent back, items the reporter reopened. */
export const AWAITING_OPERATOR: readonly FeedbackStatus[] = ['RECEIVED', 'RETURNED', 'REOPENED'];

/** States in which an item is still being handled (not finished). */
export const OPEN_STATUSES: readonly FeedbackStatus[] = ['RECEIVED', 'ROUTED', 'IN_PROGRESS', 'PROGRESS_REPORTED', 'RETURNED', 'REOPENED'];

/** The operators' queue filters. */
export interface OperatorQueueFilter {
  readonly channel?: Channel | undefined;
  readonly categoryCode?: string | undefined;
  readonly wardCode?: string | undefined;
  /** Only items due before this instant (SLA remaining). */
  readonly dueBefore?: Date | undefined;
}

/** The 1022 centre's queue: items waiting for an operator, oldest first. */
export function findOperatorQueue(db: PrismaClient, filter: OperatorQueueFilter, first: number): Promise<FeedbackItem[]> {
  return db.feedbackItem.findMany({
    where: {
      status: { in: [...AWAITING_OPERATOR] },
      ...(filter.channel ? { channel: filter.channel } : {}),
      ...(filter.categoryCode ? { categoryCode: filter.categoryCode } : {}),
      ...(filter.wardCode ? { wardCode: filter.wardCode } : {}),
      ...(filter.dueBefore ? { dueAt: { lt: filter.dueBefore } } : {}),
    },
    orderBy: [{ receivedAt: 'asc' }, { code: 'asc' }],
    take: first,
  });
}

/** Open items past their deadline, the latest first (the earliest deadline). */
export function findOverdueFeedback(db: PrismaClient, now: Date, first: number): Promise<FeedbackItem[]> {
  return db.feedbackItem.findMany({ where: { status: { in: [...OPEN_STATUSES] }, dueAt: { lt: now } }, orderBy: [{ dueAt: 'asc' }, { code: 'asc' }], take: first });
}

/** What the dashboard drills down to: a period of receipt, and a ward and/or a category. */
export interface PeriodFilter {
  readonly from: Date;
  readonly to: Date;
  readonly wardCode?: string | undefined;
  readonly categoryCode?: string | undefined;
}

/** Items received in the period (in the ward and category when given), newest first. */
export function findFeedbackInPeriod(db: PrismaClient, filter: PeriodFilter, first: number): Promise<FeedbackItem[]> {
  return db.feedbackItem.findMany({
    where: {
      receivedAt: { gte: filter.from, lt: filter.to },
      ...(filter.wardCode ? { wardCode: filter.wardCode } : {}),
      ...(filter.categoryCode ? { categoryCode: filter.categoryCode } : {}),
    },
    orderBy: [{ receivedAt: 'desc' }, { code: 'asc' }],
    take: first,
  });
}
