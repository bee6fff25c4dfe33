// Resolvers of the planning subgraph. Lookups are public; a citizen's watched parcels are their own.
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { codedError } from '../../schema/errors.ts';
import { assertSelf, resolveCitizenReference, resolveMe } from '../kit/access.ts';
import type { CitizenRef } from '../kit/access.ts';
import { wardBoundary } from '../kit/geo/ward-boundaries.ts';
import { findWardByCode, WARDS } from '../kit/reference/wards.ts';
import type { Ward } from '../kit/reference/wards.ts';
import { DateTime } from '../kit/scalars.ts';
import type { SubgraphContext } from '../kit/server.ts';
import { findParcel, findParcelsInBox, listPlanningSchemes } from './parcels.ts';
import type { PlanningLoaders } from './loaders.ts';
import { GeoJSON, parcelByNumber, parcelsInBox, planningAt, planningAtVn2000, simplified } from './lookups.ts';
import type { PlanningLookup } from './lookups.ts';
import type { LandUseZone, Parcel, ParcelWatch, PlanningScheme, PrismaClient } from './prisma/generated/client.ts';

type Context = SubgraphContext<PrismaClient, PlanningLoaders>;
const EARTH_RADIUS_M = 6_371_000;
const MAX_RADIUS_M = 1_000;

function distanceMeters(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const toRad = Math.PI / 180;
  const x = (lng2 - lng1) * toRad * Math.cos(((lat1 + lat2) / 2) * toRad);
  const y = (lat2 - lat1) * toRad;
  return Math.sqrt(x * x + y * y) * EARTH_RADIUS_M;
}

async function parcelsNear(db: PrismaClient, lat: number, lng: number, radius: number): Promise<Parcel[]> {
  if (!(lat >= 8 && lat <= 23.5 && lng >= 102 && lng <= 110)) throw codedError('BAD_USER_INPUT', 'The point is outside Việt Nam.', { argument: 'lat/lng' });
  if (!(radius > 0 && radius <= MAX_RADIUS_M)) throw codedError('BAD_USER_INPUT', `radiusMeters must be between 1 and ${MAX_RADIUS_M}.`, { argument: 'radiusMeters' });
  const dLat = (radius / EARTH_RADIUS_M) * (180 / Math.PI);
  const dLng = dLat / Math.cos((lat * Math.PI) / 180);
  const candidates = await findParcelsInBox(db, { minLat: lat - dLat, maxLat: lat + dLat, minLng: lng - dLng, maxLng: lng + dLng }, 500);
  return candidates
    .map((parcel) => ({ parcel, distance: distanceMeters(lat, lng, parcel.lat, parcel.lng) }))
    .filter((entry) => entry.distance <= radius)
    .sort((a, b) => a.distance - b.distance)
    .map((entry) => entry.parcel);
}

type Tolerance = { toleranceMeters?: number | null };

export const resolvers: GraphQLResolverMap<Context> = {
  DateTime,
  GeoJSON,
  Query: {
    me: resolveMe,
    wards: (_root, { province }: { province?: string | null }) => (province ? WARDS.filter((ward) => ward.province === province) : WARDS),
    parcel: (_root, args: { wardCode: string; sheet: number; number: number }, { db }: Context) => findParcel(db, args.wardCode, args.sheet, args.number),
    parcelsNear: (_root, args: { lat: number; lng: number; radiusMeters?: number | null }, { db }: Context) => parcelsNear(db, args.lat, args.lng, args.radiusMeters ?? 200),
    planningSchemes: (_root, _args, { db }: Context) => listPlanningSchemes(db),
    planningAt: (_root, args: { lat: number; lng: number }, { db }: Context) => planningAt(db, args.lat, args.lng),
    planningAtVn2000: (_root, args: { x: number; y: number; province: 'HCM' | 'DONG_THAP'; centralMeridian?: number | null }, { db }: Context) =>
      planningAtVn2000(db, args.x, args.y, args.province, args.centralMeridian),
    parcelByNumber: (_root, args: { ward: string; sheet: number; number: number }, { db }: Context) => parcelByNumber(db, args.ward, args.sheet, args.number),
    parcelsInBox: (_root, args: { box: { west: number; south: number; east: number; north: number }; first?: number | null }, { db }: Context) => parcelsInBox(db, args.box, args.first ?? 500),
  },
  PlanningLookup: {
    zone: (lookup: PlanningLookup, _args, { loaders }: Context) => (lookup.parcel ? loaders.zone.load(lookup.parcel.zoneCode) : lookup.zone),
    scheme: async (lookup: PlanningLookup, _args, { loaders }: Context) => {
      const zone = lookup.parcel ? await loaders.zone.load(lookup.parcel.zoneCode) : lookup.zone;
      return zone ? loaders.scheme.load(zone.schemeCode) : null;
    },
  },
  Ward: {
    geometry: (ward: Ward, args: Tolerance) => simplified(wardBoundary(ward.code), args.toleranceMeters),
  },
  Citizen: {
    __resolveReference: resolveCitizenReference,
    watchedParcels: (citizen: CitizenRef, _args, { viewer, loaders }: Context) => {
      assertSelf(viewer, citizen.id);
      return loaders.watchesByCitizen.load(citizen.id);
    },
  },
  ParcelWatch: {
    parcel: (watch: ParcelWatch, _args, { loaders }: Context) => loaders.parcel.load(watch.parcelId),
  },
  Parcel: {
    ward: (parcel: Parcel) => findWardByCode(parcel.wardCode),
    location: (parcel: Parcel) => ({ lat: parcel.lat, lng: parcel.lng }),
    zone: (parcel: Parcel, _args, { loaders }: Context) => loaders.zone.load(parcel.zoneCode),
    geometry: (parcel: Parcel, args: Tolerance) => simplified(parcel.geometry, args.toleranceMeters),
  },
  LandUseZone: {
    scheme: (zone: LandUseZone, _args, { loaders }: Context) => loaders.scheme.load(zone.schemeCode),
    geometry: (zone: LandUseZone, args: Tolerance) => simplified(zone.geometry, args.toleranceMeters),
  },
  PlanningScheme: {
    decisionDate: (scheme: PlanningScheme) => scheme.decisionDate.toISOString().slice(0, 10),
    documents: (scheme: PlanningScheme) => (Array.isArray(scheme.documents) ? scheme.documents : []),
    geometry: (scheme: PlanningScheme, args: Tolerance) => simplified(scheme.geometry, args.toleranceMeters),
  },
};
