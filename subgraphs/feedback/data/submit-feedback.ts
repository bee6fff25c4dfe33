// Intake and officer actions on feedback items. Each change and its history entry are written in one
// transaction, so nothing is half-written.
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { codedError } from '../../../schema/errors.ts';
import { notifyOutboxWrite } from '../../kit/events/outbox.ts';
import { nearestWard } from '../../kit/reference/wards.ts';
import { addWorkingHours, CalendarNotCoveredError } from '../calendar/working-hours.ts';
import { attachPhotos, photosPerItem } from '../photos/photos.ts';
import type { Channel, FeedbackItem, FeedbackStatus, PrismaClient } from '../prisma/generated/client.ts';
import type { Prisma } from '../prisma/generated/client.ts';
import { writeIntake, writeIntakeAlone } from './intake-batch.ts';
import type { IntakeRow } from './intake-batch.ts';

/** The channels an item can come in by (the Prisma enum). */
export type FeedbackChannel = Channel;

/** Contact of a reporter without an account: personal data, shown to staff only. */
export interface ReporterContact {
  readonly name?: string | undefined;
  readonly phone?: string | undefined;
  readonly email?: string | undefined;
  readonly address?: string | undefined;
}

/**
 * A client-chosen key that makes a retried submission return the first one's item. `scope` says who
 * chose it ("citizen:<sub>", "operator:<sub>", "webhook:ZALO", …) so two callers' keys never collide.
 */
export interface IdempotencyKey {
  readonly scope: string;
  readonly key: string;
}

/** What comes in, from any channel. */
export interface FeedbackSubmission {
  /** The reporting citizen's subject; null for a caller without an account. */
  readonly citizenId: string | null;
  readonly channel: FeedbackChannel;
  readonly categoryCode: string;
  readonly title: string;
  readonly content: string;
  readonly lat: number;
  readonly lng: number;
  readonly isAnonymous: boolean;
  readonly isPublic: boolean;
  readonly reporter?: ReporterContact | undefined;
  /** The operator who recorded it on a caller's behalf (phone, SMS). */
  readonly recordedBy?: string | undefined;
  readonly idempotency?: IdempotencyKey | undefined;
  /** False when lat/lng are a stand-in (a chat message without a location): an operator places it later. */
  readonly locationConfirmed?: boolean | undefined;
  /** Uploads of the submitter (recordedBy, else citizenId) to attach as REPORT photos. */
  readonly photoIds?: readonly string[] | undefined;
}

/** The outcome of an intake: the item, and whether it was a replay of an earlier submission. */
export interface Intake {
  readonly item: FeedbackItem;
  readonly replayed: boolean;
}

// Mainland and islands, generously: a point outside is certainly not in Việt Nam.
const VIETNAM = { minLat: 8.0, maxLat: 23.5, minLng: 102.0, maxLng: 117.5 };

/** Whether a point is inside Việt Nam's bounding box (mainland and islands, generously). */
export function inVietnam(lat: number, lng: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lng) && lat >= VIETNAM.minLat && lat <= VIETNAM.maxLat && lng >= VIETNAM.minLng && lng <= VIETNAM.maxLng;
}

/**
 * A public code like PHA261100384716: PHA + YYMM + 8 random digits. Random rather than sequential,
 * so codes reveal neither volumes nor neighbours and cannot be enumerated.
 */
export function newFeedbackCode(at: Date): string {
  const yymm = `${String(at.getUTCFullYear() % 100).padStart(2, '0')}${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
  return `PHA${yymm}${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

const MAX_KEY_LENGTH = 255;
// Vietnamese numbers: 0 or +84, then a 9-digit subscriber number (mobile 3/5/7/8/9…, landline 2…).
const PHONE = /^(?:\+84|0)[235789]\d{8}$/;
const EMAIL = /^[^\s@<>]{1,64}@[^\s@<>]{1,255}$/;

function validate(submission: FeedbackSubmission): void {
  const title = submission.title.trim();
  const content = submission.content.trim();
  if (title.length < 5 || title.length > 200) throw codedError('BAD_USER_INPUT', 'The title must be 5 to 200 characters.', { field: 'title' });
  if (content.length < 10 || content.length > 5000) throw codedError('BAD_USER_INPUT', 'The content must be 10 to 5000 characters.', { field: 'content' });
  const { lat, lng } = submission;
  if (!inVietnam(lat, lng)) {
    throw codedError('BAD_USER_INPUT', 'The location is outside Việt Nam.', { field: 'location' });
  }
  const key = submission.idempotency?.key;
  // Printable ASCII, like the HTTP Idempotency-Key header (a UUID is typical).
  if (key !== undefined && (key.length === 0 || key.length > MAX_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(key))) {
    throw codedError('BAD_USER_INPUT', `The idempotency key must be 1 to ${MAX_KEY_LENGTH} printable ASCII characters.`, { field: 'idempotencyKey' });
  }
  const reporter = submission.reporter;
  if (reporter) {
    if (reporter.name !== undefined && (reporter.name.trim().length === 0 || reporter.name.length > 100)) throw codedError('BAD_USER_INPUT', 'The name must be 1 to 100 characters.', { field: 'reporter.name' });
    if (reporter.phone !== undefined && !PHONE.test(normalizePhone(reporter.phone))) throw codedError('BAD_USER_INPUT', 'The phone number is not a Vietnamese number.', { field: 'reporter.phone' });
    if (reporter.email !== undefined && !EMAIL.test(reporter.email.trim())) throw codedError('BAD_USER_INPUT', 'The e-mail address is not valid.', { field: 'reporter.email' });
    if (reporter.address !== undefined && reporter.address.length > 300) throw codedError('BAD_USER_INPUT', 'The address is at most 300 characters.', { field: 'reporter.address' });
  }
}

/** A phone number without spaces, dots or dashes. */
export function normalizePhone(phone: string): string {
  return phone.replace(/[\s.\-()]/g, '');
}

/** Everything that makes two submissions the same request, hashed (a retry must match it exactly). */
function requestHash(submission: FeedbackSubmission): string {
  const { idempotency: _key, ...request } = submission;
  return createHash('sha256').update(JSON.stringify(request)).digest('base64url');
}

/**
 * When an answer is due: `hours` working hours on the civil-service calendar. Past the years the
 * holiday data covers, weekdays are not knowable yet; the item is still accepted, with a calendar-hour
 * deadline, rather than refused (nothing a citizen sends is lost for want of next year's holiday list).
 */
export function feedbackDeadline(receivedAt: Date, hours: number): Date {
  try {
    return addWorkingHours(receivedAt, hours);
  } catch (error) {
    if (error instanceof CalendarNotCoveredError) return new Date(receivedAt.getTime() + hours * 3_600_000);
    throw error;
  }
}

/** The item an idempotency key already stands for, or IDEMPOTENCY_KEY_REUSED when its request differs. */
async function replayOf(db: PrismaClient | Prisma.TransactionClient, key: IdempotencyKey, hash: string): Promise<FeedbackItem | undefined> {
  const earlier = await db.feedbackIdempotency.findUnique({ where: { scope_key: { scope: key.scope, key: key.key } }, include: { item: true } });
  if (!earlier) return undefined;
  if (earlier.requestHash !== hash) {
    throw codedError('IDEMPOTENCY_KEY_REUSED', 'This idempotency key was already used for a different submission.', { field: 'idempotencyKey' });
  }
  return earlier.item;
}

/** A category as intake needs it. */
interface IntakeCategory {
  readonly code: string;
  readonly deadlineHours: number;
}

// Categories change rarely (their deadlines are configuration kept as data): intake reads them from a
// copy at most 30 s old, and reloads at once for a code it does not know.
const CATEGORY_TTL_MS = 30_000;
const categoryCopies = new WeakMap<PrismaClient, { readonly loadedAt: number; readonly byCode: ReadonlyMap<string, IntakeCategory> }>();

async function categoryFor(db: PrismaClient, code: string, now: number): Promise<IntakeCategory | undefined> {
  const copy = categoryCopies.get(db);
  const known = copy && now - copy.loadedAt < CATEGORY_TTL_MS ? copy.byCode.get(code) : undefined;
  if (known) return known;
  const rows = await db.category.findMany({ select: { code: true, deadlineHours: true } });
  const byCode = new Map(rows.map((row) => [row.code, row]));
  categoryCopies.set(db, { loadedAt: now, byCode });
  return byCode.get(code);
}

/** Where a submission goes, worked out before anything is written. */
interface Placement {
  readonly category: IntakeCategory;
  readonly wardCode: string;
  readonly dueAt: Date;
}

/**
 * Record a submission from any channel, route it by category × ward, and return it. With an
 * idempotency key, a retry (same key, same request) returns the first item and writes nothing, even
 * when both arrive at once: the key is claimed first, in the item's transaction, so the second waits
 * for the first and then finds it.
 */
export async function receiveFeedback(db: PrismaClient, submission: FeedbackSubmission, now = new Date()): Promise<Intake> {
  validate(submission);
  const hash = submission.idempotency ? requestHash(submission) : '';
  const category = await categoryFor(db, submission.categoryCode, now.getTime());
  if (!category) throw codedError('BAD_USER_INPUT', 'Unknown feedback category.', { field: 'categoryCode' });
  const placement: Placement = { category, wardCode: nearestWard(submission.lat, submission.lng).code, dueAt: feedbackDeadline(now, category.deadlineHours) };
  for (let attempt = 0; ; attempt += 1) {
    try {
      // Photos need checks that can refuse the whole submission, so they take a transaction of several
      // statements; everything else is one statement (atomic by itself), shared with the submissions
      // arriving meanwhile (intake-batch.ts).
      const item = submission.photoIds?.length
        ? await receiveInTransaction(db, submission, placement, hash, now)
        : await writeIntake(db, intakeRow(submission, placement, hash, now));
      if (item) {
        notifyOutboxWrite();
        return { item, replayed: false };
      }
      // The key was already claimed: by an earlier submission, or by one that just committed.
      const earlier = submission.idempotency ? await replayOf(db, submission.idempotency, hash) : undefined;
      if (earlier) return { item: earlier, replayed: true };
      if (attempt >= 5) throw new Error('An idempotency key was neither claimed nor found.');
      // The other holder rolled back: claim the key again.
    } catch (error) {
      // A random code collided with an existing one: draw another.
      if (isUniqueViolation(error) && attempt < 5) continue;
      // The category was removed after intake's copy was read: as unknown as any other code.
      if (sqlState(error) === '23503') {
        categoryCopies.delete(db);
        throw codedError('BAD_USER_INPUT', 'Unknown feedback category.', { field: 'categoryCode' });
      }
      throw error;
    }
  }
}

/** The SQLSTATE of a failed raw statement (Prisma's P2010), if any. */
function sqlState(error: unknown): string | undefined {
  const { code, meta } = error as { code?: string; meta?: { code?: string; driverAdapterError?: { cause?: { originalCode?: string } } } };
  return code === 'P2010' ? (meta?.code ?? meta?.driverAdapterError?.cause?.originalCode) : undefined;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === 'P2002' || sqlState(error) === '23505';
}

/** A submission as the intake statement writes it, with a fresh id and code. */
function intakeRow(submission: FeedbackSubmission, placement: Placement, hash: string, now: Date): IntakeRow {
  const key = submission.idempotency;
  return {
    id: randomUUID(),
    code: newFeedbackCode(now),
    citizenId: submission.citizenId,
    channel: submission.channel,
    categoryCode: placement.category.code,
    title: submission.title.trim(),
    content: submission.content.trim(),
    wardCode: placement.wardCode,
    lat: submission.lat,
    lng: submission.lng,
    isAnonymous: submission.isAnonymous,
    isPublic: submission.isPublic,
    receivedAt: now,
    dueAt: placement.dueAt,
    recordedBy: submission.recordedBy ?? null,
    actorId: submission.recordedBy ?? submission.citizenId,
    action: submission.recordedBy ? 'RECORDED' : 'SUBMITTED',
    idempotency: key ? { scope: key.scope, key: key.key, requestHash: hash } : null,
    contact: contactRow(submission.reporter) ?? null,
    eventId: randomUUID(),
    locationConfirmed: submission.locationConfirmed ?? true,
  };
}

/** The reporter's contact as stored (trimmed, phone without separators, e-mail in lower case), if any. */
function contactRow(reporter: ReporterContact | undefined): { name: string | null; phone: string | null; email: string | null; address: string | null } | undefined {
  if (!reporter || (reporter.name ?? reporter.phone ?? reporter.email ?? reporter.address) === undefined) return undefined;
  return {
    name: reporter.name?.trim() ?? null,
    phone: reporter.phone === undefined ? null : normalizePhone(reporter.phone),
    email: reporter.email?.trim().toLowerCase() ?? null,
    address: reporter.address?.trim() ?? null,
  };
}

/**
 * Intake with photos: the intake statement and the photos' checks in one transaction, so a photo that
 * refuses the submission leaves nothing written. Undefined when the key was already claimed.
 */
function receiveInTransaction(db: PrismaClient, submission: FeedbackSubmission, placement: Placement, hash: string, now: Date): Promise<FeedbackItem | undefined> {
  return db.$transaction(async (tx) => {
    const item = await writeIntakeAlone(tx, intakeRow(submission, placement, hash, now));
    if (item) {
      await attachPhotos(tx, { itemId: item.id, ownerId: submission.recordedBy ?? submission.citizenId ?? '', kind: 'REPORT', photoIds: submission.photoIds ?? [], perItem: photosPerItem(db), now });
    }
    return item;
  });
}

/** Record a citizen's own submission (web or app): receiveFeedback without the replay flag. */
export async function submitFeedback(db: PrismaClient, submission: FeedbackSubmission, now = new Date()): Promise<FeedbackItem> {
  return (await receiveFeedback(db, submission, now)).item;
}

/** Items assigned to a unit, newest first. */
export function findFeedbackByUnit(db: PrismaClient, unitCode: string, status: FeedbackStatus | undefined, first: number): Promise<FeedbackItem[]> {
  return db.feedbackItem.findMany({ where: { unitCode, ...(status ? { status } : {}) }, orderBy: [{ receivedAt: 'desc' }, { code: 'asc' }], take: first });
}
