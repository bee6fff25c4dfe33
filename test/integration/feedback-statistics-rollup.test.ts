// The statistics rollups (migrations 20261124030000_statistics_indexes, 20261124060000_statistics_grid,
// 20261124080000_statistics_monthly) agree exactly with the items: the day, month and grid rows, the
// items' resolved_at and rating_stars, and what countFeedback, rankUnits and heatmap answer — after
// inserts through the triggers, a rewind and roll-forward, transitions, re-resolutions, ratings, moves
// and deletes. On embedded PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { countFeedback, heatmap, rankUnits } from '../../subgraphs/feedback/statistics/statistics.ts';
import type { FeedbackDimension, HeatmapRequest, Period } from '../../subgraphs/feedback/statistics/statistics.ts';
import type { PrismaClient } from '../../subgraphs/feedback/prisma/generated/client.ts';
import { feedbackDatabaseTargets, openFeedbackDatabase, RAW_DIMENSION_KEYS } from '../../testing/feedback-db.ts';
import type { FeedbackDatabase } from '../../testing/feedback-db.ts';

const LOCAL_DAY = (column: string) => `(${column} AT TIME ZONE 'Asia/Ho_Chi_Minh')::date`;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const targets = feedbackDatabaseTargets();

for (const [kind, adminUrl] of targets) {
  describe(`statistics rollups on ${kind}`, () => {
    let feedback: FeedbackDatabase;
    let prisma: PrismaClient;
    const sql = <Row>(text: string, params: unknown[] = []) => feedback.sql<Row>(text, params);

    before(async () => {
      feedback = await openFeedbackDatabase(adminUrl, 'rollup');
      prisma = feedback.prisma;
    });
    after(() => feedback?.close());

    const now = Date.now();
    // Whole months, partial days at both ends, today; a few weeks; within one day; before any item.
    const periods: Period[] = [
      { from: new Date(now - 80 * DAY + 5 * HOUR), to: new Date(now + HOUR) },
      { from: new Date(now - 47 * DAY + 13 * HOUR), to: new Date(now - 9 * DAY + 2 * HOUR) },
      { from: new Date(now - 20 * DAY + HOUR), to: new Date(now - 20 * DAY + 7 * HOUR) },
      { from: new Date(now - 400 * DAY), to: new Date(now - 300 * DAY) },
    ];

    /** Every rollup row and every answer equals counting the items. */
    async function expectExact(label: string): Promise<void> {
      // The items' own copies: first resolution and rating.
      const drift = await sql<{ n: number }>(
        `SELECT count(*)::int AS "n" FROM "feedback_item" i
          WHERE i."resolved_at" IS DISTINCT FROM (SELECT min(h."at") FROM "feedback_history" h WHERE h."item_id" = i."id" AND h."to_status" = 'RESOLVED')
             OR i."rating_stars" IS DISTINCT FROM (SELECT r."stars" FROM "feedback_rating" r WHERE r."item_id" = i."id")`,
      );
      assert.equal(drift[0]?.n, 0, `${label}: resolved_at or rating_stars differ from the history and ratings`);

      // The rollup tables, row by row, against the items of the rolled-up days (rows of zeros aside).
      const rawDaily = `
        SELECT ${LOCAL_DAY('i."received_at"')} AS "day", d."dimension", d."key", count(*)::int AS "items",
               count(r."at") FILTER (WHERE d."dimension" = 'U')::int AS "resolved",
               count(*) FILTER (WHERE d."dimension" = 'U' AND r."at" <= i."due_at")::int AS "on_time",
               coalesce(sum(extract(epoch FROM (r."at" - i."received_at"))) FILTER (WHERE d."dimension" = 'U'), 0)::numeric AS "handling_seconds",
               coalesce(sum(rt."stars") FILTER (WHERE d."dimension" = 'U'), 0)::int AS "stars",
               count(rt."stars") FILTER (WHERE d."dimension" = 'U')::int AS "ratings"
          FROM "feedback_item" i
          LEFT JOIN LATERAL (SELECT min(h."at") AS "at" FROM "feedback_history" h WHERE h."item_id" = i."id" AND h."to_status" = 'RESOLVED') r ON true
          LEFT JOIN "feedback_rating" rt ON rt."item_id" = i."id"
          CROSS JOIN LATERAL (VALUES ('S', i."status"::text), ('C', i."category_code"), ('U', coalesce(i."unit_code", '')), ('W', i."ward_code")) AS d("dimension", "key")
         WHERE ${LOCAL_DAY('i."received_at"')} < (SELECT "rolled_until" FROM "feedback_stats_watermark")
         GROUP BY 1, 2, 3`;
      const figures = `"items", "resolved", "on_time", "handling_seconds"::numeric, "stars", "ratings"`;
      const nonZero = `("items", "resolved", "on_time", "handling_seconds", "stars", "ratings") IS DISTINCT FROM (0, 0, 0, 0, 0, 0)`;
      const tables: [string, string][] = [
        ['daily', `(SELECT "day", "dimension", "key"::text, ${figures} FROM "feedback_stats_daily" WHERE ${nonZero}) EXCEPT ALL (SELECT "day", "dimension", "key", ${figures} FROM (${rawDaily}) x)`],
        ['raw days', `(SELECT "day", "dimension", "key", ${figures} FROM (${rawDaily}) x) EXCEPT ALL (SELECT "day", "dimension", "key"::text, ${figures} FROM "feedback_stats_daily")`],
        [
          'monthly',
          `(SELECT "day", "dimension", "key"::text, ${figures} FROM "feedback_stats_monthly" WHERE ${nonZero})
           EXCEPT ALL (SELECT (date_trunc('month', "day"))::date, "dimension", "key", sum("items")::int, sum("resolved")::int, sum("on_time")::int, sum("handling_seconds")::numeric, sum("stars")::int, sum("ratings")::int
                         FROM "feedback_stats_daily" GROUP BY 1, 2, 3 HAVING (sum("items"), sum("resolved"), sum("on_time"), sum("handling_seconds"), sum("stars"), sum("ratings")) IS DISTINCT FROM (0, 0, 0, 0, 0, 0))`,
        ],
        [
          'months of days',
          `(SELECT (date_trunc('month', "day"))::date, "dimension", "key"::text, sum("items")::int, sum("resolved")::int, sum("on_time")::int, sum("handling_seconds")::numeric, sum("stars")::int, sum("ratings")::int
              FROM "feedback_stats_daily" GROUP BY 1, 2, 3 HAVING (sum("items"), sum("resolved"), sum("on_time"), sum("handling_seconds"), sum("stars"), sum("ratings")) IS DISTINCT FROM (0, 0, 0, 0, 0, 0))
           EXCEPT ALL (SELECT "day", "dimension", "key"::text, ${figures} FROM "feedback_stats_monthly")`,
        ],
      ];
      // Grid cells from the decimal digits of the coordinates, independently of feedback_grid_cell.
      const cell = (column: string) => `floor(round(${column}::numeric, 7) * 100)::int`;
      const rawGrid = `SELECT ${LOCAL_DAY('"received_at"')} AS "day", ${cell('"lat"')} AS "y", ${cell('"lng"')} AS "x", count(*)::int AS "items" FROM "feedback_item"
         WHERE ${LOCAL_DAY('"received_at"')} < (SELECT "rolled_until" FROM "feedback_stats_watermark") GROUP BY 1, 2, 3`;
      tables.push(
        ['grid days', `(SELECT "day", "y", "x", "items" FROM "feedback_stats_grid" WHERE "span" = 'D' AND "items" <> 0) EXCEPT ALL (${rawGrid})`],
        ['raw grid', `(${rawGrid}) EXCEPT ALL (SELECT "day", "y", "x", "items" FROM "feedback_stats_grid" WHERE "span" = 'D')`],
        [
          'grid months',
          `(SELECT "day", "y", "x", "items" FROM "feedback_stats_grid" WHERE "span" = 'M' AND "items" <> 0)
           EXCEPT ALL (SELECT (date_trunc('month', "day"))::date, "y", "x", sum("items")::int FROM "feedback_stats_grid" WHERE "span" = 'D' GROUP BY 1, 2, 3 HAVING sum("items") <> 0)`,
        ],
      );
      for (const [name, query] of tables) {
        const rows = await sql<Record<string, unknown>>(query);
        assert.deepEqual(rows, [], `${label}: ${name}`);
      }

      for (const period of periods) {
        const at = `${label}, ${period.from.toISOString()}..${period.to.toISOString()}`;
        for (const [dimension, key] of Object.entries(RAW_DIMENSION_KEYS) as [FeedbackDimension, string][]) {
          const raw = await sql<{ key: string; count: number }>(
            `SELECT ${key} AS "key", count(*)::int AS "count" FROM "feedback_item" WHERE "received_at" >= $1 AND "received_at" < $2 GROUP BY 1 ORDER BY 2 DESC, 1 ASC`,
            [period.from, period.to],
          );
          assert.deepEqual(await countFeedback(prisma, dimension, period), raw, `${at}: ${dimension}`);
        }
        const raw = await sql<{ unit_code: string; received: number; resolved: number; on_time: number; avg_hours: number | null; avg_stars: number | null; ratings: number }>(
          `SELECT i."unit_code", count(*)::int AS "received", count(r."resolved_at")::int AS "resolved",
                  count(*) FILTER (WHERE r."resolved_at" <= i."due_at")::int AS "on_time",
                  (avg(extract(epoch FROM (r."resolved_at" - i."received_at"))) / 3600)::float8 AS "avg_hours",
                  avg(rt."stars")::float8 AS "avg_stars", count(rt."stars")::int AS "ratings"
             FROM "feedback_item" i
             LEFT JOIN LATERAL (SELECT min(h."at") AS "resolved_at" FROM "feedback_history" h WHERE h."item_id" = i."id" AND h."to_status" = 'RESOLVED') r ON true
             LEFT JOIN "feedback_rating" rt ON rt."item_id" = i."id"
            WHERE i."received_at" >= $1 AND i."received_at" < $2 AND i."unit_code" IS NOT NULL GROUP BY i."unit_code"`,
          [period.from, period.to],
        );
        const ranking = await rankUnits(prisma, period);
        assert.equal(ranking.length, raw.length, `${at}: units ranked`);
        for (const row of raw) {
          const unit = ranking.find((entry) => entry.unitCode === row.unit_code);
          assert.ok(unit, `${at}: ${row.unit_code} missing`);
          assert.deepEqual([unit.received, unit.resolved, unit.onTime, unit.ratings], [row.received, row.resolved, row.on_time, row.ratings], `${at}: ${row.unit_code}`);
          for (const [ours, theirs] of [
            [unit.averageHandlingHours, row.avg_hours],
            [unit.averageStars, row.avg_stars],
          ] as const) {
            assert.ok(ours === theirs || (ours !== null && theirs !== null && Math.abs(ours - theirs) <= 1e-9 * Math.abs(theirs)), `${at}: ${row.unit_code} ${ours} vs ${theirs}`);
          }
        }
        // On the grid (0.01° and 0.02° cells, box on 0.01° lines) and off it (odd box, odd cells).
        const items = await sql<{ lat: number; lng: number }>(`SELECT "lat", "lng" FROM "feedback_item" WHERE "received_at" >= $1 AND "received_at" < $2`, [period.from, period.to]);
        const boxes = [
          { minLat: 10.2, minLng: 106.5, maxLat: 11.0, maxLng: 106.95, cellDegrees: 0.01 },
          { minLat: 10.2, minLng: 106.5, maxLat: 11.0, maxLng: 106.95, cellDegrees: 0.02 },
          { minLat: 10.65, minLng: 106.61, maxLat: 10.83, maxLng: 106.77, cellDegrees: 0.05 },
          { minLat: 10.6125, minLng: 106.5, maxLat: 10.9, maxLng: 106.8, cellDegrees: 0.01 },
          { minLat: 10.2, minLng: 106.5, maxLat: 11.0, maxLng: 106.95, cellDegrees: 0.005 },
        ];
        for (const box of boxes) {
          const request: HeatmapRequest = { ...period, ...box };
          // Coordinates in 1e-7° (as their decimal digits read), cells of whole 1e-7° units.
          const units = (degrees: number) => Math.round(degrees * 1e7);
          const size = units(box.cellDegrees);
          const expected = new Map<string, number>();
          for (const item of items) {
            const [y, x] = [units(item.lat), units(item.lng)];
            if (y < units(box.minLat) || y >= units(box.maxLat) || x < units(box.minLng) || x >= units(box.maxLng)) continue;
            const cellKey = `${Math.round((Math.floor(y / size) + 0.5) * box.cellDegrees * 1e6) / 1e6},${Math.round((Math.floor(x / size) + 0.5) * box.cellDegrees * 1e6) / 1e6}`;
            expected.set(cellKey, (expected.get(cellKey) ?? 0) + 1);
          }
          const cells = await heatmap(prisma, request);
          assert.deepEqual(new Map(cells.map((entry) => [`${entry.lat},${entry.lng}`, entry.count])), expected, `${at}: heat map ${JSON.stringify(box)}`);
          assert.deepEqual(
            cells.map((entry) => entry.count),
            [...cells.map((entry) => entry.count)].sort((a, b) => b - a),
            'largest first',
          );
        }
      }
    }

    test('inserted through the triggers, rewound and rolled forward, then changed in every way', async () => {
      const units = (await sql<{ code: string }>(`SELECT "code" FROM "unit" ORDER BY "code" LIMIT 7`)).map((row) => row.code);
      const categories = (await sql<{ code: string }>(`SELECT "code" FROM "category" ORDER BY "code" LIMIT 5`)).map((row) => row.code);
      assert.ok(units.length === 7 && categories.length === 5);
      // 700 items over the last 85 days (every 175 minutes), in and around HCMC, on and off the 0.01° lines
      // (three decimals), some without a unit; a third resolved (some late, some twice), a quarter of
      // those rated. Inserted after the migration's roll-forward: the past days go through the triggers.
      await sql(
        `INSERT INTO "feedback_item" ("id", "code", "channel", "category_code", "title", "content", "ward_code", "lat", "lng", "status", "unit_code", "received_at", "due_at", "updated_at")
         SELECT gen_random_uuid(), 'PHAR' || lpad(g::text, 12, '0'), 'WEB', ($1::text[])[1 + g % 5], 'Tiêu đề', 'Nội dung', 'W' || (g % 6),
                round((10.25 + ((g * 37) % 700) * 0.001)::numeric, 3)::float8, round((106.55 + ((g * 53) % 380) * 0.001)::numeric, 3)::float8,
                (CASE WHEN g % 3 = 0 THEN 'RESOLVED' WHEN g % 3 = 1 THEN 'IN_PROGRESS' ELSE 'ROUTED' END)::"FeedbackStatus",
                CASE WHEN g % 11 = 0 THEN NULL ELSE ($2::text[])[1 + g % 7] END,
                now() - g * interval '175 minutes', now() - g * interval '175 minutes' + interval '2 days', now()
           FROM generate_series(1, 700) AS g`,
        [categories, units],
      );
      await sql(
        `INSERT INTO "feedback_history" ("item_id", "at", "action", "from_status", "to_status")
         SELECT "id", "received_at", 'SUBMITTED', NULL::"FeedbackStatus", 'RECEIVED'::"FeedbackStatus" FROM "feedback_item" WHERE "code" LIKE 'PHAR%'
         UNION ALL
         SELECT "id", "received_at" + (substr("code", 13)::int % 5) * interval '1 day' + interval '1 hour', 'RESOLVE', 'IN_PROGRESS', 'RESOLVED'
           FROM "feedback_item" WHERE "code" LIKE 'PHAR%' AND "status" = 'RESOLVED'
         UNION ALL
         SELECT "id", "received_at" + interval '6 days', 'RESOLVE', 'IN_PROGRESS', 'RESOLVED'
           FROM "feedback_item" WHERE "code" LIKE 'PHAR%' AND substr("code", 13)::int % 9 = 0`,
      );
      await sql(
        `INSERT INTO "feedback_rating" ("item_id", "unit_code", "stars")
         SELECT "id", "unit_code", 1 + substr("code", 13)::int % 5 FROM "feedback_item"
          WHERE "code" LIKE 'PHAR%' AND "status" = 'RESOLVED' AND "unit_code" IS NOT NULL AND substr("code", 13)::int % 4 = 0`,
      );
      // A point on a 0.01° line is in the cell it starts (in floating point 10.2 / 0.01 and 10.2 × 100 are
      // both 1019.9999999999999), in a rolled-up day and in a partial one, on the grid and off it; a
      // box's max line is out.
      const lineFrom = new Date(now - 31 * DAY);
      await sql(
        `INSERT INTO "feedback_item" ("id", "code", "channel", "category_code", "title", "content", "ward_code", "lat", "lng", "status", "unit_code", "received_at", "due_at", "updated_at")
         VALUES (gen_random_uuid(), 'PHZLINE00001', 'WEB', $1, 't', 'c', 'W0', 10.29, 106.95, 'ROUTED', $2, now() - interval '30 days', now() - interval '28 days', now()),
                (gen_random_uuid(), 'PHZLINE00002', 'WEB', $1, 't', 'c', 'W0', 10.2, 106.95, 'ROUTED', $2, $3::timestamptz + interval '1 minute', now() - interval '28 days', now()),
                (gen_random_uuid(), 'PHZLINE00003', 'WEB', $1, 't', 'c', 'W0', 10.7, 106.96, 'ROUTED', $2, now() - interval '30 days', now() - interval '28 days', now())`,
        [categories[0], units[0], lineFrom],
      );
      const lines: [number, number, [number, number][]][] = [
        [
          0.01,
          10.2,
          [
            [10.205, 106.955],
            [10.295, 106.955],
          ],
        ],
        [0.01, 10.205, [[10.295, 106.955]]],
        [
          0.005,
          10.2,
          [
            [10.2025, 106.9525],
            [10.2925, 106.9525],
          ],
        ],
      ];
      for (const [cellDegrees, minLat, centres] of lines) {
        const cells = await heatmap(prisma, { from: lineFrom, to: new Date(now - 29 * DAY), minLat, maxLat: 10.8, minLng: 106.94, maxLng: 106.96, cellDegrees });
        assert.deepEqual(
          cells,
          centres.map(([lat, lng]) => ({ lat, lng, count: 1 })),
          `${cellDegrees}° from ${minLat}`,
        );
      }
      await expectExact('inserted through the triggers');

      // Rewind to the middle of a month, then roll forward: the same rows from the items.
      const [{ day } = { day: '' }] = await sql<{ day: string }>(`SELECT ((now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - 33)::text AS "day"`);
      await sql(`SELECT feedback_stats_rewind($1::date)::text`, [day]);
      await expectExact('rewound');
      await sql(`SELECT feedback_stats_roll_forward((now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)::text`);
      await expectExact('rolled forward');

      // Changes to rolled-up days, one statement each (each through the triggers).
      const pick = async (where: string, offset = 0) =>
        (
          await sql<{ id: string }>(`SELECT "id" FROM "feedback_item" WHERE "code" LIKE 'PHAR%' AND "received_at" < now() - interval '3 days' AND ${where} ORDER BY "code" OFFSET ${offset} LIMIT 1`)
        )[0]!.id;
      const open = await pick(`"status" = 'IN_PROGRESS' AND "unit_code" IS NOT NULL`);
      await sql(`UPDATE "feedback_item" SET "status" = 'RESOLVED' WHERE "id" = $1`, [open]);
      await sql(`INSERT INTO "feedback_history" ("item_id", "at", "action", "from_status", "to_status") VALUES ($1, now(), 'RESOLVE', 'IN_PROGRESS', 'RESOLVED')`, [open]);
      await sql(`INSERT INTO "feedback_rating" ("item_id", "unit_code", "stars") VALUES ($1, $2, 2)`, [open, units[0]]);
      const resolved = await pick(`"status" = 'RESOLVED' AND "unit_code" IS NOT NULL`, 3);
      await sql(
        `INSERT INTO "feedback_history" ("item_id", "at", "action", "from_status", "to_status") SELECT "id", "received_at" + interval '10 minutes', 'RESOLVE', 'IN_PROGRESS', 'RESOLVED' FROM "feedback_item" WHERE "id" = $1`,
        [resolved],
      );
      const twice = await pick(`substr("code", 13)::int % 9 = 0 AND "status" = 'RESOLVED'`);
      await sql(`DELETE FROM "feedback_history" WHERE "id" = (SELECT min("id") FROM "feedback_history" WHERE "item_id" = $1 AND "to_status" = 'RESOLVED')`, [twice]);
      const later = await pick(`"status" = 'RESOLVED'`, 5);
      await sql(`UPDATE "feedback_history" SET "at" = "at" + interval '3 days' WHERE "item_id" = $1 AND "to_status" = 'RESOLVED'`, [later]);
      const unresolved = await pick(`"status" = 'RESOLVED'`, 7);
      await sql(`UPDATE "feedback_history" SET "to_status" = 'IN_PROGRESS' WHERE "item_id" = $1 AND "to_status" = 'RESOLVED'`, [unresolved]);
      await sql(
        `UPDATE "feedback_rating" SET "stars" = 5 WHERE "item_id" = (SELECT "item_id" FROM "feedback_rating" r JOIN "feedback_item" i ON i."id" = r."item_id" WHERE i."code" LIKE 'PHAR%' ORDER BY i."code" LIMIT 1)`,
      );
      await sql(
        `DELETE FROM "feedback_rating" WHERE "item_id" = (SELECT "item_id" FROM "feedback_rating" r JOIN "feedback_item" i ON i."id" = r."item_id" WHERE i."code" LIKE 'PHAR%' ORDER BY i."code" DESC LIMIT 1)`,
      );
      await sql(`UPDATE "feedback_item" SET "unit_code" = $2, "category_code" = $3 WHERE "id" = $1`, [await pick(`"unit_code" IS NOT NULL`, 11), units[6], categories[4]]);
      await sql(`UPDATE "feedback_item" SET "lat" = 10.8, "lng" = 106.705 WHERE "id" = $1`, [await pick('true', 13)]);
      await sql(`UPDATE "feedback_item" SET "received_at" = "received_at" - interval '31 days' WHERE "id" = $1`, [await pick(`"status" = 'RESOLVED'`, 17)]);
      await sql(`UPDATE "feedback_item" SET "received_at" = now() WHERE "id" = $1`, [await pick('true', 19)]);
      await sql(`DELETE FROM "feedback_item" WHERE "id" IN ($1, $2)`, [await pick(`"status" = 'RESOLVED'`, 23), await pick(`"status" = 'ROUTED'`, 29)]);
      await sql(
        `INSERT INTO "feedback_item" ("id", "code", "channel", "category_code", "title", "content", "ward_code", "lat", "lng", "status", "unit_code", "received_at", "due_at", "updated_at")
         VALUES (gen_random_uuid(), 'PHZNEW000001', 'WEB', $1, 't', 'c', 'W1', 10.77, 106.69, 'ROUTED', $2, now(), now() + interval '2 days', now()),
                (gen_random_uuid(), 'PHZNEW000002', 'WEB', $1, 't', 'c', 'W2', 10.771, 106.699, 'ROUTED', $2, now() - interval '40 days', now() - interval '38 days', now())`,
        [categories[1], units[1]],
      );
      await expectExact('after changes');

      await sql(`SELECT feedback_stats_rewind(NULL)::text`);
      await sql(`SELECT feedback_stats_roll_forward((now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date)::text`);
      await expectExact('rebuilt from nothing');
    });
  });
}
