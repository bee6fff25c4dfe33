// What back-channel logout ended: sessions (`sid`), subjects ("every token of `sub` issued up to T",
// for logout tokens without a sid) and the logout tokens already used (`jti`, against replay). The
// gateway refuses every access token of an ended session or subject, even one it verified (and cached)
// before the logout. In memory for one process; in Redis when several gateway replicas share it, with a
// local copy that answers when Redis cannot (the policy is in docs/security.md, "Logout and Redis").
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { Redis, RedisOptions } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { createRedisGuard } from '../platform/redis-guard.ts';
import type { RedisGuard } from '../platform/redis-guard.ts';

/** The claims of an access token that revocation looks at. */
export interface RevocationSubject {
  readonly sid?: string | undefined;
  /** Only for tokens that act for a person (service accounts have no sessions to end). */
  readonly sub?: string | undefined;
  /** The token's `iat`, in epoch ms. */
  readonly issuedAt: number;
}

/** Redis cannot answer and the local copy cannot decide: refuse with a retryable error (fail closed). */
export class RevocationUnavailableError extends Error {
  override readonly name = 'RevocationUnavailableError';
  readonly retryAfterSeconds: number;
  constructor(message: string, retryAfterSeconds = 2) {
    super(message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** Whether the shared store answers, for readiness. */
export interface RevocationStatus {
  /** `off`: in memory only; `degraded`: Redis unreachable, the local copy answers. */
  readonly redis: 'off' | 'ok' | 'degraded';
  /** Revocations accepted during an outage and not yet written to Redis. */
  readonly pending: number;
}

/** The revocation store. */
export interface RevokedSessions {
  /**
   * Revoke session `sid` until `until` (epoch ms). Keep it at least until the longest-lived token of
   * that session could expire (now + the verifier's maxLifetimeSeconds + clock tolerance); after
   * that its tokens are refused for their expiry anyway and the entry can go.
   */
  revoke(sid: string, until: number): Promise<void>;
  /** Revoke every token of `sub` issued at or before `issuedUpTo` (epoch ms), until `until` (same rule as sids). */
  revokeSubject(sub: string, issuedUpTo: number, until: number): Promise<void>;
  /** Whether `sid` is revoked now. */
  isRevoked(sid: string): Promise<boolean>;
  /** Whether a token is revoked (by its session or its subject); may reject with RevocationUnavailableError. */
  isTokenRevoked(token: RevocationSubject): Promise<boolean>;
  /** Record logout token `jti` as used until `until` (epoch ms); false when it was already used (a replay). */
  claimLogoutToken(jti: string, until: number): Promise<boolean>;
  /** Forget a claimed `jti` (its logout could not be recorded, so the realm may send it again). */
  releaseLogoutToken(jti: string): Promise<void>;
  /** For readiness: never waits longer than the Redis timeout. */
  status(): Promise<RevocationStatus>;
  /** Release connections and timers. */
  close(): Promise<void>;
}

/** Sweep expired entries at most this often (only when something is added). */
const SWEEP_INTERVAL_MS = 60_000;

/**
 * What this process knows: revoked sids and subjects, used jtis. Every lookup is one Map lookup (O(1));
 * expired entries are dropped when looked up and swept periodically on insert, so the maps hold at
 * most what was revoked within the longest token lifetime.
 */
class LocalRevocations {
  readonly sids = new Map<string, number>();
  readonly subjects = new Map<string, { issuedUpTo: number; until: number }>();
  readonly jtis = new Map<string, number>();
  private lastSweep = Date.now();

  addSid(sid: string, until: number): void {
    this.sids.set(sid, Math.max(until, this.sids.get(sid) ?? 0));
    this.sweepSometimes();
  }

  addSubject(sub: string, issuedUpTo: number, until: number): void {
    const known = this.subjects.get(sub);
    this.subjects.set(sub, { issuedUpTo: Math.max(issuedUpTo, known?.issuedUpTo ?? 0), until: Math.max(until, known?.until ?? 0) });
    this.sweepSometimes();
  }

  /** Whether this process knows the token is revoked (false: not known, which is not "not revoked" for Redis). */
  knowsRevoked(token: RevocationSubject, now = Date.now()): boolean {
    if (token.sid !== undefined) {
      const until = this.sids.get(token.sid);
      if (until !== undefined) {
        if (until > now) return true;
        this.sids.delete(token.sid);
      }
    }
    if (token.sub !== undefined) {
      const subject = this.subjects.get(token.sub);
      if (subject !== undefined) {
        if (subject.until <= now) this.subjects.delete(token.sub);
        else if (token.issuedAt <= subject.issuedUpTo) return true;
      }
    }
    return false;
  }

  /** Record `jti`; false when it is already recorded. */
  claimJti(jti: string, until: number, now = Date.now()): boolean {
    const known = this.jtis.get(jti);
    if (known !== undefined && known > now) return false;
    this.jtis.set(jti, until);
    this.sweepSometimes();
    return true;
  }

  clear(): void {
    this.sids.clear();
    this.subjects.clear();
    this.jtis.clear();
  }

  private sweepSometimes(): void {
    const now = Date.now();
    if (now - this.lastSweep < SWEEP_INTERVAL_MS) return;
    this.lastSweep = now;
    for (const [key, until] of this.sids) if (until <= now) this.sids.delete(key);
    for (const [key, entry] of this.subjects) if (entry.until <= now) this.subjects.delete(key);
    for (const [key, until] of this.jtis) if (until <= now) this.jtis.delete(key);
  }
}

/** The in-process store (one gateway replica). */
export function createMemoryRevokedSessions(): RevokedSessions {
  const local = new LocalRevocations();
  return {
    async revoke(sid, until) {
      if (until > Date.now()) local.addSid(sid, until);
    },
    async revokeSubject(sub, issuedUpTo, until) {
      if (until > Date.now()) local.addSubject(sub, issuedUpTo, until);
    },
    async isRevoked(sid) {
      return local.knowsRevoked({ sid, issuedAt: 0 });
    },
    async isTokenRevoked(token) {
      return local.knowsRevoked(token);
    },
    async claimLogoutToken(jti, until) {
      return local.claimJti(jti, until);
    },
    async releaseLogoutToken(jti) {
      local.jtis.delete(jti);
    },
    async status() {
      return { redis: 'off', pending: 0 };
    },
    async close() {
      local.clear();
    },
  };
}

/** How the Redis store behaves when Redis fails. */
export interface RedisRevocationOptions {
  /** The guard shared with the other users of the client (one of its own otherwise, 1 s timeout). */
  readonly guard?: RedisGuard | undefined;
  /**
   * While Redis is unreachable, a token whose session and subject this replica checked against Redis
   * is accepted for this long after Redis last answered, in seconds (default 600; 0: never); anything
   * else fails closed.
   */
  readonly failOpenSeconds?: number | undefined;
  /** Most revocations kept for Redis during an outage (default 10 000); beyond it a logout is refused (503). */
  readonly maxPending?: number | undefined;
}

/** A write kept for Redis. */
type PendingWrite =
  | { readonly kind: 'sid'; readonly id: string; readonly until: number }
  | { readonly kind: 'sub'; readonly id: string; readonly issuedUpTo: number; readonly until: number }
  | { readonly kind: 'jti'; readonly id: string; readonly until: number };

/** Raise a subject's cutoff and expiry, never lower them (a write kept during an outage may arrive late). */
const REVOKE_SUBJECT_SCRIPT = `
local cutoff = tonumber(ARGV[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
if current > cutoff then cutoff = current end
local ttl = tonumber(ARGV[2])
local left = redis.call('PTTL', KEYS[1])
if left > ttl then ttl = left end
redis.call('SET', KEYS[1], string.format('%.0f', cutoff), 'PX', ttl)
return string.format('%.0f', cutoff)`;

/**
 * Shared store in Redis, one key per entry, expiring by itself:
 * `<base>revoked-sid:<sid>` = 1, `<base>revoked-sub:<sub>` = cutoff (epoch ms), `<base>logout-jti:<sha256>` = 1
 * (`SET … NX`); every revocation is also published on `<base>revocations` so that each replica's local
 * copy learns it at once. A check is one MGET round trip (auto-pipelined with concurrent requests)
 * unless the local copy already knows the token is revoked (a revocation is never undone).
 *
 * When Redis cannot answer (error, or no answer within the guard's timeout): a token the local copy
 * knows revoked is refused; a token whose session and subject this replica checked against Redis is
 * accepted while Redis answered within `failOpenSeconds`; anything else rejects with
 * RevocationUnavailableError. A revocation is applied to the local copy at once and kept, in order, for
 * Redis (bounded queue, written back with backoff once Redis answers); after each outage the replica
 * also writes back everything it knows, so a Redis that restarted empty is refilled.
 */
export function createRedisRevokedSessions(redisUrl: string | Redis, keyPrefix = 'lien-thong:revoked-sid:', options: RedisRevocationOptions = {}): RevokedSessions {
  // Given a URL, the store owns its connection; given a client (e.g. the gateway's shared one), it
  // borrows it and leaves closing it to its owner.
  const owned = typeof redisUrl === 'string';
  const redis = owned ? new (loadRedis())(redisUrl, redisClientOptions(1_000)) : redisUrl;
  // ioredis emits connection errors as events; without a listener Node would crash the process.
  // The failing commands themselves reject, which is what callers see.
  if (owned) redis.on('error', () => {});
  const guard = options.guard ?? createRedisGuard({ timeoutMs: 1_000 });
  const failOpenMs = (options.failOpenSeconds ?? 600) * 1000;
  const maxPending = options.maxPending ?? 10_000;
  const base = keyPrefix.endsWith('revoked-sid:') ? keyPrefix.slice(0, -'revoked-sid:'.length) : keyPrefix;
  const sidKey = (sid: string) => keyPrefix + sid;
  const subKey = (sub: string) => `${base}revoked-sub:${sub}`;
  const jtiKey = (jti: string) => `${base}logout-jti:${createHash('sha256').update(jti).digest('base64url')}`;
  const channel = `${base}revocations`;

  const local = new LocalRevocations();
  // Sessions and subjects this replica has checked against Redis (value: when): "decided" during an outage.
  const checked = new LRUCache<string, number>({ max: 200_000 });
  let pending: PendingWrite[] = [];
  let writeBackAll = false;
  let flushing: Promise<void> | undefined;
  let retryTimer: NodeJS.Timeout | undefined;
  let backoffMs = 250;
  let closed = false;

  // Learn the other replicas' revocations as they happen, so the local copy is current when Redis goes.
  // SUBSCRIBE waits for the connection however long it takes (no timeout, never flushed), and ioredis
  // subscribes again after each reconnect; what was published meanwhile is written back (and published
  // again) by every replica after the outage.
  const subscriber = redis.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, commandTimeout: undefined, lazyConnect: false });
  subscriber.on('error', () => {});
  subscriber.on('message', (_channel: string, message: string) => learn(message));
  void subscriber.subscribe(channel).catch(() => {});

  let firstReady = redis.status === 'ready';
  const onReady = () => {
    guard.noteReady();
    if (!firstReady) firstReady = true;
    else writeBackAll = true;
    scheduleFlush(0);
  };
  redis.on('ready', onReady);
  guard.onRecovered(() => {
    writeBackAll = true;
    scheduleFlush(0);
  });

  function learn(message: string): void {
    try {
      const entry = JSON.parse(message) as Partial<{ kind: string; id: string; issuedUpTo: number; until: number }>;
      if (typeof entry.id !== 'string' || typeof entry.until !== 'number' || entry.until <= Date.now()) return;
      if (entry.kind === 'sid') local.addSid(entry.id, entry.until);
      else if (entry.kind === 'sub' && typeof entry.issuedUpTo === 'number') local.addSubject(entry.id, entry.issuedUpTo, entry.until);
    } catch {
      // Not ours: ignore.
    }
  }

  /** Queue writes (pipelined) for one batch. */
  function addWrite(pipeline: ReturnType<Redis['pipeline']>, entry: PendingWrite): void {
    const now = Date.now();
    if (entry.kind === 'sid') {
      pipeline.set(sidKey(entry.id), '1', 'PXAT', Math.ceil(entry.until));
      pipeline.publish(channel, JSON.stringify(entry));
    } else if (entry.kind === 'sub') {
      pipeline.eval(REVOKE_SUBJECT_SCRIPT, 1, subKey(entry.id), String(Math.floor(entry.issuedUpTo)), String(Math.max(1, Math.ceil(entry.until - now))));
      pipeline.publish(channel, JSON.stringify(entry));
    } else {
      pipeline.set(jtiKey(entry.id), '1', 'PXAT', Math.ceil(entry.until), 'NX');
    }
  }

  /** Write entries to Redis (one round trip); rejects when Redis cannot take them. */
  async function write(entries: readonly PendingWrite[]): Promise<void> {
    const pipeline = redis.pipeline();
    for (const entry of entries) addWrite(pipeline, entry);
    const results = await guard.run(() => pipeline.exec());
    const failed = results?.find(([error]) => error)?.[0];
    if (failed) throw failed;
  }

  function keep(entry: PendingWrite): boolean {
    if (pending.length >= maxPending) return false;
    pending.push(entry);
    scheduleFlush(backoffMs);
    return true;
  }

  function scheduleFlush(delayMs: number): void {
    if (closed) return;
    if (retryTimer !== undefined) {
      if (delayMs > 0) return;
      clearTimeout(retryTimer);
    }
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void flush();
    }, delayMs);
    retryTimer.unref();
  }

  /** Write what was kept during an outage, in order, then (after an outage) everything known. */
  function flush(): Promise<void> {
    flushing ??= (async () => {
      try {
        while (pending.length > 0) {
          const now = Date.now();
          pending = pending.filter((entry) => entry.until > now);
          const batch = pending.slice(0, 200);
          if (batch.length === 0) break;
          await write(batch);
          pending = pending.slice(batch.length);
        }
        if (writeBackAll) {
          const now = Date.now();
          const known: PendingWrite[] = [
            ...[...local.sids].filter(([, until]) => until > now).map(([id, until]): PendingWrite => ({ kind: 'sid', id, until })),
            ...[...local.subjects].filter(([, entry]) => entry.until > now).map(([id, entry]): PendingWrite => ({ kind: 'sub', id, ...entry })),
          ];
          for (let start = 0; start < known.length; start += 200) await write(known.slice(start, start + 200));
          writeBackAll = false;
        }
        backoffMs = 250;
      } catch {
        backoffMs = Math.min(backoffMs * 2, 10_000);
        scheduleFlush(backoffMs);
      }
    })().finally(() => {
      flushing = undefined;
    });
    return flushing;
  }

  /** Remember a revocation read from Redis until Redis would expire it (PEXPIRETIME needs Redis 7). */
  async function expiryOf(key: string): Promise<number> {
    const expiresAt = await guard.run(() => redis.pexpiretime(key)).catch(() => -1);
    return expiresAt > 0 ? expiresAt : Date.now() + 60_000;
  }

  async function revokeEntry(entry: PendingWrite & { kind: 'sid' | 'sub' }): Promise<void> {
    if (entry.until <= Date.now()) return;
    // Applied here first: this replica refuses the tokens at once, whatever Redis does.
    if (entry.kind === 'sid') local.addSid(entry.id, entry.until);
    else local.addSubject(entry.id, entry.issuedUpTo, entry.until);
    // While writes from an outage are still queued, this one joins the queue behind them.
    if (pending.length === 0) {
      try {
        await write([entry]);
        return;
      } catch {
        // Kept below.
      }
    }
    if (!keep(entry)) throw new RevocationUnavailableError('the logout could not be recorded: Redis is unavailable and the queue of logouts kept for it is full');
  }

  async function isTokenRevoked(token: RevocationSubject): Promise<boolean> {
    if (local.knowsRevoked(token)) return true;
    const keys = [...(token.sid !== undefined ? [sidKey(token.sid)] : []), ...(token.sub !== undefined ? [subKey(token.sub)] : [])];
    if (keys.length === 0) return false;
    let values: (string | null)[];
    try {
      values = await guard.run(() => redis.mget(...keys));
    } catch {
      return decideLocally(token);
    }
    const now = Date.now();
    let index = 0;
    let revoked = false;
    if (token.sid !== undefined) {
      const key = keys[index++]!;
      if (values[0] !== null && values[0] !== undefined) {
        local.addSid(token.sid, await expiryOf(key));
        revoked = true;
      } else checked.set(`sid:${token.sid}`, now);
    }
    if (token.sub !== undefined) {
      const key = keys[index]!;
      const cutoff = Number(values[index] ?? Number.NaN);
      if (Number.isFinite(cutoff)) {
        // Ask for the expiry only for a cutoff not known yet (a new login after a logout checks often).
        const known = local.subjects.get(token.sub);
        if (known === undefined || known.issuedUpTo < cutoff) local.addSubject(token.sub, cutoff, await expiryOf(key));
        if (token.issuedAt <= cutoff) revoked = true;
      }
      // A cutoff before this token still leaves the subject decided: later cutoffs reach us by pub/sub.
      if (!revoked) checked.set(`sub:${token.sub}`, now);
    }
    return revoked;
  }

  return {
    revoke: (sid, until) => revokeEntry({ kind: 'sid', id: sid, until }),
    revokeSubject: (sub, issuedUpTo, until) => revokeEntry({ kind: 'sub', id: sub, issuedUpTo, until }),
    isRevoked: (sid) => isTokenRevoked({ sid, issuedAt: 0 }),
    isTokenRevoked,
    async claimLogoutToken(jti, until) {
      if (!local.claimJti(jti, until)) return false;
      try {
        const answer = await guard.run(() => redis.set(jtiKey(jti), '1', 'PXAT', Math.ceil(until), 'NX'));
        return answer === 'OK';
      } catch {
        // Outage: replays are caught by this replica only until Redis returns (stated in docs/security.md).
        keep({ kind: 'jti', id: jti, until });
        return true;
      }
    },
    async releaseLogoutToken(jti) {
      local.jtis.delete(jti);
      pending = pending.filter((entry) => !(entry.kind === 'jti' && entry.id === jti));
      await guard.run(() => redis.del(jtiKey(jti))).catch(() => undefined);
    },
    async status() {
      const answering = await guard
        .run(() => redis.ping())
        .then(
          () => true,
          () => false,
        );
      return { redis: answering ? 'ok' : 'degraded', pending: pending.length };
    },
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      redis.off('ready', onReady);
      subscriber.disconnect();
      local.clear();
      checked.clear();
      if (!owned) return;
      // QUIT only over a live connection; otherwise (reconnecting) disconnect, which also stops retrying.
      if (redis.status === 'ready') await redis.quit().catch(() => {});
      redis.disconnect();
    },
  };

  /** Redis cannot answer: decide from what this replica knows, or fail closed. */
  function decideLocally(token: RevocationSubject): boolean {
    const now = Date.now();
    const decided =
      (token.sid === undefined || checked.has(`sid:${token.sid}`)) &&
      (token.sub === undefined || checked.has(`sub:${token.sub}`)) &&
      guard.lastSuccessAt > 0 &&
      now - guard.lastSuccessAt <= failOpenMs;
    if (decided) return false;
    throw new RevocationUnavailableError('the session of this access token cannot be checked now: the revocation store is unavailable');
  }
}

/**
 * ioredis options for a client with short deadlines: a command fails within `commandTimeoutMs`
 * instead of waiting through reconnect loops. The offline queue stays on so that commands sent while
 * the first connection is being made wait for it; it is bounded because every command times out and
 * a RedisGuard sends nothing but one probe per second while Redis is known down.
 */
export function redisClientOptions(commandTimeoutMs: number): RedisOptions {
  return {
    commandTimeout: commandTimeoutMs,
    connectTimeout: Math.max(1_000, commandTimeoutMs * 2),
    maxRetriesPerRequest: 0,
    enableOfflineQueue: true,
    enableAutoPipelining: true,
    // Reconnect quickly after an outage: the revocations kept meanwhile are written on reconnect.
    retryStrategy: (times: number) => Math.min(times * 100, 1_000),
  };
}

/**
 * ioredis, loaded on first use: a process without REDIS_URL never pays for it (several MB of the
 * gateway's resident memory). It is CommonJS, so it loads synchronously.
 */
export function loadRedis(): typeof Redis {
  return (createRequire(import.meta.url)('ioredis') as { Redis: typeof Redis }).Redis;
}
