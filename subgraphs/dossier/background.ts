// The dossier subgraph's background work while its server is up: the outbox relay, which publishes the
// lifecycle's events (lifecycle/events.ts) to the bus, and the hourly sweep of the lookup throttle's
// forgotten failures (lookup/guard.ts).
import { OutboxRelay } from '../kit/events/outbox.ts';
import type { BackgroundContext } from '../kit/server.ts';
import { sweepLookupGuards } from './lookup/guard.ts';
import type { PrismaClient } from './prisma/generated/client.ts';
import type { DossierServices } from './services.ts';

const SWEEP_INTERVAL_MS = 3_600_000;

/** Start the relay and the sweep; returns their stop. */
export async function startDossierBackground(context: BackgroundContext<PrismaClient, DossierServices>): Promise<() => Promise<void>> {
  const { db, config, logger } = context.services;
  const relay = new OutboxRelay({ db, bus: context.bus, logger });
  relay.start();
  let sweeping: Promise<unknown> = Promise.resolve();
  const sweep = setInterval(() => {
    sweeping = sweepLookupGuards(db, config.lookup, new Date()).catch((error: unknown) => logger.warn({ err: error }, 'lookup throttle sweep failed; next hour'));
  }, SWEEP_INTERVAL_MS);
  sweep.unref();
  return async () => {
    clearInterval(sweep);
    await sweeping;
    await relay.stop();
  };
}
