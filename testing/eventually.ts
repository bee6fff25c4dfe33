// Waiting for what another process does in its own time (a replica following the registry, an event crossing
// the bus): retry a check until it passes or a deadline passes, then fail with the check's own error.

/** Retry `check` every 100 ms until it passes; after `timeoutMs`, rethrow its last error. */
export async function eventually(check: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
