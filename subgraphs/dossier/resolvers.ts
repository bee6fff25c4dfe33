// Resolvers of the dossier subgraph, assembled from its features (each folder's resolvers.ts). The
// catalogue is public; dossiers are visible to their owner only.
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { resolveCitizenReference, resolveMe } from '../kit/access.ts';
import { pageSize } from '../kit/loaders.ts';
import { DateTime } from '../kit/scalars.ts';
import { citizenResolvers } from './citizens/resolvers.ts';
import { dossierResolvers } from './dossiers/resolvers.ts';
import { ingestionResolvers } from './ingestion/resolvers.ts';
import { lookupResolvers } from './lookup/resolvers.ts';
import { searchProcedures } from './procedures.ts';
import type { Procedure } from './prisma/generated/client.ts';
import type { DossierContext } from './services.ts';

type Context = DossierContext;

export const resolvers: GraphQLResolverMap<Context> = {
  DateTime,
  Query: {
    me: resolveMe,
    procedures: (_root, args: { search?: string | null; field?: string | null; first?: number | null }, { db }: Context) =>
      searchProcedures(db, { search: args.search?.trim() || undefined, field: args.field ?? undefined, first: pageSize(args.first, 50, 200) }),
    procedure: (_root, { code }: { code: string }, { loaders }: Context) => loaders.procedure.load(code),
    ...dossierResolvers.Query,
    ...lookupResolvers.Query,
    ...ingestionResolvers.Query,
  },
  Mutation: {
    ...citizenResolvers.Mutation,
    ...ingestionResolvers.Mutation,
  },
  Citizen: {
    __resolveReference: resolveCitizenReference,
    ...dossierResolvers.Citizen,
  },
  Procedure: {
    agency: (procedure: Procedure, _args, { loaders }: Context) => loaders.agency.load(procedure.agencyCode),
  },
  Dossier: { ...dossierResolvers.Dossier, ...citizenResolvers.Dossier },
  DossierDocument: citizenResolvers.DossierDocument,
  DossierDeadLetter: ingestionResolvers.DossierDeadLetter,
  DossierStep: dossierResolvers.DossierStep,
  DossierTracking: lookupResolvers.DossierTracking,
  DossierPublicStep: lookupResolvers.DossierPublicStep,
};
