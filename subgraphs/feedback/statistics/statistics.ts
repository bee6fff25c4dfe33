// Statistics for leaders and the dashboard, computed in SQL: counts by a dimension, each unit's
// on-time rate, handling time and rating (the unit ranking), and a heat-map grid.
//
// Each reads rollups kept exact by triggers for the local days (Asia/Ho_Chi_Minh) before a watermark:
// the period's whole months from month rows, its other whole days from day rows — "feedback_stats_monthly"
// and "feedback_stats_daily" per dimension (migrations 20261124030000_statistics_indexes and
// 20261124080000_statistics_monthly), "feedback_stats_grid" per 0.01° cell (20261124060000_statistics_grid)
// — and the rest (the partial days at the period's edges, and the days since the watermark, usually
// just today) from the items, as index-only range scans on (received_at) INCLUDE (the columns read
// here). All parts come from one statement, so one snapshot: the results are exactly what counting the
// items would give, over 2 million items in tens of milliseconds.
import { codedError } from '../../../schema/errors.ts';
import { checkPeriod } from '../../kit/period.ts';
import type { Period } from '../../kit/period.ts';
import type { PrismaClient } from '../prisma/generated/client.ts';

/** What counts can be grouped by. */
export type FeedbackDimension = 'STATUS' | 'CATEGORY' | 'UNIT' | 'WARD' | 'MONTH' | 'WEEK' | 'DAY';

const LOCAL_RECEIPT = `("received_at" AT TIME ZONE 'Asia/Ho_Chi_Minh')`;

// Whitelisted SQL per dimension: never built from client text. `items` groups the items; `rollup` the
// rollup rows of `dimension` (a month, week or day is any dimension's days, summed); `daysOnly`: a
// month row cannot be split into weeks or days, so those read the day rows alone.
const DIMENSION_SQL: Readonly<Record<FeedbackDimension, { items: string; dimension: string; rollup: string; daysOnly?: true }>> = {
  STATUS: { items: '"status"::text', dimension: 'S', rollup: '"key"' },
  CATEGORY: { items: '"category_code"', dimension: 'C', rollup: '"key"' },
  UNIT: { items: `coalesce("unit_code", '')`, dimension: 'U', rollup: '"key"' },
  WARD: { items: '"ward_code"', dimension: 'W', rollup: '"key"' },
  MONTH: { items: `to_char(${LOCAL_RECEIPT}, 'YYYY-MM')`, dimension: 'S', rollup: `to_char("day", 'YYYY-MM')` },
  WEEK: { items: `to_char(${LOCAL_RECEIPT}, 'IYYY-"W"IW')`, dimension: 'S', rollup: `to_char("day", 'IYYY-"W"IW')`, daysOnly: true },
  DAY: { items: `to_char(${LOCAL_RECEIPT}, 'YYYY-MM-DD')`, dimension: 'S', rollup: `to_char("day", 'YYYY-MM-DD')`, daysOnly: true },
};

/** A period of receipt, [from, to). */
export type { Period } from '../../kit/period.ts';

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

/**
 * The whole local months [firstMonth, endMonth) inside [firstDay, endDay), each given by its first day;
 * the days outside them are [firstDay, firstMonth) and [endMonth, endDay). No whole month: both are
 * endDay, so the days are [firstDay, endDay).
 */
function wholeMonths(split: PeriodSplit): { firstMonth: string; endMonth: string } {
  const [year, month] = split.firstDay.split('-').map(Number) as [number, number];
  const firstMonth = split.firstDay.endsWith('-01') ? split.firstDay : month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  const endMonth = `${split.endDay.slice(0, 8)}01`;
  return firstMonth < endMonth ? { firstMonth, endMonth } : { firstMonth: split.endDay, endMonth: split.endDay };
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

/** Items received in the period, counted by `dimension`, largest first; with `categoryCode`, that category's items only. */
export async function countFeedback(db: PrismaClient, dimension: FeedbackDimension, period: Period, categoryCode?: string): Promise<{ key: string; count: number }[]> {
  checkPeriod(period);
  const sql = DIMENSION_SQL[dimension];
  if (categoryCode !== undefined) {
    if (categoryCode.length === 0 || categoryCode.length > 64) throw codedError('BAD_USER_INPUT', 'categoryCode must be 1 to 64 characters.', { field: 'categoryCode' });
    // The rollups are per dimension, not per category and dimension: one index-only scan of the period's items.
    return db.$queryRawUnsafe<{ key: string; count: number }[]>(
      `SELECT ${sql.items} AS "key", count(*)::int AS "count" FROM "feedback_item"
        WHERE "received_at" >= $1 AND "received_at" < $2 AND "category_code" = $3 GROUP BY 1 ORDER BY 2 DESC, 1 ASC`,
      period.from,
      period.to,
      categoryCode,
    );
  }
  const split = await splitPeriod(db, period);
  const { firstMonth, endMonth } = sql.daysOnly ? { firstMonth: split.endDay, endMonth: split.endDay } : wholeMonths(split);
  const rollup = (table: string, from: string, to: string) =>
    `SELECT ${sql.rollup} AS "key", sum("items") AS "n" FROM "${table}" WHERE "dimension" = '${sql.dimension}' AND "day" >= ${from}::date AND "day" < ${to}::date GROUP BY 1`;
  return db.$queryRawUnsafe<{ key: string; count: number }[]>(
    `SELECT "key", sum("n")::int AS "count" FROM (
        ${rollup('feedback_stats_monthly', '$7', '$8')}
        UNION ALL
        ${rollup('feedback_stats_daily', '$3', '$7')}
        UNION ALL
        ${rollup('feedback_stats_daily', '$8', '$4')}
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
    firstMonth,
    endMonth,
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
  const { firstMonth, endMonth } = wholeMonths(split);
  const rollup = (table: string, from: string, to: string) =>
    `SELECT "key" AS "unit_code", "items" AS "received", "resolved", "on_time", "handling_seconds", "stars", "ratings" FROM "${table}"
      WHERE "dimension" = 'U' AND "key" <> '' AND "day" >= ${from}::date AND "day" < ${to}::date`;
  // Sums, not averages, so the rollup's days and the raw items combine exactly (numeric seconds).
  const rows = await db.$queryRawUnsafe<{ unit_code: string; received: number; resolved: number; on_time: number; avg_hours: number | null; avg_stars: number | null; ratings: number }[]>(
    `SELECT "unit_code",
            sum("received")::int AS "received",
            sum("resolved")::int AS "resolved",
            sum("on_time")::int AS "on_time",
            CASE WHEN sum("resolved") > 0 THEN (sum("handling_seconds") / sum("resolved") / 3600)::float8 END AS "avg_hours",
            CASE WHEN sum("ratings") > 0 THEN (sum("stars")::numeric / sum("ratings"))::float8 END AS "avg_stars",
            sum("ratings")::int AS "ratings"
       FROM (
        ${rollup('feedback_stats_monthly', '$7', '$8')}
        UNION ALL
        ${rollup('feedback_stats_daily', '$3', '$7')}
        UNION ALL
        ${rollup('feedback_stats_daily', '$8', '$4')}
        UNION ALL
        SELECT "unit_code", 1, CASE WHEN "resolved_at" IS NOT NULL THEN 1 ELSE 0 END, CASE WHEN "resolved_at" <= "due_at" THEN 1 ELSE 0 END,
               extract(epoch FROM ("resolved_at" - "received_at")), "rating_stars", CASE WHEN "rating_stars" IS NOT NULL THEN 1 ELSE 0 END
          FROM "feedback_item" WHERE "received_at" >= $1 AND "received_at" < $5 AND "unit_code" IS NOT NULL
        UNION ALL
        SELECT "unit_code", 1, CASE WHEN "resolved_at" IS NOT NULL THEN 1 ELSE 0 END, CASE WHEN "resolved_at" <= "due_at" THEN 1 ELSE 0 END,
               extract(epoch FROM ("resolved_at" - "received_at")), "rating_stars", CASE WHEN "rating_stars" IS NOT NULL THEN 1 ELSE 0 END
          FROM "feedback_item" WHERE "received_at" >= $6 AND "received_at" < $2 AND "unit_code" IS NOT NULL
       ) AS "parts"
      GROUP BY "unit_code" HAVING sum("received") > 0`,
    period.from,
    period.to,
    split.firstDay,
    split.endDay,
    split.rawBefore,
    split.rawAfter,
    firstMonth,
    endMonth,
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

// Coordinates and cell sizes are taken to 1e-7° (about 1 cm), in integer units, as feedback_grid_cell
// does in the database: decimal coordinates then fall in the cell they read (in floating point
// 0.29 / 0.01 is 28.999999999999996). The grid rollup's cells are GRID_UNITS (0.01°) wide.
const UNITS_PER_DEGREE = 1e7;
const GRID_UNITS = 100_000;
// The same rounding as PostgreSQL's round(double precision) (half to even), for exact halves too.
const units = (degrees: number): number => {
  const scaled = degrees * UNITS_PER_DEGREE;
  const rounded = Math.round(scaled);
  return rounded - scaled === 0.5 && rounded % 2 !== 0 ? rounded - 1 : rounded;
};

interface Box {
  readonly minLat: number;
  readonly minLng: number;
  readonly maxLat: number;
  readonly maxLng: number;
}

/**
 * Counts per grid cell inside the box (only cells with items), each at its centre. A point is in the
 * box when minLat ≤ lat < maxLat and minLng ≤ lng < maxLng, and in cell floor(lat / cellDegrees),
 * floor(lng / cellDegrees), all taken to 1e-7°.
 */
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
  const size = units(cellDegrees);
  const box: Box = { minLat: units(minLat), minLng: units(minLng), maxLat: units(maxLat), maxLng: units(maxLng) };
  // Cells made of whole 0.01° cells in a box on 0.01° lines: from the grid rollup; else from the items.
  const onGrid = [size, box.minLat, box.minLng, box.maxLat, box.maxLng].every((value) => value % GRID_UNITS === 0);
  const rows = onGrid ? await heatmapFromGrid(db, request, box, size / GRID_UNITS) : await heatmapFromItems(db, request, box, size);
  const cell = size / UNITS_PER_DEGREE;
  const round = (value: number) => Math.round(value * 1e6) / 1e6;
  return rows.map((row) => ({ lat: round((row.y + 0.5) * cell), lng: round((row.x + 0.5) * cell), count: row.count }));
}

type CellRow = { y: number; x: number; count: number };

/** Whole days and months from the grid rollup, the rest from the items; `cells` grid cells a side. */
async function heatmapFromGrid(db: PrismaClient, period: Period, box: Box, cells: number): Promise<CellRow[]> {
  const split = await splitPeriod(db, period);
  const { firstMonth, endMonth } = wholeMonths(split);
  const inBox = (y: string, x: string) => `${y} >= $1 AND ${y} < $2 AND ${x} >= $3 AND ${x} < $4`;
  const cellsInBox = inBox('feedback_grid_cell("lat")', 'feedback_grid_cell("lng")');
  return db.$queryRawUnsafe<CellRow[]>(
    `SELECT floor("y"::float8 / $5)::int AS "y", floor("x"::float8 / $5)::int AS "x", sum("n")::int AS "count" FROM (
        SELECT "y", "x", "items" AS "n" FROM "feedback_stats_grid"
         WHERE "span" = 'M' AND "day" >= $10::date AND "day" < $11::date AND ${inBox('"y"', '"x"')}
        UNION ALL
        SELECT "y", "x", "items" FROM "feedback_stats_grid"
         WHERE "span" = 'D' AND "day" >= $8::date AND "day" < $10::date AND ${inBox('"y"', '"x"')}
        UNION ALL
        SELECT "y", "x", "items" FROM "feedback_stats_grid"
         WHERE "span" = 'D' AND "day" >= $11::date AND "day" < $9::date AND ${inBox('"y"', '"x"')}
        UNION ALL
        SELECT feedback_grid_cell("lat"), feedback_grid_cell("lng"), 1 FROM "feedback_item"
         WHERE "received_at" >= $6 AND "received_at" < $12 AND ${cellsInBox}
        UNION ALL
        SELECT feedback_grid_cell("lat"), feedback_grid_cell("lng"), 1 FROM "feedback_item"
         WHERE "received_at" >= $13 AND "received_at" < $7 AND ${cellsInBox}
      ) AS "parts"
      GROUP BY 1, 2 HAVING sum("n") > 0 ORDER BY 3 DESC, 1, 2`,
    box.minLat / GRID_UNITS,
    box.maxLat / GRID_UNITS,
    box.minLng / GRID_UNITS,
    box.maxLng / GRID_UNITS,
    cells,
    period.from,
    period.to,
    split.firstDay,
    split.endDay,
    firstMonth,
    endMonth,
    split.rawBefore,
    split.rawAfter,
  );
}

/** Every item of the period (any cell size, any box): an index-only scan of the period. */
async function heatmapFromItems(db: PrismaClient, period: Period, box: Box, size: number): Promise<CellRow[]> {
  const lat = `round("lat" * 1e7::float8)`;
  const lng = `round("lng" * 1e7::float8)`;
  return db.$queryRawUnsafe<CellRow[]>(
    `SELECT floor(${lat} / $5::float8)::int AS "y", floor(${lng} / $5::float8)::int AS "x", count(*)::int AS "count" FROM "feedback_item"
      WHERE ${lat} >= $1 AND ${lat} < $2 AND ${lng} >= $3 AND ${lng} < $4 AND "received_at" >= $6 AND "received_at" < $7
      GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2`,
    box.minLat,
    box.maxLat,
    box.minLng,
    box.maxLng,
    size,
    period.from,
    period.to,
  );
}
