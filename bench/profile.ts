// `node bench/profile.ts [--duration 10] [--connections 50] [--dedup off|on] [--first-answers-only]`:
// where our gateway's time goes on the public benchmark scenario. Measures a new operation's first
// answer per planner (parse + validate, plan, plan compilation, shaper compilation; our Rust planner
// in its planner process against Apollo's in process; median of distinct new operations) and through
// the running gateway, then runs the gateway under load with --cpu-prof
// (pinned as in `npm run bench`) and sorts its CPU samples into phases: parse/validate, planning,
// building subgraph requests, subgraph HTTP + JSON parsing, merging, shaping, serialization, the
// inbound HTTP server, the request pipeline, GC. Prints a Markdown table.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { operationFromDocument, Supergraph } from '@apollo/federation-internals';
import { QueryPlanner as ApolloQueryPlanner } from '@apollo/query-planner';
import { QueryPlanner } from '@graphql-hive/router-query-planner';
import { buildASTSchema, getOperationAST, parse, specifiedRules, validate } from 'graphql';
import { generateInternalSigningKey } from '../auth/internal-token.ts';
import { publicSchemaOf } from '../gateway/executor/index.ts';
import { compilePlan } from '../gateway/executor/execute-plan.ts';
import { startPlanner } from '../gateway/executor/planner.ts';
import { compileShaper, fragmentsOf } from '../gateway/executor/shape-result.ts';
import { createLogger } from '../platform/logger.ts';
import { composeSubgraphs } from '../schema/compose.ts';
import type { LoadJob, LoadMessage, LoadResult } from './common.ts';
import { GUILD_SUBGRAPH_NAMES, guildExpectedData, guildSubgraphSdl } from '../testing/guild-subgraphs.ts';
import { cpuMs, freePort, installCleanup, killAllNow, spawnNode, stopProcess, treePeakKb, waitForMessage } from './proc.ts';
import { BENCH_DIR, BENCH_RATE_LIMITS, GATEWAY_CORE, LOAD_CORE, REPO_ROOT } from './scenarios.ts';
import { wrkAvailable } from './wrk.ts';

const { values } = parseArgs({
  options: { duration: { type: 'string' }, connections: { type: 'string' }, dedup: { type: 'string' }, top: { type: 'string' }, 'first-answers-only': { type: 'boolean' } },
});
/** Only the first answers of new operations (no load, no CPU profile). */
const firstAnswersOnly = values['first-answers-only'] === true;
/** Also list the functions with the most self time. */
const top = Number(values.top ?? 0);
const durationSeconds = Number(values.duration ?? 10);
const connections = Number(values.connections ?? 50);
const dedup = (values.dedup ?? 'off') === 'on';

function log(message: string): void {
  process.stderr.write(`profile: ${message}\n`);
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface CpuProfile {
  /** Microseconds on the monotonic clock (process.hrtime's). */
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const PHASES = [
  'parse/validate',
  'planning',
  'building subgraph requests (representations, bodies)',
  'subgraph HTTP (undici) + JSON.parse of answers',
  'merge (deepMerge, entity lookup, copies of shared answers)',
  'shaping (compiled shaper)',
  'serialization (JSON.stringify of the response)',
  'inbound HTTP (fastify, node:http, sockets)',
  'request pipeline (auth, caches, limits, authorization)',
  'logging',
  'garbage collection',
  'other (V8, native, runtime)',
] as const;
type Phase = (typeof PHASES)[number];

function phaseOfUrl(url: string, functionName: string): Phase | undefined {
  if (url.includes('/gateway/executor/shape-result.ts')) return 'shaping (compiled shaper)';
  if (url.includes('/gateway/executor/subgraph-dedup.ts'))
    return functionName === 'cloneJson' ? 'merge (deepMerge, entity lookup, copies of shared answers)' : 'subgraph HTTP (undici) + JSON.parse of answers';
  if (url.includes('/gateway/executor/execute-plan.ts')) {
    return ['deepMerge', 'collectEntities', 'entityPaths'].includes(functionName)
      ? 'merge (deepMerge, entity lookup, copies of shared answers)'
      : 'building subgraph requests (representations, bodies)';
  }
  if (url.includes('/gateway/subgraph-data-source.ts') || url.includes('/undici/')) return 'subgraph HTTP (undici) + JSON.parse of answers';
  if (url.includes('/graphql/validation/') || url.includes('/graphql/language/')) return 'parse/validate';
  if (url.includes('/gateway/executor/planner.ts')) return 'planning';
  if (url.includes('/pino') || url.includes('thread-stream') || url.includes('sonic-boom')) return 'logging';
  if (url.includes('/gateway/') || url.includes('/auth/') || url.includes('/jose/') || url.includes('/lru-cache/') || url.includes('/graphql/'))
    return 'request pipeline (auth, caches, limits, authorization)';
  if (url.includes('/fastify') || url.includes('/avvio/') || url.includes('/find-my-way/') || url.includes('/light-my-request/') || url.startsWith('node:'))
    return 'inbound HTTP (fastify, node:http, sockets)';
  return undefined;
}

/** Sort the profile's samples between `from` and `to` (µs, monotonic) into phases (ms each), skipping idle time. */
function phasesOf(profile: CpuProfile, from: number, to: number): Map<Phase, number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const memo = new Map<number, Phase | 'idle'>();
  const classify = (id: number): Phase | 'idle' => {
    const known = memo.get(id);
    if (known) return known;
    const leaf = byId.get(id)!;
    let phase: Phase | 'idle' | undefined;
    const name = leaf.callFrame.functionName;
    if (name === '(idle)') phase = 'idle';
    else if (name === '(garbage collector)') phase = 'garbage collection';
    else if (name === '(program)') phase = 'other (V8, native, runtime)';
    for (let current: number | undefined = id; phase === undefined && current !== undefined; current = parent.get(current)) {
      const frame = byId.get(current)!.callFrame;
      if (frame.url === '') continue;
      // Buffer.from of the serialized response (pipeline/format.ts's `format`) is part of its serialization.
      if (frame.url === 'node:buffer') {
        let caller = parent.get(current);
        while (caller !== undefined && ['', 'node:buffer'].includes(byId.get(caller)!.callFrame.url)) caller = parent.get(caller);
        const callerFrame = caller === undefined ? undefined : byId.get(caller)!.callFrame;
        if (callerFrame?.url.includes('/gateway/pipeline/format.ts') && callerFrame.functionName === 'format') {
          phase = 'serialization (JSON.stringify of the response)';
          continue;
        }
      }
      // JSON.stringify called by the HTTP handler is the response's serialization.
      // (V8 inlines it: its time shows as the self time of pipeline/format.ts's `format`, which does nothing else.)
      if ((name === 'stringify' || (current === id && name === 'format')) && frame.url.includes('/gateway/pipeline/format.ts')) phase = 'serialization (JSON.stringify of the response)';
      else phase = phaseOfUrl(frame.url, frame.functionName);
    }
    phase ??= 'other (V8, native, runtime)';
    memo.set(id, phase);
    return phase;
  };
  const totals = new Map<Phase, number>();
  const self = new Map<string, number>();
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i] ?? 0;
    if (time < from || time > to) continue;
    const phase = classify(profile.samples[i]!);
    if (phase === 'idle') continue;
    const frame = byId.get(profile.samples[i]!)!.callFrame;
    const where = `${frame.functionName || '(anonymous)'} ${frame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/main\//, '')}`;
    self.set(where, (self.get(where) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    totals.set(phase, (totals.get(phase) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  if (top > 0) {
    const sorted = [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
    process.stderr.write(sorted.map(([where, ms]) => `${ms.toFixed(0).padStart(7)} ms  ${where}`).join('\n') + '\n');
  }
  return totals;
}

/** Phases of one new operation's first answer, ms. */
interface FirstAnswer {
  readonly parseValidate: number;
  /** Through the planner process, as the gateway plans. */
  readonly rustPlan: number;
  /** compilePlan: our executor's form of the Rust planner's plan. */
  readonly planCompile: number;
  readonly rustInProcess: number;
  readonly apolloPlan: number;
  readonly shaper: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Seven distinct operations, new to any planner: the guild query without one of Product's fields, or with a root alias. */
function newOperations(query: string): string[] {
  const fields = ['inStock', 'name', 'price', 'shippingEstimate', 'upc', 'weight'];
  const variants = fields.map((left, index) =>
    query
      .replace(/fragment Product on Product \{[^}]*\}/, `fragment Product on Product {\n  ${fields.filter((field) => field !== left).join('\n  ')}\n}`)
      .replace('query TestQuery', `query NewOperation${index}`),
  );
  variants.push(query.replace('query TestQuery', 'query NewOperation6').replace('\n  users {', '\n  people: users {'));
  return variants;
}

const tmpDir = mkdtempSync(path.join(os.tmpdir(), 'lien-thong-profile-'));
installCleanup(() => rmSync(tmpDir, { recursive: true, force: true }));
try {
  const query = readFileSync(path.join(BENCH_DIR, 'guild-test-query.graphql'), 'utf8');
  const expected = await guildExpectedData(query);
  const host = spawnNode([path.join(BENCH_DIR, 'guild-host.ts')], { core: LOAD_CORE, cwd: REPO_ROOT, ipc: true });
  const ready = await waitForMessage<{ type: string; url: string }>(host, 'ready', 120_000);
  const composed = composeSubgraphs(GUILD_SUBGRAPH_NAMES.map((name) => ({ name, url: `${ready.url}/${name}`, sdl: guildSubgraphSdl(name) })));
  if (!composed.ok) throw new Error(`composition failed:\n${composed.errors.join('\n')}`);
  const supergraphFile = path.join(tmpDir, 'supergraph.graphql');
  writeFileSync(supergraphFile, composed.supergraphSdl);

  // A new operation's first answer, per planner: parse + validate, plan (ours: the Rust planner in its
  // planner process, IPC included, as the gateway does, then the plan's compilation for our executor;
  // Apollo's: in this process, its own plan format), shaper compilation with its first use. Median over
  // distinct operations, each new to both planners, after each planner planned the guild query once.
  const schema = publicSchemaOf(composed.supergraphSdl);
  const supergraphSchema = buildASTSchema(parse(composed.supergraphSdl), { assumeValid: true, assumeValidSDL: true });
  const plannerProcess = await startPlanner(composed.supergraphSdl, { logger: createLogger('profile', 'error') });
  const inProcessPlanner = new QueryPlanner(composed.supergraphSdl);
  const supergraph = Supergraph.build(composed.supergraphSdl);
  const apiSchema = supergraph.apiSchema();
  const apolloPlanner = new ApolloQueryPlanner(supergraph);
  await plannerProcess.plan(query, undefined, [], 0);
  inProcessPlanner.plan(query, null, new Set(), 0);
  apolloPlanner.buildQueryPlan(operationFromDocument(apiSchema, parse(query), { validate: false }));
  const variants = newOperations(query);
  const firsts: FirstAnswer[] = [];
  for (const variant of variants) {
    const variantExpected = (await guildExpectedData(variant)) as Record<string, unknown>;
    let started = performance.now();
    const document = parse(variant);
    const problems = validate(schema, document, specifiedRules);
    if (problems.length > 0) throw new Error(`a new operation is invalid: ${problems[0]!.message}`);
    const parseValidate = performance.now() - started;
    started = performance.now();
    const plan = await plannerProcess.plan(variant, undefined, [], 0);
    const rustPlan = performance.now() - started;
    started = performance.now();
    if (plan.node) compilePlan(plan.node, supergraphSchema);
    const planCompile = performance.now() - started;
    started = performance.now();
    apolloPlanner.buildQueryPlan(operationFromDocument(apiSchema, document, { validate: false }));
    const apolloPlan = performance.now() - started;
    started = performance.now();
    inProcessPlanner.plan(variant, null, new Set(), 0);
    const rustInProcess = performance.now() - started;
    started = performance.now();
    compileShaper(schema, getOperationAST(document)!, fragmentsOf(document.definitions), {}).shape(variantExpected, false);
    const shaper = performance.now() - started;
    firsts.push({ parseValidate, rustPlan, planCompile, rustInProcess, apolloPlan, shaper });
  }
  await plannerProcess.stop();
  const firstMedian = (pick: (first: FirstAnswer) => number) => median(firsts.map(pick));

  const port = await freePort();
  const profileDir = path.join(tmpDir, 'cpu');
  const internalKey = await generateInternalSigningKey();
  // GATEWAY_NODE_OPTIONS: extra node flags for the gateway only (e.g. --max-semi-space-size=32).
  const gatewayFlags = (process.env['GATEWAY_NODE_OPTIONS'] ?? '').split(' ').filter(Boolean);
  const gateway = spawnNode([...gatewayFlags, `--cpu-prof`, `--cpu-prof-dir=${profileDir}`, 'gateway/main.ts'], {
    core: GATEWAY_CORE,
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      GATEWAY_HOST: '127.0.0.1',
      GATEWAY_PORT: String(port),
      LOG_LEVEL: 'error',
      SUPERGRAPH_FILE: supergraphFile,
      INTERNAL_SIGNING_JWK: JSON.stringify(internalKey.privateJwk),
      INBOUND_DEDUP: String(dedup),
      ...BENCH_RATE_LIMITS,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  const body = JSON.stringify({ query });
  let answer = '';
  for (let attempt = 0; attempt < 600 && answer === ''; attempt++) {
    try {
      const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await response.text();
      if (JSON.stringify((JSON.parse(text) as { data?: unknown }).data) !== JSON.stringify(expected)) throw new Error(`wrong answer: ${text.slice(0, 300)}`);
      answer = text;
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('wrong answer')) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  if (answer === '') throw new Error(`the gateway did not start:\n${gateway.output()}`);

  // The same new operations through the running gateway: first answer, then the same one cached.
  const gatewayFirst: number[] = [];
  const gatewayCached: number[] = [];
  for (const variant of variants) {
    for (const into of [gatewayFirst, gatewayCached]) {
      const started = performance.now();
      const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: variant }) });
      const text = await response.text();
      into.push(performance.now() - started);
      if (response.status !== 200 || (JSON.parse(text) as { errors?: unknown }).errors) throw new Error(`a new operation failed: ${text.slice(0, 300)}`);
    }
  }
  const firstLines = [
    `A new operation's first answer (median of ${variants.length} distinct operations, each new to the planner; ms):`,
    '',
    '| planner | parse + validate | plan | plan compilation | shaper compilation + first use | first answer, total |',
    '|---|---:|---:|---:|---:|---:|',
    `| Rust (\`@graphql-hive/router-query-planner\`, in the planner process: IPC included) | ${firstMedian((f) => f.parseValidate).toFixed(2)} | ${firstMedian((f) => f.rustPlan).toFixed(1)} | ${firstMedian((f) => f.planCompile).toFixed(2)} | ${firstMedian((f) => f.shaper).toFixed(2)} | ${firstMedian((f) => f.parseValidate + f.rustPlan + f.planCompile + f.shaper).toFixed(1)} |`,
    `| Apollo (\`@apollo/query-planner\`, in process) | ${firstMedian((f) => f.parseValidate).toFixed(2)} | ${firstMedian((f) => f.apolloPlan).toFixed(1)} | – | ${firstMedian((f) => f.shaper).toFixed(2)} | ${firstMedian((f) => f.parseValidate + f.apolloPlan + f.shaper).toFixed(1)} |`,
    '',
    `The Rust planner in this process (no IPC): ${firstMedian((f) => f.rustInProcess).toFixed(1)} ms per new operation. Through the running gateway (HTTP, subgraph calls and all): first answer ${median(gatewayFirst).toFixed(1)} ms, the same operation again ${median(gatewayCached).toFixed(1)} ms (medians).`,
    '',
  ];
  if (firstAnswersOnly) {
    process.stdout.write(`${firstLines.join('\n')}\n`);
    await stopProcess(gateway, 15_000);
    await stopProcess(host);
    process.exit(0);
  }

  log(`load: ${connections} connections, 2 s warm-up + ${durationSeconds} s, inbound dedup ${dedup ? 'on' : 'off'}`);
  const load = spawnNode([path.join(BENCH_DIR, 'load.ts')], { core: LOAD_CORE, cwd: REPO_ROOT, ipc: true });
  const job: LoadJob = {
    type: 'run',
    url,
    connections,
    warmupSeconds: 2,
    durationSeconds,
    request: { path: '/graphql', headers: { 'content-type': 'application/json' }, body },
    expectedBodies: [answer],
    generator: wrkAvailable() ? 'wrk' : 'autocannon',
  };
  let cpuAtStart = 0;
  let cpuAtEnd = 0;
  const nowMicros = () => Number(process.hrtime.bigint() / 1000n);
  let windowStart = 0;
  let windowEnd = 0;
  const result = await new Promise<LoadResult>((resolve, reject) => {
    load.child.on('message', (message: LoadMessage) => {
      if (message.type === 'mark' && message.phase === 'start') {
        cpuAtStart = cpuMs(gateway.pid) ?? 0;
        windowStart = nowMicros();
      }
      if (message.type === 'mark' && message.phase === 'end') {
        cpuAtEnd = cpuMs(gateway.pid) ?? 0;
        windowEnd = nowMicros();
      }
      if (message.type === 'result') resolve(message.result);
      if (message.type === 'error') reject(new Error(message.message));
    });
    load.child.send(job);
  });
  await stopProcess(load);
  // The gateway's peak and what its planner process adds (bench/proc.ts, treePeakKb).
  const peak = treePeakKb(gateway.pid);
  const peakRssMb = ((peak.own ?? 0) + peak.descendants) / 1024;
  const plannerRssMb = peak.descendants / 1024;
  await stopProcess(gateway, 15_000);
  await stopProcess(host);

  const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error('the gateway wrote no CPU profile');
  const totals = phasesOf(JSON.parse(readFileSync(path.join(profileDir, file), 'utf8')) as CpuProfile, windowStart, windowEnd);
  const busy = [...totals.values()].reduce((sum, value) => sum + value, 0);
  const perRequest = (cpuAtEnd - cpuAtStart) / Math.max(1, result.ok);
  const lines = [
    `Guild query, inbound dedup ${dedup ? 'on' : 'off'}, ${connections} connections, ${durationSeconds} s: ${(result.ok / result.seconds).toFixed(0)} req/s, p99 ${result.p99.toFixed(0)} ms, ${perRequest.toFixed(2)} ms CPU per request, peak RSS ${peakRssMb.toFixed(0)} MB (gateway ${(peakRssMb - plannerRssMb).toFixed(0)} + planner process ${plannerRssMb.toFixed(0)}${peak.method === 'pages' ? ' of pages its own' : ', its own peak whole'}; ${result.mismatches + result.non2xx + result.errors} errors)`,
    '',
    ...firstLines,
    '| phase | share of gateway CPU | ms per request |',
    '|---|---:|---:|',
    ...PHASES.filter((phase) => (totals.get(phase) ?? 0) > 0).map((phase) => {
      const share = (totals.get(phase) ?? 0) / busy;
      return `| ${phase} | ${(share * 100).toFixed(1)} % | ${(share * perRequest).toFixed(3)} |`;
    }),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  killAllNow();
  rmSync(tmpDir, { recursive: true, force: true });
}
