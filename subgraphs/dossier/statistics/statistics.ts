// Each agency's published results (agencyStatistics), as the national portal publishes them: of the
// dossiers received in a period (withdrawn ones aside), how many closed early, on time or late, and how
// many are still open within their term or overdue; the on-time rate (early + on time + open within
// term) / received; and the agencies ranked by it. Whole local days come from the rollup the trigger
// keeps (migration 20261206140000_dossier_statistics); the part-days at either end of the period and
// the open dossiers are read from "dossier" (the open ones through a partial index).
import { vietnamDayNumber, vietnamDayStart } from '../../../platform/vietnam-time.ts';
import { checkPeriod } from '../../kit/period.ts';
import type { Period } from '../../kit/period.ts';
import type { PrismaClient } from '../prisma/generated/client.ts';

/** One agency's figures for a period. */
export interface AgencyFigures {
  readonly agencyCode: string;
  readonly received: number;
  readonly closedEarly: number;
  readonly closedOnTime: number;
  readonly closedLate: number;
  readonly openWithinTerm: number;
  readonly openOverdue: number;
  /** (closedEarly + closedOnTime + openWithinTerm) / received (agencies that received nothing are not listed). */
  readonly onTimeRate: number;
  /** 1 for the best on-time rate (more dossiers first among equals). */
  readonly rank: number;
}

const DAY_MS = 86_400_000;
const localDay = vietnamDayNumber;
const dayStart = vietnamDayStart;

/** A day index as 'YYYY-MM-DD'. */
function isoDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

interface CountRow {
  agency_code: string;
  received: number;
  closed_early: number;
  closed_on_time: number;
  closed_late: number;
}

/** The figures of every agency that received dossiers in `period` (or only `agencyCode`'s), ranked. */
export async function agencyStatistics(db: PrismaClient, period: Period, agencyCode?: string, now = new Date()): Promise<AgencyFigures[]> {
  checkPeriod(period);
  // Whole local days inside [from, to) from the rollup; the rest of the period from the dossiers themselves.
  const fromDay = localDay(period.from);
  const firstDay = dayStart(fromDay).getTime() === period.from.getTime() ? fromDay : fromDay + 1;
  const endDay = Math.max(firstDay, localDay(period.to));
  const wholeDays = endDay > firstDay;
  const rawBefore = wholeDays ? dayStart(firstDay) : period.to;
  const rawAfter = wholeDays ? dayStart(endDay) : period.to;
  const agencyFilter = agencyCode === undefined ? '' : 'AND "agency_code" = $3';

  const [rolled, raw, open] = await Promise.all([
    wholeDays
      ? db.$queryRawUnsafe<CountRow[]>(
          `SELECT "agency_code", sum("received")::int AS "received", sum("closed_early")::int AS "closed_early",
                  sum("closed_on_time")::int AS "closed_on_time", sum("closed_late")::int AS "closed_late"
             FROM "dossier_stats_daily" WHERE "day" >= $1::date AND "day" < $2::date ${agencyFilter} GROUP BY "agency_code"`,
          isoDay(firstDay),
          isoDay(endDay),
          ...(agencyCode === undefined ? [] : [agencyCode]),
        )
      : Promise.resolve([]),
    db.$queryRawUnsafe<CountRow[]>(
      `SELECT "agency_code", count(*)::int AS "received",
              count(*) FILTER (WHERE dossier_closing("returned_at", "due_at") = 'early')::int AS "closed_early",
              count(*) FILTER (WHERE dossier_closing("returned_at", "due_at") = 'on_time')::int AS "closed_on_time",
              count(*) FILTER (WHERE dossier_closing("returned_at", "due_at") = 'late')::int AS "closed_late"
         FROM "dossier"
        WHERE "status" <> 'CANCELLED'
          AND (("received_at" >= $1 AND "received_at" < $2) OR ("received_at" >= $3 AND "received_at" < $4))
          ${agencyCode === undefined ? '' : 'AND "agency_code" = $5'}
        GROUP BY "agency_code"`,
      period.from,
      rawBefore,
      rawAfter,
      period.to,
      ...(agencyCode === undefined ? [] : [agencyCode]),
    ),
    db.$queryRawUnsafe<{ agency_code: string; within: number; overdue: number }[]>(
      `SELECT "agency_code", count(*) FILTER (WHERE "due_at" >= $3)::int AS "within", count(*) FILTER (WHERE "due_at" < $3)::int AS "overdue"
         FROM "dossier"
        WHERE "returned_at" IS NULL AND "status" <> 'CANCELLED' AND "received_at" >= $1 AND "received_at" < $2
          ${agencyCode === undefined ? '' : 'AND "agency_code" = $4'}
        GROUP BY "agency_code"`,
      period.from,
      period.to,
      now,
      ...(agencyCode === undefined ? [] : [agencyCode]),
    ),
  ]);

  const totals = new Map<string, { received: number; closedEarly: number; closedOnTime: number; closedLate: number; openWithinTerm: number; openOverdue: number }>();
  const entry = (code: string) => {
    let found = totals.get(code);
    if (!found) totals.set(code, (found = { received: 0, closedEarly: 0, closedOnTime: 0, closedLate: 0, openWithinTerm: 0, openOverdue: 0 }));
    return found;
  };
  for (const row of [...rolled, ...raw]) {
    const figures = entry(row.agency_code);
    figures.received += row.received;
    figures.closedEarly += row.closed_early;
    figures.closedOnTime += row.closed_on_time;
    figures.closedLate += row.closed_late;
  }
  for (const row of open) {
    const figures = entry(row.agency_code);
    figures.openWithinTerm += row.within;
    figures.openOverdue += row.overdue;
  }
  const ranked = [...totals]
    .filter(([, figures]) => figures.received > 0)
    .map(([code, figures]) => ({ agencyCode: code, ...figures, onTimeRate: (figures.closedEarly + figures.closedOnTime + figures.openWithinTerm) / figures.received }))
    .sort((a, b) => b.onTimeRate - a.onTimeRate || b.received - a.received || a.agencyCode.localeCompare(b.agencyCode));
  return ranked.map((figures, index) => ({ ...figures, rank: index + 1 }));
}
