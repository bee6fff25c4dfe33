// Builds one portal (not listening): the 1022 feedback portal or the public-service portal. Both are the
// same server with a different OIDC client, scope and pages. Each signs citizens in at the realm
// (authorization code + PKCE, openid-client), keeps tokens in a server-side session, reads and writes
// through the gateway, and ends sessions on OIDC back-channel logout, relaying the logout token to the
// gateway so that the session's access tokens are refused there too.
// This file wires the parts together (see README.md): the services, the session plugin, the response
// headers and error pages, and the route modules. `buildSite` is the part the staff workspace
// (web/workspace/) shares: everything but the portal's own pages.
import type { FastifyInstance } from 'fastify';
import { createHttpServer } from '../../platform/http.ts';
import { registerFormParser } from '../../platform/input-bounds.ts';
import { createLogger } from '../../platform/logger.ts';
import { PORTALS } from './options.ts';
import type { PortalOptions, SiteBrand, SiteOptions } from './options.ts';
import { createPortalReplies } from './replies.ts';
import type { PortalReplies } from './replies.ts';
import { authRoutes } from './routes/auth.ts';
import { dossierRoutes } from './routes/dossiers.ts';
import { planningRoutes } from './routes/planning.ts';
import { publicServiceRoutes } from './routes/public-services.ts';
import { feedbackRoutes } from './routes/feedback.ts';
import { feedbackItemRoutes } from './routes/feedback-item.ts';
import { publicFeedbackRoutes } from './routes/public-feedback.ts';
import { mapRoutes } from './routes/map.ts';
import { healthRoutes } from './routes/health.ts';
import { liveRoutes } from './routes/live.ts';
import { notificationRoutes } from './routes/notifications.ts';
import { photoRoutes } from './routes/photos.ts';
import { createSiteServices, describeError } from './services.ts';
import type { SiteServices } from './services.ts';
import { portalSession } from './session.ts';

export type { PortalKind, PortalOptions } from './options.ts';
export { PORTALS } from './options.ts';
export { safeReturnTo } from './routes/auth.ts';

const BODY_LIMIT_BYTES = 64 * 1024;

/** A web application of the realm with its shared parts in place, before its own pages are registered. */
export interface Site<Options extends SiteOptions> {
  readonly app: FastifyInstance;
  readonly services: SiteServices<Options>;
  readonly replies: PortalReplies;
}

/** Build a portal (not listening). The session store belongs to the caller, who closes it. */
export async function buildPortal(options: PortalOptions): Promise<FastifyInstance> {
  const { app, services, replies } = await buildSite(options, PORTALS[options.kind]);
  await app.register(notificationRoutes, { services, replies });
  await app.register(liveRoutes, { services, replies });
  await app.register(mapRoutes, { services, replies });
  if (options.kind === 'feedback') {
    await app.register(feedbackRoutes, { services, replies });
    await app.register(feedbackItemRoutes, { services, replies });
    await app.register(photoRoutes, { services, replies });
    await app.register(publicFeedbackRoutes, { services, replies });
  } else {
    await app.register(dossierRoutes, { services, replies });
    await app.register(publicServiceRoutes, { services, replies });
    await app.register(planningRoutes, { services, replies });
  }
  return app;
}

/**
 * Build the shared part of a web application of the realm (not listening): services, sessions, headers,
 * error pages, health, sign-in and sign-out. The caller registers its own pages on `app`.
 */
export async function buildSite<Options extends SiteOptions>(options: Options, site: SiteBrand): Promise<Site<Options>> {
  const logger = options.logger ?? createLogger(options.clientId, 'info');
  const app = createHttpServer(logger.child({ portal: options.clientId }), BODY_LIMIT_BYTES);
  const issuerOrigin = new URL(options.issuer).origin;
  const services = createSiteServices(app, options, site);

  await app.register(portalSession, { services });
  registerFormParser(app, BODY_LIMIT_BYTES);
  const replies = createPortalReplies(services, app.portalSession);

  // Hooks, parsers and handlers come before the route modules: a Fastify child context takes them when registered.
  // HTML responses: no caching (personal data), no framing, no scripts — except the planning map page
  // and the pages with live updates, which set their own policy (scripts from this origin only;
  // routes/planning.ts, replies.ts).
  app.addHook('onSend', async (_request, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html')) {
      if (!reply.hasHeader('content-security-policy'))
        reply.header('content-security-policy', `default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'; form-action 'self' ${issuerOrigin}`);
      reply.header('x-frame-options', 'DENY');
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'same-origin');
    }
    reply.header('cache-control', 'no-store');
    return payload;
  });

  app.setNotFoundHandler(async (request, reply) =>
    replies.errorPage(reply, await app.portalSession.load(request).catch(() => undefined), 404, 'Không tìm thấy trang', 'Trang bạn tìm không tồn tại. (Page not found.)'),
  );
  app.setErrorHandler(async (error, request, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) request.log.error({ err: describeError(error) }, 'portal request failed');
    // 503: the session store (Redis) did not answer in time; the page says to retry, with Retry-After.
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : status === 503 ? 'SERVICE_UNAVAILABLE' : status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
    if (status === 503) reply.header('retry-after', '5');
    if (request.url.startsWith('/auth/backchannel-logout')) return reply.code(status).send({ error: status >= 500 ? 'server_error' : 'invalid_request', code });
    if (status === 503) return replies.errorPage(reply, undefined, 503, 'Dịch vụ tạm thời gián đoạn', 'Vui lòng thử lại sau ít giây. (Temporarily unavailable; please retry shortly.)', code);
    return replies.errorPage(
      reply,
      undefined,
      status,
      status >= 500 ? 'Có lỗi xảy ra' : 'Yêu cầu không hợp lệ',
      status >= 500 ? 'Vui lòng thử lại sau. (Something went wrong.)' : 'Yêu cầu không hợp lệ. (Bad request.)',
      code,
    );
  });

  await app.register(healthRoutes, { services });
  await app.register(authRoutes, { services, replies });
  return { app, services, replies };
}
