// `npm run bench:dashboard`: the leaders' dashboard of the staff workspace over millions of items (issue
// #17). Targets: the dashboard's first render under 2 s, a drill-down under 1 s, with 2,000,000 items in
// PostgreSQL, on this machine.
//
//   npm run bench:dashboard -- [--database-url postgresql://…] [--count 2000000] [--runs 20] [--out bench/results/dashboard-scale.md]
//
// The feedback database is seeded as bench:feedback seeds it (scale-hub.ts `ensureFeedbackItems`: the
// generated items of scripts/seed-feedback.ts, left in place when already there). The hub is the scale
// hub (gateway and identity provider here, subgraphs in a child process, feedback on that database); the
// workspace runs in this process, and a leader (em.vo) signs in with the realm's form. Measured as the
// browser asks, over HTTP with the session's cookie, one request after another:
//  - first render: GET /lanh-dao?… (every figure, the wards' counts, units, overdue list, directives:
//    the page's one gateway operation, rendered) then GET /ban-do/phuong.json (the map's boundaries);
//  - drill-down: GET /lanh-dao/phuong/<the busiest ward>?… (its items), then GET /phan-anh/<its newest item>
//    (history, photos). Leaflet's files are static and cached; the browser's own drawing is not included.
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort } from '../testing/free-port.ts';
import { signInWithPassword, startWorkspace, workspaceClient } from '../testing/portals.ts';
import { percentile } from './common.ts';
import { ensureDatabase, ensureFeedbackItems, startScaleHub } from './scale-hub.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/lien_thong_bench' },
    count: { type: 'string', default: '2000000' },
    runs: { type: 'string', default: '20' },
    out: { type: 'string', default: 'bench/results/dashboard-scale.md' },
  },
});
const databaseUrl = args['database-url'];
const count = Number(args.count);
const runs = Number(args.runs);
if (![count, runs].every((value) => Number.isInteger(value) && value > 0) || !/^postgres(ql)?:\/\//.test(databaseUrl)) {
  process.stderr.write('bench:dashboard: --count and --runs must be whole numbers > 0, --database-url a postgresql:// URL\n');
  process.exit(2);
}
const log = (message: string) => process.stdout.write(`${message}\n`);

/** The dashboard's views: the default (the last 30 days), one category, a quarter, a year. */
const day = (offset: number) => new Date(Date.now() + 7 * 3_600_000 - offset * 86_400_000).toISOString().slice(0, 10);
const VIEWS = [
  { name: 'last 30 days (default)', query: '' },
  { name: 'last 30 days, one category', query: `tu=${day(29)}&den=${day(0)}&linh-vuc=GIAO_THONG` },
  { name: 'last 91 days', query: `tu=${day(90)}&den=${day(0)}` },
  { name: 'last 366 days', query: `tu=${day(365)}&den=${day(0)}` },
] as const;

interface Row {
  readonly view: string;
  readonly what: string;
  readonly target: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
}

async function main(): Promise<void> {
  const load = loadavg()[0] ?? 0;
  await ensureDatabase(databaseUrl, log);
  const items = await ensureFeedbackItems(databaseUrl, count, log);
  const port = await freePort();
  const hub = await startScaleHub({ databases: { feedback: databaseUrl }, extraClients: [workspaceClient(port)] });
  // The scale hub's gatewayUrl is its GraphQL endpoint; the workspace takes the gateway's base.
  const workspace = await startWorkspace({ idp: hub.idp, gatewayUrl: hub.gatewayUrl.replace(/\/graphql$/, '') }, port);
  try {
    const cookie = await signInWithPassword(workspace.url, 'em.vo');
    /** One GET as the leader's browser; its time in ms and its body. */
    const get = async (pathAndQuery: string): Promise<{ ms: number; text: string }> => {
      const started = performance.now();
      const response = await fetch(`${workspace.url}${pathAndQuery}`, { headers: { cookie, 'accept-encoding': 'gzip' }, redirect: 'manual' });
      const text = await response.text();
      if (response.status !== 200)
        throw new Error(
          `${pathAndQuery}: ${response.status} ${text
            .replace(/<style>[\s\S]*?<\/style>/, '')
            .replace(/<[^>]+>/g, ' ')
            .replace(/\s+/g, ' ')
            .slice(0, 600)}`,
        );
      return { ms: performance.now() - started, text };
    };
    const rows: Row[] = [];
    const measure = async (view: string, what: string, target: number, once: () => Promise<number>) => {
      const times: number[] = [];
      for (let run = -1; run < runs; run += 1) {
        const ms = await once();
        if (run >= 0) times.push(ms); // run -1 warms up
      }
      times.sort((a, b) => a - b);
      const row = { view, what, target, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1) ?? Number.NaN };
      log(`  ${view.padEnd(28)} ${what.padEnd(34)} p50 ${row.p50.toFixed(0).padStart(6)} ms  p95 ${row.p95.toFixed(0).padStart(6)} ms`);
      rows.push(row);
    };
    for (const view of VIEWS) {
      const suffix = view.query ? `?${view.query}` : '';
      await measure(view.name, 'first render (page + boundaries)', 2000, async () => (await get(`/lanh-dao${suffix}`)).ms + (await get('/ban-do/phuong.json')).ms);
      const counts = JSON.parse((await get(`/lanh-dao/so-lieu.json${suffix}`)).text) as { counts: Record<string, number> };
      const [ward] = Object.entries(counts.counts).sort((a, b) => b[1] - a[1])[0] ?? [];
      if (!ward) throw new Error(`${view.name}: no ward has items`);
      const wardPage = `/lanh-dao/phuong/${ward}${suffix}`;
      const newest = /href="\/phan-anh\/(PHA\d+)"/.exec((await get(wardPage)).text)?.[1];
      if (!newest) throw new Error(`${wardPage}: no item listed`);
      await measure(view.name, `drill-down: ward ${ward} (${counts.counts[ward]})`, 1000, async () => (await get(wardPage)).ms);
      await measure(view.name, 'drill-down: one item', 1000, async () => (await get(`/phan-anh/${newest}`)).ms);
    }
    const lines = [
      "# The leaders' dashboard at scale",
      '',
      `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC with \`npm run bench:dashboard\` on this 2-core machine (shared; load average ${load.toFixed(1)} at the start), PostgreSQL, ${items.toLocaleString('en')} generated items (\`npm run seed:feedback\`, seed 1, 24 months).`,
      `Each row: ${runs} sequential requests as a signed-in leader through the workspace and the gateway (a warm-up first); the browser's drawing is not included.`,
      '',
      '| view | what | target ms | p50 ms | p95 ms | max ms |',
      '|---|---|---:|---:|---:|---:|',
      ...rows.map((row) => `| ${row.view} | ${row.what} | < ${row.target} | ${row.p50.toFixed(0)} | ${row.p95.toFixed(0)} | ${row.max.toFixed(0)} |`),
      '',
      rows.every((row) => row.p95 < row.target)
        ? 'Every p95 under its target.'
        : `**Over target at p95:** ${rows
            .filter((row) => row.p95 >= row.target)
            .map((row) => `${row.view}, ${row.what}`)
            .join('; ')}.`,
      '',
    ];
    const out = path.resolve(ROOT, args.out);
    await mkdir(path.dirname(out), { recursive: true });
    await writeFile(out, `${lines.join('\n')}\n`);
    log(`\n${lines.join('\n')}\nwritten to ${path.relative(ROOT, out)}`);
  } finally {
    await workspace.close();
    await hub.close();
  }
}

await main();
process.exit(0);
