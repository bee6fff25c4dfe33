// The GraphQL entries of statistics: counts by a dimension, the unit ranking and the heat map (the
// gateway's @policy admits leaders and operators).
import type { GraphQLResolverMap } from '@apollo/subgraph';
import type { FeedbackContext } from '../services.ts';
import { countFeedback, heatmap, rankUnits } from './statistics.ts';
import type { FeedbackDimension, HeatmapRequest, UnitPerformance } from './statistics.ts';

/** Query and type resolvers of statistics. */
export const statisticsResolvers = {
  Query: {
    feedbackCounts: (_root: unknown, args: { by: FeedbackDimension; from: Date; to: Date; categoryCode?: string | null }, { db }: FeedbackContext) =>
      countFeedback(db, args.by, args, args.categoryCode ?? undefined),
    unitRanking: (_root: unknown, args: { from: Date; to: Date }, { db }: FeedbackContext) => rankUnits(db, args),
    feedbackHeatmap: (_root: unknown, args: HeatmapRequest, { db }: FeedbackContext) => heatmap(db, args),
  },
  UnitPerformance: {
    unit: (row: UnitPerformance, _args: unknown, { loaders }: FeedbackContext) => loaders.unit.load(row.unitCode),
  },
} satisfies GraphQLResolverMap<FeedbackContext>;
