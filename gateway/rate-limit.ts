// Fixed-window rate limits per key (a client id, an address): counted in this process by default, or
// in Redis when REDIS_URL is set, so that every gateway replica shares one budget (and in this process
// again while Redis does not answer).
import type { Redis } from 'ioredis';
import type { RedisGuard } from '../platform/redis-guard.ts';

/** A limit: at most `max` requests per `windowSeconds`. */
export interface RateLimit {
  readonly max: number;
  readonly windowSeconds: number;
}

/** The outcome of one hit. */
export interface RateDecision {
  readonly allowed: boolean;
  /** Seconds until the window resets (for Retry-After). */
  readonly retryAfterSeconds: number;
  readonly remaining: number;
}

/** Counts hits per key. */
export interface RateLimiter {
  /** Count `cost` hits (default 1) against `key`'s current window. */
  hit(key: string, limit: RateLimit, now?: number, cost?: number): Promise<RateDecision>;
}

function decide(count: number, limit: RateLimit, windowEndsAt: number, now: number): RateDecision {
  return { allowed: count <= limit.max, remaining: Math.max(0, limit.max - count), retryAfterSeconds: Math.max(1, Math.ceil((windowEndsAt - now) / 1000)) };
}

/** Counters in this process (one gateway replica). */
export function createMemoryRateLimiter(): RateLimiter {
  const windows = new Map<string, { endsAt: number; count: number }>();
  let sweepAt = 0;
  return {
    async hit(key, limit, now = Date.now(), cost = 1) {
      if (now > sweepAt) {
        // Drop finished windows now and then, so keys seen once do not accumulate.
        for (const [candidate, window] of windows) if (window.endsAt <= now) windows.delete(candidate);
        sweepAt = now + 60_000;
      }
      let window = windows.get(key);
      if (!window || window.endsAt <= now) {
        window = { endsAt: now + limit.windowSeconds * 1000, count: 0 };
        windows.set(key, window);
      }
      window.count += cost;
      return decide(window.count, limit, window.endsAt, now);
    },
  };
}

/** Counters in Redis, shared by every replica: INCR on a key per window, expiring with it. */
export function createRedisRateLimiter(redis: Redis, prefix = 'lien-thong:rate:'): RateLimiter {
  return {
    async hit(key, limit, now = Date.now(), cost = 1) {
      const windowMs = limit.windowSeconds * 1000;
      const windowStart = Math.floor(now / windowMs) * windowMs;
      const redisKey = `${prefix}${key}:${windowStart}`;
      const [[, count]] = (await redis
        .multi()
        .incrby(redisKey, cost)
        .pexpire(redisKey, windowMs + 1000)
        .exec()) as [[Error | null, number]];
      return decide(count, limit, windowStart + windowMs, now);
    },
  };
}

/**
 * Redis counters with this process's own counters as the fallback: while the guard finds Redis down
 * or hung (each call bounded by its timeout, then skipped until a probe answers), hits are counted
 * here, so each replica enforces the limit on its own; once Redis answers, the shared counters count
 * again (the local ones are dropped when their window ends).
 */
export function withLocalFallback(shared: RateLimiter, guard: RedisGuard, local: RateLimiter = createMemoryRateLimiter()): RateLimiter {
  return {
    async hit(key, limit, now = Date.now(), cost = 1) {
      try {
        return await guard.run(() => shared.hit(key, limit, now, cost));
      } catch {
        return local.hit(key, limit, now, cost);
      }
    },
  };
}
