// `node bench/gc-retention.ts`: how much of what a client allocates per call outlives the call, for the two
// client libraries the hub's hot paths use, each way of calling them. Each variant runs in a child process
// of its own with V8's --trace-gc-nvp and makes 8,000 sequential calls; the table gives its young-generation
// collections (scavenges), their mean pause and the bytes each promoted to the old generation. Answers that
// outlive their calls are copied by every scavenge and then promoted, to die in the old generation: long
// pauses (the tail of a lookup) and resident memory (the gateway's peak). pg's promise form and undici's
// `request()` do it; the hub calls pg through subgraphs/kit/pg-client.ts and undici through
// gateway/post-bytes.ts instead. Needs PostgreSQL (TEST_DATABASE_URL, default the local `test` database).
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import pg from 'pg';
import { Agent, request } from 'undici';
import { postBytes } from '../gateway/post-bytes.ts';
import { PgClient } from '../subgraphs/kit/pg-client.ts';

const CALLS = 8_000;
const DATABASE_URL = process.env['TEST_DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/test';
/** A row shaped like a lookup's: a few columns and a dozen steps as JSON. */
const ROW_SQL = `SELECT $1::int AS "n", now() AS "at", json_agg(json_build_array("i", 'Thẩm định hồ sơ ' || "i", now())) AS "steps" FROM generate_series(1, 12) AS "i"`;

const VARIANTS: Readonly<Record<string, (url: string) => Promise<void>>> = {
  'pg: Client#query, promise form': async () => pgCalls(new pg.Client({ connectionString: DATABASE_URL }), (client, n) => client.query(ROW_SQL, [n])),
  'pg: Client#query, callback form in a promise': async () =>
    pgCalls(
      new pg.Client({ connectionString: DATABASE_URL }),
      (client, n) => new Promise<void>((resolve, reject) => client.query(ROW_SQL, [n], (error: Error | null) => (error ? reject(error) : resolve()))),
    ),
  'pg: the kit’s PgClient, promise form': async () => pgCalls(new PgClient({ connectionString: DATABASE_URL }), (client, n) => client.query(ROW_SQL, [n])),
  'undici: request() + body.json()': async (url) => {
    const agent = new Agent();
    for (let n = 0; n < CALLS; n += 1) await (await request(url, { method: 'POST', dispatcher: agent, body: body(n) })).body.json();
  },
  'undici: handler API (gateway/post-bytes.ts)': async (url) => {
    const agent = new Agent();
    const target = new URL(url);
    const signal = new AbortController().signal;
    for (let n = 0; n < CALLS; n += 1) JSON.parse((await postBytes(agent, target, { 'content-type': 'application/json' }, body(n), signal, () => true)).body.toString('utf8'));
  },
};

const body = (n: number) => JSON.stringify({ query: 'query Track($code: String!) { dossierLookup(code: $code) { code } }', variables: { code: `STP-261207-${n}` } });

async function pgCalls<Client extends pg.Client>(client: Client, call: (client: Client, n: number) => Promise<unknown>): Promise<void> {
  await client.connect();
  for (let n = 0; n < CALLS; n += 1) await call(client, n);
  await client.end();
}

/** One variant's scavenges from its --trace-gc-nvp lines. */
function summarize(output: string): { scavenges: number; pauseMs: number; promotedKb: number } {
  const scavenges = output.split('\n').filter((line) => line.includes(' gc=s '));
  const field = (line: string, name: string) => Number(new RegExp(` ${name}=([0-9.]+)`).exec(line)?.[1] ?? Number.NaN);
  const mean = (name: string) => scavenges.reduce((sum, line) => sum + field(line, name), 0) / Math.max(scavenges.length, 1);
  return { scavenges: scavenges.length, pauseMs: mean('pause'), promotedKb: mean('promoted') / 1024 };
}

async function main(): Promise<void> {
  const [mode, name, target] = process.argv.slice(2);
  if (mode === '--child' && name !== undefined && target !== undefined) {
    v8.setFlagsFromString('--trace-gc-nvp');
    await VARIANTS[name]?.(target);
    return;
  }
  // The server answers in the parent, so that only the client's collections are counted.
  const answer = JSON.stringify({
    data: { dossierLookup: { code: 'STP-261207-1', steps: Array.from({ length: 12 }, (_, index) => ({ name: `Thẩm định hồ sơ ${index}`, at: new Date().toISOString() })) } },
  });
  const server = createServer((incoming, outgoing) => {
    incoming.resume();
    incoming.on('end', () => outgoing.writeHead(200, { 'content-type': 'application/json' }).end(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  process.stdout.write(`${CALLS.toLocaleString('en')} sequential calls each, Node ${process.version}\n\n| client | scavenges | mean pause ms | promoted per scavenge KB |\n|---|---:|---:|---:|\n`);
  for (const name of Object.keys(VARIANTS)) {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', name, url], { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    if (code !== 0) throw new Error(`${name}: the child exited with ${code}`);
    const { scavenges, pauseMs, promotedKb } = summarize(output);
    process.stdout.write(`| ${name} | ${scavenges} | ${pauseMs.toFixed(2)} | ${promotedKb.toFixed(0)} |\n`);
  }
  server.close();
}

await main();
