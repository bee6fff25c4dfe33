// Every PostgreSQL advisory lock key the hub takes, in one place. Advisory locks are per database, and
// one key shared by two purposes makes unrelated work wait: the outbox relay once took the statistics
// key, so while it published a batch every intake in the feedback database waited for it.
// test/integration/feedback-intake-batch.test.ts checks they stay distinct and that the statistics key is the one the
// migrations' SQL uses.

/** Migrations: one replica applies them at a time (session lock, every subgraph's database). */
export const MIGRATION_LOCK_KEY = 72707369;

/** Statistics rollup: triggers read the watermark under it shared, the roll-forward takes it exclusive (feedback_stats_lock_key() in SQL). */
export const FEEDBACK_STATS_LOCK_KEY = 72707370;

/** Outbox relay: one relay drains a database at a time (transaction lock). */
export const OUTBOX_RELAY_LOCK_KEY = 72707371;

/**
 * Dossier lookups: the class of the two-key lock (class, hashtext(code)) that serializes the lookups of one
 * dossier code, so parallel guesses cannot slip past its throttle (transaction lock; the two-key space
 * is apart from the one-key locks above, and the value is distinct anyway).
 */
export const DOSSIER_LOOKUP_LOCK_CLASS = 72707372;
