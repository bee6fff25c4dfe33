// Loads the demo data (prisma/seed-data.ts) into an empty or partly seeded database. Idempotent.
import { feedbackDeadline } from '../intake/deadline.ts';
import type { PrismaClient } from './generated/client.ts';
import { seedFocalPoints } from './focal-points.ts';
import { CATEGORIES, DEMO_DIRECTIVES, DEMO_FEEDBACK, LEADER_SCOPES, ROUTING_RULES, UNITS } from './seed-data.ts';

/** Seed categories, units, routing rules and the demo citizens' items. */
export async function seedFeedback(db: PrismaClient): Promise<void> {
  await db.category.createMany({ data: CATEGORIES.map((category) => ({ ...category })), skipDuplicates: true });
  await db.unit.createMany({ data: UNITS.map((unit) => ({ code: unit.code, name: unit.name, kind: unit.kind, wardCode: unit.wardCode ?? null })), skipDuplicates: true });
  if ((await db.routingRule.count()) === 0) {
    await db.routingRule.createMany({ data: ROUTING_RULES.map((rule) => ({ categoryCode: rule.categoryCode, wardCode: rule.wardCode ?? null, unitCode: rule.unitCode })) });
  }
  await seedFocalPoints(db);
  await db.leaderScope.createMany({ data: LEADER_SCOPES.map((scope) => ({ leaderId: scope.leaderSub, kind: scope.kind, code: scope.code })), skipDuplicates: true });
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
  await seedDirectives(db);
}

/** The demo directives and their recipients (skipped when already there). */
async function seedDirectives(db: PrismaClient): Promise<void> {
  await db.directive.createMany({
    skipDuplicates: true,
    data: DEMO_DIRECTIVES.map((directive) => ({
      code: directive.code,
      leaderId: directive.leaderSub,
      targetKind: directive.targetKind,
      targetCode: directive.targetCode,
      content: directive.content,
      createdAt: new Date(directive.createdAt),
      dueAt: new Date(directive.dueAt),
    })),
  });
  const ids = new Map(
    (await db.directive.findMany({ where: { code: { in: DEMO_DIRECTIVES.map((directive) => directive.code) } }, select: { id: true, code: true } })).map((row) => [row.code, row.id]),
  );
  await db.directiveRecipient.createMany({
    skipDuplicates: true,
    data: DEMO_DIRECTIVES.flatMap((directive) =>
      directive.recipients.map((recipient) => ({
        directiveId: ids.get(directive.code) as string,
        unitCode: recipient.unitCode,
        repliedAt: recipient.repliedAt ? new Date(recipient.repliedAt) : null,
        reply: recipient.reply ?? null,
        repliedBy: recipient.repliedBySub ?? null,
      })),
    ),
  });
}
