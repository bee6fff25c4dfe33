// The public steps of a dossier's timeline as the lookup answers them, kept on the dossier's own row
// (dossier.lookup_steps): a lookup whose pages are not in the cache then reads the code index and one
// heap page, where reading the steps from dossier_event took two to four more pages at 5 million
// dossiers (issue #13's p99 on first touch). One JSON array per step in STEP_FIELDS' order, dates as
// epoch milliseconds, in timeline order (occurred_at, then id), public entries only; `[]` when there is
// none. Written with every change to the timeline, in the same transaction (timeline.ts, the
// bulk insert too); rows written before the column have null, the lookup reads their steps from
// dossier_event with the same shape (publicStepsSql), and backfillLookupSteps fills them in batches.
import type { SqlConnection } from '../../kit/db.ts';
import type { DossierEvent } from '../prisma/generated/client.ts';

/** What the lookup shows of a timeline entry (the public step's fields, nothing else is kept). */
export type PublicStep = Pick<DossierEvent, 'kind' | 'toStatus' | 'agencyCode' | 'occurredAt' | 'stepName' | 'stepDueAt' | 'newDueAt'>;

const STEP_COLUMNS: Record<keyof PublicStep, string> = {
  kind: 'kind',
  toStatus: 'to_status',
  agencyCode: 'agency_code',
  occurredAt: 'occurred_at',
  stepName: 'step_name',
  stepDueAt: 'step_due_at',
  newDueAt: 'new_due_at',
};
const STEP_FIELDS = Object.keys(STEP_COLUMNS) as (keyof PublicStep)[];
const STEP_DATES = new Set<keyof PublicStep>(['occurredAt', 'stepDueAt', 'newDueAt']);

/** A step as stored: its fields in STEP_FIELDS' order, dates as epoch milliseconds. */
type StoredStep = (string | number | null)[];

/** The stored form of `entries` (in timeline order): the public ones, STEP_FIELDS' order, dates as epoch ms. */
export function lookupStepsOf(entries: readonly (PublicStep & Pick<DossierEvent, 'isPublic'>)[]): StoredStep[] {
  return entries
    .filter((entry) => entry.isPublic)
    .map((entry) => STEP_FIELDS.map((field) => (STEP_DATES.has(field) ? ((entry[field] as Date | null)?.getTime() ?? null) : (entry[field] as string | null))));
}

/** The steps as read back (the column, or publicStepsSql's fallback): rows with their dates as Dates. */
export function publicStepsOf(steps: readonly unknown[][] | null): PublicStep[] {
  return (steps ?? []).map(
    (values) => Object.fromEntries(STEP_FIELDS.map((field, index) => [field, STEP_DATES.has(field) && values[index] !== null ? new Date(values[index] as number) : values[index]])) as PublicStep,
  );
}

/** A SQL expression for the stored form of one step from `alias`'s columns, or from the expressions given per field. */
export function stepJsonSql(alias: string, expressions: Partial<Record<keyof PublicStep, string>> = {}): string {
  const values = STEP_FIELDS.map((field) => {
    const value = expressions[field] ?? `${alias}."${STEP_COLUMNS[field]}"`;
    return STEP_DATES.has(field) ? `(extract(epoch FROM ${value}) * 1000)::bigint` : value;
  });
  return `json_build_array(${values.join(', ')})`;
}

/**
 * A scalar subquery: the stored form of the public entries of the timeline matching `where` (alias `e`),
 * in timeline order, read from dossier_event; null when there is none (the caller says what that means).
 */
export const publicStepsSql = (where: string) => `(SELECT json_agg(${stepJsonSql('e')} ORDER BY e."occurred_at", e."id")
            FROM "dossier_event" AS e WHERE e."is_public" AND ${where})`;

// A batch takes the next dossiers without a copy in id order after the last batch's, through the partial
// index dossier_lookup_steps_missing_idx (empty once all are filled: a pass then costs one index probe), locking them and skipping rows a writer holds: a writer
// that records an entry meanwhile locks its dossier first and writes the column itself, so the backfill
// never overwrites a newer copy.
const BACKFILL_SQL = `
  WITH "batch" AS (
    SELECT "id" FROM "dossier" WHERE "id" > $2::uuid AND "lookup_steps" IS NULL ORDER BY "id" LIMIT $1 FOR UPDATE SKIP LOCKED
  ), "filled" AS (
    UPDATE "dossier" AS d SET "lookup_steps" = COALESCE(${publicStepsSql('e."dossier_id" = d."id"')}, '[]'::json)
      FROM "batch" WHERE d."id" = "batch"."id"
    RETURNING d."id"
  )
  SELECT count(*)::int AS "filled", max("id"::text) AS "last" FROM "filled"`;

/** Where a backfill pass stands: the last dossier id it filled. */
export const BACKFILL_START = '00000000-0000-0000-0000-000000000000';

/**
 * Fill `lookup_steps` on up to `batch` dossiers after `after` (in id order) that have none yet (written
 * before the column): how many, and the id to go on after (undefined when the pass is over).
 */
export async function backfillLookupSteps(connection: Pick<SqlConnection, 'query'>, after: string, batch: number): Promise<{ filled: number; next: string | undefined }> {
  const [row] = await connection.query<{ filled: number; last: string | null }>(BACKFILL_SQL, [batch, after]);
  return { filled: row?.filled ?? 0, next: row?.last ?? undefined };
}
