// Per-request dataloaders: one query per batch of entities.
import type DataLoader from 'dataloader';
import type { Viewer } from '../../auth/viewer.ts';
import { manyByKey, oneByKey } from '../kit/loaders.ts';
import { findParcelsByIds, findSchemesByCodes, findWatchesByCitizenIds, findZonesWithSchemes } from './parcels.ts';
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
  const scheme = oneByKey(
    (codes: readonly string[]) => findSchemesByCodes(db, codes),
    (row) => row.code,
  );
  return {
    watchesByCitizen: manyByKey(
      (ids) => findWatchesByCitizenIds(db, ids),
      (row) => row.citizenId,
    ),
    parcel: oneByKey(
      (ids) => findParcelsByIds(db, ids),
      (row) => row.id,
    ),
    // A zone comes with its scheme (one query, not two in a row), which the scheme loader then holds.
    zone: oneByKey(
      async (codes: readonly string[]) => {
        const rows = await findZonesWithSchemes(db, codes);
        for (const row of rows) scheme.prime(row.scheme.code, row.scheme);
        return rows.map((row) => row.zone);
      },
      (row) => row.code,
    ),
    scheme,
  };
}
