// Queries on inbox messages and preferences, named by verb.
import { takePerKey } from '../kit/loaders.ts';
import type { Message, Preference, PrismaClient } from './prisma/generated/client.ts';

/** The newest messages of each recipient, at most `perRecipient` each. */
export async function findMessagesByRecipientIds(db: PrismaClient, recipientIds: readonly string[], perRecipient: number, unreadOnly: boolean): Promise<Message[]> {
  const rows = await db.message.findMany({
    where: { recipientId: { in: [...recipientIds] }, ...(unreadOnly ? { readAt: null } : {}) },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
  });
  return takePerKey(rows, (row) => row.recipientId, perRecipient);
}

/** Unread counts per recipient. */
export async function countUnreadByRecipientIds(db: PrismaClient, recipientIds: readonly string[]): Promise<{ recipientId: string; count: number }[]> {
  const groups = await db.message.groupBy({ by: ['recipientId'], where: { recipientId: { in: [...recipientIds] }, readAt: null }, _count: { _all: true } });
  return groups.map((group) => ({ recipientId: group.recipientId, count: group._count._all }));
}

/** Mark a message read if it belongs to `recipientId`; null when it does not exist or is someone else's. */
export async function markMessageRead(db: PrismaClient, id: string, recipientId: string): Promise<Message | null> {
  const { count } = await db.message.updateMany({ where: { id, recipientId, readAt: null }, data: { readAt: new Date() } });
  const message = await db.message.findFirst({ where: { id, recipientId } });
  return count >= 0 ? message : null;
}

/** Mark every unread message of `recipientId` read; how many were unread. */
export async function markAllMessagesRead(db: PrismaClient, recipientId: string): Promise<number> {
  const { count } = await db.message.updateMany({ where: { recipientId, readAt: null }, data: { readAt: new Date() } });
  return count;
}

/** Preferences by citizen. */
export function findPreferencesByCitizenIds(db: PrismaClient, citizenIds: readonly string[]): Promise<Preference[]> {
  return db.preference.findMany({ where: { citizenId: { in: [...citizenIds] } } });
}

/** One message of `recipientId`'s inbox by id (null when it is someone else's or gone). */
export function findRecipientMessage(db: PrismaClient, id: string, recipientId: string): Promise<Message | null> {
  return db.message.findFirst({ where: { id, recipientId } });
}
