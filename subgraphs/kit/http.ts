// The Fastify instance every process of the hub starts from: request ids (taken from x-request-id when
// the gateway sent one), the shared logger, and no per-request access lines (they would carry URLs
// with personal data; errors are still logged), and the drain-before-close of serve.ts.
import { randomUUID } from 'node:crypto';
import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Logger } from './logger.ts';
import { installGracefulShutdown } from './serve.ts';

/** Create a Fastify instance with the hub's defaults. */
export function createHttpServer(logger: Logger, bodyLimit: number): FastifyInstance {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit,
    // Fastify's own 503 while closing has no code: installGracefulShutdown answers instead.
    return503OnClosing: false,
  });
  installGracefulShutdown(app);
  return app;
}
