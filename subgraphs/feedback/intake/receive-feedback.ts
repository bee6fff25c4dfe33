// Intake: every channel's submission (portal, app, 1022 operators, webhooks, Open311) ends in
// receiveFeedback, which validates it, places it (category, ward, deadline), honours its idempotency key
// and writes it — item, history, contact and event — in one statement shared with the submissions
// arriving meanwhile (intake-batch.ts), or in one transaction when it carries photos.
import { createHash, randomInt, randomUUID } from 'node:crypto';
import { codedError } from '../../../schema/errors.ts';
import { traceHeaders } from '../../../platform/tracing.ts';
import { notifyOutboxWrite } from '../../kit/events/outbox.ts';
import { wardAt } from '../../kit/geo/ward-boundaries.ts';
import type { PhotoSettings } from '../photos/config.ts';
import { attachPhotos } from '../photos/photos.ts';
import type { FeedbackItem, Prisma, PrismaClient } from '../prisma/generated/client.ts';
import { CategoryCache } from './category-cache.ts';
import type { IntakeCategory } from './category-cache.ts';
import { feedbackDeadline } from './deadline.ts';
import { IntakeQueue, writeIntakeAlone } from './intake-batch.ts';
import type { IntakeRow } from './intake-batch.ts';
import { isVietnamesePhone, normalizePhone, validateSubmission } from './submission.ts';
import type { FeedbackSubmission, IdempotencyKey, ReporterContact } from './submission.ts';

/** What intake needs, built once per subgraph (services.ts). */
export interface IntakeServices {
  readonly db: PrismaClient;
  /** The per-item photo limit (FEEDBACK_PHOTOS_PER_ITEM) for the photos a submission attaches. */
  readonly config: Pick<PhotoSettings, 'photosPerItem'>;
  /** Intake's copy of the categories. */
  readonly categories: CategoryCache;
  /** The group-commit queue: submissions arriving together share a statement. */
  readonly intakeQueue: IntakeQueue;
}

/** Intake's services for `db`: a category copy and a group-commit queue of its own. */
export function createIntakeServices(db: PrismaClient, config: Pick<PhotoSettings, 'photosPerItem'>): IntakeServices {
  return { db, config, categories: new CategoryCache(db), intakeQueue: new IntakeQueue(db) };
}

/** The outcome of an intake: the item, and whether it was a replay of an earlier submission. */
export interface Intake {
  readonly item: FeedbackItem;
  readonly replayed: boolean;
}

/**
 * A public code like PHA261100384716: PHA + YYMM + 8 random digits. Random rather than sequential,
 * so codes reveal neither volumes nor neighbours and cannot be enumerated.
 */
export function newFeedbackCode(at: Date): string {
  const yymm = `${String(at.getUTCFullYear() % 100).padStart(2, '0')}${String(at.getUTCMonth() + 1).padStart(2, '0')}`;
  return `PHA${yymm}${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
}

/** Everything that makes two submissions the same request, hashed (a retry must match it exactly). */
function requestHash(submission: FeedbackSubmission): string {
  const { idempotency: _key, ...request } = submission;
  return createHash('sha256').update(JSON.stringify(request)).digest('base64url');
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
export async function receiveFeedback(intake: IntakeServices, submission: FeedbackSubmission, now = new Date()): Promise<Intake> {
  validateSubmission(submission);
  const { db } = intake;
  const hash = submission.idempotency ? requestHash(submission) : '';
  const category = await intake.categories.find(submission.categoryCode, now.getTime());
  if (!category) throw codedError('BAD_USER_INPUT', 'Unknown feedback category.', { field: 'categoryCode' });
  // The ward is the one whose boundary holds the point (kit/geo, shared with planning); a point outside
  // every ward is outside the city's jurisdiction and refused here, before anything is written.
  const ward = wardAt(submission.lat, submission.lng);
  if (!ward) throw codedError('LOCATION_OUTSIDE_JURISDICTION', 'The location is outside the area this city serves.', { field: 'location' });
  const placement: Placement = { category, wardCode: ward.code, dueAt: feedbackDeadline(now, category.deadlineHours) };
  for (let attempt = 0; ; attempt += 1) {
    try {
      // Photos need checks that can refuse the whole submission, so they take a transaction of several
      // statements; everything else is one statement (atomic by itself), shared with the submissions
      // arriving meanwhile (intake-batch.ts).
      const item = submission.photoIds?.length ? await receiveInTransaction(intake, submission, placement, hash, now) : await intake.intakeQueue.write(intakeRow(submission, placement, hash, now));
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
        intake.categories.forget();
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
    trace: traceHeaders(),
  };
}

/**
 * The reporter's contact as stored (trimmed, phone without separators, e-mail in lower case), if any; a
 * phone our check does not know, when the channel keeps those, as given and flagged.
 */
function contactRow(reporter: ReporterContact | undefined): { name: string | null; phone: string | null; phoneUnrecognized: boolean; email: string | null; address: string | null } | undefined {
  if (!reporter || (reporter.name ?? reporter.phone ?? reporter.email ?? reporter.address) === undefined) return undefined;
  const unrecognized = reporter.phone !== undefined && reporter.keepUnrecognizedPhone === true && !isVietnamesePhone(reporter.phone);
  return {
    name: reporter.name?.trim() ?? null,
    phone: reporter.phone === undefined ? null : unrecognized ? reporter.phone.trim() : normalizePhone(reporter.phone),
    phoneUnrecognized: unrecognized,
    email: reporter.email?.trim().toLowerCase() ?? null,
    address: reporter.address?.trim() ?? null,
  };
}

/**
 * Intake with photos: the intake statement and the photos' checks in one transaction, so a photo that
 * refuses the submission leaves nothing written. Undefined when the key was already claimed.
 */
function receiveInTransaction(intake: IntakeServices, submission: FeedbackSubmission, placement: Placement, hash: string, now: Date): Promise<FeedbackItem | undefined> {
  return intake.db.$transaction(async (tx) => {
    const item = await writeIntakeAlone(tx, intakeRow(submission, placement, hash, now));
    if (item) {
      await attachPhotos(tx, {
        itemId: item.id,
        ownerId: submission.recordedBy ?? submission.citizenId ?? '',
        kind: 'REPORT',
        photoIds: submission.photoIds ?? [],
        perItem: intake.config.photosPerItem,
        now,
      });
    }
    return item;
  });
}

/** Record a citizen's own submission (web or app): receiveFeedback without the replay flag. */
export async function submitFeedback(intake: IntakeServices, submission: FeedbackSubmission, now = new Date()): Promise<FeedbackItem> {
  return (await receiveFeedback(intake, submission, now)).item;
}
