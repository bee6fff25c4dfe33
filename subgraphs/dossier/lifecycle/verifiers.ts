// What proves a right to track a dossier without signing in: the 6-digit PIN printed on the receipt, or
// the last 4 digits of the owner's phone. Neither is stored: only an HMAC-SHA256 under the subgraph's
// DOSSIER_VERIFIER_KEY, bound to the dossier code and to the kind of verifier. A keyed hash, not a plain
// one: a PIN has a million values, so a leaked table of plain hashes would give every PIN back in a
// second; without the key, the table is useless. Comparisons are constant-time.
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/** Which verifier a value is. */
export type VerifierKind = 'pin' | 'phone';

/** A receipt PIN: exactly six digits. */
export const RECEIPT_PIN = /^\d{6}$/;
/** The last four digits of a phone number. */
export const PHONE_LAST4 = /^\d{4}$/;

/** Which verifier `value` is by its shape, or undefined when it is neither. */
export function verifierKind(value: string): VerifierKind | undefined {
  if (RECEIPT_PIN.test(value)) return 'pin';
  if (PHONE_LAST4.test(value)) return 'phone';
  return undefined;
}

/** The stored hash of verifier `value` of kind `kind` for dossier `code` (hex). */
export function hashVerifier(key: string, code: string, kind: VerifierKind, value: string): string {
  return createHmac('sha256', key).update(`${kind}\0${code}\0${value}`, 'utf8').digest('hex');
}

/** A fresh receipt PIN (uniform over 000000–999999, from the CSPRNG). */
export function newReceiptPin(): string {
  return String(randomInt(0, 1_000_000)).padStart(6, '0');
}

// Compared against when there is nothing to compare (unknown code, no hash of that kind), so that every
// answer costs one HMAC and one comparison.
const NOTHING = '0'.repeat(64);

/**
 * Whether `value` matches `stored` (a hash from hashVerifier, or null when the dossier has none of that
 * kind). The same work whether or not there is a hash: one HMAC, one constant-time comparison.
 */
export function verifierMatches(key: string, code: string, kind: VerifierKind, value: string, stored: string | null | undefined): boolean {
  return hashMatches(hashVerifier(key, code, kind, value), stored);
}

/** Whether `given` (a hashVerifier result) equals `stored`, in constant time, when there is nothing stored too. */
export function hashMatches(given: string, stored: string | null | undefined): boolean {
  const expected = Buffer.from(stored && /^[0-9a-f]{64}$/.test(stored) ? stored : NOTHING, 'hex');
  return timingSafeEqual(Buffer.from(given, 'hex'), expected) && stored !== null && stored !== undefined;
}
