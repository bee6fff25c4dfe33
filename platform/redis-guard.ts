// A breaker in front of a Redis client: every call gets a deadline, and once a call fails (connection
// error or timeout) the next ones fail at once, without touching Redis, until a probe succeeds. Each
// caller then applies its stated fallback (local counters, the local revocation copy, a 503), and the
// outage is reported once when it starts and once when it ends, never per request.

/** Redis did not answer (down, hung or known to be down); the caller uses its fallback. */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
}

/** How the guard behaves. */
export interface RedisGuardOptions {
  /** Give up on one call after this long, in ms (the client's commandTimeout should be the same). */
  readonly timeoutMs: number;
  /** While Redis is known down, let one probe call through this often, in ms (default 1 s). */
  readonly probeIntervalMs?: number | undefined;
  /** Told once when an outage starts (for one warning per outage). */
  readonly onDown?: ((error: unknown) => void) | undefined;
  /** Told once when Redis answers again. */
  readonly onUp?: (() => void) | undefined;
}

/** One guard per Redis client, shared by everything that uses that client. */
export interface RedisGuard {
  /** Run `call` unless Redis is known down; rejects with RedisUnavailableError on failure or timeout. */
  run<T>(call: () => Promise<T>): Promise<T>;
  /** Whether the last call (or connection event) found Redis answering. */
  readonly up: boolean;
  /** When Redis last answered (epoch ms; 0: never). */
  readonly lastSuccessAt: number;
  /** The client (re)connected: let the next call through at once. */
  noteReady(): void;
  /** Call `listener` each time an outage ends (e.g. to write what was kept meanwhile). */
  onRecovered(listener: () => void): void;
}

/** Reply errors that mean "this server cannot serve now", not "this command is wrong". */
const UNAVAILABLE_REPLY = /^(LOADING|BUSY|MASTERDOWN|READONLY|CLUSTERDOWN|TRYAGAIN)\b/;

/** Create a guard (see the file comment). */
export function createRedisGuard(options: RedisGuardOptions): RedisGuard {
  const probeIntervalMs = options.probeIntervalMs ?? 1_000;
  const recovered: (() => void)[] = [];
  let up = true;
  let lastSuccessAt = 0;
  let nextProbeAt = 0;
  let probeInFlight = false;

  const succeeded = () => {
    lastSuccessAt = Date.now();
    if (up) return;
    up = true;
    options.onUp?.();
    for (const listener of recovered) listener();
  };
  const failed = (error: unknown) => {
    nextProbeAt = Date.now() + probeIntervalMs;
    if (!up) return;
    up = false;
    options.onDown?.(error);
  };

  return {
    async run(call) {
      let probing = false;
      if (!up) {
        if (probeInFlight || Date.now() < nextProbeAt) throw new RedisUnavailableError('Redis is unavailable');
        probing = probeInFlight = true;
      }
      let timer: NodeJS.Timeout | undefined;
      try {
        const pending = call();
        const result = await Promise.race([
          pending,
          new Promise<never>((_resolve, reject) => {
            timer = setTimeout(() => reject(new RedisUnavailableError(`Redis did not answer within ${options.timeoutMs} ms`)), options.timeoutMs);
          }),
        ]);
        succeeded();
        return result;
      } catch (error) {
        // A reply error comes from a live server: the command was wrong, not the connection.
        const reply = error instanceof Error && error.name === 'ReplyError' && !UNAVAILABLE_REPLY.test(error.message);
        if (reply) {
          succeeded();
          throw error;
        }
        failed(error);
        throw error instanceof RedisUnavailableError ? error : new RedisUnavailableError(`Redis is unavailable: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        clearTimeout(timer);
        if (probing) probeInFlight = false;
      }
    },
    get up() {
      return up;
    },
    get lastSuccessAt() {
      return lastSuccessAt;
    },
    noteReady() {
      nextProbeAt = 0;
    },
    onRecovered(listener) {
      recovered.push(listener);
    },
  };
}
