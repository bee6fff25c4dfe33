// GraphQL fields of notices: the public list, one notice, the staff's drafts and history, the citizen's
// feed, and the mutations that draft, edit and publish. The schema's @policy lets the communications
// office and leaders through; notices.ts narrows leaders to emergencies.
import { requireSubject, assertSelf } from '../../kit/access.ts';
import type { CitizenRef } from '../../kit/access.ts';
import { pageSize } from '../../kit/loaders.ts';
import { isUuid } from '../../kit/scalars.ts';
import { codedError } from '../../../schema/errors.ts';
import type { Notice, NoticeStatus } from '../prisma/generated/client.ts';
import type { NotificationContext } from '../services.ts';
import { defaultPreferences } from '../preferences/preferences.ts';
import { draftNotice, editNoticeDraft, findNoticeFeed, findVisibleNotice, listManagedNotices, listPublicNotices, mayManageNotice, publishNotice } from './notices.ts';
import type { NoticeInput } from './notices.ts';
import { NOTICE_TOPICS } from './topics.ts';

/** A notice id, or NOT_FOUND (a malformed id names no notice, and must not reach PostgreSQL's uuid cast). */
function noticeId(id: string): string {
  if (!isUuid(id)) throw codedError('NOT_FOUND', 'No such notice.');
  return id;
}

export const noticeResolvers = {
  Query: {
    notices: (_root: unknown, args: { wardCode?: string | null; topic?: string | null; first?: number | null }, { db }: NotificationContext) =>
      listPublicNotices(db, { wardCode: args.wardCode ?? undefined, topic: args.topic ?? undefined }, pageSize(args.first, 20)),
    notice: async (_root: unknown, { id }: { id: string }, { db, viewer }: NotificationContext) => {
      const notice = isUuid(id) ? await findVisibleNotice(db, viewer, id) : null;
      if (!notice) throw codedError('NOT_FOUND', 'No such notice.');
      return notice;
    },
    noticeTopics: () => NOTICE_TOPICS,
    managedNotices: (_root: unknown, args: { status?: NoticeStatus | null; first?: number | null }, { db, viewer }: NotificationContext) =>
      listManagedNotices(db, viewer, args.status ?? undefined, pageSize(args.first, 20)),
  },
  Mutation: {
    draftNotice: (_root: unknown, { input }: { input: NoticeInput }, { db, viewer }: NotificationContext) => draftNotice(db, viewer, requireSubject(viewer), input),
    updateNoticeDraft: (_root: unknown, { id, input }: { id: string; input: NoticeInput }, { db, viewer }: NotificationContext) =>
      editNoticeDraft(db, viewer, requireSubject(viewer), noticeId(id), input),
    publishNotice: async (_root: unknown, { id }: { id: string }, { db, viewer, services }: NotificationContext) => {
      const notice = await publishNotice(db, viewer, requireSubject(viewer), noticeId(id));
      // The audience's inboxes and channels are written in the background, from here or any replica.
      services.fanout.wake();
      return notice;
    },
  },
  Citizen: {
    noticeFeed: async (citizen: CitizenRef, args: { first?: number | null }, { db, viewer, loaders }: NotificationContext) => {
      assertSelf(viewer, citizen.id);
      const preferences = (await loaders.preferences.load(citizen.id)) ?? defaultPreferences(citizen.id);
      return findNoticeFeed(db, { citizenId: citizen.id, wardCodes: preferences.wardCodes, topics: preferences.topics }, pageSize(args.first, 20));
    },
  },
  Notice: {
    wardCode: (notice: Notice) => notice.wardCodes[0] ?? null,
    history: (notice: Notice, _args: unknown, { viewer, loaders }: NotificationContext) => {
      if (!mayManageNotice(viewer, notice.kind)) throw codedError('FORBIDDEN', 'Leaders see the history of emergency notices only.');
      return loaders.noticeHistory.load(notice.id);
    },
  },
};
