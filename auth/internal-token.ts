// The short-lived identity token the gateway signs for subgraphs (EdDSA / Ed25519: fast to sign and
// verify). Subgraphs verify it against the gateway's published JWKS and refuse requests without one.
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT } from 'jose';
import type { JSONWebKeySet, JWK, JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import { createInternalKeySet } from './internal-keys.ts';
import type { InternalKeySetOptions } from './internal-keys.ts';
import { ANONYMOUS, levelFromAcr } from './viewer.ts';
import type { Viewer } from './viewer.ts';

export const INTERNAL_ISSUER = 'lien-thong-gateway';
export const INTERNAL_AUDIENCE = 'lien-thong-subgraphs';
const ALGORITHM = 'EdDSA';
/** Lifetime of an internal token; the gateway reuses one until it has less than half of this left. */
const TTL_SECONDS = 60;

/** The gateway's signing key and its public JWKS. */
export interface InternalSigningKey {
  readonly privateJwk: JWK;
  readonly publicJwks: JSONWebKeySet;
}

/** Generate a new signing key (development; production passes one in through config). */
export async function generateInternalSigningKey(): Promise<InternalSigningKey> {
  const { privateKey } = await generateKeyPair(ALGORITHM, { crv: 'Ed25519', extractable: true });
  const privateJwk = await exportJWK(privateKey);
  return internalSigningKeyFromJwk({ ...privateJwk, kid: `gw-${Date.now().toString(36)}` });
}

/** Derive the public JWKS from a private Ed25519 JWK. */
export function internalSigningKeyFromJwk(privateJwk: JWK): InternalSigningKey {
  const { d: _private, ...publicPart } = privateJwk;
  return {
    privateJwk: { ...privateJwk, alg: ALGORITHM, use: 'sig' },
    publicJwks: { keys: [{ ...publicPart, alg: ALGORITHM, use: 'sig' }] },
  };
}

/** Signs internal tokens, reusing one per viewer while it is fresh. */
export interface InternalTokenSigner {
  /** `cacheKey` identifies the viewer (the verified access token itself, or undefined for anonymous). */
  sign(viewer: Viewer, cacheKey: string | undefined): Promise<string>;
}

/** Create a signer for `key`. */
export async function createInternalTokenSigner(key: InternalSigningKey): Promise<InternalTokenSigner> {
  const privateKey = await importJWK(key.privateJwk, ALGORITHM);
  const kid = key.privateJwk.kid;
  const cache = new LRUCache<string, { token: string; renewAt: number }>({ max: 50_000 });
  const ANONYMOUS_KEY = '\0anonymous';

  async function signNew(viewer: Viewer): Promise<string> {
    const claims: JWTPayload & Record<string, unknown> = {
      roles: viewer.roles,
      scope: viewer.scopes.join(' '),
      acr: String(viewer.level),
    };
    if (viewer.unit !== undefined) claims['unit'] = viewer.unit;
    if (viewer.clientId !== undefined) claims['azp'] = viewer.clientId;
    if (viewer.sessionId !== undefined) claims['sid'] = viewer.sessionId;
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: ALGORITHM, typ: 'lien-thong-internal+jwt', ...(kid ? { kid } : {}) })
      .setIssuer(INTERNAL_ISSUER)
      .setAudience(INTERNAL_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${TTL_SECONDS}s`);
    if (viewer.subject !== undefined) jwt.setSubject(viewer.subject);
    return jwt.sign(privateKey);
  }

  return {
    async sign(viewer, cacheKey) {
      const key = cacheKey ?? ANONYMOUS_KEY;
      const now = Date.now();
      const cached = cache.get(key);
      if (cached && cached.renewAt > now) return cached.token;
      const token = await signNew(viewer);
      cache.set(key, { token, renewAt: now + (TTL_SECONDS * 1000) / 2 });
      return token;
    },
  };
}

/** Where a subgraph finds the gateway's public keys. */
export type InternalKeySource = { readonly jwksUrl: string; readonly keySet?: InternalKeySetOptions } | { readonly jwks: JSONWebKeySet };

/** Verifies internal tokens; resolves to the viewer, or rejects. */
export type InternalTokenVerifier = (token: string) => Promise<Viewer>;

/** Create a verifier. Verified tokens are remembered until they expire. */
export function createInternalTokenVerifier(source: InternalKeySource): InternalTokenVerifier {
  const keys = 'jwksUrl' in source ? createInternalKeySet(source.jwksUrl, source.keySet) : createLocalJWKSet(source.jwks);
  const cache = new LRUCache<string, { viewer: Viewer; expiresAt: number }>({ max: 50_000 });
  return async (token) => {
    const cached = cache.get(token);
    if (cached && cached.expiresAt > Date.now()) return cached.viewer;
    const { payload } = await jwtVerify(token, keys, {
      issuer: INTERNAL_ISSUER,
      audience: INTERNAL_AUDIENCE,
      algorithms: [ALGORITHM],
      typ: 'lien-thong-internal+jwt',
      requiredClaims: ['exp', 'iat'],
      maxTokenAge: TTL_SECONDS + 5,
    });
    const viewer = viewerFromInternalClaims(payload);
    cache.set(token, { viewer, expiresAt: (payload.exp ?? 0) * 1000 });
    return viewer;
  };
}

function stringArray(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function optionalString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function viewerFromInternalClaims(payload: JWTPayload): Viewer {
  if (payload.sub === undefined && payload['azp'] === undefined) return ANONYMOUS;
  const scope = typeof payload['scope'] === 'string' ? payload['scope'] : '';
  return Object.freeze({
    subject: optionalString(payload.sub),
    roles: stringArray(payload['roles']),
    scopes: scope === '' ? [] : scope.split(' '),
    level: levelFromAcr(payload['acr']),
    unit: optionalString(payload['unit']),
    clientId: optionalString(payload['azp']),
    sessionId: optionalString(payload['sid']),
  });
}
