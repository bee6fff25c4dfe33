// Verifies the bearer access tokens that citizens, officers and partner apps send to the gateway, and
// the logout tokens the realm sends to the back-channel logout endpoint.
//
// Trust comes only from the realm's JWKS at a configured URL: a token that names a key or a key URL
// (`jku`, `x5u`, `jwk`, `x5c`) is refused outright and nothing it names is ever fetched. On top of the
// signature (asymmetric algorithms from an allow-list, a well-formed `kid` the realm publishes) come
// issuer, audience, token type, lifetime, the calling client and the revoked-session set.
//
// Verified access tokens are remembered until they expire; a cache hit costs one LRU lookup, one
// clock read and the revocation check by session and subject (Map lookups in memory, one MGET round trip in Redis).
import { decodeProtectedHeader, errors, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey, ProtectedHeaderParameters } from 'jose';
import { LRUCache } from 'lru-cache';
import { createRemoteKeySet } from './remote-key-set.ts';
import type { RemoteKeySet, RemoteKeySetOptions } from './remote-key-set.ts';
import type { RevokedSessions } from './revocation.ts';
import { claimAt, KEYCLOAK_CLAIM_MAPPING, levelFromClaim, stringsFromClaim } from './claim-mapping.ts';
import type { ClaimMapping } from './claim-mapping.ts';
import { agenciesFromClaim } from './viewer.ts';
import type { Viewer } from './viewer.ts';

/** How the gateway fetches the realm's public keys (cooldown 30 s, timeout 5 s, background refresh after 10 min by default). */
export type RealmKeySetOptions = RemoteKeySetOptions;

/** How the gateway trusts the realm. */
export interface AccessTokenVerifierOptions {
  /** Exact issuer, e.g. `https://id.hochiminhcity.gov.vn/realms/lien-thong` (no trailing slash added or removed). */
  readonly issuer: string;
  /** Audience the token must carry (a Keycloak audience mapper adds it). */
  readonly audience: string;
  /** The realm's JWKS; Keycloak serves it at `<issuer>/protocol/openid-connect/certs`. */
  readonly jwksUrl: string;
  /** Accepted signature algorithms (asymmetric only: `none` and HS* are refused at construction). */
  readonly algorithms: readonly string[];
  /** Longest accepted token lifetime (exp − iat), in seconds: longer ones are refused as absurd. */
  readonly maxLifetimeSeconds: number;
  readonly clockToleranceSeconds: number;
  /** When set, only tokens issued to these clients (`azp`, and `client_id` when present) are accepted. */
  readonly allowedClients?: readonly string[] | undefined;
  /** Sessions ended by back-channel logout: their tokens are refused on every request, cached or not. */
  readonly revokedSessions?: RevokedSessions | undefined;
  /** JWKS fetching (used only when no key resolver is passed to createAccessTokenVerifier). */
  readonly jwks?: RealmKeySetOptions | undefined;
  /** Most verified tokens remembered (default 50 000). */
  readonly cacheMaxEntries?: number | undefined;
  /** Told of every cache lookup (hit or miss), for the metrics. */
  readonly onCacheLookup?: ((hit: boolean) => void) | undefined;
  /** Which claims carry the level, roles, unit and scopes (default: Keycloak's). */
  readonly claims?: ClaimMapping | undefined;
}

/** A verified token. */
export interface VerifiedToken {
  readonly viewer: Viewer;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
  /** When the token was issued (`iat`), epoch milliseconds: logout by subject compares it. */
  readonly issuedAt: number;
}

/** Why a token was refused; the message is safe to show to the client. */
export class TokenRejectedError extends Error {
  override readonly name = 'TokenRejectedError';
}

export type AccessTokenVerifier = (token: string) => Promise<VerifiedToken>;

/** The realm's keys as a jose key resolver, plus an explicit refresh (e.g. to warm it at start). */
export type RealmKeySet = RemoteKeySet;

/** The event a back-channel logout token carries (OIDC Back-Channel Logout 1.0 §2.4). */
export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/** Header parameters that name a key or where to get one: trusting any of them hands the token the key. */
const KEY_NAMING_HEADERS = ['jku', 'x5u', 'jwk', 'x5c'] as const;
/** Keycloak kids are base64url thumbprints or UUIDs; anything else (paths, quotes, spaces, huge) is refused unread. */
const KID = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,127}$/;
/** Three base64url parts (the signature may be empty, so that `alg: none` gets its own message). */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
/** Larger than anything a realm issues; Node refuses headers over 16 KiB anyway. */
const MAX_TOKEN_LENGTH = 16 * 1024;
const ACCESS_TOKEN_HEADER_TYPES = new Set(['at+jwt', 'application/at+jwt', 'jwt']);
const LOGOUT_TOKEN_HEADER_TYPES = new Set(['logout+jwt', 'application/logout+jwt']);
/** Claims only ID tokens carry. */
const ID_TOKEN_ONLY_CLAIMS = ['at_hash', 'c_hash', 's_hash'] as const;

/**
 * The realm's public keys, fetched from `jwksUrl` only (never from a URL in a token) and kept until a
 * successful fetch says otherwise: see createRemoteKeySet for why not jose's createRemoteJWKSet.
 */
export function createRealmKeySet(jwksUrl: string | URL, options: RealmKeySetOptions = {}): RealmKeySet {
  return createRemoteKeySet(jwksUrl, options, (failure) => new TokenRejectedError(failure === 'unavailable' ? 'the realm signing keys are unavailable' : 'the token signing key is not known'));
}

/** Whether `clientId` is one of `allowedClients` (O(1) with a Set). For per-operation allow-lists too. */
export function isClientAllowed(clientId: string | undefined, allowedClients: ReadonlySet<string> | readonly string[]): boolean {
  if (clientId === undefined) return false;
  return allowedClients instanceof Set ? allowedClients.has(clientId) : (allowedClients as readonly string[]).includes(clientId);
}

/**
 * Until when (epoch ms) a session revoked now must stay revoked: its tokens were issued at the latest
 * now and live at most maxLifetimeSeconds (+ the clock tolerance). Pass it to RevokedSessions.revoke.
 */
export function sessionRevocationUntil(options: Pick<AccessTokenVerifierOptions, 'maxLifetimeSeconds' | 'clockToleranceSeconds'>, now = Date.now()): number {
  return now + (options.maxLifetimeSeconds + options.clockToleranceSeconds) * 1000;
}

/**
 * Logout by subject (a logout token without `sid`): tokens issued at or before this instant (epoch ms)
 * are refused. The realm's own clock says when the logout happened (the logout token's `iat`); the
 * clock tolerance covers skew between the realm's nodes, so a new login within it is refused too.
 */
export function subjectRevocationCutoff(logoutIssuedAtSeconds: number, options: Pick<AccessTokenVerifierOptions, 'clockToleranceSeconds'>): number {
  return (logoutIssuedAtSeconds + options.clockToleranceSeconds) * 1000;
}

/** Create a verifier for one realm. `keys` replaces the realm key set (e.g. one shared with verifyLogoutToken). */
export function createAccessTokenVerifier(options: AccessTokenVerifierOptions, keys?: JWTVerifyGetKey): AccessTokenVerifier {
  const algorithms = checkAlgorithms(options.algorithms);
  const allowedClients = options.allowedClients ? new Set(options.allowedClients) : undefined;
  const revokedSessions = options.revokedSessions;
  const claims = options.claims ?? KEYCLOAK_CLAIM_MAPPING;
  const keySet = keys ?? createRealmKeySet(options.jwksUrl, options.jwks);
  const cache = new LRUCache<string, VerifiedToken>({ max: options.cacheMaxEntries ?? 50_000 });

  // On every request, cached or not, by session (`sid`) and by subject (logout tokens without a sid).
  // For the Redis store this is one MGET round trip per request carrying a person's token
  // (service-account tokens have neither and skip it); the memory store answers from two Maps. Either
  // way O(1). When the store cannot decide, its RevocationUnavailableError goes to the caller (503).
  const refuseRevoked = async (token: string, verified: VerifiedToken): Promise<void> => {
    const { sessionId: sid, subject: sub } = verified.viewer;
    if (revokedSessions === undefined || (sid === undefined && sub === undefined)) return;
    if (await revokedSessions.isTokenRevoked({ sid, sub, issuedAt: verified.issuedAt })) {
      cache.delete(token);
      throw new TokenRejectedError('the session of this access token has ended');
    }
  };

  const onCacheLookup = options.onCacheLookup;
  return async (token) => {
    const cached = cache.get(token);
    onCacheLookup?.(cached !== undefined);
    if (cached !== undefined) {
      if (cached.expiresAt <= Date.now()) {
        cache.delete(token);
        throw new TokenRejectedError('the access token has expired');
      }
      await refuseRevoked(token, cached);
      return cached;
    }
    const payload = await verifyAccessTokenClaims(token, keySet, options, algorithms, allowedClients);
    const verified: VerifiedToken = { viewer: viewerFromAccessToken(payload, options.audience, claims), expiresAt: (payload.exp ?? 0) * 1000, issuedAt: (payload.iat ?? 0) * 1000 };
    await refuseRevoked(token, verified);
    cache.set(token, verified);
    return verified;
  };
}

function checkAlgorithms(algorithms: readonly string[]): string[] {
  if (algorithms.length === 0) throw new Error('access-token verifier: no algorithm allowed');
  for (const alg of algorithms) {
    if (alg.toLowerCase() === 'none' || /^HS/i.test(alg)) throw new Error(`access-token verifier: ${alg} cannot be allowed (asymmetric algorithms only)`);
  }
  return [...algorithms];
}

/** Header checks shared by access and logout tokens, before any key is looked up. Returns the header. */
function checkHeader(token: string, algorithms: readonly string[], noun: string): ProtectedHeaderParameters {
  if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) throw new TokenRejectedError(`the ${noun} is not a signed JWT`);
  let header: ProtectedHeaderParameters;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw new TokenRejectedError(`the ${noun} is not a signed JWT`);
  }
  for (const name of KEY_NAMING_HEADERS) {
    if (Object.hasOwn(header, name)) throw new TokenRejectedError(`the ${noun} names its own key ("${name}" header)`);
  }
  // We implement no JWS extension, so every critical one is unknown (RFC 7515 §4.1.11: reject).
  if (Object.hasOwn(header, 'crit')) throw new TokenRejectedError(`the ${noun} requires an unsupported extension ("crit" header)`);
  const alg = header.alg;
  if (typeof alg !== 'string' || alg.toLowerCase() === 'none') throw new TokenRejectedError(`the ${noun} is not signed (alg none)`);
  if (!algorithms.includes(alg)) throw new TokenRejectedError(`the ${noun} signature algorithm is not allowed`);
  if (typeof header.kid !== 'string') throw new TokenRejectedError(`the ${noun} does not name its signing key ("kid")`);
  if (!KID.test(header.kid)) throw new TokenRejectedError(`the ${noun} signing key id is malformed`);
  return header;
}

async function verifyAccessTokenClaims(
  token: string,
  keys: JWTVerifyGetKey,
  options: AccessTokenVerifierOptions,
  algorithms: string[],
  allowedClients: ReadonlySet<string> | undefined,
): Promise<JWTPayload> {
  const header = checkHeader(token, algorithms, 'access token');
  if (header.typ !== undefined && typeof header.typ !== 'string') throw new TokenRejectedError('the token is not an access token');
  const headerType = header.typ?.toLowerCase();
  if (headerType !== undefined && LOGOUT_TOKEN_HEADER_TYPES.has(headerType)) throw new TokenRejectedError('a logout token is not an access token');
  if (headerType !== undefined && !ACCESS_TOKEN_HEADER_TYPES.has(headerType)) throw new TokenRejectedError('the token is not an access token');
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keys, {
      issuer: options.issuer,
      audience: options.audience,
      algorithms,
      clockTolerance: options.clockToleranceSeconds,
      requiredClaims: ['exp', 'iat'],
    }));
  } catch (error) {
    if (error instanceof TokenRejectedError) throw error;
    // Claim failures come after the signature was verified: the payload is the realm's, so an ID,
    // refresh or logout token (which fails the audience) can be named for what it is.
    if (error instanceof errors.JWTClaimValidationFailed || error instanceof errors.JWTExpired) {
      const wrongKind = notAnAccessToken(error.payload, headerType, options.audience);
      if (wrongKind !== undefined) throw new TokenRejectedError(wrongKind);
    }
    throw new TokenRejectedError(describeJoseFailure(error, 'access token'));
  }
  const wrongKind = notAnAccessToken(payload, headerType, options.audience);
  if (wrongKind !== undefined) throw new TokenRejectedError(wrongKind);
  // jose checks `iat` against the clock only with maxTokenAge; a token from the future is refused here.
  const now = Date.now() / 1000;
  const iat = payload.iat ?? 0;
  const exp = payload.exp ?? 0;
  if (iat > now + options.clockToleranceSeconds) throw new TokenRejectedError('the access token was issued in the future');
  const lifetime = exp - iat;
  if (lifetime <= 0 || lifetime > options.maxLifetimeSeconds) throw new TokenRejectedError('the access token lifetime is not acceptable');
  if (allowedClients !== undefined) {
    const azp = optionalString(payload['azp']);
    const clientId = optionalString(payload['client_id']);
    if ((azp ?? clientId) === undefined || (azp !== undefined && !allowedClients.has(azp)) || (clientId !== undefined && !allowedClients.has(clientId))) {
      throw new TokenRejectedError('the access token was issued to a client that is not allowed');
    }
  }
  return payload;
}

/** Why a realm-signed token is not an access token, or undefined when it is one. */
function notAnAccessToken(payload: JWTPayload, headerType: string | undefined, audience: string): string | undefined {
  const type = payload['typ'];
  if (type === 'ID') return 'an ID token is not an access token';
  if (type === 'Refresh' || type === 'Offline') return 'a refresh token is not an access token';
  if (type === 'Logout' || payload['events'] !== undefined) return 'a logout token is not an access token';
  if (ID_TOKEN_ONLY_CLAIMS.some((claim) => payload[claim] !== undefined)) return 'an ID token is not an access token';
  // An ID token's audience is the client it was issued to (aud = azp); an access token's is the API.
  const azp = payload['azp'];
  if (typeof azp === 'string' && azp !== audience && (payload.aud === azp || (Array.isArray(payload.aud) && payload.aud.includes(azp)))) {
    return 'an ID token is not an access token';
  }
  // Keycloak marks access tokens with typ "Bearer"; RFC 9068 providers with the header typ at+jwt.
  if (type !== undefined ? type !== 'Bearer' : headerType !== 'at+jwt' && headerType !== 'application/at+jwt') return 'the token is not an access token';
  return undefined;
}

function describeJoseFailure(error: unknown, noun: string): string {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return `the ${noun} has expired`;
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      const claim = (error as { claim?: unknown }).claim;
      if (claim === 'iss') return `the ${noun} was issued by another issuer`;
      if (claim === 'aud') return `the ${noun} is not for this audience`;
      if (claim === 'nbf') return `the ${noun} is not valid yet`;
      if (claim === 'iat') return `the ${noun} issue time is not acceptable`;
      if (claim === 'exp') return `the ${noun} has no valid expiry`;
      return `the ${noun} is missing a required claim or has an invalid one`;
    }
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return `the ${noun} signing key is not known`;
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return `the ${noun} signature is not valid`;
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JOSE_GENERIC':
      return `the ${noun} could not be verified`;
    default:
      return `the ${noun} is not valid`;
  }
}

/** How the back-channel logout endpoint trusts the realm. */
export interface LogoutTokenVerifierOptions {
  /** Exact issuer, as for access tokens. */
  readonly issuer: string;
  /** The portals (client ids) whose logout tokens are accepted: `aud` must name one of them. */
  readonly allowedClients: readonly string[];
  readonly algorithms: readonly string[];
  readonly clockToleranceSeconds: number;
  /** The realm's keys: pass the access-token verifier's (createRealmKeySet) so there is one JWKS cache. */
  readonly keys: JWTVerifyGetKey;
  /** Oldest accepted `iat`, in seconds (default 300). */
  readonly maxAgeSeconds?: number | undefined;
}

/** A verified logout token: whom to log out, and what replay protection needs. */
export interface VerifiedLogoutToken {
  readonly sid?: string;
  readonly sub?: string;
  readonly jti: string;
  /** `iat`, epoch seconds (the realm's clock at logout). */
  readonly issuedAt: number;
  /** Until when (epoch ms) this token would still be accepted: its `jti` must be remembered that long. */
  readonly acceptedUntil: number;
}

/**
 * Validate a back-channel logout token (OIDC Back-Channel Logout 1.0 §2.6): the same header and
 * signature checks as access tokens, `iss`, `aud` naming an allowed client, a recent `iat`, `exp` when
 * present, a `jti`, the back-channel logout event, `sid` or `sub`, no `nonce`, and a header `typ` that
 * is `logout+jwt` or absent. Returns whom to log out.
 */
export async function verifyLogoutToken(token: string, options: LogoutTokenVerifierOptions): Promise<{ sid?: string; sub?: string }> {
  const { sid, sub } = await verifyLogoutTokenClaims(token, options);
  return { ...(sid !== undefined ? { sid } : {}), ...(sub !== undefined ? { sub } : {}) };
}

/** verifyLogoutToken, also returning `jti`, `iat` and how long the token stays acceptable (for replay checks). */
export async function verifyLogoutTokenClaims(token: string, options: LogoutTokenVerifierOptions): Promise<VerifiedLogoutToken> {
  if (options.allowedClients.length === 0) throw new Error('verifyLogoutToken: no client allowed');
  const algorithms = checkAlgorithms(options.algorithms);
  const maxAgeSeconds = options.maxAgeSeconds ?? 300;
  const header = checkHeader(token, algorithms, 'logout token');
  if (header.typ !== undefined && (typeof header.typ !== 'string' || !LOGOUT_TOKEN_HEADER_TYPES.has(header.typ.toLowerCase()))) {
    throw new TokenRejectedError('the token is not a logout token');
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, options.keys, {
      issuer: options.issuer,
      audience: [...options.allowedClients],
      algorithms,
      clockTolerance: options.clockToleranceSeconds,
      maxTokenAge: maxAgeSeconds,
      requiredClaims: ['iat', 'jti', 'events'],
    }));
  } catch (error) {
    if (error instanceof TokenRejectedError) throw error;
    throw new TokenRejectedError(describeJoseFailure(error, 'logout token'));
  }
  if (payload.nonce !== undefined) throw new TokenRejectedError('a logout token must not carry a nonce');
  if (payload['typ'] !== undefined && payload['typ'] !== 'Logout') throw new TokenRejectedError('the token is not a logout token');
  const events = payload['events'];
  const event = typeof events === 'object' && events !== null && !Array.isArray(events) ? (events as Record<string, unknown>)[BACKCHANNEL_LOGOUT_EVENT] : undefined;
  if (typeof event !== 'object' || event === null || Array.isArray(event)) throw new TokenRejectedError('the logout token does not carry the back-channel logout event');
  const jti = optionalString(payload.jti);
  if (jti === undefined) throw new TokenRejectedError('the logout token has no "jti"');
  const sid = optionalString(payload['sid']);
  const sub = optionalString(payload.sub);
  if (sid === undefined && sub === undefined) throw new TokenRejectedError('the logout token names neither a session nor a subject');
  // Accepted while iat is within maxAge and exp (when present) not past, each with the tolerance.
  const issuedAt = payload.iat ?? 0;
  const lastSecond = Math.min(issuedAt + maxAgeSeconds, payload.exp ?? Number.POSITIVE_INFINITY) + options.clockToleranceSeconds;
  return { ...(sid !== undefined ? { sid } : {}), ...(sub !== undefined ? { sub } : {}), jti, issuedAt, acceptedUntil: (lastSecond + 1) * 1000 };
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Map a verified token's claims to a Viewer, through the claim mapping (default: Keycloak's claims). */
export function viewerFromAccessToken(payload: JWTPayload, audience: string, claims: ClaimMapping = KEYCLOAK_CLAIM_MAPPING): Viewer {
  const clientId = optionalString(payload['azp']) ?? optionalString(payload['client_id']);
  const names = { client: clientId, audience };
  const roles = new Set(claims.roleClaims.flatMap((path) => stringsFromClaim(claimAt(payload, path, names))));
  // A client_credentials token acts for the client itself, not for a person: it gets no subject, so
  // nothing personal (`me`) resolves for it. Keycloak marks these with `client_id` (its user tokens carry
  // only `azp`) and a `service-account-` username; RFC 9068 providers put `client_id` in every token and
  // make `sub` the client's id in client_credentials tokens.
  const username = optionalString(payload['preferred_username']);
  const tokenClientId = optionalString(payload['client_id']);
  const keycloakShaped = payload['typ'] === 'Bearer';
  const isServiceAccount =
    (username?.startsWith('service-account-') ?? false) || (payload['client_id'] !== undefined && (keycloakShaped || payload.sub === undefined || payload.sub === tokenClientId));
  return Object.freeze({
    subject: isServiceAccount ? undefined : optionalString(payload.sub),
    roles: [...roles],
    scopes: stringsFromClaim(claimAt(payload, claims.scopeClaim, names), true),
    level: levelFromClaim(claimAt(payload, claims.levelClaim, names), claims.levelValues),
    unit: optionalString(claimAt(payload, claims.unitClaim, names)),
    clientId,
    sessionId: optionalString(payload['sid']),
    agencies: agenciesFromClaim(payload['agency_codes']),
  });
}
