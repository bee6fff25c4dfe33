// Aggregates the runs of each configuration (medians) and writes the Markdown report.
import type { GatewayKind } from './scenarios.ts';

/** One measured run of one configuration. */
export interface RunRecord {
  readonly round: number;
  readonly startupSeconds: number;
  readonly seconds: number;
  readonly responses: number;
  readonly ok: number;
  readonly reqPerSec: number;
  readonly p50: number;
  readonly p99: number;
  readonly cpuMsPerRequest: number | undefined;
  /** Peak RSS of the gateway process plus what its child processes add (bench/proc.ts, treePeakKb). */
  readonly peakRssMb: number | undefined;
  /** The child processes' part of peakRssMb (our planner process; 0 when there is none). */
  readonly peakRssChildrenMb: number | undefined;
  /** How the children's part was counted: their pages the gateway does not hold, or their own peaks whole. */
  readonly peakRssChildrenMethod?: 'pages' | 'sum';
  readonly non2xx: number;
  readonly mismatches: number;
  readonly errors: number;
  readonly warmupProblems: number;
  /** CPU share of the load core (load generator + subgraph host) during the window, 0–1 per core. */
  readonly loadCoreBusy: number | undefined;
  /** CPU the rest of the machine used during the window (other sessions' processes, the harness), in cores. */
  readonly othersBusy: number | undefined;
  /** Subgraph-host CPU per gateway request, ms. */
  readonly hostCpuMsPerRequest: number | undefined;
  readonly samples: readonly string[];
}

/** One row of a scenario's table. */
export interface ConfigResult {
  readonly kind: GatewayKind;
  readonly label: string;
  readonly dedup: 'off' | 'on';
  /** Figures are absent for these, with the reason shown instead. */
  readonly status: { readonly kind: 'measured' } | { readonly kind: 'n/a' | 'not runnable' | 'failed'; readonly reason: string };
  readonly runs: readonly RunRecord[];
  readonly failures: readonly string[];
}

/** Medians of a configuration's runs. */
export interface Summary {
  readonly reqPerSec: number;
  readonly p50: number;
  readonly p99: number;
  readonly cpuMsPerRequest: number | undefined;
  readonly peakRssMb: number | undefined;
  readonly peakRssChildrenMb: number | undefined;
  readonly peakRssChildrenMethod: 'pages' | 'sum' | undefined;
  readonly problems: number;
  readonly warmupProblems: number;
  readonly loadCoreBusy: number | undefined;
  readonly othersBusy: number | undefined;
  readonly hostCpuMsPerRequest: number | undefined;
  readonly startupSeconds: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** How a summary counted its child processes' memory, in words. */
function childrenCounted(method: 'pages' | 'sum' | undefined): string {
  return method === 'pages' ? 'its pages the gateway does not share' : 'its own peak, whole';
}

function medianDefined(values: readonly (number | undefined)[]): number | undefined {
  const defined = values.filter((value): value is number => value !== undefined && Number.isFinite(value));
  return defined.length > 0 ? median(defined) : undefined;
}

export function summarize(runs: readonly RunRecord[]): Summary | undefined {
  if (runs.length === 0) return undefined;
  return {
    reqPerSec: median(runs.map((run) => run.reqPerSec)),
    p50: median(runs.map((run) => run.p50)),
    p99: median(runs.map((run) => run.p99)),
    cpuMsPerRequest: medianDefined(runs.map((run) => run.cpuMsPerRequest)),
    peakRssMb: medianDefined(runs.map((run) => run.peakRssMb)),
    peakRssChildrenMb: medianDefined(runs.map((run) => run.peakRssChildrenMb)),
    peakRssChildrenMethod: runs.some((run) => run.peakRssChildrenMethod === 'sum') ? 'sum' : runs[0]?.peakRssChildrenMethod,
    problems: runs.reduce((sum, run) => sum + run.non2xx + run.mismatches + run.errors, 0),
    warmupProblems: runs.reduce((sum, run) => sum + run.warmupProblems, 0),
    loadCoreBusy: medianDefined(runs.map((run) => run.loadCoreBusy)),
    othersBusy: medianDefined(runs.map((run) => run.othersBusy)),
    hostCpuMsPerRequest: medianDefined(runs.map((run) => run.hostCpuMsPerRequest)),
    startupSeconds: median(runs.map((run) => run.startupSeconds)),
  };
}

function fixed(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}

function figure(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function problemsCell(config: ConfigResult, summary: Summary): string {
  const breakdown = config.runs.reduce((acc, run) => ({ non2xx: acc.non2xx + run.non2xx, mismatches: acc.mismatches + run.mismatches, errors: acc.errors + run.errors }), {
    non2xx: 0,
    mismatches: 0,
    errors: 0,
  });
  const parts: string[] = [];
  if (summary.problems > 0) {
    parts.push(`**${summary.problems} ⚠** (${breakdown.non2xx} non-2xx, ${breakdown.mismatches} wrong body, ${breakdown.errors} errors/timeouts)`);
  } else parts.push('0');
  if (summary.warmupProblems > 0) parts.push(`+${summary.warmupProblems} in warm-up ⚠`);
  if (config.failures.length > 0) parts.push(`${config.failures.length} run(s) failed ⚠`);
  return parts.join(' ');
}

/** The Markdown table of one scenario, plus the ratio lines. */
/** With `targets`, issue #11's target lines (the guild scenario's) follow the ratios. */
export function scenarioMarkdown(title: string, configs: readonly ConfigResult[], notes: readonly string[], runsWanted: number, targets = false): string {
  const lines: string[] = [];
  lines.push(`### ${title}`, '');
  lines.push('| gateway | dedup | req/s | p50 ms | p99 ms | CPU ms/req | peak RSS MB | errors |');
  lines.push('|---|---|---:|---:|---:|---:|---:|---|');
  const summaries = new Map<ConfigResult, Summary | undefined>();
  for (const config of configs) {
    const summary = config.status.kind === 'measured' ? summarize(config.runs) : undefined;
    summaries.set(config, summary);
    if (!summary) {
      const reason = config.status.kind === 'measured' ? 'no run completed' : `${config.status.kind}: ${config.status.reason}`;
      lines.push(`| ${config.label} | ${config.dedup} | ${reason} | | | | | ${config.status.kind === 'failed' ? '⚠' : ''} |`);
      continue;
    }
    const partial = config.runs.length < runsWanted ? ` (${config.runs.length}/${runsWanted} runs)` : '';
    lines.push(
      `| ${config.label}${partial} | ${config.kind === 'ceiling' ? '–' : config.dedup} | ${figure(summary.reqPerSec)} | ${figure(summary.p50)} | ${figure(summary.p99)} | ${figure(summary.cpuMsPerRequest)} | ${fixed(summary.peakRssMb, 0)} | ${problemsCell(config, summary)} |`,
    );
  }
  lines.push('');

  const ratioLines: string[] = [];
  for (const config of configs) {
    if (config.kind === 'ours' || config.kind === 'ceiling') continue;
    const peer = summaries.get(config);
    if (!peer) continue;
    const ourConfig = configs.find((candidate) => candidate.kind === 'ours' && candidate.dedup === config.dedup);
    const ourSummary = ourConfig ? summaries.get(ourConfig) : undefined;
    if (!ourSummary) {
      ratioLines.push(`- ${config.label}, dedup ${config.dedup}: no figures of ours with dedup ${config.dedup} to compare`);
      continue;
    }
    const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b !== undefined && b > 0 ? `${(a / b).toFixed(2)}×` : '–');
    ratioLines.push(
      `- ${config.label}, dedup ${config.dedup}: req/s ${ratio(ourSummary.reqPerSec, peer.reqPerSec)}, p99 ${ratio(ourSummary.p99, peer.p99)}, CPU/req ${ratio(ourSummary.cpuMsPerRequest, peer.cpuMsPerRequest)}, peak RSS ${ratio(ourSummary.peakRssMb, peer.peakRssMb)}`,
    );
  }
  if (ratioLines.length > 0) {
    lines.push('Ratio to ours (ours ÷ peer, same dedup setting: above 1 is better for req/s, below 1 is better for p99, CPU and memory):', '');
    lines.push(...ratioLines, '');
  }

  if (targets) lines.push(...targetLines(configs, summaries));

  const details: string[] = [];
  for (const config of configs) {
    const summary = summaries.get(config);
    if (summary) {
      const busy = summary.loadCoreBusy !== undefined ? `load core ${(summary.loadCoreBusy * 100).toFixed(0)}% busy` : 'load core –';
      const saturated = summary.loadCoreBusy !== undefined && summary.loadCoreBusy > 0.9 ? ' ⚠ the load side may limit this figure' : '';
      const others = summary.othersBusy !== undefined ? `; other processes ${(summary.othersBusy * 100).toFixed(0)}% of a core${summary.othersBusy > 0.3 ? ' ⚠ busy machine' : ''}` : '';
      const rates = config.runs.map((run) => run.reqPerSec);
      const spread = Math.max(...rates) / Math.min(...rates);
      const spreadNote = rates.length > 1 && spread > 1.5 ? ` ⚠ runs differ by ${spread.toFixed(1)}×` : '';
      const children =
        summary.peakRssChildrenMb !== undefined && summary.peakRssChildrenMb > 0
          ? `; peak RSS ${fixed(summary.peakRssMb, 0)} MB = gateway ${fixed((summary.peakRssMb ?? 0) - summary.peakRssChildrenMb, 0)} + child processes ${fixed(summary.peakRssChildrenMb, 0)} (${childrenCounted(summary.peakRssChildrenMethod)}; medians of each)`
          : '';
      details.push(
        `- ${config.label}, dedup ${config.dedup}${children}: ready in ${summary.startupSeconds.toFixed(1)} s; ${busy}${saturated}${others}; subgraphs ${figure(summary.hostCpuMsPerRequest)} ms CPU per gateway request; req/s per run ${rates.map(figure).join(', ')}${spreadNote}`,
      );
    }
    for (const failure of config.failures) details.push(`- ${config.label}, dedup ${config.dedup}: a run failed: ${failure}`);
    const samples = [...new Set(config.runs.flatMap((run) => run.samples))].slice(0, 2);
    for (const sample of samples) details.push(`- ${config.label}, dedup ${config.dedup}: example problem: \`${sample.replace(/[`\n\r]/g, ' ').slice(0, 300)}\``);
  }
  if (notes.length > 0 || details.length > 0) {
    lines.push('Notes:', '');
    for (const note of notes) lines.push(`- ${note}`);
    lines.push(...details, '');
  }
  return lines.join('\n');
}

/**
 * Issue #11's speed targets, from this run's medians: ours ÷ Hive Gateway with the Rust planner (dedup
 * off and on), ours as a share of the bare-server ceiling, ours' CPU per request and peak RSS.
 */
function targetLines(configs: readonly ConfigResult[], summaries: ReadonlyMap<ConfigResult, Summary | undefined>): string[] {
  const find = (kind: GatewayKind, dedup: 'off' | 'on') => {
    const config = configs.find((candidate) => candidate.kind === kind && (kind === 'ceiling' || candidate.dedup === dedup));
    return config ? summaries.get(config) : undefined;
  };
  const ceiling = find('ceiling', 'off');
  const lines: string[] = [];
  for (const dedup of ['off', 'on'] as const) {
    const ours = find('ours', dedup);
    if (!ours) continue;
    const peer = find('hive-rust', dedup);
    const parts: string[] = [];
    if (peer)
      parts.push(`${(ours.reqPerSec / peer.reqPerSec).toFixed(2)}× Hive Gateway + Rust planner (${figure(ours.reqPerSec)} ÷ ${figure(peer.reqPerSec)} req/s; target ≥ ${dedup === 'off' ? 6 : 4}×)`);
    if (ceiling) parts.push(`${((ours.reqPerSec / ceiling.reqPerSec) * 100).toFixed(1)} % of the ceiling (${figure(ceiling.reqPerSec)} req/s${dedup === 'on' ? '; target ≥ 40 %' : ''})`);
    parts.push(`${figure(ours.cpuMsPerRequest)} ms of gateway CPU per request${dedup === 'off' ? ' (target ≤ 0.5)' : ''}${peer ? ` against ${figure(peer.cpuMsPerRequest)}` : ''}`);
    const own = ours.peakRssMb !== undefined && ours.peakRssChildrenMb !== undefined ? ours.peakRssMb - ours.peakRssChildrenMb : undefined;
    parts.push(
      `peak RSS ${fixed(ours.peakRssMb, 0)} MB (gateway ${fixed(own, 0)} + planner process ${fixed(ours.peakRssChildrenMb, 0)}, ${childrenCounted(ours.peakRssChildrenMethod)}; target ≤ 200)${peer ? ` against ${fixed(peer.peakRssMb, 0)}` : ''}`,
    );
    lines.push(`- ours, dedup ${dedup}: ${parts.join('; ')}`);
  }
  if (lines.length === 0) return [];
  return ["Targets (issue #11; medians of this run; peak RSS is the gateway's own peak plus what its planner process adds, as the notes say):", '', ...lines, ''];
}
