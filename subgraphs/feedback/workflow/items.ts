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

/** What waits for an operator: new items, items a unit sent back, items the reporter reopened (also a partial index: migration 20261208010000). */
export const AWAITING_OPERATOR: readonly FeedbackStatus[] = ['RECEIVED', 'RETURNED', 'REOPENED'];

/** States in which an item is still being handled, not finished (also a partial index: migration 20261208010000). */
export const OPEN_STATUSES: readonly FeedbackStatus[] = ['RECEIVED', 'ROUTED', 'IN_PROGRESS', 'PROGRESS_REPORTED', 'RETURNED', 'REOPENED'];

/** The operators' queue filters. */
export interface OperatorQueueFilter {
  readonly channel?: Channel | undefined;
  readonly categoryCode?: string | undefined;
  readonly wardCode?: string | undefined;
  /** Only items due before this instant (SLA remaining). */
  readonly dueBefore?: Date | undefined;
}

/**
 * `'A', 'B'`: the states written into the SQL as literals. The partial indexes over them (migration
 * 20261208010000) are used only then: PostgreSQL cannot prove a parameter cast to the enum lies in an index's
 * predicate, so Prisma's `status IN ($1, …)` scans every item (0.5 s at a million items; 0.1 ms this way).
 */
function statusLiterals(statuses: readonly FeedbackStatus[]): string {
  return statuses.map((status) => `'${status.replace(/[^A-Z_]/g, '')}'`).join(', ');
}

/** The items with `ids`, in that order (the ids a raw query ranked). */
async function itemsInOrder(db: PrismaClient, rows: readonly { id: string }[]): Promise<FeedbackItem[]> {
  if (rows.length === 0) return [];
  const items = await db.feedbackItem.findMany({ where: { id: { in: rows.map((row) => row.id) } } });
  const byId = new Map(items.map((item) => [item.id, item]));
  return rows.flatMap((row) => byId.get(row.id) ?? []);
}

/** The 1022 centre's queue: items waiting for an operator, oldest first. */
export async function findOperatorQueue(db: PrismaClient, filter: OperatorQueueFilter, first: number): Promise<FeedbackItem[]> {
  const values: unknown[] = [];
  const where = [`"status" IN (${statusLiterals(AWAITING_OPERATOR)})`];
  const add = (sql: (placeholder: string) => string, value: unknown) => {
    values.push(value);
    where.push(sql(`$${values.length}`));
  };
  if (filter.channel) add((p) => `"channel" = ${p}::text::"Channel"`, filter.channel);
  if (filter.categoryCode) add((p) => `"category_code" = ${p}`, filter.categoryCode);
  if (filter.wardCode) add((p) => `"ward_code" = ${p}`, filter.wardCode);
  if (filter.dueBefore) add((p) => `"due_at" < ${p}`, filter.dueBefore);
  values.push(first);
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT "id"::text AS "id" FROM "feedback_item" WHERE ${where.join(' AND ')} ORDER BY "received_at" ASC, "code" ASC LIMIT $${values.length}`,
    ...values,
  );
  return itemsInOrder(db, rows);
}

/** Open items past their deadline, the latest first (the earliest deadline). */
export async function findOverdueFeedback(db: PrismaClient, now: Date, first: number): Promise<FeedbackItem[]> {
  const rows = await db.$queryRawUnsafe<{ id: string }[]>(
    `SELECT "id"::text AS "id" FROM "feedback_item" WHERE "status" IN (${statusLiterals(OPEN_STATUSES)}) AND "due_at" < $1 ORDER BY "due_at" ASC, "code" ASC LIMIT $2`,
    now,
    first,
  );
  return itemsInOrder(db, rows);
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
