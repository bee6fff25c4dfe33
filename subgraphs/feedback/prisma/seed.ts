// Loads the demo data (prisma/seed-data.ts) into an empty or partly seeded database. Idempotent.
import { feedbackDeadline } from '../data/submit-feedback.ts';
import type { PrismaClient } from './generated/client.ts';
import { CATEGORIES, DEMO_FEEDBACK, ROUTING_RULES, UNITS } from './seed-data.ts';

/** Seed categories, units, routing rules and the demo citizens' items. */
export async function seedFeedback(db: PrismaClient): Promise<void> {
  await db.category.createMany({ data: CATEGORIES.map((category) => ({ ...category })), skipDuplicates: true });
  await db.unit.createMany({ data: UNITS.map((unit) => ({ code: unit.code, name: unit.name, kind: unit.kind, wardCode: unit.wardCode ?? null })), skipDuplicates: true });
  if ((await db.routingRule.count()) === 0) {
    await db.routingRule.createMany({ data: ROUTING_RULES.map((rule) => ({ categoryCode: rule.categoryCode, wardCode: rule.wardCode ?? null, unitCode: rule.unitCode })) });
  }
  const deadlines = new Map(CATEGORIES.map((category) => [category.code, category.deadlineHours]));
  await db.feedbackItem.createMany({
    skipDuplicates: true,
    data: DEMO_FEEDBACK.map((item) => {
      const receivedAt = new Date(item.receivedAt);
      return {
        code: item.code,
        citizenId: item.citizenSub ?? null,
        channel: item.channel,
        categoryCode: item.categoryCode,
        title: item.title,
        content: item.content,
        wardCode: item.wardCode,
        lat: item.lat,
        lng: item.lng,
        isAnonymous: item.isAnonymous,
        isPublic: item.isPublic,
        status: item.status,
        unitCode: item.unitCode ?? null,
        receivedAt,
        dueAt: feedbackDeadline(receivedAt, deadlines.get(item.categoryCode) ?? 48),
        resultText: item.resultText ?? null,
      };
    }),
  });
}
