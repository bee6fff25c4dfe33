// Who is asking: the gateway maps verified token claims to a Viewer, and passes it to subgraphs inside
// the internal token. It never carries the raw token, the ID number (CCCD), a phone number or a name.

/** VNeID identification level from `acr`: 0 when unknown (partners, anonymous). */
export type AssuranceLevel = 0 | 1 | 2;

/** The identity a request acts as. */
export interface Viewer {
  /** Subject (Keycloak user id or service-account id); undefined when anonymous. */
  readonly subject?: string | undefined;
  /** Realm roles plus client roles of the calling client. */
  readonly roles: readonly string[];
  /** OAuth scopes granted to the token. */
  readonly scopes: readonly string[];
  readonly level: AssuranceLevel;
  /** Unit code of an officer. */
  readonly unit?: string | undefined;
  /** The OAuth client the token was issued to (`azp`). */
  readonly clientId?: string | undefined;
  /** Session id (`sid`), for back-channel logout. */
  readonly sessionId?: string | undefined;
  /** An agency's system: the agency codes it may write dossiers of (`agency_codes`). */
  readonly agencies?: readonly string[] | undefined;
}

/** The viewer of a request without a token. */
export const ANONYMOUS: Viewer = Object.freeze({ roles: [], scopes: [], level: 0 });

/** Whether the viewer is a signed-in citizen (has a subject and the citizen role). */
export function isCitizen(viewer: Viewer): boolean {
  return viewer.subject !== undefined && viewer.roles.includes('citizen');
}

/** Whether the viewer has `role`. */
export function hasRole(viewer: Viewer, role: string): boolean {
  return viewer.roles.includes(role);
}

/** An `agency_codes` claim: a list of agency codes (digits, capitals, dots), or undefined when absent or empty. */
export function agenciesFromClaim(value: unknown): readonly string[] | undefined {
  const codes = Array.isArray(value) ? value.filter((code): code is string => typeof code === 'string' && /^[0-9A-Z][0-9A-Z.]{1,39}$/.test(code)) : [];
  return codes.length > 0 ? Object.freeze(codes) : undefined;
}

/** Parse an `acr` claim into a VNeID level. Keycloak maps LoA 1/2 to acr "1"/"2". */
export function levelFromAcr(acr: unknown): AssuranceLevel {
  if (acr === '2' || acr === 2) return 2;
  if (acr === '1' || acr === 1) return 1;
  return 0;
}
