// Builds one portal (not listening): the 1022 feedback portal or the public-service portal. Both are the
// same server with a different OIDC client, scope and pages. Each signs citizens in at the realm
// (authorization code + PKCE, openid-client), keeps tokens in a server-side session, reads and writes
// through the gateway, and ends sessions on OIDC back-channel logout, relaying the logout token to the
// gateway so that the session's access tokens are refused there too.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createRealmKeySet, verifyLogoutToken } from '../../auth/access-token.ts';
import type { RealmKeySet } from '../../auth/access-token.ts';
import { createHttpServer } from '../../subgraphs/kit/http.ts';
import { registerFormParser } from '../../subgraphs/kit/input-bounds.ts';
import { createLogger } from '../../subgraphs/kit/logger.ts';
import type { Logger } from '../../subgraphs/kit/logger.ts';
import { createGatewayClient, findError, GatewayUnavailable } from './gateway-client.ts';
import type { GatewayClient, GatewayResult } from './gateway-client.ts';
import {
  emptyFeedbackForm,
  renderDossierDetail,
  renderErrorPage,
  renderFeedbackHome,
  renderServicesHome,
  renderSignedOut,
} from './pages/layout.ts';
import type {
  CategoryOption,
  DossierDetail,
  DossierRow,
  FeedbackFormValues,
  FeedbackRow,
  NotificationRow,
  PageFrame,
  PortalBrand,
  PortalLink,
} from './pages/layout.ts';
import { AuthorizationDenied, RefreshRefused, createRelyingParty, insecureIssuerAllowed } from './relying-party.ts';
import type { RelyingParty } from './relying-party.ts';
import { newSessionId } from './session-store.ts';
import type { PortalSession, SessionStore, SignedInUser } from './session-store.ts';

/** Which of the two portals. */
export type PortalKind = 'feedback' | 'services';

export interface PortalOptions {
  readonly kind: PortalKind;
  /** The portal's OIDC client id in the realm (portal-1022, portal-dichvucong). */
  readonly clientId: string;
  /** Base URL browsers use; default: the address the app listens on (tests on port 0). */
  readonly publicUrl?: string | undefined;
  /** Exact issuer of the realm. */
  readonly issuer: string;
  /** Base URL of the gateway. */
  readonly gatewayUrl: string;
  readonly sessions: SessionStore;
  /** Signs the session cookie and derives CSRF tokens (≥ 32 characters). */
  readonly sessionSecret: string;
  /** Secure cookies (`__Host-` prefix), no plain-http issuer. */
  readonly production: boolean;
  /** Links to the city's other portals, shown in the header. */
  readonly links?: readonly PortalLink[];
  /** Signature algorithms accepted on logout tokens (default RS256, PS256, ES256). */
  readonly algorithms?: readonly string[];
  readonly logger?: Logger;
}

/** The brand and OIDC scope of each portal. */
export const PORTALS: Readonly<Record<PortalKind, { brand: PortalBrand; scope: string }>> = {
  feedback: {
    brand: { kind: 'feedback', name: 'Cổng 1022', tagline: 'Phản ánh kiến nghị · Citizen feedback', mark: '1022', accent: '#0f5f8c' },
    scope: 'openid profile feedback:read feedback:write',
  },
  services: {
    brand: { kind: 'services', name: 'Cổng dịch vụ công', tagline: 'Thủ tục hành chính · Public services', mark: 'DVC', accent: '#9b1c2e' },
    scope: 'openid profile dossier:read notification:read',
  },
};

/** A signed-in session lives as long as the realm's SSO session (10 h, sliding on use). */
const SESSION_TTL_SECONDS = 10 * 60 * 60;
/** A session that only carries a sign-in in flight. */
const PENDING_TTL_SECONDS = 30 * 60;
/** Authorization requests older than this are forgotten; at most this many at once (several tabs). */
const PENDING_MAX_AGE_MS = 15 * 60_000;
const PENDING_MAX = 5;
/** Refresh the access token when it has less than this left. */
const REFRESH_MARGIN_MS = 30_000;
const BODY_LIMIT_BYTES = 64 * 1024;
/** Errors the realm answers a `prompt=none` request with when the browser has no usable session there. */
const SILENT_FAILURES = new Set(['login_required', 'interaction_required', 'consent_required', 'account_selection_required']);

/** A session loaded for a request: its id (from the cookie) and data. */
interface Current {
  id: string;
  session: PortalSession;
  /** Whether the cookie must be (re)sent. */
  isNew: boolean;
}

/** Build a portal (not listening). The session store belongs to the caller, who closes it. */
export async function buildPortal(options: PortalOptions): Promise<FastifyInstance> {
  const { brand, scope } = PORTALS[options.kind];
  const logger = options.logger ?? createLogger(options.clientId, 'info');
  const app = createHttpServer(logger.child({ portal: options.clientId }), BODY_LIMIT_BYTES);
  const sessions = options.sessions;
  const gateway: GatewayClient = createGatewayClient(options.gatewayUrl);
  const algorithms = options.algorithms ?? ['RS256', 'PS256', 'ES256'];
  // Browsers share cookies across the ports of one host: one name per portal.
  const cookieName = `${options.production ? '__Host-' : ''}lt_session_${options.clientId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
  const issuerOrigin = new URL(options.issuer).origin;

  await app.register(fastifyCookie, { secret: options.sessionSecret });
  registerFormParser(app, BODY_LIMIT_BYTES);

  // ---- where the portal is, and its relying party (both known once listening when publicUrl is absent)
  const publicUrl = (): string => {
    if (options.publicUrl) return options.publicUrl.replace(/\/+$/, '');
    const address = app.server.address() as AddressInfo | null;
    if (!address || typeof address !== 'object') throw new Error('the portal is not listening yet');
    const host = address.family === 'IPv6' ? `[${address.address === '::' ? '::1' : address.address}]` : address.address === '0.0.0.0' ? '127.0.0.1' : address.address;
    return `http://${host}:${address.port}`;
  };
  let relyingParty: RelyingParty | undefined;
  const rp = (): RelyingParty => {
    relyingParty ??= createRelyingParty({
      issuer: options.issuer,
      clientId: options.clientId,
      redirectUri: `${publicUrl()}/auth/callback`,
      scope,
      allowInsecure: insecureIssuerAllowed(options.issuer, options.production),
    });
    return relyingParty;
  };
  let realmKeys: RealmKeySet | undefined;
  const logoutTokenKeys = async (): Promise<RealmKeySet> => {
    realmKeys ??= createRealmKeySet(await rp().jwksUrl());
    return realmKeys;
  };

  // ---- HTML responses: no caching (personal data), no framing, no scripts at all
  app.addHook('onSend', async (_request, reply, payload) => {
    const type = String(reply.getHeader('content-type') ?? '');
    if (type.startsWith('text/html')) {
      reply.header('content-security-policy', `default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; frame-ancestors 'none'; form-action 'self' ${issuerOrigin}`);
      reply.header('x-frame-options', 'DENY');
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'same-origin');
    }
    reply.header('cache-control', 'no-store');
    return payload;
  });

  // ---- sessions
  const readSessionId = (request: FastifyRequest): string | undefined => {
    const raw = request.cookies[cookieName];
    if (!raw) return undefined;
    const unsigned = request.unsignCookie(raw);
    return unsigned.valid && unsigned.value ? unsigned.value : undefined;
  };
  const loadSession = async (request: FastifyRequest): Promise<Current | undefined> => {
    const id = readSessionId(request);
    if (!id) return undefined;
    const session = await sessions.get(id);
    return session ? { id, session, isNew: false } : undefined;
  };
  const loadOrCreateSession = async (request: FastifyRequest): Promise<Current> =>
    (await loadSession(request)) ?? { id: newSessionId(), session: {}, isNew: true };
  const saveSession = async (reply: FastifyReply, current: Current): Promise<void> => {
    await sessions.set(current.id, current.session, current.session.user ? SESSION_TTL_SECONDS : PENDING_TTL_SECONDS);
    if (current.isNew) {
      reply.setCookie(cookieName, current.id, { signed: true, httpOnly: true, sameSite: 'lax', secure: options.production, path: '/' });
      current.isNew = false;
    }
  };
  const csrfToken = (sessionId: string): string =>
    createHmac('sha256', options.sessionSecret).update(`csrf:${options.clientId}:${sessionId}`).digest('base64url');
  const csrfValid = (current: Current | undefined, given: unknown): boolean => {
    if (!current || typeof given !== 'string' || given === '') return false;
    const expected = Buffer.from(csrfToken(current.id));
    const actual = Buffer.from(given);
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  };
  /** A form post without this session's CSRF token (expired page, or another site's form). */
  const csrfRefused = (reply: FastifyReply, current: Current) =>
    errorPage(reply, current, 403, 'Yêu cầu không hợp lệ', 'Biểu mẫu đã hết hạn; hãy tải lại trang và gửi lại. (Missing or invalid CSRF token.)', 'CSRF_TOKEN_INVALID');
  /** Read and clear the one-time message. */
  const takeFlash = async (reply: FastifyReply, current: Current | undefined): Promise<PortalSession['flash']> => {
    const flash = current?.session.flash;
    if (current && flash) {
      delete current.session.flash;
      await saveSession(reply, current);
    }
    return flash;
  };
  const frameFor = (current: Current | undefined, flash?: PortalSession['flash']): PageFrame => {
    const user = current?.session.user;
    return {
      brand,
      links: options.links ?? [],
      ...(user ? { user: { name: user.name ?? user.username ?? 'Công dân', acr: user.acr }, csrf: csrfToken(current.id) } : {}),
      ...(flash ? { flash } : {}),
    };
  };
  const html = (reply: FastifyReply, status: number, page: string) => reply.code(status).type('text/html; charset=utf-8').send(page);
  const errorPage = (reply: FastifyReply, current: Current | undefined, status: number, title: string, message: string, detail?: string) =>
    html(reply, status, renderErrorPage(frameFor(current), title, message, detail));

  // ---- tokens: refresh near expiry, one refresh at a time per session (refresh tokens rotate)
  const refreshing = new Map<string, Promise<SignedInUser | undefined>>();
  const freshUser = async (reply: FastifyReply, current: Current): Promise<SignedInUser | undefined> => {
    const user = current.session.user;
    if (!user) return undefined;
    if (user.accessTokenExpiresAt - Date.now() > REFRESH_MARGIN_MS) return user;
    let flight = refreshing.get(current.id);
    if (!flight) {
      flight = (async () => {
        try {
          const refreshed = await rp().refresh(user);
          current.session.user = refreshed;
          await saveSession(reply, current);
          return refreshed;
        } catch (error) {
          if (!(error instanceof RefreshRefused)) {
            // The realm is unreachable: keep the session and use the token while it lasts (the gateway decides).
            reply.log.warn({ err: describe(error) }, 'refresh failed; trying again on the next request');
            return user;
          }
          reply.log.info({ reason: error.message }, 'refresh refused: the session has ended');
          await sessions.destroy(current.id);
          delete current.session.user;
          return undefined;
        }
      })().finally(() => refreshing.delete(current.id));
      refreshing.set(current.id, flight);
    }
    const result = await flight;
    if (result) current.session.user = result;
    else delete current.session.user;
    return result;
  };

  /** Ask the gateway as the signed-in citizen; undefined when the session has ended (tokens refused). */
  const askGateway = async <Data>(reply: FastifyReply, current: Current, query: string, variables?: Record<string, unknown>): Promise<GatewayResult<Data> | undefined> => {
    const user = await freshUser(reply, current);
    if (!user) return undefined;
    // The browser's address, for the gateway's per-address limits (believed only if TRUST_PROXY lists the portal).
    const result = await gateway<Data>(query, { token: user.accessToken, clientAddress: reply.request.ip, ...(variables ? { variables } : {}) });
    if (findError(result, 'UNAUTHENTICATED') && (result.status === 401 || result.data == null)) {
      // The token itself was refused (revoked by back-channel logout, expired, …): the session is over.
      // A field error such as STEP_UP_REQUIRED is not this: the page handles it.
      await sessions.destroy(current.id);
      delete current.session.user;
      return undefined;
    }
    return result;
  };
  const sessionEnded = async (reply: FastifyReply) => {
    const fresh: Current = { id: newSessionId(), session: { silentTried: true, flash: { kind: 'error', text: 'Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại. (Your session has ended.)' } }, isNew: true };
    await saveSession(reply, fresh);
    return reply.redirect('/', 303);
  };
  const stepUp = (reply: FastifyReply, returnTo: string) =>
    reply.redirect(`/auth/login?acr=2&returnTo=${encodeURIComponent(returnTo)}`, 303);

  // ---------------------------------------------------------------------------------------------------
  // Health

  app.get('/health/live', async () => ({ status: 'ok' }));
  app.get('/health/ready', async (_request, reply) => {
    try {
      await rp().configuration();
      return { status: 'ok' };
    } catch {
      return reply.code(503).send({ status: 'unavailable', code: 'IDP_UNAVAILABLE' });
    }
  });

  // ---------------------------------------------------------------------------------------------------
  // Sign-in

  app.get('/auth/login', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const returnTo = safeReturnTo(query['returnTo']);
    const acr = query['acr'] === '2' ? '2' : undefined;
    const silent = query['prompt'] === 'none' && !acr;
    const current = await loadOrCreateSession(request);
    if (silent && current.session.silentTried) return reply.redirect(returnTo, 303);
    if (silent) current.session.silentTried = true;
    let start;
    try {
      start = await rp().startAuthorization({ returnTo, silent, ...(acr ? { acr } : {}) });
    } catch (error) {
      request.log.warn({ err: describe(error) }, 'identity provider unreachable');
      if (silent) {
        await saveSession(reply, current);
        return reply.redirect(returnTo, 303);
      }
      return errorPage(reply, current, 502, 'Không kết nối được máy chủ định danh', 'Vui lòng thử lại sau ít phút. (The sign-in service is unavailable; please try again later.)');
    }
    const now = Date.now();
    const kept = Object.entries(current.session.pending ?? {})
      .filter(([, pending]) => now - pending.createdAt < PENDING_MAX_AGE_MS)
      .slice(-(PENDING_MAX - 1));
    current.session.pending = Object.fromEntries([...kept, [start.state, start.pending]]);
    await saveSession(reply, current);
    return reply.redirect(start.url.href, 303);
  });

  app.get('/auth/callback', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const state = typeof query['state'] === 'string' ? query['state'] : undefined;
    const current = await loadSession(request);
    const pending = state ? current?.session.pending?.[state] : undefined;
    if (!current || !state || !pending) {
      request.log.info({ hasState: state !== undefined, hasSession: current !== undefined }, 'callback without a matching sign-in');
      return errorPage(reply, current, 400, 'Yêu cầu đăng nhập không hợp lệ', 'Phiên đăng nhập không khớp hoặc đã hết hạn. Vui lòng đăng nhập lại. (Invalid or expired sign-in request: the state does not match.)', 'invalid_state');
    }
    delete current.session.pending?.[state];

    let user: SignedInUser;
    try {
      user = await rp().finishAuthorization(new URL(request.url, publicUrl()), state, pending);
    } catch (error) {
      if (error instanceof AuthorizationDenied) {
        if (pending.silent && SILENT_FAILURES.has(error.error)) {
          // Not signed in at the realm: show the portal signed out.
          await saveSession(reply, current);
          return reply.redirect(pending.returnTo, 303);
        }
        if (error.error === 'unmet_authentication_requirements' || error.error === 'access_denied') {
          current.session.flash = {
            kind: 'error',
            text: error.error === 'access_denied'
              ? 'Bạn đã hủy đăng nhập. (Sign-in cancelled.)'
              : 'Tài khoản của bạn chưa được định danh VNeID mức 2 nên chưa xem được thông tin này. (Your account is not verified at VNeID level 2.)',
          };
          await saveSession(reply, current);
          return reply.redirect('/', 303);
        }
        request.log.warn({ error: error.error }, 'the realm refused the sign-in');
        await saveSession(reply, current);
        return errorPage(reply, current, 400, 'Đăng nhập không thành công', 'Máy chủ định danh từ chối yêu cầu đăng nhập. (The identity provider refused the sign-in.)', error.error);
      }
      request.log.warn({ err: describe(error) }, 'sign-in failed');
      await saveSession(reply, current);
      return errorPage(reply, current, 502, 'Đăng nhập không thành công', 'Không hoàn tất được đăng nhập. Vui lòng thử lại. (The sign-in could not be completed.)');
    }

    if (current.session.user && current.session.user.sub !== user.sub) {
      request.log.info('a different person signed in: the previous session ends');
    }
    // A new session id at every sign-in (no session fixation); sign-ins in flight in other tabs are dropped.
    await sessions.destroy(current.id);
    const signedIn: Current = { id: newSessionId(), session: { user }, isNew: true };
    if (pending.acr && Number(user.acr) < Number(pending.acr)) {
      signedIn.session.flash = { kind: 'error', text: 'Chưa đạt định danh VNeID mức 2. (VNeID level 2 was not reached.)' };
    }
    await saveSession(reply, signedIn);
    request.log.info({ acr: user.acr, stepUp: pending.acr !== undefined }, 'signed in');
    return reply.redirect(pending.returnTo, 303);
  });

  // ---------------------------------------------------------------------------------------------------
  // Sign-out: this portal's session ends here; the realm then asks the user whether to end every portal's.

  app.post('/auth/logout', async (request, reply) => {
    const current = await loadSession(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!current?.session.user) return reply.redirect('/', 303);
    if (!csrfValid(current, body['csrf'])) return csrfRefused(reply, current);
    const user = current.session.user;
    await sessions.destroy(current.id);
    // Signed out on purpose: no silent single sign-on back in from this browser session.
    const after: Current = { id: newSessionId(), session: { silentTried: true }, isNew: true };
    await saveSession(reply, after);
    try {
      const url = await rp().endSessionUrl(user.idToken, `${publicUrl()}/`);
      return reply.redirect(url.href, 303);
    } catch (error) {
      request.log.warn({ err: describe(error) }, 'identity provider unreachable at sign-out');
      after.session.flash = { kind: 'ok', text: 'Bạn đã đăng xuất khỏi cổng này. (Signed out of this portal.)' };
      await saveSession(reply, after);
      return reply.redirect('/', 303);
    }
  });

  // OIDC Back-Channel Logout 1.0: the realm POSTs a signed logout token when a session ends.
  app.post('/auth/backchannel-logout', async (request, reply) => {
    if (!String(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) {
      return reply.code(400).send({ error: 'invalid_request', code: 'LOGOUT_TOKEN_MISSING', error_description: 'expected a form (application/x-www-form-urlencoded) with logout_token' });
    }
    const body = request.body;
    const token = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['logout_token'] : undefined;
    if (typeof token !== 'string' || token === '') {
      return reply.code(400).send({ error: 'invalid_request', code: 'LOGOUT_TOKEN_MISSING', error_description: 'a form field logout_token is required' });
    }
    let keys: RealmKeySet;
    try {
      keys = await logoutTokenKeys();
    } catch (error) {
      request.log.warn({ err: describe(error) }, 'back-channel logout: realm keys unavailable');
      return reply.code(503).send({ error: 'temporarily_unavailable', code: 'IDP_UNAVAILABLE', error_description: 'the realm keys could not be fetched' });
    }
    let whom: { sid?: string; sub?: string };
    try {
      whom = await verifyLogoutToken(token, { issuer: options.issuer, allowedClients: [options.clientId], algorithms, clockToleranceSeconds: 5, keys });
    } catch (error) {
      request.log.info({ reason: (error as Error).message }, 'back-channel logout: token refused');
      return reply.code(400).send({ error: 'invalid_request', code: 'INVALID_LOGOUT_TOKEN', error_description: 'the logout token is not valid' });
    }
    const ended = whom.sid ? await sessions.destroyBySid(whom.sid) : whom.sub ? await sessions.destroyBySubject(whom.sub) : 0;
    const relayed = await relayToGateway(options.gatewayUrl, token);
    request.log.info({ ended, bySid: whom.sid !== undefined, relayed }, 'back-channel logout');
    if (relayed !== 200) request.log.error({ relayed }, 'back-channel logout: the gateway did not accept the logout token; its tokens stay valid until they expire');
    return reply.code(200).send({});
  });

  // ---------------------------------------------------------------------------------------------------
  // Pages

  app.get('/', async (request, reply) => {
    const current = await loadSession(request);
    if (!current?.session.user) {
      // Signed in at another portal? Ask the realm silently, once per browser session (single sign-on).
      if (!current?.session.silentTried) return reply.redirect('/auth/login?prompt=none&returnTo=%2F', 302);
      return html(reply, 200, renderSignedOut(frameFor(current, await takeFlash(reply, current))));
    }
    return options.kind === 'feedback' ? feedbackHome(reply, current, emptyFeedbackForm()) : servicesHome(reply, current);
  });

  if (options.kind === 'feedback') {
    app.post('/feedback', async (request, reply) => {
      const current = await loadSession(request);
      const body = (request.body ?? {}) as Record<string, unknown>;
      if (!current?.session.user) return reply.redirect('/auth/login?returnTo=%2F', 303);
      if (!csrfValid(current, body['csrf'])) return csrfRefused(reply, current);
      const form = readFeedbackForm(body);
      const problem = checkFeedbackForm(form);
      if (problem) return feedbackHome(reply, current, form, problem, 400);
      const result = await askGateway<{ submitFeedback?: { code: string; status: string } | null }>(reply, current, SUBMIT_FEEDBACK, {
        input: {
          categoryCode: form.categoryCode,
          title: form.title.trim(),
          content: form.content.trim(),
          lat: Number(form.lat),
          lng: Number(form.lng),
          isAnonymous: form.isAnonymous,
          isPublic: form.isPublic,
          idempotencyKey: form.submissionKey,
        },
      }).catch(rethrowUnlessUnavailable);
      if (result === 'unavailable') return feedbackHome(reply, current, form, 'Không kết nối được cổng API, vui lòng thử lại. (The API gateway is unavailable.)', 503);
      if (!result) return sessionEnded(reply);
      if (findError(result, 'STEP_UP_REQUIRED')) return stepUp(reply, '/');
      const created = result.data?.submitFeedback;
      if (!created) {
        const error = result.errors[0];
        return feedbackHome(reply, current, form, `Chưa gửi được phản ánh: ${error?.message ?? 'lỗi không xác định'} (${error?.extensions?.code ?? 'ERROR'})`, 200);
      }
      current.session.flash = { kind: 'ok', text: `Đã gửi phản ánh ${created.code}. Cảm ơn bạn! (Feedback sent.)` };
      await saveSession(reply, current);
      return reply.redirect('/', 303);
    });
  }

  if (options.kind === 'services') {
    app.get('/dossiers/:code', async (request, reply) => {
      const { code } = request.params as { code: string };
      const returnTo = `/dossiers/${encodeURIComponent(code)}`;
      const current = await loadSession(request);
      if (!current?.session.user) return reply.redirect(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`, 302);
      const result = await askGateway<{ dossier?: DossierDetail | null }>(reply, current, DOSSIER_DETAIL, { code }).catch(rethrowUnlessUnavailable);
      if (result === 'unavailable') return errorPage(reply, current, 503, 'Dịch vụ tạm thời gián đoạn', 'Không kết nối được cổng API. (The API gateway is unavailable.)');
      if (!result) return sessionEnded(reply);
      if (findError(result, 'STEP_UP_REQUIRED')) {
        // Dossier details need VNeID level 2: sign in again at level 2 and come back here.
        if (current.session.user?.acr !== '2') return stepUp(reply, returnTo);
        // The session already has level 2 and the gateway still refuses: say so rather than loop.
        return errorPage(reply, current, 403, 'Cần xác thực VNeID mức 2', 'Thông tin này cần định danh VNeID mức 2. (This needs VNeID level 2.)', 'STEP_UP_REQUIRED');
      }
      const dossier = result.data?.dossier;
      if (!dossier) {
        const error = result.errors[0];
        return errorPage(reply, current, error ? 502 : 404, 'Không tìm thấy hồ sơ', error ? error.message : 'Hồ sơ không tồn tại hoặc không thuộc về bạn. (Not found.)', error?.extensions?.code);
      }
      return html(reply, 200, renderDossierDetail(frameFor(current, await takeFlash(reply, current)), dossier));
    });
  }

  app.setNotFoundHandler(async (request, reply) => errorPage(reply, await loadSession(request).catch(() => undefined), 404, 'Không tìm thấy trang', 'Trang bạn tìm không tồn tại. (Page not found.)'));
  app.setErrorHandler(async (error, request, reply) => {
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 500) request.log.error({ err: describe(error) }, 'portal request failed');
    // 503: the session store (Redis) did not answer in time; the page says to retry, with Retry-After.
    const code = status === 413 ? 'PAYLOAD_TOO_LARGE' : status === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : status === 503 ? 'SERVICE_UNAVAILABLE' : status >= 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST';
    if (status === 503) reply.header('retry-after', '5');
    if (request.url.startsWith('/auth/backchannel-logout')) return reply.code(status).send({ error: status >= 500 ? 'server_error' : 'invalid_request', code });
    if (status === 503) return errorPage(reply, undefined, 503, 'Dịch vụ tạm thời gián đoạn', 'Vui lòng thử lại sau ít giây. (Temporarily unavailable; please retry shortly.)', code);
    return errorPage(reply, undefined, status, status >= 500 ? 'Có lỗi xảy ra' : 'Yêu cầu không hợp lệ', status >= 500 ? 'Vui lòng thử lại sau. (Something went wrong.)' : 'Yêu cầu không hợp lệ. (Bad request.)', code);
  });

  return app;

  // ---- page handlers (hoisted)

  async function feedbackHome(reply: FastifyReply, current: Current, form: FeedbackFormValues, formError?: string, status = 200) {
    const result = await askGateway<{ me?: { feedback?: FeedbackRow[] | null } | null; feedbackCategories?: CategoryOption[] | null }>(reply, current, FEEDBACK_HOME).catch(rethrowUnlessUnavailable);
    if (!result) return sessionEnded(reply);
    if (result !== 'unavailable' && findError(result, 'STEP_UP_REQUIRED') && current.session.user?.acr !== '2') return stepUp(reply, '/');
    const frame = frameFor(current, await takeFlash(reply, current));
    if (result === 'unavailable') {
      const down = 'Không kết nối được cổng API. (The API gateway is unavailable.)';
      return html(reply, 503, renderFeedbackHome(frame, { feedback: undefined, feedbackError: down, categories: [], form, ...(formError ? { formError } : {}) }));
    }
    const feedbackError = fieldError(result, 'me', 'feedback');
    const categoriesError = fieldError(result, 'feedbackCategories');
    return html(reply, status, renderFeedbackHome(frame, {
      feedback: result.data?.me?.feedback ?? undefined,
      categories: result.data?.feedbackCategories ?? [],
      form,
      ...(feedbackError ? { feedbackError } : {}),
      ...(categoriesError ? { categoriesError } : {}),
      ...(formError ? { formError } : {}),
    }));
  }

  async function servicesHome(reply: FastifyReply, current: Current) {
    const result = await askGateway<{ me?: { dossiers?: DossierRow[] | null; notifications?: NotificationRow[] | null } | null }>(reply, current, SERVICES_HOME).catch(rethrowUnlessUnavailable);
    if (!result) return sessionEnded(reply);
    const frame = frameFor(current, await takeFlash(reply, current));
    if (result === 'unavailable') {
      const down = 'Không kết nối được cổng API. (The API gateway is unavailable.)';
      return html(reply, 503, renderServicesHome(frame, { dossiers: undefined, dossiersError: down, notifications: undefined }));
    }
    const dossiersError = fieldError(result, 'me', 'dossiers');
    const notificationsError = fieldError(result, 'me', 'notifications');
    return html(reply, 200, renderServicesHome(frame, {
      dossiers: result.data?.me?.dossiers ?? undefined,
      notifications: result.data?.me?.notifications ?? undefined,
      ...(dossiersError ? { dossiersError } : {}),
      ...(notificationsError ? { notificationsError } : {}),
    }));
  }
}

// ---------------------------------------------------------------------------------------------------
// Operations the portals send

const FEEDBACK_HOME = `query PortalFeedbackHome { me { feedback { code status title receivedAt } } feedbackCategories { code name } }`;
const SUBMIT_FEEDBACK = `mutation PortalSubmitFeedback($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code status } }`;
const SERVICES_HOME = `query PortalServicesHome { me { dossiers { code status procedure { name } dueAt } notifications { title read createdAt } } }`;
const DOSSIER_DETAIL = `query PortalDossierDetail($code: String!) { dossier(code: $code) { code status currentStep supplementRequest dueAt } }`;

// ---------------------------------------------------------------------------------------------------
// Helpers

/** POST the logout token, unchanged, to the gateway's back-channel logout endpoint; returns the HTTP status (0: unreachable). */
async function relayToGateway(gatewayUrl: string, logoutToken: string): Promise<number> {
  try {
    const response = await fetch(`${gatewayUrl.replace(/\/+$/, '')}/auth/backchannel-logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ logout_token: logoutToken }).toString(),
      signal: AbortSignal.timeout(5_000),
    });
    await response.body?.cancel();
    return response.status;
  } catch {
    return 0;
  }
}

/** A local path to return to after sign-in; anything else (absolute URLs, `//host`, backslashes) becomes "/". */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || value.length > 512) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\') || /[\u0000-\u001f]/.test(value)) return '/';
  return value;
}

function readFeedbackForm(body: Record<string, unknown>): FeedbackFormValues {
  const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
  return {
    categoryCode: text('categoryCode'),
    title: text('title'),
    content: text('content'),
    lat: text('lat'),
    lng: text('lng'),
    isAnonymous: body['isAnonymous'] === 'true',
    isPublic: body['isPublic'] === 'true',
    // A form without a usable key (an old page) gets one now: still one item per post.
    submissionKey: /^[\x21-\x7e]{1,255}$/.test(text('submissionKey')) ? text('submissionKey') : randomUUID(),
  };
}

/** What is wrong with the form, in Vietnamese and English; undefined when it may be sent. */
function checkFeedbackForm(form: FeedbackFormValues): string | undefined {
  const problems: string[] = [];
  if (!form.categoryCode) problems.push('chọn lĩnh vực (category)');
  const title = form.title.trim().length;
  if (title < 5 || title > 200) problems.push('tiêu đề 5–200 ký tự (title)');
  const content = form.content.trim().length;
  if (content < 10 || content > 5000) problems.push('nội dung 10–5000 ký tự (content)');
  const lat = Number(form.lat);
  const lng = Number(form.lng);
  if (form.lat.trim() === '' || !Number.isFinite(lat) || lat < -90 || lat > 90) problems.push('vĩ độ (latitude)');
  if (form.lng.trim() === '' || !Number.isFinite(lng) || lng < -180 || lng > 180) problems.push('kinh độ (longitude)');
  return problems.length ? `Vui lòng kiểm tra: ${problems.join(', ')}.` : undefined;
}

/**
 * The first error that concerns the field at `path` (e.g. ["me", "dossiers"]): an error on that field
 * or below it, on a parent of it, or on the whole request. Shown with its code.
 */
function fieldError(result: GatewayResult<unknown>, ...path: string[]): string | undefined {
  const error = result.errors.find((candidate) => {
    const at = (candidate.path ?? []).filter((segment): segment is string => typeof segment === 'string');
    const shared = Math.min(at.length, path.length);
    return path.slice(0, shared).every((segment, index) => at[index] === segment);
  });
  if (!error) return undefined;
  return `Không tải được dữ liệu: ${error.message} (${error.extensions?.code ?? 'ERROR'})`;
}

function rethrowUnlessUnavailable(error: unknown): 'unavailable' {
  if (error instanceof GatewayUnavailable) return 'unavailable';
  throw error;
}

/** An error for a log line: name, message and code, never a token. */
function describe(error: unknown): { name?: string; message?: string; code?: unknown } {
  if (!(error instanceof Error)) return { message: String(error) };
  return { name: error.name, message: error.message, code: (error as { code?: unknown }).code };
}
