// Inbound request deduplication: identical queries from the same viewer that arrive while one is
// running share its result (and its serialized body) instead of running again. Keys always include
// the viewer, so one viewer's private data is never handed to another.

type Level<T> = Map<string, Level<T> | Promise<T>>;

/**
 * Run `work` once per key at a time; callers with the same key while it runs get the same promise (and
 * `onShared` is told). A key is a list of parts (viewer, operation, variables, text) kept as nested maps:
 * each part is hashed on its own, and a part reused from the request (the operation text) brings the hash
 * V8 already keeps on it, where one joined key would be copied and hashed whole for every request.
 */
export function createInflight<T>(onShared: () => void = () => undefined): (key: readonly string[], work: () => Promise<T>) => Promise<T> {
  const root: Level<T> = new Map();
  return (key, work) => {
    const levels: Level<T>[] = [root];
    for (let i = 0; i < key.length - 1; i++) {
      const level = levels[i]!;
      let next = level.get(key[i]!) as Level<T> | undefined;
      if (!next) {
        next = new Map();
        level.set(key[i]!, next);
      }
      levels.push(next);
    }
    const leaf = levels[levels.length - 1]!;
    const last = key[key.length - 1]!;
    const existing = leaf.get(last) as Promise<T> | undefined;
    if (existing) {
      onShared();
      return existing;
    }
    const promise = work().finally(() => {
      leaf.delete(last);
      // Empty levels go too, deepest first, so the maps hold only what is in flight.
      for (let i = levels.length - 1; i > 0 && levels[i]!.size === 0; i--) levels[i - 1]!.delete(key[i - 1]!);
    });
    leaf.set(last, promise);
    return promise;
  };
}
