// `npm run bench`: runs our gateway and the peer gateways one after another against the same subgraphs
// on this machine, under the same load, and prints a Markdown table per scenario (also written to
// bench/results/latest.md). See bench/README.md.
//
//   npm run bench -- [--scenario guild|domain|all] [--duration 10] [--warmup 2] [--runs 3]
//                    [--connections 50] [--gateways ours,apollo,hive,hive-rust,mercurius]
//                    [--dedup both|on|off] [--no-pin] [--no-install] [--out file]
//                    [--node-flags "--max-semi-space-size=32"] [--no-ceiling] [--load wrk|autocannon]
//
// Exits non-zero only when the harness itself fails (or our gateway could not be measured at all),
// never because a gateway is slower.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { LoadGenerator, LoadJob, LoadMessage, LoadResult } from './common.ts';
import { wrkAvailable, wrkVersion } from './wrk.ts';
import {
  cpuMs,
  cpuWithEndedChildrenMs,
  freePort,
  machineBusyMs,
  installCleanup,
  killAllNow,
  PROC_AVAILABLE,
  spawnNode,
  stopProcess,
  TASKSET_AVAILABLE,
  treeCpuMs,
  treePeakKb,
  waitForMessage,
} from './proc.ts';
import type { Tracked } from './proc.ts';
import { scenarioMarkdown } from './report.ts';
import type { ConfigResult, RunRecord } from './report.ts';
import { BENCH_DIR, GATEWAY_CORE, GATEWAY_KINDS, LOAD_CORE, MERCURIUS_DIR, OUR_DEDUP_VARIABLES, PEERS_DIR, REPO_ROOT, setupDomain, setupGuild } from './scenarios.ts';
import type { GatewayKind, GatewaySpec, PeerInstalls, Scenario } from './scenarios.ts';

interface Options {
  readonly scenarios: readonly ('guild' | 'domain')[];
  readonly durationSeconds: number;
  readonly warmupSeconds: number;
  readonly runs: number;
  readonly connections: number;
  readonly gateways: Readonly<Record<'guild' | 'domain', readonly GatewayKind[]>>;
  readonly dedup: readonly ('off' | 'on')[];
  readonly pin: boolean;
  readonly install: boolean;
  readonly out: string;
  readonly startTimeoutSeconds: number;
  /** Node flags given to every gateway process alike (ours and the peers). */
  readonly nodeFlags: readonly string[];
  /** Measure the bare node:http ceiling in the guild scenario. */
  readonly ceiling: boolean;
  readonly generator: LoadGenerator;
}

const DEFAULT_GATEWAYS: Record<'guild' | 'domain', readonly GatewayKind[]> = {
  guild: GATEWAY_KINDS,
  domain: ['ours', 'apollo', 'mercurius'],
};

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

class UsageError extends Error {}

const OPTION_SPEC = {
  scenario: { type: 'string' },
  duration: { type: 'string' },
  warmup: { type: 'string' },
  runs: { type: 'string' },
  connections: { type: 'string' },
  gateways: { type: 'string' },
  dedup: { type: 'string' },
  'no-pin': { type: 'boolean' },
  'no-install': { type: 'boolean' },
  out: { type: 'string' },
  'start-timeout': { type: 'string' },
  'node-flags': { type: 'string' },
  'no-ceiling': { type: 'boolean' },
  load: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseFlags(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTION_SPEC, strict: true }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function parseOptions(argv: readonly string[]): Options {
  const values = parseFlags(argv);
  if (values.help) {
    process.stdout.write(readFileSync(path.join(BENCH_DIR, 'run.ts'), 'utf8').split('\n').slice(0, 11).join('\n') + '\n');
    process.exit(0);
  }
  const env = process.env;
  const number = (name: string, value: string | undefined, fallback: number, min: number, max: number) => {
    const parsed = value === undefined || value === '' ? fallback : Number(value);
    if (!Number.isFinite(parsed) || parsed < min || parsed > max) throw new UsageError(`--${name} must be a number between ${min} and ${max}, got ${value}`);
    return parsed;
  };
  const scenario = values.scenario ?? env['BENCH_SCENARIO'] ?? 'all';
  if (!['guild', 'domain', 'all'].includes(scenario)) throw new UsageError(`--scenario must be guild, domain or all, got ${scenario}`);
  const gatewayList = values.gateways ?? env['BENCH_GATEWAYS'];
  let gateways = DEFAULT_GATEWAYS;
  if (gatewayList) {
    const kinds = gatewayList.split(',').map((item) => item.trim());
    for (const kind of kinds) if (!GATEWAY_KINDS.includes(kind as GatewayKind)) throw new UsageError(`unknown gateway "${kind}" (known: ${GATEWAY_KINDS.join(', ')})`);
    gateways = { guild: kinds as GatewayKind[], domain: kinds as GatewayKind[] };
  }
  const dedup = values.dedup ?? env['BENCH_DEDUP'] ?? 'both';
  if (!['both', 'on', 'off'].includes(dedup)) throw new UsageError(`--dedup must be both, on or off, got ${dedup}`);
  const generator = values.load ?? env['BENCH_LOAD'] ?? (wrkAvailable() ? 'wrk' : 'autocannon');
  if (generator !== 'wrk' && generator !== 'autocannon') throw new UsageError(`--load must be wrk or autocannon, got ${generator}`);
  if (generator === 'wrk' && !wrkAvailable()) throw new UsageError('--load wrk: wrk is not installed (apt-get install wrk)');
  if (generator === 'autocannon') log('load generator: autocannon (install wrk for a load side that does not cap the ceiling: apt-get install wrk)');
  return {
    scenarios: scenario === 'all' ? ['guild', 'domain'] : [scenario as 'guild' | 'domain'],
    durationSeconds: number('duration', values.duration ?? env['BENCH_DURATION'], 10, 1, 600),
    warmupSeconds: number('warmup', values.warmup ?? env['BENCH_WARMUP'], 2, 0, 120),
    runs: Math.round(number('runs', values.runs ?? env['BENCH_RUNS'], 3, 1, 20)),
    connections: Math.round(number('connections', values.connections ?? env['BENCH_CONNECTIONS'], 50, 1, 1000)),
    gateways,
    dedup: dedup === 'both' ? ['off', 'on'] : [dedup as 'off' | 'on'],
    pin: !values['no-pin'] && env['BENCH_PIN'] !== 'false',
    install: !values['no-install'] && env['BENCH_INSTALL'] !== 'false',
    out: path.resolve(values.out ?? env['BENCH_OUT'] ?? path.join(BENCH_DIR, 'results', 'latest.md')),
    startTimeoutSeconds: number('start-timeout', values['start-timeout'] ?? env['BENCH_START_TIMEOUT'], 120, 5, 600),
    nodeFlags: (values['node-flags'] ?? env['BENCH_NODE_FLAGS'] ?? '').split(' ').filter(Boolean),
    ceiling: !values['no-ceiling'] && env['BENCH_CEILING'] !== 'false',
    generator,
  };
}

// ---------------------------------------------------------------- peers' installs

function directDependencies(dir: string): Record<string, string> {
  const lock = JSON.parse(readFileSync(path.join(dir, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; dependencies?: Record<string, string> }> };
  const root = lock.packages[''];
  return Object.fromEntries(Object.keys(root?.dependencies ?? {}).map((name) => [name, lock.packages[`node_modules/${name}`]?.version ?? '?']));
}

/** Why `dir` is not installed as its lockfile says, or undefined when it is. */
function missingInstall(dir: string): string | undefined {
  for (const [name, version] of Object.entries(directDependencies(dir))) {
    const manifest = path.join(dir, 'node_modules', name, 'package.json');
    if (!existsSync(manifest)) return `${name} is not installed`;
    const installed = (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
    if (installed !== version) return `${name} ${installed} is installed, the lockfile says ${version}`;
  }
  return undefined;
}

function duKb(dir: string): number | undefined {
  const result = spawnSync('du', ['-sk', dir], { encoding: 'utf8' });
  return result.status === 0 ? Number(result.stdout.split('\t')[0]) : undefined;
}

/** Install `dir` with `npm ci` when needed; returns why it is unusable, or undefined. */
function ensureInstalled(dir: string, allowInstall: boolean): string | undefined {
  const missing = missingInstall(dir);
  if (!missing) return undefined;
  const relative = path.relative(REPO_ROOT, dir);
  if (!allowInstall) return `not installed (${missing}; run npm ci --prefix ${relative})`;
  log(`${relative}: ${missing}: npm ci --prefix ${relative} …`);
  const npmCli = process.env['npm_execpath'];
  const [command, prefix] = npmCli && npmCli.endsWith('.js') ? [process.execPath, [npmCli]] : ['npm', []];
  const started = performance.now();
  const result = spawnSync(command, [...prefix, 'ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: ['ignore', 2, 2], timeout: 15 * 60_000 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) return `npm ci in ${relative} failed (${result.error?.message ?? `exit ${result.status}`})`;
  const again = missingInstall(dir);
  if (again) return `npm ci in ${relative} left it incomplete: ${again}`;
  const kb = duKb(path.join(dir, 'node_modules'));
  log(`${relative}: installed in ${seconds.toFixed(0)} s${kb ? `, ${(kb / 1024).toFixed(0)} MB` : ''}`);
  return undefined;
}

function installedVersion(dir: string, name: string): string {
  try {
    return (JSON.parse(readFileSync(path.join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

// ---------------------------------------------------------------- one run

const LOAD_SCRIPT = path.join(BENCH_DIR, 'load.ts');

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

class StartupError extends Error {}

/** Wait until the gateway answers the scenario's request correctly; returns its correct bodies. */
async function waitReady(gateway: Tracked, url: string, scenario: Scenario, timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  let wrongAnswers = 0;
  const post = async () => {
    const response = await fetch(url, { method: 'POST', headers: scenario.request.headers, body: scenario.request.body, signal: AbortSignal.timeout(30_000) });
    return { status: response.status, text: await response.text() };
  };
  const problemOf = (answer: { status: number; text: string }) => {
    if (answer.status !== 200) return `HTTP ${answer.status}: ${answer.text.slice(0, 300)}`;
    try {
      return scenario.validate(JSON.parse(answer.text));
    } catch {
      return `not JSON: ${answer.text.slice(0, 300)}`;
    }
  };
  while (Date.now() < deadline) {
    if (gateway.hasExited()) throw new StartupError(`the gateway exited during start-up:\n${gateway.output().slice(-1500)}`);
    let answer: { status: number; text: string } | undefined;
    try {
      answer = await post();
    } catch (error) {
      last = (error as Error).message;
    }
    if (answer) {
      const problem = problemOf(answer);
      if (problem === undefined) {
        const bodies = new Set([answer.text]);
        for (let i = 0; i < 3; i++) {
          const again = await post();
          const againProblem = problemOf(again);
          if (againProblem) throw new StartupError(`a later answer was wrong: ${againProblem}`);
          bodies.add(again.text);
        }
        return [...bodies];
      }
      last = problem;
      if (++wrongAnswers >= 20) throw new StartupError(`wrong answers: ${problem}`);
    }
    await sleep(250);
  }
  throw new StartupError(`not ready within ${timeoutMs / 1000} s: ${last}\n${gateway.output().slice(-1500)}`);
}

async function runOnce(scenario: Scenario, spec: GatewaySpec, dedup: boolean, round: number, options: Options): Promise<RunRecord> {
  const port = await freePort();
  const command = spec.command(port, dedup);
  const started = performance.now();
  const gateway = spawnNode([...options.nodeFlags, ...command.args], { core: options.pin ? GATEWAY_CORE : undefined, env: command.env, cwd: command.cwd });
  try {
    const url = `http://127.0.0.1:${port}${scenario.request.path}`;
    const expectedBodies = await waitReady(gateway, url, scenario, options.startTimeoutSeconds * 1000);
    const startupSeconds = (performance.now() - started) / 1000;
    const load = spawnNode([LOAD_SCRIPT], { core: options.pin ? LOAD_CORE : undefined, cwd: REPO_ROOT, ipc: true });
    try {
      type Reading = Record<'gateway' | 'host' | 'load' | 'machine', number | undefined>;
      const readings: Reading[] = [];
      load.child.on('message', (message: LoadMessage) => {
        // The gateway's CPU includes its child processes' (our planner process).
        if (message.type === 'mark') readings.push({ gateway: treeCpuMs(gateway.pid), host: cpuMs(scenario.hostPid), load: cpuWithEndedChildrenMs(load.pid), machine: machineBusyMs() });
      });
      const job: LoadJob = {
        type: 'run',
        url: `http://127.0.0.1:${port}`,
        connections: options.connections,
        warmupSeconds: options.warmupSeconds,
        durationSeconds: options.durationSeconds,
        request: scenario.request,
        expectedBodies,
        generator: options.generator,
      };
      load.child.send(job);
      const { result } = await waitForMessage<{ type: 'result'; result: LoadResult }>(load, 'result', (options.warmupSeconds + options.durationSeconds + 90) * 1000);
      const peak = treePeakKb(gateway.pid);
      if (gateway.hasExited()) throw new Error(`the gateway exited during the run:\n${gateway.output().slice(-1500)}`);
      const [start, end] = readings;
      const delta = (key: keyof Reading) => (start?.[key] !== undefined && end?.[key] !== undefined ? end[key] - start[key] : undefined);
      const gatewayCpu = delta('gateway');
      const hostCpu = delta('host');
      const loadCpu = delta('load');
      const machineCpu = delta('machine');
      const windowMs = result.seconds * 1000;
      return {
        round,
        startupSeconds,
        seconds: result.seconds,
        responses: result.responses,
        ok: result.ok,
        reqPerSec: result.ok / result.seconds,
        p50: result.p50,
        p99: result.p99,
        cpuMsPerRequest: gatewayCpu !== undefined && result.responses > 0 ? gatewayCpu / result.responses : undefined,
        peakRssMb: peak.own !== undefined ? (peak.own + peak.descendants) / 1024 : undefined,
        peakRssChildrenMb: peak.own !== undefined ? peak.descendants / 1024 : undefined,
        peakRssChildrenMethod: peak.method,
        non2xx: result.non2xx,
        mismatches: result.mismatches,
        errors: result.errors,
        warmupProblems: result.warmupProblems,
        loadCoreBusy: hostCpu !== undefined && loadCpu !== undefined ? (hostCpu + loadCpu) / windowMs : undefined,
        othersBusy:
          machineCpu !== undefined && gatewayCpu !== undefined && hostCpu !== undefined && loadCpu !== undefined ? Math.max(0, machineCpu - gatewayCpu - hostCpu - loadCpu) / windowMs : undefined,
        hostCpuMsPerRequest: hostCpu !== undefined && result.responses > 0 ? hostCpu / result.responses : undefined,
        samples: result.samples,
      };
    } finally {
      await stopProcess(load, 2000);
    }
  } finally {
    await stopProcess(gateway);
  }
}

// ---------------------------------------------------------------- a scenario

interface Config {
  readonly spec: GatewaySpec;
  readonly dedup: 'off' | 'on';
  readonly runs: RunRecord[];
  readonly failures: string[];
  status: ConfigResult['status'];
}

async function runScenario(scenario: Scenario, options: Options): Promise<{ markdown: string; configs: Config[] }> {
  const configs: Config[] = [];
  for (const spec of scenario.gateways) {
    for (const dedup of options.dedup) {
      const status: ConfigResult['status'] = spec.notRunnable
        ? { kind: 'not runnable', reason: spec.notRunnable }
        : dedup === 'on' && spec.dedup !== true
          ? { kind: 'n/a', reason: spec.dedup }
          : { kind: 'measured' };
      // One "not runnable" row per gateway is enough.
      if (status.kind === 'not runnable' && dedup === 'on' && options.dedup.includes('off')) continue;
      // The ceiling has one row whatever the dedup settings: nothing in it depends on them.
      if (spec.kind === 'ceiling') {
        if (dedup === options.dedup[0]) configs.push({ spec, dedup: 'off', runs: [], failures: [], status: { kind: 'measured' } });
        continue;
      }
      configs.push({ spec, dedup, runs: [], failures: [], status });
    }
  }
  const runnable = configs.filter((config) => config.status.kind === 'measured');
  const total = runnable.length * options.runs;
  let done = 0;
  for (let round = 1; round <= options.runs; round++) {
    // Rotate the order each round so no configuration always runs first (or right after another).
    const offset = (round - 1) % Math.max(1, runnable.length);
    const order = [...runnable.slice(offset), ...runnable.slice(0, offset)];
    for (const config of order) {
      if (config.status.kind !== 'measured') continue;
      done++;
      const label = `[${scenario.name} ${done}/${total}] ${config.spec.label}${config.spec.kind === 'ceiling' ? '' : `, dedup ${config.dedup}`}, run ${round}/${options.runs}`;
      try {
        const record = await runOnce(scenario, config.spec, config.dedup === 'on', round, options);
        config.runs.push(record);
        const problems = record.non2xx + record.mismatches + record.errors;
        log(
          `${label}: ${record.reqPerSec.toFixed(1)} req/s, p50 ${record.p50.toFixed(1)} ms, p99 ${record.p99.toFixed(1)} ms, ` +
            `${record.cpuMsPerRequest?.toFixed(2) ?? '–'} ms CPU/req, ${record.peakRssMb?.toFixed(0) ?? '–'} MB peak RSS` +
            (record.peakRssChildrenMb ? ` (child processes ${record.peakRssChildrenMb.toFixed(0)} MB of it)` : '') +
            (problems > 0 ? `, ${problems} ERRORS ⚠` : '') +
            (record.warmupProblems > 0 ? `, ${record.warmupProblems} warm-up errors ⚠` : ''),
        );
      } catch (error) {
        const message = (error as Error).message;
        config.failures.push(message.split('\n').slice(0, 6).join(' ').slice(0, 600));
        log(`${label}: FAILED: ${message}`);
        // A gateway that cannot even start will not start next round either.
        if (error instanceof StartupError && config.runs.length === 0) {
          config.status = { kind: 'failed', reason: message.split('\n')[0]?.slice(0, 300) ?? 'failed' };
        }
      }
      await sleep(300);
    }
  }
  for (const config of configs) {
    if (config.status.kind === 'measured' && config.runs.length === 0) config.status = { kind: 'failed', reason: config.failures[0]?.slice(0, 300) ?? 'no run completed' };
  }
  const results: ConfigResult[] = configs.map((config) => ({
    kind: config.spec.kind,
    label: config.spec.label,
    dedup: config.dedup,
    status: config.status,
    runs: config.runs,
    failures: config.failures,
  }));
  const notes = [...scenario.notes];
  if (configs.some((config) => config.spec.kind === 'ours')) notes.push(ourDedupNote());
  return { markdown: scenarioMarkdown(scenario.title, results, notes, options.runs, scenario.name === 'guild'), configs };
}

/** Which dedup switch our gateway reads (the harness passes INBOUND_DEDUP and GATEWAY_DEDUP alike). */
function ourDedupNote(): string {
  const gatewayDir = path.join(REPO_ROOT, 'gateway');
  const sources = readdirSync(gatewayDir)
    .filter((file) => file.endsWith('.ts'))
    .map((file) => readFileSync(path.join(gatewayDir, file), 'utf8'))
    .join('\n');
  const read = OUR_DEDUP_VARIABLES.filter((name) => sources.includes(name));
  return read.length > 0
    ? `Ours: dedup on/off is ${read.map((name) => `${name}=true/false`).join(', ')} (the harness passes ${OUR_DEDUP_VARIABLES.join(' and ')}).`
    : `Ours: the harness passes ${OUR_DEDUP_VARIABLES.map((name) => `${name}=true/false`).join(' and ')}, but gateway/ reads neither (no inbound dedup): both rows of ours run without dedup.`;
}

// ---------------------------------------------------------------- main

function machineLines(options: Options): string[] {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const [one, five] = os.loadavg();
  return [
    `- date: ${new Date().toISOString()}`,
    `- machine: ${os.availableParallelism()} cores (${cpu}), ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, ${os.type()} ${os.release()}; load average at start ${one?.toFixed(2)} / ${five?.toFixed(2)}`,
    `- node ${process.version}; load generator: ${options.generator === 'wrk' ? wrkVersion() : `autocannon ${installedVersion(REPO_ROOT, 'autocannon')}`}`,
    `- peers: @apollo/gateway ${installedVersion(PEERS_DIR, '@apollo/gateway')}, @apollo/server ${installedVersion(PEERS_DIR, '@apollo/server')}, @graphql-hive/gateway-runtime ${installedVersion(PEERS_DIR, '@graphql-hive/gateway-runtime')} (Hive Gateway 2.15's runtime), @graphql-hive/router-runtime ${installedVersion(PEERS_DIR, '@graphql-hive/router-runtime')}, @mercuriusjs/gateway ${installedVersion(MERCURIUS_DIR, '@mercuriusjs/gateway')} (graphql ${installedVersion(MERCURIUS_DIR, 'graphql')})`,
    `- node flags for every gateway: ${options.nodeFlags.length > 0 ? options.nodeFlags.join(' ') : 'none (defaults)'}`,
    `- load: ${options.connections} connections, ${options.warmupSeconds} s warm-up then ${options.durationSeconds} s measured, ${options.runs} run(s) per configuration (medians; a fresh gateway process each run)`,
    `- placement: ${
      options.pin && TASKSET_AVAILABLE
        ? `gateway pinned to core ${GATEWAY_CORE}; load generator, subgraphs (and identity provider) pinned to core ${LOAD_CORE}`
        : 'not pinned (taskset unavailable or --no-pin): gateway and load generator share the cores'
    }`,
  ];
}

/** Our gateway runs from its JavaScript build, as production runs it: made afresh from the sources (`npm run build`). */
function buildGateway(): void {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.ts')], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'], timeout: 120_000 });
  if (result.status !== 0) throw new Error(`the gateway's build failed (npm run build): ${result.error?.message ?? `exit ${result.status}`}`);
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const tmpDir = mkdtempSync(path.join(os.tmpdir(), 'lien-thong-bench-'));
  const closers: (() => Promise<void>)[] = [];
  installCleanup(() => rmSync(tmpDir, { recursive: true, force: true }));
  if (!PROC_AVAILABLE) log('/proc is not available: CPU and memory figures will be missing');
  if (options.pin && !TASKSET_AVAILABLE) log('taskset is not available: processes are not pinned');
  try {
    buildGateway();
    const needsPeers = options.scenarios.some((name) => options.gateways[name].some((kind) => kind === 'apollo' || kind === 'hive' || kind === 'hive-rust'));
    const needsMercurius = options.scenarios.includes('guild') && options.gateways.guild.includes('mercurius');
    const installs: PeerInstalls = {
      peers: needsPeers ? ensureInstalled(PEERS_DIR, options.install) : undefined,
      mercurius: needsMercurius ? ensureInstalled(MERCURIUS_DIR, options.install) : undefined,
    };
    const sections: string[] = ['## Benchmark', '', ...machineLines(options), '', `Reproduce: \`npm run bench -- ${process.argv.slice(2).join(' ')}\``.replace(/ -- `$/, '`'), ''];
    let oursMeasured = true;
    const raw: Record<string, unknown> = { date: new Date().toISOString(), options, node: process.version, cores: os.availableParallelism() };
    for (const name of options.scenarios) {
      log(`scenario ${name}: starting its subgraphs`);
      const setup = name === 'guild' ? setupGuild : setupDomain;
      const scenario = await setup({ tmpDir, pin: options.pin, installs, gateways: options.gateways[name], ceiling: options.ceiling });
      closers.push(() => scenario.close());
      try {
        const { markdown, configs } = await runScenario(scenario, options);
        sections.push(markdown);
        raw[name] = configs.map((config) => ({ gateway: config.spec.kind, label: config.spec.label, dedup: config.dedup, status: config.status, runs: config.runs, failures: config.failures }));
        const ours = configs.filter((config) => config.spec.kind === 'ours');
        if (ours.length > 0 && ours.every((config) => config.runs.length === 0)) oursMeasured = false;
      } finally {
        await scenario.close();
        closers.pop();
      }
    }
    const report = sections.join('\n');
    mkdirSync(path.dirname(options.out), { recursive: true });
    writeFileSync(options.out, report + '\n');
    writeFileSync(options.out.replace(/\.md$/, '') + '.json', JSON.stringify(raw, null, 2) + '\n');
    process.stdout.write(report + '\n');
    log(`written to ${path.relative(process.cwd(), options.out)} (every run's figures: .json beside it)`);
    if (!oursMeasured) {
      log('our gateway could not be measured: harness failure');
      return 1;
    }
    return 0;
  } finally {
    for (const close of closers.reverse()) await close().catch(() => {});
    killAllNow();
    rmSync(tmpDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) log(`${error.message} (see --help)`);
    else log(`harness failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    killAllNow();
    process.exit(1);
  },
);
