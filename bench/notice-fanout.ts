// `npm run bench:notice`: an emergency notice to one ward of 100,000 residents (issue #15, Scale). Target:
// every in-app entry written and the SMS batch queued within 60 s of publishing; also measured: how long
// publishing takes to answer, and how long until the development sink has taken every SMS.
//
//   npm run bench:notice -- [--database-url postgresql://…] [--residents 100000] [--sms-rate 2000] [--send-wait 300]
//
// The notification subgraph runs on the given PostgreSQL database (default
// postgresql://postgres@127.0.0.1:5432/lien_thong_notice_bench, created if missing), the others on PGlite,
// behind the real gateway (bench/scale-hub.ts). The residents (a preference following the ward, SMS
// chosen, a phone registered) are generated once; earlier runs' notices, messages and deliveries are
// removed first, so a rerun finds the same database. The emergency is drafted and published through the
// gateway by the communications office; the database is then polled every 200 ms.
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEMO_ACCOUNTS, ensureDatabase, startScaleHub, withPgClient } from './scale-hub.ts';

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/lien_thong_notice_bench' },
    residents: { type: 'string', default: '100000' },
    'sms-rate': { type: 'string', default: '2000' },
    'send-wait': { type: 'string', default: '300' },
    out: { type: 'string', default: 'bench/results/notice-fanout.md' },
  },
});
const databaseUrl = args['database-url'];
const residents = Number(args.residents);
const smsRate = Number(args['sms-rate']);
const sendWait = Number(args['send-wait']);
if (![residents, smsRate, sendWait].every((value) => Number.isInteger(value) && value > 0) || !/^postgres(ql)?:\/\//.test(databaseUrl)) {
  process.stderr.write('bench:notice: --residents, --sms-rate and --send-wait must be whole numbers > 0, --database-url a postgresql:// URL\n');
  process.exit(2);
}
const WARD = 'P-BEN-THANH';
const log = (message: string) => process.stdout.write(`${message}\n`);
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

await ensureDatabase(databaseUrl, log);
const hub = await startScaleHub({
  databases: { notification: databaseUrl },
  // The sink takes SMS as fast as the dispatcher hands them over, up to this many a second.
  subgraphEnv: { notification: { NOTIFICATION_SMS_RATE_PER_SECOND: String(smsRate) } },
});
try {
  const seeded = await withPgClient(databaseUrl, async (client) => {
    await client.query(`DELETE FROM "delivery" WHERE "kind" = 'NOTICE'`);
    await client.query(`DELETE FROM "message" WHERE "notice_id" IS NOT NULL`);
    await client.query(`DELETE FROM "notice" WHERE "title" LIKE 'Bench:%'`);
    const present = Number((await client.query<{ n: string }>(`SELECT count(*) AS "n" FROM "preference" WHERE "citizen_id" LIKE 'bench-%'`)).rows[0]?.n ?? 0);
    if (present !== residents) {
      log(`generating ${residents} residents of ${WARD}`);
      await client.query(`DELETE FROM "contact_point" WHERE "citizen_id" LIKE 'bench-%'`);
      await client.query(`DELETE FROM "preference" WHERE "citizen_id" LIKE 'bench-%'`);
      // Subjects as long as the realm's (UUIDs), in no particular order.
      await client.query(
        `INSERT INTO "preference" ("citizen_id", "sms", "ward_codes")
         SELECT 'bench-' || md5("i"::text)::uuid::text, true, ARRAY[$2] FROM generate_series(1, $1::int) AS "i"`,
        [residents, WARD],
      );
      await client.query(
        `INSERT INTO "contact_point" ("citizen_id", "channel", "address")
         SELECT 'bench-' || md5("i"::text)::uuid::text, 'SMS', '09' || lpad("i"::text, 8, '0') FROM generate_series(1, $1::int) AS "i"`,
        [residents],
      );
      await client.query('ANALYZE "preference"; ANALYZE "contact_point"');
    }
    // Who follows the ward (the inbox entries), and who of them chose SMS and registered a phone (the SMS).
    const row = (
      await client.query<{ people: string; phones: string }>(
        `SELECT count(*) AS "people", count(*) FILTER (WHERE "p"."sms" AND EXISTS (SELECT 1 FROM "contact_point" "c" WHERE "c"."citizen_id" = "p"."citizen_id" AND "c"."channel" = 'SMS')) AS "phones"
           FROM "preference" "p" WHERE $1 = ANY ("p"."ward_codes")`,
        [WARD],
      )
    ).rows[0]!;
    return { people: Number(row.people), phones: Number(row.phones) };
  });
  log(`${seeded.people} people follow ${WARD}, ${seeded.phones} of them by SMS; load average ${load()}`);

  const communications = DEMO_ACCOUNTS.find((account) => account.roles.includes('communications'))!;
  const token = await hub.token({ sub: communications.sub, roles: ['communications'] });
  const ask = async (query: string, variables: Record<string, unknown>) => {
    const response = await fetch(hub.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    const body = (await response.json()) as { data?: Record<string, { id: string }>; errors?: unknown[] };
    if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 500));
    return body.data!;
  };
  const draft = await ask('mutation($input: NoticeInput!) { draftNotice(input: $input) { id } }', {
    input: {
      title: `Bench: cảnh báo triều cường ${randomUUID().slice(0, 8)}`,
      body: 'Triều cường đạt đỉnh lúc 17 giờ; người dân hạn chế đi lại qua các tuyến đường ngập.',
      kind: 'EMERGENCY',
      audience: { kind: 'WARDS', wardCodes: [WARD] },
    },
  });
  const id = draft['draftNotice']!.id;
  const loadBefore = load();
  const started = performance.now();
  await ask('mutation($id: ID!) { publishNotice(id: $id) { id } }', { id });
  const answered = performance.now() - started;
  log(`publishNotice answered in ${answered.toFixed(0)} ms`);

  const marks: { inbox?: number; queued?: number; sent?: number } = {};
  let last = { messages: 0, queued: 0, sent: 0 };
  await withPgClient(databaseUrl, async (client) => {
    const deadline = started + sendWait * 1000;
    while (performance.now() < deadline) {
      const row = (
        await client.query<{ messages: string; queued: string; sent: string }>(
          `SELECT (SELECT count(*) FROM "message" WHERE "notice_id" = $1::uuid) AS "messages",
                  (SELECT count(*) FROM "delivery" WHERE "event_id" = $1::uuid AND "channel" = 'SMS') AS "queued",
                  (SELECT count(*) FROM "delivery" WHERE "event_id" = $1::uuid AND "channel" = 'SMS' AND "status" IN ('SENT', 'DELIVERED')) AS "sent"`,
          [id],
        )
      ).rows[0]!;
      last = { messages: Number(row.messages), queued: Number(row.queued), sent: Number(row.sent) };
      const at = performance.now() - started;
      if (marks.inbox === undefined && last.messages >= seeded.people) marks.inbox = at;
      if (marks.queued === undefined && last.queued >= seeded.phones) marks.queued = at;
      if (marks.sent === undefined && last.sent >= seeded.phones) marks.sent = at;
      if (marks.inbox !== undefined && marks.queued !== undefined && marks.sent !== undefined) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
  const seconds = (ms: number | undefined) => (ms === undefined ? 'not reached' : `${(ms / 1000).toFixed(1)} s`);
  const lines = [
    `# bench:notice — ${new Date().toISOString()}`,
    '',
    `An EMERGENCY notice to ${WARD}: ${seeded.people} people follow it, ${seeded.phones} by SMS; PostgreSQL; the SMS sink at up to ${smsRate}/s.`,
    `Load average before publishing: ${loadBefore}; after: ${load()}.`,
    '',
    `| measure | value |`,
    `|---|---:|`,
    `| publishNotice answered | ${answered.toFixed(0)} ms |`,
    `| every inbox entry written (${last.messages}) | ${seconds(marks.inbox)} |`,
    `| every SMS queued (${last.queued}) | ${seconds(marks.queued)} |`,
    `| every SMS taken by the sink (${last.sent}) | ${seconds(marks.sent)} |`,
    '',
    `Target (issue #15): inbox and SMS queued within 60 s — ${marks.inbox !== undefined && marks.queued !== undefined && Math.max(marks.inbox, marks.queued) <= 60_000 ? 'met' : 'not met'}.`,
  ];
  log(lines.join('\n'));
  await mkdir(path.dirname(args.out), { recursive: true });
  await writeFile(args.out, `${lines.join('\n')}\n`);
} finally {
  await hub.close();
}
