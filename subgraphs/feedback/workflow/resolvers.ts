// The GraphQL entries of the workflow: items by code (staff, their reporter), a unit's queue, a citizen's
// own items, the transitions and the rating, routing rules, placing unplaced items, and what an item
// shows (its category, unit, photos, reporter, history). Ownership is checked on every path to a
// citizen's items.
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { hasRole } from '../../../auth/viewer.ts';
import { codedError } from '../../../schema/errors.ts';
import { isOverdue } from '../../kit/calendar/working-hours.ts';
import { assertSelf, requireSubject } from '../../kit/access.ts';
import type { CitizenRef } from '../../kit/access.ts';
import { pageSize } from '../../kit/loaders.ts';
import type { Channel, FeedbackItem, FeedbackStatus, RoutingRule, Unit } from '../prisma/generated/client.ts';
import type { FeedbackContext } from '../services.ts';
import { findFeedbackByCode, findFeedbackByUnit, findFeedbackInPeriod, findOperatorQueue, findOverdueFeedback } from './items.ts';
import { checkPeriod } from '../../kit/period.ts';
import { listCategories } from './reference.ts';
import { findUnplacedFeedback, relocateFeedback } from './relocate.ts';
import { listRoutingRules, removeRoutingRule, setRoutingRule } from './routing.ts';
import { rateFeedback, STATUS_CHANGED, transitionFeedback } from './transitions.ts';
import { liveFeedOf } from '../../kit/live.ts';
import type { ActionInput, FeedbackAction } from './transitions.ts';

/** Operators and leaders see every item; an officer only their own unit's (others look missing). */
export function visibleToStaff(viewer: FeedbackContext['viewer'], item: FeedbackItem | null): FeedbackItem | null {
  if (!item) return null;
  if (hasRole(viewer, 'operator') || hasRole(viewer, 'leader')) return item;
  if (hasRole(viewer, 'officer') && viewer.unit !== undefined && viewer.unit === item.unitCode) return item;
  return null;
}

/** The operators' queue filter as the schema gives it (FeedbackQueueFilter). */
interface QueueFilterInput {
  readonly channel?: Channel | null;
  readonly categoryCode?: string | null;
  readonly wardCode?: string | null;
  readonly dueWithinHours?: number | null;
}

/** The most a queue filter's SLA bound may reach, either way (a year of hours). */
const MAX_DUE_WITHIN_HOURS = 24 * 366;

/** Check the queue filter: codes are short, the SLA bound is within a year (negative: overdue by at least). */
function queueFilter(input: QueueFilterInput, now: Date) {
  for (const field of ['categoryCode', 'wardCode'] as const) {
    const value = input[field];
    if (value != null && (value.length === 0 || value.length > 64)) throw codedError('BAD_USER_INPUT', `${field} must be 1 to 64 characters.`, { field });
  }
  const hours = input.dueWithinHours;
  if (hours != null && Math.abs(hours) > MAX_DUE_WITHIN_HOURS) throw codedError('BAD_USER_INPUT', `dueWithinHours must be within ±${MAX_DUE_WITHIN_HOURS}.`, { field: 'dueWithinHours' });
  return {
    channel: input.channel ?? undefined,
    categoryCode: input.categoryCode ?? undefined,
    wardCode: input.wardCode ?? undefined,
    dueBefore: hours == null ? undefined : new Date(now.getTime() + hours * 3_600_000),
  };
}

const FINISHED: ReadonlySet<FeedbackStatus> = new Set<FeedbackStatus>(['RESOLVED', 'PUBLISHED', 'CLOSED', 'REJECTED']);

function actingViewer(viewer: FeedbackContext['viewer']) {
  return { subject: requireSubject(viewer), roles: viewer.roles, unit: viewer.unit };
}

/** Query, Mutation and type resolvers of the workflow. */
export const workflowResolvers = {
  Subscription: {
    myFeedbackStatusChanged: {
      // The reporter's own items only; each read back and checked as `myFeedback` checks it.
      subscribe: (_root: unknown, { code }: { code?: string | null }, context: FeedbackContext) => {
        const subject = requireSubject(context.viewer);
        return liveFeedOf(context).events(
          STATUS_CHANGED,
          async (event) => {
            const eventCode = event.payload['code'];
            if (event.payload['citizenId'] !== subject || typeof eventCode !== 'string' || (code != null && code !== eventCode)) return undefined;
            const item = await findFeedbackByCode(context.db, eventCode);
            return item && item.citizenId === subject ? { myFeedbackStatusChanged: item } : undefined;
          },
          { field: 'citizenId', value: subject },
        );
      },
    },
  },
  Query: {
    feedbackCategories: (_root: unknown, _args: unknown, { db }: FeedbackContext) => listCategories(db),
    handlingUnits: (_root: unknown, _args: unknown, { db }: FeedbackContext) => db.unit.findMany({ orderBy: { name: 'asc' } }),
    unitFeedback: (_root: unknown, args: { status?: FeedbackStatus | null; first?: number | null }, { db, viewer }: FeedbackContext) => {
      if (!hasRole(viewer, 'officer') || viewer.unit === undefined) throw codedError('FORBIDDEN', "Only unit officers see their unit's items.");
      return findFeedbackByUnit(db, viewer.unit, args.status ?? undefined, pageSize(args.first, 50));
    },
    unplacedFeedback: (_root: unknown, { first }: { first?: number | null }, { db, viewer }: FeedbackContext) => {
      if (!hasRole(viewer, 'operator')) throw codedError('FORBIDDEN', 'Only 1022 operators place items.');
      return findUnplacedFeedback(db, pageSize(first, 50));
    },
    operatorQueue: (_root: unknown, args: { filter?: QueueFilterInput | null; first?: number | null }, { db, viewer }: FeedbackContext) => {
      if (!hasRole(viewer, 'operator')) throw codedError('FORBIDDEN', "Only 1022 operators work the centre's queue.");
      return findOperatorQueue(db, queueFilter(args.filter ?? {}, new Date()), pageSize(args.first, 50));
    },
    overdueFeedback: (_root: unknown, { first }: { first?: number | null }, { db, viewer }: FeedbackContext) => {
      if (!hasRole(viewer, 'operator') && !hasRole(viewer, 'leader')) throw codedError('FORBIDDEN', 'Only leaders and operators see the overdue list.');
      return findOverdueFeedback(db, new Date(), pageSize(first, 50));
    },
    periodFeedback: (_root: unknown, args: { from: Date; to: Date; wardCode?: string | null; categoryCode?: string | null; first?: number | null }, { db, viewer }: FeedbackContext) => {
      if (!hasRole(viewer, 'operator') && !hasRole(viewer, 'leader')) throw codedError('FORBIDDEN', "Only leaders and operators list a period's items.");
      checkPeriod(args);
      const { wardCode, categoryCode } = queueFilter({ wardCode: args.wardCode, categoryCode: args.categoryCode }, new Date());
      return findFeedbackInPeriod(db, { from: args.from, to: args.to, wardCode, categoryCode }, pageSize(args.first, 50));
    },
    routingRules: (_root: unknown, { categoryCode }: { categoryCode?: string | null }, { db, viewer }: FeedbackContext) => {
      if (!hasRole(viewer, 'operator')) throw codedError('FORBIDDEN', 'Only 1022 operators manage routing.');
      return listRoutingRules(db, categoryCode ?? undefined);
    },
    feedbackItem: async (_root: unknown, { code }: { code: string }, { db, viewer }: FeedbackContext) => {
      if (!['operator', 'leader', 'officer'].some((role) => hasRole(viewer, role))) throw codedError('FORBIDDEN', 'Only staff see items by code.');
      return visibleToStaff(viewer, await findFeedbackByCode(db, code));
    },
    myFeedback: async (_root: unknown, { code }: { code: string }, { db, viewer }: FeedbackContext) => {
      const subject = requireSubject(viewer);
      const item = await findFeedbackByCode(db, code);
      // Someone else's item looks exactly like a missing one: codes must not be probed.
      return item && item.citizenId === subject ? item : null;
    },
  },
  Mutation: {
    relocateFeedback: (_root: unknown, args: { code: string; lat: number; lng: number }, { db, viewer }: FeedbackContext) => {
      if (!hasRole(viewer, 'operator')) throw codedError('FORBIDDEN', 'Only 1022 operators place items.');
      return relocateFeedback(db, args.code, args.lat, args.lng, requireSubject(viewer));
    },
    setRoutingRule: (_root: unknown, args: { categoryCode: string; wardCode?: string | null; unitCode: string }, { db, viewer }: FeedbackContext) => {
      if (!hasRole(viewer, 'operator')) throw codedError('FORBIDDEN', 'Only 1022 operators manage routing.');
      return setRoutingRule(db, args.categoryCode, args.wardCode ?? null, args.unitCode);
    },
    removeRoutingRule: (_root: unknown, args: { categoryCode: string; wardCode?: string | null }, { db, viewer }: FeedbackContext) => {
      if (!hasRole(viewer, 'operator')) throw codedError('FORBIDDEN', 'Only 1022 operators manage routing.');
      return removeRoutingRule(db, args.categoryCode, args.wardCode ?? null);
    },
    startHandlingFeedback: (_root: unknown, { code }: { code: string }, { services, viewer }: FeedbackContext) => {
      // The gateway's @policy admits officers only; the unit check is ours, whatever the path.
      if (!hasRole(viewer, 'officer')) throw codedError('FORBIDDEN', 'Only unit officers may act on items.');
      return transitionFeedback(services, code, 'START', actingViewer(viewer));
    },
    transitionFeedback: (_root: unknown, args: { code: string; action: FeedbackAction; input?: ActionInput | null }, { services, viewer }: FeedbackContext) =>
      transitionFeedback(services, args.code, args.action, actingViewer(viewer), args.input ?? {}),
    rateFeedback: (_root: unknown, args: { code: string; stars: number; comment?: string | null }, { db, viewer }: FeedbackContext) =>
      rateFeedback(db, args.code, requireSubject(viewer), args.stars, args.comment ?? undefined),
  },
  Citizen: {
    feedback: (citizen: CitizenRef, { first }: { first?: number | null }, { viewer, loaders }: FeedbackContext) => {
      assertSelf(viewer, citizen.id);
      return loaders.feedbackByCitizen(pageSize(first, 20)).load(citizen.id);
    },
  },
  HandlingUnit: {
    focalPointCount: (unit: Unit, _args: unknown, { loaders }: FeedbackContext) => loaders.focalPointCount.load(unit.code),
  },
  RoutingRule: {
    unit: (rule: RoutingRule, _args: unknown, { loaders }: FeedbackContext) => loaders.unit.load(rule.unitCode),
  },
  FeedbackItem: {
    category: (item: FeedbackItem, _args: unknown, { loaders }: FeedbackContext) => loaders.category.load(item.categoryCode),
    unit: (item: FeedbackItem, _args: unknown, { loaders }: FeedbackContext) => (item.unitCode ? loaders.unit.load(item.unitCode) : null),
    location: (item: FeedbackItem) => ({ lat: item.lat, lng: item.lng }),
    suggestedUnit: async (item: FeedbackItem, _args: unknown, { loaders, viewer }: FeedbackContext) =>
      hasRole(viewer, 'operator') ? loaders.unit.load(await loaders.suggestedUnit.load(`${item.categoryCode}|${item.wardCode}`)) : null,
    // The time the unit answered is the updatedAt of an item in a finished state (modelled: the
    // history holds the exact step; good enough until statistics need it).
    overdue: (item: FeedbackItem) => item.dueAt !== null && isOverdue(item.dueAt, new Date(), FINISHED.has(item.status) ? item.updatedAt : undefined),
    rating: (item: FeedbackItem, _args: unknown, { loaders }: FeedbackContext) => loaders.rating.load(item.id),
    photos: (item: FeedbackItem, _args: unknown, { loaders }: FeedbackContext) => loaders.photos.load(item.id),
    // Personal data: operators; the unit's officers unless the reporter asked to stay anonymous.
    reporter: (item: FeedbackItem, _args: unknown, { loaders, viewer }: FeedbackContext) => {
      const allowed = hasRole(viewer, 'operator') || (hasRole(viewer, 'officer') && viewer.unit === item.unitCode && !item.isAnonymous);
      return allowed ? loaders.reporter.load(item.id) : null;
    },
    history: async (item: FeedbackItem, _args: unknown, { loaders }: FeedbackContext) =>
      (await loaders.history.load(item.id)).map((entry) => ({ ...entry, byReporter: entry.actorId !== null && entry.actorId === item.citizenId })),
  },
} satisfies GraphQLResolverMap<FeedbackContext>;
