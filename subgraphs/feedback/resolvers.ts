// Resolvers of the feedback subgraph. Ownership is checked on every path to a citizen's items.
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { hasRole } from '../../auth/viewer.ts';
import { codedError } from '../../schema/errors.ts';
import { assertSelf, requireSubject, resolveCitizenReference, resolveMe } from '../kit/access.ts';
import type { CitizenRef } from '../kit/access.ts';
import { pageSize } from '../kit/loaders.ts';
import { DateTime } from '../kit/scalars.ts';
import type { SubgraphContext } from '../kit/server.ts';
import { findFeedbackByCode } from './data/feedback-items.ts';
import { listCategories } from './data/reference.ts';
import { findFeedbackByUnit, submitFeedback } from './data/submit-feedback.ts';
import { findPublicFeedback, listPublicFeedback } from './data/public-feedback.ts';
import type { PublicFeedback } from './data/public-feedback.ts';
import { rateFeedback, transitionFeedback } from './data/workflow.ts';
import { countFeedback, heatmap, rankUnits } from './data/statistics.ts';
import type { FeedbackDimension, HeatmapRequest, UnitPerformance } from './data/statistics.ts';
import { isOverdue } from './calendar/working-hours.ts';
import type { ActionInput, FeedbackAction } from './data/workflow.ts';
import type { FeedbackLoaders } from './loaders.ts';
import type { FeedbackItem, FeedbackStatus, PrismaClient } from './prisma/generated/client.ts';

type Context = SubgraphContext<PrismaClient, FeedbackLoaders>;
interface SubmitFeedbackInput {
  categoryCode: string;
  title: string;
  content: string;
  lat: number;
  lng: number;
  isAnonymous?: boolean | null;
  isPublic?: boolean | null;
}

const FINISHED: ReadonlySet<FeedbackStatus> = new Set<FeedbackStatus>(['RESOLVED', 'PUBLISHED', 'CLOSED', 'REJECTED']);

function actingViewer(viewer: Context['viewer']) {
  return { subject: requireSubject(viewer), roles: viewer.roles, unit: viewer.unit };
}

export const resolvers: GraphQLResolverMap<Context> = {
  DateTime,
  Query: {
    me: resolveMe,
    feedbackCategories: (_root, _args, { db }: Context) => listCategories(db),
    unitFeedback: (_root, args: { status?: FeedbackStatus | null; first?: number | null }, { db, viewer }: Context) => {
      if (!hasRole(viewer, 'officer') || viewer.unit === undefined) throw codedError('FORBIDDEN', 'Only unit officers see their unit\'s items.');
      return findFeedbackByUnit(db, viewer.unit, args.status ?? undefined, pageSize(args.first, 50));
    },
    publicFeedback: (_root, args: { wardCode?: string | null; categoryCode?: string | null; status?: FeedbackStatus | null; first?: number | null }, { db }: Context) =>
      listPublicFeedback(db, { wardCode: args.wardCode ?? undefined, categoryCode: args.categoryCode ?? undefined, status: args.status ?? undefined, first: pageSize(args.first, 20) }),
    publicFeedbackItem: (_root, { code }: { code: string }, { db }: Context) => findPublicFeedback(db, code),
    feedbackCounts: (_root, args: { by: FeedbackDimension; from: Date; to: Date }, { db }: Context) => countFeedback(db, args.by, args),
    unitRanking: (_root, args: { from: Date; to: Date }, { db }: Context) => rankUnits(db, args),
    feedbackHeatmap: (_root, args: HeatmapRequest, { db }: Context) => heatmap(db, args),
    myFeedback: async (_root, { code }: { code: string }, { db, viewer }: Context) => {
      const subject = requireSubject(viewer);
      const item = await findFeedbackByCode(db, code);
      // Someone else's item looks exactly like a missing one: codes must not be probed.
      return item && item.citizenId === subject ? item : null;
    },
  },
  Mutation: {
    submitFeedback: (_root, { input }: { input: SubmitFeedbackInput }, { db, viewer }: Context) =>
      submitFeedback(db, {
        citizenId: requireSubject(viewer),
        channel: 'WEB',
        categoryCode: input.categoryCode,
        title: input.title,
        content: input.content,
        lat: input.lat,
        lng: input.lng,
        isAnonymous: input.isAnonymous ?? false,
        isPublic: input.isPublic ?? true,
      }),
    startHandlingFeedback: (_root, { code }: { code: string }, { db, viewer }: Context) => {
      // The gateway's @policy admits officers only; the unit check is ours, whatever the path.
      if (!hasRole(viewer, 'officer')) throw codedError('FORBIDDEN', 'Only unit officers may act on items.');
      return transitionFeedback(db, code, 'START', actingViewer(viewer));
    },
    transitionFeedback: (_root, args: { code: string; action: FeedbackAction; input?: ActionInput | null }, { db, viewer }: Context) =>
      transitionFeedback(db, args.code, args.action, actingViewer(viewer), args.input ?? {}),
    rateFeedback: (_root, args: { code: string; stars: number; comment?: string | null }, { db, viewer }: Context) =>
      rateFeedback(db, args.code, requireSubject(viewer), args.stars, args.comment ?? undefined),
  },
  Citizen: {
    __resolveReference: resolveCitizenReference,
    feedback: (citizen: CitizenRef, { first }: { first?: number | null }, { viewer, loaders }: Context) => {
      assertSelf(viewer, citizen.id);
      return loaders.feedbackByCitizen(pageSize(first, 20)).load(citizen.id);
    },
  },
  UnitPerformance: {
    unit: (row: UnitPerformance, _args, { loaders }: Context) => loaders.unit.load(row.unitCode),
  },
  PublicFeedbackItem: {
    category: (item: PublicFeedback, _args, { loaders }: Context) => loaders.category.load(item.categoryCode),
    unit: (item: PublicFeedback, _args, { loaders }: Context) => (item.unitCode ? loaders.unit.load(item.unitCode) : null),
  },
  FeedbackItem: {
    category: (item: FeedbackItem, _args, { loaders }: Context) => loaders.category.load(item.categoryCode),
    unit: (item: FeedbackItem, _args, { loaders }: Context) => (item.unitCode ? loaders.unit.load(item.unitCode) : null),
    location: (item: FeedbackItem) => ({ lat: item.lat, lng: item.lng }),
    // The time the unit answered is the updatedAt of an item in a finished state (modelled: the
    // history holds the exact step; good enough until statistics need it).
    overdue: (item: FeedbackItem) => item.dueAt !== null && isOverdue(item.dueAt, new Date(), FINISHED.has(item.status) ? item.updatedAt : undefined),
    rating: (item: FeedbackItem, _args, { loaders }: Context) => loaders.rating.load(item.id),
    history: async (item: FeedbackItem, _args, { loaders }: Context) =>
      (await loaders.history.load(item.id)).map((entry) => ({ ...entry, byReporter: entry.actorId !== null && entry.actorId === item.citizenId })),
  },
};
