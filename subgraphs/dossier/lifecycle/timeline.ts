// Recording a dossier's timeline: every change to a dossier is an entry (dossier_event) with the status
// it leaves the dossier in, and the dossier's own status, current step, return date, supplement request
// and new date are recomputed from the entries in time order — so events that arrive late or out of
// order (a one-stop system back-filling) land where they happened, and the current status is always the
// latest by time. Each entry is checked against the legal-transition table (states.ts) both with the
// entry before it and with the one after it; one event id is recorded once per dossier. Outbox events
// (events.ts) go out in the same transaction when the current status changes or an apology is made.
import { randomUUID } from 'node:crypto';
import { codedError } from '../../../schema/errors.ts';
import type { DossierActorKind, DossierChannel, DossierEvent, DossierEventKind, DossierStatus, Prisma } from '../prisma/generated/client.ts';
import { writeOutboxEvents } from '../../kit/events/outbox.ts';
import { timeOrderedId } from '../../kit/time-ordered-id.ts';
import type { OutboxEvent } from '../../kit/events/outbox.ts';
import type { SqlConnection } from '../../kit/db.ts';
import { emitLateApology, emitStatusChange, lateApologyEvent, statusChangeEvents } from './events.ts';
import { eventKind, isLegalTransition, RESULT_STATUSES, STATUS_LABELS } from './states.ts';
import { lookupStepsOf } from './public-steps.ts';

type Tx = Prisma.TransactionClient;

/** Who records an entry: the owner by subject, an agency's client by client id, or the hub itself. */
export interface DossierActor {
  readonly kind: DossierActorKind;
  readonly id: string;
}

/** The hub as an actor (seed, scheduled work). */
export const HUB_ACTOR: DossierActor = Object.freeze({ kind: 'SYSTEM', id: 'hub' });

/** One timeline entry to record. */
export interface DossierEventInput {
  /** The status the dossier is in after this event (the same as before for a step or an apology). */
  readonly toStatus: DossierStatus;
  readonly occurredAt: Date;
  /** Where it happened. */
  readonly agencyCode: string;
  readonly actor: DossierActor;
  /** The source system's id: the same id is recorded once. Default: a new 'hub:<uuid>'. */
  readonly sourceEventId?: string | undefined;
  /** Only for what the statuses cannot say: a withdrawal or an apology. */
  readonly kind?: Extract<DossierEventKind, 'WITHDRAWN' | 'LATE_APOLOGY'> | undefined;
  readonly stepName?: string | null | undefined;
  readonly stepDueAt?: Date | null | undefined;
  /** LATE_APOLOGY: the new date promised. */
  readonly newDueAt?: Date | null | undefined;
  /** Default true; a private entry shows only on the owner's timeline. */
  readonly isPublic?: boolean | undefined;
  /** Owner-only text (what a supplement request asks). */
  readonly note?: string | null | undefined;
}

/** What recording an entry did. */
export type RecordOutcome = 'recorded' | 'duplicate';

/** A new dossier, with its first entry. */
export interface NewDossier {
  readonly code: string;
  readonly ownerId: string | null;
  readonly procedureCode: string;
  readonly agencyCode: string;
  readonly channel: DossierChannel;
  readonly receivedAt: Date;
  readonly dueAt: Date;
  readonly receiptPinHash: string | null;
  readonly ownerPhoneHash: string | null;
}

/** How to record. */
export interface RecordOptions {
  /** A new due date (a supplement supplied restarts the count). */
  readonly dueAt?: Date | undefined;
  /** Write no outbox event (the demo seed's history: the past is no news). */
  readonly quiet?: boolean | undefined;
}

/** Create a dossier and record its first entry (which must put it in NEW, RECEIVING or PROCESSING); returns its id. */
export async function createDossier(tx: Tx, dossier: NewDossier, first: DossierEventInput, options: RecordOptions = {}): Promise<string> {
  checkFirstEntry(first);
  const created = await tx.dossier.create({
    data: {
      ...dossier,
      status: first.toStatus,
      statusAt: first.occurredAt,
      currentStep: first.stepName ?? STATUS_LABELS[first.toStatus],
      // Set by recordDossierEvent below; not null meanwhile, so the row is never one for the backfill.
      lookupSteps: [],
    },
    select: { id: true },
  });
  await recordDossierEvent(tx, created.id, first, { ...options, created: true });
  return created.id;
}

/** A timeline entry as it will be stored: its id at the source, the status before it and its kind settled. */
type PlannedEntry = Omit<DossierEventInput, 'kind'> & { readonly sourceEventId: string; readonly fromStatus: DossierStatus | null; readonly kind: DossierEventKind };

/** The dossier_event row of a timeline entry (Prisma's field names; the bulk insert reads the same keys from JSON). */
function eventRow(dossierId: string, entry: PlannedEntry) {
  return {
    dossierId,
    kind: entry.kind,
    fromStatus: entry.fromStatus,
    toStatus: entry.toStatus,
    agencyCode: entry.agencyCode,
    actorKind: entry.actor.kind,
    actorId: entry.actor.id,
    occurredAt: entry.occurredAt,
    stepName: entry.stepName ?? null,
    stepDueAt: entry.stepDueAt ?? null,
    newDueAt: entry.newDueAt ?? null,
    isPublic: entry.isPublic ?? true,
    note: entry.note ?? null,
    sourceEventId: entry.sourceEventId,
  };
}

/**
 * Record `input` on dossier `dossierId` inside the caller's transaction: a duplicate event id is a no-op
 * (the same event again) or IDEMPOTENCY_KEY_REUSED (another event under that id); an entry that breaks
 * the legal transitions before or after it is ILLEGAL_TRANSITION. `dueAt` replaces the due date (a
 * supplement supplied restarts the count).
 */
export async function recordDossierEvent(tx: Tx, dossierId: string, input: DossierEventInput, options: RecordOptions & { created?: boolean } = {}): Promise<RecordOutcome> {
  // One writer per dossier at a time: the order check and the summary read what the others committed.
  const [locked] = await tx.$queryRaw<{ status: DossierStatus }[]>`SELECT "status" FROM "dossier" WHERE "id" = ${dossierId}::uuid FOR UPDATE`;
  if (!locked) throw codedError('NOT_FOUND', 'No such dossier.');
  const sourceEventId = input.sourceEventId ?? `hub:${randomUUID()}`;
  const existing = await tx.dossierEvent.findUnique({ where: { dossierId_sourceEventId: { dossierId, sourceEventId } } });
  if (existing) {
    if (existing.toStatus === input.toStatus && existing.occurredAt.getTime() === input.occurredAt.getTime()) return 'duplicate';
    throw codedError('IDEMPOTENCY_KEY_REUSED', `Event ${sourceEventId} was already recorded for this dossier with another status or time.`, { eventId: sourceEventId });
  }

  const timeline = await tx.dossierEvent.findMany({ where: { dossierId }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] });
  // After every entry of the same time or earlier: equal times keep their arrival order.
  const position = timeline.findIndex((entry) => entry.occurredAt.getTime() > input.occurredAt.getTime());
  const at = position === -1 ? timeline.length : position;
  const before = timeline[at - 1];
  const after = timeline[at];
  const from = before?.toStatus ?? null;
  checkNextEntry(from, input, sourceEventId);
  if (after && !isLegalTransition(input.toStatus, after.toStatus, after.kind)) {
    throw codedError('ILLEGAL_TRANSITION', `This event would come before a later ${after.toStatus} that cannot follow ${input.toStatus}.`, {
      from: input.toStatus,
      to: after.toStatus,
      eventId: sourceEventId,
    });
  }

  const recorded = await tx.dossierEvent.create({ data: eventRow(dossierId, { ...input, sourceEventId, fromStatus: from, kind: eventKind(from, input.toStatus, input.kind) }) });
  // The next entry now follows this one: its from (and a kind derived from it) change.
  const next = after && (await tx.dossierEvent.update({ where: { id: after.id }, data: { fromStatus: input.toStatus, kind: eventKind(input.toStatus, after.toStatus, after.kind) } }));

  const entries = [...timeline.slice(0, at), recorded, ...(next ? [next, ...timeline.slice(at + 1)] : [])];
  const summary = summarize(entries);
  const dossier = await tx.dossier.update({
    where: { id: dossierId },
    data: { ...summary, lookupSteps: lookupStepsOf(entries), ...(options.dueAt ? { dueAt: options.dueAt } : {}) },
  });
  if (options.quiet) return 'recorded';
  const previous = options.created ? null : locked.status;
  if (previous !== dossier.status || options.created) await emitStatusChange(tx, dossier, previous, dossier.status, summary.statusAt);
  if (recorded.kind === 'LATE_APOLOGY' && recorded.newDueAt) await emitLateApology(tx, dossier, dossier.dueAt, recorded.newDueAt, recorded.occurredAt);
  return 'recorded';
}

/** A new dossier's first entry must put it in NEW, RECEIVING or PROCESSING. */
function checkFirstEntry(first: DossierEventInput): void {
  if (!isLegalTransition(null, first.toStatus, first.kind)) {
    throw codedError('ILLEGAL_TRANSITION', `A new dossier starts in NEW, RECEIVING or PROCESSING, not ${first.toStatus}.`, { from: null, to: first.toStatus });
  }
}

/** An entry after one that left the dossier in `from` must be a legal transition from it. */
function checkNextEntry(from: DossierStatus | null, input: DossierEventInput, eventId: string): void {
  if (!isLegalTransition(from, input.toStatus, input.kind)) {
    throw codedError('ILLEGAL_TRANSITION', `A dossier cannot go from ${from ?? '(nothing)'} to ${input.toStatus}${input.kind ? ` by ${input.kind}` : ''}.`, {
      from,
      to: input.toStatus,
      eventId,
    });
  }
}

/** What summarize reads of an entry. */
type SummaryEntry = Pick<DossierEvent, 'kind' | 'fromStatus' | 'toStatus' | 'occurredAt' | 'stepName' | 'note' | 'newDueAt'>;

/** What a dossier row says about its timeline (entries in time order, at least one). */
function summarize(entries: readonly SummaryEntry[]) {
  const last = entries.at(-1) as SummaryEntry;
  const status = last.toStatus;
  // The current step is what the latest entry (apologies aside) names; the status's label otherwise.
  const latest = entries.findLast((entry) => entry.kind !== 'LATE_APOLOGY') ?? last;
  const currentStep = latest.stepName ?? STATUS_LABELS[status];
  const reached = entries.findLast((entry) => entry.toStatus === status && entry.fromStatus !== status);
  const request = entries.findLast((entry) => entry.kind === 'SUPPLEMENT_REQUESTED');
  const apology = entries.findLast((entry) => entry.kind === 'LATE_APOLOGY' && entry.newDueAt !== null);
  return {
    status,
    statusAt: (reached ?? last).occurredAt,
    currentStep,
    returnedAt: RESULT_STATUSES.has(status) ? (reached ?? last).occurredAt : null,
    supplementRequest: status === 'WAITING_SUPPLEMENT' ? (request?.note ?? null) : null,
    rescheduledDueAt: apology?.newDueAt ?? null,
  };
}

/** A dossier's timeline, oldest first (all entries: the owner's view; the public view filters). */
export function findDossierTimelines(db: Pick<Tx, 'dossierEvent'>, dossierIds: readonly string[]): Promise<DossierEvent[]> {
  return db.dossierEvent.findMany({ where: { dossierId: { in: [...dossierIds] } }, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] });
}

// — bulk: new dossiers with their whole timelines (agencies back-filling) ——————————————————————————

/** A new dossier with its whole timeline, checked in memory (planNewDossier), ready to insert. */
export interface PlannedDossier {
  readonly id: string;
  readonly dossier: NewDossier;
  readonly entries: readonly PlannedEntry[];
  readonly summary: ReturnType<typeof summarize>;
  /** The outbox events recording the entries one by one would have written. */
  readonly events: readonly OutboxEvent[];
}

/**
 * Plan a new dossier from `inputs` (oldest first, at least one, distinct event ids): each entry checked
 * against the one before it exactly as createDossier and recordDossierEvent check them one by one, the
 * row's summary, and the same outbox events — without touching the database (ILLEGAL_TRANSITION thrown).
 */
export function planNewDossier(dossier: NewDossier, inputs: readonly DossierEventInput[]): PlannedDossier {
  checkNewTimeline(inputs);
  const entries: PlannedEntry[] = [];
  const events: OutboxEvent[] = [];
  for (const input of inputs) {
    const sourceEventId = input.sourceEventId ?? `hub:${randomUUID()}`;
    const from = entries.at(-1)?.toStatus ?? null;
    const kind = eventKind(from, input.toStatus, input.kind);
    entries.push({ ...input, sourceEventId, fromStatus: from, kind });
    if (entries.length === 1 || from !== input.toStatus) events.push(...statusChangeEvents(dossier, from, input.toStatus, input.occurredAt));
    if (kind === 'LATE_APOLOGY' && input.newDueAt) events.push(lateApologyEvent(dossier, dossier.dueAt, input.newDueAt, input.occurredAt));
  }
  const summary = summarize(entries.map((entry) => ({ ...entry, stepName: entry.stepName ?? null, note: entry.note ?? null, newDueAt: entry.newDueAt ?? null })));
  return { id: timeOrderedId(), dossier, entries, summary, events };
}

/**
 * The checks of a new dossier's entries (oldest first, at least one), as createDossier and
 * recordDossierEvent make them one by one: ILLEGAL_TRANSITION thrown at the first that breaks them.
 */
export function checkNewTimeline(inputs: readonly DossierEventInput[]): void {
  const [first] = inputs;
  if (!first) throw new Error('a new dossier needs its first entry');
  checkFirstEntry(first);
  inputs.forEach((input, index) => {
    if (index > 0) checkNextEntry((inputs[index - 1] as DossierEventInput).toStatus, input, input.sourceEventId ?? 'hub');
  });
}

/**
 * Insert planned dossiers, their timelines and their outbox events: three statements, inside the caller's
 * transaction on the kit's plain SQL connection. The rows go as one JSON parameter each, which PostgreSQL
 * reads with json_to_recordset: one JSON.stringify in native code instead of a text array per column
 * escaped element by element in JavaScript (at 5,000 dossiers a chunk, that escaping and its garbage were a
 * tenth of the work). Not through Prisma's $executeRaw: it walks the parameters again (a chunk's JSON is
 * megabytes), which measured twice the CPU of the plain driver for the same statement.
 */
export async function insertPlannedDossiers(connection: Pick<SqlConnection, 'query'>, planned: readonly PlannedDossier[]): Promise<void> {
  if (planned.length === 0) return;
  // Each dossier's timeline rows, made once: inserted below and kept on the dossier row as its public steps.
  const timelines = planned.map(({ id, entries }) => entries.map((entry) => eventRow(id, entry)));
  const dossiers = planned.map(({ id, dossier, summary }, index) => ({
    id,
    code: dossier.code,
    owner: dossier.ownerId,
    procedure: dossier.procedureCode,
    agency: dossier.agencyCode,
    channel: dossier.channel,
    status: summary.status,
    status_at: summary.statusAt,
    received_at: dossier.receivedAt,
    due_at: dossier.dueAt,
    rescheduled: summary.rescheduledDueAt,
    step: summary.currentStep,
    supplement: summary.supplementRequest,
    returned: summary.returnedAt,
    pin: dossier.receiptPinHash,
    phone: dossier.ownerPhoneHash,
    steps: lookupStepsOf(timelines[index]!),
  }));
  await connection.query(INSERT_DOSSIERS_SQL, [JSON.stringify(dossiers)]);
  // In time order per dossier, so the ids (the tie-break between entries of the same time) follow arrival.
  await connection.query(INSERT_EVENTS_SQL, [JSON.stringify(timelines.flat())]);
  await writeOutboxEvents(
    connection,
    planned.flatMap((item) => item.events),
  );
}

const INSERT_DOSSIERS_SQL = `
  INSERT INTO "dossier" ("id", "code", "owner_id", "procedure_code", "agency_code", "channel", "status", "status_at", "received_at", "due_at",
                         "rescheduled_due_at", "current_step", "supplement_request", "returned_at", "receipt_pin_hash", "owner_phone_hash", "lookup_steps")
  SELECT "id", "code", "owner", "procedure", "agency", "channel", "status", "status_at", "received_at", "due_at", "rescheduled", "step", "supplement", "returned", "pin", "phone",
         "steps"
    FROM json_to_recordset($1::json)
         AS "d"("id" uuid, "code" text, "owner" text, "procedure" text, "agency" text, "channel" "DossierChannel", "status" "DossierStatus", "status_at" timestamptz,
                "received_at" timestamptz, "due_at" timestamptz, "rescheduled" timestamptz, "step" text, "supplement" text, "returned" timestamptz, "pin" text, "phone" text,
                "steps" json)`;

const INSERT_EVENTS_SQL = `
  INSERT INTO "dossier_event" ("dossier_id", "kind", "from_status", "to_status", "agency_code", "actor_kind", "actor_id", "occurred_at", "step_name",
                               "step_due_at", "new_due_at", "is_public", "note", "source_event_id")
  SELECT "dossierId", "kind", "fromStatus", "toStatus", "agencyCode", "actorKind", "actorId", "occurredAt", "stepName", "stepDueAt", "newDueAt", "isPublic", "note", "sourceEventId"
    FROM ROWS FROM (json_to_recordset($1::json)
           AS ("dossierId" uuid, "kind" "DossierEventKind", "fromStatus" "DossierStatus", "toStatus" "DossierStatus", "agencyCode" text, "actorKind" "DossierActorKind",
               "actorId" text, "occurredAt" timestamptz, "stepName" text, "stepDueAt" timestamptz, "newDueAt" timestamptz, "isPublic" boolean, "note" text, "sourceEventId" text))
         WITH ORDINALITY AS "e"("dossierId", "kind", "fromStatus", "toStatus", "agencyCode", "actorKind", "actorId", "occurredAt", "stepName", "stepDueAt", "newDueAt",
                                "isPublic", "note", "sourceEventId", "n")
   ORDER BY "e"."n"`;
