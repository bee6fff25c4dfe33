// Routing rules as data that operators edit: category × ward → unit, and category × every ward → unit.
// Intake reads them on every submission (intake/intake-batch.ts), so a change applies at once.
import { codedError } from '../../../schema/errors.ts';
import { findWardByCode } from '../../kit/reference/wards.ts';
import { DEFAULT_UNIT_CODE } from '../prisma/seed-data.ts';
import type { PrismaClient, RoutingRule } from '../prisma/generated/client.ts';

/** The rules, by category then ward (city-wide rules first). */
export function listRoutingRules(db: PrismaClient, categoryCode: string | undefined): Promise<RoutingRule[]> {
  return db.routingRule.findMany({
    where: categoryCode === undefined ? {} : { categoryCode },
    orderBy: [{ categoryCode: 'asc' }, { wardCode: { sort: 'asc', nulls: 'first' } }],
  });
}

/** Create or change the rule for category × ward (null: every ward without its own rule). */
export async function setRoutingRule(db: PrismaClient, categoryCode: string, wardCode: string | null, unitCode: string): Promise<RoutingRule> {
  if (wardCode !== null && findWardByCode(wardCode) === undefined) throw codedError('BAD_USER_INPUT', 'Unknown ward.', { field: 'wardCode' });
  const [category, unit] = await Promise.all([db.category.findUnique({ where: { code: categoryCode } }), db.unit.findUnique({ where: { code: unitCode } })]);
  if (!category) throw codedError('BAD_USER_INPUT', 'Unknown feedback category.', { field: 'categoryCode' });
  if (!unit) throw codedError('BAD_USER_INPUT', 'Unknown unit.', { field: 'unitCode' });
  // The unique (category, ward) constraint does not cover a null ward in PostgreSQL, so find first.
  return db.$transaction(async (tx) => {
    const existing = await tx.routingRule.findFirst({ where: { categoryCode, wardCode } });
    return existing ? tx.routingRule.update({ where: { id: existing.id }, data: { unitCode } }) : tx.routingRule.create({ data: { categoryCode, wardCode, unitCode } });
  });
}

/** Remove the rule for category × ward; whether there was one. */
export async function removeRoutingRule(db: PrismaClient, categoryCode: string, wardCode: string | null): Promise<boolean> {
  const { count } = await db.routingRule.deleteMany({ where: { categoryCode, wardCode } });
  return count > 0;
}

/** A category × ward pair to route, as `<category>|<ward>`. */
export type RoutingKey = `${string}|${string}`;

/**
 * The unit the rules send each category × ward to, as intake would (intake/intake-batch.ts): the ward's
 * own rule, else the category's city-wide rule, else the 1022 centre. One query for the whole batch.
 */
export async function suggestUnitCodes(db: PrismaClient, keys: readonly RoutingKey[]): Promise<string[]> {
  const pairs = keys.map((key) => key.split('|') as [string, string]);
  const rules = await db.routingRule.findMany({ where: { categoryCode: { in: [...new Set(pairs.map(([category]) => category))] } } });
  const unitOf = new Map(rules.map((rule) => [`${rule.categoryCode}|${rule.wardCode ?? ''}`, rule.unitCode]));
  return pairs.map(([category, ward]) => unitOf.get(`${category}|${ward}`) ?? unitOf.get(`${category}|`) ?? DEFAULT_UNIT_CODE);
}
