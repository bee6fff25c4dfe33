// The feedback subgraph's background work while its server is up: the outbox relay (item events and
// summaries to the bus) and the weekly summary scheduler.
import { OutboxRelay } from '../../kit/events/outbox.ts';
import type { BackgroundContext } from '../../kit/server.ts';
import type { PrismaClient } from '../prisma/generated/client.ts';
import type { SummarySettings } from './config.ts';
import { startWeeklySummaryScheduler } from './scheduler.ts';

/** Start the relay and, unless turned off, the scheduler; returns their stop. */
export async function startFeedbackBackground(context: BackgroundContext<PrismaClient>, settings: Partial<SummarySettings>): Promise<() => Promise<void>> {
  const relay = new OutboxRelay({ db: context.db, bus: context.bus, logger: context.logger });
  relay.start();
  const schedule = settings.summarySchedule;
  const scheduler = schedule ? startWeeklySummaryScheduler({ db: context.db, schedule, logger: context.logger }) : undefined;
  return async () => {
    await scheduler?.stop();
    await relay.stop();
  };
}
