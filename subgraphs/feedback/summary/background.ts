// The feedback subgraph's background work while its server is up: the outbox relay (item events and
// summaries to the bus), the weekly summary scheduler and the sweep of photos never attached.
import { OutboxRelay } from '../../kit/events/outbox.ts';
import type { BackgroundContext } from '../../kit/server.ts';
import type { PrismaClient } from '../prisma/generated/client.ts';
import type { PhotoSettings } from '../photos/config.ts';
import { createPhotoStore } from '../photos/store.ts';
import type { FeedbackSettings } from '../config.ts';
import { startPhotoSweeper } from '../photos/sweeper.ts';
import type { SummarySettings } from './config.ts';
import { startWeeklySummaryScheduler } from './scheduler.ts';

/** Start the relay, the photo sweeper and, unless turned off, the scheduler; returns their stop. */
export async function startFeedbackBackground(
  context: BackgroundContext<PrismaClient>,
  settings: Partial<SummarySettings> & Pick<PhotoSettings, 'photoUnattachedHours' | 'photoS3'> & Pick<FeedbackSettings, 'photoDir'>,
): Promise<() => Promise<void>> {
  const relay = new OutboxRelay({ db: context.db, bus: context.bus, logger: context.logger });
  relay.start();
  const schedule = settings.summarySchedule;
  const scheduler = schedule ? startWeeklySummaryScheduler({ db: context.db, schedule, logger: context.logger }) : undefined;
  const stopSweeper = startPhotoSweeper(context.db, createPhotoStore(settings), {
    retentionMs: settings.photoUnattachedHours * 3_600_000,
    intervalMs: 3_600_000,
    logger: context.logger,
  });
  return async () => {
    await stopSweeper();
    await scheduler?.stop();
    await relay.stop();
  };
}
