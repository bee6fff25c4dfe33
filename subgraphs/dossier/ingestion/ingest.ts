// Agencies feed the hub: a batch of dossier records (upsertDossiers, or NDJSON lines for back-filling),
// each one all or nothing — a bad record is refused with its line and a coded reason, the rest go in.
// New dossiers are checked in memory and written together (a chunk per transaction: the back-fill rate);
// records for known dossiers go one by one. Idempotent by dossier code and event id (a record sent twice records nothing
// new; a record without a code is found again by its first event's id within its agency); events are
// recorded in time order whatever order they come in (lifecycle/timeline.ts), so the current status is
// the latest by time. Each agency client writes only dossiers of its own agency codes (the token's
// agency_codes). Vendor status codes go through the mapping table; a record with an unmapped code is
// refused and listed as a dead letter for operators.
import { GraphQLError } from 'graphql';
import type { Viewer } from '../../../auth/viewer.ts';
import type { Logger } from '../../../platform/logger.ts';
import { codedError, isErrorCode } from '../../../schema/errors.ts';
import type { ErrorCode } from '../../../schema/errors.ts';
import { addWorkingDays, CalendarNotCoveredError } from '../../kit/calendar/working-hours.ts';
import { isDatabaseUnavailable } from '../../kit/db-errors.ts';
import type { Database } from '../../kit/db.ts';
import { codeDay, nextDossierCode, nextDossierCodes, noteDossierCode, noteDossierCodes, parseDossierCode } from '../lifecycle/codes.ts';
import type { DossierCodeParts } from '../lifecycle/codes.ts';
import { checkNewTimeline, createDossier, insertPlannedDossiers, planNewDossier, recordDossierEvent } from '../lifecycle/timeline.ts';
import type { DossierActor, DossierEventInput, NewDossier } from '../lifecycle/timeline.ts';
import { hashVerifier, newReceiptPin } from '../lifecycle/verifiers.ts';
import type { DossierStatus, Prisma, PrismaClient } from '../prisma/generated/client.ts';
import type { IngestionSettings } from './config.ts';
import { loadVendorMapping, writeDeadLetters } from './mapping.ts';
import type { DeadLetterInput } from './mapping.ts';
import { parseDossierRecord } from './record.ts';
import type { DossierRecord } from './record.ts';

type Tx = Prisma.TransactionClient;

/** What ingestion needs from the subgraph's services. */
export interface IngestionServices {
  readonly db: PrismaClient;
  /** The kit's plain SQL access to the same database: the bulk insert of new dossiers runs on it (lifecycle/timeline.ts). */
  readonly database: Pick<Database, 'transaction'>;
  readonly logger: Logger;
  readonly config: IngestionSettings & { readonly verifierKey: string };
}

/** A record that went in. */
export interface AcceptedRecord {
  /** 1-based line (NDJSON) or position (GraphQL list). */
  readonly line: number;
  readonly code: string;
  /** A new dossier (false: one already known). */
  readonly created: boolean;
  /** Events recorded now. */
  readonly recorded: number;
  /** Events already recorded before (sent again). */
  readonly duplicates: number;
  /** The PIN the hub made for a new dossier sent without one: to print on the receipt; never shown again. */
  readonly receiptPin: string | null;
}

/** A record refused, with nothing of it written. */
export interface RefusedRecord {
  readonly line: number;
  readonly code: string | null;
  readonly errorCode: ErrorCode;
  readonly message: string;
  readonly field: string | null;
}

/** What a batch did. */
export interface IngestionResult {
  readonly accepted: AcceptedRecord[];
  readonly refused: RefusedRecord[];
}

/** One input of a batch: a record to parse, or a line that was not even JSON. */
export type BatchEntry = { readonly line: number; readonly input: unknown } | { readonly line: number; readonly unparsable: string };

/** Only agencies' systems feed dossiers: scope dossier:write and at least one agency code. */
export function requireAgencyClient(viewer: Viewer): { clientId: string; agencies: readonly string[] } {
  if (viewer.clientId === undefined || viewer.subject !== undefined || !viewer.scopes.includes('dossier:write') || !viewer.agencies?.length) {
    throw codedError('FORBIDDEN', "Only an agency's system (scope dossier:write, with its agency codes) feeds dossiers.");
  }
  return { clientId: viewer.clientId, agencies: viewer.agencies };
}

/** New dossiers go in together, this many per transaction. */
const BULK_CHUNK = 5000;

/** A record that passed its checks, waiting to be written. */
interface Prepared {
  readonly line: number;
  readonly record: DossierRecord;
  readonly checked: CheckedRecord;
}

/**
 * Ingest `entries` as `viewer` (an agency client); each record all or nothing. Dossiers new to the hub
 * (the bulk of a back-fill) are checked in memory and written together, a chunk per transaction; a record
 * for a known dossier, or naming one that an earlier line of the batch also names, goes one by one in its
 * own transaction, as does every record of a chunk that could not be written together (a concurrent
 * writer took one of its codes): the answer is the same either way.
 */
export async function ingestDossiers(services: IngestionServices, viewer: Viewer, entries: readonly BatchEntry[]): Promise<IngestionResult> {
  const client = requireAgencyClient(viewer);
  if (entries.length > services.config.ingestion.maxRecords) {
    throw codedError('BAD_USER_INPUT', `At most ${services.config.ingestion.maxRecords} records in one batch.`, { maxRecords: services.config.ingestion.maxRecords });
  }
  const { db } = services;
  const agencies = new Set((await db.agency.findMany({ select: { code: true } })).map((agency) => agency.code));
  const mappings = new Map<string, ReadonlyMap<string, DossierStatus>>();
  const result: IngestionResult = { accepted: [], refused: [] };
  const deadLetters: DeadLetterInput[] = [];
  const context: RecordContext = { agencies, allowed: client.agencies, actor: { kind: 'AGENCY', id: client.clientId } };
  const refuser = (line: number, code: string | null) => (error: unknown) => refuseFor(services, result, client.clientId, line, code, error);
  const prepared: Prepared[] = [];

  for (const entry of entries) {
    const refuse = (errorCode: ErrorCode, message: string, code: string | null, field: string | null = null) => result.refused.push({ line: entry.line, code, errorCode, message, field });
    if ('unparsable' in entry) {
      refuse('BAD_USER_INPUT', `Line ${entry.line} is not a JSON object: ${entry.unparsable}`, null);
      continue;
    }
    const parsed = parseDossierRecord(entry.input);
    if ('problem' in parsed) {
      refuse('BAD_USER_INPUT', parsed.problem.message, codeOf(entry.input), parsed.problem.field);
      continue;
    }
    const record = parsed.record;
    let mapping = mappings.get(record.vendor);
    if (!mapping) mappings.set(record.vendor, (mapping = await loadVendorMapping(db, record.vendor)));
    const unmapped = record.events.filter((event) => !mapping.has(event.status));
    if (unmapped.length > 0) {
      for (const event of unmapped)
        deadLetters.push({ vendor: record.vendor, vendorCode: event.status, dossierCode: record.code || null, eventId: event.id, line: entry.line, clientId: client.clientId });
      refuse(
        'UNMAPPED_STATUS',
        `Status code ${unmapped.map((event) => JSON.stringify(event.status)).join(', ')} of ${record.vendor} has no mapping; the record is in the dead-letter list.`,
        record.code || null,
        'events.status',
      );
      continue;
    }
    try {
      prepared.push({ line: entry.line, record, checked: checkRecord(record, mapping, context) });
    } catch (error) {
      refuser(entry.line, record.code || null)(error);
    }
  }

  const { fresh, oneByOne } = await partition(db, prepared);
  for (let start = 0; start < fresh.length; start += BULK_CHUNK) {
    oneByOne.push(...(await ingestNewDossiers(services, fresh.slice(start, start + BULK_CHUNK), result, refuser)));
  }
  for (const { line, record, checked } of oneByOne.sort((a, b) => a.line - b.line)) {
    try {
      const accepted = await db.$transaction((tx) => ingestRecord(tx, services.config.verifierKey, record, checked, context), { maxWait: 10_000, timeout: 60_000 });
      result.accepted.push({ line, ...accepted });
    } catch (error) {
      refuser(line, record.code || null)(error);
    }
  }
  await writeDeadLetters(db, deadLetters);
  result.accepted.sort((a, b) => a.line - b.line);
  result.refused.sort((a, b) => a.line - b.line);
  return result;
}

/** Record why `line` was refused: a coded error as it is, a fault of ours logged and refused without detail. The database being down ends the batch. */
function refuseFor(services: IngestionServices, result: IngestionResult, clientId: string, line: number, code: string | null, error: unknown): void {
  if (isDatabaseUnavailable(error)) throw error;
  const errorCode = error instanceof GraphQLError ? error.extensions['code'] : undefined;
  if (error instanceof GraphQLError && isErrorCode(errorCode)) {
    result.refused.push({ line, code, errorCode, message: error.message, field: typeof error.extensions['field'] === 'string' ? error.extensions['field'] : null });
    return;
  }
  // A fault of ours, not of the record: logged with the line, refused without detail, the batch goes on.
  services.logger.error({ err: error, line, clientId }, 'dossier record failed');
  result.refused.push({ line, code, errorCode: 'INTERNAL_SERVER_ERROR', message: 'Unexpected error; the record was not imported.', field: null });
}

/** Split records into dossiers new to the hub (first mention in the batch) and the rest (known, or named again). */
async function partition(db: PrismaClient, prepared: readonly Prepared[]): Promise<{ fresh: Prepared[]; oneByOne: Prepared[] }> {
  const given = prepared.flatMap((item) => (item.checked.givenCode ? [item.checked.givenCode] : []));
  const knownCodes = new Set(given.length ? (await db.dossier.findMany({ where: { code: { in: given } }, select: { code: true } })).map((row) => row.code) : []);
  // A record without a code is known by its events' ids within its agency.
  const eventKey = (agencyCode: string, id: string) => `${agencyCode}\0${id}`;
  const loose = prepared.filter((item) => !item.checked.givenCode);
  const knownEvents = new Set(
    loose.length
      ? (
          await db.dossierEvent.findMany({
            where: { sourceEventId: { in: loose.flatMap((item) => item.checked.ids) }, dossier: { agencyCode: { in: [...new Set(loose.map((item) => item.checked.agencyCode))] } } },
            select: { sourceEventId: true, dossier: { select: { agencyCode: true } } },
          })
        ).map((row) => eventKey(row.dossier.agencyCode, row.sourceEventId))
      : [],
  );
  const fresh: Prepared[] = [];
  const oneByOne: Prepared[] = [];
  const seen = new Set<string>();
  for (const item of prepared) {
    const { givenCode, agencyCode, ids } = item.checked;
    const keys = givenCode ? [givenCode] : ids.map((id) => eventKey(agencyCode, id));
    const known = givenCode ? knownCodes.has(givenCode) : keys.some((key) => knownEvents.has(key));
    (known || keys.some((key) => seen.has(key)) ? oneByOne : fresh).push(item);
    for (const key of keys) seen.add(key);
  }
  return { fresh, oneByOne };
}

/**
 * Write new dossiers together in one transaction: each checked in memory first (procedure, due date,
 * timeline), refusals recorded; the rest inserted with their timelines and outbox events. Returns the
 * records to take one by one instead (all of them when the chunk could not be written together).
 */
async function ingestNewDossiers(
  services: IngestionServices,
  chunk: readonly Prepared[],
  result: IngestionResult,
  refuser: (line: number, code: string | null) => (error: unknown) => void,
): Promise<Prepared[]> {
  const { db, config } = services;
  const procedures = new Map(
    (await db.procedure.findMany({ where: { code: { in: [...new Set(chunk.map((item) => item.record.procedureCode))] } }, select: { code: true, processingDays: true } })).map((row) => [
      row.code,
      row.processingDays,
    ]),
  );
  /** The dossier row of `item` under `code`, with the PIN it was given or the hub made. */
  const dossierOf = (item: Prepared, code: string, pin: string, dueAt: Date): NewDossier => ({
    code,
    ownerId: item.record.ownerSubject ?? null,
    procedureCode: item.record.procedureCode,
    agencyCode: item.checked.agencyCode,
    channel: item.record.channel,
    receivedAt: item.record.receivedAt,
    dueAt,
    receiptPinHash: hashVerifier(config.verifierKey, code, 'pin', pin),
    ownerPhoneHash: item.record.ownerPhoneLast4 ? hashVerifier(config.verifierKey, code, 'phone', item.record.ownerPhoneLast4) : null,
  });
  // In memory: everything that can refuse a new dossier.
  const ready: { item: Prepared; pin: string; dueAt: Date }[] = [];
  for (const item of chunk) {
    try {
      const processingDays = procedures.get(item.record.procedureCode);
      if (processingDays === undefined) throw codedError('BAD_USER_INPUT', `Unknown procedure ${item.record.procedureCode}.`, { field: 'procedureCode' });
      const dueAt = item.record.dueAt ?? dueDate(item.record.receivedAt, processingDays);
      const pin = item.record.receiptPin ?? newReceiptPin();
      checkNewTimeline(item.checked.inputs);
      ready.push({ item, pin, dueAt });
    } catch (error) {
      refuser(item.line, item.record.code || null)(error);
    }
  }
  if (ready.length === 0) return [];
  try {
    // The code sequences move first, each in a statement of its own, as a database sequence does: a
    // chunk that then fails leaves a gap in the numbering, never a number given twice, and concurrent
    // chunks of one agency and day no longer queue behind each other's commit for the sequence's row.
    // Codes for those sent without one, a run per agency and day of receipt.
    const loose = new Map<string, (typeof ready)[number][]>();
    for (const entry of ready.filter((candidate) => !candidate.item.checked.givenCode)) {
      const key = `${entry.item.checked.agencyCode} ${codeDay(entry.item.record.receivedAt)}`;
      const group = loose.get(key);
      if (group) group.push(entry);
      else loose.set(key, [entry]);
    }
    const codes = new Map<(typeof ready)[number], string>();
    for (const [key, group] of loose) {
      const [agencyCode, day] = key.split(' ') as [string, string];
      (await nextDossierCodes(db, agencyCode, day, group.length)).forEach((code, index) => codes.set(group[index]!, code));
    }
    await noteDossierCodes(
      db,
      ready.flatMap((entry) => (entry.item.checked.parts ? [entry.item.checked.parts] : [])),
    );
    const planned = ready.map((entry) => {
      const code = entry.item.checked.givenCode ?? codes.get(entry);
      if (code === undefined) throw new Error('no code was taken for a record sent without one');
      return { entry, code, plan: planNewDossier(dossierOf(entry.item, code, entry.pin, entry.dueAt), entry.item.checked.inputs) };
    });
    await services.database.transaction((connection) =>
      insertPlannedDossiers(
        connection,
        planned.map(({ plan }) => plan),
      ),
    );
    for (const { entry, code, plan } of planned) {
      result.accepted.push({ line: entry.item.line, code, created: true, recorded: plan.entries.length, duplicates: 0, receiptPin: entry.item.record.receiptPin ? null : entry.pin });
    }
    return [];
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw error;
    services.logger.warn({ err: error, records: ready.length }, 'new dossiers could not be written together; taking them one by one');
    return ready.map((entry) => entry.item);
  }
}

/** The code a refused input names, if it names one (for the refusal only). */
function codeOf(input: unknown): string | null {
  const code = typeof input === 'object' && input !== null ? (input as { code?: unknown }).code : undefined;
  return typeof code === 'string' && code.length <= 64 ? code : null;
}

interface RecordContext {
  /** Every known agency code. */
  readonly agencies: ReadonlySet<string>;
  /** The client's own agency codes. */
  readonly allowed: readonly string[];
  readonly actor: DossierActor;
}

/** What a record's checks found: its code (given or not), agency, events as timeline entries (oldest first) and their ids. */
interface CheckedRecord {
  readonly givenCode: string | undefined;
  readonly parts: DossierCodeParts | undefined;
  readonly agencyCode: string;
  readonly inputs: readonly DossierEventInput[];
  readonly ids: readonly string[];
}

/** The checks a record passes before anything is read or written: code, agency scope, events. */
function checkRecord(record: DossierRecord, mapping: ReadonlyMap<string, DossierStatus>, context: RecordContext): CheckedRecord {
  const givenCode = record.code || undefined;
  const parts = givenCode === undefined ? undefined : parseDossierCode(givenCode);
  if (givenCode !== undefined && parts === undefined) throw codedError('BAD_USER_INPUT', `${givenCode} is not a dossier code <agency-code>-<YYMMDD>-<seq>.`, { field: 'code' });
  const agencyCode = parts?.agencyCode ?? record.agencyCode;
  if (!agencyCode) throw codedError('BAD_USER_INPUT', 'A record without a code names its agencyCode.', { field: 'agencyCode' });
  if (record.agencyCode && record.agencyCode !== agencyCode) throw codedError('BAD_USER_INPUT', `agencyCode ${record.agencyCode} is not the agency of code ${givenCode}.`, { field: 'agencyCode' });
  // Another agency's dossier: refused whether or not it exists.
  if (!context.allowed.includes(agencyCode)) throw codedError('FORBIDDEN', `This client may not write dossiers of agency ${agencyCode}.`, { field: 'code' });
  if (!context.agencies.has(agencyCode)) throw codedError('BAD_USER_INPUT', `Unknown agency ${agencyCode}.`, { field: 'agencyCode' });
  for (const event of record.events) {
    if (event.agencyCode && !context.agencies.has(event.agencyCode)) throw codedError('BAD_USER_INPUT', `Unknown agency ${event.agencyCode} in event ${event.id}.`, { field: 'events.agencyCode' });
  }
  const ids = record.events.map((event) => event.id);
  if (new Set(ids).size !== ids.length) throw codedError('BAD_USER_INPUT', 'An event id appears twice in the record.', { field: 'events.id' });

  // Oldest first: the first is the receipt of a new dossier; the rest land in time order anyway.
  const events = [...record.events].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  const inputs = events.map((event): DossierEventInput => ({
    toStatus: mapping.get(event.status) as DossierStatus,
    occurredAt: event.occurredAt,
    agencyCode: event.agencyCode ?? agencyCode,
    actor: context.actor,
    sourceEventId: event.id,
    kind: event.apologyNewDueAt ? 'LATE_APOLOGY' : undefined,
    stepName: event.stepName ?? null,
    stepDueAt: event.stepDueAt ?? null,
    newDueAt: event.apologyNewDueAt ?? null,
    isPublic: event.public ?? true,
    note: event.note ?? null,
  }));
  return { givenCode, parts, agencyCode, inputs, ids };
}

/** One record inside its own transaction (a known dossier, or one the bulk path handed back). */
async function ingestRecord(tx: Tx, verifierKey: string, record: DossierRecord, checked: CheckedRecord, context: RecordContext): Promise<Omit<AcceptedRecord, 'line'>> {
  const { givenCode, parts, agencyCode, inputs, ids } = checked;
  const existing = givenCode
    ? await tx.dossier.findUnique({ where: { code: givenCode }, select: { id: true, code: true, agencyCode: true, procedureCode: true } })
    : await tx.dossier.findFirst({ where: { agencyCode, events: { some: { sourceEventId: { in: [...ids] } } } }, select: { id: true, code: true, agencyCode: true, procedureCode: true } });
  let recorded = 0;
  let duplicates = 0;
  const count = (outcome: 'recorded' | 'duplicate') => (outcome === 'recorded' ? (recorded += 1) : (duplicates += 1));

  if (existing) {
    if (!context.allowed.includes(existing.agencyCode)) throw codedError('FORBIDDEN', `This client may not write dossiers of agency ${existing.agencyCode}.`, { field: 'code' });
    // The same code for another procedure is another dossier under a reused code, not this one.
    if (existing.procedureCode !== record.procedureCode)
      throw codedError('BAD_USER_INPUT', `${existing.code} is a dossier of procedure ${existing.procedureCode}, not ${record.procedureCode}.`, { field: 'procedureCode' });
    for (const input of inputs) count(await recordDossierEvent(tx, existing.id, input, record.dueAt ? { dueAt: record.dueAt } : {}));
    const hashes = verifierHashes(verifierKey, existing.code, record);
    if (Object.keys(hashes).length > 0) await tx.dossier.update({ where: { id: existing.id }, data: hashes });
    return { code: existing.code, created: false, recorded, duplicates, receiptPin: null };
  }

  const procedure = await tx.procedure.findUnique({ where: { code: record.procedureCode }, select: { processingDays: true } });
  if (!procedure) throw codedError('BAD_USER_INPUT', `Unknown procedure ${record.procedureCode}.`, { field: 'procedureCode' });
  const code = givenCode ?? (await nextDossierCode(tx, agencyCode, record.receivedAt));
  if (parts) await noteDossierCode(tx, parts);
  const pin = record.receiptPin ?? newReceiptPin();
  const [first, ...rest] = inputs as [DossierEventInput, ...DossierEventInput[]];
  const id = await createDossier(
    tx,
    {
      code,
      ownerId: record.ownerSubject ?? null,
      procedureCode: record.procedureCode,
      agencyCode,
      channel: record.channel,
      receivedAt: record.receivedAt,
      dueAt: record.dueAt ?? dueDate(record.receivedAt, procedure.processingDays),
      receiptPinHash: hashVerifier(verifierKey, code, 'pin', pin),
      ownerPhoneHash: record.ownerPhoneLast4 ? hashVerifier(verifierKey, code, 'phone', record.ownerPhoneLast4) : null,
    },
    first,
  );
  count('recorded');
  for (const input of rest) count(await recordDossierEvent(tx, id, input));
  return { code, created: true, recorded, duplicates, receiptPin: record.receiptPin ? null : pin };
}

/** The verifiers a record for a known dossier brings (a reprinted receipt, a phone given later). */
function verifierHashes(key: string, code: string, record: DossierRecord): { receiptPinHash?: string; ownerPhoneHash?: string } {
  return {
    ...(record.receiptPin ? { receiptPinHash: hashVerifier(key, code, 'pin', record.receiptPin) } : {}),
    ...(record.ownerPhoneLast4 ? { ownerPhoneHash: hashVerifier(key, code, 'phone', record.ownerPhoneLast4) } : {}),
  };
}

/** The appointment date from the procedure's working days; a receipt beyond the calendar's years needs dueAt. */
function dueDate(receivedAt: Date, days: number): Date {
  try {
    return addWorkingDays(receivedAt, days);
  } catch (error) {
    if (error instanceof CalendarNotCoveredError) throw codedError('BAD_USER_INPUT', `The working-day calendar does not cover ${error.year}: send dueAt.`, { field: 'dueAt' });
    throw error;
  }
}
