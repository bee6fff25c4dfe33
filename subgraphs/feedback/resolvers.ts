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
import { findFeedbackByUnit, receiveFeedback } from './data/submit-feedback.ts';
import type { FeedbackSubmission, ReporterContact } from './data/submit-feedback.ts';
import { listRoutingRules, removeRoutingRule, setRoutingRule } from './data/routing.ts';
import { findUnplacedFeedback, relocateFeedback } from './data/relocate.ts';
import { findPublicFeedback, listPublicFeedback } from './data/public-feedback.ts';
import type { PublicFeedback } from './data/public-feedback.ts';
import { rateFeedback, transitionFeedback } from './data/workflow.ts';
import { countFeedback, heatmap, rankUnits } from './data/statistics.ts';
import type { FeedbackDimension, HeatmapRequest, UnitPerformance } from './data/statistics.ts';
import { isOverdue } from './calendar/working-hours.ts';
import type { ActionInput, FeedbackAction } from './data/workflow.ts';
import type { FeedbackLoaders } from './loaders.ts';
import { isPublicPhoto, photoUrl } from './photos/photos.ts';
import type { FeedbackPhoto } from './prisma/generated/client.ts';
import { directiveResolvers } from './directive-resolvers.ts';
import type { FeedbackItem, FeedbackStatus, PrismaClient, RoutingRule, Unit } from './prisma/generated/client.ts';

type Context = SubgraphContext<PrismaClient, FeedbackLoaders>;
interface SubmitFeedbackInput {
  categoryCode: string;
  title: string;
  content: string;
  lat: number;
  lng: number;
  isAnonymous?: boolean | null;
  isPublic?: boolean | null;
  idempotencyKey?: string | null;
  photoIds?: readonly string[] | null;
}
interface RecordFeedbackInput extends SubmitFeedbackInput {
  channel: 'PHONE' | 'SMS';
  reporter?: { name?: string | null; phone?: string | null; email?: string | null; address?: string | null } | null;
}

/** GraphQL input (nulls for absent fields) → what intake takes. */
function submission(input: SubmitFeedbackInput, who: Pick<FeedbackSubmission, 'citizenId' | 'channel' | 'recordedBy'>, keyScope: string, reporter?: ReporterContact): FeedbackSubmission {
  return {
    ...who,
    categoryCode: input.categoryCode,
    title: input.title,
    content: input.content,
    lat: input.lat,
    lng: input.lng,
    isAnonymous: input.isAnonymous ?? false,
    isPublic: input.isPublic ?? true,
    reporter,
    idempotency: input.idempotencyKey == null ? undefined : { scope: keyScope, key: input.idempotencyKey },
    photoIds: input.photoIds ?? undefined,
  };
}

function contactOf(input: RecordFeedbackInput['reporter']): ReporterContact | undefined {
  if (!input) return undefined;
  return { name: input.name ?? undefined, phone: input.phone ?? undefined, email: input.email ?? undefined, address: input.address ?? undefined };
}

/** Operators and leaders see every item; an officer only their own unit's (others look missing). */
function visibleToStaff(viewer: Context['viewer'], item: FeedbackItem | null): FeedbackItem | null {
  if (!item) return null;
  if (hasRole(viewer, 'operator') || hasRole(viewer, 'leader')) return item;
  if (hasRole(viewer, 'officer') && viewer.unit !== undefined && viewer.unit === item.unitCode) return item;
  return null;
}

const FINISHED: ReadonlySet<FeedbackStatus> = new Set<FeedbackStatus>(['RESOLVED', 'PUBLISHED', 'CLOSED', 'REJECTED']);

function actingViewer(viewer: Context['viewer']) {
  return { subject: requireSubject(viewer), roles: viewer.roles, unit: viewer.unit };
}

export const resolvers: GraphQLResolverMap<Context> = {
  DateTime,
  Directive: directiveResolvers.Directive,
  DirectiveRecipient: directiveResolvers.DirectiveRecipient,
  Query: {
    me: resolveMe,
    ...directiveResolvers.Query,
    feedbackCategories: (_root, _args, { db }: Context) => listCategories(db),
    handlingUnits: (_root, _args, { db }: Context) => db.unit.findMany({ orderBy: { name: 'asc' } }),
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
    unplacedFeedback: (_root, { first }: { first?: number | null }, { db, viewer }: Context) => {
      if (!hasRole(viewer, 'operator')) throw codedError('FORBIDDEN', 'Only 1022 operators place items.');
      return findUnplacedFeedback(db, pageSize(first, 50));
    },
    routingRules: (_root, { categoryCode }: { categoryCode?: string | null }, { db, viewer }: Context) => {
      if (!hasRole(viewer, 'operator')) throw codedError('FORBIDDEN', 'Only 1022 operators manage routing.');
      return listRoutingRules(db, categoryCode ?? undefined);
    },
    feedbackItem: async (_root, { code }: { code: string }, { db, viewer }: Context) => {
      if (!['operator', 'leader', 'officer'].some((role) => hasRole(viewer, role))) throw codedError('FORBIDDEN', 'Only staff see items by code.');
      return visibleToStaff(viewer, await findFeedbackByCode(db, code));
    },
    myFeedback: async (_root, { code }: { code: string }, { db, viewer }: Context) => {
      const subject = requireSubject(viewer);
      const item = await findFeedbackByCode(db, code);
      // Someone else's item looks exactly like a missing one: codes must not be probed.
      return item && item.citizenId === subject ? item : null;
    },
  },
  Mutation: {
    ...directiveResolvers.Mutation,
    submitFeedback: async (_root, { input }: { input: SubmitFeedbackInput }, { db, viewer }: Context) => {
      const citizenId = requireSubject(viewer);
      return (await receiveFeedback(db, submission(input, { citizenId, channel: 'WEB' }, `citizen:${citizenId}`))).item;
    },
    recordFeedback: async (_root, { input }: { input: RecordFeedbackInput }, { db, viewer }: Context) => {
      if (!hasRole(viewer, 'operator')) throw codedError('FORBIDDEN', 'Only 1022 operators record items for callers.');
      const operator = requireSubject(viewer);
      const recorded = submission(input, { citizenId: null, channel: input.channel, recordedBy: operator }, `operator:${operator}`, contactOf(input.reporter));
      return (await receiveFeedback(db, recorded)).item;
    },
    relocateFeedback: (_root, args: { code: string; lat: number; lng: number }, { db, viewer }: Context) => {
      if (!hasRole(viewer, 'operator')) throw codedError('FORBIDDEN', 'Only 1022 operators place items.');
      return relocateFeedback(db, args.code, args.lat, args.lng, requireSubject(viewer));
    },
    setRoutingRule: (_root, args: { categoryCode: string; wardCode?: string | null; unitCode: string }, { db, viewer }: Context) => {
      if (!hasRole(viewer, 'operator')) throw codedError('FORBIDDEN', 'Only 1022 operators manage routing.');
      return setRoutingRule(db, args.categoryCode, args.wardCode ?? null, args.unitCode);
    },
    removeRoutingRule: (_root, args: { categoryCode: string; wardCode?: string | null }, { db, viewer }: Context) => {
      if (!hasRole(viewer, 'operator')) throw codedError('FORBIDDEN', 'Only 1022 operators manage routing.');
      return removeRoutingRule(db, args.categoryCode, args.wardCode ?? null);
    },
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
  FeedbackPhoto: {
    url: (photo: FeedbackPhoto) => photoUrl(photo.id),
  },
  HandlingUnit: {
    focalPointCount: (unit: Unit, _args, { loaders }: Context) => loaders.focalPointCount.load(unit.code),
  },
  RoutingRule: {
    unit: (rule: RoutingRule, _args, { loaders }: Context) => loaders.unit.load(rule.unitCode),
  },
  UnitPerformance: {
    unit: (row: UnitPerformance, _args, { loaders }: Context) => loaders.unit.load(row.unitCode),
  },
  PublicFeedbackItem: {
    category: (item: PublicFeedback, _args, { loaders }: Context) => loaders.category.load(item.categoryCode),
    unit: (item: PublicFeedback, _args, { loaders }: Context) => (item.unitCode ? loaders.unit.load(item.unitCode) : null),
    photos: async (item: PublicFeedback, _args, { loaders }: Context) => (await loaders.photosByCode.load(item.code)).filter((photo) => isPublicPhoto(photo.kind, item.status)),
  },
  FeedbackItem: {
    category: (item: FeedbackItem, _args, { loaders }: Context) => loaders.category.load(item.categoryCode),
    unit: (item: FeedbackItem, _args, { loaders }: Context) => (item.unitCode ? loaders.unit.load(item.unitCode) : null),
    location: (item: FeedbackItem) => ({ lat: item.lat, lng: item.lng }),
    // The time the unit answered is the updatedAt of an item in a finished state (modelled: the
    // history holds the exact step; good enough until statistics need it).
    overdue: (item: FeedbackItem) => item.dueAt !== null && isOverdue(item.dueAt, new Date(), FINISHED.has(item.status) ? item.updatedAt : undefined),
    rating: (item: FeedbackItem, _args, { loaders }: Context) => loaders.rating.load(item.id),
    photos: (item: FeedbackItem, _args, { loaders }: Context) => loaders.photos.load(item.id),
    // Personal data: operators; the unit's officers unless the reporter asked to stay anonymous.
    reporter: (item: FeedbackItem, _args, { loaders, viewer }: Context) => {
      const allowed = hasRole(viewer, 'operator') || (hasRole(viewer, 'officer') && viewer.unit === item.unitCode && !item.isAnonymous);
      return allowed ? loaders.reporter.load(item.id) : null;
    },
    history: async (item: FeedbackItem, _args, { loaders }: Context) =>
      (await loaders.history.load(item.id)).map((entry) => ({ ...entry, byReporter: entry.actorId !== null && entry.actorId === item.citizenId })),
  },
};
