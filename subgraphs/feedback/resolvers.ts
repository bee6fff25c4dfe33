// Resolvers of the feedback subgraph, assembled from its features (each folder's resolvers.ts). Every
// field is listed once; the features' own files hold the checks (ownership on every path to a citizen's
// items, roles and units whatever path a request took).
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { resolveCitizenReference, resolveMe } from '../kit/access.ts';
import { DateTime } from '../kit/scalars.ts';
import { callResolvers } from './calls/resolvers.ts';
import { directiveResolvers } from './directives/resolvers.ts';
import { intakeResolvers } from './intake/resolvers.ts';
import { photoResolvers } from './photos/resolvers.ts';
import { publicViewResolvers } from './public-view/resolvers.ts';
import type { FeedbackContext } from './services.ts';
import { statisticsResolvers } from './statistics/resolvers.ts';
import { summaryResolvers } from './summary/resolvers.ts';
import { workflowResolvers } from './workflow/resolvers.ts';
import { staffLiveResolvers } from './workflow/staff-live.ts';

export const resolvers: GraphQLResolverMap<FeedbackContext> = {
  DateTime,
  Query: {
    me: resolveMe,
    ...workflowResolvers.Query,
    ...publicViewResolvers.Query,
    ...statisticsResolvers.Query,
    ...directiveResolvers.Query,
    ...callResolvers.Query,
    ...summaryResolvers.Query,
  },
  Subscription: { ...workflowResolvers.Subscription, ...staffLiveResolvers.Subscription },
  Mutation: {
    ...intakeResolvers.Mutation,
    ...workflowResolvers.Mutation,
    ...directiveResolvers.Mutation,
    ...callResolvers.Mutation,
  },
  Citizen: {
    __resolveReference: resolveCitizenReference,
    ...workflowResolvers.Citizen,
  },
  FeedbackItem: workflowResolvers.FeedbackItem,
  FeedbackPhoto: photoResolvers.FeedbackPhoto,
  HandlingUnit: workflowResolvers.HandlingUnit,
  RoutingRule: workflowResolvers.RoutingRule,
  PublicFeedbackItem: publicViewResolvers.PublicFeedbackItem,
  UnitPerformance: statisticsResolvers.UnitPerformance,
  Directive: directiveResolvers.Directive,
  DirectiveRecipient: directiveResolvers.DirectiveRecipient,
};
