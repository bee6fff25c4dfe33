// The load generator in C: wrk (Debian's package), driven from the load child (load.ts). autocannon spends
// a whole core reading 87 KB bodies in JavaScript and capped the bare-server ceiling near 7,000 req/s on
// this machine; wrk reads them in C, so the ceiling and dedup-on figures measure the servers, not the load
// side. A Lua script sends the scenario's request on every connection and checks every answer against
// the gateway's own validated bodies (byte for byte), counting in each wrk thread; `done` prints one JSON
// line with the counts, wrk's latency percentiles and its socket errors.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LoadJob, LoadResult } from './common.ts';

/** Whether wrk is on PATH (`apt-get install wrk`). */
export function wrkAvailable(): boolean {
  return spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined;
}

/** wrk's version line, for the report. */
export function wrkVersion(): string {
  const output = spawnSync('wrk', ['--version'], { encoding: 'utf8' });
  return (/wrk [^\s]+/.exec(`${output.stdout}${output.stderr}`)?.[0] ?? 'wrk').trim();
}

/** What one wrk run printed from its `done` callback: a LoadResult's counts, and its first problem as `sample`. */
type WrkSummary = Omit<LoadResult, 'warmupProblems' | 'samples'> & { readonly sample: string };

/** A Lua string literal for `text` (ASCII printable only: paths and header names/values). */
function luaString(text: string): string {
  if (!/^[\x20-\x7e]*$/.test(text)) throw new Error(`wrk: not a printable ASCII string: ${JSON.stringify(text)}`);
  return `"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

function script(dir: string, job: LoadJob): string {
  const bodyFile = path.join(dir, 'request.json');
  writeFileSync(bodyFile, job.request.body);
  const expectedFiles = job.expectedBodies.map((body, index) => {
    const file = path.join(dir, `expected-${index}.json`);
    writeFileSync(file, body);
    return file;
  });
  return `
local function slurp(name) local f = assert(io.open(name, "rb")); local s = f:read("*a"); f:close(); return s end
wrk.method = "POST"
wrk.body = slurp(${luaString(bodyFile)})
${Object.entries(job.request.headers)
  .map(([name, value]) => `wrk.headers[${luaString(name)}] = ${luaString(value)}`)
  .join('\n')}
local expected = {}
${expectedFiles.map((file) => `expected[slurp(${luaString(file)})] = true`).join('\n')}
ok, non2xx, mismatches, sample = 0, 0, 0, ""
function response(status, headers, body)
  if status < 200 or status >= 300 then
    non2xx = non2xx + 1
    if sample == "" then sample = "HTTP " .. status .. ": " .. string.sub(body, 1, 400) end
  elseif expected[body] then
    ok = ok + 1
  else
    mismatches = mismatches + 1
    if sample == "" then sample = "unexpected body: " .. string.sub(body, 1, 400) end
  end
end
local threads = {}
function setup(thread) table.insert(threads, thread) end
local function json(s) return '"' .. string.gsub(s, '[%c"\\\\]', function(c) return string.format("\\\\u%04x", string.byte(c)) end) .. '"' end
function done(summary, latency, requests)
  local total_ok, total_non2xx, total_mismatches, first_sample = 0, 0, 0, ""
  for _, thread in ipairs(threads) do
    total_ok = total_ok + thread:get("ok")
    total_non2xx = total_non2xx + thread:get("non2xx")
    total_mismatches = total_mismatches + thread:get("mismatches")
    if first_sample == "" then first_sample = thread:get("sample") end
  end
  local e = summary.errors
  io.write(string.format('\\nWRK-SUMMARY {"seconds":%f,"responses":%d,"ok":%d,"non2xx":%d,"mismatches":%d,"errors":%d,"p50":%f,"p99":%f,"sample":%s}\\n',
    summary.duration / 1e6, summary.requests, total_ok, total_non2xx, total_mismatches, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, json(first_sample)))
end
`;
}

/** Run wrk once for `seconds` with `job`'s request and checks; one thread (the load core is one core). */
function runWrk(job: LoadJob, scriptFile: string, seconds: number): Promise<WrkSummary> {
  return new Promise((resolve, reject) => {
    const child = spawn('wrk', ['-t1', `-c${job.connections}`, `-d${seconds}s`, '--timeout', '10s', '-s', scriptFile, `${job.url}${job.request.path}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = /^WRK-SUMMARY (.*)$/m.exec(output);
      if (code !== 0 || !line) return reject(new Error(`wrk ended with code ${code}: ${output.slice(-800)}`));
      resolve(JSON.parse(line[1]!) as WrkSummary);
    });
  });
}

/** Warm-up, then the measured run between the `start` and `end` marks (wrk's CPU counts once it is reaped, before `end`). */
export async function runWithWrk(job: LoadJob, mark: (phase: 'start' | 'end') => void): Promise<LoadResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-wrk-'));
  try {
    const scriptFile = path.join(dir, 'load.lua');
    writeFileSync(scriptFile, script(dir, job));
    const samples: string[] = [];
    let warmupProblems = 0;
    if (job.warmupSeconds > 0) {
      const warmup = await runWrk(job, scriptFile, job.warmupSeconds);
      warmupProblems = warmup.non2xx + warmup.mismatches + warmup.errors;
      if (warmup.sample) samples.push(`warm-up: ${warmup.sample}`);
    }
    mark('start');
    const measured = await runWrk(job, scriptFile, job.durationSeconds);
    mark('end');
    if (measured.sample) samples.push(measured.sample);
    if (measured.errors > 0) samples.push(`${measured.errors} socket errors or timeouts`);
    const { seconds, responses, ok, non2xx, mismatches, errors, p50, p99 } = measured;
    return { seconds, responses, ok, non2xx, mismatches, errors, warmupProblems, p50, p99, samples };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
