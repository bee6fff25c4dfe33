// Inbound request deduplication: identical queries from the same viewer that arrive while one is
// running share its result (and its serialized body) instead of running again. Keys always include
// the viewer, so one viewer's private data is never handed to another.

/** Run `work` once per key at a time; callers with the same key while it runs get the same promise (and `onShared` is told). */
export function createInflight<T>(onShared: () => void = () => undefined): (key: string, work: () => Promise<T>) => Promise<T> {
  const running = new Map<string, Promise<T>>();
  return (key, work) => {
    const existing = running.get(key);
    if (existing) {
      onShared();
      return existing;
    }
    const promise = work().finally(() => running.delete(key));
    running.set(key, promise);
    return promise;
  };
}
