// Listening and shutting down, for the gateway and every subgraph process: on SIGTERM or SIGINT
// readiness turns 503 at once while the listener keeps serving for a drain period (the load balancer's
// time to notice), then the listener closes, in-flight requests finish (up to a grace period) and the
// process exits; a request refused meanwhile carries SERVICE_UNAVAILABLE. Imports only fastify's types,
// so the gateway loads none of the subgraph stack (Prisma, PGlite, mercurius) through it.
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Where a server is in its life: `serving`; `draining` (readiness answers 503, everything else is
 * served); `closing` (the listener is closed: requests still arriving on kept-alive connections are
 * refused with SERVICE_UNAVAILABLE and `connection: close`, in-flight ones finish).
 */
export type ServingPhase = 'serving' | 'draining' | 'closing';

declare module 'fastify' {
  interface FastifyInstance {
    /** See ServingPhase. */
    servingPhase: ServingPhase;
  }
}

/** The timings of a shutdown; the gateway's and the subgraphs' configs both carry them. */
export interface ShutdownSettings {
  /** How long readiness says 503 while the listener keeps serving, before it closes. */
  readonly shutdownDrainMs: number;
  /** How long in-flight requests may take once the listener is closed, before connections are cut. */
  readonly shutdownGraceMs: number;
}

/** Where and how to listen. */
export interface ServeSettings extends ShutdownSettings {
  readonly host: string;
  readonly port: number;
}

/** The readiness route every process of the hub serves. */
export const READINESS_PATH = '/health/ready';
/** What a client refused while a replica closes is told to wait: another replica normally answers at once. */
const RETRY_AFTER_SECONDS = 1;
const CLOSING_BODY = JSON.stringify({
  errors: [{ message: 'This server is shutting down; retry the request.', extensions: { code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: RETRY_AFTER_SECONDS } }],
});

/**
 * Give `app` its serving phase and the hook that answers for it (createHttpServer calls this for every
 * server, which also turns off Fastify's own uncoded 503 while closing). A sync hook: it runs on every request.
 */
export function installGracefulShutdown(app: FastifyInstance): void {
  app.decorate('servingPhase', 'serving' as ServingPhase);
  // Whoever closes the app (a signal, a test, the development host), requests arriving after are refused with a code.
  app.addHook('preClose', (done) => {
    app.servingPhase = 'closing';
    done();
  });
  app.addHook('onRequest', (request, reply, done) => {
    const phase = app.servingPhase;
    if (phase === 'serving') return done();
    if (phase === 'closing') return refuseWhileClosing(reply);
    if (request.routeOptions.url === READINESS_PATH) return reply.code(503).header('cache-control', 'no-store').send({ status: 'draining' });
    return done();
  });
}

function refuseWhileClosing(reply: FastifyReply): void {
  reply.code(503).header('retry-after', String(RETRY_AFTER_SECONDS)).header('connection', 'close').header('cache-control', 'no-store').type('application/json; charset=utf-8').send(CLOSING_BODY);
}

/**
 * Drain, then close: readiness answers 503 for `shutdownDrainMs` while every other request is still
 * served, then the listener closes, in-flight requests get `shutdownGraceMs` to finish, and whatever
 * connection is left is cut. Resolves once the app (and its onClose hooks) closed.
 */
export async function drainAndClose(app: FastifyInstance, settings: ShutdownSettings): Promise<void> {
  if (app.servingPhase === 'serving') app.servingPhase = 'draining';
  if (settings.shutdownDrainMs > 0) await new Promise((resolve) => setTimeout(resolve, settings.shutdownDrainMs));
  app.servingPhase = 'closing';
  const server = app.server;
  // Node closes idle kept-alive connections the moment the listener closes, and a client may be sending its
  // next request on one at that very moment: it would see a reset without an answer. So they stay open a
  // moment longer — what arrives on them is refused with SERVICE_UNAVAILABLE and `connection: close` — and
  // only then are the idle ones closed.
  const closeIdle = server.closeIdleConnections.bind(server);
  server.closeIdleConnections = () => {};
  const linger = setTimeout(closeIdle, Math.min(IDLE_LINGER_MS, settings.shutdownGraceMs));
  linger.unref();
  const cut = setTimeout(() => server.closeAllConnections(), settings.shutdownGraceMs);
  cut.unref();
  try {
    await app.close();
  } finally {
    clearTimeout(cut);
    clearTimeout(linger);
    server.closeIdleConnections = closeIdle;
  }
}

/** How long idle kept-alive connections outlive the listener (see drainAndClose). */
const IDLE_LINGER_MS = 1_000;

/**
 * Run `stop` once, on the first SIGTERM or SIGINT; a second signal of the same kind then ends the
 * process at once (Node's default), which is what a second Ctrl-C means.
 */
export function onShutdownSignal(stop: (signal: NodeJS.Signals) => Promise<void>): void {
  let stopping = false;
  const handle = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    stop(signal).catch((error: unknown) => {
      process.stderr.write(`shutdown failed: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    });
  };
  process.once('SIGINT', handle);
  process.once('SIGTERM', handle);
}

/** Listen, log where, and on SIGTERM/SIGINT drain, close and exit 0. For main.ts files; returns the address. */
export async function listenAndServe(app: FastifyInstance, settings: ServeSettings, label: string): Promise<string> {
  const address = await app.listen({ host: settings.host, port: settings.port });
  app.log.info({ address }, `${label} listening`);
  onShutdownSignal(async (signal) => {
    app.log.info({ signal, drainMs: settings.shutdownDrainMs, graceMs: settings.shutdownGraceMs }, `${label} draining`);
    await drainAndClose(app, settings);
    app.log.info(`${label} closed`);
    process.exit(0);
  });
  return address;
}
