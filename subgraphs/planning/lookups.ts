// The planning lookups a citizen makes — by GPS point, by VN-2000 certificate coordinates, by ward +
// sheet + parcel number (new or pre-2025 ward), by map box — with their input checks. Every refusal is
// a catalogued code (schema/errors.ts) that echoes no input value.
import type { GraphQLError } from 'graphql';
import { GraphQLScalarType } from 'graphql';
import { codedError } from '../../schema/errors.ts';
import type { AreaGeometry, BBox } from '../kit/geo/geometry.ts';
import { simplifyGeometry } from '../kit/geo/simplify.ts';
import { wardAt } from '../kit/geo/ward-boundaries.ts';
import { findWardByCode } from '../kit/reference/wards.ts';
import type { Ward } from '../kit/reference/wards.ts';
import { findParcel, findParcelAt, findParcelByFormerWard, findParcelsMeetingBox, findZoneAt, formerWardExists, sheetExists } from './parcels.ts';
import type { LandUseZone, Parcel, PrismaClient } from './prisma/generated/client.ts';
import { DEFAULT_CENTRAL_MERIDIAN, isCentralMeridian, vn2000ToWgs84 } from './vn2000.ts';

/** Largest side of a map box, degrees (about 5.5 km: a large ward). */
export const MAX_BOX_SPAN_DEGREES = 0.05;
/** Most parcels one map box returns. */
export const MAX_BOX_PARCELS = 2000;
const MAX_TOLERANCE_M = 1000;

/** Output-only scalar: a GeoJSON geometry object as stored. */
export const GeoJSON = new GraphQLScalarType<AreaGeometry, AreaGeometry>({
  name: 'GeoJSON',
  description: 'A GeoJSON geometry object (RFC 7946).',
  serialize: (value) => value as AreaGeometry,
  parseValue: () => {
    throw codedError('BAD_USER_INPUT', 'GeoJSON is an output type.');
  },
  parseLiteral: () => {
    throw codedError('BAD_USER_INPUT', 'GeoJSON is an output type.');
  },
});

/** A point lookup's answer before its fields resolve. */
export interface PlanningLookup {
  readonly point: { lat: number; lng: number };
  readonly ward: Ward;
  readonly parcel: Parcel | null;
  readonly zone: LandUseZone | null;
}

function finite(value: number, argument: string): void {
  if (!Number.isFinite(value)) throw codedError('BAD_USER_INPUT', `${argument} must be a finite number.`, { argument });
}

/** The ward holding a WGS 84 point, or LOCATION_OUTSIDE_JURISDICTION. */
function wardHolding(lat: number, lng: number): Ward {
  const ward = wardAt(lat, lng);
  if (!ward) throw codedError('LOCATION_OUTSIDE_JURISDICTION', 'The point is outside the provinces this hub serves.', { argument: 'location' });
  return ward;
}

/** Ward, parcel and zone at a WGS 84 point. */
export async function planningAt(db: PrismaClient, lat: number, lng: number): Promise<PlanningLookup> {
  finite(lat, 'lat');
  finite(lng, 'lng');
  if (lat < -90 || lat > 90 || lng < -180 || lng > 180) throw codedError('BAD_USER_INPUT', 'lat must be within ±90 and lng within ±180.', { argument: 'lat/lng' });
  const ward = wardHolding(lat, lng);
  const parcel = await findParcelAt(db, lat, lng);
  const zone = parcel ? null : await findZoneAt(db, lat, lng);
  return { point: { lat, lng }, ward, parcel, zone };
}

/** The same at a VN-2000 point (x northing, y easting) on the province's or the given meridian. */
export function planningAtVn2000(db: PrismaClient, x: number, y: number, province: 'HCM' | 'DONG_THAP', centralMeridian: number | null | undefined): Promise<PlanningLookup> {
  finite(x, 'x');
  finite(y, 'y');
  const meridian = centralMeridian ?? DEFAULT_CENTRAL_MERIDIAN[province];
  if (!isCentralMeridian(meridian)) throw codedError('BAD_USER_INPUT', 'centralMeridian must be a VN-2000 meridian: 102 to 109 in steps of 0.25.', { argument: 'centralMeridian' });
  const point = vn2000ToWgs84(x, y, meridian);
  if (!point) throw codedError('VN2000_OUTSIDE_ZONE', "x/y is not a point of this meridian's 3° zone in Việt Nam.", { argument: 'x/y' });
  const ward = wardAt(point.lat, point.lng);
  if (!ward || ward.province !== province) throw codedError('LOCATION_OUTSIDE_JURISDICTION', 'The point is outside the province.', { argument: 'x/y' });
  return planningAt(db, point.lat, point.lng);
}

function notFound(field: 'ward' | 'sheet' | 'number', message: string): GraphQLError {
  return codedError('NOT_FOUND', message, { field });
}

/** A parcel by ward (code after the reform, or pre-2025 name), sheet and number; NOT_FOUND says which part is unknown. */
export async function parcelByNumber(db: PrismaClient, ward: string, sheet: number, number: number): Promise<Parcel> {
  const trimmed = ward.trim();
  if (trimmed === '' || trimmed.length > 200) throw codedError('BAD_USER_INPUT', 'ward must be a ward code or a pre-2025 ward name.', { argument: 'ward' });
  if (sheet < 1 || number < 1) throw codedError('BAD_USER_INPUT', 'sheet and number start at 1.', { argument: sheet < 1 ? 'sheet' : 'number' });
  const current = findWardByCode(trimmed.toUpperCase());
  if (current) {
    const parcel = await findParcel(db, current.code, sheet, number);
    if (parcel) return parcel;
    if (!(await sheetExists(db, { wardCode: current.code }, sheet))) throw notFound('sheet', 'This ward has no such map sheet.');
    throw notFound('number', 'This sheet has no such parcel.');
  }
  const parcel = await findParcelByFormerWard(db, trimmed, sheet, number);
  if (parcel) return parcel;
  if (!(await formerWardExists(db, trimmed))) throw notFound('ward', 'No ward has this code or pre-2025 name.');
  if (!(await sheetExists(db, { formerWardName: trimmed }, sheet))) throw notFound('sheet', 'This ward has no such map sheet.');
  throw notFound('number', 'This sheet has no such parcel.');
}

/** Parcels meeting a map box, capped in span and count. */
export function parcelsInBox(db: PrismaClient, box: BBox, first: number): Promise<Parcel[]> {
  for (const side of ['west', 'south', 'east', 'north'] as const) finite(box[side], `box.${side}`);
  if (box.west >= box.east || box.south >= box.north) throw codedError('BAD_USER_INPUT', 'The box must have west < east and south < north.', { argument: 'box' });
  if (box.east - box.west > MAX_BOX_SPAN_DEGREES || box.north - box.south > MAX_BOX_SPAN_DEGREES) {
    throw codedError('MAP_BOX_TOO_LARGE', `Each side of the box may span at most ${MAX_BOX_SPAN_DEGREES}°.`, { argument: 'box', maxSpanDegrees: MAX_BOX_SPAN_DEGREES });
  }
  if (!Number.isInteger(first) || first < 1 || first > MAX_BOX_PARCELS) throw codedError('BAD_USER_INPUT', `first must be between 1 and ${MAX_BOX_PARCELS}.`, { argument: 'first' });
  return findParcelsMeetingBox(db, box, first);
}

/** A stored geometry simplified for a map; null stays null. */
export function simplified(geometry: unknown, toleranceMeters: number | null | undefined): AreaGeometry | null {
  const tolerance = toleranceMeters ?? 0;
  if (!Number.isFinite(tolerance) || tolerance < 0 || tolerance > MAX_TOLERANCE_M) {
    throw codedError('BAD_USER_INPUT', `toleranceMeters must be between 0 and ${MAX_TOLERANCE_M}.`, { argument: 'toleranceMeters' });
  }
  if (geometry === null || geometry === undefined) return null;
  return simplifyGeometry(geometry as AreaGeometry, tolerance);
}
