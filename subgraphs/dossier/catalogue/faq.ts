// The FAQ (hỏi đáp) in the database: queries by verb and the edits of authorized staff, each checked
// and written with its history row in one transaction (history.ts). An entry answers only between its
// validity dates; the public sees valid entries only, staff see all.
import type { FaqEntry, PrismaClient } from '../prisma/generated/client.ts';
import { bumpCatalogueRevision, changedFields, recordChange, updateRecord } from './history.ts';
import type { Tx } from './history.ts';
import { badInput, checkFaqCode, checkProcedureCode, checkText, checkTexts, checkValidity } from './validation.ts';

/** A new FAQ entry, as an editor sends it. */
export interface FaqEntryInput {
  readonly question: string;
  readonly answer: string;
  readonly sources: readonly string[];
  readonly agencyCode?: string | null;
  readonly field?: string | null;
  readonly procedureCodes?: readonly string[] | null;
  /** Default: now. */
  readonly validFrom?: Date | null;
  readonly validUntil?: Date | null;
}

/**
 * Changes to an FAQ entry: a field left out stays; null clears agencyCode, field and validUntil, and
 * counts as left out for the others (they cannot be empty).
 */
export type FaqEntryChanges = { readonly [Key in keyof FaqEntryInput]?: FaqEntryInput[Key] | null };

type FaqFields = Omit<FaqEntry, 'code' | 'revision' | 'createdAt' | 'updatedAt'>;
const EDITABLE = ['question', 'answer', 'sources', 'agencyCode', 'field', 'procedureCodes', 'validFrom', 'validUntil'] as const satisfies readonly (keyof FaqFields)[];

/** Whether the entry answers at `now`. */
export function isValidAt(entry: Pick<FaqEntry, 'validFrom' | 'validUntil'>, now: Date): boolean {
  return entry.validFrom.getTime() <= now.getTime() && (entry.validUntil === null || now.getTime() < entry.validUntil.getTime());
}

/** FAQ entries by code. */
export function findFaqEntriesByCodes(db: PrismaClient, codes: readonly string[]): Promise<FaqEntry[]> {
  return db.faqEntry.findMany({ where: { code: { in: [...codes] } } });
}

/** FAQ entries in code order, optionally of one field, valid at `now` unless `includeInvalid`. */
export function listFaqEntries(db: PrismaClient, filter: { field?: string | undefined; includeInvalid: boolean; now: Date; first: number }): Promise<FaqEntry[]> {
  const validNow = { validFrom: { lte: filter.now }, OR: [{ validUntil: null }, { validUntil: { gt: filter.now } }] };
  return db.faqEntry.findMany({
    where: { ...(filter.field ? { field: filter.field } : {}), ...(filter.includeInvalid ? {} : validNow) },
    orderBy: { code: 'asc' },
    take: filter.first,
  });
}

/** The checked value of each given field (null: cleared, for the fields that may be empty). */
function checkedFields(input: FaqEntryChanges): Partial<FaqFields> {
  const fields: Partial<FaqFields> = {};
  if (input.question != null) fields.question = checkText(input.question, 'question', 5, 500);
  if (input.answer != null) fields.answer = checkText(input.answer, 'answer', 10, 5000);
  if (input.sources != null) fields.sources = checkTexts(input.sources, 'sources', { minItems: 1, maxItems: 20, maxChars: 500 });
  if (input.agencyCode !== undefined) fields.agencyCode = input.agencyCode === null ? null : checkText(input.agencyCode, 'agencyCode', 1, 64);
  if (input.field !== undefined) fields.field = input.field === null ? null : checkText(input.field, 'field', 2, 100);
  if (input.procedureCodes != null) {
    if (input.procedureCodes.length > 20) throw badInput('procedureCodes has more than 20 items.', 'procedureCodes', 'TOO_MANY');
    fields.procedureCodes = [...new Set(input.procedureCodes.map((code, index) => checkProcedureCode(code, `procedureCodes[${index}]`)))];
  }
  if (input.validFrom != null) fields.validFrom = input.validFrom;
  if (input.validUntil !== undefined) fields.validUntil = input.validUntil;
  return fields;
}

async function checkReferences(tx: Tx, fields: Partial<FaqFields>): Promise<void> {
  if (fields.agencyCode != null && !(await tx.agency.findUnique({ where: { code: fields.agencyCode } }))) {
    throw badInput('agencyCode names no agency.', 'agencyCode', 'UNKNOWN_AGENCY');
  }
  if (fields.procedureCodes && fields.procedureCodes.length > 0) {
    const found = await tx.procedure.findMany({ where: { code: { in: fields.procedureCodes } }, select: { code: true } });
    if (found.length !== fields.procedureCodes.length) throw badInput('procedureCodes names a procedure that is not in the catalogue.', 'procedureCodes', 'UNKNOWN_PROCEDURE');
  }
}

/** Add an FAQ entry; it gets the next code (HD-1000 onwards; the demo's are below). */
export async function createFaqEntry(db: PrismaClient, input: FaqEntryInput, actorId: string, now: Date): Promise<FaqEntry> {
  const fields = checkedFields({ ...input, procedureCodes: input.procedureCodes ?? [] });
  const validFrom = fields.validFrom ?? now;
  const validUntil = fields.validUntil ?? null;
  checkValidity(validFrom, validUntil);
  return db.$transaction(async (tx) => {
    const { faqNumber } = await bumpCatalogueRevision(tx, true);
    await checkReferences(tx, fields);
    const code = `HD-${String(faqNumber).padStart(4, '0')}`;
    const created = await tx.faqEntry.create({
      data: {
        code,
        question: fields.question as string,
        answer: fields.answer as string,
        sources: fields.sources ?? [],
        agencyCode: fields.agencyCode ?? null,
        field: fields.field ?? null,
        procedureCodes: fields.procedureCodes ?? [],
        validFrom,
        validUntil,
        revision: 1,
      },
    });
    await recordChange(tx, { entity: 'FAQ', code, revision: 1, action: 'CREATED', actorId, changes: changedFields<FaqFields>(null, created, EDITABLE) });
    return created;
  });
}

/**
 * Change an FAQ entry: only the given fields. NOT_FOUND for an unknown code; REVISION_CONFLICT when
 * `expectedRevision` is given and the entry has moved on; the validity window is checked as it will be.
 */
export function updateFaqEntry(db: PrismaClient, code: string, changes: FaqEntryChanges, expectedRevision: number | undefined, actorId: string): Promise<FaqEntry> {
  const checkedCode = checkFaqCode(code);
  const fields = checkedFields(changes);
  return updateRecord(db, {
    entity: 'FAQ',
    code: checkedCode,
    noun: 'FAQ entry',
    expectedRevision,
    actorId,
    find: (tx) => tx.faqEntry.findUnique({ where: { code: checkedCode } }),
    diff: async (current, tx) => {
      checkValidity(fields.validFrom ?? current.validFrom, fields.validUntil === undefined ? current.validUntil : fields.validUntil);
      const diff = changedFields<FaqFields>(current, fields, EDITABLE);
      if (diff.length > 0) await checkReferences(tx, fields);
      return diff;
    },
    write: (tx, revision) => tx.faqEntry.update({ where: { code: checkedCode }, data: { ...fields, revision } }),
  });
}
