// The embedded identity provider's HTTP server: listens first (port may be 0), then builds the
// provider. oidc-provider handles everything under /realms/<realm> except the login pages
// (/login-actions/<uid>) and the userinfo endpoint, which are served here, as are /health/live and
// /health/ready; close() stops it.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet } from 'jose';
import type Provider from 'oidc-provider';
import { hostForUrl, listen, sendJson } from './http.ts';
import { handleInteraction } from './interactions.ts';
import { loadOrCreateSigningKeys, publicJwk } from './keys.ts';
import { silentLogger } from './options.ts';
import type { EmbeddedIdp, EmbeddedIdpOptions } from './options.ts';
import { KEYCLOAK_ROUTES, buildProvider } from './provider.ts';
import { handleUserinfo } from './userinfo.ts';

type RequestWithOriginalUrl = IncomingMessage & { originalUrl?: string };

/** Start the embedded identity provider. Listens first (port may be 0), then builds the provider. */
export async function startEmbeddedIdp(options: EmbeddedIdpOptions): Promise<EmbeddedIdp> {
  const logger = options.logger ?? silentLogger;
  const jwks = await loadOrCreateSigningKeys(options.keysFile, logger);

  let handler: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  const server = createServer((req, res) => {
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
    handler(req, res).catch((err: unknown) => {
      logger.warn({ err }, 'embedded identity provider: request failed');
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

  handler = async (req, res) => {
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
      await handleInteraction(req, res, restPath, { provider, options, prefix, logger });
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
