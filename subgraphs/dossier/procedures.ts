// Queries on the procedure catalogue and agencies.
import type { Agency, PrismaClient, Procedure } from './prisma/generated/client.ts';

/** Search the catalogue by name (case-insensitive) and field. */
export function searchProcedures(db: PrismaClient, filter: { search?: string | undefined; field?: string | undefined; first: number }): Promise<Procedure[]> {
  return db.procedure.findMany({
    where: {
      ...(filter.search ? { name: { contains: filter.search, mode: 'insensitive' as const } } : {}),
      ...(filter.field ? { field: filter.field } : {}),
    },
    orderBy: { code: 'asc' },
    take: filter.first,
  });
}

/** Procedures by code. */
export function findProceduresByCodes(db: PrismaClient, codes: readonly string[]): Promise<Procedure[]> {
  return db.procedure.findMany({ where: { code: { in: [...codes] } } });
}

/** Agencies by code. */
export function findAgenciesByCodes(db: PrismaClient, codes: readonly string[]): Promise<Agency[]> {
  return db.agency.findMany({ where: { code: { in: [...codes] } } });
}
