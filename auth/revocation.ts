// Sessions ended by back-channel logout. The gateway refuses every access token whose `sid` is here,
// even a token it verified (and cached) before the logout. In memory for one process; in Redis when
// several gateway replicas must share it.
import { createRequire } from 'node:module';
import type { Redis } from 'ioredis';

/** The revoked-session set. */
export interface RevokedSessions {
  /**
   * Revoke session `sid` until `until` (epoch ms). Keep it at least until the longest-lived token of
   * that session could expire (now + the verifier's maxLifetimeSeconds + clock tolerance); after
   * that its tokens are refused for their expiry anyway and the entry can go.
   */
  revoke(sid: string, until: number): Promise<void>;
  /** Whether `sid` is revoked now. */
  isRevoked(sid: string): Promise<boolean>;
  /** Release connections and timers. */
  close(): Promise<void>;
}

/** Sweep expired entries at most this often (only when something is revoked). */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * In-process set: a Map from sid to its expiry. `isRevoked` is one Map lookup (O(1)); expired
 * entries are dropped when looked up and swept periodically on revoke, so the map holds at most the
 * sessions revoked within the longest token lifetime.
 */
export function createMemoryRevokedSessions(): RevokedSessions {
  const revoked = new Map<string, number>();
  let lastSweep = Date.now();
  return {
    async revoke(sid, until) {
      const now = Date.now();
      if (until <= now) return;
      revoked.set(sid, Math.max(until, revoked.get(sid) ?? 0));
      if (now - lastSweep >= SWEEP_INTERVAL_MS) {
        lastSweep = now;
        for (const [key, expiresAt] of revoked) if (expiresAt <= now) revoked.delete(key);
      }
    },
    async isRevoked(sid) {
      const until = revoked.get(sid);
      if (until === undefined) return false;
      if (until > Date.now()) return true;
      revoked.delete(sid);
      return false;
    },
    async close() {
      revoked.clear();
    },
  };
}

/**
 * Shared set in Redis: one key per revoked session, `SET <prefix><sid> 1 PXAT <until>`, so Redis
 * expires it by itself. `isRevoked` is one `EXISTS` round trip (auto-pipelined with concurrent
 * requests) unless this replica already knows the sid is revoked: positive answers are remembered
 * in-process until their expiry (a revocation is never undone), negative ones never are (another
 * replica may revoke at any moment).
 *
 * When Redis is unreachable `isRevoked` rejects (with the owned connection, within about 2 s): the
 * gateway then fails the request (closed) rather than accept a token it cannot check.
 */
export function createRedisRevokedSessions(redisUrl: string | Redis, keyPrefix = 'lien-thong:revoked-sid:'): RevokedSessions {
  // Given a URL, the store owns its connection; given a client (e.g. the gateway's shared one), it
  // borrows it and leaves closing it to its owner.
  const owned = typeof redisUrl === 'string';
  const redis = owned
    ? new (loadRedis())(redisUrl, {
        // Fail a command quickly instead of queueing it through long reconnect loops.
        maxRetriesPerRequest: 1,
        commandTimeout: 2_000,
        connectTimeout: 2_000,
        enableAutoPipelining: true,
      })
    : redisUrl;
  // ioredis emits connection errors as events; without a listener Node would crash the process.
  // The failing commands themselves reject, which is what callers see.
  if (owned) redis.on('error', () => {});
  const knownRevoked = new Map<string, number>();
  let lastSweep = Date.now();

  function remember(sid: string, until: number): void {
    const now = Date.now();
    knownRevoked.set(sid, Math.max(until, knownRevoked.get(sid) ?? 0));
    if (now - lastSweep >= SWEEP_INTERVAL_MS) {
      lastSweep = now;
      for (const [key, expiresAt] of knownRevoked) if (expiresAt <= now) knownRevoked.delete(key);
    }
  }

  return {
    async revoke(sid, until) {
      if (until <= Date.now()) return;
      const expiresAt = Math.ceil(until);
      // A later revoke of the same sid with an earlier horizon would shorten it; harmless, since every
      // horizon already outlives the session's tokens.
      await redis.set(keyPrefix + sid, '1', 'PXAT', expiresAt);
      remember(sid, expiresAt);
    },
    async isRevoked(sid) {
      const known = knownRevoked.get(sid);
      if (known !== undefined) {
        if (known > Date.now()) return true;
        knownRevoked.delete(sid);
      }
      const key = keyPrefix + sid;
      const exists = await redis.exists(key);
      if (exists === 0) return false;
      // Remember it until Redis would expire it (PEXPIRETIME needs Redis 7; without it, a short while).
      const expiresAt = await redis.pexpiretime(key).catch(() => -1);
      remember(sid, expiresAt > 0 ? expiresAt : Date.now() + 60_000);
      return true;
    },
    async close() {
      knownRevoked.clear();
      if (!owned) return;
      // QUIT only over a live connection; otherwise (reconnecting) disconnect, which also stops retrying.
      if (redis.status === 'ready') await redis.quit().catch(() => {});
      redis.disconnect();
    },
  };
}

/**
 * ioredis, loaded on first use: a process without REDIS_URL never pays for it (several MB of the
 * gateway's resident memory). It is CommonJS, so it loads synchronously.
 */
export function loadRedis(): typeof Redis {
  return (createRequire(import.meta.url)('ioredis') as { Redis: typeof Redis }).Redis;
}
