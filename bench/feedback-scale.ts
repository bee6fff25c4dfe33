// `npm run bench:feedback`: the 1022 statistics over millions of items, and intake throughput, through
// the real gateway on PostgreSQL (issue #5, Scale). Targets: statistics and heat map p95 < 200 ms over
// 2,000,000 items; at least 1,000 submissions/s with a real token and idempotency keys, none lost.
//
//   npm run bench:feedback -- [--database-url postgresql://…] [--count 2000000] [--runs 50]
//                             [--connections 50] [--duration 10] [--no-intake] [--out bench/results/feedback-scale.md]
//
// The database (default postgresql://postgres@127.0.0.1:5432/lien_thong_bench) is created if missing
// and seeded with scripts/seed-feedback.ts unless it already holds exactly --count generated items. The
// gateway runs in this process with the embedded identity provider (keys this process holds, so it signs
// the leader's and the citizen's access tokens as the realm does, and the gateway verifies them against
// the realm's JWKS); the subgraphs run in a child process, as they would beside a gateway in production:
// feedback on that database, notification on `<database>_notification` (each routed item puts a message
// in the citizen's inbox), the other two on in-memory PGlite. Intake items are deleted again afterwards,
// so a rerun finds the same database.
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { percentile } from './common.ts';
import { DEMO_ACCOUNTS, ensureDatabase, ensureFeedbackItems, startScaleHub, withPgClient, notificationDatabaseBeside, timedGraphql } from './scale-hub.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/lien_thong_bench' },
    count: { type: 'string', default: '2000000' },
    runs: { type: 'string', default: '50' },
    connections: { type: 'string', default: '50' },
    duration: { type: 'string', default: '10' },
    'no-intake': { type: 'boolean', default: false },
    'intake-child': { type: 'string' },
    out: { type: 'string', default: 'bench/results/feedback-scale.md' },
  },
});
const databaseUrl = args['database-url'];
// The notification subgraph's database beside it (the citizens' inbox messages intake produces).
const notificationUrl = notificationDatabaseBeside(databaseUrl);
const count = Number(args.count);
const runs = Number(args.runs);
const connections = Number(args.connections);
const duration = Number(args.duration);
if (![count, runs, connections, duration].every((value) => Number.isInteger(value) && value > 0) || !/^postgres(ql)?:\/\//.test(databaseUrl)) {
  process.stderr.write('bench:feedback: --count, --runs, --connections and --duration must be whole numbers > 0, --database-url a postgresql:// URL\n');
  process.exit(2);
}
const log = (message: string) => process.stdout.write(`${message}\n`);

/** A client of the bench database for `work`. */
const withClient = <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => withPgClient(databaseUrl, work);

// — statistics ——————————————————————————————————————————————————————————————————————————

// Deterministic "random" periods: mulberry32.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PERIODS = [
  { name: 'month', days: 30 },
  { name: 'quarter', days: 91 },
  { name: 'year', days: 365 },
] as const;

const QUERIES: readonly { name: string; query: string; variables?: Record<string, unknown> }[] = [
  ...(['STATUS', 'CATEGORY', 'UNIT', 'WARD', 'MONTH'] as const).map((by) => ({
    name: `feedbackCounts(by: ${by})`,
    query: 'query Counts($by: FeedbackDimension!, $from: DateTime!, $to: DateTime!) { feedbackCounts(by: $by, from: $from, to: $to) { key count } }',
    variables: { by },
  })),
  {
    name: 'unitRanking',
    query: 'query Ranking($from: DateTime!, $to: DateTime!) { unitRanking(from: $from, to: $to) { unit { code } received resolved onTime onTimeRate averageHandlingHours averageStars ratings } }',
  },
  {
    name: 'feedbackHeatmap (HCMC, 0.01°)',
    query: 'query Heatmap($from: DateTime!, $to: DateTime!) { feedbackHeatmap(minLat: 10.6, minLng: 106.5, maxLat: 11.0, maxLng: 106.95, from: $from, to: $to, cellDegrees: 0.01) { lat lng count } }',
  },
];

interface Row {
  readonly query: string;
  readonly period: string;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

async function measureStatistics(url: string, leader: string): Promise<Row[]> {
  const rows: Row[] = [];
  const next = random(20261124);
  // Periods end anywhere in the last year of data, at any time of day (partial days at both ends).
  const end = Date.now();
  for (const { name, query, variables } of QUERIES) {
    for (const period of PERIODS) {
      const times: number[] = [];
      for (let run = -1; run < runs; run += 1) {
        const to = end - next() * 365 * 86_400_000;
        const from = to - period.days * 86_400_000;
        const { ms, body } = await timedGraphql(url, query, { ...variables, from: new Date(from).toISOString(), to: new Date(to).toISOString() }, leader);
        if (body.errors) throw new Error(`${name}: ${JSON.stringify(body.errors).slice(0, 500)}`);
        if (run >= 0) times.push(ms); // run -1 warms up
      }
      times.sort((a, b) => a - b);
      const row = { query: name, period: period.name, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), max: times.at(-1) ?? Number.NaN };
      log(`  ${name.padEnd(32)} ${period.name.padEnd(8)} p50 ${row.p50.toFixed(1).padStart(7)} ms  p95 ${row.p95.toFixed(1).padStart(7)} ms  p99 ${row.p99.toFixed(1).padStart(7)} ms`);
      rows.push(row);
    }
  }
  return rows;
}

// — intake ——————————————————————————————————————————————————————————————————————————————

interface Intake {
  readonly requests: number;
  readonly ok: number;
  readonly failed: number;
  readonly perSecond: number;
  readonly latencyP50: number;
  readonly latencyP99: number;
  readonly stored: number;
  readonly distinctKeys: number;
}

interface IntakeJob {
  readonly url: string;
  readonly token: string;
  readonly run: string;
  readonly connections: number;
  readonly duration: number;
}

interface IntakeCounts {
  readonly requests: number;
  readonly ok: number;
  readonly failed: number;
  readonly latencyP50: number;
  readonly latencyP99: number;
}

interface AutocannonRequest {
  body?: string;
}
type Autocannon = (options: Record<string, unknown>) => Promise<{ requests: { total: number }; latency: { p50: number; p99: number } }>;

/** In a child process, so the load generator does not share the hub's event loop. */
async function runIntakeChild(job: IntakeJob): Promise<IntakeCounts> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  let serial = 0;
  let ok = 0;
  let failed = 0;
  const mutation = 'mutation Submit($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code status } }';
  const result = await autocannon({
    url: job.url,
    connections: job.connections,
    duration: job.duration,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${job.token}` },
    requests: [
      {
        setupRequest: (request: AutocannonRequest) => {
          serial += 1;
          const lat = 10.72 + (serial % 97) * 0.0015;
          const lng = 106.62 + (serial % 89) * 0.0015;
          request.body = JSON.stringify({
            query: mutation,
            variables: {
              input: {
                categoryCode: 'GIAO_THONG',
                title: 'Ổ gà trên đường Lê Lợi',
                content: 'Ổ gà sâu giữa làn xe máy, đề nghị sửa chữa sớm.',
                lat,
                lng,
                idempotencyKey: `bench-${job.run}-${serial}`,
              },
            },
          });
          return request;
        },
        onResponse: (status: number, body: string) => {
          if (status === 200 && !body.includes('"errors"')) ok += 1;
          else failed += 1;
        },
      },
    ],
  });
  return { requests: result.requests.total, ok, failed, latencyP50: result.latency.p50, latencyP99: result.latency.p99 };
}

async function measureIntake(url: string, citizen: string, citizenSub: string): Promise<Intake> {
  const run = randomUUID().slice(0, 8);
  const started = new Date();
  const job: IntakeJob = { url, token: citizen, run, connections, duration };
  const counts = await new Promise<IntakeCounts>((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--intake-child', JSON.stringify(job)], { stdio: 'inherit' });
    child.once('message', (message) => resolve(message as IntakeCounts));
    child.once('exit', (code) => code !== 0 && reject(new Error(`intake load exited with ${code}`)));
  });
  // Requests still in flight when the load stopped commit a moment later: wait until the count is still.
  await withClient(async (client) => {
    let last = -1;
    for (;;) {
      const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS "n" FROM "feedback_item" WHERE "citizen_id" = $1 AND "created_at" >= $2`, [citizenSub, started]);
      if (rows[0]?.n === last) return;
      last = rows[0]?.n ?? 0;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  });
  // Every 2xx without errors is one item, and no item without one: count by this run's keys.
  const { stored, distinctKeys } = await withClient(async (client) => {
    const { rows } = await client.query<{ stored: number; keys: number }>(
      `SELECT count(*)::int AS "stored", count(DISTINCT k."key")::int AS "keys"
         FROM "feedback_item" i JOIN "feedback_idempotency" k ON k."item_id" = i."id"
        WHERE i."citizen_id" = $1 AND i."created_at" >= $2 AND k."key" LIKE $3`,
      [citizenSub, started, `bench-${run}-%`],
    );
    const [{ n: all } = { n: 0 }] = (await client.query<{ n: number }>(`SELECT count(*)::int AS "n" FROM "feedback_item" WHERE "citizen_id" = $1 AND "created_at" >= $2`, [citizenSub, started])).rows;
    if (all !== rows[0]?.stored) log(`  warning: ${all} items since the run started, ${rows[0]?.stored} with this run's keys`);
    await client.query(`DELETE FROM "feedback_item" WHERE "citizen_id" = $1 AND "created_at" >= $2`, [citizenSub, started]);
    return { stored: rows[0]?.stored ?? 0, distinctKeys: rows[0]?.keys ?? 0 };
  });
  return { ...counts, perSecond: counts.ok / duration, stored, distinctKeys };
}

// — report ——————————————————————————————————————————————————————————————————————————————

function report(rows: readonly Row[], intake: Intake | undefined, items: number): string {
  const lines = [
    '# Feedback at scale: statistics and intake through the gateway',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npm run bench:feedback\` on this 2-core machine (shared; load average ${(
      (globalThis as { loadavg?: number }).loadavg ?? 0
    ).toFixed(1)} at the start), PostgreSQL 15, ${items.toLocaleString('en')} generated items (\`npm run seed:feedback\`, seed 1, 24 months).`,
    `Each statistics query: ${runs} sequential requests with a leader's access token, periods ending anywhere in the last year at any time of day (a warm-up request first).`,
    '',
    '| query | period | p50 ms | p95 ms | p99 ms | max ms |',
    '|---|---|---:|---:|---:|---:|',
    ...rows.map((row) => `| ${row.query} | ${row.period} | ${row.p50.toFixed(1)} | ${row.p95.toFixed(1)} | ${row.p99.toFixed(1)} | ${row.max.toFixed(1)} |`),
    '',
  ];
  const worst = Math.max(...rows.map((row) => row.p95));
  lines.push(`Worst p95: **${worst.toFixed(1)} ms** (target < 200 ms).`, '');
  if (intake) {
    lines.push(
      `## Intake: submitFeedback with a citizen's access token and a unique idempotencyKey per request`,
      '',
      `autocannon, ${connections} connections, ${duration} s.`,
      '',
      '| requests | 2xx without errors | failed | submissions/s | latency p50 ms | latency p99 ms | items stored | distinct keys |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|',
      `| ${intake.requests} | ${intake.ok} | ${intake.failed} | ${intake.perSecond.toFixed(0)} | ${intake.latencyP50} | ${intake.latencyP99} | ${intake.stored} | ${intake.distinctKeys} |`,
      '',
      intake.stored >= intake.ok && intake.distinctKeys === intake.stored
        ? `None lost (every successful response has its item), none duplicated (one item per key). Items stored beyond the successful responses (${intake.stored - intake.ok}) are the requests still in flight when autocannon stopped: committed, their responses not counted.`
        : '**Mismatch: lost or duplicated items.**',
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const { loadavg } = await import('node:os');
  (globalThis as { loadavg?: number }).loadavg = loadavg()[0];
  await ensureDatabase(databaseUrl, log);
  await ensureDatabase(notificationUrl, log);
  // Items an interrupted intake run left behind are not the generated volume: remove them first.
  await withClient((client) => client.query(`DELETE FROM "feedback_item" WHERE "id" IN (SELECT "item_id" FROM "feedback_idempotency" WHERE "key" LIKE 'bench-%')`).catch(() => undefined));
  const items = await ensureFeedbackItems(databaseUrl, count, log);
  const hub = await startScaleHub({ databases: { feedback: databaseUrl, notification: notificationUrl } });
  try {
    const leader = await hub.token({ sub: DEMO_ACCOUNTS.find((account) => account.roles.includes('leader'))!.sub, roles: ['leader'] });
    log('statistics through the gateway:');
    const rows = await measureStatistics(hub.gatewayUrl, leader);
    let intake: Intake | undefined;
    if (!args['no-intake']) {
      const citizenSub = DEMO_ACCOUNTS.find((account) => account.roles.includes('citizen'))!.sub;
      const citizen = await hub.token({ sub: citizenSub, roles: ['citizen'], acr: '2' });
      log(`intake: ${connections} connections for ${duration} s`);
      intake = await measureIntake(hub.gatewayUrl, citizen, citizenSub);
      log(`  ${intake.ok} submitted (${intake.perSecond.toFixed(0)}/s), ${intake.failed} failed, ${intake.stored} stored, ${intake.distinctKeys} distinct keys`);
    }
    const text = report(rows, intake, items);
    const out = path.resolve(ROOT, args.out);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, text);
    log(`\n${text}written to ${path.relative(ROOT, out)}`);
  } finally {
    await hub.close();
  }
}

if (args['intake-child']) {
  const counts = await runIntakeChild(JSON.parse(args['intake-child']) as IntakeJob);
  await new Promise<void>((resolve) => process.send?.(counts, () => resolve()) ?? resolve());
  process.exit(0);
} else {
  await main();
  process.exit(0);
}
