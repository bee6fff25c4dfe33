// The consumer side of at-least-once: a subgraph that consumes events keeps a `processed_event` table
// (its inbox) and claims each event id inside the transaction that acts on it. A redelivered event
// finds its id already claimed and changes nothing; a handler that fails rolls its claim back with it.

/** The part of a Prisma transaction client claimEvent needs. */
export interface InboxWriter {
  $executeRaw(query: TemplateStringsArray, ...values: unknown[]): PromiseLike<number>;
}

/**
 * Claim `eventId` for `consumer` in the caller's transaction: true the first time, false when it was
 * processed before (then do nothing). A concurrent claim of the same id waits for the first to commit.
 */
export async function claimEvent(tx: InboxWriter, consumer: string, eventId: string): Promise<boolean> {
  const inserted = await tx.$executeRaw`INSERT INTO "processed_event" ("consumer", "event_id") VALUES (${consumer}, ${eventId}::uuid) ON CONFLICT DO NOTHING`;
  return inserted === 1;
}
