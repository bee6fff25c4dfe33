// Loads the demo data into an empty or partly seeded database. Idempotent. Schemes and zones first as
// records (some have no shape), then every shape — the seed's parcels and the modelled grid — through
// the same import a city runs (import/import.ts), keyed so that a second run changes nothing.
import { demoPlanningFeatures } from '../import/demo-data.ts';
import { importPlanningFeatures } from '../import/import.ts';
import type { PrismaClient } from './generated/client.ts';
import { LAND_USE_ZONES, PARCEL_WATCHES, PLANNING_SCHEMES } from './seed-data.ts';

/** Seed schemes, zones, parcels (with shapes) and the demo citizens' watched parcels. */
export async function seedPlanning(db: PrismaClient): Promise<void> {
  await db.planningScheme.createMany({
    data: PLANNING_SCHEMES.map((scheme) => ({ ...scheme, decisionDate: new Date(`${scheme.decisionDate}T00:00:00Z`) })),
    skipDuplicates: true,
  });
  await db.landUseZone.createMany({ data: LAND_USE_ZONES.map((zone) => ({ ...zone })), skipDuplicates: true });
  const report = await importPlanningFeatures(db, demoPlanningFeatures());
  if (report.problems.length > 0) throw new Error(`seed: ${report.problems.length} demo features refused, first: #${report.problems[0]?.index} ${report.problems[0]?.reason}`);
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
