// `npm run bench:answer`: how well and how fast the catalogue answers citizens' questions (issue #13).
// Every question of bench/answer-questions.json goes to `answer` through the real gateway, anonymously,
// as a portal or chatbot would send it; a question is answered right at top-1 when the first item is
// one of its expected sources, at top-3 when any of the first three is, and an unanswerable one when the
// reply says it does not know (suggestFeedback). Targets: top-3 ≥ 90 %, p95 < 50 ms.
//
//   npm run bench:answer -- [--database-url postgresql://postgres@127.0.0.1:5432/postgres] [--passes 5]
//                           [--verbose] [--out bench/results/answer.md]
//
// Without --database-url each subgraph runs on an in-memory PGlite; with it, on fresh PostgreSQL
// databases created on that server (and dropped after). Latency: sequential requests after one warm-up
// pass, every question once per pass; the accuracy comes from the first measured pass (answers do not
// change between passes).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startHub } from '../testing/hub.ts';
import type { Hub } from '../testing/hub.ts';
import { percentile } from './common.ts';

interface Question {
  readonly q: string;
  readonly kind: string;
  readonly expect: readonly string[];
}

interface QuestionFile {
  readonly questions: readonly Question[];
  readonly holdout: readonly Question[];
}

interface Reply {
  readonly known: boolean;
  readonly suggestFeedback: boolean;
  readonly items: readonly { readonly kind: string; readonly confidence: number; readonly title: string; readonly procedure: { code: string } | null; readonly faqEntry: { code: string } | null }[];
}

interface Outcome {
  readonly question: Question;
  readonly reply: Reply;
  readonly ids: readonly string[];
}

const { values: args } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    passes: { type: 'string', default: '5' },
    verbose: { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results/answer.md' },
  },
});
const passes = Math.max(1, Number(args.passes));

const ANSWER = `query Answer($question: String!) {
  answer(question: $question) { known suggestFeedback items { kind confidence title procedure { code } faqEntry { code } } }
}`;

const BASELINE = 'query Baseline { procedure(code: "1.001193.H29") { code name processingDays } }';

async function ask(hub: Hub, question: string): Promise<{ reply: Reply; ms: number }> {
  const started = performance.now();
  const { status, body } = await hub.graphql(ANSWER, { variables: { question } });
  const ms = performance.now() - started;
  if (status !== 200 || body.errors) throw new Error(`answer failed for a question: ${status} ${JSON.stringify(body.errors)}`);
  return { reply: (body.data as { answer: Reply }).answer, ms };
}

function idsOf(reply: Reply): string[] {
  return reply.items.map((item) => (item.procedure ? `P:${item.procedure.code}` : `F:${item.faqEntry?.code ?? ''}`));
}

const percent = (part: number, whole: number) => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)} %`);

/** Accuracy of a set of outcomes: top-1, top-3 of the answerable, refusals of the unanswerable. */
function score(outcomes: readonly Outcome[]) {
  const answerable = outcomes.filter((outcome) => outcome.question.expect.length > 0);
  const unanswerable = outcomes.filter((outcome) => outcome.question.expect.length === 0);
  const top1 = answerable.filter((outcome) => outcome.ids[0] !== undefined && outcome.question.expect.includes(outcome.ids[0]));
  const top3 = answerable.filter((outcome) => outcome.ids.slice(0, 3).some((id) => outcome.question.expect.includes(id)));
  const refused = unanswerable.filter((outcome) => !outcome.reply.known && outcome.reply.suggestFeedback);
  const unknownButAnswerable = answerable.filter((outcome) => !outcome.reply.known);
  return { answerable, unanswerable, top1, top3, refused, unknownButAnswerable };
}

async function main(): Promise<void> {
  const file = JSON.parse(await readFile(new URL('./answer-questions.json', import.meta.url), 'utf8')) as QuestionFile;
  const sets: readonly (readonly [string, readonly Question[]])[] = [
    ['labelled (tuned against)', file.questions],
    ['held out (never tuned against)', file.holdout],
  ];
  const all = sets.flatMap(([, questions]) => questions);
  const databaseUrl = args['database-url'];
  console.error(`starting the hub (${databaseUrl ? 'PostgreSQL' : 'in-memory PGlite'})…`);
  const hub = await startHub(databaseUrl ? { databaseAdminUrl: databaseUrl } : {});
  try {
    for (const question of all) await ask(hub, question.q); // warm-up: JIT, caches, connections
    const latencies: number[] = [];
    const outcomes = new Map<Question, Outcome>();
    for (let pass = 0; pass < passes; pass++) {
      for (const question of all) {
        const { reply, ms } = await ask(hub, question.q);
        latencies.push(ms);
        if (pass === 0) outcomes.set(question, { question, reply, ids: idsOf(reply) });
      }
    }
    latencies.sort((a, b) => a - b);
    // The same path for a one-row lookup, so that the search's own share of the latency shows.
    const baseline: number[] = [];
    for (let request = 0; request < latencies.length; request++) {
      const started = performance.now();
      const { status } = await hub.graphql(BASELINE);
      if (status !== 200) throw new Error(`the baseline query failed: ${status}`);
      baseline.push(performance.now() - started);
    }
    baseline.sort((a, b) => a - b);
    const lines: string[] = [];
    lines.push(`# npm run bench:answer — ${new Date().toISOString().slice(0, 10)}`, '');
    lines.push(`${all.length} questions through the gateway on ${hub.databaseKind === 'postgres' ? 'PostgreSQL' : 'PGlite'}; \`answer\` with its default threshold.`, '');
    lines.push('| set | answerable | top-1 | top-3 | unanswerable refused | answerable but "do not know" |', '|---|---|---|---|---|---|');
    for (const [name, questions] of sets) {
      const result = score(questions.map((question) => outcomes.get(question) as Outcome));
      lines.push(
        `| ${name} | ${result.answerable.length} | ${percent(result.top1.length, result.answerable.length)} | ${percent(result.top3.length, result.answerable.length)} | ${result.refused.length}/${result.unanswerable.length} | ${result.unknownButAnswerable.length} |`,
      );
    }
    lines.push('', '| kind (labelled + held out) | answerable | top-1 | top-3 |', '|---|---|---|---|');
    const kinds = [...new Set(all.map((question) => question.kind))].filter((kind) => kind !== 'unanswerable');
    for (const kind of kinds) {
      const result = score(all.filter((question) => question.kind === kind).map((question) => outcomes.get(question) as Outcome));
      lines.push(`| ${kind} | ${result.answerable.length} | ${percent(result.top1.length, result.answerable.length)} | ${percent(result.top3.length, result.answerable.length)} |`);
    }
    lines.push(
      '',
      `Latency of \`answer\` through the gateway, ${latencies.length} sequential requests (${passes} passes): p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${(latencies.at(-1) ?? Number.NaN).toFixed(1)} ms.`,
      `The same path for \`procedure(code:)\` (one row, no search), as many requests: p50 ${percentile(baseline, 50).toFixed(1)} ms, p95 ${percentile(baseline, 95).toFixed(1)} ms.`,
    );
    const misses = all.flatMap((question) => {
      const outcome = outcomes.get(question) as Outcome;
      const wrong = question.expect.length === 0 ? outcome.reply.known : !outcome.ids.slice(0, 3).some((id) => question.expect.includes(id));
      if (!wrong) return [];
      const got = outcome.reply.items.map((item) => `${item.procedure ? `P:${item.procedure.code}` : `F:${item.faqEntry?.code ?? ''}`} (${item.confidence.toFixed(2)})`).join(', ') || 'do not know';
      return [`- "${question.q}" (${question.kind}): expected ${question.expect.join(', ') || 'do not know'}; got ${got}`];
    });
    if (misses.length > 0) lines.push('', 'Misses (not in the top 3, or answered when it should not have been):', '', ...misses);
    const report = lines.join('\n');
    console.log(report);
    if (args.verbose) for (const outcome of outcomes.values()) console.error(JSON.stringify({ q: outcome.question.q, got: outcome.ids }));
    await mkdir(path.dirname(args.out), { recursive: true });
    await writeFile(args.out, `${report}\n`);
  } finally {
    await hub.close();
  }
}

await main();
