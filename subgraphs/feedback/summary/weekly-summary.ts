// The Friday summary for leaders [seed: "leaders get an automatic summary every Friday afternoon:
// received, handled, late"]. For each leader's scope (leader_scope rows: the city, units, wards,
// categories — any of them) and the seven days up to the week's scheduled run:
//   received — items received in the period;
//   handled  — items that reached RESOLVED, PUBLISHED or CLOSED in the period (each item once);
//   late     — items whose deadline fell in the period and that were not finished (resolved, published,
//              closed or refused) by it. modelled: the definitions are ours; the portals publish none.
// Each summary is a weekly_summary row keyed by leader and ISO week, inserted with its outbox event in
// one transaction: a second run, a restart or a second replica finds the row and emits nothing.
import { randomUUID } from 'node:crypto';
import { writeOutbox } from '../../kit/events/outbox.ts';
import { WARDS } from '../../kit/reference/wards.ts';
import type { LeaderScopeKind, PrismaClient } from '../prisma/generated/client.ts';
import { summaryPeriod } from './schedule.ts';
import type { SummaryPeriod, WeeklySchedule } from './schedule.ts';

/** The topic notification consumes. */
export const WEEKLY_SUMMARY_TOPIC = 'feedback.weekly-summary';

/** One leader's counts for one week. */
export interface LeaderSummary {
  readonly leaderId: string;
  readonly week: string;
  readonly periodStart: Date;
  readonly periodEnd: Date;
  readonly received: number;
  readonly handled: number;
  readonly late: number;
  /** false when this week's summary for the leader already existed (nothing emitted). */
  readonly emitted: boolean;
}

/** What the event carries: the leader's subject, the week and counts — no personal data. */
export interface WeeklySummaryPayload {
  readonly leaderId: string;
  readonly week: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly received: number;
  readonly handled: number;
  readonly late: number;
}

interface ScopeCodes {
  readonly wards: string[];
  readonly units: string[];
  readonly categories: string[];
}

function scopeCodes(scopes: readonly { kind: LeaderScopeKind; code: string }[]): ScopeCodes {
  const wards: string[] = [];
  const units: string[] = [];
  const categories: string[] = [];
  for (const scope of scopes) {
    switch (scope.kind) {
      case 'CITY':
        // The city is every ward of the province (province code, e.g. HCM).
        wards.push(...WARDS.filter((ward) => ward.province === scope.code).map((ward) => ward.code));
        break;
      case 'WARD':
        wards.push(scope.code);
        break;
      case 'UNIT':
        units.push(scope.code);
        break;
      case 'CATEGORY':
        categories.push(scope.code);
        break;
    }
  }
  return { wards, units, categories };
}

// The scope as SQL over feedback_item "i"; codes travel as JSON parameters ($3, $4, $5), never as SQL text.
const IN_SCOPE = `(i."ward_code" IN (SELECT jsonb_array_elements_text($3::jsonb))
  OR i."unit_code" IN (SELECT jsonb_array_elements_text($4::jsonb))
  OR i."category_code" IN (SELECT jsonb_array_elements_text($5::jsonb)))`;

/** Count received, handled and late items in `scopes` over `period`. */
export async function countForScopes(
  db: PrismaClient,
  scopes: readonly { kind: LeaderScopeKind; code: string }[],
  period: Pick<SummaryPeriod, 'start' | 'end'>,
): Promise<{ received: number; handled: number; late: number }> {
  const codes = scopeCodes(scopes);
  const params = [period.start, period.end, JSON.stringify(codes.wards), JSON.stringify(codes.units), JSON.stringify(codes.categories)];
  const [row] = await db.$queryRawUnsafe<{ received: number; handled: number; late: number }[]>(
    `SELECT
       (SELECT count(*)::int FROM "feedback_item" i
         WHERE i."received_at" >= $1 AND i."received_at" < $2 AND ${IN_SCOPE}) AS "received",
       (SELECT count(DISTINCT i."id")::int FROM "feedback_item" i JOIN "feedback_history" h ON h."item_id" = i."id"
         WHERE h."to_status" IN ('RESOLVED', 'PUBLISHED', 'CLOSED') AND h."at" >= $1 AND h."at" < $2 AND ${IN_SCOPE}) AS "handled",
       (SELECT count(*)::int FROM "feedback_item" i
         WHERE i."due_at" >= $1 AND i."due_at" < $2 AND ${IN_SCOPE}
           AND NOT EXISTS (SELECT 1 FROM "feedback_history" h
                            WHERE h."item_id" = i."id" AND h."to_status" IN ('RESOLVED', 'PUBLISHED', 'CLOSED', 'REJECTED') AND h."at" <= i."due_at")) AS "late"`,
    ...params,
  );
  return { received: row?.received ?? 0, handled: row?.handled ?? 0, late: row?.late ?? 0 };
}

/**
 * Produce `week`'s summary (e.g. "2026-W47") for every leader with a scope, and write each as a
 * `feedback.weekly-summary` event into the outbox. Idempotent per leader and week. For the
 * scheduler, tests and operators (`node subgraphs/feedback/summary/run.ts 2026-W47`).
 */
export async function runWeeklySummary(db: PrismaClient, week: string, schedule: WeeklySchedule): Promise<LeaderSummary[]> {
  const period = summaryPeriod(schedule, week);
  const scopes = await db.leaderScope.findMany({ orderBy: [{ leaderId: 'asc' }, { id: 'asc' }] });
  const byLeader = new Map<string, { kind: LeaderScopeKind; code: string }[]>();
  for (const scope of scopes) byLeader.set(scope.leaderId, [...(byLeader.get(scope.leaderId) ?? []), scope]);
  const summaries: LeaderSummary[] = [];
  for (const [leaderId, leaderScopes] of byLeader) {
    const counts = await countForScopes(db, leaderScopes, period);
    const eventId = randomUUID();
    const emitted = await db.$transaction(async (tx) => {
      const { count } = await tx.weeklySummary.createMany({
        data: [{ leaderId, week, periodStart: period.start, periodEnd: period.end, ...counts, eventId }],
        skipDuplicates: true,
      });
      if (count === 0) return false;
      const payload: WeeklySummaryPayload = { leaderId, week, periodStart: period.start.toISOString(), periodEnd: period.end.toISOString(), ...counts };
      await writeOutbox(tx, { id: eventId, topic: WEEKLY_SUMMARY_TOPIC, payload: { ...payload }, occurredAt: period.end });
      return true;
    });
    summaries.push({ leaderId, week, periodStart: period.start, periodEnd: period.end, ...counts, emitted });
  }
  return summaries;
}
