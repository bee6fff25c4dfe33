// Who in a unit hears about its work: the accounts linked to the unit's focal points (cán bộ đầu mối).
// Events name them by subject only, so the notification subgraph can reach them without knowing units.
import type { Prisma } from '../prisma/generated/client.ts';

/** The subjects of the officers of `unitCodes` (focal points with an account), each once, in a stable order. */
export async function unitOfficerIds(tx: Pick<Prisma.TransactionClient, 'focalPoint'>, unitCodes: readonly string[]): Promise<string[]> {
  if (unitCodes.length === 0) return [];
  const points = await tx.focalPoint.findMany({ where: { unitCode: { in: [...unitCodes] }, accountId: { not: null } }, select: { accountId: true }, orderBy: { id: 'asc' } });
  return [...new Set(points.flatMap((point) => (point.accountId === null ? [] : [point.accountId])))];
}
