// Resolvers of the dossier subgraph. The catalogue is public; dossiers are visible to their owner only.
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { assertSelf, requireSubject, resolveCitizenReference, resolveMe } from '../kit/access.ts';
import type { CitizenRef } from '../kit/access.ts';
import { pageSize } from '../kit/loaders.ts';
import { DateTime } from '../kit/scalars.ts';
import type { SubgraphContext } from '../kit/server.ts';
import { findDossierByCode } from './dossiers.ts';
import { searchProcedures } from './procedures.ts';
import type { DossierLoaders } from './loaders.ts';
import type { Dossier, DossierStatus, PrismaClient, Procedure } from './prisma/generated/client.ts';

type Context = SubgraphContext<PrismaClient, DossierLoaders>;
const FINISHED: ReadonlySet<DossierStatus> = new Set<DossierStatus>(['DONE', 'UNRESOLVED', 'CANCELLED', 'DENIED']);

export const resolvers: GraphQLResolverMap<Context> = {
  DateTime,
  Query: {
    me: resolveMe,
    procedures: (_root, args: { search?: string | null; field?: string | null; first?: number | null }, { db }: Context) =>
      searchProcedures(db, { search: args.search?.trim() || undefined, field: args.field ?? undefined, first: pageSize(args.first, 50, 200) }),
    procedure: (_root, { code }: { code: string }, { loaders }: Context) => loaders.procedure.load(code),
    dossier: async (_root, { code }: { code: string }, { db, viewer }: Context) => {
      const subject = requireSubject(viewer);
      const dossier = await findDossierByCode(db, code);
      // Someone else's dossier looks exactly like a missing one: codes must not be probed.
      return dossier && dossier.ownerId === subject ? dossier : null;
    },
  },
  Citizen: {
    __resolveReference: resolveCitizenReference,
    dossiers: (citizen: CitizenRef, args: { first?: number | null; status?: DossierStatus | null }, { viewer, loaders }: Context) => {
      assertSelf(viewer, citizen.id);
      return loaders.dossiersByOwner(pageSize(args.first, 20), args.status ?? undefined).load(citizen.id);
    },
  },
  Procedure: {
    agency: (procedure: Procedure, _args, { loaders }: Context) => loaders.agency.load(procedure.agencyCode),
  },
  Dossier: {
    procedure: (dossier: Dossier, _args, { loaders }: Context) => loaders.procedure.load(dossier.procedureCode),
    overdue: (dossier: Dossier) => {
      const finishedAt = dossier.returnedAt ?? (FINISHED.has(dossier.status) ? dossier.updatedAt : new Date());
      return finishedAt.getTime() > dossier.dueAt.getTime();
    },
  },
};
