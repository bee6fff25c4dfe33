// Queries on parcels, zones, schemes and watches, named by verb.
import type { LandUseZone, Parcel, ParcelWatch, PlanningScheme, PrismaClient } from './prisma/generated/client.ts';

/** One parcel by its cadastral address. */
export function findParcel(db: PrismaClient, wardCode: string, sheet: number, number: number): Promise<Parcel | null> {
  return db.parcel.findUnique({ where: { wardCode_sheet_number: { wardCode, sheet, number } } });
}

/** Parcels inside a lat/lng box (the caller refines by distance). */
export function findParcelsInBox(db: PrismaClient, box: { minLat: number; maxLat: number; minLng: number; maxLng: number }, limit: number): Promise<Parcel[]> {
  return db.parcel.findMany({
    where: { lat: { gte: box.minLat, lte: box.maxLat }, lng: { gte: box.minLng, lte: box.maxLng } },
    take: limit,
  });
}

/** Parcels by id. */
export function findParcelsByIds(db: PrismaClient, ids: readonly string[]): Promise<Parcel[]> {
  return db.parcel.findMany({ where: { id: { in: [...ids] } } });
}

/** Zones by code. */
export function findZonesByCodes(db: PrismaClient, codes: readonly string[]): Promise<LandUseZone[]> {
  return db.landUseZone.findMany({ where: { code: { in: [...codes] } } });
}

/** Schemes by code. */
export function findSchemesByCodes(db: PrismaClient, codes: readonly string[]): Promise<PlanningScheme[]> {
  return db.planningScheme.findMany({ where: { code: { in: [...codes] } } });
}

/** Every scheme, newest decision first. */
export function listPlanningSchemes(db: PrismaClient): Promise<PlanningScheme[]> {
  return db.planningScheme.findMany({ orderBy: { decisionDate: 'desc' } });
}

/** Watches of each citizen. */
export function findWatchesByCitizenIds(db: PrismaClient, citizenIds: readonly string[]): Promise<ParcelWatch[]> {
  return db.parcelWatch.findMany({ where: { citizenId: { in: [...citizenIds] } }, orderBy: { createdAt: 'asc' } });
}
