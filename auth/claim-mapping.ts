// Which access-token claims carry what the gateway needs to know about a caller — the VNeID level, the
// roles, the officer's unit and the scopes — so that a realm other than Keycloak-shaped ones (the level in
// a claim of its own, roles in `groups`, scopes as an array) needs configuration, not code. The defaults
// are Keycloak's, as the gateway always read them.
import type { AssuranceLevel } from './viewer.ts';

/** How claims map to a Viewer. Claim paths are dotted (`realm_access.roles`); `{client}` and `{audience}` stand for the token's client and the API audience. */
export interface ClaimMapping {
  /** The claim that carries the VNeID level. */
  readonly levelClaim: string;
  /** Claim values (as text) that mean level 1 and level 2; anything else is level 0. */
  readonly levelValues: Readonly<Record<string, 1 | 2>>;
  /** Claims holding role lists (arrays of strings); the roles are their union. */
  readonly roleClaims: readonly string[];
  /** The claim with an officer's unit code. */
  readonly unitClaim: string;
  /** The claim with the granted scopes: a space-separated string or an array. */
  readonly scopeClaim: string;
}

/** Keycloak's claims: `acr` "1"/"2", realm roles and the client's and API's client roles, `unit`, `scope`. */
export const KEYCLOAK_CLAIM_MAPPING: ClaimMapping = Object.freeze({
  levelClaim: 'acr',
  levelValues: Object.freeze({ '1': 1, '2': 2 }),
  roleClaims: Object.freeze(['realm_access.roles', 'resource_access.{client}.roles', 'resource_access.{audience}.roles']),
  unitClaim: 'unit',
  scopeClaim: 'scope',
});

/** A dotted claim path: names of letters, digits, `_`, `-`, `:`, `/` (URIs as claim names) or a `{client}`/`{audience}` placeholder. */
export const CLAIM_PATH = /^(?:[A-Za-z0-9_:/-]+|\{client\}|\{audience\})(?:\.(?:[A-Za-z0-9_:/-]+|\{client\}|\{audience\}))*$/;

/** The value at a dotted claim path, with the placeholders filled in; undefined when any step is missing. */
export function claimAt(payload: Readonly<Record<string, unknown>>, path: string, names: { client?: string | undefined; audience: string }): unknown {
  let value: unknown = payload;
  for (const step of path.split('.')) {
    const name = step === '{client}' ? names.client : step === '{audience}' ? names.audience : step;
    if (name === undefined || typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, name)) return undefined;
    value = (value as Record<string, unknown>)[name];
  }
  return value;
}

/** The level a claim value maps to: a string or number looked up as text; in a list, the highest. */
export function levelFromClaim(value: unknown, levelValues: ClaimMapping['levelValues']): AssuranceLevel {
  const one = (item: unknown): AssuranceLevel => (typeof item === 'string' || typeof item === 'number' ? (levelValues[String(item)] ?? 0) : 0);
  if (Array.isArray(value)) return value.reduce<AssuranceLevel>((best, item) => Math.max(best, one(item)) as AssuranceLevel, 0);
  return one(value);
}

/** Strings in a claim that is a list (roles), or a space-separated string or a list (scopes). */
export function stringsFromClaim(value: unknown, spaceSeparated = false): string[] {
  if (spaceSeparated && typeof value === 'string') return value.split(' ').filter((item) => item !== '');
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item !== '') : [];
}
