// One dossier record as an agency's one-stop system sends it (upsertDossiers' input, or one NDJSON line):
// validated field by field with zod, so a bad record is refused with the field at fault and never reaches
// the database. Statuses are the vendor's own codes (mapping.ts turns them into ours). Only the last 4
// digits of the owner's phone are ever accepted, never the phone.
import { z } from 'zod';
import { AGENCY_CODE } from '../lifecycle/codes.ts';
import { PHONE_LAST4, RECEIPT_PIN } from '../lifecycle/verifiers.ts';

/** An instant: a Date (GraphQL's DateTime) or an ISO 8601 string with its offset (NDJSON). */
const instant = z.union([z.date(), z.iso.datetime({ offset: true })]).transform((value) => new Date(value));
const text = (max: number) => z.string().trim().min(1).max(max);

/** A vendor (one-stop system) name, e.g. vnpt-igate. */
export const VENDOR = /^[a-z0-9][a-z0-9-]{1,39}$/;
/** A vendor's status code: letters, digits and _ . : - (1–40). */
export const VENDOR_CODE = /^[\p{L}\p{N}_.:-]{1,40}$/u;

const EVENT = z.strictObject({
  /** The source system's event id: the same id is recorded once. */
  id: z.string().regex(/^[\p{L}\p{N}_.:\-/]{1,100}$/u, 'must be 1–100 letters, digits or _ . : - /'),
  /** The vendor's status code after the event. */
  status: z.string().regex(VENDOR_CODE, 'must be a status code of 1–40 letters, digits or _ . : -'),
  occurredAt: instant,
  agencyCode: z.string().regex(AGENCY_CODE, 'must be an agency code such as 000.00.12.H29').optional().nullable(),
  stepName: text(300).optional().nullable(),
  stepDueAt: instant.optional().nullable(),
  public: z.boolean().optional().nullable(),
  note: text(2000).optional().nullable(),
  /** An apology for lateness: the new date promised. */
  apologyNewDueAt: instant.optional().nullable(),
});

/** A record, as parsed. */
export const DOSSIER_RECORD = z.strictObject({
  code: z.string().trim().max(64).optional().nullable(),
  agencyCode: z.string().regex(AGENCY_CODE, 'must be an agency code such as 000.00.12.H29').optional().nullable(),
  vendor: z.string().regex(VENDOR, 'must be a vendor name such as vnpt-igate'),
  procedureCode: z.string().regex(/^[0-9A-Za-z.]{3,40}$/, 'must be a procedure code such as 1.000894.H29'),
  channel: z.enum(['ONLINE', 'COUNTER', 'POST']),
  receivedAt: instant,
  dueAt: instant.optional().nullable(),
  ownerSubject: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,128}$/, 'must be the VNeID subject')
    .optional()
    .nullable(),
  receiptPin: z.string().regex(RECEIPT_PIN, 'must be 6 digits').optional().nullable(),
  ownerPhoneLast4: z.string().regex(PHONE_LAST4, 'must be the last 4 digits of the phone, never the whole number').optional().nullable(),
  events: z.array(EVENT).min(1, 'at least one event').max(200),
});

/** A valid record. */
export type DossierRecord = z.output<typeof DOSSIER_RECORD>;
/** One event of a valid record. */
export type DossierRecordEvent = DossierRecord['events'][number];

/** The record in `input`, or the first problem with it (field path and message). */
export function parseDossierRecord(input: unknown): { record: DossierRecord } | { problem: { field: string; message: string } } {
  const parsed = DOSSIER_RECORD.safeParse(input);
  if (parsed.success) return { record: parsed.data };
  const issue = parsed.error.issues[0];
  const field = issue?.path.map(String).join('.') || '(record)';
  return { problem: { field, message: `${field}: ${issue?.message ?? 'invalid'}` } };
}
