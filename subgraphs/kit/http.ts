// The Fastify instance every process of the hub starts from: request ids (taken from x-request-id when
// the gateway sent one), the shared logger, no per-request access lines (they would carry URLs with
// personal data; errors are still logged), and the input bounds (strict UTF-8, depth, no U+0000).
import { randomUUID } from 'node:crypto';
import Fastify, { LogController } from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { installInputBounds, parseQueryString } from './input-bounds.ts';
import type { Logger } from './logger.ts';

/** Create a Fastify instance with the hub's defaults. */
export function createHttpServer(logger: Logger, bodyLimit: number): FastifyInstance {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit,
    routerOptions: { querystringParser: parseQueryString },
  });
  installInputBounds(app);
  return app;
}
