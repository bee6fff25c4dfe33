// The history of the catalogue: every edit of a procedure or FAQ entry is a row with who made it (the
// staff member's subject, nothing else about them), when, the record's new revision and each changed
// field before and after. Edits run in one transaction with their history row and with the bump of the
// catalogue's revision counter, which serialises concurrent edits and tells every replica's search
// index to rebuild.
import { codedError } from '../../../schema/errors.ts';
import type { CatalogueAction, CatalogueChange, CatalogueEntity, Prisma, PrismaClient } from '../prisma/generated/client.ts';

/** A transaction of the dossier database. */
export type Tx = Prisma.TransactionClient;

/** One field of an edit: its value before (null when created) and after. */
export interface FieldChange {
  readonly field: string;
  readonly before: unknown;
  readonly after: unknown;
}

/** JSON with object keys sorted: PostgreSQL's jsonb keeps its own key order, so raw JSON text can differ for equal values. */
function comparable(value: unknown): string {
  return JSON.stringify(value instanceof Date ? value.toISOString() : (value ?? null), (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b))) : inner,
  );
}

function plain(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : (value ?? null);
}

/** The fields of `after` (among `fields`) that differ from `before`. */
export function changedFields<Row extends object>(before: Row | null, after: Partial<Row>, fields: readonly (keyof Row & string)[]): FieldChange[] {
  return fields.flatMap((field) => {
    if (!(field in after)) return [];
    const old = before === null ? null : before[field];
    const next = after[field];
    return before !== null && comparable(old) === comparable(next) ? [] : [{ field, before: plain(old), after: plain(next) }];
  });
}

/**
 * Lock the catalogue's one state row and bump its revision; with `takeFaqNumber`, also take the next
 * FAQ number. The row lock holds until the transaction ends, so edits are serialised and numbered.
 */
export async function bumpCatalogueRevision(tx: Tx, takeFaqNumber = false): Promise<{ revision: number; faqNumber: number }> {
  const state = await tx.catalogueState.update({
    where: { id: 1 },
    data: { revision: { increment: 1 }, ...(takeFaqNumber ? { nextFaqNumber: { increment: 1 } } : {}) },
  });
  return { revision: state.revision, faqNumber: state.nextFaqNumber - 1 };
}

/** Record one edit in the history. */
export async function recordChange(
  tx: Tx,
  change: { entity: CatalogueEntity; code: string; revision: number; action: CatalogueAction; actorId: string; changes: readonly FieldChange[] },
): Promise<void> {
  await tx.catalogueChange.create({
    data: { entity: change.entity, entityCode: change.code, revision: change.revision, action: change.action, actorId: change.actorId, changes: change.changes as unknown as Prisma.InputJsonValue },
  });
}

/** How to update one kind of record: find it, tell what changes, write the new revision. */
export interface RecordUpdate<Row extends { readonly revision: number }> {
  readonly entity: CatalogueEntity;
  readonly code: string;
  /** 'procedure', 'FAQ entry': for the messages. */
  readonly noun: string;
  readonly expectedRevision: number | undefined;
  readonly actorId: string;
  find(tx: Tx): Promise<Row | null>;
  /** The fields that change (checks against the current record throw here). */
  diff(current: Row, tx: Tx): Promise<FieldChange[]>;
  write(tx: Tx, revision: number): Promise<Row>;
}

/**
 * One update, in one transaction: lock the catalogue, find the record (NOT_FOUND), hold it to the
 * expected revision (REVISION_CONFLICT), and when anything changes write its next revision with its
 * history row. Nothing changed: the record as it is, no new revision.
 */
export function updateRecord<Row extends { readonly revision: number }>(db: PrismaClient, update: RecordUpdate<Row>): Promise<Row> {
  return db.$transaction(async (tx) => {
    await bumpCatalogueRevision(tx);
    const current = await update.find(tx);
    if (!current) throw codedError('NOT_FOUND', `No ${update.noun} has this code.`, { field: 'code' });
    if (update.expectedRevision !== undefined && update.expectedRevision !== current.revision) {
      throw codedError('REVISION_CONFLICT', `The ${update.noun} changed since the revision this edit was made against.`, { currentRevision: current.revision });
    }
    const changes = await update.diff(current, tx);
    if (changes.length === 0) return current;
    const revision = current.revision + 1;
    const updated = await update.write(tx, revision);
    await recordChange(tx, { entity: update.entity, code: update.code, revision, action: 'UPDATED', actorId: update.actorId, changes });
    return updated;
  });
}

/** The catalogue's revision: a replica's search index compares it with the one it was built from. */
export async function readCatalogueRevision(db: PrismaClient): Promise<number> {
  const state = await db.catalogueState.findUnique({ where: { id: 1 } });
  return state?.revision ?? 0;
}

/** Changes, newest first, optionally of one kind of record or one record. */
export function listChanges(db: PrismaClient, filter: { entity?: CatalogueEntity | undefined; code?: string | undefined; first: number }): Promise<CatalogueChange[]> {
  return db.catalogueChange.findMany({
    where: { ...(filter.entity ? { entity: filter.entity } : {}), ...(filter.code ? { entityCode: filter.code } : {}) },
    orderBy: [{ at: 'desc' }, { revision: 'desc' }],
    take: filter.first,
  });
}

/** The history of many records at once (a dataloader's batch), oldest first per record. */
export function findChangesOf(db: PrismaClient, entity: CatalogueEntity, codes: readonly string[]): Promise<CatalogueChange[]> {
  return db.catalogueChange.findMany({ where: { entity, entityCode: { in: [...codes] } }, orderBy: [{ revision: 'asc' }] });
}
