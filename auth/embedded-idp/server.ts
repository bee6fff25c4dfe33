// The embedded identity provider's HTTP server: listens first (port may be 0), then builds the
// provider. oidc-provider handles everything under /realms/<realm> except the login pages
// (/login-actions/<uid>) and the userinfo endpoint, which are served here, as are /health/live and
// /health/ready; close() stops it. Every answer carries x-request-id, and the lines logged for a request its id.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet } from 'jose';
import type Provider from 'oidc-provider';
import { hostForUrl, listen, sendJson } from './http.ts';
import { handleInteraction } from './interactions.ts';
import { loadOrCreateSigningKeys, publicJwk } from './keys.ts';
import { requestIdOf } from '../../platform/request-id.ts';
import { silentLogger } from './options.ts';
import type { EmbeddedIdp, EmbeddedIdpOptions, IdpLogger } from './options.ts';
import { KEYCLOAK_ROUTES, buildProvider } from './provider.ts';
import { handleUserinfo } from './userinfo.ts';

type RequestWithOriginalUrl = IncomingMessage & { originalUrl?: string };

/** `logger` with the request's id on every line. */
function withRequestId(logger: IdpLogger, requestId: string): IdpLogger {
  return { info: (obj, msg) => logger.info({ ...obj, requestId }, msg), warn: (obj, msg) => logger.warn({ ...obj, requestId }, msg) };
}

/** Start the embedded identity provider. Listens first (port may be 0), then builds the provider. */
export async function startEmbeddedIdp(options: EmbeddedIdpOptions): Promise<EmbeddedIdp> {
  const logger = options.logger ?? silentLogger;
  const jwks = await loadOrCreateSigningKeys(options.keysFile, logger);

  let handler: ((req: IncomingMessage, res: ServerResponse, log: IdpLogger) => Promise<void>) | undefined;
  const server = createServer((req, res) => {
    // Every answer names its request, as every other process of the hub does (platform/request-id.ts).
    const requestId = requestIdOf(req.headers['x-request-id']);
    res.setHeader('x-request-id', requestId);
    const log = withRequestId(logger, requestId);
    // Liveness and readiness, as Keycloak serves them: alive once listening, ready once the provider is built.
    const path = (req.url ?? '/').split('?', 1)[0];
    if (path === '/health/live' || path === '/health/ready') {
      sendJson(res, path === '/health/ready' && !handler ? 503 : 200, { status: path === '/health/ready' && !handler ? 'starting' : 'ok' });
      return;
    }
    if (!handler) {
      sendJson(res, 503, { error: 'temporarily_unavailable', error_description: 'starting' });
      return;
    }
    handler(req, res, log).catch((err: unknown) => {
      log.warn({ err }, 'embedded identity provider: request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error' });
      else res.destroy();
    });
  });
  await listen(server, options.port, options.host);

  const { port } = server.address() as AddressInfo;
  const url = (options.publicUrl ?? `http://${hostForUrl(options.host)}:${port}`).replace(/\/+$/, '');
  const issuer = `${url}/realms/${encodeURIComponent(options.realm)}`;
  const prefix = new URL(issuer).pathname;

  let provider: Provider;
  try {
    provider = buildProvider({ ...options, issuer, port, jwks, logger });
  } catch (err) {
    server.close();
    throw err;
  }
  const providerCallback = provider.callback();
  const publicKeys = createLocalJWKSet({ keys: jwks.map(publicJwk) });

  handler = async (req, res, log) => {
    const rawUrl = req.url ?? '/';
    const pathname = rawUrl.split('?', 1)[0] ?? '/';
    if (pathname !== prefix && !pathname.startsWith(`${prefix}/`)) {
      sendJson(res, 404, { error: 'not_found' });
      return;
    }
    const tail = rawUrl.slice(prefix.length);
    const rest = tail.startsWith('/') ? tail : `/${tail}`;
    const restPath = pathname.slice(prefix.length) || '/';

    if (restPath.startsWith('/login-actions/')) {
      await handleInteraction(req, res, restPath, { provider, options, prefix, logger: log });
      return;
    }
    if (restPath === KEYCLOAK_ROUTES.userinfo) {
      await handleUserinfo(req, res, { issuer, publicKeys, accounts: options.accounts });
      return;
    }
    // oidc-provider derives its mount path (for the URLs it advertises) from originalUrl vs url.
    (req as RequestWithOriginalUrl).originalUrl = rawUrl;
    req.url = rest;
    await providerCallback(req, res);
  };

  logger.info({ issuer, realm: options.realm, clients: options.clients.map((c) => c.clientId) }, 'embedded identity provider listening');

  return {
    issuer,
    url,
    async close() {
      handler = undefined;
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
