// The throttle of the public lookup, per dossier code, kept in the dossier database (so it holds across
// replicas and restarts, on PGlite and PostgreSQL): the first wrong verifiers answer at once, each further
// one must wait longer (doubling), and enough of them lock the code for a while — the right verifier
// included, or the lock would be an oracle. Unknown codes are throttled exactly like known ones. The
// lookups of one code run one at a time (a transaction-scoped advisory lock), so parallel guesses cannot
// slip past the count.
import { codedError } from '../../../schema/errors.ts';
import { DOSSIER_LOOKUP_LOCK_CLASS } from '../../kit/lock-keys.ts';
import type { SqlConnection } from '../../kit/db.ts';
import type { Prisma } from '../prisma/generated/client.ts';
import type { LookupSettings } from './config.ts';

type Tx = Prisma.TransactionClient;
type Throttle = LookupSettings['lookup'];

/** Wait for the other lookups of `code` in flight (until the caller's transaction ends). */
export async function serializeLookups(connection: SqlConnection, code: string): Promise<void> {
  await connection.query('SELECT pg_advisory_xact_lock($1::int4, hashtext($2))', [DOSSIER_LOOKUP_LOCK_CLASS, code]);
}

/** A code's throttle state, as stored. */
export interface LookupGuard {
  readonly failures: number;
  readonly lastFailureAt: Date;
  readonly lockedUntil: Date | null;
}

/** Refuse the lookup when the code is locked (LOOKUP_LOCKED) or must wait (LOOKUP_THROTTLED), both with retryAfterSeconds; else the failures still counted. */
export function assertLookupAllowed(guard: LookupGuard | undefined, throttle: Throttle, now: Date): { failures: number } | undefined {
  if (!guard) return undefined;
  if (guard.lockedUntil && guard.lockedUntil.getTime() > now.getTime()) {
    throw codedError('LOOKUP_LOCKED', 'Too many wrong verifiers for this code: it is locked for a while.', { retryAfterSeconds: secondsUntil(guard.lockedUntil, now) });
  }
  const failures = remembered(guard, throttle, now);
  if (failures >= throttle.freeFailures) {
    const next = new Date(guard.lastFailureAt.getTime() + waitSeconds(failures, throttle) * 1000);
    if (next.getTime() > now.getTime()) throw codedError('LOOKUP_THROTTLED', 'Too many wrong verifiers for this code: wait before trying again.', { retryAfterSeconds: secondsUntil(next, now) });
  }
  return { failures };
}

/** Count a wrong verifier for `code`; the one that reaches the limit locks it. */
export async function recordLookupFailure(connection: SqlConnection, code: string, previous: number, throttle: Throttle, now: Date): Promise<void> {
  const failures = previous + 1;
  const lockedUntil = failures >= throttle.lockFailures ? new Date(now.getTime() + throttle.lockSeconds * 1000) : null;
  // After a lock has run out the count starts again (from the previous value the caller read: 0 then).
  await connection.query(
    `INSERT INTO "dossier_lookup_guard" ("code", "failures", "last_failure_at", "locked_until") VALUES ($1, $2, $3, $4)
     ON CONFLICT ("code") DO UPDATE SET "failures" = EXCLUDED."failures", "last_failure_at" = EXCLUDED."last_failure_at", "locked_until" = EXCLUDED."locked_until"`,
    [code, failures, now, lockedUntil],
  );
}

/** A right verifier clears the code's failures. */
export async function clearLookupFailures(connection: SqlConnection, code: string): Promise<void> {
  await connection.query('DELETE FROM "dossier_lookup_guard" WHERE "code" = $1', [code]);
}

/** Forget failures older than the window whose lock (if any) has run out; returns how many codes. */
export async function sweepLookupGuards(db: Pick<Tx, 'dossierLookupGuard'>, throttle: Throttle, now: Date): Promise<number> {
  const forgotten = new Date(now.getTime() - throttle.windowSeconds * 1000);
  const { count } = await db.dossierLookupGuard.deleteMany({ where: { lastFailureAt: { lt: forgotten }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] } });
  return count;
}

/** Failures still counted: none once the window has passed since the last one, or once a lock has run out. */
function remembered(guard: LookupGuard, throttle: Throttle, now: Date): number {
  if (guard.lockedUntil !== null) return 0; // the lock has run out (a live one was refused above)
  return now.getTime() - guard.lastFailureAt.getTime() > throttle.windowSeconds * 1000 ? 0 : guard.failures;
}

/** The wait after `failures` wrong verifiers: throttleSeconds after the first beyond the free ones, doubling. */
function waitSeconds(failures: number, throttle: Throttle): number {
  return throttle.throttleSeconds * 2 ** Math.min(20, failures - throttle.freeFailures);
}

function secondsUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
}
