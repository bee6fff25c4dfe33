// Queries on dossiers, named by verb.
import { takePerKey } from '../../kit/loaders.ts';
import type { Dossier, DossierStatus, PrismaClient } from '../prisma/generated/client.ts';

/** The newest dossiers of each owner, at most `perOwner` each, optionally of one status. */
export async function findDossiersByOwnerIds(db: PrismaClient, ownerIds: readonly string[], perOwner: number, status: DossierStatus | undefined): Promise<Dossier[]> {
  const rows = await db.dossier.findMany({
    where: { ownerId: { in: [...ownerIds] }, ...(status ? { status } : {}) },
    orderBy: [{ receivedAt: 'desc' }, { code: 'asc' }],
  });
  return takePerKey(rows, (row) => row.ownerId ?? '', perOwner);
}

/** One dossier by code. */
export function findDossierByCode(db: PrismaClient, code: string): Promise<Dossier | null> {
  return db.dossier.findUnique({ where: { code } });
}
