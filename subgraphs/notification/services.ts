// The notification subgraph's services, built once at start and passed down (the kit's createServices
// hook): to resolvers in the GraphQL context, to the receipt route and to the background work — the
// channel senders (a provider where one is configured, else the development sink), the sink's record,
// the dispatcher and the notices' fan-out worker.
import type { Logger } from '../../platform/logger.ts';
import type { SubgraphContext, SubgraphServices } from '../kit/server.ts';
import type { NotificationConfig } from './config.ts';
import type { ChannelSender } from './delivery/channel.ts';
import { DeliveryDispatcher } from './delivery/dispatcher.ts';
import { createSmtpSender } from './delivery/email.ts';
import { createSmsSender, createZaloSender } from './delivery/http-senders.ts';
import { createSinkSender, SinkRecorder } from './delivery/sink.ts';
import type { NotificationLoaders } from './loaders.ts';
import { NoticeFanout } from './notices/fanout.ts';
import type { DeliveryChannel, PrismaClient } from './prisma/generated/client.ts';

/** Everything the notification subgraph's code is handed. */
export interface NotificationServices extends SubgraphServices<PrismaClient> {
  readonly config: NotificationConfig;
  readonly senders: ReadonlyMap<Exclude<DeliveryChannel, 'IN_APP'>, ChannelSender>;
  /** What the development sink took (empty where every channel has its provider). */
  readonly sink: SinkRecorder;
  readonly dispatcher: DeliveryDispatcher;
  /** Fans published notices out to their audience's inboxes and channels, in the background. */
  readonly fanout: NoticeFanout;
  close(): Promise<void>;
}

/** What the notification resolvers receive. */
export type NotificationContext = SubgraphContext<PrismaClient, NotificationLoaders, NotificationServices>;

/** Build the services: each channel's sender from the configuration, the dispatcher over them. */
export function createNotificationServices(db: PrismaClient, config: NotificationConfig, logger: Logger): NotificationServices {
  const sink = new SinkRecorder();
  const { smtp, sms, zalo } = config.delivery;
  const senders = new Map<Exclude<DeliveryChannel, 'IN_APP'>, ChannelSender>([
    ['EMAIL', smtp ? createSmtpSender(smtp) : createSinkSender('EMAIL', sink)],
    ['SMS', sms ? createSmsSender(sms) : createSinkSender('SMS', sink)],
    ['ZALO', zalo ? createZaloSender(zalo) : createSinkSender('ZALO', sink)],
  ]);
  logger.info({ providers: Object.fromEntries([...senders].map(([channel, sender]) => [channel, sender.provider])) }, 'delivery channels');
  const dispatcher = new DeliveryDispatcher(db, senders, config.delivery, logger);
  return {
    db,
    config,
    logger,
    senders,
    sink,
    dispatcher,
    fanout: new NoticeFanout(db, { logger, onQueued: () => dispatcher.wake() }),
    close: async () => {
      for (const sender of senders.values()) await sender.close?.();
    },
  };
}
