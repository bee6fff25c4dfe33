// What comes in, from any channel, and the checks every submission passes before intake writes it:
// the bounds of its texts, a point in Việt Nam, a printable idempotency key and a reporter's contact.
// Channels (webhooks, Open311) build submissions from these types without intake's machinery.
import { codedError } from '../../../schema/errors.ts';
import type { Channel } from '../prisma/generated/client.ts';

/** The channels an item can come in by (the Prisma enum). */
export type FeedbackChannel = Channel;

/** Contact of a reporter without an account: personal data, shown to staff only. */
export interface ReporterContact {
  readonly name?: string | undefined;
  readonly phone?: string | undefined;
  readonly email?: string | undefined;
  readonly address?: string | undefined;
  /**
   * Keep a phone our check does not know (a foreign number, say) as given, flagged for staff, instead of
   * refusing the whole report: for channels whose senders cannot correct it (Open311 clients).
   */
  readonly keepUnrecognizedPhone?: boolean | undefined;
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

// Mainland and islands, generously: a point outside is certainly not in Việt Nam.
const VIETNAM = { minLat: 8.0, maxLat: 23.5, minLng: 102.0, maxLng: 117.5 };

/** Whether a point is inside Việt Nam's bounding box (mainland and islands, generously). */
export function inVietnam(lat: number, lng: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lng) && lat >= VIETNAM.minLat && lat <= VIETNAM.maxLat && lng >= VIETNAM.minLng && lng <= VIETNAM.maxLng;
}

const MAX_KEY_LENGTH = 255;
// Vietnamese numbers: 0 or +84, then a 9-digit subscriber number (mobile 3/5/7/8/9…, landline 2…).
const PHONE = /^(?:\+84|0)[235789]\d{8}$/;
// A number kept as given: something a person could dial, nothing else (no letters, no markup).
const UNRECOGNIZED_PHONE = /^\+?[\d\s.\-()]{3,40}$/;
const EMAIL = /^[^\s@<>]{1,64}@[^\s@<>]{1,255}$/;

/** Refuse a submission whose texts, point, key or contact are out of bounds (BAD_USER_INPUT on its field). */
export function validateSubmission(submission: FeedbackSubmission): void {
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
    if (reporter.name !== undefined && (reporter.name.trim().length === 0 || reporter.name.length > 100))
      throw codedError('BAD_USER_INPUT', 'The name must be 1 to 100 characters.', { field: 'reporter.name' });
    if (reporter.phone !== undefined && reporter.keepUnrecognizedPhone && !isVietnamesePhone(reporter.phone)) {
      if (!UNRECOGNIZED_PHONE.test(reporter.phone.trim()))
        throw codedError('BAD_USER_INPUT', 'The phone number must be 3 to 40 digits, spaces, dots, dashes, brackets or a leading +.', { field: 'reporter.phone' });
    } else if (reporter.phone !== undefined && !isVietnamesePhone(reporter.phone)) throw codedError('BAD_USER_INPUT', 'The phone number is not a Vietnamese number.', { field: 'reporter.phone' });
    if (reporter.email !== undefined && !EMAIL.test(reporter.email.trim())) throw codedError('BAD_USER_INPUT', 'The e-mail address is not valid.', { field: 'reporter.email' });
    if (reporter.address !== undefined && reporter.address.length > 300) throw codedError('BAD_USER_INPUT', 'The address is at most 300 characters.', { field: 'reporter.address' });
  }
}

/** Whether `phone` is a Vietnamese number (separators allowed). */
export function isVietnamesePhone(phone: string): boolean {
  return PHONE.test(normalizePhone(phone));
}

/** A phone number without spaces, dots or dashes. */
export function normalizePhone(phone: string): string {
  return phone.replace(/[\s.\-()]/g, '');
}
