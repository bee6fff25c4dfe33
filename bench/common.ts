// Shared between the harness and its child processes.

/** The OIDC client the harness logs in with in the domain scenario (authorization code + PKCE). */
export const BENCH_CLIENT_ID = 'bench-portal';
export const BENCH_REDIRECT_URI = 'http://127.0.0.1/bench/callback';

/** One HTTP request the load generator sends (every connection sends the same one). */
export interface LoadRequest {
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Harness → load generator. */
export interface LoadJob {
  readonly type: 'run';
  readonly url: string;
  readonly connections: number;
  readonly warmupSeconds: number;
  readonly durationSeconds: number;
  readonly request: LoadRequest;
  /** Response bodies accepted as correct (the gateway's own validated answer). */
  readonly expectedBodies: readonly string[];
  /** The load generator: wrk (C, Debian's package; the default when installed) or autocannon (Node, one core's worth of JavaScript). */
  readonly generator: LoadGenerator;
}

/** The load generators the harness can drive. */
export type LoadGenerator = 'wrk' | 'autocannon';

/** Load generator → harness. */
export type LoadMessage = { readonly type: 'mark'; readonly phase: 'start' | 'end' } | { readonly type: 'result'; readonly result: LoadResult } | { readonly type: 'error'; readonly message: string };

/** What one measurement window saw. */
export interface LoadResult {
  /** Seconds between the start and end marks. */
  readonly seconds: number;
  /** Responses completed inside the window (any status). */
  readonly responses: number;
  /** 2xx responses whose body was the expected one. */
  readonly ok: number;
  readonly non2xx: number;
  /** 2xx responses with another body (GraphQL errors, wrong data). */
  readonly mismatches: number;
  /** Connection errors and timeouts. */
  readonly errors: number;
  /** Errors of any kind during the warm-up. */
  readonly warmupProblems: number;
  readonly p50: number;
  readonly p99: number;
  /** Up to three examples of what went wrong. */
  readonly samples: readonly string[];
}

/** The nearest-rank `p`th percentile (0–100) of `sorted` (ascending); NaN when empty. Every bench script uses this one. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}
