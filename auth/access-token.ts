// Verifies the bearer access tokens that citizens, officers and partner apps send to the gateway:
// signature against the realm's JWKS (never a key or URL named by the token), an algorithm allow-list,
// issuer, audience, type and lifetime. Verified tokens are remembered until they expire.
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import { LRUCache } from 'lru-cache';
import { levelFromAcr } from './viewer.ts';
import type { Viewer } from './viewer.ts';

/** How the gateway trusts the realm. */
export interface AccessTokenVerifierOptions {
  /** Exact issuer, e.g. `https://id.hochiminhcity.gov.vn/realms/lien-thong` (no trailing slash added or removed). */
  readonly issuer: string;
  /** Audience the token must carry (a Keycloak audience mapper adds it). */
  readonly audience: string;
  /** The realm's JWKS; Keycloak serves it at `<issuer>/protocol/openid-connect/certs`. */
  readonly jwksUrl: string;
  /** Accepted signature algorithms. */
  readonly algorithms: readonly string[];
  /** Longest accepted token lifetime (exp − iat), in seconds: longer ones are refused as absurd. */
  readonly maxLifetimeSeconds: number;
  readonly clockToleranceSeconds: number;
}

/** A verified token. */
export interface VerifiedToken {
  readonly viewer: Viewer;
  /** Epoch milliseconds. */
  readonly expiresAt: number;
}

/** Why a token was refused; the message is safe to show to the client. */
export class TokenRejectedError extends Error {
  override readonly name = 'TokenRejectedError';
}

export type AccessTokenVerifier = (token: string) => Promise<VerifiedToken>;

const ACCESS_TOKEN_HEADER_TYPES = new Set(['at+jwt', 'application/at+jwt', 'jwt']);

/** Create a verifier for one realm. */
export function createAccessTokenVerifier(options: AccessTokenVerifierOptions, keys?: JWTVerifyGetKey): AccessTokenVerifier {
  const keySet = keys ?? createRemoteJWKSet(new URL(options.jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
  const cache = new LRUCache<string, VerifiedToken>({ max: 50_000 });
  return async (token) => {
    const cached = cache.get(token);
    if (cached) {
      if (cached.expiresAt > Date.now()) return cached;
      cache.delete(token);
    }
    const payload = await verifySignatureAndClaims(token, keySet, options);
    const verified: VerifiedToken = { viewer: viewerFromAccessToken(payload, options.audience), expiresAt: (payload.exp ?? 0) * 1000 };
    cache.set(token, verified);
    return verified;
  };
}

async function verifySignatureAndClaims(token: string, keys: JWTVerifyGetKey, options: AccessTokenVerifierOptions): Promise<JWTPayload> {
  let header;
  try {
    header = decodeProtectedHeader(token);
  } catch {
    throw new TokenRejectedError('the access token is not a JWT');
  }
  const headerType = typeof header.typ === 'string' ? header.typ.toLowerCase() : undefined;
  if (headerType !== undefined && !ACCESS_TOKEN_HEADER_TYPES.has(headerType)) {
    throw new TokenRejectedError('the token is not an access token');
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keys, {
      issuer: options.issuer,
      audience: options.audience,
      algorithms: [...options.algorithms],
      clockTolerance: options.clockToleranceSeconds,
      requiredClaims: ['exp', 'iat'],
    }));
  } catch (error) {
    throw new TokenRejectedError(describeJoseFailure(error));
  }
  // Keycloak marks access tokens with typ "Bearer"; RFC 9068 providers with the header typ at+jwt.
  const payloadType = payload['typ'];
  if (payloadType !== undefined ? payloadType !== 'Bearer' : headerType !== 'at+jwt' && headerType !== 'application/at+jwt') {
    throw new TokenRejectedError('the token is not an access token');
  }
  const lifetime = (payload.exp ?? 0) - (payload.iat ?? 0);
  if (lifetime <= 0 || lifetime > options.maxLifetimeSeconds) {
    throw new TokenRejectedError('the access token lifetime is not acceptable');
  }
  return payload;
}

function describeJoseFailure(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'the access token has expired';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return 'the access token is not for this API (issuer, audience or validity)';
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return 'the access token signature is not valid';
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JOSE_GENERIC':
      return 'the access token could not be verified';
    default:
      return 'the access token is not valid';
  }
}

function rolesOf(claim: unknown): string[] {
  if (typeof claim !== 'object' || claim === null) return [];
  const roles = (claim as { roles?: unknown }).roles;
  return Array.isArray(roles) ? roles.filter((role): role is string => typeof role === 'string') : [];
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Map Keycloak-shaped claims to a Viewer. */
export function viewerFromAccessToken(payload: JWTPayload, audience: string): Viewer {
  const clientId = optionalString(payload['azp']) ?? optionalString(payload['client_id']);
  const resourceAccess = (typeof payload['resource_access'] === 'object' && payload['resource_access'] !== null ? payload['resource_access'] : {}) as Record<string, unknown>;
  const roles = new Set([
    ...rolesOf(payload['realm_access']),
    ...rolesOf(clientId === undefined ? undefined : resourceAccess[clientId]),
    ...rolesOf(resourceAccess[audience]),
  ]);
  const scope = typeof payload['scope'] === 'string' ? payload['scope'] : '';
  // A client_credentials token acts for the client itself, not for a person: it gets no subject, so
  // nothing personal (`me`) resolves for it. Keycloak marks these with `client_id` and a
  // `service-account-` username.
  const username = optionalString(payload['preferred_username']);
  const isServiceAccount = payload['client_id'] !== undefined || (username?.startsWith('service-account-') ?? false);
  return Object.freeze({
    subject: isServiceAccount ? undefined : optionalString(payload.sub),
    roles: [...roles],
    scopes: scope.split(' ').filter((item) => item !== ''),
    level: levelFromAcr(payload['acr']),
    unit: optionalString(payload['unit']),
    clientId,
    sessionId: optionalString(payload['sid']),
  });
}
