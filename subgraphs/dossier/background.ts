// The dossier subgraph's background work while its server is up: the outbox relay, which publishes the
// lifecycle's events (lifecycle/events.ts) to the bus.
import { OutboxRelay } from '../kit/events/outbox.ts';
import type { BackgroundContext } from '../kit/server.ts';
import type { PrismaClient } from './prisma/generated/client.ts';
import type { DossierServices } from './services.ts';

/** Start the relay; returns its stop. */
export async function startDossierBackground(context: BackgroundContext<PrismaClient, DossierServices>): Promise<() => Promise<void>> {
  const relay = new OutboxRelay({ db: context.db, bus: context.bus, logger: context.logger });
  relay.start();
  return () => relay.stop();
}
