// The feedback subgraph's background work while its server is up: the outbox relay (item events and
// summaries to the bus), the weekly summary scheduler (summary/), the sweep of photos never attached
// (photos/) and the announcement of overdue directives (directives/overdue.ts), all over the subgraph's services.
import { OutboxRelay } from '../kit/events/outbox.ts';
import { startOverdueSweep } from './directives/overdue.ts';
import type { BackgroundContext } from '../kit/server.ts';
import { startPhotoSweeper } from './photos/sweeper.ts';
import type { PrismaClient } from './prisma/generated/client.ts';
import type { FeedbackServices } from './services.ts';
import { startWeeklySummaryScheduler } from './summary/scheduler.ts';

/** Start the relay, the photo and overdue-directive sweeps and, unless turned off, the scheduler; returns their stop. */
export async function startFeedbackBackground(context: BackgroundContext<PrismaClient, FeedbackServices>): Promise<() => Promise<void>> {
  const { db, config, logger, photoStore } = context.services;
  const relay = new OutboxRelay({ db, database: context.database, bus: context.bus, logger });
  relay.start();
  const schedule = config.summarySchedule;
  const scheduler = schedule ? startWeeklySummaryScheduler({ db, schedule, logger }) : undefined;
  const stopSweeper = startPhotoSweeper(db, photoStore, {
    retentionMs: config.photoUnattachedHours * 3_600_000,
    intervalMs: 3_600_000,
    logger,
  });
  const stopOverdueSweep = startOverdueSweep(db, logger);
  return async () => {
    await stopOverdueSweep();
    await stopSweeper();
    await scheduler?.stop();
    await relay.stop();
  };
}
