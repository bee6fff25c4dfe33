// A JWKS fetched from one configured URL and kept until that URL says otherwise: the gateway holds the
// realm's keys this way (access-token.ts) and every subgraph the gateway's internal-token keys (internal-keys.ts).
import { createLocalJWKSet, errors } from 'jose';
import type { JSONWebKeySet, JWTVerifyGetKey } from 'jose';

/** How a remote key set is fetched and kept. */
export interface RemoteKeySetOptions {
  /** Least time between two JWKS fetches caused by an unknown `kid`, in ms (default 30 s). */
  readonly cooldownMs?: number | undefined;
  /** Give up on one JWKS request after this long, in ms (default 5 s): unknown keys then fail closed. */
  readonly timeoutMs?: number | undefined;
  /** Refresh the JWKS in the background once it is older than this, in ms (default 10 min). */
  readonly maxAgeMs?: number | undefined;
  /** Told when a fetch fails (for logging); the last good key set stays in use. */
  readonly onFetchError?: ((error: unknown) => void) | undefined;
}

/** The keys as a jose key resolver, plus an explicit refresh (e.g. to warm it at start). */
export type RemoteKeySet = JWTVerifyGetKey & {
  /** Fetch the JWKS now (joins a fetch in flight); rejects when it fails, keeping the last good set. */
  refresh(): Promise<void>;
};

/** Why a key could not be found: no key set yet (every fetch failed so far), or no key with that `kid`. */
export type KeyFailure = 'unavailable' | 'unknown-key';

/** A failed JWKS fetch may be retried after this long (or the cooldown, if shorter). */
const FAILED_FETCH_RETRY_MS = 1_000;

/**
 * Public keys fetched from `jwksUrl` only (never from a URL in a token); `reject` makes the error a
 * token is refused with.
 *
 * jose's createRemoteJWKSet (6.2) keeps its last good set when a refetch fails, but once that set is
 * older than `cacheMaxAge` it refetches before every verification, with no cooldown after failures,
 * and fails it when the fetch fails: with the endpoint down, every token (known key or not) is then
 * refused, after up to `timeoutDuration` each. This resolver keeps the last good set instead, for as
 * long as no successful fetch replaces it: a stale set is refreshed in the background while known keys
 * keep working; an unknown `kid` triggers a fetch at most once per cooldown (failed fetches included,
 * retried after at most 1 s) and otherwise fails at once; a fetch gives up after `timeoutMs`.
 * Concurrent callers share one fetch. A key disappears only when a successful fetch no longer lists it.
 */
export function createRemoteKeySet(jwksUrl: string | URL, options: RemoteKeySetOptions, reject: (failure: KeyFailure) => Error): RemoteKeySet {
  const url = new URL(jwksUrl).href;
  const cooldownMs = options.cooldownMs ?? 30_000;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
  let local: ReturnType<typeof createLocalJWKSet> | undefined;
  let fetchedAt = 0;
  let nextFetchAllowedAt = 0;
  let pending: Promise<void> | undefined;

  const refresh = (): Promise<void> => {
    pending ??= (async () => {
      try {
        const response = await fetch(url, {
          redirect: 'manual',
          signal: AbortSignal.timeout(timeoutMs),
          headers: { accept: 'application/jwk-set+json, application/json' },
        });
        if (response.status !== 200) {
          await response.body?.cancel();
          throw new Error(`the JWKS endpoint answered HTTP ${response.status}`);
        }
        local = createLocalJWKSet((await response.json()) as JSONWebKeySet);
        fetchedAt = Date.now();
        nextFetchAllowedAt = fetchedAt + cooldownMs;
      } catch (error) {
        nextFetchAllowedAt = Date.now() + Math.min(cooldownMs, FAILED_FETCH_RETRY_MS);
        options.onFetchError?.(error);
        throw error;
      } finally {
        pending = undefined;
      }
    })();
    return pending;
  };

  const fetchOrFail = async (): Promise<void> => {
    try {
      await (pending ?? refresh());
    } catch {
      throw reject('unavailable');
    }
  };

  const getKey: JWTVerifyGetKey = async (header, token) => {
    const now = Date.now();
    if (local === undefined) {
      if (pending === undefined && now < nextFetchAllowedAt) throw reject('unavailable');
      await fetchOrFail();
    } else if (pending === undefined && now - fetchedAt > maxAgeMs && now >= nextFetchAllowedAt) {
      refresh().catch(() => {}); // in the background: the current set serves meanwhile
    }
    try {
      return await local!(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
      // Maybe a rotation: refetch, unless one happened within the cooldown (kid spraying costs nothing).
      if (pending === undefined && Date.now() < nextFetchAllowedAt) throw reject('unknown-key');
      await fetchOrFail();
      try {
        return await local!(header, token);
      } catch (again) {
        if (again instanceof errors.JWKSNoMatchingKey) throw reject('unknown-key');
        throw again;
      }
    }
  };
  return Object.defineProperty(getKey, 'refresh', { value: refresh, enumerable: true }) as RemoteKeySet;
}
