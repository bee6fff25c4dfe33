// The dossier subgraph's background work while its server is up: the outbox relay, which publishes the
// lifecycle's events (lifecycle/events.ts) to the bus, the hourly sweep of the lookup throttle's
// forgotten failures (lookup/guard.ts), and the catalogue index's check for other replicas' edits
// (catalogue/catalogue-index.ts), so that no request waits for it.
import { OutboxRelay } from '../kit/events/outbox.ts';
import type { BackgroundContext } from '../kit/server.ts';
import { sweepLookupGuards } from './lookup/guard.ts';
import type { PrismaClient } from './prisma/generated/client.ts';
import type { DossierServices } from './services.ts';

const SWEEP_INTERVAL_MS = 3_600_000;

/** Start the relay, the sweep and the catalogue's refresh; returns their stop. */
export async function startDossierBackground(context: BackgroundContext<PrismaClient, DossierServices>): Promise<() => Promise<void>> {
  const { db, config, logger, catalogue } = context.services;
  const stopCatalogue = catalogue.keepFresh();
  const relay = new OutboxRelay({ db, bus: context.bus, logger });
  relay.start();
  let sweeping: Promise<unknown> = Promise.resolve();
  const sweep = setInterval(() => {
    sweeping = sweepLookupGuards(db, config.lookup, new Date()).catch((error: unknown) => logger.warn({ err: error }, 'lookup throttle sweep failed; next hour'));
  }, SWEEP_INTERVAL_MS);
  sweep.unref();
  return async () => {
    clearInterval(sweep);
    await stopCatalogue();
    await sweeping;
    await relay.stop();
  };
}
