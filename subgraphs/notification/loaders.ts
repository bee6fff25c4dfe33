// Per-request dataloaders: one query per batch of entities.
import type DataLoader from 'dataloader';
import type { Viewer } from '../../auth/viewer.ts';
import { loaderPerArguments, manyByKey, oneByKey } from '../kit/loaders.ts';
import { countUnreadByRecipientIds, findMessagesByRecipientIds, findPreferencesByCitizenIds } from './messages.ts';
import { findNoticeHistories } from './notices/notices.ts';
import type { Message, NoticeHistory, Preference, PrismaClient } from './prisma/generated/client.ts';

/** Loaders of the notification subgraph. */
export interface NotificationLoaders {
  readonly messagesByRecipient: (first: number, unreadOnly: boolean) => DataLoader<string, Message[]>;
  readonly unreadCount: DataLoader<string, { recipientId: string; count: number } | null>;
  readonly preferences: DataLoader<string, Preference | null>;
  readonly noticeHistory: DataLoader<string, NoticeHistory[]>;
}

/** Create the loaders for one request. */
export function createNotificationLoaders(db: PrismaClient, _viewer: Viewer): NotificationLoaders {
  return {
    messagesByRecipient: loaderPerArguments((first: number, unreadOnly: boolean) =>
      manyByKey(
        (ids) => findMessagesByRecipientIds(db, ids, first, unreadOnly),
        (row) => row.recipientId,
      ),
    ),
    unreadCount: oneByKey(
      (ids) => countUnreadByRecipientIds(db, ids),
      (row) => row.recipientId,
    ),
    preferences: oneByKey(
      (ids) => findPreferencesByCitizenIds(db, ids),
      (row) => row.citizenId,
    ),
    noticeHistory: manyByKey(
      (ids) => findNoticeHistories(db, ids),
      (row) => row.noticeId,
    ),
  };
}
