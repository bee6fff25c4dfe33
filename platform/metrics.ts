// Prometheus metrics (prom-client) for every process of the hub: one registry per process, built at start
// and passed down (never prom-client's global registry: tests run many processes' servers in one), the
// process's default metrics, HTTP requests by route pattern and status class, and GET /metrics — open in
// development, behind a bearer token in production (404 when none is set). Labels stay bounded: routes
// are the registered patterns, and names a client chooses (operation names, client ids) pass a LabelCap.
import { timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { FastifyInstance } from 'fastify';

/** Every metric name starts with this. */
export const METRIC_PREFIX = 'lien_thong_';

/** Latency buckets in seconds, from a cached answer to a subgraph's timeout. */
export const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** A process's metrics registry (its default labels name the service). */
export interface ProcessMetrics {
  readonly registry: Registry;
}

/** How /metrics is exposed. */
export interface MetricsExposure {
  /** Bearer token a scraper must send; unset: open unless `production`. */
  readonly token: string | undefined;
  /** NODE_ENV=production: without a token, /metrics is not served at all. */
  readonly production: boolean;
}

/** Create the registry of one process (`service`: gateway, feedback, portal, …) with Node's default metrics. */
export function createProcessMetrics(service: string): ProcessMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  return { registry };
}

/**
 * Count and time every HTTP request by method, route pattern (`unmatched` when no route matched: never the
 * raw path, which may carry codes or ids) and status class, and serve GET /metrics as `exposure` says.
 */
export function installMetrics(app: FastifyInstance, metrics: ProcessMetrics, exposure: MetricsExposure): void {
  const requests = new Counter({
    name: `${METRIC_PREFIX}http_requests_total`,
    help: 'HTTP requests answered, by method, route pattern and status class.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [metrics.registry],
  });
  const duration = new Histogram({
    name: `${METRIC_PREFIX}http_request_duration_seconds`,
    help: 'Time from the request to the end of the response, by route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [metrics.registry],
  });
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const method = KNOWN_METHODS.has(request.method) ? request.method : 'OTHER';
    requests.inc({ method, route, status: `${Math.floor(reply.statusCode / 100)}xx` });
    duration.observe({ method, route }, reply.elapsedTime / 1000);
    done();
  });
  if (exposure.production && exposure.token === undefined) return;
  const expected = exposure.token === undefined ? undefined : Buffer.from(`Bearer ${exposure.token}`);
  app.get('/metrics', async (request, reply) => {
    if (expected !== undefined && !sameBytes(request.headers.authorization, expected)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .send({ errors: [{ message: 'A metrics token is required.', extensions: { code: 'UNAUTHENTICATED' } }] });
    }
    const text = await metrics.registry.metrics();
    return reply.header('cache-control', 'no-store').type(metrics.registry.contentType).send(text);
  });
}

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

function sameBytes(header: string | undefined, expected: Buffer): boolean {
  if (header === undefined) return false;
  const given = Buffer.from(header);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Keeps a label's values bounded: the first `max` distinct values pass as they are, later new ones become
 * `other`; values that are not plain names (or longer than 64 characters) become `invalid`.
 */
export function createLabelCap(max: number): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(value)) return 'invalid';
    if (seen.size >= max) return 'other';
    seen.add(value);
    return value;
  };
}
