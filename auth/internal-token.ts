// The short-lived identity token the gateway signs for subgraphs (EdDSA / Ed25519: fast to sign and
// verify). Subgraphs verify it against the gateway's published JWKS and refuse requests without one.
// Each token has one purpose, in its audience: GraphQL, one REST route (named in the token), or the
// gateway's own schema fetches; a subgraph accepts it only where that purpose applies.
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT } from 'jose';
import type { JSONWebKeySet, JWK, JWTPayload } from 'jose';
import { LRUCache } from 'lru-cache';
import { createInternalKeySet } from './internal-keys.ts';
import type { InternalKeySetOptions } from './internal-keys.ts';
import { agenciesFromClaim, ANONYMOUS, levelFromAcr } from './viewer.ts';
import type { Viewer } from './viewer.ts';

export const INTERNAL_ISSUER = 'lien-thong-gateway';
/** The audience of each purpose: a token minted for one class of route is refused by the others. */
export const INTERNAL_AUDIENCES = {
  graphql: 'lien-thong-subgraphs:graphql',
  rest: 'lien-thong-subgraphs:rest',
  schema: 'lien-thong-subgraphs:schema',
} as const;
const AUDIENCE_PURPOSE = new Map<string, InternalPurposeKind>(Object.entries(INTERNAL_AUDIENCES).map(([kind, audience]) => [audience, kind as InternalPurposeKind]));
const ALGORITHM = 'EdDSA';
/** Lifetime of an internal token; the gateway reuses one until it has less than half of this left. */
const TTL_SECONDS = 60;

/** What a token may be used for. */
export type InternalPurposeKind = keyof typeof INTERNAL_AUDIENCES;

/**
 * What a token was minted for: the subgraph's /graphql; one declared REST route of one subgraph
 * (`route` is the declared method and pattern, e.g. "POST /photos"); or the gateway's schema fetches.
 */
export type InternalPurpose = { readonly kind: 'graphql' } | { readonly kind: 'schema' } | { readonly kind: 'rest'; readonly subgraph: string; readonly route: string };

/** The purpose of every GraphQL request the gateway plans. */
export const GRAPHQL_PURPOSE: InternalPurpose = Object.freeze({ kind: 'graphql' });
/** The purpose of the gateway's own schema fetches (introspection, `_service`). */
export const SCHEMA_PURPOSE: InternalPurpose = Object.freeze({ kind: 'schema' });

/** The purpose of a token for `method pattern` (a declared REST route, pattern without /api) of `subgraph`. */
export function restPurpose(subgraph: string, method: string, pattern: string): InternalPurpose {
  return Object.freeze({ kind: 'rest', subgraph, route: `${method} ${pattern}` });
}

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

/**
 * The viewer as a subgraph that may not receive personal data sees it (registry flag `personalData: false`):
 * no subject (`sub`, which identifies the person) and no session (`sid`); roles, scopes, level, unit, client
 * and agency codes stay, so role- and scope-based rules still work there.
 */
export function withoutPersonalData(viewer: Viewer): Viewer {
  if (viewer.subject === undefined && viewer.sessionId === undefined) return viewer;
  return Object.freeze({ ...viewer, subject: undefined, sessionId: undefined });
}

/** Signs internal tokens, reusing one per (viewer, purpose) while it is fresh. */
export interface InternalTokenSigner {
  /** `cacheKey` identifies the viewer (the verified access token itself, or undefined for anonymous). */
  sign(viewer: Viewer, cacheKey: string | undefined, purpose: InternalPurpose): Promise<string>;
}

/** Create a signer for `key`. */
export async function createInternalTokenSigner(key: InternalSigningKey): Promise<InternalTokenSigner> {
  const privateKey = await importJWK(key.privateJwk, ALGORITHM);
  const kid = key.privateJwk.kid;
  // One cache per purpose, so the GraphQL hot path looks up the viewer's key as it is (no concatenation);
  // REST tokens are keyed by route too.
  const caches = {
    graphql: new LRUCache<string, { token: string; renewAt: number }>({ max: 50_000 }),
    rest: new LRUCache<string, { token: string; renewAt: number }>({ max: 10_000 }),
    schema: new LRUCache<string, { token: string; renewAt: number }>({ max: 100 }),
  };
  const ANONYMOUS_KEY = '\0anonymous';

  async function signNew(viewer: Viewer, purpose: InternalPurpose): Promise<string> {
    const claims: JWTPayload & Record<string, unknown> = {
      roles: viewer.roles,
      scope: viewer.scopes.join(' '),
      acr: String(viewer.level),
    };
    if (purpose.kind === 'rest') {
      claims['subgraph'] = purpose.subgraph;
      claims['route'] = purpose.route;
    }
    if (viewer.unit !== undefined) claims['unit'] = viewer.unit;
    if (viewer.clientId !== undefined) claims['azp'] = viewer.clientId;
    if (viewer.sessionId !== undefined) claims['sid'] = viewer.sessionId;
    if (viewer.agencies !== undefined) claims['agency_codes'] = viewer.agencies;
    const jwt = new SignJWT(claims)
      .setProtectedHeader({ alg: ALGORITHM, typ: 'lien-thong-internal+jwt', ...(kid ? { kid } : {}) })
      .setIssuer(INTERNAL_ISSUER)
      .setAudience(INTERNAL_AUDIENCES[purpose.kind])
      .setIssuedAt()
      .setExpirationTime(`${TTL_SECONDS}s`);
    if (viewer.subject !== undefined) jwt.setSubject(viewer.subject);
    return jwt.sign(privateKey);
  }

  return {
    async sign(viewer, cacheKey, purpose) {
      const cache = caches[purpose.kind];
      const viewerKey = cacheKey ?? ANONYMOUS_KEY;
      const key = purpose.kind === 'rest' ? `${purpose.subgraph}\0${purpose.route}\0${viewerKey}` : viewerKey;
      const now = Date.now();
      const cached = cache.get(key);
      if (cached && cached.renewAt > now) return cached.token;
      const token = await signNew(viewer, purpose);
      cache.set(key, { token, renewAt: now + (TTL_SECONDS * 1000) / 2 });
      return token;
    },
  };
}

/** Where a subgraph finds the gateway's public keys. */
export type InternalKeySource = { readonly jwksUrl: string; readonly keySet?: InternalKeySetOptions } | { readonly jwks: JSONWebKeySet };

/** A verified internal token: whom it speaks for and what it was minted for. */
export interface VerifiedInternalToken {
  readonly viewer: Viewer;
  readonly purpose: InternalPurpose;
}

/** Verifies internal tokens; resolves to the viewer and purpose, or rejects. */
export type InternalTokenVerifier = (token: string) => Promise<VerifiedInternalToken>;

/** Create a verifier. Verified tokens are remembered until they expire. */
export function createInternalTokenVerifier(source: InternalKeySource): InternalTokenVerifier {
  const keys = 'jwksUrl' in source ? createInternalKeySet(source.jwksUrl, source.keySet) : createLocalJWKSet(source.jwks);
  const cache = new LRUCache<string, { verified: VerifiedInternalToken; expiresAt: number }>({ max: 50_000 });
  return async (token) => {
    const cached = cache.get(token);
    if (cached && cached.expiresAt > Date.now()) return cached.verified;
    const { payload } = await jwtVerify(token, keys, {
      issuer: INTERNAL_ISSUER,
      audience: Object.values(INTERNAL_AUDIENCES),
      algorithms: [ALGORITHM],
      typ: 'lien-thong-internal+jwt',
      requiredClaims: ['exp', 'iat'],
      maxTokenAge: TTL_SECONDS + 5,
    });
    const verified: VerifiedInternalToken = Object.freeze({ viewer: viewerFromInternalClaims(payload), purpose: purposeFromClaims(payload) });
    cache.set(token, { verified, expiresAt: (payload.exp ?? 0) * 1000 });
    return verified;
  };
}

/** The one purpose a token names; a token with several audiences, or a REST token without its route, has none. */
function purposeFromClaims(payload: JWTPayload): InternalPurpose {
  const audiences = typeof payload.aud === 'string' ? [payload.aud] : (payload.aud ?? []);
  const kind = audiences.length === 1 ? AUDIENCE_PURPOSE.get(audiences[0] as string) : undefined;
  switch (kind) {
    case 'graphql':
      return GRAPHQL_PURPOSE;
    case 'schema':
      return SCHEMA_PURPOSE;
    case 'rest': {
      const subgraph = optionalString(payload['subgraph']);
      const route = optionalString(payload['route']);
      if (subgraph === undefined || route === undefined) throw new Error('a REST internal token names its subgraph and route');
      return Object.freeze({ kind, subgraph, route });
    }
    case undefined:
      throw new Error('an internal token has exactly one purpose');
  }
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
    agencies: agenciesFromClaim(payload['agency_codes']),
  });
}
