// The gateway's internal-token keys as a subgraph holds them: the last good JWKS is kept until a
// successful fetch of the gateway's /.well-known/jwks.json no longer lists a key, so a key-endpoint
// outage never refuses a known key (createRemoteKeySet, shared with the realm's keys at the gateway).
import { createRemoteKeySet } from './remote-key-set.ts';
import type { RemoteKeySet, RemoteKeySetOptions } from './remote-key-set.ts';

/** How a subgraph fetches and keeps the gateway's keys. */
export interface InternalKeySetOptions extends RemoteKeySetOptions {
  /** Ends the start-up retries (the subgraph aborts it when it closes). */
  readonly signal?: AbortSignal | undefined;
  /** Delay before the first start-up retry, doubling up to retryMaxMs, in ms (defaults 1 s and 30 s). */
  readonly retryBaseMs?: number | undefined;
  readonly retryMaxMs?: number | undefined;
}

/**
 * The gateway's public keys from `jwksUrl`. Defaults: refetched in the background once a minute (the
 * gateway serves them with max-age=60, so a key it drops stops working within about a minute), and on
 * an unknown `kid` at most every 5 s (a rotation is picked up at once). Until the first fetch succeeds
 * there is nothing to verify with and tokens are refused; the fetch is retried from creation on, with
 * backoff, until it succeeds or `signal` aborts — the gateway usually starts after its subgraphs.
 */
export function createInternalKeySet(jwksUrl: string | URL, options: InternalKeySetOptions = {}): RemoteKeySet {
  const keys = createRemoteKeySet(
    jwksUrl,
    { cooldownMs: 5_000, maxAgeMs: 60_000, ...options },
    (failure) => new Error(failure === 'unavailable' ? "the gateway's signing keys are unavailable" : 'the internal token signing key is not known'),
  );
  void fetchUntilFirstSuccess(keys, options);
  return keys;
}

async function fetchUntilFirstSuccess(keys: RemoteKeySet, options: InternalKeySetOptions): Promise<void> {
  const base = options.retryBaseMs ?? 1_000;
  const max = options.retryMaxMs ?? 30_000;
  for (let attempt = 0; options.signal?.aborted !== true; attempt += 1) {
    try {
      await keys.refresh();
      return;
    } catch {
      // Reported through onFetchError; wait and try again.
    }
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.min(max, base * 2 ** attempt));
      timer.unref();
      options.signal?.addEventListener('abort', done, { once: true });
    });
  }
}
