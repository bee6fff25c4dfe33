// Official notices from the city: drafted and edited by the communications office (leaders: emergencies
// only), then published; each change is recorded in the notice's history (who, when, which fields —
// never the values, so a PERSON audience's subject stays out of it). A notice reaches everyone, some
// wards, the followers of a topic or one person, within its validity window.
import { codedError } from '../../../schema/errors.ts';
import { hasRole } from '../../../auth/viewer.ts';
import type { Viewer } from '../../../auth/viewer.ts';
import { findWardByCode } from '../../kit/reference/wards.ts';
import type { Notice, NoticeAudience, NoticeHistory, NoticeKind, NoticeStatus, Prisma, PrismaClient } from '../prisma/generated/client.ts';
import { isNoticeTopic } from './topics.ts';

/** Title and body bounds, after trimming. */
export const NOTICE_TITLE = { min: 5, max: 200 } as const;
export const NOTICE_BODY = { min: 10, max: 5000 } as const;
/** At most this many wards in one audience. */
export const MAX_AUDIENCE_WARDS = 50;

/** The audience as a client writes it. */
export interface AudienceInput {
  readonly kind: NoticeAudience;
  readonly wardCodes?: readonly string[] | null;
  readonly topic?: string | null;
  readonly personId?: string | null;
}

/** A notice as a client writes it. */
export interface NoticeInput {
  readonly title: string;
  readonly body: string;
  readonly kind: NoticeKind;
  readonly audience: AudienceInput;
  readonly validFrom?: Date | null;
  readonly validUntil?: Date | null;
}

/** The columns a valid input sets. */
type NoticeFields = Pick<Notice, 'title' | 'body' | 'kind' | 'audience' | 'wardCodes' | 'topic' | 'recipientId' | 'validFrom' | 'validUntil'>;

const FIELDS = ['title', 'body', 'kind', 'audience', 'wardCodes', 'topic', 'recipientId', 'validFrom', 'validUntil'] as const satisfies readonly (keyof NoticeFields)[];

function text(value: string, field: string, bounds: { min: number; max: number }): string {
  const trimmed = value.trim();
  if (trimmed.length < bounds.min || trimmed.length > bounds.max) throw codedError('BAD_USER_INPUT', `${field} must be ${bounds.min} to ${bounds.max} characters.`, { field });
  return trimmed;
}

function nobody(message: string, field: string): never {
  throw codedError('NOTICE_AUDIENCE_EMPTY', message, { field });
}

/** The audience's columns; an audience that can reach nobody is NOTICE_AUDIENCE_EMPTY. */
function readAudience(audience: AudienceInput): Pick<NoticeFields, 'audience' | 'wardCodes' | 'topic' | 'recipientId'> {
  const extra = (field: string) => codedError('BAD_USER_INPUT', `audience.${field} does not go with audience ${audience.kind}.`, { field: `audience.${field}` });
  const wards = audience.wardCodes ?? [];
  const topic = audience.topic ?? null;
  const person = audience.personId ?? null;
  if (audience.kind !== 'WARDS' && wards.length > 0) throw extra('wardCodes');
  if (audience.kind !== 'TOPIC' && topic !== null) throw extra('topic');
  if (audience.kind !== 'PERSON' && person !== null) throw extra('personId');
  switch (audience.kind) {
    case 'ALL':
      return { audience: 'ALL', wardCodes: [], topic: null, recipientId: null };
    case 'WARDS': {
      const codes = [...new Set(wards.map((code) => code.trim()))];
      if (codes.length === 0) nobody('A WARDS audience needs at least one ward code.', 'audience.wardCodes');
      if (codes.length > MAX_AUDIENCE_WARDS) throw codedError('BAD_USER_INPUT', `At most ${MAX_AUDIENCE_WARDS} wards per notice.`, { field: 'audience.wardCodes' });
      const unknown = codes.filter((code) => !findWardByCode(code));
      if (unknown.length > 0) throw codedError('NOTICE_AUDIENCE_EMPTY', 'Unknown ward codes: nobody lives there.', { field: 'audience.wardCodes', unknown: unknown.slice(0, 10) });
      return { audience: 'WARDS', wardCodes: codes.sort(), topic: null, recipientId: null };
    }
    case 'TOPIC':
      if (topic === null || !isNoticeTopic(topic.trim())) nobody('Unknown topic: nobody follows it (see noticeTopics).', 'audience.topic');
      return { audience: 'TOPIC', wardCodes: [], topic: topic.trim(), recipientId: null };
    case 'PERSON': {
      const id = person?.trim() ?? '';
      if (id.length === 0 || id.length > 255) nobody('A PERSON audience needs the subject of one person.', 'audience.personId');
      return { audience: 'PERSON', wardCodes: [], topic: null, recipientId: id };
    }
  }
}

/** Validate a client's notice; the window starts now unless given. */
export function readNoticeInput(input: NoticeInput, now: Date): NoticeFields {
  const validFrom = input.validFrom ?? now;
  const validUntil = input.validUntil ?? null;
  if (validUntil !== null && validUntil.getTime() <= validFrom.getTime()) {
    throw codedError('NOTICE_OUTSIDE_VALIDITY', 'validUntil must come after validFrom.', { field: 'validUntil' });
  }
  return {
    title: text(input.title, 'title', NOTICE_TITLE),
    body: text(input.body, 'body', NOTICE_BODY),
    kind: input.kind,
    ...readAudience(input.audience),
    validFrom,
    validUntil,
  };
}

/** Whether `viewer` may draft, edit and publish a notice of `kind`: communications any, leaders emergencies. */
export function mayManageNotice(viewer: Viewer, kind: NoticeKind): boolean {
  return hasRole(viewer, 'communications') || (hasRole(viewer, 'leader') && kind === 'EMERGENCY');
}

/** Whether `viewer` sees drafts and history at all. */
export function isNoticeStaff(viewer: Viewer): boolean {
  return hasRole(viewer, 'communications') || hasRole(viewer, 'leader');
}

function assertMayManage(viewer: Viewer, kind: NoticeKind): void {
  if (!mayManageNotice(viewer, kind)) throw codedError('FORBIDDEN', 'Leaders manage emergency notices only; other notices are for the communications office.');
}

/** Write a draft as `actorId`, with its first history entry. */
export async function draftNotice(db: PrismaClient, viewer: Viewer, actorId: string, input: NoticeInput, now = new Date()): Promise<Notice> {
  assertMayManage(viewer, input.kind);
  const fields = readNoticeInput(input, now);
  return db.$transaction(async (tx) => {
    const notice = await tx.notice.create({ data: { ...fields, status: 'DRAFT', createdBy: actorId, createdAt: now, updatedAt: now } });
    await tx.noticeHistory.create({ data: { noticeId: notice.id, at: now, actorId, action: 'DRAFTED', changedFields: [] } });
    return notice;
  });
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The draft `id` if `viewer` may manage it, else the coded error (a notice they may not see is NOT_FOUND). */
async function findManagedDraft(tx: Prisma.TransactionClient, viewer: Viewer, id: string): Promise<Notice> {
  const notice = await tx.notice.findUnique({ where: { id } });
  if (!notice) throw codedError('NOT_FOUND', 'No such notice.');
  assertMayManage(viewer, notice.kind);
  if (notice.status !== 'DRAFT') throw codedError('ILLEGAL_TRANSITION', 'The notice is published already; it can no longer change.', { from: notice.status });
  return notice;
}

/** Replace a draft's content (validFrom left out: unchanged); records which fields changed. */
export async function editNoticeDraft(db: PrismaClient, viewer: Viewer, actorId: string, id: string, input: NoticeInput, now = new Date()): Promise<Notice> {
  assertMayManage(viewer, input.kind);
  return db.$transaction(async (tx) => {
    const draft = await findManagedDraft(tx, viewer, id);
    // A window's start left out keeps the draft's (else every edit would move it to now).
    const fields = readNoticeInput({ ...input, validFrom: input.validFrom ?? draft.validFrom }, now);
    const changed = FIELDS.filter((field) => !sameValue(draft[field], fields[field]));
    if (changed.length === 0) return draft;
    // Guarded on the status read, so an edit racing a publish cannot change a published notice.
    const { count } = await tx.notice.updateMany({ where: { id, status: 'DRAFT' }, data: { ...fields, updatedAt: now } });
    if (count === 0) throw codedError('ILLEGAL_TRANSITION', 'The notice was published meanwhile.', { from: 'PUBLISHED' });
    await tx.noticeHistory.create({ data: { noticeId: id, at: now, actorId, action: 'EDITED', changedFields: [...changed] } });
    return tx.notice.findUniqueOrThrow({ where: { id } });
  });
}

/** Publish a draft: refused when its validity is already over. */
export async function publishNotice(db: PrismaClient, viewer: Viewer, actorId: string, id: string, now = new Date()): Promise<Notice> {
  return db.$transaction(async (tx) => {
    const draft = await findManagedDraft(tx, viewer, id);
    if (draft.validUntil !== null && draft.validUntil.getTime() <= now.getTime()) {
      throw codedError('NOTICE_OUTSIDE_VALIDITY', 'The notice is no longer valid (validUntil has passed): edit its window first.', { field: 'validUntil' });
    }
    const { count } = await tx.notice.updateMany({ where: { id, status: 'DRAFT' }, data: { status: 'PUBLISHED', publishedAt: now, publishedBy: actorId, updatedAt: now } });
    if (count === 0) throw codedError('ILLEGAL_TRANSITION', 'The notice was published meanwhile.', { from: 'PUBLISHED' });
    await tx.noticeHistory.create({ data: { noticeId: id, at: now, actorId, action: 'PUBLISHED', changedFields: [] } });
    return tx.notice.findUniqueOrThrow({ where: { id } });
  });
}

/** Published notices in their validity window at `now`. */
function currentlyValid(now: Date): Prisma.NoticeWhereInput {
  return { status: 'PUBLISHED', validFrom: { lte: now }, OR: [{ validUntil: null }, { validUntil: { gt: now } }] };
}

/** Public notices valid now: for everyone, plus one ward's and one topic's when asked. Never a person's. */
export function listPublicNotices(db: PrismaClient, filter: { wardCode?: string | undefined; topic?: string | undefined }, first: number, now = new Date()): Promise<Notice[]> {
  const audiences: Prisma.NoticeWhereInput[] = [{ audience: 'ALL' }];
  if (filter.wardCode) audiences.push({ audience: 'WARDS', wardCodes: { has: filter.wardCode } });
  if (filter.topic) audiences.push({ audience: 'TOPIC', topic: filter.topic });
  return db.notice.findMany({ where: { AND: [currentlyValid(now), { OR: audiences }] }, orderBy: [{ publishedAt: 'desc' }, { id: 'asc' }], take: first });
}

/** What a citizen's feed is for: their subject, and the wards and topics they follow. */
export interface FeedReader {
  readonly citizenId: string;
  readonly wardCodes: readonly string[];
  readonly topics: readonly string[];
}

/** One citizen's feed: every notice valid now that concerns them, newest first. */
export function findNoticeFeed(db: PrismaClient, reader: FeedReader, first: number, now = new Date()): Promise<Notice[]> {
  const audiences: Prisma.NoticeWhereInput[] = [{ audience: 'ALL' }, { audience: 'PERSON', recipientId: reader.citizenId }];
  if (reader.wardCodes.length > 0) audiences.push({ audience: 'WARDS', wardCodes: { hasSome: [...reader.wardCodes] } });
  if (reader.topics.length > 0) audiences.push({ audience: 'TOPIC', topic: { in: [...reader.topics] } });
  return db.notice.findMany({ where: { AND: [currentlyValid(now), { OR: audiences }] }, orderBy: [{ publishedAt: 'desc' }, { id: 'asc' }], take: first });
}

/** Notices for the staff who manage them, by status, most recently changed first; leaders see emergencies only. */
export function listManagedNotices(db: PrismaClient, viewer: Viewer, status: NoticeStatus | undefined, first: number): Promise<Notice[]> {
  return db.notice.findMany({
    where: { ...(status ? { status } : {}), ...(hasRole(viewer, 'communications') ? {} : { kind: 'EMERGENCY' as const }) },
    orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
    take: first,
  });
}

/** One notice as `viewer` may see it: staff any they manage; others a published, valid one meant for them. */
export async function findVisibleNotice(db: PrismaClient, viewer: Viewer, id: string, now = new Date()): Promise<Notice | null> {
  const notice = await db.notice.findUnique({ where: { id } });
  if (!notice) return null;
  if (mayManageNotice(viewer, notice.kind)) return notice;
  const valid = notice.status === 'PUBLISHED' && notice.validFrom <= now && (notice.validUntil === null || notice.validUntil > now);
  if (!valid) return null;
  if (notice.audience === 'PERSON') return notice.recipientId === viewer.subject ? notice : null;
  return notice;
}

/** Histories of notices, oldest entry first. */
export function findNoticeHistories(db: PrismaClient, noticeIds: readonly string[]): Promise<NoticeHistory[]> {
  return db.noticeHistory.findMany({ where: { noticeId: { in: [...noticeIds] } }, orderBy: [{ at: 'asc' }, { id: 'asc' }] });
}
