// A push-to-pull queue: producers push results, one consumer pulls them as an async iterator. Unlike an
// async generator, `return()` ends it at once even while the consumer waits (an unsubscribe must not
// wait for the next event), and runs the cleanup that releases what feeds it.

/** An async iterator fed by push(). */
export interface Channel<T> extends AsyncIterableIterator<T> {
  push(value: T): void;
  /** No more values: the consumer gets what is queued, then the end. */
  end(): void;
  readonly ended: boolean;
}

/** A channel; `cleanup` runs once when it ends (either side), `limit` bounds the queue (oldest dropped). */
export function createChannel<T>(cleanup: () => void, limit = 256): Channel<T> {
  const queue: T[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  const finish = () => {
    if (ended) return;
    ended = true;
    cleanup();
    wake?.();
  };
  const channel: Channel<T> = {
    get ended() {
      return ended;
    },
    push(value) {
      if (ended) return;
      if (queue.length >= limit) queue.shift();
      queue.push(value);
      wake?.();
    },
    end: finish,
    async next() {
      for (;;) {
        if (queue.length > 0) return { done: false, value: queue.shift() as T };
        if (ended) return { done: true, value: undefined };
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
      }
    },
    async return() {
      queue.length = 0;
      finish();
      return { done: true, value: undefined };
    },
    async throw(error: unknown) {
      queue.length = 0;
      finish();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return channel;
    },
  };
  return channel;
}
