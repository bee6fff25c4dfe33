// Sign-in, sign-out and back-channel logout of a portal: the authorization-code flow with PKCE (a state
// per tab, a new session id at every sign-in, silent single sign-on, step-up), RP-initiated logout, and
// OIDC back-channel logout, which ends the local sessions and relays the logout token to the gateway so
// that the session's access tokens are refused there too.
import type { FastifyInstance } from 'fastify';
import { verifyLogoutToken } from '../../../auth/access-token.ts';
import type { RealmKeySet } from '../../../auth/access-token.ts';
import type { SiteRouteOptions } from '../replies.ts';
import { AuthorizationDenied } from '../relying-party.ts';
import { describeError } from '../services.ts';
import type { SignedInUser } from '../session-store.ts';

/** Authorization requests older than this are forgotten; at most this many at once (several tabs). */
const PENDING_MAX_AGE_MS = 15 * 60_000;
const PENDING_MAX = 5;
/** Errors the realm answers a `prompt=none` request with when the browser has no usable session there. */
const SILENT_FAILURES = new Set(['login_required', 'interaction_required', 'consent_required', 'account_selection_required']);
/** Of those, the ones that mean the realm knows the person but wants a click first (consent, a choice): one click signs in. */
const ONE_CLICK_AWAY = new Set(['interaction_required', 'consent_required', 'account_selection_required']);

/** /auth/login, the callback (the redirect URI's path, default /auth/callback), /auth/logout and /auth/backchannel-logout. */
export async function authRoutes(app: FastifyInstance, { services, replies }: SiteRouteOptions): Promise<void> {
  const sessions = app.portalSession;
  const store = sessions.store;

  app.get('/auth/login', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const returnTo = safeReturnTo(query['returnTo']);
    const acr = query['acr'] === '2' ? '2' : undefined;
    const silent = query['prompt'] === 'none' && !acr;
    const current = await sessions.loadOrCreate(request);
    if (silent && current.session.silentTried) return reply.redirect(returnTo, 303);
    if (silent) current.session.silentTried = true;
    let start;
    try {
      start = await services.relyingParty().startAuthorization({ returnTo, silent, ...(acr ? { acr } : {}) });
    } catch (error) {
      request.log.warn({ err: describeError(error) }, 'identity provider unreachable');
      if (silent) {
        await sessions.save(reply, current);
        return reply.redirect(returnTo, 303);
      }
      return replies.errorPage(reply, current, 502, 'Không kết nối được máy chủ định danh', 'Vui lòng thử lại sau ít phút. (The sign-in service is unavailable; please try again later.)');
    }
    const now = Date.now();
    const kept = Object.entries(current.session.pending ?? {})
      .filter(([, pending]) => now - pending.createdAt < PENDING_MAX_AGE_MS)
      .slice(-(PENDING_MAX - 1));
    current.session.pending = Object.fromEntries([...kept, [start.state, start.pending]]);
    await sessions.save(reply, current);
    return reply.redirect(start.url.href, 303);
  });

  // The redirect URI registered in the realm decides where the callback is served (behind a proxy, too).
  const callbackPath = services.options.redirectUri ? new URL(services.options.redirectUri).pathname : '/auth/callback';
  app.get(callbackPath, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const state = typeof query['state'] === 'string' ? query['state'] : undefined;
    const current = await sessions.load(request);
    const pending = state ? current?.session.pending?.[state] : undefined;
    if (!current || !state || !pending) {
      request.log.info({ hasState: state !== undefined, hasSession: current !== undefined }, 'callback without a matching sign-in');
      return replies.errorPage(
        reply,
        current,
        400,
        'Yêu cầu đăng nhập không hợp lệ',
        'Phiên đăng nhập không khớp hoặc đã hết hạn. Vui lòng đăng nhập lại. (Invalid or expired sign-in request: the state does not match.)',
        'invalid_state',
      );
    }
    delete current.session.pending?.[state];

    let user: SignedInUser;
    try {
      // The response as the realm sent it: the registered redirect URI with this request's query.
      const callbackUrl = new URL(services.redirectUri());
      callbackUrl.search = new URL(request.url, 'http://portal.invalid').search;
      user = await services.relyingParty().finishAuthorization(callbackUrl, state, pending);
    } catch (error) {
      if (error instanceof AuthorizationDenied) {
        if (pending.silent && SILENT_FAILURES.has(error.error)) {
          // No silent sign-in: the signed-out page, whose button signs in. When the realm knows the
          // person and only wants a click (consent, a choice of account), the page says that one click will do.
          request.log.info({ reason: error.error }, 'silent sign-in declined by the realm');
          if (ONE_CLICK_AWAY.has(error.error)) {
            current.session.flash = {
              kind: 'ok',
              text: 'Bạn đã đăng nhập ở cổng khác của thành phố: nhấn “Đăng nhập” để tiếp tục tại đây. (Signed in at another city portal: one click on “Sign in” continues here.)',
            };
          }
          await sessions.save(reply, current);
          return reply.redirect(pending.returnTo, 303);
        }
        if (error.error === 'unmet_authentication_requirements' || error.error === 'access_denied') {
          current.session.flash = {
            kind: 'error',
            text:
              error.error === 'access_denied'
                ? 'Bạn đã hủy đăng nhập. (Sign-in cancelled.)'
                : 'Tài khoản của bạn chưa được định danh VNeID mức 2 nên chưa xem được thông tin này. (Your account is not verified at VNeID level 2.)',
          };
          await sessions.save(reply, current);
          return reply.redirect('/', 303);
        }
        request.log.warn({ error: error.error }, 'the realm refused the sign-in');
        await sessions.save(reply, current);
        return replies.errorPage(reply, current, 400, 'Đăng nhập không thành công', 'Máy chủ định danh từ chối yêu cầu đăng nhập. (The identity provider refused the sign-in.)', error.error);
      }
      request.log.warn({ err: describeError(error) }, 'sign-in failed');
      await sessions.save(reply, current);
      return replies.errorPage(reply, current, 502, 'Đăng nhập không thành công', 'Không hoàn tất được đăng nhập. Vui lòng thử lại. (The sign-in could not be completed.)');
    }

    if (current.session.user && current.session.user.sub !== user.sub) {
      request.log.info('a different person signed in: the previous session ends');
    }
    // A new session id at every sign-in (no session fixation); sign-ins in flight in other tabs are dropped.
    await store.destroy(current.id);
    const signedIn = sessions.fresh({ user });
    if (pending.acr && Number(user.acr) < Number(pending.acr)) {
      signedIn.session.flash = { kind: 'error', text: 'Chưa đạt định danh VNeID mức 2. (VNeID level 2 was not reached.)' };
    }
    await sessions.save(reply, signedIn);
    request.log.info({ acr: user.acr, stepUp: pending.acr !== undefined }, 'signed in');
    return reply.redirect(pending.returnTo, 303);
  });

  // Sign-out: this portal's session ends here; the realm then asks the user whether to end every portal's.
  app.post('/auth/logout', async (request, reply) => {
    const current = await sessions.load(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!current?.session.user) return reply.redirect('/', 303);
    if (!sessions.csrfValid(current, body['csrf'])) return replies.csrfRefused(reply, current);
    const user = current.session.user;
    await store.destroy(current.id);
    // Signed out on purpose: no silent single sign-on back in from this browser session.
    const after = sessions.fresh({ silentTried: true });
    await sessions.save(reply, after);
    try {
      const url = await services.relyingParty().endSessionUrl(user.idToken, services.postLogoutRedirectUri());
      return reply.redirect(url.href, 303);
    } catch (error) {
      request.log.warn({ err: describeError(error) }, 'identity provider unreachable at sign-out');
      after.session.flash = { kind: 'ok', text: 'Bạn đã đăng xuất khỏi cổng này. (Signed out of this portal.)' };
      await sessions.save(reply, after);
      return reply.redirect('/', 303);
    }
  });

  // OIDC Back-Channel Logout 1.0: the realm POSTs a signed logout token when a session ends.
  app.post('/auth/backchannel-logout', async (request, reply) => {
    if (
      !String(request.headers['content-type'] ?? '')
        .toLowerCase()
        .startsWith('application/x-www-form-urlencoded')
    ) {
      return reply.code(400).send({ error: 'invalid_request', code: 'LOGOUT_TOKEN_MISSING', error_description: 'expected a form (application/x-www-form-urlencoded) with logout_token' });
    }
    const body = request.body;
    const token = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['logout_token'] : undefined;
    if (typeof token !== 'string' || token === '') {
      return reply.code(400).send({ error: 'invalid_request', code: 'LOGOUT_TOKEN_MISSING', error_description: 'a form field logout_token is required' });
    }
    let keys: RealmKeySet;
    try {
      keys = await services.logoutTokenKeys();
    } catch (error) {
      request.log.warn({ err: describeError(error) }, 'back-channel logout: realm keys unavailable');
      return reply.code(503).send({ error: 'temporarily_unavailable', code: 'IDP_UNAVAILABLE', error_description: 'the realm keys could not be fetched' });
    }
    let whom: { sid?: string; sub?: string };
    try {
      whom = await verifyLogoutToken(token, { issuer: services.options.issuer, allowedClients: [services.options.clientId], algorithms: services.algorithms, clockToleranceSeconds: 5, keys });
    } catch (error) {
      request.log.info({ reason: (error as Error).message }, 'back-channel logout: token refused');
      return reply.code(400).send({ error: 'invalid_request', code: 'INVALID_LOGOUT_TOKEN', error_description: 'the logout token is not valid' });
    }
    const ended = whom.sid ? await store.destroyBySid(whom.sid) : whom.sub ? await store.destroyBySubject(whom.sub) : 0;
    const relayed = await relayToGateway(services.options.gatewayUrl, token);
    request.log.info({ ended, bySid: whom.sid !== undefined, relayed }, 'back-channel logout');
    if (relayed !== 200) request.log.error({ relayed }, 'back-channel logout: the gateway did not accept the logout token; its tokens stay valid until they expire');
    return reply.code(200).send({});
  });
}

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
