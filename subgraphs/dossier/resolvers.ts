// Resolvers of the dossier subgraph, assembled from its features. The catalogue (catalogue/resolvers.ts)
// is public, its edits for catalogue editors; dossiers are visible to their owner only.
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { assertSelf, requireSubject, resolveCitizenReference, resolveMe } from '../kit/access.ts';
import type { CitizenRef } from '../kit/access.ts';
import { pageSize } from '../kit/loaders.ts';
import { DateTime } from '../kit/scalars.ts';
import { catalogueResolvers } from './catalogue/resolvers.ts';
import { findDossierByCode } from './dossiers.ts';
import type { Dossier, DossierStatus } from './prisma/generated/client.ts';
import type { DossierContext as Context } from './services.ts';

const FINISHED: ReadonlySet<DossierStatus> = new Set<DossierStatus>(['DONE', 'UNRESOLVED', 'CANCELLED', 'DENIED']);

export const resolvers: GraphQLResolverMap<Context> = {
  DateTime,
  Query: {
    me: resolveMe,
    ...catalogueResolvers.Query,
    dossier: async (_root, { code }: { code: string }, { db, viewer }: Context) => {
      const subject = requireSubject(viewer);
      const dossier = await findDossierByCode(db, code);
      // Someone else's dossier looks exactly like a missing one: codes must not be probed.
      return dossier && dossier.ownerId === subject ? dossier : null;
    },
  },
  Mutation: {
    ...catalogueResolvers.Mutation,
  },
  Citizen: {
    __resolveReference: resolveCitizenReference,
    dossiers: (citizen: CitizenRef, args: { first?: number | null; status?: DossierStatus | null }, { viewer, loaders }: Context) => {
      assertSelf(viewer, citizen.id);
      return loaders.dossiersByOwner(pageSize(args.first, 20), args.status ?? undefined).load(citizen.id);
    },
  },
  Procedure: catalogueResolvers.Procedure,
  FaqEntry: catalogueResolvers.FaqEntry,
  CatalogueChange: catalogueResolvers.CatalogueChange,
  Dossier: {
    procedure: (dossier: Dossier, _args, { loaders }: Context) => loaders.procedure.load(dossier.procedureCode),
    overdue: (dossier: Dossier) => {
      const finishedAt = dossier.returnedAt ?? (FINISHED.has(dossier.status) ? dossier.updatedAt : new Date());
      return finishedAt.getTime() > dossier.dueAt.getTime();
    },
  },
};
