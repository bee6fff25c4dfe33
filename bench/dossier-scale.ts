// `npm run bench:dossier`: public services at city scale, through the real gateway on PostgreSQL (issue
// #13, Scale). Targets, over 5 million dossiers and about 50 million timeline steps: dossierLookup p99
// < 10 ms; agencyStatistics for a month, a quarter and a year p95 < 200 ms; bulk ingestion ≥ 5,000
// dossiers/s. (`answer` p95 < 50 ms is `npm run bench:answer`.) A benchmark, never a timed test.
//
//   npm run bench:dossier -- [--database-url postgresql://…] [--dossiers 5000000] [--lookups 2000] [--runs 50]
//                            [--ingest 100000] [--batch 5000] [--senders 2] [--catch-up-wait 120]
//                            [--nats-url nats://127.0.0.1:4222]
//                            [--one-process] [--out bench/results/dossier-scale.md]
//
// The database (default postgresql://postgres@127.0.0.1:5432/lien_thong_dossier_bench) is created if
// missing, and `<database>_notification` beside it for the notification subgraph, which consumes the
// ingested dossiers' events; the dossier subgraph migrates its database and loads the demo catalogue when
// the hub starts. Each subgraph runs in a process of its own with its events on NATS JetStream, as in
// production (--one-process: all four in one process on the in-process bus, where the notification
// subgraph's work on the ingested dossiers' events shares the dossier subgraph's core). The volume is
// generated in SQL (modelled, not real dossiers): --dossiers dossiers over the last two years across
// every procedure of the demo catalogue, each with a legal timeline of 2 to 11 steps (statuses as a
// one-stop system would report them; most returned, some late, denied, withdrawn or still open), in
// chunks of 100,000 that a rerun resumes (the statistics rollup counts each chunk as it goes in). A
// sample of dossiers gets a known receipt PIN for the lookups. Ingestion sends NDJSON batches as the
// demo agency client (`agency-hcm-stp`) through the gateway's /api/dossier/ingest/dossiers — new
// dossiers of three steps each, as a one-stop system back-fills — and deletes them again afterwards, so
// a rerun finds the same database. The ingested dossiers' events are counted as they reach the citizens'
// inboxes (outbox relay, NATS, notification consumer): how many when the last batch is accepted, and how
// long after it the last one (waiting up to --catch-up-wait seconds).
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { codeDay } from '../subgraphs/dossier/lifecycle/codes.ts';
import { eventKind, isLegalTransition } from '../subgraphs/dossier/lifecycle/states.ts';
import { hashVerifier } from '../subgraphs/dossier/lifecycle/verifiers.ts';
import { stepJsonSql } from '../subgraphs/dossier/lifecycle/public-steps.ts';
import type { DossierStatus } from '../subgraphs/dossier/prisma/generated/client.ts';
import { percentile } from './common.ts';
import { ensureDatabase, notificationDatabaseBeside, startScaleHub, timedGraphql as post, withPgClient as withClient } from './scale-hub.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/lien_thong_dossier_bench' },
    dossiers: { type: 'string', default: '5000000' },
    lookups: { type: 'string', default: '2000' },
    warmup: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '50' },
    ingest: { type: 'string', default: '100000' },
    batch: { type: 'string', default: '5000' },
    senders: { type: 'string', default: '2' },
    'catch-up-wait': { type: 'string', default: '120' },
    'nats-url': { type: 'string', default: 'nats://127.0.0.1:4222' },
    'one-process': { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results/dossier-scale.md' },
  },
});
const databaseUrl = args['database-url'];
const [total, lookups, runs, ingestCount, batchSize, senders, warmup, catchUpWaitSeconds] = [
  args.dossiers,
  args.lookups,
  args.runs,
  args.ingest,
  args.batch,
  args.senders,
  args.warmup,
  args['catch-up-wait'],
].map(Number) as [number, number, number, number, number, number, number, number];
if (
  ![total, lookups, runs, batchSize, senders].every((value) => Number.isInteger(value) && value > 0) ||
  ![ingestCount, warmup, catchUpWaitSeconds].every((value) => Number.isInteger(value) && value >= 0) ||
  total > 9_000_000
) {
  process.stderr.write('bench:dossier: --dossiers (≤ 9,000,000), --lookups, --runs, --batch and --senders must be whole numbers > 0, --ingest, --warmup and --catch-up-wait ≥ 0\n');
  process.exit(2);
}
const log = (message: string) => process.stdout.write(`${message}\n`);
/** The verifier key the bench's dossier subgraph runs with, so the bench can give sampled dossiers a known PIN. */
const VERIFIER_KEY = 'bench-dossier-scale-verifier-key';
const PIN = '246810';
const CHUNK = 100_000;
const STP = '000.00.12.H29'; // the demo agency client's own agency

// — the generated volume ——————————————————————————————————————————————————————————————————

/** Each final (or current) status with its timeline, oldest first, and its share of the returned dossiers in thousandths (DONE takes the rest). */
const CHAINS: readonly { status: DossierStatus; share: number; steps: readonly DossierStatus[] }[] = [
  {
    status: 'DONE',
    share: 800,
    steps: ['NEW', 'RECEIVING', 'PROCESSING', 'PROCESSING', 'INTER_AGENCY', 'PROCESSING', 'WAITING_SUPPLEMENT', 'PROCESSING', 'PROCESSING', 'RELEASING', 'DONE'],
  },
  { status: 'DENIED', share: 40, steps: ['NEW', 'RECEIVING', 'PROCESSING', 'PROCESSING', 'INTER_AGENCY', 'DENIED'] },
  { status: 'UNRESOLVED', share: 20, steps: ['NEW', 'RECEIVING', 'PROCESSING', 'PROCESSING', 'INTER_AGENCY', 'PROCESSING', 'RELEASING', 'UNRESOLVED'] },
  { status: 'CANCELLED', share: 20, steps: ['NEW', 'RECEIVING', 'CANCELLED'] },
  // Still open (share 0: chosen by age, see generateChunkSql).
  { status: 'PROCESSING', share: 0, steps: ['NEW', 'RECEIVING', 'PROCESSING', 'PROCESSING', 'INTER_AGENCY', 'PROCESSING'] },
  { status: 'WAITING_SUPPLEMENT', share: 0, steps: ['NEW', 'RECEIVING', 'PROCESSING', 'WAITING_SUPPLEMENT'] },
  { status: 'RECEIVING', share: 0, steps: ['NEW', 'RECEIVING'] },
];

/** The chains as SQL VALUES (status, i, steps, to, from, kind), each checked against the lifecycle's rules first. */
function chainValues(): string {
  const rows: string[] = [];
  for (const chain of CHAINS) {
    let from: DossierStatus | null = null;
    chain.steps.forEach((to, index) => {
      if (!isLegalTransition(from, to)) throw new Error(`bench chain ${chain.status}: ${from} → ${to} is not a legal transition`);
      rows.push(`('${chain.status}', ${index + 1}, ${chain.steps.length}, '${to}', ${from ? `'${from}'` : 'NULL'}, '${eventKind(from, to)}')`);
      from = to;
    });
  }
  return rows.join(',\n');
}

/** SQL CASE choosing a returned (or withdrawn) dossier's status from r in [0, 1000), by the chains' shares. */
function statusCase(): string {
  let upTo = 0;
  const branches = CHAINS.filter((chain) => chain.share > 0).map((chain) => `WHEN "g"."r" < ${(upTo += chain.share)} THEN '${chain.status}'`);
  return `CASE ${branches.join(' ')} ELSE 'DONE' END`;
}

/** Generated dossiers are owned by 'bench-<n>' (an index range, so counting them is cheap). */
const GENERATED = `"owner_id" >= 'bench-0' AND "owner_id" < 'bench-:'`;

async function generate(client: pg.Client): Promise<{ dossiers: number; steps: number }> {
  const have = Number((await client.query<{ n: string }>(`SELECT count(*) AS "n" FROM "dossier" WHERE ${GENERATED}`)).rows[0]?.n ?? 0);
  if (have > total) throw new Error(`the database holds ${have} generated dossiers, more than --dossiers ${total}: use another --database-url or drop it`);
  if (have < total) {
    log(`generating dossiers ${have + 1}–${total} (${CHUNK.toLocaleString('en')} per transaction)`);
    // The statistics rollup counts each chunk as it goes in (one statement-level trigger per chunk).
    for (let start = have + 1; start <= total; start += CHUNK) {
      const end = Math.min(total, start + CHUNK - 1);
      const started = performance.now();
      await client.query('BEGIN');
      try {
        await client.query(generateChunkSql(), [start, end, total]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      log(`  ${end.toLocaleString('en')} dossiers (${((end - start + 1) / ((performance.now() - started) / 1000)).toFixed(0)}/s)`);
    }
    await client.query('VACUUM ANALYZE "dossier"');
    await client.query('VACUUM ANALYZE "dossier_event"');
  } else log(`${total.toLocaleString('en')} generated dossiers already there: not generating`);
  const steps = Number((await client.query<{ n: string }>(`SELECT reltuples::bigint AS "n" FROM pg_class WHERE relname = 'dossier_event'`)).rows[0]?.n ?? 0);
  return { dossiers: total, steps };
}

/**
 * Dossiers $1..$2 of $3 and their timelines in one statement. Dossier n is received at a time rising
 * with n over the last two years, so ids (made from n, like time-ordered UUIDs) and codes grow as a real
 * hub's do; r in [0, 1000) from a hash of n picks the procedure (and its agency), the outcome, how long
 * it took and the channel. Dossiers received in the last 30 days are still open; a few older ones too.
 */
function generateChunkSql(): string {
  return `
    WITH "p" AS (
      SELECT array_agg("code" ORDER BY "code") AS "codes", array_agg("agency_code" ORDER BY "code") AS "agencies",
             array_agg(GREATEST("processing_days", 1) ORDER BY "code") AS "days"
        FROM "procedure"
    ), "g" AS (
      SELECT "n", abs(hashint4("n")::bigint) % 1000 AS "r", 1 + abs(hashint4("n" + 7919)::bigint) % cardinality("p"."codes") AS "k",
             now() - interval '730 days' + ("n"::float8 / $3) * interval '729 days' AS "received_at", "p".*
        FROM generate_series($1::int, $2::int) AS "n", "p"
    ), "d" AS (
      SELECT "g"."n", "g"."r", "g"."codes"["g"."k"] AS "procedure_code", "g"."agencies"["g"."k"] AS "agency_code", "g"."received_at",
             "g"."received_at" + "g"."days"["g"."k"] * interval '1.4 days' AS "due_at",
             CASE WHEN "g"."received_at" > now() - interval '30 days' OR "g"."r" >= 995 THEN
                    (CASE WHEN "g"."r" % 10 < 7 THEN 'PROCESSING' WHEN "g"."r" % 10 < 9 THEN 'WAITING_SUPPLEMENT' ELSE 'RECEIVING' END)
                  ELSE ${statusCase()} END AS "status"
        FROM "g"
    ), "e" AS (
      SELECT "d".*, lpad(to_hex("n"), 32, '0')::uuid AS "id",
             -- Returned between 30 % and 120 % of the term: about one in five late.
             CASE WHEN "status" IN ('PROCESSING', 'WAITING_SUPPLEMENT', 'RECEIVING')
                  THEN LEAST(now(), "received_at" + ("due_at" - "received_at") * 0.5)
                  ELSE "received_at" + ("due_at" - "received_at") * (0.3 + ("r" % 100) / 100.0 * 0.9) END AS "ends"
        FROM "d"
    ), "chain"("final", "i", "steps", "to_status", "from_status", "kind") AS (VALUES ${chainValues()}
    ), "s" AS (
      SELECT "e"."id", "e"."n", "e"."agency_code", "chain"."i", "chain"."kind", "chain"."from_status", "chain"."to_status",
             "e"."received_at" + ("e"."ends" - "e"."received_at") * (("chain"."i" - 1)::float8 / GREATEST("chain"."steps" - 1, 1)) AS "occurred_at",
             CASE WHEN "chain"."from_status" = "chain"."to_status" THEN 'Thẩm định hồ sơ' END AS "step_name"
        FROM "e" JOIN "chain" ON "chain"."final" = "e"."status"
    ), "steps" AS (
      -- The public steps kept on the dossier row, as the hub writes them (lifecycle/public-steps.ts).
      SELECT "n", json_agg(${stepJsonSql('s', { stepDueAt: 'NULL::timestamptz', newDueAt: 'NULL::timestamptz' })} ORDER BY "i") AS "lookup_steps" FROM "s" GROUP BY "n"
    ), "ins" AS (
      INSERT INTO "dossier" ("id", "code", "owner_id", "procedure_code", "agency_code", "channel", "status", "status_at", "received_at", "due_at",
                             "current_step", "returned_at", "lookup_steps")
      SELECT "e"."id",
             "agency_code" || '-' || to_char("received_at" AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYMMDD') || '-' || lpad("e"."n"::text, 7, '0'),
             'bench-' || ("e"."n" % 700000), "procedure_code", "agency_code",
             (ARRAY['ONLINE', 'COUNTER', 'POST'])[1 + "r" % 3]::"DossierChannel", "status"::"DossierStatus",
             "ends", "received_at", "due_at", 'Đang xử lý',
             CASE WHEN "status" IN ('DONE', 'DENIED', 'UNRESOLVED') THEN "ends" END, "steps"."lookup_steps"
        FROM "e" JOIN "steps" ON "steps"."n" = "e"."n"
       ORDER BY "e"."n"
      RETURNING "id", "code"
    )
    INSERT INTO "dossier_event" ("dossier_id", "kind", "from_status", "to_status", "agency_code", "actor_kind", "actor_id", "occurred_at",
                                 "step_name", "is_public", "source_event_id")
    SELECT "ins"."id", "s"."kind"::"DossierEventKind", "s"."from_status"::"DossierStatus", "s"."to_status"::"DossierStatus",
           "s"."agency_code", 'AGENCY', 'bench-generator', "s"."occurred_at", "s"."step_name", true,
           'bench-' || right("ins"."code", 7) || '-' || lpad("s"."i"::text, 2, '0')
      FROM "ins" JOIN "s" ON "s"."id" = "ins"."id"
     ORDER BY "ins"."id", "s"."i"`;
}

/**
 * `count` generated dossiers spread over the volume, given the bench's receipt PIN: the measured sample at
 * `shift` 0.5, the warm-up's elsewhere in the volume (other dossiers, so it brings none of the sample's pages into a cache).
 */
async function sampleForLookups(client: pg.Client, count: number, shift: number): Promise<string[]> {
  if (count === 0) return [];
  const ns = Array.from({ length: count }, (_, index) => 1 + Math.floor(((index + shift) * total) / count));
  const { rows } = await client.query<{ id: string; code: string }>(`SELECT "id", "code" FROM "dossier" WHERE "id" = ANY($1::uuid[])`, [
    ns.map((n) =>
      n
        .toString(16)
        .padStart(32, '0')
        .replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5'),
    ),
  ]);
  // Only where the PIN is not set yet: an update per run would leave a dead version of every sampled
  // dossier for the lookups to step over (more with each run while autovacuum lags or is off).
  await client.query(
    `UPDATE "dossier" SET "receipt_pin_hash" = "v"."hash" FROM unnest($1::uuid[], $2::text[]) AS "v"("id", "hash")
      WHERE "dossier"."id" = "v"."id" AND "dossier"."receipt_pin_hash" IS DISTINCT FROM "v"."hash"`,
    [rows.map((row) => row.id), rows.map((row) => hashVerifier(VERIFIER_KEY, row.code, 'pin', PIN))],
  );
  // Shuffled (deterministically), so consecutive lookups do not walk the table in order.
  return rows.map((row) => row.code).sort((a, b) => hash(a) - hash(b));
}

function hash(text: string): number {
  let value = 2166136261;
  for (let index = 0; index < text.length; index += 1) value = Math.imul(value ^ text.charCodeAt(index), 16777619);
  return value >>> 0;
}

// — measurements through the gateway ——————————————————————————————————————————————————————————

interface Row {
  readonly what: string;
  readonly samples: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

function row(what: string, times: number[]): Row {
  times.sort((a, b) => a - b);
  const result = { what, samples: times.length, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), max: times.at(-1) ?? Number.NaN };
  log(`  ${what.padEnd(44)} p50 ${result.p50.toFixed(1).padStart(6)} ms  p95 ${result.p95.toFixed(1).padStart(6)} ms  p99 ${result.p99.toFixed(1).padStart(6)} ms`);
  return result;
}

const LOOKUP = `query Track($code: String!, $verifier: String!) {
  dossierLookup(code: $code, verifier: $verifier) {
    code status receivedAt dueAt rescheduledDueAt returnedAt overdue procedure { code name } agency { code name }
    steps { kind status occurredAt name dueAt agency { code name } }
  }
}`;

async function measureLookups(url: string, codes: readonly string[], what = `dossierLookup (${codes.length} codes, PIN)`, token?: () => Promise<string>): Promise<Row> {
  const times: number[] = [];
  for (const [index, code] of [codes[0]!, ...codes].entries()) {
    const { ms, body } = await post(url, LOOKUP, { code, verifier: PIN }, token && (await token()));
    const tracking = body.data?.['dossierLookup'] as { code: string; steps: unknown[] } | null | undefined;
    if (body.errors || tracking?.code !== code || tracking.steps.length < 2) throw new Error(`dossierLookup ${code}: ${JSON.stringify(body).slice(0, 400)}`);
    if (index > 0) times.push(ms); // the first warms up
  }
  return row(what, times);
}

const STATISTICS = `query Statistics($from: DateTime!, $to: DateTime!) {
  agencyStatistics(from: $from, to: $to) { agency { code name } rank received closedEarly closedOnTime closedLate openWithinTerm openOverdue onTimeRate }
}`;

async function measureStatistics(url: string): Promise<Row[]> {
  const rows: Row[] = [];
  let seed = 20261206;
  const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  for (const period of [
    { name: 'month', days: 30 },
    { name: 'quarter', days: 91 },
    { name: 'year', days: 365 },
  ]) {
    const times: number[] = [];
    for (let run = -1; run < runs; run += 1) {
      // Periods ending anywhere in the last year, at any time of day.
      const to = Date.now() - next() * 365 * 86_400_000;
      const { ms, body } = await post(url, STATISTICS, { from: new Date(to - period.days * 86_400_000).toISOString(), to: new Date(to).toISOString() });
      const agencies = body.data?.['agencyStatistics'] as unknown[] | undefined;
      if (body.errors || !agencies?.length) throw new Error(`agencyStatistics: ${JSON.stringify(body).slice(0, 400)}`);
      if (run >= 0) times.push(ms);
    }
    rows.push(row(`agencyStatistics, every agency, a ${period.name}`, times));
  }
  return rows;
}

interface Ingestion {
  readonly sent: number;
  readonly accepted: number;
  readonly refused: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly batchP50: number;
  readonly batchMax: number;
  readonly stored: number;
  /** The outbox events of the ingested dossiers. */
  readonly events: number;
  /** Of them, published to the bus and written to inboxes by the notification consumer when the last batch was accepted. */
  readonly publishedAtEnd: number;
  readonly notifiedAtEnd: number;
  /** Seconds after the last batch until every event was in the inboxes; undefined: not within the wait. */
  readonly caughtUpAfter: number | undefined;
}

/** Events written to inboxes so far (the notification consumer's inbox claims). */
async function notified(notification: pg.Client): Promise<number> {
  return Number((await notification.query<{ n: string }>(`SELECT count(*) AS "n" FROM "processed_event"`)).rows[0]?.n ?? 0);
}

/** `ingestCount` new dossiers of three steps, in NDJSON batches from `senders` concurrent senders. */
async function measureIngestion(gatewayUrl: string, token: string, client: pg.Client, notification: pg.Client): Promise<Ingestion> {
  const { rows: procedures } = await client.query<{ code: string }>(`SELECT "code" FROM "procedure" WHERE "agency_code" = $1 ORDER BY "code"`, [STP]);
  if (procedures.length === 0) throw new Error(`no procedure of ${STP} in the catalogue`);
  const url = gatewayUrl.replace(/\/graphql$/, '/api/dossier/ingest/dossiers');
  const run = Date.now().toString(36);
  const day = new Date(Date.now() - 86_400_000);
  const yymmdd = codeDay(day);
  const at = (minutes: number) => new Date(day.getTime() + minutes * 60_000).toISOString();
  const line = (n: number) =>
    JSON.stringify({
      // Seven-digit sequences from 9,000,000: never a generated dossier's.
      code: `${STP}-${yymmdd}-${9_000_000 + n}`,
      vendor: 'opencps',
      procedureCode: procedures[n % procedures.length]!.code,
      channel: 'ONLINE',
      receivedAt: at(0),
      ownerSubject: `bench-ingest-${run}-${n % 1000}`,
      receiptPin: PIN,
      ownerPhoneLast4: '9876',
      events: [
        { id: `${run}-${n}-1`, status: 'new', occurredAt: at(0) },
        { id: `${run}-${n}-2`, status: 'receiving', occurredAt: at(5), stepName: 'Tiếp nhận hồ sơ' },
        { id: `${run}-${n}-3`, status: 'processing', occurredAt: at(30), stepName: 'Thẩm định hồ sơ' },
      ],
    });
  const batches: string[] = [];
  for (let start = 0; start < ingestCount; start += batchSize) {
    batches.push(Array.from({ length: Math.min(batchSize, ingestCount - start) }, (_, index) => line(start + index)).join('\n'));
  }
  let accepted = 0;
  let refused = 0;
  const batchTimes: number[] = [];
  let nextBatch = 0;
  const notifiedBefore = await notified(notification);
  const started = performance.now();
  await Promise.all(
    Array.from({ length: senders }, async () => {
      while (nextBatch < batches.length) {
        const body = batches[nextBatch++]!;
        const sentAt = performance.now();
        const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${token}` }, body });
        const result = (await response.json()) as { accepted?: unknown[]; refused?: { line: number; errorCode: string; message: string }[] };
        if (response.status !== 200 || !result.accepted) throw new Error(`ingestion: HTTP ${response.status} ${JSON.stringify(result).slice(0, 400)}`);
        batchTimes.push(performance.now() - sentAt);
        accepted += result.accepted.length;
        refused += result.refused?.length ?? 0;
        if (result.refused?.length) log(`  refused: ${JSON.stringify(result.refused.slice(0, 3))}`);
      }
    }),
  );
  const ended = performance.now();
  const seconds = (ended - started) / 1000;
  const owners = `bench-ingest-${run}-%`;
  // What reached the citizens' inboxes meanwhile (each event names its owner), then how long the relay and
  // the notification consumer take to catch up: the events of a back-fill are work too, done after it.
  const outbox = async () =>
    (await client.query<{ events: string; published: string }>(`SELECT count(*) AS "events", count("published_at") AS "published" FROM "outbox" WHERE "payload"->>'citizenId' LIKE $1`, [owners]))
      .rows[0]!;
  const atEnd = await outbox();
  const notifiedAtEnd = (await notified(notification)) - notifiedBefore;
  const events = Number(atEnd.events);
  let caughtUpAfter: number | undefined;
  while (performance.now() - ended < catchUpWaitSeconds * 1000) {
    if ((await notified(notification)) - notifiedBefore >= events) {
      caughtUpAfter = (performance.now() - ended) / 1000;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const stored = Number((await client.query<{ n: string }>(`SELECT count(*) AS "n" FROM "dossier" WHERE "owner_id" LIKE $1`, [owners])).rows[0]?.n ?? 0);
  batchTimes.sort((a, b) => a - b);
  return {
    sent: ingestCount,
    accepted,
    refused,
    seconds,
    perSecond: accepted / seconds,
    batchP50: percentile(batchTimes, 50),
    batchMax: batchTimes.at(-1) ?? Number.NaN,
    stored,
    events,
    publishedAtEnd: Number(atEnd.published),
    notifiedAtEnd,
    caughtUpAfter,
  };
}

/**
 * Remove what ingestion added (and any earlier run's leftovers): dossiers, their timelines, outbox rows and
 * code sequences. Ingested codes are numbered from 9,000,000, so a code sequence that far says whether any
 * are left at all; the dossiers ingested after `after` (a dossier id, time-ordered: taken before the run)
 * are found on the primary key instead of a scan of every owner (minutes on 5 M rows).
 */
async function removeIngested(client: pg.Client, after?: string): Promise<void> {
  const { rows } = await client.query<{ left: boolean }>(`SELECT EXISTS (SELECT 1 FROM "dossier_code_sequence" WHERE "last" >= 9000000) AS "left"`);
  if (!rows[0]?.left) return;
  await client.query(`DELETE FROM "outbox" WHERE "payload"->>'citizenId' LIKE 'bench-ingest-%'`);
  if (after === undefined) await client.query(`DELETE FROM "dossier" WHERE "owner_id" LIKE 'bench-ingest-%'`);
  else await client.query(`DELETE FROM "dossier" WHERE "id" > $1::uuid AND "owner_id" LIKE 'bench-ingest-%'`, [after]);
  await client.query(`DELETE FROM "dossier_code_sequence" WHERE "last" >= 9000000`);
  // The dead rows go too, whether or not the server's autovacuum runs (it is off on some development
  // machines): the outbox relay's polling and the lookups' index scans would otherwise wade through every
  // earlier run's ingested rows and events.
  for (const table of ['outbox', 'dossier', 'dossier_event', 'dossier_stats_daily', 'dossier_code_sequence']) await client.query(`VACUUM (ANALYZE) "${table}"`);
  // And their pages written out now: a checkpoint the ingestion's WAL started (max_wal_size) spreads its
  // writes over minutes, and a run started meanwhile measured its lookups against those writes.
  await client.query('CHECKPOINT').catch((error: unknown) => log(`  no CHECKPOINT after the clean-up (${(error as Error).message})`));
}

/** The ingested dossiers' events: how far the relay and the notification consumer were when the last batch was accepted, and when they caught up. */
function catchUp(ingestion: Ingestion): string {
  const after = ingestion.caughtUpAfter === undefined ? `not all in the inboxes ${catchUpWaitSeconds} s later` : `all in the inboxes ${ingestion.caughtUpAfter.toFixed(1)} s later`;
  return `Their ${ingestion.events.toLocaleString('en')} events: ${ingestion.publishedAtEnd.toLocaleString('en')} published and ${ingestion.notifiedAtEnd.toLocaleString('en')} in citizens' inboxes when the last batch was accepted; ${after}.`;
}

// — report ——————————————————————————————————————————————————————————————————————————————

function report(volume: { dossiers: number; steps: number }, lookupRows: readonly Row[], statisticsRows: readonly Row[], ingestion: Ingestion | undefined, load: number): string {
  const rows = [...lookupRows, ...statisticsRows];
  const lines = [
    '# Public services at scale: tracking, statistics and ingestion through the gateway',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npm run bench:dossier\` on this 2-core machine (shared; load average ${load.toFixed(1)} at the start), PostgreSQL 15:`,
    `${volume.dossiers.toLocaleString('en')} generated dossiers (modelled) and about ${volume.steps.toLocaleString('en')} timeline steps. The gateway in production mode with a real`,
    `(embedded) realm; ${args['one-process'] ? 'the four subgraphs in one child process (in-process bus)' : 'each subgraph in a process of its own, events on NATS JetStream'}, the dossier subgraph on that database. Sequential requests; before the first row, ${warmup} lookups of other dossiers warm the hub up (each table also starts with one unrecorded request).`,
    '',
    '| query | samples | p50 ms | p95 ms | p99 ms | max ms |',
    '|---|---:|---:|---:|---:|---:|',
    ...rows.map((entry) => `| ${entry.what} | ${entry.samples} | ${entry.p50.toFixed(1)} | ${entry.p95.toFixed(1)} | ${entry.p99.toFixed(1)} | ${entry.max.toFixed(1)} |`),
    '',
    `dossierLookup p99: **${lookupRows[0]!.p99.toFixed(1)} ms** (target < 10 ms); agencyStatistics worst p95: **${Math.max(...statisticsRows.map((entry) => entry.p95)).toFixed(1)} ms** (target < 200 ms).`,
    '',
  ];
  if (ingestion) {
    lines.push(
      `## Ingestion: NDJSON batches of ${batchSize.toLocaleString('en')} new dossiers (three steps each) as the agency client, ${senders} concurrent senders`,
      '',
      '| dossiers sent | accepted | refused | seconds | dossiers/s | batch p50 ms | batch max ms | stored |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|',
      `| ${ingestion.sent} | ${ingestion.accepted} | ${ingestion.refused} | ${ingestion.seconds.toFixed(1)} | **${ingestion.perSecond.toFixed(0)}** | ${ingestion.batchP50.toFixed(0)} | ${ingestion.batchMax.toFixed(0)} | ${ingestion.stored} |`,
      '',
      `${catchUp(ingestion)}`,
      '',
      `Target ≥ 5,000 dossiers/s. Each accepted dossier is stored with its timeline, receipt and phone verifiers, statistics rollup and outbox events (${ingestion.stored === ingestion.accepted ? 'every accepted one stored' : '**stored ≠ accepted**'}); they are deleted again after the run.`,
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const load = loadavg()[0] ?? 0;
  await ensureDatabase(databaseUrl, log);
  // The notification subgraph consumes every ingested dossier's events: on PostgreSQL beside the dossier
  // database, as in production (on the embedded PGlite it would spend a core of its own on them).
  const notificationUrl = notificationDatabaseBeside(databaseUrl);
  await ensureDatabase(notificationUrl, log);
  const hub = await startScaleHub({
    databases: { dossier: databaseUrl, notification: notificationUrl },
    subgraphEnv: { dossier: { DOSSIER_VERIFIER_KEY: VERIFIER_KEY } },
    ...(args['one-process'] ? {} : { natsUrl: args['nats-url'] }),
  });
  try {
    await withClient(databaseUrl, async (client) => {
      await removeIngested(client);
      const volume = await generate(client);
      const codes = await sampleForLookups(client, lookups, 0.5);
      // A started process runs its first requests cold (code not yet optimized, connections and their
      // caches being made): warmed up on other dossiers first, the measurement is of a running hub.
      const warmupCodes = (await sampleForLookups(client, warmup, 0.25)).filter((code) => !codes.includes(code));
      if (warmupCodes.length > 0) {
        log(`warming up: ${warmupCodes.length} lookups of other dossiers`);
        await measureLookups(hub.gatewayUrl, warmupCodes, 'warm-up');
      }
      log('through the gateway:');
      const lookupRows = [await measureLookups(hub.gatewayUrl, codes)];
      // The same codes again (their pages now in PostgreSQL's and the system's caches), at the subgraph
      // without the gateway and through it: what the storage, the subgraph and the gateway hop each cost.
      lookupRows.push(
        await measureLookups(hub.subgraphUrls['DOSSIER_URL']!, codes, '  the same codes again, at the subgraph', hub.anonymousInternalToken),
        await measureLookups(hub.gatewayUrl, codes, '  the same codes again, through the gateway'),
      );
      const statisticsRows = await measureStatistics(hub.gatewayUrl);
      let ingestion: Ingestion | undefined;
      if (ingestCount > 0) {
        const token = await hub.token({
          sub: 'agency-hcm-stp',
          azp: 'agency-hcm-stp',
          client_id: 'agency-hcm-stp',
          preferred_username: 'service-account-agency-hcm-stp',
          roles: [],
          scope: 'dossier:write',
          agency_codes: [STP],
        });
        log(`ingestion: ${ingestCount.toLocaleString('en')} dossiers in batches of ${batchSize}, ${senders} senders`);
        // Every dossier ingested gets a time-ordered id above the newest one now.
        const newest = (await client.query<{ id: string }>(`SELECT "id"::text AS "id" FROM "dossier" ORDER BY "id" DESC LIMIT 1`)).rows[0]?.id;
        try {
          ingestion = await withClient(notificationUrl, (notification) => measureIngestion(hub.gatewayUrl, token, client, notification));
          log(`  ${ingestion.accepted} accepted in ${ingestion.seconds.toFixed(1)} s: ${ingestion.perSecond.toFixed(0)} dossiers/s`);
          log(`  ${catchUp(ingestion)}`);
        } finally {
          await removeIngested(client, newest);
        }
      }
      const text = report(volume, lookupRows, statisticsRows, ingestion, load);
      const out = path.resolve(ROOT, args.out);
      await mkdir(path.dirname(out), { recursive: true });
      await writeFile(out, text);
      log(`\n${text}written to ${path.relative(ROOT, out)}`);
    });
  } finally {
    await hub.close();
  }
}

await main();
process.exit(0);
