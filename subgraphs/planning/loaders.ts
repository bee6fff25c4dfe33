// Per-request dataloaders: one query per batch of entities.
import type DataLoader from 'dataloader';
import type { Viewer } from '../../auth/viewer.ts';
import { manyByKey, oneByKey } from '../kit/loaders.ts';
import { findParcelsByIds, findSchemesByCodes, findWatchesByCitizenIds, findZonesByCodes } from './parcels.ts';
import type { LandUseZone, Parcel, ParcelWatch, PlanningScheme, PrismaClient } from './prisma/generated/client.ts';

/** Loaders of the planning subgraph. */
export interface PlanningLoaders {
  readonly watchesByCitizen: DataLoader<string, ParcelWatch[]>;
  readonly parcel: DataLoader<string, Parcel | null>;
  readonly zone: DataLoader<string, LandUseZone | null>;
  readonly scheme: DataLoader<string, PlanningScheme | null>;
}

/** Create the loaders for one request. */
export function createPlanningLoaders(db: PrismaClient, _viewer: Viewer): PlanningLoaders {
  return {
    watchesByCitizen: manyByKey(
      (ids) => findWatchesByCitizenIds(db, ids),
      (row) => row.citizenId,
    ),
    parcel: oneByKey(
      (ids) => findParcelsByIds(db, ids),
      (row) => row.id,
    ),
    zone: oneByKey(
      (codes) => findZonesByCodes(db, codes),
      (row) => row.code,
    ),
    scheme: oneByKey(
      (codes) => findSchemesByCodes(db, codes),
      (row) => row.code,
    ),
  };
}
