// The procedure catalogue in the database: queries by verb (agencies, procedures, fields) and the edits
// of authorized staff, each checked, written with its history row in one transaction (history.ts).
import { codedError } from '../../../schema/errors.ts';
import type { Agency, OnlineLevel, Prisma, PrismaClient, Procedure } from '../prisma/generated/client.ts';
import { bumpCatalogueRevision, changedFields, recordChange, updateRecord } from './history.ts';
import type { Tx } from './history.ts';
import { badInput, checkInteger, checkProcedureCode, checkText, checkTexts } from './validation.ts';

/** One fee item (phí, lệ phí). */
export interface Fee {
  readonly description: string;
  readonly amountVnd: number;
}

/** A new procedure, as an editor sends it. */
export interface ProcedureInput {
  readonly code: string;
  readonly name: string;
  readonly field: string;
  readonly agencyCode: string;
  readonly onlineLevel: OnlineLevel;
  readonly processingDays: number;
  readonly feeVnd: number;
  readonly fees?: readonly Fee[] | null;
  readonly requiredDocuments: readonly string[];
  readonly legalBasis: string;
  readonly steps: readonly string[];
}

/** Changes to a procedure: only what is given (null counts as not given) changes. */
export type ProcedureChanges = { readonly [Key in Exclude<keyof ProcedureInput, 'code'>]?: ProcedureInput[Key] | null };

/** What is stored and compared (the code never changes). */
type ProcedureFields = Omit<Procedure, 'code' | 'revision' | 'updatedAt'>;
const EDITABLE = ['name', 'field', 'agencyCode', 'onlineLevel', 'processingDays', 'feeVnd', 'fees', 'requiredDocuments', 'legalBasis', 'steps'] as const satisfies readonly (keyof ProcedureFields)[];

/** Most a fee may be (a few procedures cost millions; a billion is a typing error). */
const MAX_FEE_VND = 1_000_000_000;

/** Procedures by code. */
export function findProceduresByCodes(db: PrismaClient, codes: readonly string[]): Promise<Procedure[]> {
  return db.procedure.findMany({ where: { code: { in: [...codes] } } });
}

/** Agencies by code. */
export function findAgenciesByCodes(db: PrismaClient, codes: readonly string[]): Promise<Agency[]> {
  return db.agency.findMany({ where: { code: { in: [...codes] } } });
}

/** The catalogue in code order, optionally of one field (no search: the search index ranks searches). */
export function listProcedures(db: PrismaClient, filter: { field?: string | undefined; first: number }): Promise<Procedure[]> {
  return db.procedure.findMany({ where: filter.field ? { field: filter.field } : {}, orderBy: { code: 'asc' }, take: filter.first });
}

const VIETNAMESE = new Intl.Collator('vi');

/** Every field (lĩnh vực) with its number of procedures, in Vietnamese alphabetical order (the same whatever the database's collation). */
export async function listFields(db: PrismaClient): Promise<{ name: string; procedureCount: number }[]> {
  const groups = await db.procedure.groupBy({ by: ['field'], _count: { _all: true } });
  return groups.map((group) => ({ name: group.field, procedureCount: group._count._all })).sort((a, b) => VIETNAMESE.compare(a.name, b.name));
}

function checkFees(fees: readonly Fee[]): Fee[] {
  if (fees.length > 20) throw badInput('fees has more than 20 items.', 'fees', 'TOO_MANY');
  return fees.map((fee, index) => ({
    description: checkText(fee.description, `fees[${index}].description`, 1, 300),
    amountVnd: checkInteger(fee.amountVnd, `fees[${index}].amountVnd`, 0, MAX_FEE_VND),
  }));
}

/** The checked, trimmed value of each given field. */
function checkedFields(input: ProcedureChanges): Partial<ProcedureFields> {
  const fields: Partial<ProcedureFields> = {};
  if (input.name != null) fields.name = checkText(input.name, 'name', 5, 500);
  if (input.field != null) fields.field = checkText(input.field, 'field', 2, 100);
  if (input.agencyCode != null) fields.agencyCode = checkText(input.agencyCode, 'agencyCode', 1, 64);
  if (input.onlineLevel != null) fields.onlineLevel = input.onlineLevel;
  if (input.processingDays != null) fields.processingDays = checkInteger(input.processingDays, 'processingDays', 0, 365);
  if (input.feeVnd != null) fields.feeVnd = checkInteger(input.feeVnd, 'feeVnd', 0, MAX_FEE_VND);
  if (input.fees != null) fields.fees = checkFees(input.fees) as unknown as Prisma.JsonValue;
  if (input.requiredDocuments != null) fields.requiredDocuments = checkTexts(input.requiredDocuments, 'requiredDocuments', { minItems: 0, maxItems: 50, maxChars: 500 });
  if (input.legalBasis != null) fields.legalBasis = checkText(input.legalBasis, 'legalBasis', 1, 2000);
  if (input.steps != null) fields.steps = checkTexts(input.steps, 'steps', { minItems: 0, maxItems: 30, maxChars: 1000 });
  return fields;
}

async function checkAgency(tx: Tx, agencyCode: string | undefined): Promise<void> {
  if (agencyCode === undefined) return;
  if (!(await tx.agency.findUnique({ where: { code: agencyCode } }))) throw badInput('agencyCode names no agency.', 'agencyCode', 'UNKNOWN_AGENCY');
}

function asData(fields: Partial<ProcedureFields>): Prisma.ProcedureUncheckedUpdateInput {
  const { fees, ...rest } = fields;
  return { ...rest, ...(fees === undefined ? {} : { fees: fees as Prisma.InputJsonValue }) };
}

/** Add a procedure to the catalogue (ALREADY_EXISTS when its code is taken). */
export async function createProcedure(db: PrismaClient, input: ProcedureInput, actorId: string): Promise<Procedure> {
  const code = checkProcedureCode(input.code);
  const fields = checkedFields({ ...input, fees: input.fees ?? [] });
  return db.$transaction(async (tx) => {
    await bumpCatalogueRevision(tx);
    if (await tx.procedure.findUnique({ where: { code } })) throw codedError('ALREADY_EXISTS', 'A procedure with this code is already in the catalogue.', { field: 'code' });
    await checkAgency(tx, fields.agencyCode);
    const created = await tx.procedure.create({ data: { ...(asData(fields) as Prisma.ProcedureUncheckedCreateInput), code, revision: 1 } });
    await recordChange(tx, { entity: 'PROCEDURE', code, revision: 1, action: 'CREATED', actorId, changes: changedFields<ProcedureFields>(null, created, EDITABLE) });
    return created;
  });
}

/**
 * Change a procedure: only the given fields. NOT_FOUND for an unknown code; REVISION_CONFLICT when
 * `expectedRevision` is given and the procedure has moved on. Nothing changed: the procedure as it is,
 * no new revision.
 */
export function updateProcedure(db: PrismaClient, code: string, changes: ProcedureChanges, expectedRevision: number | undefined, actorId: string): Promise<Procedure> {
  const checkedCode = checkProcedureCode(code);
  const fields = checkedFields(changes);
  return updateRecord(db, {
    entity: 'PROCEDURE',
    code: checkedCode,
    noun: 'procedure',
    expectedRevision,
    actorId,
    find: (tx) => tx.procedure.findUnique({ where: { code: checkedCode } }),
    diff: async (current, tx) => {
      const diff = changedFields<ProcedureFields>(current, fields, EDITABLE);
      if (diff.some((change) => change.field === 'agencyCode')) await checkAgency(tx, fields.agencyCode);
      return diff;
    },
    write: (tx, revision) => tx.procedure.update({ where: { code: checkedCode }, data: { ...asData(fields), revision } }),
  });
}
