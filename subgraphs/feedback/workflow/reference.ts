// Queries on categories and units.
import type { Category, PrismaClient, Unit } from '../prisma/generated/client.ts';

/** Every category, by name. */
export function listCategories(db: PrismaClient): Promise<Category[]> {
  return db.category.findMany({ orderBy: { name: 'asc' } });
}

/** Categories by code. */
export function findCategoriesByCodes(db: PrismaClient, codes: readonly string[]): Promise<Category[]> {
  return db.category.findMany({ where: { code: { in: [...codes] } } });
}

/** Units by code. */
export function findUnitsByCodes(db: PrismaClient, codes: readonly string[]): Promise<Unit[]> {
  return db.unit.findMany({ where: { code: { in: [...codes] } } });
}
