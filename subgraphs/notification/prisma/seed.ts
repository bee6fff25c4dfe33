// Loads the demo data (prisma/seed-data.ts) into an empty database. Idempotent: each table is seeded
// only while it is empty, because messages and notices have no natural key.
import type { PrismaClient } from './generated/client.ts';
import { MESSAGES, NOTICES, PREFERENCES } from './seed-data.ts';

/** Seed notices, the demo citizens' inboxes and their preferences. */
export async function seedNotification(db: PrismaClient): Promise<void> {
  if ((await db.notice.count()) === 0) {
    await db.notice.createMany({
      data: NOTICES.map(({ wardCodes, publishedAt, validUntil, ...notice }) => ({
        ...notice,
        status: 'PUBLISHED' as const,
        wardCodes: [...(wardCodes ?? [])],
        validFrom: new Date(publishedAt),
        validUntil: validUntil ? new Date(validUntil) : null,
        createdAt: new Date(publishedAt),
        updatedAt: new Date(publishedAt),
        publishedAt: new Date(publishedAt),
        // Shown in feeds; the demo is not sent to anyone.
        fanoutDoneAt: new Date(publishedAt),
      })),
    });
  }
  if ((await db.message.count()) === 0) {
    await db.message.createMany({
      data: MESSAGES.map((message) => ({
        recipientId: message.recipientSub,
        title: message.title,
        body: message.body,
        kind: message.kind,
        link: message.link ?? null,
        createdAt: new Date(message.createdAt),
        readAt: message.read ? new Date(message.createdAt) : null,
      })),
    });
  }
  await db.preference.createMany({
    data: PREFERENCES.map(({ citizenSub, wardCodes, topics, ...channels }) => ({ citizenId: citizenSub, ...channels, wardCodes: [...(wardCodes ?? [])], topics: [...(topics ?? [])] })),
    skipDuplicates: true,
  });
}
