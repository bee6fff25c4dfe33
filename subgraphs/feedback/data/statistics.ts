// Statistics for leaders and the dashboard, computed in SQL: counts by a dimension, each unit's
// on-time rate, handling time and rating (the unit ranking), and a heat-map grid.
import { codedError } from '../../../schema/errors.ts';
import type { PrismaClient } from '../prisma/generated/client.ts';

/** What counts can be grouped by. */
export type FeedbackDimension = 'STATUS' | 'CATEGORY' | 'UNIT' | 'WARD' | 'MONTH';

// Whitelisted SQL per dimension: never built from client text.
const DIMENSION_SQL: Readonly<Record<FeedbackDimension, string>> = {
  STATUS: '"status"::text',
  CATEGORY: '"category_code"',
  UNIT: `coalesce("unit_code", '')`,
  WARD: '"ward_code"',
  MONTH: `to_char("received_at" AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM')`,
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

/** Items received in the period, counted by `dimension`, largest first. */
export async function countFeedback(db: PrismaClient, dimension: FeedbackDimension, period: Period): Promise<{ key: string; count: number }[]> {
  checkPeriod(period);
  return db.$queryRawUnsafe<{ key: string; count: number }[]>(
    `SELECT ${DIMENSION_SQL[dimension]} AS "key", count(*)::int AS "count" FROM "feedback_item"
      WHERE "received_at" >= $1 AND "received_at" < $2 GROUP BY 1 ORDER BY 2 DESC, 1 ASC`,
    period.from,
    period.to,
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
  const rows = await db.$queryRawUnsafe<
    { unit_code: string; received: number; resolved: number; on_time: number; avg_hours: number | null; avg_stars: number | null; ratings: number }[]
  >(
    `SELECT i."unit_code",
            count(*)::int AS "received",
            count(r."resolved_at")::int AS "resolved",
            count(*) FILTER (WHERE r."resolved_at" <= i."due_at")::int AS "on_time",
            (avg(extract(epoch FROM (r."resolved_at" - i."received_at"))) / 3600)::float8 AS "avg_hours",
            avg(rt."stars")::float8 AS "avg_stars",
            count(rt."stars")::int AS "ratings"
       FROM "feedback_item" i
       LEFT JOIN LATERAL (SELECT min(h."at") AS "resolved_at" FROM "feedback_history" h WHERE h."item_id" = i."id" AND h."to_status" = 'RESOLVED') r ON true
       LEFT JOIN "feedback_rating" rt ON rt."item_id" = i."id"
      WHERE i."received_at" >= $1 AND i."received_at" < $2 AND i."unit_code" IS NOT NULL
      GROUP BY i."unit_code"`,
    period.from,
    period.to,
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
