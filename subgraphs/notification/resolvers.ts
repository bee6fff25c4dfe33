// Resolvers of the notification subgraph. Notices are public; the inbox belongs to its recipient.
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { codedError } from '../../schema/errors.ts';
import { assertSelf, requireSubject, resolveCitizenReference, resolveMe } from '../kit/access.ts';
import type { CitizenRef } from '../kit/access.ts';
import { pageSize } from '../kit/loaders.ts';
import { DateTime } from '../kit/scalars.ts';
import type { SubgraphContext } from '../kit/server.ts';
import { listNotices, markMessageRead } from './messages.ts';
import type { NotificationLoaders } from './loaders.ts';
import type { Message, PrismaClient } from './prisma/generated/client.ts';

type Context = SubgraphContext<PrismaClient, NotificationLoaders>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_PREFERENCES = { inApp: true, sms: false, email: false, zalo: false };

export const resolvers: GraphQLResolverMap<Context> = {
  DateTime,
  Query: {
    me: resolveMe,
    notices: (_root, args: { wardCode?: string | null; first?: number | null }, { db }: Context) => listNotices(db, args.wardCode ?? undefined, pageSize(args.first, 20)),
  },
  Mutation: {
    markNotificationRead: async (_root, { id }: { id: string }, { db, viewer }: Context) => {
      const subject = requireSubject(viewer);
      const message = UUID.test(id) ? await markMessageRead(db, id, subject) : null;
      if (!message) throw codedError('NOT_FOUND', 'No such notification in your inbox.');
      return message;
    },
  },
  Citizen: {
    __resolveReference: resolveCitizenReference,
    notifications: (citizen: CitizenRef, args: { unreadOnly?: boolean | null; first?: number | null }, { viewer, loaders }: Context) => {
      assertSelf(viewer, citizen.id);
      return loaders.messagesByRecipient(pageSize(args.first, 20), args.unreadOnly ?? false).load(citizen.id);
    },
    unreadNotificationCount: async (citizen: CitizenRef, _args, { viewer, loaders }: Context) => {
      assertSelf(viewer, citizen.id);
      return (await loaders.unreadCount.load(citizen.id))?.count ?? 0;
    },
    notificationPreferences: async (citizen: CitizenRef, _args, { viewer, loaders }: Context) => {
      assertSelf(viewer, citizen.id);
      return (await loaders.preferences.load(citizen.id)) ?? DEFAULT_PREFERENCES;
    },
  },
  Notification: {
    read: (message: Message) => message.readAt !== null,
  },
};
