// The feedback workflow as data: which action moves an item from which states to which, and who may
// take it. Main path RECEIVED → ROUTED → IN_PROGRESS → RESOLVED → PUBLISHED → CLOSED; side states
// REJECTED, RETURNED, PROGRESS_REPORTED, REOPENED. Every action appends a history entry in the same
// transaction, guarded on the status it read, so two people acting at once cannot both succeed.
// modelled: the actions and who takes them (the real portals do not publish their state codes).
import { codedError } from '../../../schema/errors.ts';
import { writeOutbox } from '../../kit/events/outbox.ts';
import { unitOfficerIds } from './officers.ts';
import type { PhotoSettings } from '../photos/config.ts';
import { attachPhotos } from '../photos/photos.ts';
import type { FeedbackItem, FeedbackStatus, PrismaClient } from '../prisma/generated/client.ts';

/** What the transitions need from the subgraph's services: the database and the per-item photo limit. */
export interface WorkflowServices {
  readonly db: PrismaClient;
  readonly config: Pick<PhotoSettings, 'photosPerItem'>;
}

/** What can be done to an item. */
export type FeedbackAction = 'ROUTE' | 'REJECT' | 'START' | 'RETURN' | 'REPORT_PROGRESS' | 'RESOLVE' | 'PUBLISH' | 'CLOSE' | 'REOPEN';

/** Who may act: the 1022 operator, the officer of the item's unit, a leader, or the citizen who reported it. */
type Actor = 'operator' | 'unit-officer' | 'leader' | 'reporter';

interface Transition {
  readonly from: readonly FeedbackStatus[];
  readonly to: FeedbackStatus;
  readonly actors: readonly Actor[];
  /** Input the action needs. */
  readonly needs?: 'unitCode' | 'reason' | 'committedAt' | 'resultText';
}

export const TRANSITIONS: Readonly<Record<FeedbackAction, Transition>> = {
  ROUTE: { from: ['RECEIVED', 'RETURNED', 'REOPENED'], to: 'ROUTED', actors: ['operator'], needs: 'unitCode' },
  REJECT: { from: ['RECEIVED', 'ROUTED', 'RETURNED'], to: 'REJECTED', actors: ['operator'], needs: 'reason' },
  START: { from: ['ROUTED', 'REOPENED'], to: 'IN_PROGRESS', actors: ['unit-officer'] },
  RETURN: { from: ['ROUTED', 'IN_PROGRESS'], to: 'RETURNED', actors: ['unit-officer'], needs: 'reason' },
  REPORT_PROGRESS: { from: ['IN_PROGRESS'], to: 'PROGRESS_REPORTED', actors: ['unit-officer'], needs: 'committedAt' },
  RESOLVE: { from: ['IN_PROGRESS', 'PROGRESS_REPORTED'], to: 'RESOLVED', actors: ['unit-officer'], needs: 'resultText' },
  PUBLISH: { from: ['RESOLVED'], to: 'PUBLISHED', actors: ['operator', 'leader'] },
  CLOSE: { from: ['RESOLVED', 'PUBLISHED'], to: 'CLOSED', actors: ['operator', 'leader', 'reporter'] },
  REOPEN: { from: ['RESOLVED', 'PUBLISHED'], to: 'REOPENED', actors: ['reporter'], needs: 'reason' },
};

/** The person acting. */
export interface ActingViewer {
  readonly subject: string;
  readonly roles: readonly string[];
  readonly unit: string | undefined;
}

/** What an action may carry. */
export interface ActionInput {
  readonly unitCode?: string | null | undefined;
  readonly reason?: string | null | undefined;
  readonly committedAt?: Date | null | undefined;
  readonly resultText?: string | null | undefined;
  /** RESOLVE only: the officer's own uploads, attached as RESULT photos. */
  readonly photoIds?: readonly string[] | null | undefined;
}

function actsAs(viewer: ActingViewer, actor: Actor, item: FeedbackItem): boolean {
  switch (actor) {
    case 'operator':
      return viewer.roles.includes('operator');
    case 'leader':
      return viewer.roles.includes('leader');
    case 'unit-officer':
      return viewer.roles.includes('officer') && viewer.unit !== undefined && viewer.unit === item.unitCode;
    case 'reporter':
      return item.citizenId !== null && item.citizenId === viewer.subject;
  }
}

function requireText(value: string | null | undefined, field: string, max: number): string {
  const text = value?.trim() ?? '';
  if (text.length < 3 || text.length > max) throw codedError('BAD_USER_INPUT', `${field} is required (3 to ${max} characters).`, { field });
  return text;
}

/** The topic every status change is announced on (code, reporter, unit, new status). */
export const STATUS_CHANGED = 'feedback.item-status-changed';

/** A reporter reopened an item: its unit's officers are told (notification: FEEDBACK_REOPENED). */
const REOPENED = 'feedback.item-reopened';

/** The reporter's own events, by the status reached (topics as notification reads them: hyphens, never `_`). */
const REPORTER_EVENTS: Partial<Record<FeedbackStatus, string>> = {
  ROUTED: 'feedback.item-routed',
  REJECTED: 'feedback.item-rejected',
  PROGRESS_REPORTED: 'feedback.item-progress-reported',
  RESOLVED: 'feedback.item-resolved',
};

/** Take `action` on the item with `code`, as `viewer`; returns the updated item. */
export async function transitionFeedback(services: WorkflowServices, code: string, action: FeedbackAction, viewer: ActingViewer, input: ActionInput = {}, now = new Date()): Promise<FeedbackItem> {
  const transition = TRANSITIONS[action];
  return services.db.$transaction(async (tx) => {
    const item = await tx.feedbackItem.findUnique({ where: { code } });
    // Whoever may not see an item learns nothing from its code: another citizen's item, or another
    // unit's for an officer, answers exactly as a code that does not exist.
    if (!item || (!transition.actors.some((actor) => actsAs(viewer, actor, item)) && !maySee(viewer, item))) {
      throw codedError('NOT_FOUND', 'No such feedback item.');
    }
    if (!transition.actors.some((actor) => actsAs(viewer, actor, item))) {
      throw codedError(
        'FORBIDDEN',
        transition.actors.includes('unit-officer') ? "Officers may act only on their own unit's items." : `You may not ${action.toLowerCase().replace('_', ' ')} this item.`,
      );
    }
    if (!transition.from.includes(item.status)) {
      throw codedError('ILLEGAL_TRANSITION', `${action} is not allowed from ${item.status}.`, { from: item.status, to: transition.to, action });
    }
    const data: Record<string, unknown> = { status: transition.to };
    let note: string | undefined;
    switch (transition.needs) {
      case 'unitCode': {
        const unitCode = input.unitCode?.trim() ?? '';
        if (!(await tx.unit.findUnique({ where: { code: unitCode } }))) throw codedError('BAD_USER_INPUT', 'Unknown unit.', { field: 'unitCode' });
        data['unitCode'] = unitCode;
        note = unitCode;
        break;
      }
      case 'reason':
        note = requireText(input.reason, 'reason', 2000);
        if (action !== 'REOPEN') data['rejectionReason'] = note;
        break;
      case 'committedAt':
        if (!input.committedAt || input.committedAt.getTime() <= now.getTime()) throw codedError('BAD_USER_INPUT', 'committedAt must be a future date.', { field: 'committedAt' });
        data['committedAt'] = input.committedAt;
        note = input.committedAt.toISOString();
        break;
      case 'resultText':
        data['resultText'] = requireText(input.resultText, 'resultText', 5000);
        break;
      case undefined:
        break;
    }
    if (action === 'PUBLISH' && !item.isPublic) throw codedError('ILLEGAL_TRANSITION', 'The reporter asked that this item not be public.', { from: item.status, to: transition.to, action });
    if (action === 'REOPEN') data['reopenCount'] = item.reopenCount + 1;
    const { count } = await tx.feedbackItem.updateMany({ where: { id: item.id, status: item.status }, data });
    if (count === 0) throw codedError('ILLEGAL_TRANSITION', 'The item changed meanwhile; reload it.', { action });
    await tx.feedbackHistory.create({
      data: { itemId: item.id, at: now, actorId: viewer.subject, action, fromStatus: item.status, toStatus: transition.to, note: note ?? null },
    });
    if (input.photoIds?.length) {
      if (action !== 'RESOLVE') throw codedError('BAD_USER_INPUT', 'Photos go with RESOLVE only.', { field: 'photoIds' });
      await attachPhotos(tx, { itemId: item.id, ownerId: viewer.subject, kind: 'RESULT', photoIds: input.photoIds, perItem: services.config.photosPerItem, now });
    }
    // Routed, rejected, progress-reported and resolved items tell their reporter (notification), in the same
    // transaction: code, subject and dates only (a rejection's reason stays on the item).
    const reporterEvent = REPORTER_EVENTS[transition.to];
    if (reporterEvent)
      await writeOutbox(tx, {
        topic: reporterEvent,
        payload: {
          code: item.code,
          citizenId: item.citizenId,
          unitCode: data['unitCode'] ?? item.unitCode,
          ...(transition.to === 'PROGRESS_REPORTED' && input.committedAt ? { committedAt: input.committedAt.toISOString() } : {}),
        },
        occurredAt: now,
      });
    // A reopened item goes back to its unit: its officers hear of it (subjects only, never the reason's text).
    if (action === 'REOPEN') {
      await writeOutbox(tx, { topic: REOPENED, payload: { code: item.code, officerIds: await unitOfficerIds(tx, item.unitCode ? [item.unitCode] : []) }, occurredAt: now });
    }
    // Every move, for the live status the portals show (the feedback subgraph's own Subscription reads it).
    await writeOutbox(tx, { topic: STATUS_CHANGED, payload: { code: item.code, citizenId: item.citizenId, unitCode: data['unitCode'] ?? item.unitCode, status: transition.to }, occurredAt: now });
    return (await tx.feedbackItem.findUnique({ where: { id: item.id } })) as FeedbackItem;
  });
}

/** Whether `viewer` may see `item` at all: its reporter, operators and leaders, and the officers of its unit. */
function maySee(viewer: ActingViewer, item: FeedbackItem): boolean {
  if (item.citizenId !== null && item.citizenId === viewer.subject) return true;
  if (viewer.roles.includes('operator') || viewer.roles.includes('leader')) return true;
  return viewer.roles.includes('officer') && viewer.unit !== undefined && viewer.unit === item.unitCode;
}

/** An item's history, oldest first. */
export function findFeedbackHistory(db: PrismaClient, itemIds: readonly string[]) {
  return db.feedbackHistory.findMany({ where: { itemId: { in: [...itemIds] } }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
}

/** Statuses after which the reporter may rate the unit. */
const RATABLE: ReadonlySet<FeedbackStatus> = new Set<FeedbackStatus>(['RESOLVED', 'PUBLISHED', 'CLOSED']);

/** The reporter rates the handling unit once, 1 to 5 stars, after resolution. */
export async function rateFeedback(db: PrismaClient, code: string, reporter: string, stars: number, comment: string | undefined) {
  if (!Number.isInteger(stars) || stars < 1 || stars > 5) throw codedError('BAD_USER_INPUT', 'stars must be a whole number from 1 to 5.', { field: 'stars' });
  const text = comment?.trim();
  if (text !== undefined && text.length > 2000) throw codedError('BAD_USER_INPUT', 'The comment is at most 2000 characters.', { field: 'comment' });
  const item = await db.feedbackItem.findUnique({ where: { code } });
  if (!item || item.citizenId !== reporter) throw codedError('NOT_FOUND', 'No such feedback item.');
  if (!RATABLE.has(item.status) || item.unitCode === null) throw codedError('ILLEGAL_TRANSITION', `An item in ${item.status} cannot be rated yet.`, { from: item.status });
  try {
    return await db.feedbackRating.create({ data: { itemId: item.id, unitCode: item.unitCode, stars, comment: text || null } });
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') throw codedError('ILLEGAL_TRANSITION', 'This item has already been rated.', { from: item.status });
    throw error;
  }
}
