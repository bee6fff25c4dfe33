// Loads the demo data (prisma/seed-data.ts) into an empty or partly seeded database. Idempotent.
import type { PrismaClient } from './generated/client.ts';
import { LAND_USE_ZONES, PARCEL_WATCHES, PARCELS, PLANNING_SCHEMES } from './seed-data.ts';

/** Seed schemes, zones, parcels and the demo citizens' watched parcels. */
export async function seedPlanning(db: PrismaClient): Promise<void> {
  await db.planningScheme.createMany({
    data: PLANNING_SCHEMES.map((scheme) => ({ ...scheme, decisionDate: new Date(`${scheme.decisionDate}T00:00:00Z`) })),
    skipDuplicates: true,
  });
  await db.landUseZone.createMany({ data: LAND_USE_ZONES.map((zone) => ({ ...zone })), skipDuplicates: true });
  await db.parcel.createMany({ data: PARCELS.map((parcel) => ({ ...parcel })), skipDuplicates: true });
  for (const watch of PARCEL_WATCHES) {
    const parcel = await db.parcel.findUnique({ where: { wardCode_sheet_number: { wardCode: watch.wardCode, sheet: watch.sheet, number: watch.number } } });
    if (!parcel) throw new Error(`seed: watched parcel ${watch.wardCode}/${watch.sheet}/${watch.number} does not exist`);
    await db.parcelWatch.upsert({
      where: { citizenId_parcelId: { citizenId: watch.citizenSub, parcelId: parcel.id } },
      create: { citizenId: watch.citizenSub, parcelId: parcel.id, note: watch.note },
      update: {},
    });
  }
}
