// Queries on parcels, zones, schemes and watches, named by verb. Spatial ones narrow by the GiST-indexed
// `bbox` (built-in `box`, the same on PGlite and PostgreSQL) and decide with kit/geo's exact test.
import { geometryContains } from '../kit/geo/geometry.ts';
import type { AreaGeometry, BBox } from '../kit/geo/geometry.ts';
import { Prisma } from './prisma/generated/client.ts';
import type { LandUseZone, Parcel, ParcelWatch, PlanningScheme, PrismaClient } from './prisma/generated/client.ts';

/** A parcel row's columns as Prisma's `Parcel`, for raw queries. */
const PARCEL_FIELDS = Prisma.raw(`id::text AS id, feature_id AS "featureId", ward_code AS "wardCode", former_ward_name AS "formerWardName", sheet, number,
  area_m2 AS "areaM2", zone_code AS "zoneCode", address, lat, lng, geometry`);

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

/**
 * Zones by code, each with its scheme: one query for what a point lookup asks one after the other
 * (the zone, then its scheme). Rows as Prisma's models.
 */
export async function findZonesWithSchemes(db: PrismaClient, codes: readonly string[]): Promise<{ zone: LandUseZone; scheme: PlanningScheme }[]> {
  const rows = await db.$queryRaw<(LandUseZone & { scheme: Omit<PlanningScheme, 'decisionDate'> & { decisionDate: string } })[]>`
    SELECT z.code, z.scheme_code AS "schemeCode", z.function, z.max_density_pct AS "maxDensityPct", z.max_storeys AS "maxStoreys", z.max_far AS "maxFar",
      z.road_setback_m AS "roadSetbackM", z.geometry,
      json_build_object('code', s.code, 'name', s.name, 'level', s.level, 'scale', s.scale, 'decisionNumber', s.decision_number, 'decisionDate', s.decision_date::text,
        'authority', s.authority, 'documents', s.documents, 'geometry', s.geometry) AS scheme
    FROM land_use_zone z JOIN planning_scheme s ON s.code = z.scheme_code WHERE z.code = ANY(${[...codes]}::text[])`;
  return rows.map(({ scheme, ...zone }) => ({ zone, scheme: { ...scheme, decisionDate: new Date(`${scheme.decisionDate}T00:00:00Z`) } }));
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

/** A row that has a geometry: its key and its GeoJSON. */
interface Shaped {
  readonly key: string;
  readonly geometry: AreaGeometry;
}

/**
 * The first of `candidates` whose geometry holds the point (boundary rule of kit/geo), in key order so
 * that overlapping data (which the import refuses, but a hand edit could make) still answers one way.
 */
function holding(candidates: readonly Shaped[], lng: number, lat: number): string | undefined {
  return [...candidates].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).find((row) => geometryContains(row.geometry, lng, lat))?.key;
}

/**
 * The parcel whose shape holds (lat, lng): GiST box candidates, whole rows, then the exact test — one
 * query (it was candidates, then the chosen row by id: a second round trip on every point lookup).
 */
export async function findParcelAt(db: PrismaClient, lat: number, lng: number): Promise<Parcel | null> {
  const candidates = await db.$queryRaw<Parcel[]>`SELECT ${PARCEL_FIELDS} FROM parcel
    WHERE bbox && box(point(${lng}::float8, ${lat}::float8), point(${lng}::float8, ${lat}::float8)) LIMIT 64`;
  const id = holding(
    candidates.map((row) => ({ key: row.id, geometry: row.geometry as unknown as AreaGeometry })),
    lng,
    lat,
  );
  return candidates.find((row) => row.id === id) ?? null;
}

/** The land-use zone whose shape holds (lat, lng). */
export async function findZoneAt(db: PrismaClient, lat: number, lng: number): Promise<LandUseZone | null> {
  const candidates = await db.$queryRaw<
    Shaped[]
  >`SELECT code AS key, geometry FROM land_use_zone WHERE bbox && box(point(${lng}::float8, ${lat}::float8), point(${lng}::float8, ${lat}::float8)) LIMIT 64`;
  const code = holding(candidates, lng, lat);
  return code === undefined ? null : db.landUseZone.findUnique({ where: { code } });
}

/** Parcels whose bounding box meets the map box, by id, at most `limit`: one query (rows, not ids then rows). */
export function findParcelsMeetingBox(db: PrismaClient, box: BBox, limit: number): Promise<Parcel[]> {
  return db.$queryRaw<Parcel[]>`SELECT ${PARCEL_FIELDS}
    FROM parcel WHERE bbox && box(point(${box.west}::float8, ${box.south}::float8), point(${box.east}::float8, ${box.north}::float8)) ORDER BY id LIMIT ${limit}`;
}

/** One parcel by the pre-2025 ward's name (as on certificates issued before the reform), sheet and number. */
export function findParcelByFormerWard(db: PrismaClient, formerWardName: string, sheet: number, number: number): Promise<Parcel | null> {
  return db.parcel.findFirst({ where: { formerWardName: { equals: formerWardName, mode: 'insensitive' }, sheet, number }, orderBy: { id: 'asc' } });
}

/** Whether a ward (new code or pre-2025 name) has any parcel on `sheet`. */
export async function sheetExists(db: PrismaClient, ward: { wardCode?: string; formerWardName?: string }, sheet: number): Promise<boolean> {
  const where = ward.wardCode ? { wardCode: ward.wardCode, sheet } : { formerWardName: { equals: ward.formerWardName ?? '', mode: 'insensitive' as const }, sheet };
  return (await db.parcel.count({ where, take: 1 })) > 0;
}

/** Whether any parcel names `formerWardName` as its pre-2025 ward. */
export async function formerWardExists(db: PrismaClient, formerWardName: string): Promise<boolean> {
  return (await db.parcel.count({ where: { formerWardName: { equals: formerWardName, mode: 'insensitive' } }, take: 1 })) > 0;
}
