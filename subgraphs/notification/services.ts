// The notification subgraph's services, built once at start and passed down (the kit's createServices
// hook): to resolvers in the GraphQL context and to the background work.
import type { SubgraphContext, SubgraphServices } from '../kit/server.ts';
import type { NotificationLoaders } from './loaders.ts';
import type { PrismaClient } from './prisma/generated/client.ts';

/** Everything the notification subgraph's code is handed. */
export type NotificationServices = SubgraphServices<PrismaClient>;

/** What the notification resolvers receive. */
export type NotificationContext = SubgraphContext<PrismaClient, NotificationLoaders, NotificationServices>;
