// The session plugin of a portal: the signed session cookie, the server-side session store, CSRF tokens,
// the one-time message, refreshing the access token near expiry (one refresh per session at a time:
// refresh tokens rotate) and ending the session when the realm or the gateway refuses its tokens.
// Registered once per portal; the route modules reach it as `app.portalSession`.
import { createHmac, timingSafeEqual } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findError } from './gateway-client.ts';
import type { GatewayResult } from './gateway-client.ts';
import { RefreshRefused } from './relying-party.ts';
import { describeError } from './services.ts';
import type { SiteServices } from './services.ts';
import { newSessionId } from './session-store.ts';
import type { PortalSession, SessionStore, SignedInUser } from './session-store.ts';

/** A signed-in session lives as long as the realm's SSO session (10 h, sliding on use). */
const SESSION_TTL_SECONDS = 10 * 60 * 60;
/** A session that only carries a sign-in in flight. */
const PENDING_TTL_SECONDS = 30 * 60;
/** Refresh the access token when it has less than this left. */
const REFRESH_MARGIN_MS = 30_000;

/** A session loaded for a request: its id (from the cookie) and data. */
export interface LoadedSession {
  id: string;
  session: PortalSession;
  /** Whether the cookie must be (re)sent. */
  isNew: boolean;
}

/** What the session plugin gives the routes. */
export interface PortalSessions {
  /** The store itself (sign-in, sign-out and back-channel logout end sessions there). */
  readonly store: SessionStore;
  /** The session named by the request's cookie, if the cookie is genuine and the session still exists. */
  load(request: FastifyRequest): Promise<LoadedSession | undefined>;
  /** The request's session, or a new empty one (not stored until saved). */
  loadOrCreate(request: FastifyRequest): Promise<LoadedSession>;
  /** A new session holding `session`, under a new id (its cookie is sent when it is saved). */
  fresh(session: PortalSession): LoadedSession;
  /** Store the session (signed in: 10 h; otherwise 30 min) and send its cookie if it is new. */
  save(reply: FastifyReply, current: LoadedSession): Promise<void>;
  /** The CSRF token of the forms of a session. */
  csrfToken(sessionId: string): string;
  /** Whether a form post carries this session's CSRF token. */
  csrfValid(current: LoadedSession | undefined, given: unknown): boolean;
  /** Read and clear the one-time message. */
  takeFlash(reply: FastifyReply, current: LoadedSession | undefined): Promise<PortalSession['flash']>;
  /** The signed-in citizen's access token, refreshed near expiry; undefined when the session has ended. Never for a page. */
  accessToken(reply: FastifyReply, current: LoadedSession): Promise<string | undefined>;
  /** Ask the gateway as the signed-in citizen; undefined when the session has ended (tokens refused). */
  askGateway<Data>(reply: FastifyReply, current: LoadedSession, query: string, variables?: Record<string, unknown>): Promise<GatewayResult<Data> | undefined>;
  /** The session has ended: a fresh session with a message, and back to the home page. */
  ended(reply: FastifyReply): Promise<FastifyReply>;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The portal's sessions (see web/portal/session.ts). */
    portalSession: PortalSessions;
  }
}

/** The session plugin's options: the portal's services (the store and secret are in its options). */
export interface PortalSessionOptions {
  readonly services: SiteServices;
}

async function registerPortalSession(app: FastifyInstance, { services }: PortalSessionOptions): Promise<void> {
  const { options } = services;
  const store = options.sessions;
  await app.register(fastifyCookie, { secret: options.sessionSecret });
  // Browsers share cookies across the ports of one host: one name per portal.
  const cookieName = `${options.production ? '__Host-' : ''}lt_session_${options.clientId.replace(/[^A-Za-z0-9_-]/g, '_')}`;

  const readSessionId = (request: FastifyRequest): string | undefined => {
    const raw = request.cookies[cookieName];
    if (!raw) return undefined;
    const unsigned = request.unsignCookie(raw);
    return unsigned.valid && unsigned.value ? unsigned.value : undefined;
  };
  const load = async (request: FastifyRequest): Promise<LoadedSession | undefined> => {
    const id = readSessionId(request);
    if (!id) return undefined;
    const session = await store.get(id);
    return session ? { id, session, isNew: false } : undefined;
  };
  const fresh = (session: PortalSession): LoadedSession => ({ id: newSessionId(), session, isNew: true });
  const save = async (reply: FastifyReply, current: LoadedSession): Promise<void> => {
    await store.set(current.id, current.session, current.session.user ? SESSION_TTL_SECONDS : PENDING_TTL_SECONDS);
    if (current.isNew) {
      reply.setCookie(cookieName, current.id, { signed: true, httpOnly: true, sameSite: 'lax', secure: options.production, path: '/' });
      current.isNew = false;
    }
  };
  const csrfToken = (sessionId: string): string => createHmac('sha256', options.sessionSecret).update(`csrf:${options.clientId}:${sessionId}`).digest('base64url');

  // Tokens: refresh near expiry, one refresh at a time per session (refresh tokens rotate).
  const refreshing = new Map<string, Promise<SignedInUser | undefined>>();
  const freshUser = async (reply: FastifyReply, current: LoadedSession): Promise<SignedInUser | undefined> => {
    const user = current.session.user;
    if (!user) return undefined;
    if (user.accessTokenExpiresAt - Date.now() > REFRESH_MARGIN_MS) return user;
    let flight = refreshing.get(current.id);
    if (!flight) {
      flight = (async () => {
        try {
          const refreshed = await services.relyingParty().refresh(user);
          current.session.user = refreshed;
          await save(reply, current);
          return refreshed;
        } catch (error) {
          if (!(error instanceof RefreshRefused)) {
            // The realm is unreachable: keep the session and use the token while it lasts (the gateway decides).
            reply.log.warn({ err: describeError(error) }, 'refresh failed; trying again on the next request');
            return user;
          }
          reply.log.info({ reason: error.message }, 'refresh refused: the session has ended');
          await store.destroy(current.id);
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

  const sessions: PortalSessions = {
    store,
    load,
    loadOrCreate: async (request) => (await load(request)) ?? fresh({}),
    fresh,
    save,
    csrfToken,
    csrfValid(current, given) {
      if (!current || typeof given !== 'string' || given === '') return false;
      const expected = Buffer.from(csrfToken(current.id));
      const actual = Buffer.from(given);
      return actual.length === expected.length && timingSafeEqual(actual, expected);
    },
    async takeFlash(reply, current) {
      const flash = current?.session.flash;
      if (current && flash) {
        delete current.session.flash;
        await save(reply, current);
      }
      return flash;
    },
    accessToken: async (reply, current) => (await freshUser(reply, current))?.accessToken,
    async askGateway<Data>(reply: FastifyReply, current: LoadedSession, query: string, variables?: Record<string, unknown>) {
      const user = await freshUser(reply, current);
      if (!user) return undefined;
      // The browser's address, for the gateway's per-address limits (believed only if TRUST_PROXY lists the portal).
      const result = await services.gateway<Data>(query, { token: user.accessToken, clientAddress: reply.request.ip, requestId: String(reply.request.id), ...(variables ? { variables } : {}) });
      if (findError(result, 'UNAUTHENTICATED') && (result.status === 401 || result.data == null)) {
        // The token itself was refused (revoked by back-channel logout, expired, …): the session is over.
        // A field error such as STEP_UP_REQUIRED is not this: the page handles it.
        await store.destroy(current.id);
        delete current.session.user;
        return undefined;
      }
      return result;
    },
    async ended(reply) {
      const next = fresh({ silentTried: true, flash: { kind: 'error', text: 'Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại. (Your session has ended.)' } });
      await save(reply, next);
      return reply.redirect('/', 303);
    },
  };
  app.decorate('portalSession', sessions);
}

/**
 * The session plugin. Marked skip-override (what fastify-plugin does; it is not one of our dependencies)
 * so that the decorator, the cookie parser and its hooks belong to the portal's root instance.
 */
export const portalSession = Object.assign(registerPortalSession, {
  [Symbol.for('skip-override')]: true,
  [Symbol.for('fastify.display-name')]: 'portal-session',
});
