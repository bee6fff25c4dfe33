// Per-request dataloaders: one query per batch of entities.
import type DataLoader from 'dataloader';
import type { Viewer } from '../../auth/viewer.ts';
import { loaderPerArguments, manyByKey, oneByKey } from '../kit/loaders.ts';
import { createCatalogueLoaders } from './catalogue/loaders.ts';
import type { CatalogueLoaders } from './catalogue/loaders.ts';
import { findAgenciesByCodes, findProceduresByCodes } from './catalogue/procedures.ts';
import { findDossiersByOwnerIds } from './dossiers/dossiers.ts';
import { findDocumentsByDossierIds } from './citizens/documents.ts';
import { findDossierTimelines } from './lifecycle/timeline.ts';
import type { Agency, Dossier, DossierDocument, DossierEvent, DossierRating, DossierStatus, PrismaClient, Procedure } from './prisma/generated/client.ts';
import type { DossierServices } from './services.ts';

/** Loaders of the dossier subgraph. */
export interface DossierLoaders {
  readonly dossiersByOwner: (first: number, status: DossierStatus | undefined) => DataLoader<string, Dossier[]>;
  readonly procedure: DataLoader<string, Procedure | null>;
  readonly agency: DataLoader<string, Agency | null>;
  /** A dossier's timeline by dossier id, oldest first. */
  readonly timeline: DataLoader<string, DossierEvent[]>;
  /** The catalogue's own (catalogue/loaders.ts). */
  readonly catalogue: CatalogueLoaders;
  /** A dossier's attached documents by dossier id. */
  readonly documents: DataLoader<string, DossierDocument[]>;
  /** A dossier's rating by dossier id. */
  readonly rating: DataLoader<string, DossierRating | null>;
}

/** Create the loaders for one request. */
export function createDossierLoaders(db: PrismaClient, _viewer: Viewer, services: Pick<DossierServices, 'catalogue'>): DossierLoaders {
  return {
    dossiersByOwner: loaderPerArguments((first: number, status: DossierStatus | undefined) =>
      manyByKey(
        (ids) => findDossiersByOwnerIds(db, ids, first, status),
        (row) => row.ownerId ?? '',
      ),
    ),
    // Procedures and agencies from the replica's catalogue snapshot (as fresh as its search: this replica's
    // edits at once, another's within DOSSIER_CATALOGUE_REFRESH_MS); the database only for what it lacks.
    procedure: oneByKey(
      (codes) => fromSnapshotOr(services, 'procedures', codes, (missing) => findProceduresByCodes(db, missing)),
      (row) => row.code,
    ),
    agency: oneByKey(
      (codes) => fromSnapshotOr(services, 'agencies', codes, (missing) => findAgenciesByCodes(db, missing)),
      (row) => row.code,
    ),
    timeline: manyByKey(
      (ids) => findDossierTimelines(db, ids),
      (row) => row.dossierId,
    ),
    catalogue: createCatalogueLoaders(db),
    documents: manyByKey(
      (ids) => findDocumentsByDossierIds(db, ids),
      (row) => row.dossierId ?? '',
    ),
    rating: oneByKey(
      (ids) => db.dossierRating.findMany({ where: { dossierId: { in: [...ids] } } }),
      (row) => row.dossierId,
    ),
  };
}

/** The records of `codes` found in the catalogue snapshot's `table`, and the rest read by `read`. */
async function fromSnapshotOr<Row>(
  services: Pick<DossierServices, 'catalogue'>,
  table: 'procedures' | 'agencies',
  codes: readonly string[],
  read: (missing: readonly string[]) => Promise<Row[]>,
): Promise<Row[]> {
  const snapshot = (await services.catalogue.snapshot())[table] as ReadonlyMap<string, Row>;
  const found: Row[] = [];
  const missing: string[] = [];
  for (const code of codes) {
    const row = snapshot.get(code);
    if (row === undefined) missing.push(code);
    else found.push(row);
  }
  return missing.length === 0 ? found : [...found, ...(await read(missing))];
}
