// The volume seed (scripts/seed-feedback.ts) on embedded PGlite: exactly the count asked for, the same
// data for the same seed, points inside Việt Nam and in the ward stated, workflow-valid statuses and
// histories; the statistics rollup it builds (and the triggers that keep it) agree with counting the
// items; bad arguments are refused with exit code 2.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { feedbackDeadline } from '../../subgraphs/feedback/intake/deadline.ts';
import { countFeedback, rankUnits } from '../../subgraphs/feedback/statistics/statistics.ts';
import type { FeedbackDimension } from '../../subgraphs/feedback/statistics/statistics.ts';
import { TRANSITIONS } from '../../subgraphs/feedback/workflow/transitions.ts';
import type { FeedbackAction } from '../../subgraphs/feedback/workflow/transitions.ts';
import { PrismaClient } from '../../subgraphs/feedback/prisma/generated/client.ts';
import { DEMO_FEEDBACK } from '../../subgraphs/feedback/prisma/seed-data.ts';
import { wardAt } from '../../subgraphs/kit/geo/ward-boundaries.ts';
import { RAW_DIMENSION_KEYS } from '../../testing/feedback-db.ts';

const SCRIPT = fileURLToPath(new URL('../../scripts/seed-feedback.ts', import.meta.url));
const COUNT = 2000;
const DEMO_CODES = DEMO_FEEDBACK.map((item) => item.code);

function run(args: readonly string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [SCRIPT, ...args], { env: { PATH: process.env['PATH'] ?? '', ...env }, timeout: 240_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

interface ItemRow {
  id: string;
  code: string;
  category_code: string;
  ward_code: string;
  lat: number;
  lng: number;
  status: string;
  unit_code: string | null;
  received_at: Date;
  due_at: Date;
}

describe('seed:feedback', () => {
  let folder: string;
  let env: Record<string, string>;

  before(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'lien-thong-seed-'));
    env = { DATA_DIR: folder };
  });
  after(() => rm(folder, { recursive: true, force: true }));

  async function withDatabase<T>(work: (pglite: PGlite, prisma: PrismaClient) => Promise<T>): Promise<T> {
    const pglite = await PGlite.create({ dataDir: path.join(folder, 'feedback') });
    const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
    try {
      return await work(pglite, prisma);
    } finally {
      await prisma.$disconnect();
      await pglite.close();
    }
  }

  // Generated items only: the demo items are loaded again by --replace, with new ids.
  async function digest(pglite: PGlite): Promise<string> {
    const generated = `SELECT "id" FROM "feedback_item" WHERE NOT ("code" = ANY($1::text[]))`;
    const items = await pglite.query<Record<string, unknown>>(
      `SELECT "id", "code", "citizen_id", "channel", "category_code", "ward_code", "lat", "lng", "status", "unit_code", "received_at", "due_at", "reopen_count"
         FROM "feedback_item" WHERE NOT ("code" = ANY($1::text[])) ORDER BY "code"`,
      [DEMO_CODES],
    );
    const history = await pglite.query<Record<string, unknown>>(
      `SELECT "item_id", "at", "action", "to_status", "actor_id" FROM "feedback_history" WHERE "item_id" IN (${generated}) ORDER BY "item_id", "at", "id"`,
      [DEMO_CODES],
    );
    const ratings = await pglite.query<Record<string, unknown>>(`SELECT "item_id", "stars" FROM "feedback_rating" WHERE "item_id" IN (${generated}) ORDER BY "item_id"`, [DEMO_CODES]);
    assert.equal(items.rows.length, COUNT);
    return createHash('sha256')
      .update(JSON.stringify([items.rows, history.rows, ratings.rows]))
      .digest('hex');
  }

  test('generates exactly the count asked for, valid, and the same again for the same seed', async () => {
    const args = ['--count', String(COUNT), '--seed', '7', '--months', '6', '--until', '2026-11-20'];
    const first = await run(args, env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /2,000 \/ 2,000 items \(100%\).*items\/s/);
    const firstDigest = await withDatabase(async (pglite) => {
      const [count] = (await pglite.query<{ n: number }>(`SELECT count(*)::int AS "n" FROM "feedback_item" WHERE NOT ("code" = ANY($1::text[]))`, [DEMO_CODES])).rows;
      assert.equal(count?.n, COUNT);
      assert.equal((await pglite.query(`SELECT 1 FROM "feedback_item" WHERE "code" = ANY($1::text[])`, [DEMO_CODES])).rows.length, DEMO_CODES.length);

      const items = (
        await pglite.query<ItemRow>(
          `SELECT "id", "code", "category_code", "ward_code", "lat", "lng", "status"::text AS "status", "unit_code", "received_at", "due_at"
           FROM "feedback_item" WHERE NOT ("code" = ANY($1::text[]))`,
          [DEMO_CODES],
        )
      ).rows;
      const deadlines = new Map((await pglite.query<{ code: string; deadline_hours: number }>('SELECT "code", "deadline_hours" FROM "category"')).rows.map((row) => [row.code, row.deadline_hours]));
      const from = Date.parse('2026-05-19T17:00:00Z');
      const until = Date.parse('2026-11-19T17:00:00Z');
      const categories = new Map<string, number>();
      for (const item of items) {
        assert.match(item.code, /^PHA\d{12}$/);
        assert.ok(item.lat >= 8 && item.lat <= 23.5 && item.lng >= 102 && item.lng <= 117.5, `${item.code} outside Việt Nam`);
        assert.equal(wardAt(item.lat, item.lng)?.code, item.ward_code, `${item.code} is not in its ward`);
        assert.ok(item.received_at.getTime() >= from && item.received_at.getTime() < until, `${item.code} received ${item.received_at.toISOString()}`);
        assert.equal(item.due_at.getTime(), feedbackDeadline(item.received_at, deadlines.get(item.category_code) ?? 48).getTime());
        categories.set(item.category_code, (categories.get(item.category_code) ?? 0) + 1);
      }
      // Traffic dominates, as in the portals' figures.
      assert.ok((categories.get('GIAO_THONG') ?? 0) > COUNT * 0.6, JSON.stringify([...categories]));

      // Every history is a legal walk through the workflow that ends in the item's status.
      const history = (
        await pglite.query<{ item_id: string; at: Date; action: string; from_status: string | null; to_status: string }>(
          `SELECT h."item_id", h."at", h."action", h."from_status"::text AS "from_status", h."to_status"::text AS "to_status"
           FROM "feedback_history" h JOIN "feedback_item" i ON i."id" = h."item_id" WHERE NOT (i."code" = ANY($1::text[])) ORDER BY h."item_id", h."at", h."id"`,
          [DEMO_CODES],
        )
      ).rows;
      const byItem = new Map<string, typeof history>();
      for (const row of history) byItem.set(row.item_id, [...(byItem.get(row.item_id) ?? []), row]);
      const statuses = new Map<string, number>();
      for (const item of items) {
        const steps = byItem.get(item.id) ?? [];
        assert.ok(steps.length >= 1, `${item.code} has no history`);
        assert.equal(steps[0]!.action, 'SUBMITTED');
        assert.equal(steps[0]!.from_status, null);
        assert.equal(steps[0]!.at.getTime(), item.received_at.getTime());
        for (let index = 1; index < steps.length; index += 1) {
          const step = steps[index]!;
          assert.equal(step.from_status, steps[index - 1]!.to_status, `${item.code}: ${step.action}`);
          assert.ok(step.at.getTime() >= steps[index - 1]!.at.getTime());
          assert.ok(step.at.getTime() < until);
          if (step.action === 'ROUTED_BY_RULE' || step.action === 'ROUTED_TO_DEFAULT') {
            assert.deepEqual([step.from_status, step.to_status], ['RECEIVED', 'ROUTED']);
          } else {
            const transition = TRANSITIONS[step.action as FeedbackAction];
            assert.ok(transition, `${item.code}: unknown action ${step.action}`);
            assert.ok(transition.from.includes(step.from_status as never) && transition.to === step.to_status, `${item.code}: ${step.from_status} -${step.action}-> ${step.to_status}`);
          }
        }
        assert.equal(steps.at(-1)!.to_status, item.status, item.code);
        statuses.set(item.status, (statuses.get(item.status) ?? 0) + 1);
      }
      // Older items are mostly done, the newest still open; some are late, some rated.
      for (const status of ['ROUTED', 'IN_PROGRESS', 'RESOLVED', 'CLOSED', 'REJECTED']) assert.ok((statuses.get(status) ?? 0) > 0, `no ${status}: ${JSON.stringify([...statuses])}`);
      const [late] = (
        await pglite.query<{ n: number }>(
          `SELECT count(*)::int AS "n" FROM "feedback_item" i WHERE (SELECT min("at") FROM "feedback_history" h WHERE h."item_id" = i."id" AND h."to_status" = 'RESOLVED') > i."due_at"`,
        )
      ).rows;
      assert.ok((late?.n ?? 0) > 0 && (late?.n ?? 0) < COUNT * 0.2, `late: ${late?.n}`);
      const ratings = (
        await pglite.query<{ stars: number; resolved: boolean }>(
          `SELECT r."stars", EXISTS (SELECT 1 FROM "feedback_history" h WHERE h."item_id" = r."item_id" AND h."to_status" = 'RESOLVED' AND h."at" <= r."created_at") AS "resolved"
           FROM "feedback_rating" r JOIN "feedback_item" i ON i."id" = r."item_id" WHERE NOT (i."code" = ANY($1::text[]))`,
          [DEMO_CODES],
        )
      ).rows;
      assert.ok(ratings.length > 0 && ratings.every((rating) => rating.resolved && rating.stars >= 1 && rating.stars <= 5));
      return digest(pglite);
    });

    const again = await run([...args, '--replace'], env);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(await withDatabase(digest), firstDigest);

    const refused = await run(args, env);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /already has 2000 items besides the demo ones: pass --replace/);
  });

  test('the statistics rollup agrees with counting the items, before and after changes', async () => {
    await withDatabase(async (pglite, prisma) => {
      // Partial days at both ends, whole days in between, and today's items (past the watermark).
      const period = { from: new Date('2026-06-03T09:30:00+07:00'), to: new Date(Date.now() + 3_600_000) };
      const [rolled] = (await pglite.query<{ n: number }>('SELECT count(*)::int AS "n" FROM "feedback_stats_daily"')).rows;
      assert.ok((rolled?.n ?? 0) > 0, 'the seed builds the rollup');
      const expectCounts = async () => {
        for (const [dimension, key] of Object.entries(RAW_DIMENSION_KEYS) as [FeedbackDimension, string][]) {
          const raw = (
            await pglite.query<{ key: string; count: number }>(
              `SELECT ${key} AS "key", count(*)::int AS "count" FROM "feedback_item" WHERE "received_at" >= $1 AND "received_at" < $2 GROUP BY 1 ORDER BY 2 DESC, 1 ASC`,
              [period.from, period.to],
            )
          ).rows;
          assert.deepEqual(await countFeedback(prisma, dimension, period), raw, dimension);
        }
        const raw = (
          await pglite.query<{ unit_code: string; received: number; resolved: number; on_time: number; avg_hours: number | null; avg_stars: number | null; ratings: number }>(
            `SELECT i."unit_code", count(*)::int AS "received", count(r."resolved_at")::int AS "resolved",
                  count(*) FILTER (WHERE r."resolved_at" <= i."due_at")::int AS "on_time",
                  (avg(extract(epoch FROM (r."resolved_at" - i."received_at"))) / 3600)::float8 AS "avg_hours",
                  avg(rt."stars")::float8 AS "avg_stars", count(rt."stars")::int AS "ratings"
             FROM "feedback_item" i
             LEFT JOIN LATERAL (SELECT min(h."at") AS "resolved_at" FROM "feedback_history" h WHERE h."item_id" = i."id" AND h."to_status" = 'RESOLVED') r ON true
             LEFT JOIN "feedback_rating" rt ON rt."item_id" = i."id"
            WHERE i."received_at" >= $1 AND i."received_at" < $2 AND i."unit_code" IS NOT NULL GROUP BY i."unit_code"`,
            [period.from, period.to],
          )
        ).rows;
        const ranking = await rankUnits(prisma, period);
        assert.equal(ranking.length, raw.length);
        for (const row of raw) {
          const unit = ranking.find((entry) => entry.unitCode === row.unit_code);
          assert.deepEqual(
            unit && [unit.received, unit.resolved, unit.onTime, unit.averageHandlingHours, unit.averageStars, unit.ratings],
            [row.received, row.resolved, row.on_time, row.avg_hours, row.avg_stars, row.ratings],
            row.unit_code,
          );
        }
      };
      await expectCounts();

      // Changes to rolled-up days: a transition, a re-route, a resolution, a rating, a deletion.
      const pick = async (status: string) =>
        (await pglite.query<{ id: string }>(`SELECT "id" FROM "feedback_item" WHERE "status" = $1::"FeedbackStatus" AND "received_at" < now() - interval '3 days' ORDER BY "code" LIMIT 1`, [status]))
          .rows[0]!.id;
      const inProgress = await pick('IN_PROGRESS');
      await pglite.query(`UPDATE "feedback_item" SET "status" = 'RESOLVED', "unit_code" = 'SO-NOI-VU' WHERE "id" = $1`, [inProgress]);
      await pglite.query(`INSERT INTO "feedback_history" ("item_id", "at", "action", "from_status", "to_status") VALUES ($1, now(), 'RESOLVE', 'IN_PROGRESS', 'RESOLVED')`, [inProgress]);
      await pglite.query(`INSERT INTO "feedback_rating" ("item_id", "unit_code", "stars") VALUES ($1, 'SO-NOI-VU', 2)`, [inProgress]);
      const closed = await pick('CLOSED');
      await pglite.query(`DELETE FROM "feedback_item" WHERE "id" = $1`, [closed]);
      const resolved = await pick('RESOLVED');
      await pglite.query(`DELETE FROM "feedback_history" WHERE "item_id" = $1 AND "to_status" = 'RESOLVED'`, [resolved]);
      await expectCounts();
    });
  });

  test('bad arguments are refused with exit code 2 and a clear message', async () => {
    const cases: [string[], RegExp][] = [
      [[], /--count is required/],
      [['--count', '0'], /--count must be between 1 and 50000000/],
      [['--count', '12abc'], /--count must be a whole number/],
      [['--count', '10', '--months', '0'], /--months must be between 1 and 120/],
      [['--count', '10', '--until', '2026-02-30'], /--until must be a date YYYY-MM-DD/],
      [['--count', '10', '--database-url', 'mysql://localhost/x'], /--database-url must be a postgresql:\/\/ URL/],
      [['--count', '10', '--colour', 'blue'], /Unknown option '--colour'/],
    ];
    for (const [args, message] of cases) {
      const result = await run(args, env);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, message);
      assert.match(result.stderr, /usage: npm run seed:feedback/);
    }
  });
});
