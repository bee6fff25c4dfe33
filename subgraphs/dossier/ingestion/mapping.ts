// The vendors' status codes → ours, as data (dossier_vendor_status): read per batch, edited by operators;
// and the dead-letter list of records refused because a code had no mapping. Setting a mapping marks the
// dead letters it answers as resolved (the agency sends those records again).
import { codedError } from '../../../schema/errors.ts';
import type { DossierDeadLetter, DossierStatus, DossierVendorStatus, PrismaClient } from '../prisma/generated/client.ts';
import { VENDOR, VENDOR_CODE } from './record.ts';

/** A vendor's codes → our statuses. */
export async function loadVendorMapping(db: Pick<PrismaClient, 'dossierVendorStatus'>, vendor: string): Promise<ReadonlyMap<string, DossierStatus>> {
  const rows = await db.dossierVendorStatus.findMany({ where: { vendor } });
  return new Map(rows.map((row) => [row.vendorCode, row.status]));
}

/** The mappings, of one vendor or all, by vendor and code. */
export function listVendorMappings(db: PrismaClient, vendor: string | undefined): Promise<DossierVendorStatus[]> {
  return db.dossierVendorStatus.findMany({ where: vendor ? { vendor } : {}, orderBy: [{ vendor: 'asc' }, { vendorCode: 'asc' }] });
}

function checkKey(vendor: string, vendorCode: string): void {
  if (!VENDOR.test(vendor)) throw codedError('BAD_USER_INPUT', 'vendor must be a vendor name such as vnpt-igate.', { field: 'vendor' });
  if (!VENDOR_CODE.test(vendorCode)) throw codedError('BAD_USER_INPUT', 'vendorCode must be 1–40 letters, digits or _ . : -.', { field: 'vendorCode' });
}

/** Map `vendor`'s `vendorCode` to `status` (create or change), and resolve the dead letters it answers. */
export async function setVendorMapping(db: PrismaClient, vendor: string, vendorCode: string, status: DossierStatus, operator: string, now = new Date()): Promise<DossierVendorStatus> {
  checkKey(vendor, vendorCode);
  return db.$transaction(async (tx) => {
    const mapping = await tx.dossierVendorStatus.upsert({
      where: { vendor_vendorCode: { vendor, vendorCode } },
      create: { vendor, vendorCode, status, updatedBy: operator },
      update: { status, updatedBy: operator },
    });
    await tx.dossierDeadLetter.updateMany({ where: { vendor, vendorCode, resolvedAt: null }, data: { resolvedAt: now } });
    return mapping;
  });
}

/** Remove a mapping; false when there was none. */
export async function removeVendorMapping(db: PrismaClient, vendor: string, vendorCode: string): Promise<boolean> {
  checkKey(vendor, vendorCode);
  const { count } = await db.dossierVendorStatus.deleteMany({ where: { vendor, vendorCode } });
  return count > 0;
}

/** What a dead letter records: codes only. */
export type DeadLetterInput = Pick<DossierDeadLetter, 'vendor' | 'vendorCode' | 'dossierCode' | 'eventId' | 'line' | 'clientId'>;

/** Record refused records' unmapped codes. */
export async function writeDeadLetters(db: PrismaClient, letters: readonly DeadLetterInput[]): Promise<void> {
  if (letters.length > 0) await db.dossierDeadLetter.createMany({ data: [...letters] });
}

/** The dead letters, newest last: unresolved ones unless `includeResolved`. */
export function listDeadLetters(db: PrismaClient, filter: { vendor?: string | undefined; includeResolved: boolean; first: number }): Promise<DossierDeadLetter[]> {
  return db.dossierDeadLetter.findMany({
    where: { ...(filter.vendor ? { vendor: filter.vendor } : {}), ...(filter.includeResolved ? {} : { resolvedAt: null }) },
    orderBy: { id: 'asc' },
    take: filter.first,
  });
}
