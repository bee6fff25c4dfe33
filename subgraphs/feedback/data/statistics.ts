// Statistics for leaders and the dashboard, computed in SQL: counts by a dimension, each unit's
// on-time rate, handling time and rating (the unit ranking), and a heat-map grid.
//
// Counts and the ranking read whole local days (Asia/Ho_Chi_Minh) from the daily rollup
// "feedback_stats_daily", kept exact by triggers for the days before its watermark (migration
// 20261124030000_statistics_indexes), and read the rest — the partial days at the period's edges and the
// days since the watermark, usually just today — from the items. Both parts come from one statement, so
// one snapshot: the results are exactly what counting the items would give, over 2 million items in
// milliseconds rather than seconds. The heat map (any box, any cell size) is an index-only scan.
import { codedError } from '../../../schema/errors.ts';
import type { PrismaClient } from '../prisma/generated/client.ts';

/** What counts can be grouped by. */
export type FeedbackDimension = 'STATUS' | 'CATEGORY' | 'UNIT' | 'WARD' | 'MONTH';

// Whitelisted SQL per dimension: never built from client text. `items` groups the items; `rollup` the
// rollup rows of `dimension` (a month is any dimension's days, summed).
const DIMENSION_SQL: Readonly<Record<FeedbackDimension, { items: string; dimension: string; rollup: string }>> = {
  STATUS: { items: '"status"::text', dimension: 'S', rollup: '"key"' },
  CATEGORY: { items: '"category_code"', dimension: 'C', rollup: '"key"' },
  UNIT: { items: `coalesce("unit_code", '')`, dimension: 'U', rollup: '"key"' },
  WARD: { items: '"ward_code"', dimension: 'W', rollup: '"key"' },
  MONTH: { items: `to_char("received_at" AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM')`, dimension: 'S', rollup: `to_char("day", 'YYYY-MM')` },
};

/** A period of receipt, [from, to). */
export interface Period {
  readonly from: Date;
  readonly to: Date;
}

const MAX_PERIOD_DAYS = 3 * 366;

function checkPeriod(period: Period): void {
  if (!(period.from.getTime() < period.to.getTime())) throw codedError('BAD_USER_INPUT', '"from" must be before "to".', { field: 'from' });
  if (period.to.getTime() - period.from.getTime() > MAX_PERIOD_DAYS * 86_400_000) throw codedError('BAD_USER_INPUT', 'The period is at most three years.', { field: 'to' });
}

/**
 * How a period splits: whole local days [firstDay, endDay) from the rollup, and the items received in
 * [from, rawBefore) and [rawAfter, to). Without whole rolled-up days, the whole period is read raw.
 */
interface PeriodSplit {
  readonly firstDay: string;
  readonly endDay: string;
  readonly rawBefore: Date;
  readonly rawAfter: Date;
}

const NO_DAY = '1970-01-01';

async function splitPeriod(db: PrismaClient, period: Period): Promise<PeriodSplit> {
  for (let attempt = 0; ; attempt += 1) {
    const [row] = await db.$queryRawUnsafe<{ first_day: string; end_day: string; raw_before: Date; raw_after: Date; behind: boolean }[]>(
      `SELECT b."first_day"::text AS "first_day", b."end_day"::text AS "end_day",
              (b."first_day"::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AS "raw_before",
              (b."end_day"::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') AS "raw_after",
              w."rolled_until" < feedback_local_day(now()) AS "behind"
         FROM "feedback_stats_watermark" w,
              LATERAL (SELECT CASE WHEN (feedback_local_day($1::timestamptz)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh') < $1::timestamptz
                                   THEN feedback_local_day($1::timestamptz) + 1 ELSE feedback_local_day($1::timestamptz) END AS "first_day",
                              least(feedback_local_day($2::timestamptz), w."rolled_until") AS "end_day") b`,
      period.from,
      period.to,
    );
    if (!row) throw new Error('feedback_stats_watermark is empty');
    // A new day began since the rollup last moved: roll the finished days in first (once, for everyone).
    if (row.behind && attempt === 0) {
      await db.$queryRawUnsafe(`SELECT feedback_stats_roll_forward(feedback_local_day(now()))::text AS "done"`);
      continue;
    }
    if (row.first_day >= row.end_day) return { firstDay: NO_DAY, endDay: NO_DAY, rawBefore: period.to, rawAfter: period.to };
    return { firstDay: row.first_day, endDay: row.end_day, rawBefore: new Date(row.raw_before), rawAfter: new Date(row.raw_after) };
  }
}

/** Items received in the period, counted by `dimension`, largest first. */
export async function countFeedback(db: PrismaClient, dimension: FeedbackDimension, period: Period): Promise<{ key: string; count: number }[]> {
  checkPeriod(period);
  const split = await splitPeriod(db, period);
  const sql = DIMENSION_SQL[dimension];
  return db.$queryRawUnsafe<{ key: string; count: number }[]>(
    `SELECT "key", sum("n")::int AS "count" FROM (
        SELECT ${sql.rollup} AS "key", sum("items") AS "n" FROM "feedback_stats_daily"
         WHERE "dimension" = '${sql.dimension}' AND "day" >= $3::date AND "day" < $4::date GROUP BY 1
        UNION ALL
        SELECT ${sql.items} AS "key", count(*) AS "n" FROM "feedback_item" WHERE "received_at" >= $1 AND "received_at" < $5 GROUP BY 1
        UNION ALL
        SELECT ${sql.items} AS "key", count(*) AS "n" FROM "feedback_item" WHERE "received_at" >= $6 AND "received_at" < $2 GROUP BY 1
      ) AS "parts"
      GROUP BY "key" HAVING sum("n") > 0 ORDER BY 2 DESC, 1 ASC`,
    period.from,
    period.to,
    split.firstDay,
    split.endDay,
    split.rawBefore,
    split.rawAfter,
  );
}

/** One unit's record over a period. */
export interface UnitPerformance {
  readonly unitCode: string;
  readonly received: number;
  readonly resolved: number;
  readonly onTime: number;
  /** onTime / resolved; null when nothing was resolved. */
  readonly onTimeRate: number | null;
  /** Calendar hours from receipt to the first resolution, on average. */
  readonly averageHandlingHours: number | null;
  readonly averageStars: number | null;
  readonly ratings: number;
}

/** Every unit's on-time rate, handling time and rating, best first (the published ranking). */
export async function rankUnits(db: PrismaClient, period: Period): Promise<UnitPerformance[]> {
  checkPeriod(period);
  const split = await splitPeriod(db, period);
  // Sums, not averages, so the rollup's days and the raw items combine exactly (numeric seconds).
  const rows = await db.$queryRawUnsafe<
    { unit_code: string; received: number; resolved: number; on_time: number; avg_hours: number | null; avg_stars: number | null; ratings: number }[]
  >(
    `SELECT "unit_code",
            sum("received")::int AS "received",
            sum("resolved")::int AS "resolved",
            sum("on_time")::int AS "on_time",
            CASE WHEN sum("resolved") > 0 THEN (sum("handling_seconds") / sum("resolved") / 3600)::float8 END AS "avg_hours",
            CASE WHEN sum("ratings") > 0 THEN (sum("stars")::numeric / sum("ratings"))::float8 END AS "avg_stars",
            sum("ratings")::int AS "ratings"
       FROM (
        SELECT "key" AS "unit_code", "items" AS "received", "resolved", "on_time", "handling_seconds", "stars", "ratings" FROM "feedback_stats_daily"
         WHERE "dimension" = 'U' AND "key" <> '' AND "day" >= $3::date AND "day" < $4::date
        UNION ALL
        SELECT i."unit_code", 1, CASE WHEN r."resolved_at" IS NOT NULL THEN 1 ELSE 0 END, CASE WHEN r."resolved_at" <= i."due_at" THEN 1 ELSE 0 END,
               extract(epoch FROM (r."resolved_at" - i."received_at")), rt."stars", CASE WHEN rt."stars" IS NOT NULL THEN 1 ELSE 0 END
          FROM "feedback_item" i
          LEFT JOIN LATERAL (SELECT min(h."at") AS "resolved_at" FROM "feedback_history" h WHERE h."item_id" = i."id" AND h."to_status" = 'RESOLVED') r ON true
          LEFT JOIN "feedback_rating" rt ON rt."item_id" = i."id"
         WHERE ((i."received_at" >= $1 AND i."received_at" < $5) OR (i."received_at" >= $6 AND i."received_at" < $2)) AND i."unit_code" IS NOT NULL
       ) AS "parts"
      GROUP BY "unit_code" HAVING sum("received") > 0`,
    period.from,
    period.to,
    split.firstDay,
    split.endDay,
    split.rawBefore,
    split.rawAfter,
  );
  return rows
    .map((row) => ({
      unitCode: row.unit_code,
      received: row.received,
      resolved: row.resolved,
      onTime: row.on_time,
      onTimeRate: row.resolved > 0 ? row.on_time / row.resolved : null,
      averageHandlingHours: row.avg_hours,
      averageStars: row.avg_stars,
      ratings: row.ratings,
    }))
    .sort((a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || (b.averageStars ?? 0) - (a.averageStars ?? 0) || a.unitCode.localeCompare(b.unitCode));
}

/** A box on the map and a cell size. */
export interface HeatmapRequest extends Period {
  readonly minLat: number;
  readonly minLng: number;
  readonly maxLat: number;
  readonly maxLng: number;
  readonly cellDegrees: number;
}

const MAX_CELLS = 250_000;

/** Counts per grid cell inside the box (only cells with items), each at its centre. */
export async function heatmap(db: PrismaClient, request: HeatmapRequest): Promise<{ lat: number; lng: number; count: number }[]> {
  checkPeriod(request);
  const { minLat, minLng, maxLat, maxLng, cellDegrees } = request;
  if (!(minLat < maxLat && minLng < maxLng) || minLat < -90 || maxLat > 90 || minLng < -180 || maxLng > 180) {
    throw codedError('BAD_USER_INPUT', 'The box must have min < max inside valid coordinates.', { field: 'box' });
  }
  if (!(cellDegrees >= 0.0005 && cellDegrees <= 1)) throw codedError('BAD_USER_INPUT', 'cellDegrees must be between 0.0005 and 1.', { field: 'cellDegrees' });
  if (((maxLat - minLat) / cellDegrees) * ((maxLng - minLng) / cellDegrees) > MAX_CELLS) {
    throw codedError('BAD_USER_INPUT', `The grid would have more than ${MAX_CELLS} cells: use larger cells or a smaller box.`, { field: 'cellDegrees' });
  }
  const rows = await db.$queryRawUnsafe<{ y: number; x: number; count: number }[]>(
    `SELECT floor("lat" / $5)::int AS "y", floor("lng" / $5)::int AS "x", count(*)::int AS "count" FROM "feedback_item"
      WHERE "lat" >= $1 AND "lat" < $2 AND "lng" >= $3 AND "lng" < $4 AND "received_at" >= $6 AND "received_at" < $7
      GROUP BY 1, 2 ORDER BY 3 DESC`,
    minLat,
    maxLat,
    minLng,
    maxLng,
    cellDegrees,
    request.from,
    request.to,
  );
  const round = (value: number) => Math.round(value * 1e6) / 1e6;
  return rows.map((row) => ({ lat: round((row.y + 0.5) * cellDegrees), lng: round((row.x + 0.5) * cellDegrees), count: row.count }));
}
