// Server-side portal sessions. The browser holds only an opaque random id (in a signed, httpOnly
// cookie); tokens stay here. In memory by default; in Redis when REDIS_URL is set, so several portal
// replicas share sessions and a back-channel logout reaching one replica ends the session on all.
import { createHash, randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../../platform/logger.ts';

/** An authorization request in flight (between /auth/login and /auth/callback), keyed by `state`. */
export interface PendingLogin {
  readonly codeVerifier: string;
  readonly nonce: string;
  /** Local path to return to after sign-in. */
  readonly returnTo: string;
  /** The VNeID level asked for with `acr_values` (step-up), if any. */
  readonly acr?: string;
  /** A `prompt=none` attempt (single sign-on check): failure just means "not signed in". */
  readonly silent: boolean;
  /** Epoch milliseconds. */
  readonly createdAt: number;
}

/** The signed-in citizen. Tokens never leave the server. */
export interface SignedInUser {
  readonly sub: string;
  readonly name?: string;
  readonly username?: string;
  /** VNeID level of the sign-in ("1" or "2"), from the ID token. */
  readonly acr: string;
  /** The realm's session id for this client (`sid`): back-channel logout names it. */
  readonly sid?: string;
  readonly idToken: string;
  readonly accessToken: string;
  /** Epoch milliseconds. */
  readonly accessTokenExpiresAt: number;
  readonly refreshToken?: string;
}

/** What a portal keeps per browser. */
export interface PortalSession {
  pending?: Record<string, PendingLogin>;
  user?: SignedInUser;
  /** A silent single sign-on check was tried: do not try again in this session. */
  silentTried?: boolean;
  /** One-time message for the next page. */
  flash?: { readonly kind: 'ok' | 'error'; readonly text: string };
}

/** Where sessions live. Every method is safe to call with an unknown id. */
export interface SessionStore {
  get(id: string): Promise<PortalSession | undefined>;
  set(id: string, session: PortalSession, ttlSeconds: number): Promise<void>;
  destroy(id: string): Promise<void>;
  /** End every session of one realm session (`sid`); returns how many ended. */
  destroyBySid(sid: string): Promise<number>;
  /** End every session of one person (`sub`), for logout tokens without `sid`; returns how many ended. */
  destroyBySubject(sub: string): Promise<number>;
  close(): Promise<void>;
}

/**
 * The session store did not answer (Redis down or hung): the portal shows a 503 page with code
 * SERVICE_UNAVAILABLE and Retry-After instead of waiting or answering 500.
 */
export class SessionStoreUnavailableError extends Error {
  override readonly name = 'SessionStoreUnavailableError';
  /** Read by the portal's error handler. */
  readonly statusCode = 503;
  readonly code = 'SERVICE_UNAVAILABLE';
  readonly retryAfterSeconds = 5;
}

/** A new opaque session id: 256 random bits. */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** Sessions in this process's memory (one process, development, tests). */
export function createMemorySessionStore(): SessionStore {
  const sessions = new Map<string, { json: string; expiresAt: number; sid?: string; sub?: string }>();
  const bySid = new Map<string, Set<string>>();
  const bySub = new Map<string, Set<string>>();
  let writes = 0;

  const unindex = (id: string) => {
    const entry = sessions.get(id);
    if (entry?.sid) removeFromIndex(bySid, entry.sid, id);
    if (entry?.sub) removeFromIndex(bySub, entry.sub, id);
  };
  const destroyAll = (ids: Iterable<string> | undefined) => {
    let count = 0;
    for (const id of [...(ids ?? [])]) {
      if (sessions.has(id)) count++;
      unindex(id);
      sessions.delete(id);
    }
    return count;
  };
  const sweep = () => {
    const now = Date.now();
    for (const [id, entry] of sessions) {
      if (entry.expiresAt <= now) {
        unindex(id);
        sessions.delete(id);
      }
    }
  };

  return {
    async get(id) {
      const entry = sessions.get(id);
      if (!entry) return undefined;
      if (entry.expiresAt <= Date.now()) {
        unindex(id);
        sessions.delete(id);
        return undefined;
      }
      // A copy, as from Redis: callers change it and set it back.
      return JSON.parse(entry.json) as PortalSession;
    },
    async set(id, session, ttlSeconds) {
      unindex(id);
      const sid = session.user?.sid;
      const sub = session.user?.sub;
      sessions.set(id, { json: JSON.stringify(session), expiresAt: Date.now() + ttlSeconds * 1000, ...(sid ? { sid } : {}), ...(sub ? { sub } : {}) });
      if (sid) addToIndex(bySid, sid, id);
      if (sub) addToIndex(bySub, sub, id);
      if (++writes % 1000 === 0) sweep();
    },
    async destroy(id) {
      unindex(id);
      sessions.delete(id);
    },
    async destroyBySid(sid) {
      return destroyAll(bySid.get(sid));
    },
    async destroyBySubject(sub) {
      return destroyAll(bySub.get(sub));
    },
    async close() {
      sessions.clear();
      bySid.clear();
      bySub.clear();
    },
  };
}

/**
 * The session store of one OIDC client as a process runs it (a portal, the workspace): in Redis under
 * `lien-thong:portal:<clientId>:` when `redisUrl` is set, its connection problems logged as warnings; in memory otherwise.
 */
export function createSessionStoreFor(config: { readonly redisUrl: string | undefined; readonly clientId: string }, logger: Logger): SessionStore {
  if (!config.redisUrl) return createMemorySessionStore();
  return createRedisSessionStore(config.redisUrl, `lien-thong:portal:${config.clientId}:`, {
    onError: (error) => logger.warn({ err: error }, 'redis (sessions) connection problem'),
  });
}

/**
 * Sessions in Redis under `<prefix>`: `session:<sha256(id)>` (JSON, expiring), plus sets
 * `sid:<sid>` and `sub:<sub>` of session keys for back-channel logout. The raw session id is never
 * stored, so a Redis dump cannot be replayed as cookies.
 */
export function createRedisSessionStore(redisUrl: string, prefix: string, options: { redis?: Redis; onError?: (error: Error) => void } = {}): SessionStore {
  // Every command answers (or fails) within a second: a down or hung Redis never holds a page.
  const redis = options.redis ?? new Redis(redisUrl, { maxRetriesPerRequest: 1, commandTimeout: 1_000, connectTimeout: 2_000 });
  // Connection errors reach the caller of each command; this only keeps them out of stderr (and logs them).
  redis.on('error', options.onError ?? (() => {}));
  const sessionKey = (id: string) => `${prefix}session:${createHash('sha256').update(id).digest('base64url')}`;
  const sidKey = (sid: string) => `${prefix}sid:${sid}`;
  const subKey = (sub: string) => `${prefix}sub:${sub}`;

  const destroyIndexed = async (indexKey: string): Promise<number> => {
    const keys = await redis.smembers(indexKey);
    if (keys.length === 0) return 0;
    const removed = await redis.del(...keys);
    await redis.del(indexKey);
    return removed;
  };

  return {
    async get(id) {
      const json = await unavailableOnError(redis.get(sessionKey(id)));
      return json ? (JSON.parse(json) as PortalSession) : undefined;
    },
    async set(id, session, ttlSeconds) {
      const key = sessionKey(id);
      const multi = redis.multi().set(key, JSON.stringify(session), 'EX', ttlSeconds);
      // Signed-in sessions are always written with the same TTL, so the latest write also has the latest
      // expiry: the index lives as long as its longest session. Stale members are harmless (DEL of a missing key).
      if (session.user?.sid) multi.sadd(sidKey(session.user.sid), key).expire(sidKey(session.user.sid), ttlSeconds);
      if (session.user?.sub) multi.sadd(subKey(session.user.sub), key).expire(subKey(session.user.sub), ttlSeconds);
      const results = await unavailableOnError(multi.exec());
      const failed = results?.find(([error]) => error);
      if (failed?.[0]) throw failed[0];
    },
    async destroy(id) {
      await unavailableOnError(redis.del(sessionKey(id)));
    },
    destroyBySid: (sid) => unavailableOnError(destroyIndexed(sidKey(sid))),
    destroyBySubject: (sub) => unavailableOnError(destroyIndexed(subKey(sub))),
    async close() {
      if (!options.redis) await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** A Redis failure (connection, timeout) as SessionStoreUnavailableError; reply errors stay as they are. */
async function unavailableOnError<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof Error && error.name === 'ReplyError') throw error;
    throw new SessionStoreUnavailableError(`the session store is unavailable: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function addToIndex(index: Map<string, Set<string>>, key: string, id: string): void {
  const ids = index.get(key) ?? new Set<string>();
  ids.add(id);
  index.set(key, ids);
}

function removeFromIndex(index: Map<string, Set<string>>, key: string, id: string): void {
  const ids = index.get(key);
  if (!ids) return;
  ids.delete(id);
  if (ids.size === 0) index.delete(key);
}
