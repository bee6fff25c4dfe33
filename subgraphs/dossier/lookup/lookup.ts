// Tracking a dossier by its code without signing in (dossierLookup): the code and one verifier — the
// receipt's 6-digit PIN or the last 4 digits of the owner's phone — give the dossier's public view
// (resolvers.ts says what that is). A wrong verifier and an unknown code give the same NOT_FOUND, after
// the same work (one read by code, one HMAC, one constant-time comparison); the throttle (guard.ts)
// counts both alike.
import { codedError } from '../../../schema/errors.ts';
import { parseDossierCode } from '../lifecycle/codes.ts';
import { verifierKind, verifierMatches } from '../lifecycle/verifiers.ts';
import type { Dossier, PrismaClient } from '../prisma/generated/client.ts';
import type { LookupSettings } from './config.ts';
import { assertLookupAllowed, clearLookupFailures, recordLookupFailure, serializeLookups } from './guard.ts';

/** What a lookup needs from the subgraph's services. */
export interface LookupServices {
  readonly db: PrismaClient;
  readonly config: LookupSettings & { readonly verifierKey: string };
}

const NO_MATCH = 'No dossier matches this code and verifier.';

/** The dossier with `code` if `verifier` proves it; NOT_FOUND (unknown or wrong alike), LOOKUP_THROTTLED, LOOKUP_LOCKED or BAD_USER_INPUT otherwise. */
export async function lookupDossier(services: LookupServices, rawCode: string, verifier: string, now = new Date()): Promise<Dossier> {
  const code = rawCode.trim();
  const kind = verifierKind(verifier.trim());
  if (kind === undefined) throw codedError('BAD_USER_INPUT', "verifier is the receipt's 6-digit PIN or the last 4 digits of the owner's phone.", { field: 'verifier' });
  // Something that is not a dossier code cannot exist: no throttle row for it (nothing to learn, nothing stored).
  if (parseDossierCode(code) === undefined) throw codedError('NOT_FOUND', NO_MATCH);
  const { lookup, verifierKey } = services.config;
  const outcome = await services.db.$transaction(async (tx) => {
    await serializeLookups(tx, code);
    const guard = await assertLookupAllowed(tx, code, lookup, now);
    const dossier = await tx.dossier.findUnique({ where: { code } });
    const stored = kind === 'pin' ? dossier?.receiptPinHash : dossier?.ownerPhoneHash;
    // Compared whether or not the dossier exists: the same work either way.
    const matches = verifierMatches(verifierKey, code, kind, verifier.trim(), stored);
    if (matches && dossier) {
      if (guard) await clearLookupFailures(tx, code);
      return dossier;
    }
    await recordLookupFailure(tx, code, guard?.failures ?? 0, lookup, now);
    return undefined;
  });
  // Thrown after the transaction, so the failure it counted stays counted.
  if (!outcome) throw codedError('NOT_FOUND', NO_MATCH);
  return outcome;
}
