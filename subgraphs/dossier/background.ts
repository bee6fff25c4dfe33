// The dossier subgraph's background work while its server is up: the outbox relay, which publishes the
// lifecycle's events (lifecycle/events.ts) to the bus, the hourly sweep of the lookup throttle's
// forgotten failures (lookup/guard.ts), the catalogue index's check for other replicas' edits
// (catalogue/catalogue-index.ts), so that no request waits for it, and once per start, filling in the
// lookup's copy of the public steps on dossiers written before it was kept (lifecycle/public-steps.ts).
import { OutboxRelay } from '../kit/events/outbox.ts';
import type { BackgroundContext } from '../kit/server.ts';
import { BACKFILL_START, backfillLookupSteps } from './lifecycle/public-steps.ts';
import { sweepLookupGuards } from './lookup/guard.ts';
import type { PrismaClient } from './prisma/generated/client.ts';
import type { DossierServices } from './services.ts';

const SWEEP_INTERVAL_MS = 3_600_000;
/** The backfill's pace: small batches with a pause between them, so requests never queue behind it. */
const BACKFILL_BATCH = 500;
const BACKFILL_PAUSE_MS = 100;

/** Start the relay, the sweep and the catalogue's refresh; returns their stop. */
export async function startDossierBackground(context: BackgroundContext<PrismaClient, DossierServices>): Promise<() => Promise<void>> {
  const { db, config, logger, catalogue } = context.services;
  const stopCatalogue = catalogue.keepFresh();
  const relay = new OutboxRelay({ db, database: context.database, bus: context.bus, logger });
  relay.start();
  let sweeping: Promise<unknown> = Promise.resolve();
  const sweep = setInterval(() => {
    sweeping = sweepLookupGuards(db, config.lookup, new Date()).catch((error: unknown) => logger.warn({ err: error }, 'lookup throttle sweep failed; next hour'));
  }, SWEEP_INTERVAL_MS);
  sweep.unref();
  const backfill = new AbortController();
  const backfilling = backfillAll(context.services, backfill.signal).catch((error: unknown) =>
    logger.warn({ err: error }, 'filling in the lookup steps of older dossiers failed; the lookup reads them from the timeline, next start tries again'),
  );
  return async () => {
    clearInterval(sweep);
    backfill.abort();
    await stopCatalogue();
    await sweeping;
    await backfilling;
    await relay.stop();
  };
}

/** One pass of backfillLookupSteps over the dossiers that have no copy yet, until none is left or `signal` aborts. */
async function backfillAll({ database, logger }: Pick<DossierServices, 'database' | 'logger'>, signal: AbortSignal): Promise<void> {
  let after: string | undefined = BACKFILL_START;
  let filled = 0;
  while (after !== undefined && !signal.aborted) {
    const from: string = after;
    const batch = await database.withConnection((connection) => backfillLookupSteps(connection, from, BACKFILL_BATCH));
    filled += batch.filled;
    after = batch.next;
    if (after !== undefined) await new Promise((resolve) => setTimeout(resolve, BACKFILL_PAUSE_MS).unref());
  }
  if (filled > 0) logger.info({ filled }, 'filled in the lookup steps of dossiers written before they were kept');
}
