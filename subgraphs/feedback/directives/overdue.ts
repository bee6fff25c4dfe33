// Directives whose deadline passed with some addressed unit still silent are announced once
// (`feedback.directive-overdue`): the leader who issued it and the silent units' officers are told. Overdue
// stays computed when read; the marker column only records that the announcement was written. Each sweep
// claims a batch with a conditional UPDATE ... RETURNING (the marker still null), so two replicas sweeping
// at once announce each directive once: the second's UPDATE re-checks the marker and skips the row.
import type { Logger } from '../../../platform/logger.ts';
import { writeOutboxEvents } from '../../kit/events/outbox.ts';
import type { PrismaClient } from '../prisma/generated/client.ts';
import { unitOfficerIds } from '../workflow/officers.ts';

/** Told to the leader who issued the directive and the officers of the units that have not replied (codes and subjects only). */
export const DIRECTIVE_OVERDUE = 'feedback.directive-overdue';

/** How often the feedback subgraph sweeps (and once at start). */
export const OVERDUE_SWEEP_INTERVAL_MS = 60_000;

const BATCH = 200;

interface Claimed {
  readonly id: string;
  readonly code: string;
  readonly leader_id: string;
  readonly due_at: Date;
}

/** Announce every directive overdue at `now` and not yet announced; returns how many were announced. */
export async function announceOverdueDirectives(db: PrismaClient, now = new Date()): Promise<number> {
  let announced = 0;
  for (;;) {
    const count = await db.$transaction(async (tx) => {
      const claimed = await tx.$queryRaw<Claimed[]>`UPDATE "directive" SET "overdue_announced_at" = ${now}
         WHERE "id" IN (
           SELECT "d"."id" FROM "directive" "d"
            WHERE "d"."overdue_announced_at" IS NULL AND "d"."due_at" < ${now}
              AND EXISTS (SELECT 1 FROM "directive_recipient" "r" WHERE "r"."directive_id" = "d"."id" AND "r"."replied_at" IS NULL)
            ORDER BY "d"."due_at" LIMIT ${BATCH})
           AND "overdue_announced_at" IS NULL
         RETURNING "id"::text AS "id", "code", "leader_id", "due_at"`;
      if (claimed.length === 0) return 0;
      const silent = await tx.directiveRecipient.findMany({ where: { directiveId: { in: claimed.map((row) => row.id) }, repliedAt: null }, select: { directiveId: true, unitCode: true } });
      const events = [];
      for (const directive of claimed) {
        const units = silent.filter((row) => row.directiveId === directive.id).map((row) => row.unitCode);
        const officerIds = await unitOfficerIds(tx, units);
        // The directive's code as the event's subject; never its content.
        events.push({ topic: DIRECTIVE_OVERDUE, payload: { code: directive.code, leaderId: directive.leader_id, officerIds, dueAt: directive.due_at.toISOString() }, occurredAt: now });
      }
      await writeOutboxEvents(tx, events);
      return claimed.length;
    });
    announced += count;
    if (count < BATCH) return announced;
  }
}

/** Sweep every `intervalMs` (and once at start); returns the stop. */
export function startOverdueSweep(db: PrismaClient, logger: Logger, intervalMs = OVERDUE_SWEEP_INTERVAL_MS): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    running = running
      .then(() => announceOverdueDirectives(db))
      .then((count) => count > 0 && logger.info({ count }, 'overdue directives announced'))
      .catch((error: unknown) => logger.warn({ err: error }, 'overdue directive sweep failed; retrying at the next interval'));
  };
  sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
