// The GraphQL entries of ingestion: upsertDossiers (agency clients, scope dossier:write, their own agency
// codes), and for operators the vendor status mappings (read, set, remove) and the dead-letter list.
import { hasRole } from '../../../auth/viewer.ts';
import type { Viewer } from '../../../auth/viewer.ts';
import { codedError } from '../../../schema/errors.ts';
import { requireSubject } from '../../kit/access.ts';
import { pageSize } from '../../kit/loaders.ts';
import type { DossierDeadLetter, DossierStatus } from '../prisma/generated/client.ts';
import type { DossierContext } from '../services.ts';
import { ingestDossiers } from './ingest.ts';
import { listDeadLetters, listVendorMappings, removeVendorMapping, setVendorMapping } from './mapping.ts';

function requireOperator(viewer: Viewer): string {
  if (!hasRole(viewer, 'operator')) throw codedError('FORBIDDEN', 'Only operators manage vendor mappings and dead letters.');
  return requireSubject(viewer);
}

/** Query, Mutation and type resolvers of ingestion. */
export const ingestionResolvers = {
  Query: {
    dossierStatusMappings: (_root: unknown, { vendor }: { vendor?: string | null }, { db, viewer }: DossierContext) => {
      requireOperator(viewer);
      return listVendorMappings(db, vendor ?? undefined);
    },
    dossierDeadLetters: (_root: unknown, args: { vendor?: string | null; includeResolved?: boolean | null; first?: number | null }, { db, viewer }: DossierContext) => {
      requireOperator(viewer);
      return listDeadLetters(db, { vendor: args.vendor ?? undefined, includeResolved: args.includeResolved ?? false, first: pageSize(args.first, 50, 500) });
    },
  },
  Mutation: {
    upsertDossiers: (_root: unknown, { records }: { records: unknown[] }, { services, viewer }: DossierContext) =>
      ingestDossiers(
        services,
        viewer,
        records.map((input, index) => ({ line: index + 1, input: { ...(input as object) } })),
      ),
    setDossierStatusMapping: (_root: unknown, args: { vendor: string; vendorCode: string; status: DossierStatus }, { db, viewer }: DossierContext) =>
      setVendorMapping(db, args.vendor, args.vendorCode, args.status, requireOperator(viewer)),
    removeDossierStatusMapping: (_root: unknown, args: { vendor: string; vendorCode: string }, { db, viewer }: DossierContext) => {
      requireOperator(viewer);
      return removeVendorMapping(db, args.vendor, args.vendorCode);
    },
  },
  DossierDeadLetter: {
    id: (letter: DossierDeadLetter) => String(letter.id),
  },
};
