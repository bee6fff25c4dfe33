// Tracking a dossier by its code without signing in (dossierLookup): the code and one verifier — the
// receipt's 6-digit PIN or the last 4 digits of the owner's phone — give the dossier's public view
// (resolvers.ts says what that is). A wrong verifier and an unknown code give the same NOT_FOUND, after
// the same work (one HMAC, one read by code, one constant-time comparison, then the locked transaction
// that counts the failure); the throttle (guard.ts) counts both alike. A right verifier on a code with
// no failures counted answers from one statement outside any transaction (the dossier with its public
// steps): it changes no count, so it needs no lock, and one round trip instead of five is most of the
// lookup's time (issue #13's p99). A code with failures counted — throttled, locked, or to be cleared —
// always takes the locked transaction. The steps come from the dossier's own row (lifecycle/public-steps.ts), so a lookup
// whose pages are not cached reads the code index and one heap page.
import { codedError } from '../../../schema/errors.ts';
import { parseDossierCode } from '../lifecycle/codes.ts';
import { hashMatches, hashVerifier, verifierKind } from '../lifecycle/verifiers.ts';
import type { VerifierKind } from '../lifecycle/verifiers.ts';
import type { Database, SqlConnection } from '../../kit/db.ts';
import type { Dossier } from '../prisma/generated/client.ts';
import type { LookupSettings } from './config.ts';
import { assertLookupAllowed, clearLookupFailures, recordLookupFailure, serializeLookups } from './guard.ts';
import type { LookupGuard } from './guard.ts';
import { publicStepsOf, publicStepsSql } from '../lifecycle/public-steps.ts';
import type { PublicStep } from '../lifecycle/public-steps.ts';

export type { PublicStep } from '../lifecycle/public-steps.ts';

/** What a lookup needs from the subgraph's services. */
export interface LookupServices {
  /** The hot path runs on the kit's plain SQL, not Prisma's interactive transaction (twice the time). */
  readonly database: Pick<Database, 'transaction' | 'withConnection'>;
  readonly config: LookupSettings & { readonly verifierKey: string };
}

const NO_MATCH = 'No dossier matches this code and verifier.';

/** The dossier's columns the lookup reads (its steps' stored copy comes back as publicSteps). */
type TrackedColumns = Omit<Dossier, 'lookupSteps'>;

/** A dossier found by the lookup, with its timeline's public steps (read in the same statement or transaction). */
export type TrackedDossier = TrackedColumns & { readonly publicSteps: readonly PublicStep[] };

/** The dossier with `code` if `verifier` proves it; NOT_FOUND (unknown or wrong alike), LOOKUP_THROTTLED, LOOKUP_LOCKED or BAD_USER_INPUT otherwise. */
export async function lookupDossier(services: LookupServices, rawCode: string, verifier: string, now = new Date()): Promise<TrackedDossier> {
  const code = rawCode.trim();
  const kind = verifierKind(verifier.trim());
  if (kind === undefined) throw codedError('BAD_USER_INPUT', "verifier is the receipt's 6-digit PIN or the last 4 digits of the owner's phone.", { field: 'verifier' });
  // Something that is not a dossier code cannot exist: no throttle row for it (nothing to learn, nothing stored).
  if (parseDossierCode(code) === undefined) throw codedError('NOT_FOUND', NO_MATCH);
  const { lookup, verifierKey } = services.config;
  const given = hashVerifier(verifierKey, code, kind, verifier.trim());
  const quick = await services.database.withConnection((connection) => readTracked(connection, code, kind, given));
  if (quick) return quick;
  const outcome = await services.database.transaction(async (tx) => {
    await serializeLookups(tx, code);
    // Read after the lock is held (a statement of its own: its snapshot then sees every failure counted before).
    const state = await readLookupState(tx, code);
    const guard = assertLookupAllowed(state.guard, lookup, now);
    const { dossier } = state;
    // Compared whether or not the dossier exists: the same work either way.
    if (hashMatches(given, kind === 'pin' ? dossier?.receiptPinHash : dossier?.ownerPhoneHash) && dossier) {
      if (guard) await clearLookupFailures(tx, code);
      // The public steps on this connection, in this transaction: no second query through Prisma after it.
      const [read] = await tx.query<{ steps: unknown[][] | null }>(PUBLIC_STEPS_SQL, [dossier.id]);
      return { ...dossier, publicSteps: publicStepsOf(read?.steps ?? null) };
    }
    await recordLookupFailure(tx, code, guard?.failures ?? 0, lookup, now);
    return undefined;
  });
  // Thrown after the transaction, so the failure it counted stays counted.
  if (!outcome) throw codedError('NOT_FOUND', NO_MATCH);
  return outcome;
}

// The dossier's columns under the model's field names: a field added to the model and not here fails to compile.
const DOSSIER_COLUMNS: Record<keyof TrackedColumns, string> = {
  id: 'id',
  code: 'code',
  ownerId: 'owner_id',
  procedureCode: 'procedure_code',
  agencyCode: 'agency_code',
  channel: 'channel',
  status: 'status',
  statusAt: 'status_at',
  receivedAt: 'received_at',
  dueAt: 'due_at',
  rescheduledDueAt: 'rescheduled_due_at',
  currentStep: 'current_step',
  supplementRequest: 'supplement_request',
  returnedAt: 'returned_at',
  receiptPinHash: 'receipt_pin_hash',
  ownerPhoneHash: 'owner_phone_hash',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};
/** `alias."column" AS "field"` for each entry; uuid and enum columns as text, as Prisma gives them. */
function selectList(alias: string, columns: Readonly<Record<string, string>>, asText: readonly string[]): string {
  return Object.entries(columns)
    .map(([field, column]) => `${alias}."${column}"${asText.includes(column) ? '::text' : ''} AS "${field}"`)
    .join(', ');
}
const DOSSIER_SELECT = selectList('d', DOSSIER_COLUMNS, ['id', 'channel', 'status']);
/** The stored steps, or for a row written before the column, the same read from the timeline. */
const stepsOrTimeline = `COALESCE(d."lookup_steps", ${publicStepsSql('e."dossier_id" = d."id"')})`;
const PUBLIC_STEPS_SQL = `SELECT ${stepsOrTimeline} AS "steps" FROM "dossier" AS d WHERE d."id" = $1::uuid`;
// One row: the dossier, its throttle row and, only when the verifier's hash is the stored one and no
// failure is counted, its public steps as one JSON array in timeline order — so a wrong verifier gets no
// step off the row and costs what an unknown code does. The timeline's subquery runs only for a row
// written before lookup_steps (COALESCE stops at the first value that is not null; EXPLAIN shows it "never
// executed" otherwise). One row rather than one per step: the dossier's columns and dates are sent and
// parsed once, not once per step; pg's rows and dates were most of what a lookup allocated in the
// subgraph, and its young-generation collections are the lookup's tail.
const TRACKED_SQL = `
  SELECT ${DOSSIER_SELECT}, g."code" AS "guardCode",
         CASE WHEN g."code" IS NULL AND (CASE WHEN $2::text = 'pin' THEN d."receipt_pin_hash" ELSE d."owner_phone_hash" END) = $3::text
              THEN ${stepsOrTimeline} END AS "steps"
    FROM (SELECT $1::text AS "code") AS "wanted"
    LEFT JOIN "dossier" AS d ON d."code" = "wanted"."code"
    LEFT JOIN "dossier_lookup_guard" AS g ON g."code" = "wanted"."code"`;

type TrackedRow = Record<keyof TrackedColumns, unknown> & { guardCode: string | null; steps: unknown[][] | null };

/** The dossier with its public steps when `given` is its verifier's hash and no failure is counted for `code`; undefined otherwise (the locked path decides). */
async function readTracked(connection: SqlConnection, code: string, kind: VerifierKind, given: string): Promise<TrackedDossier | undefined> {
  // Prepared once per pooled connection, so PostgreSQL soon keeps its generic plan: planning it was about
  // three quarters of the database's time for a lookup (EXPLAIN ANALYZE, warm: planning 0.08–0.10 ms,
  // execution 0.03 ms).
  const [row] = await connection.query<TrackedRow>(TRACKED_SQL, [code, kind, given], 'dossier-lookup-tracked');
  if (!row || row.id === null || row.guardCode !== null) return undefined;
  const { guardCode: _guard, steps, ...dossier } = row;
  if (!hashMatches(given, kind === 'pin' ? (dossier.receiptPinHash as string | null) : (dossier.ownerPhoneHash as string | null))) return undefined;
  return { ...(dossier as TrackedColumns), publicSteps: publicStepsOf(steps) };
}

const LOOKUP_STATE_SQL = `
  SELECT ${DOSSIER_SELECT}, g."failures" AS "guardFailures", g."last_failure_at" AS "guardLastFailureAt", g."locked_until" AS "guardLockedUntil"
    FROM (SELECT $1::text AS "code") AS "wanted"
    LEFT JOIN "dossier" AS d ON d."code" = "wanted"."code"
    LEFT JOIN "dossier_lookup_guard" AS g ON g."code" = "wanted"."code"`;

type StateRow = Record<keyof TrackedColumns, unknown> & { guardFailures: number | null; guardLastFailureAt: Date | null; guardLockedUntil: Date | null };

/** The code's throttle state and its dossier, in one statement (one round trip). */
async function readLookupState(connection: SqlConnection, code: string): Promise<{ guard: LookupGuard | undefined; dossier: TrackedColumns | undefined }> {
  const [row] = await connection.query<StateRow>(LOOKUP_STATE_SQL, [code]);
  if (!row) return { guard: undefined, dossier: undefined };
  const { guardFailures, guardLastFailureAt, guardLockedUntil, ...dossier } = row;
  return {
    guard: guardFailures === null || guardLastFailureAt === null ? undefined : { failures: guardFailures, lastFailureAt: guardLastFailureAt, lockedUntil: guardLockedUntil },
    dossier: dossier.id === null ? undefined : (dossier as TrackedColumns),
  };
}
