// Resolvers of the dossier subgraph, assembled from its features (each folder's resolvers.ts). The
// catalogue (catalogue/resolvers.ts) is public, its edits for catalogue editors; dossiers are visible to
// their owner only (dossiers/, citizens/); a dossier's tracking (lookup/) shows only its public facts;
// agencies write through ingestion/; statistics/ publishes each agency's results.
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { resolveCitizenReference, resolveMe } from '../kit/access.ts';
import { DateTime } from '../kit/scalars.ts';
import { catalogueResolvers } from './catalogue/resolvers.ts';
import { citizenResolvers } from './citizens/resolvers.ts';
import { dossierResolvers } from './dossiers/resolvers.ts';
import { ingestionResolvers } from './ingestion/resolvers.ts';
import { lookupResolvers } from './lookup/resolvers.ts';
import { statisticsResolvers } from './statistics/resolvers.ts';
import type { DossierContext as Context } from './services.ts';

export const resolvers: GraphQLResolverMap<Context> = {
  DateTime,
  Subscription: dossierResolvers.Subscription,
  Query: {
    me: resolveMe,
    ...catalogueResolvers.Query,
    ...dossierResolvers.Query,
    ...lookupResolvers.Query,
    ...statisticsResolvers.Query,
    ...ingestionResolvers.Query,
  },
  Mutation: {
    ...catalogueResolvers.Mutation,
    ...citizenResolvers.Mutation,
    ...ingestionResolvers.Mutation,
  },
  Citizen: {
    __resolveReference: resolveCitizenReference,
    ...dossierResolvers.Citizen,
  },
  Procedure: catalogueResolvers.Procedure,
  FaqEntry: catalogueResolvers.FaqEntry,
  CatalogueChange: catalogueResolvers.CatalogueChange,
  Dossier: { ...dossierResolvers.Dossier, ...citizenResolvers.Dossier },
  DossierDocument: citizenResolvers.DossierDocument,
  DossierDeadLetter: ingestionResolvers.DossierDeadLetter,
  DossierStep: dossierResolvers.DossierStep,
  DossierTracking: lookupResolvers.DossierTracking,
  DossierPublicStep: lookupResolvers.DossierPublicStep,
  AgencyStatistics: statisticsResolvers.AgencyStatistics,
};
