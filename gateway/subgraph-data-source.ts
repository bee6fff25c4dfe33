// Fetches one subgraph for the plan executor: a pooled keep-alive undici Agent with a bounded number of
// connections, a per-subgraph timeout, retries for queries only (never mutations), and a circuit
// breaker, so a subgraph that is down or slow costs its own fields, fast, and never the gateway's
// sockets. It sends the gateway's internal identity token and nothing the client sent, with the request
// id and (when tracing) the fetch span's W3C trace context.
import { ATTR_SERVER_ADDRESS } from '@opentelemetry/semantic-conventions';
import { Agent } from 'undici';
import { SpanKind, traced, traceHeaders } from '../platform/tracing.ts';
import type { SpanOptions } from '../platform/tracing.ts';
import { codedError } from '../schema/errors.ts';
import { CircuitBreaker } from './circuit-breaker.ts';
import { postBytes } from './post-bytes.ts';
import type { CircuitOptions } from './circuit-breaker.ts';

/** What the gateway passes to every subgraph fetch. */
export interface GatewayContext extends Record<string, unknown> {
  /** Internal token for this viewer, signed by the gateway. */
  readonly internalToken: string;
  /** The same viewer's token without personal-data claims, for subgraphs that may not receive them (registry). */
  readonly internalTokenWithoutPersonalData?: () => Promise<string>;
  readonly requestId: string;
}

/** How one subgraph is called. */
export interface SubgraphCallOptions {
  readonly timeoutMs: number;
  /** Extra attempts for queries after a connection failure or a 502/503/504. */
  readonly retries: number;
  /** Open connections at most (keep-alive pool). */
  readonly connections: number;
  readonly circuit: CircuitOptions;
  /** Told how each call ended (`ok`, `unavailable`, `timeout`, `circuit_open`) and how long it took, retries included. */
  readonly observe?: ((outcome: string, seconds: number) => void) | undefined;
  /** false: the subgraph may not receive personal data, so it gets tokens without `sub` and `sid` (default true). */
  readonly personalData?: boolean;
}

/** A subgraph's GraphQL response, as parsed from its JSON. */
export interface SubgraphResponse {
  data?: Record<string, unknown> | null;
  errors?: readonly SubgraphError[];
}

/** One error a subgraph returned. */
export interface SubgraphError {
  readonly message?: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: Record<string, unknown>;
}

const RETRYABLE_STATUS = new Set([502, 503, 504]);

/** A data source for one subgraph. */
export class SubgraphDataSource {
  readonly name: string;
  readonly url: URL;
  readonly options: SubgraphCallOptions;
  readonly breaker: CircuitBreaker;
  readonly agent: Agent;
  private readonly spanName: string;
  private readonly spanOptions: SpanOptions;

  constructor(name: string, url: string, options: SubgraphCallOptions) {
    this.name = name;
    this.url = new URL(url);
    this.spanName = `fetch ${name}`;
    this.spanOptions = { kind: SpanKind.CLIENT, attributes: { 'lien_thong.phase': 'fetch', 'lien_thong.subgraph': name, [ATTR_SERVER_ADDRESS]: this.url.hostname } };
    this.options = options;
    this.breaker = new CircuitBreaker(options.circuit);
    this.agent = new Agent({ connections: options.connections, keepAliveTimeout: 30_000, pipelining: 1 });
  }

  private unavailable(reason: string): Error {
    return codedError('SUBGRAPH_UNAVAILABLE', `The ${this.name} service ${reason}.`, { serviceName: this.name });
  }

  /**
   * POST one JSON body (already serialized) and return the parsed GraphQL response. Throws a coded
   * SUBGRAPH_UNAVAILABLE error when the subgraph cannot answer. Only idempotent calls (queries) are
   * retried: a mutation may have taken effect before the connection failed.
   */
  send(body: string, idempotent: boolean, context: GatewayContext): Promise<SubgraphResponse> {
    // A client span per fetch (retries included); its context goes to the subgraph as `traceparent`.
    return traced(this.spanName, this.spanOptions, () => this.observed(body, idempotent, context));
  }

  private async observed(body: string, idempotent: boolean, context: GatewayContext): Promise<SubgraphResponse> {
    const observe = this.options.observe;
    if (observe === undefined) return this.call(body, idempotent, context);
    const started = performance.now();
    let outcome = 'unavailable';
    try {
      const response = await this.call(body, idempotent, context, (reason) => (outcome = reason));
      outcome = 'ok';
      return response;
    } finally {
      observe(outcome, (performance.now() - started) / 1000);
    }
  }

  private async call(body: string, idempotent: boolean, context: GatewayContext, failedBecause?: (outcome: string) => void): Promise<SubgraphResponse> {
    if (!this.breaker.allows()) {
      failedBecause?.('circuit_open');
      throw this.unavailable('is unavailable (circuit open)');
    }
    // One deadline for every attempt. (An AbortController and a plain timer cost far less per call
    // than AbortSignal.timeout, whose weakly held timers showed in the profile.)
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.options.timeoutMs);
    try {
      for (let attempt = 0; ; attempt += 1) {
        const outcome = await this.attempt(body, context, deadline.signal);
        if (outcome.kind === 'response') {
          this.breaker.succeeded();
          return outcome.body;
        }
        const canRetry = idempotent && outcome.retryable && attempt < this.options.retries && !deadline.signal.aborted;
        if (!canRetry) {
          failedBecause?.(deadline.signal.aborted ? 'timeout' : 'unavailable');
          this.breaker.failed();
          throw this.unavailable(outcome.reason);
        }
        await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
      }
    } finally {
      clearTimeout(timer);
    }
  }

  private async attempt(body: string, context: GatewayContext, signal: AbortSignal): Promise<{ kind: 'response'; body: SubgraphResponse } | { kind: 'failure'; retryable: boolean; reason: string }> {
    // Never the full token to a subgraph that may not receive personal data: without the redacted one, no call.
    const token = this.options.personalData === false ? await context.internalTokenWithoutPersonalData?.() : context.internalToken;
    if (token === undefined) return { kind: 'failure', retryable: false, reason: 'cannot be called without personal data here' };
    try {
      const response = await postBytes(
        this.agent,
        this.url,
        {
          'content-type': 'application/json',
          accept: 'application/json',
          authorization: `Bearer ${token}`,
          'x-request-id': context.requestId,
          ...traceHeaders(),
        },
        body,
        signal,
        isJson,
      );
      const json = isJson(response.contentType) ? parseAnswer(response.body) : undefined;
      if (json === undefined) return { kind: 'failure', retryable: RETRYABLE_STATUS.has(response.statusCode), reason: `answered with HTTP ${response.statusCode}` };
      return { kind: 'response', body: json };
    } catch {
      if (signal.aborted) return { kind: 'failure', retryable: false, reason: 'did not answer in time' };
      // The cause (refused, reset, DNS) names internal addresses and stays out of the response.
      return { kind: 'failure', retryable: true, reason: 'is unavailable' };
    }
  }

  /** Close the pooled connections. */
  close(): Promise<void> {
    return this.agent.close();
  }
}

const isJson = (contentType: string) => contentType.includes('json');

/** A GraphQL response (an object with `data` or `errors`) from the body's JSON; undefined for anything else. */
function parseAnswer(body: Buffer): SubgraphResponse | undefined {
  try {
    const text = body.toString('utf8');
    const parsed: unknown = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    return typeof parsed === 'object' && parsed !== null && ('data' in parsed || 'errors' in parsed) ? (parsed as SubgraphResponse) : undefined;
  } catch {
    return undefined;
  }
}
