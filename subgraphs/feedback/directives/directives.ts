// Directives (chỉ đạo điều hành): a leader sends content with a deadline to a unit, a category, a
// ward or one item; the addressed units are resolved when it is issued (one recipient row each, in
// the same transaction as the directive) and each unit replies once. Overdue is computed, never stored.
// modelled: how a category or a ward maps to units (the routing rules) — the portals do not publish it.
import { randomInt } from 'node:crypto';
import { codedError } from '../../../schema/errors.ts';
import { findWardByCode } from '../../kit/reference/wards.ts';
import type { Directive, DirectiveRecipient, DirectiveTargetKind, Prisma, PrismaClient } from '../prisma/generated/client.ts';
import { DEFAULT_UNIT_CODE } from '../prisma/seed-data.ts';
import { writeOutbox } from '../../kit/events/outbox.ts';
import { unitOfficerIds } from '../workflow/officers.ts';

/** A directive's state: every unit replied, some unit has not and the deadline passed, or neither. */
export type DirectiveStatus = 'OPEN' | 'ANSWERED' | 'OVERDUE';

/** What a leader sends. */
export interface DirectiveRequest {
  readonly targetKind: DirectiveTargetKind;
  readonly targetCode: string;
  readonly content: string;
  readonly dueAt: Date;
}

/** A recipient row with its directive's deadline, so `late` and `overdue` need nothing more. */
export interface RecipientView extends DirectiveRecipient {
  readonly dueAt: Date;
}

/** A directive was issued: the addressed units' officers are told (notification: DIRECTIVE_ISSUED). */
const DIRECTIVE_ISSUED = 'feedback.directive-issued';
/** A unit replied: the leader who issued it is told (notification: DIRECTIVE_REPLIED). */
const DIRECTIVE_REPLIED = 'feedback.directive-replied';

/** Directive text bounds, after trimming (the same as a citizen's feedback). */
export const DIRECTIVE_CONTENT = { min: 10, max: 5000 } as const;
/** Reply text bounds, after trimming. */
export const REPLY_CONTENT = { min: 3, max: 5000 } as const;

/** A public code like CD261112345678: CD + YYMM + 8 random digits (random for the reasons of newFeedbackCode). */
export function newDirectiveCode(at: Date): string {
  const yymm = `${String(at.getUTCFullYear() % 100).padStart(2, '0')}${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
  return `CD${yymm}${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

function text(value: string, field: string, bounds: { min: number; max: number }): string {
  const trimmed = value.trim();
  if (trimmed.length < bounds.min || trimmed.length > bounds.max) {
    throw codedError('BAD_USER_INPUT', `${field} must be ${bounds.min} to ${bounds.max} characters.`, { field });
  }
  return trimmed;
}

/** The latest deadline a leader may set: one year from `now`. */
export function latestDueAt(now: Date): Date {
  const latest = new Date(now);
  latest.setUTCFullYear(latest.getUTCFullYear() + 1);
  return latest;
}

type Tx = Prisma.TransactionClient;

function unknownTarget(what: string): never {
  throw codedError('BAD_USER_INPUT', `Unknown ${what}.`, { field: 'target.code' });
}

/**
 * The units a target addresses: UNIT → that unit; ITEM → the item's current unit; CATEGORY → the units
 * its routing rules send it to; WARD → that ward's units plus the units its rules send it to. A
 * category or ward no unit covers goes to the 1022 centre, as unmatched feedback does.
 */
export async function resolveRecipientUnits(db: Tx, kind: DirectiveTargetKind, code: string): Promise<string[]> {
  switch (kind) {
    case 'UNIT': {
      const unit = await db.unit.findUnique({ where: { code } });
      if (!unit) unknownTarget('unit');
      return [unit.code];
    }
    case 'ITEM': {
      const item = await db.feedbackItem.findUnique({ where: { code }, select: { unitCode: true } });
      if (!item) unknownTarget('feedback item');
      if (item.unitCode === null) throw codedError('BAD_USER_INPUT', 'The item has no handling unit yet; route it first.', { field: 'target.code' });
      return [item.unitCode];
    }
    case 'CATEGORY': {
      if (!(await db.category.findUnique({ where: { code } }))) unknownTarget('category');
      const rules = await db.routingRule.findMany({ where: { categoryCode: code }, select: { unitCode: true }, distinct: ['unitCode'] });
      return orDefault(rules.map((rule) => rule.unitCode));
    }
    case 'WARD': {
      if (!findWardByCode(code)) unknownTarget('ward');
      // One after the other: queries of one interactive transaction share its connection.
      const units = await db.unit.findMany({ where: { wardCode: code }, select: { code: true } });
      const rules = await db.routingRule.findMany({ where: { wardCode: code }, select: { unitCode: true }, distinct: ['unitCode'] });
      return orDefault([...units.map((unit) => unit.code), ...rules.map((rule) => rule.unitCode)]);
    }
  }
}

function orDefault(codes: readonly string[]): string[] {
  const distinct = [...new Set(codes)].sort();
  return distinct.length > 0 ? distinct : [DEFAULT_UNIT_CODE];
}

/** Issue a directive as `leaderId`: validated, addressed and written (with its recipients) in one transaction. */
export async function issueDirective(db: PrismaClient, leaderId: string, request: DirectiveRequest, now = new Date()): Promise<Directive> {
  const targetCode = request.targetCode.trim();
  if (targetCode.length === 0 || targetCode.length > 64) throw codedError('BAD_USER_INPUT', 'target.code is required (at most 64 characters).', { field: 'target.code' });
  const content = text(request.content, 'content', DIRECTIVE_CONTENT);
  if (request.dueAt.getTime() <= now.getTime()) throw codedError('BAD_USER_INPUT', 'dueAt must be in the future.', { field: 'dueAt' });
  if (request.dueAt.getTime() > latestDueAt(now).getTime()) throw codedError('BAD_USER_INPUT', 'dueAt must be at most one year ahead.', { field: 'dueAt' });
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await db.$transaction(async (tx) => {
        const units = await resolveRecipientUnits(tx, request.targetKind, targetCode);
        const directive = await tx.directive.create({
          data: { code: newDirectiveCode(now), leaderId, targetKind: request.targetKind, targetCode, content, dueAt: request.dueAt, createdAt: now },
        });
        await tx.directiveRecipient.createMany({ data: units.map((unitCode) => ({ directiveId: directive.id, unitCode })) });
        // The addressed units' officers are told, in the same transaction (codes and subjects only, never the content).
        const officerIds = await unitOfficerIds(tx, units);
        await writeOutbox(tx, { topic: DIRECTIVE_ISSUED, payload: { code: directive.code, leaderId, officerIds, dueAt: directive.dueAt.toISOString() }, occurredAt: now });
        return directive;
      });
    } catch (error) {
      // A random code collided with an existing one (P2002): draw another.
      if ((error as { code?: string }).code === 'P2002' && attempt < 5) continue;
      throw error;
    }
  }
}

/** The officer replying: their subject and unit. */
export interface ReplyingOfficer {
  readonly subject: string;
  readonly unit: string;
}

/**
 * An officer replies for their own unit, once. A reply after the deadline is accepted (and shows as
 * late). Another unit's directive answers as a missing one (NOT_FOUND: codes must not be probed); a
 * second reply is ILLEGAL_TRANSITION.
 */
export async function replyToDirective(db: PrismaClient, code: string, officer: ReplyingOfficer, reply: string, now = new Date()): Promise<RecipientView> {
  const content = text(reply, 'content', REPLY_CONTENT);
  const directive = await db.directive.findUnique({ where: { code } });
  if (!directive) throw codedError('NOT_FOUND', 'No such directive.');
  const key = { directiveId_unitCode: { directiveId: directive.id, unitCode: officer.unit } };
  const recipient = await db.directiveRecipient.findUnique({ where: key });
  if (!recipient) throw codedError('NOT_FOUND', 'No such directive.');
  const replied = await db.$transaction(async (tx) => {
    // Guarded on "not yet replied", so two officers of one unit replying at once cannot both succeed.
    const { count } = await tx.directiveRecipient.updateMany({
      where: { directiveId: directive.id, unitCode: officer.unit, repliedAt: null },
      data: { repliedAt: now, reply: content, repliedBy: officer.subject },
    });
    if (count === 0) throw codedError('ILLEGAL_TRANSITION', 'Your unit has already replied to this directive.', { action: 'REPLY' });
    // The leader who issued it is told which unit replied (never the reply's text).
    await writeOutbox(tx, { topic: DIRECTIVE_REPLIED, payload: { code: directive.code, leaderId: directive.leaderId, unitCode: officer.unit }, occurredAt: now });
    return tx.directiveRecipient.findUniqueOrThrow({ where: key });
  });
  return { ...replied, dueAt: directive.dueAt };
}

function statusWhere(status: DirectiveStatus, now: Date): Prisma.DirectiveWhereInput {
  switch (status) {
    case 'ANSWERED':
      return { recipients: { none: { repliedAt: null } } };
    case 'OVERDUE':
      return { dueAt: { lt: now }, recipients: { some: { repliedAt: null } } };
    case 'OPEN':
      return { dueAt: { gte: now }, recipients: { some: { repliedAt: null } } };
  }
}

/** Directives newest first: a leader's own (`leaderId`), or every one (undefined), optionally by status. */
export function listDirectives(db: PrismaClient, filter: { leaderId: string | undefined; status: DirectiveStatus | undefined; first: number }, now = new Date()): Promise<Directive[]> {
  return db.directive.findMany({
    where: { ...(filter.leaderId !== undefined ? { leaderId: filter.leaderId } : {}), ...(filter.status ? statusWhere(filter.status, now) : {}) },
    orderBy: [{ createdAt: 'desc' }, { code: 'asc' }],
    take: filter.first,
  });
}

/** Directives addressed to a unit, newest first. */
export function listUnitDirectives(db: PrismaClient, unitCode: string, first: number): Promise<Directive[]> {
  return db.directive.findMany({ where: { recipients: { some: { unitCode } } }, orderBy: [{ createdAt: 'desc' }, { code: 'asc' }], take: first });
}

/** Recipients of the given directives, by directive then unit code. */
export function findDirectiveRecipients(db: PrismaClient, directiveIds: readonly string[]): Promise<DirectiveRecipient[]> {
  return db.directiveRecipient.findMany({ where: { directiveId: { in: [...directiveIds] } }, orderBy: [{ directiveId: 'asc' }, { unitCode: 'asc' }] });
}

/** Directives by id. */
export function findDirectivesByIds(db: PrismaClient, ids: readonly string[]): Promise<Directive[]> {
  return db.directive.findMany({ where: { id: { in: [...ids] } } });
}

/** The unit replied after the deadline. */
export function isLate(recipient: RecipientView): boolean {
  return recipient.repliedAt !== null && recipient.repliedAt.getTime() > recipient.dueAt.getTime();
}

/** The unit has not replied and the deadline has passed. */
export function isRecipientOverdue(recipient: RecipientView, now = new Date()): boolean {
  return recipient.repliedAt === null && now.getTime() > recipient.dueAt.getTime();
}
