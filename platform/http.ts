// The Fastify instance every process of the hub starts from: request ids (a caller's own x-request-id when
// it is well-formed, else a new one; sent back on every response, named `requestId` on every line
// logged for the request), the shared logger, Prometheus metrics and /metrics (platform/metrics.ts), a
// server span per request when tracing (platform/tracing.ts), no per-request access lines (they would
// carry URLs with personal data; errors are still logged), the input bounds (strict UTF-8, depth, no
// U+0000), a coded answer to a path that cannot be decoded, and the drain-before-close of serve.ts.
import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply } from 'fastify';
import { installInputBounds, parseQueryString } from './input-bounds.ts';
import { deferredChildLogger } from './logger.ts';
import type { Logger } from './logger.ts';
import { installMetrics } from './metrics.ts';
import type { MetricsExposure, ProcessMetrics } from './metrics.ts';
import { requestIdOf } from './request-id.ts';
import { installGracefulShutdown } from './serve.ts';
import { installHttpTracing } from './tracing.ts';
import type { Tracing } from './tracing.ts';

/** What a process may change about the defaults. */
export interface HttpServerOptions {
  /** Fastify's trustProxy: whose X-Forwarded-For decides `request.ip` (the gateway behind a load balancer). */
  readonly trustProxy?: boolean | number | string | undefined;
  /** The process's metrics registry and how /metrics is exposed; no metrics without it. */
  readonly metrics?: { readonly metrics: ProcessMetrics; readonly exposure: MetricsExposure } | undefined;
  /** The service's traces: a server span per request, continuing the caller's `traceparent` (platform/tracing.ts). */
  readonly tracing?: Tracing | undefined;
}

/** Create a Fastify instance with the hub's defaults. */
export function createHttpServer(logger: Logger, bodyLimit: number, options: HttpServerOptions = {}): FastifyInstance {
  const app = Fastify({
    ...(options.trustProxy !== undefined ? { trustProxy: trustProxyOption(options.trustProxy) } : {}),
    // Without the widening, Fastify infers its instance type from pino's Logger, which its own types then refuse.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- needed for inference, see above
    loggerInstance: logger as FastifyBaseLogger,
    // Every line logged for a request (request.log) names it as `requestId`, the name the gateway's own lines use.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    // Each request's child logger is made when something is logged for it, not for every request.
    childLoggerFactory: (parent, bindings, options) => deferredChildLogger(parent as Logger, bindings, options) as FastifyBaseLogger,
    // Fastify would take any x-request-id as is (into every log line): only a well-formed one is kept.
    requestIdHeader: false,
    genReqId: (request) => requestIdOf(request.headers['x-request-id']),
    bodyLimit,
    // A path the router cannot decode ("%zz", overlong UTF-8) or with an over-long parameter names no
    // route: a coded 404 rather than Fastify's own 400, which echoes the path back.
    frameworkErrors: (error, _request, reply) => {
      const notFound = error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      void (reply as FastifyReply)
        .code(notFound ? 404 : 500)
        .send({ errors: [{ message: notFound ? 'Not found.' : 'Unexpected error.', extensions: { code: notFound ? 'NOT_FOUND' : 'INTERNAL_SERVER_ERROR' } }] });
    },
    routerOptions: { querystringParser: parseQueryString },
    // Fastify's own 503 while closing has no code: installGracefulShutdown answers instead.
    return503OnClosing: false,
  });
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  if (options.tracing) installHttpTracing(app, options.tracing);
  if (options.metrics) installMetrics(app, options.metrics.metrics, options.metrics.exposure);
  installInputBounds(app);
  installGracefulShutdown(app);
  return app;
}

/** A hop count becomes proxy-addr's "trust the first n hops" function (Fastify's types lack the number form). */
function trustProxyOption(setting: boolean | number | string): boolean | string | ((address: string, hop: number) => boolean) {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting;
}
