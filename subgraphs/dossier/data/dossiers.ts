// Queries on dossiers, named by verb.
import type { Dossier, DossierStatus, PrismaClient } from '../prisma/generated/client.ts';

/** The newest dossiers of each owner, at most `perOwner` each, optionally of one status. */
export async function findDossiersByOwnerIds(db: PrismaClient, ownerIds: readonly string[], perOwner: number, status: DossierStatus | undefined): Promise<Dossier[]> {
  const rows = await db.dossier.findMany({
    where: { ownerId: { in: [...ownerIds] }, ...(status ? { status } : {}) },
    orderBy: [{ receivedAt: 'desc' }, { code: 'asc' }],
  });
  const seen = new Map<string, number>();
  return rows.filter((row) => {
    const count = (seen.get(row.ownerId) ?? 0) + 1;
    seen.set(row.ownerId, count);
    return count <= perOwner;
  });
}

/** One dossier by code. */
export function findDossierByCode(db: PrismaClient, code: string): Promise<Dossier | null> {
  return db.dossier.findUnique({ where: { code } });
}
