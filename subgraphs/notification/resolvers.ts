// Resolvers of the notification subgraph, assembled from its features. Notices are public once
// published (a person's only to them); the inbox and preferences belong to their person.
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { codedError } from '../../schema/errors.ts';
import { assertSelf, requireSubject, resolveCitizenReference, resolveMe } from '../kit/access.ts';
import type { CitizenRef } from '../kit/access.ts';
import { pageSize } from '../kit/loaders.ts';
import { DateTime, isUuid } from '../kit/scalars.ts';
import { findRecipientMessage, markAllMessagesRead, markMessageRead } from './messages.ts';
import { MESSAGE_CREATED } from './events/consumers.ts';
import { liveFeedOf } from '../kit/live.ts';
import { deliveryResolvers } from './delivery/resolvers.ts';
import { noticeResolvers } from './notices/resolvers.ts';
import { channelsFor } from './preferences/channels.ts';
import { channelPreferences, defaultPreferences, kindChannelsOf, quietHoursOf, updatePreferences } from './preferences/preferences.ts';
import type { PreferencesInput } from './preferences/preferences.ts';
import type { Message, MessageKind, Preference } from './prisma/generated/client.ts';
import type { NotificationContext } from './services.ts';
import { templateResolvers } from './templates/resolvers.ts';

export const resolvers: GraphQLResolverMap<NotificationContext> = {
  DateTime,
  Query: {
    me: resolveMe,
    ...noticeResolvers.Query,
    ...templateResolvers.Query,
    ...deliveryResolvers.Query,
  },
  Mutation: {
    markNotificationRead: async (_root, { id }: { id: string }, { db, viewer }: NotificationContext) => {
      const subject = requireSubject(viewer);
      const message = isUuid(id) ? await markMessageRead(db, id, subject) : null;
      if (!message) throw codedError('NOT_FOUND', 'No such notification in your inbox.');
      return message;
    },
    markAllNotificationsRead: (_root, _args, { db, viewer }: NotificationContext) => markAllMessagesRead(db, requireSubject(viewer)),
    updateNotificationPreferences: (_root, { input }: { input: PreferencesInput }, { db, viewer }: NotificationContext) => updatePreferences(db, requireSubject(viewer), input),
    ...noticeResolvers.Mutation,
    ...templateResolvers.Mutation,
    ...deliveryResolvers.Mutation,
  },
  Subscription: {
    notificationReceived: {
      // Only the viewer's own messages, each read back from the inbox under the same ownership rule as a query.
      subscribe: (_root: unknown, _args: unknown, context: NotificationContext) => {
        const subject = requireSubject(context.viewer);
        return liveFeedOf(context).events(
          MESSAGE_CREATED,
          async (event) => {
            const messageId = event.payload['messageId'];
            if (event.payload['recipientId'] !== subject || typeof messageId !== 'string' || !isUuid(messageId)) return undefined;
            const message = await findRecipientMessage(context.db, messageId, subject);
            return message ? { notificationReceived: message } : undefined;
          },
          { field: 'recipientId', value: subject },
        );
      },
    },
  },
  Citizen: {
    __resolveReference: resolveCitizenReference,
    notifications: (citizen: CitizenRef, args: { unreadOnly?: boolean | null; first?: number | null }, { viewer, loaders }: NotificationContext) => {
      assertSelf(viewer, citizen.id);
      return loaders.messagesByRecipient(pageSize(args.first, 20), args.unreadOnly ?? false).load(citizen.id);
    },
    unreadNotificationCount: async (citizen: CitizenRef, _args, { viewer, loaders }: NotificationContext) => {
      assertSelf(viewer, citizen.id);
      return (await loaders.unreadCount.load(citizen.id))?.count ?? 0;
    },
    notificationPreferences: async (citizen: CitizenRef, _args, { viewer, loaders }: NotificationContext) => {
      assertSelf(viewer, citizen.id);
      return (await loaders.preferences.load(citizen.id)) ?? defaultPreferences(citizen.id);
    },
    ...noticeResolvers.Citizen,
    ...deliveryResolvers.Citizen,
  },
  Notification: {
    read: (message: Message) => message.readAt !== null,
  },
  NotificationPreferences: {
    inApp: () => true,
    channels: (preference: Preference) => channelsFor(channelPreferences({ ...preference, kindChannels: {} }), 'NOTICE'),
    kindChannels: kindChannelsOf,
    quietHours: quietHoursOf,
    channelsFor: (preference: Preference, { kind }: { kind: MessageKind }) => channelsFor(channelPreferences(preference), kind),
  },
  Notice: noticeResolvers.Notice,
  ContactPoint: deliveryResolvers.ContactPoint,
  NotificationTemplate: templateResolvers.NotificationTemplate,
};
