// Child process: the load generator. With wrk (wrk.ts, the default when installed): a warm-up run, then
// the measured run between the `mark` messages. With autocannon (programmatic API): warm-up +
// measurement as one continuous run, so the measurement window is steady state at both ends, with the
// marks at the window's start and end; counts, latencies and errors from autocannon's events inside the
// window only. The harness reads the gateway's CPU time at the marks.
import { createRequire } from 'node:module';
import type { EventEmitter } from 'node:events';
import { percentile } from './common.ts';
import type { LoadJob, LoadMessage, LoadResult } from './common.ts';
import { runWithWrk } from './wrk.ts';

interface AutocannonRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  onResponse?: (status: number, body: string) => void;
}
interface AutocannonInstance extends EventEmitter {
  stop(): void;
}
type Autocannon = (options: Record<string, unknown>, done: (error: Error | null) => void) => AutocannonInstance;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

function send(message: LoadMessage): void {
  process.send?.(message);
}

function stripNonAscii(text: string): string {
  return text.replace(/[^\x00-\x7f]/g, '');
}

async function run(job: LoadJob): Promise<LoadResult> {
  const expected = new Set(job.expectedBodies);
  // autocannon decodes the body chunk by chunk: a multi-byte character split across two chunks comes
  // out as replacement characters, so a body that differs only there is compared without them.
  const expectedAscii = new Set(job.expectedBodies.map(stripNonAscii));
  let phase: 'warmup' | 'measure' | 'done' = 'warmup';
  let responses = 0;
  let ok = 0;
  let non2xx = 0;
  let mismatches = 0;
  let errors = 0;
  let warmupProblems = 0;
  const latencies: number[] = [];
  const samples: string[] = [];
  const sample = (text: string) => {
    if (samples.length < 3) samples.push(text.slice(0, 400));
  };

  const request: AutocannonRequest = {
    method: 'POST',
    path: job.request.path,
    headers: { ...job.request.headers },
    body: job.request.body,
    onResponse(status, body) {
      const good = status >= 200 && status < 300 && (expected.has(body) || expectedAscii.has(stripNonAscii(body)));
      if (phase === 'warmup') {
        if (!good) {
          warmupProblems++;
          sample(`warm-up: HTTP ${status}: ${body}`);
        }
        return;
      }
      if (phase !== 'measure') return;
      if (status < 200 || status >= 300) {
        non2xx++;
        sample(`HTTP ${status}: ${body}`);
      } else if (!good) {
        mismatches++;
        sample(`unexpected body: ${body}`);
      } else ok++;
    },
  };

  const totalSeconds = job.warmupSeconds + job.durationSeconds + 30;
  let finished!: () => void;
  const done = new Promise<void>((resolve) => {
    finished = resolve;
  });
  const instance = autocannon({ url: job.url, connections: job.connections, duration: totalSeconds, requests: [request], timeout: 10 }, () => finished());
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    if (phase !== 'measure') return;
    responses++;
    latencies.push(responseTime);
  });
  instance.on('reqError', (error: Error) => {
    if (phase === 'warmup') {
      warmupProblems++;
      sample(`warm-up: ${error.message}`);
    } else if (phase === 'measure') {
      errors++;
      sample(error.message);
    }
  });

  await sleep(job.warmupSeconds * 1000);
  phase = 'measure';
  send({ type: 'mark', phase: 'start' });
  const started = performance.now();
  await sleep(job.durationSeconds * 1000);
  phase = 'done';
  const seconds = (performance.now() - started) / 1000;
  send({ type: 'mark', phase: 'end' });
  instance.stop();
  await done;

  latencies.sort((a, b) => a - b);
  return { seconds, responses, ok, non2xx, mismatches, errors, warmupProblems, p50: percentile(latencies, 50), p99: percentile(latencies, 99), samples };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

process.on('disconnect', () => process.exit(0));
process.once('message', (message: LoadJob) => {
  const measured = message.generator === 'wrk' ? runWithWrk(message, (phase) => send({ type: 'mark', phase })) : run(message);
  measured.then(
    (result) => {
      send({ type: 'result', result });
    },
    (error: unknown) => send({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
  );
});
