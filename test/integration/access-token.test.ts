// The gateway's access-token verifier against every case of issue 3 ("Token verification"): one test per
// case, each with a positive control minted the same way, against a real JWKS HTTP server. A second
// server ("trap") stands for every URL a token names (jku, x5u): it must never be asked anything.
import assert from 'node:assert/strict';
import { createHmac, KeyObject, randomUUID, sign as cryptoSign } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before, describe, test } from 'node:test';
import { exportJWK, exportSPKI, generateKeyPair } from 'jose';
import type { CryptoKey, JWK } from 'jose';
import { BACKCHANNEL_LOGOUT_EVENT, createAccessTokenVerifier, createRealmKeySet, isClientAllowed, sessionRevocationUntil, TokenRejectedError, verifyLogoutToken } from '../../auth/access-token.ts';
import type { AccessTokenVerifier, AccessTokenVerifierOptions, LogoutTokenVerifierOptions } from '../../auth/access-token.ts';
import { createMemoryRevokedSessions } from '../../auth/revocation.ts';

const ISSUER = 'https://id.example.gov.vn/realms/lien-thong';
const AUDIENCE = 'lien-thong-api';
const PORTAL = 'portal-1022';
const PARTNER = 'city-app';
const CITIZEN = 'citizen-0001';

// ---------------------------------------------------------------------------------------------------
// Keys, minting and servers

interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
  readonly publicPem: string;
}

async function newKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }, publicPem: await exportSPKI(publicKey) };
}

const part = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Sign header.payload with RS256 exactly as given (no library checks: the verifier must do them). */
function signRs256(header: Record<string, unknown>, payload: Record<string, unknown>, key: SigningKey): string {
  const input = `${part(header)}.${part(payload)}`;
  return `${input}.${cryptoSign('sha256', Buffer.from(input), KeyObject.from(key.privateKey)).toString('base64url')}`;
}

const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Keycloak-shaped access-token claims for a citizen signed in at the 1022 portal. */
function citizenClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = nowSeconds();
  return {
    iss: ISSUER,
    aud: AUDIENCE,
    sub: CITIZEN,
    typ: 'Bearer',
    azp: PORTAL,
    sid: randomUUID(),
    jti: randomUUID(),
    scope: 'openid feedback:read',
    acr: '2',
    realm_access: { roles: ['citizen'] },
    iat: now,
    exp: now + 300,
    ...overrides,
  };
}

/** Keycloak-shaped client_credentials claims for a partner app. */
function partnerClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = nowSeconds();
  return {
    iss: ISSUER,
    aud: AUDIENCE,
    sub: `service-account-${PARTNER}`,
    typ: 'Bearer',
    azp: PARTNER,
    client_id: PARTNER,
    jti: randomUUID(),
    scope: 'planning:read',
    preferred_username: `service-account-${PARTNER}`,
    resource_access: { [PARTNER]: { roles: ['partner'] } },
    iat: now,
    exp: now + 300,
    ...overrides,
  };
}

interface MintOptions {
  readonly header?: Record<string, unknown>;
  readonly claims?: Record<string, unknown>;
  readonly key?: SigningKey;
}

let realmKey: SigningKey;

/** A token signed like the realm's; `undefined` in an override removes that member. */
function mint(options: MintOptions = {}): string {
  const key = options.key ?? realmKey;
  return signRs256({ alg: 'RS256', typ: 'JWT', kid: key.kid, ...options.header }, options.claims ?? citizenClaims(), key);
}

/** A JWKS endpoint whose answer (and availability) each test controls. */
interface JwksServer {
  readonly url: string;
  keys: JWK[];
  mode: 'ok' | 'error' | 'hang';
  fetches: number;
  stop(): Promise<void>;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function stopServer(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

async function startJwksServer(keys: JWK[]): Promise<JwksServer> {
  const state = { keys, mode: 'ok' as JwksServer['mode'], fetches: 0 };
  const server = createServer((_request, response) => {
    state.fetches += 1;
    if (state.mode === 'hang') return; // accept, never answer
    if (state.mode === 'error') {
      response.writeHead(503).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/jwk-set+json' }).end(JSON.stringify({ keys: state.keys }));
  });
  const base = await listen(server);
  return Object.assign(state, { url: `${base}/realms/lien-thong/protocol/openid-connect/certs`, stop: () => stopServer(server) });
}

/** Stands for every URL a token may name. Serves the attacker's keys, so trusting it would "work". */
interface TrapServer {
  readonly url: string;
  requests: number;
  keys: JWK[];
  stop(): Promise<void>;
}

async function startTrapServer(): Promise<TrapServer> {
  const state = { requests: 0, keys: [] as JWK[] };
  const server = createServer((_request, response) => {
    state.requests += 1;
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: state.keys }));
  });
  const url = await listen(server);
  return Object.assign(state, { url, stop: () => stopServer(server) });
}

// ---------------------------------------------------------------------------------------------------
// Assertions

/** Accepted, acting for `subject` (null: a partner token, acting for no one). */
async function assertAccepted(verify: AccessTokenVerifier, token: string, subject: string | null = CITIZEN): Promise<void> {
  const { viewer } = await verify(token);
  assert.equal(viewer.subject ?? null, subject);
}

async function assertRejected(verify: AccessTokenVerifier | ((token: string) => Promise<unknown>), token: string, reason: RegExp): Promise<void> {
  await assert.rejects(verify(token), (error: unknown) => {
    assert.ok(error instanceof TokenRejectedError, `expected TokenRejectedError, got ${String(error)}`);
    assert.match(error.message, reason);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------------

let jwks: JwksServer;
let trap: TrapServer;
let attackerKey: SigningKey;

function options(extra: Partial<AccessTokenVerifierOptions> = {}): AccessTokenVerifierOptions {
  return {
    issuer: ISSUER,
    audience: AUDIENCE,
    jwksUrl: jwks.url,
    algorithms: ['RS256', 'PS256', 'ES256'],
    maxLifetimeSeconds: 3600,
    clockToleranceSeconds: 5,
    jwks: { cooldownMs: 30_000, timeoutMs: 1_000 },
    ...extra,
  };
}

const verifier = (extra: Partial<AccessTokenVerifierOptions> = {}): AccessTokenVerifier => createAccessTokenVerifier(options(extra));

before(async () => {
  realmKey = await newKey('realm-key-2026');
  attackerKey = await newKey('attacker-key');
  jwks = await startJwksServer([realmKey.publicJwk]);
  trap = await startTrapServer();
  trap.keys = [attackerKey.publicJwk, { ...attackerKey.publicJwk, kid: realmKey.kid }];
});

afterEach(() => {
  assert.equal(trap.requests, 0, 'no URL named in a token was fetched');
});

after(async () => {
  await jwks?.stop();
  await trap?.stop();
});

describe('positive controls: the realm tokens of each family are accepted', () => {
  test('a valid citizen access token is accepted', async () => {
    const verify = verifier();
    const claims = citizenClaims();
    const { viewer, expiresAt } = await verify(mint({ claims }));
    assert.equal(viewer.subject, CITIZEN);
    assert.equal(viewer.clientId, PORTAL);
    assert.equal(viewer.sessionId, claims['sid']);
    assert.equal(viewer.level, 2);
    assert.deepEqual(viewer.roles, ['citizen']);
    assert.equal(expiresAt, (claims['exp'] as number) * 1000);
  });

  test('a valid partner (client_credentials) access token is accepted', async () => {
    const { viewer } = await verifier({ allowedClients: [PORTAL, PARTNER] })(mint({ claims: partnerClaims() }));
    assert.equal(viewer.subject, undefined);
    assert.equal(viewer.clientId, PARTNER);
    assert.deepEqual(viewer.roles, ['partner']);
  });

  test('a valid RFC 9068 access token (header typ at+jwt, no typ claim) is accepted', async () => {
    await assertAccepted(verifier(), mint({ header: { typ: 'at+jwt' }, claims: citizenClaims({ typ: undefined }) }));
  });
});

describe('signature and header', () => {
  test('alg none is rejected', async () => {
    const verify = verifier();
    await assertAccepted(verify, mint());
    const claims = citizenClaims();
    for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
      await assertRejected(verify, `${part({ alg, typ: 'JWT', kid: realmKey.kid })}.${part(claims)}.`, /alg none/);
    }
    // With a real signature still attached.
    const signature = mint({ claims }).split('.')[2];
    await assertRejected(verify, `${part({ alg: 'none', kid: realmKey.kid })}.${part(claims)}.${signature}`, /alg none/);
    await assertRejected(verify, `${part({ typ: 'JWT', kid: realmKey.kid })}.${part(claims)}.`, /alg none/);
  });

  test("HS256 signed with the realm's public key is rejected", async () => {
    const verify = verifier();
    await assertAccepted(verify, mint());
    const secrets = [realmKey.publicPem, JSON.stringify(realmKey.publicJwk), realmKey.publicJwk.n as string, Buffer.from(realmKey.publicJwk.n as string, 'base64url')];
    for (const secret of secrets) {
      for (const alg of ['HS256', 'HS384', 'HS512']) {
        const input = `${part({ alg, typ: 'JWT', kid: realmKey.kid })}.${part(citizenClaims())}`;
        const digest = `sha${alg.slice(2)}`;
        await assertRejected(verify, `${input}.${createHmac(digest, secret).update(input).digest('base64url')}`, /algorithm is not allowed/);
      }
    }
    // And the gateway cannot even be configured to accept it.
    assert.throws(() => verifier({ algorithms: ['RS256', 'HS256'] }), /asymmetric algorithms only/);
    assert.throws(() => verifier({ algorithms: ['none'] }), /asymmetric algorithms only/);
  });

  test("a foreign key carrying the realm's kid is rejected", async () => {
    const verify = verifier();
    await assertAccepted(verify, mint());
    await assertRejected(verify, mint({ key: { ...attackerKey, kid: realmKey.kid } }), /signature is not valid/);
  });

  test('a tampered payload is rejected', async () => {
    const verify = verifier();
    const genuine = mint();
    await assertAccepted(verify, genuine);
    const [header, payload, signature] = genuine.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    for (const change of [{ sub: 'citizen-0002' }, { realm_access: { roles: ['citizen', 'leader'] } }, { acr: '2 ' }, { exp: (claims['exp'] as number) + 60 }]) {
      await assertRejected(verify, `${header}.${part({ ...claims, ...change })}.${signature}`, /signature is not valid/);
    }
    // The same claims re-encoded byte for byte differently (key order) are tampering too.
    const reordered = Object.fromEntries(Object.entries(claims).reverse());
    await assertRejected(verify, `${header}.${part(reordered)}.${signature}`, /signature is not valid/);
  });

  test('an unknown kid is rejected', async () => {
    const jwksServer = await startJwksServer([realmKey.publicJwk]);
    try {
      const verify = verifier({ jwksUrl: jwksServer.url });
      await assertAccepted(verify, mint());
      assert.equal(jwksServer.fetches, 1);
      await assertRejected(verify, mint({ key: { ...attackerKey, kid: 'kid-the-realm-never-published' } }), /signing key is not known/);
      // Signed by the realm key but naming another kid: still no key to verify with.
      await assertRejected(verify, mint({ header: { kid: 'another-unknown-kid' } }), /signing key is not known/);
      assert.equal(jwksServer.fetches, 1, 'within the cooldown an unknown kid causes no refetch');
    } finally {
      await jwksServer.stop();
    }
  });

  test('an injected kid is rejected before any key lookup', async () => {
    const jwksServer = await startJwksServer([realmKey.publicJwk]);
    try {
      const verify = verifier({ jwksUrl: jwksServer.url });
      const injected: unknown[] = [
        '../../etc/passwd',
        '/dev/null',
        "' OR '1'='1",
        "realm-key-2026'; DROP TABLE keys; --",
        'realm-key-2026" UNION SELECT secret FROM keys --',
        `realm-key-2026${'\u0000'}`,
        'k'.repeat(129),
        'x'.repeat(8_000),
        'http://127.0.0.1:1/keys',
        '',
        42,
        { $ne: null },
        [realmKey.kid],
        null,
      ];
      for (const kid of injected) {
        await assertRejected(verify, mint({ header: { kid } }), /signing key id is malformed|does not name its signing key/);
      }
      await assertRejected(verify, mint({ header: { kid: undefined } }), /does not name its signing key/);
      assert.equal(jwksServer.fetches, 0, 'no key lookup at all');
      await assertAccepted(verify, mint());
    } finally {
      await jwksServer.stop();
    }
  });

  for (const name of ['jku', 'x5u'] as const) {
    test(`${name === 'x5u' ? 'an' : 'a'} ${name} header is rejected without fetching it`, async () => {
      const verify = verifier();
      await assertAccepted(verify, mint());
      const url = `${trap.url}/keys/${name}.json`;
      // Signed by the attacker's key that the URL serves, and by the realm's own key: both refused.
      await assertRejected(verify, mint({ key: attackerKey, header: { [name]: url } }), new RegExp(`"${name}" header`));
      await assertRejected(verify, mint({ key: { ...attackerKey, kid: realmKey.kid }, header: { [name]: url } }), new RegExp(`"${name}" header`));
      await assertRejected(verify, mint({ header: { [name]: url } }), new RegExp(`"${name}" header`));
      assert.equal(trap.requests, 0);
    });
  }

  test('a jwk header is rejected', async () => {
    const verify = verifier();
    await assertAccepted(verify, mint());
    await assertRejected(verify, mint({ key: attackerKey, header: { jwk: attackerKey.publicJwk } }), /"jwk" header/);
    await assertRejected(verify, mint({ key: { ...attackerKey, kid: realmKey.kid }, header: { jwk: { ...attackerKey.publicJwk, kid: realmKey.kid } } }), /"jwk" header/);
    await assertRejected(verify, mint({ header: { jwk: realmKey.publicJwk } }), /"jwk" header/);
  });

  test('an x5c header is rejected', async () => {
    const verify = verifier();
    await assertAccepted(verify, mint());
    // The content does not matter: the member alone is refused (a self-signed attacker certificate here).
    const certificate = Buffer.from(`-----attacker certificate for ${attackerKey.kid}-----`).toString('base64');
    await assertRejected(verify, mint({ key: attackerKey, header: { x5c: [certificate] } }), /"x5c" header/);
    await assertRejected(verify, mint({ header: { x5c: [certificate] } }), /"x5c" header/);
  });

  test('an unknown crit is rejected', async () => {
    const verify = verifier();
    await assertAccepted(verify, mint());
    await assertRejected(verify, mint({ header: { crit: ['https://example.org/must-understand'], 'https://example.org/must-understand': true } }), /"crit" header/);
    await assertRejected(verify, mint({ header: { crit: ['exp'], exp: 1 } }), /"crit" header/);
    await assertRejected(verify, mint({ header: { crit: ['b64'], b64: true } }), /"crit" header/);
    await assertRejected(verify, mint({ header: { crit: [] } }), /"crit" header/);
  });
});

describe('issuer and audience', () => {
  test('an iss of another realm is rejected', async () => {
    const verify = verifier();
    await assertAccepted(verify, mint());
    for (const iss of ['https://id.example.gov.vn/realms/other-city', 'https://id.example.gov.vn/realms/master', 'https://evil.example/realms/lien-thong']) {
      await assertRejected(verify, mint({ claims: citizenClaims({ iss }) }), /another issuer/);
    }
  });

  test('an iss with a trailing slash is rejected', async () => {
    const verify = verifier();
    await assertAccepted(verify, mint());
    await assertRejected(verify, mint({ claims: citizenClaims({ iss: `${ISSUER}/` }) }), /another issuer/);
    await assertRejected(verify, mint({ claims: citizenClaims({ iss: ISSUER.toUpperCase() }) }), /another issuer/);
    await assertRejected(verify, mint({ claims: citizenClaims({ iss: undefined }) }), /another issuer/);
  });

  test('a missing aud is rejected', async () => {
    const verify = verifier();
    await assertAccepted(verify, mint());
    await assertRejected(verify, mint({ claims: citizenClaims({ aud: undefined }) }), /not for this audience/);
    await assertRejected(verify, mint({ claims: citizenClaims({ aud: [] }) }), /not for this audience/);
  });

  test('a wrong aud is rejected', async () => {
    const verify = verifier();
    await assertAccepted(verify, mint({ claims: citizenClaims({ aud: [AUDIENCE, 'account'] }) }));
    for (const aud of ['another-api', ['account'], ['another-api', 'account'], `${AUDIENCE}/`, ISSUER]) {
      await assertRejected(verify, mint({ claims: citizenClaims({ aud }) }), /not for this audience/);
    }
  });
});

describe('lifetime', () => {
  test('an expired token is rejected', async () => {
    const verify = verifier();
    const now = nowSeconds();
    await assertAccepted(verify, mint({ claims: citizenClaims({ iat: now - 300, exp: now + 60 }) }));
    await assertRejected(verify, mint({ claims: citizenClaims({ iat: now - 360, exp: now - 60 }) }), /expired/);
  });

  test('a token not yet valid (nbf in the future) is rejected', async () => {
    const verify = verifier();
    const now = nowSeconds();
    await assertAccepted(verify, mint({ claims: citizenClaims({ nbf: now }) }));
    await assertRejected(verify, mint({ claims: citizenClaims({ nbf: now + 120 }) }), /not valid yet/);
  });

  test('a token issued in the future beyond the clock tolerance is rejected', async () => {
    const verify = verifier();
    const now = nowSeconds();
    await assertAccepted(verify, mint({ claims: citizenClaims({ iat: now + 3, exp: now + 300 }) }), CITIZEN);
    await assertRejected(verify, mint({ claims: citizenClaims({ iat: now + 60, exp: now + 360 }) }), /issued in the future/);
  });

  test('an absurd lifetime (exp − iat over the maximum) is rejected', async () => {
    const verify = verifier();
    const now = nowSeconds();
    await assertAccepted(verify, mint({ claims: citizenClaims({ iat: now, exp: now + 3600 }) }));
    await assertRejected(verify, mint({ claims: citizenClaims({ iat: now, exp: now + 3601 }) }), /lifetime/);
    await assertRejected(verify, mint({ claims: citizenClaims({ iat: now, exp: now + 10 * 365 * 86_400 }) }), /lifetime/);
    await assertRejected(verify, mint({ claims: citizenClaims({ iat: now - 86_400 * 30, exp: now + 60 }) }), /lifetime/);
    await assertRejected(verify, mint({ claims: citizenClaims({ iat: now, exp: now }) }), /lifetime|expired/);
  });

  test('a token without exp is rejected', async () => {
    const verify = verifier();
    await assertAccepted(verify, mint());
    await assertRejected(verify, mint({ claims: citizenClaims({ exp: undefined }) }), /no valid expiry/);
    await assertRejected(verify, mint({ claims: citizenClaims({ exp: 'tomorrow' }) }), /no valid expiry|not valid|required claim/);
  });

  test('a token without iat is rejected', async () => {
    const verify = verifier();
    await assertAccepted(verify, mint());
    await assertRejected(verify, mint({ claims: citizenClaims({ iat: undefined }) }), /issue time/);
  });

  test('a cached token is refused once it expires', async () => {
    const verify = verifier();
    const exp = nowSeconds() + 1;
    const token = mint({ claims: citizenClaims({ iat: exp - 60, exp }) });
    await assertAccepted(verify, token);
    await new Promise((resolve) => setTimeout(resolve, exp * 1000 - Date.now() + 20));
    await assertRejected(verify, token, /expired/);
  });
});

describe('other token kinds used as access tokens', () => {
  test('an ID token (typ ID) is rejected', async () => {
    const verify = verifier();
    await assertAccepted(verify, mint());
    const idClaims = { typ: 'ID', aud: PORTAL, nonce: 'n-0S6_WzA2Mj', at_hash: 'HK6E_P6Dh8Y93mRNtsDB1Q', auth_time: nowSeconds(), name: 'Nguyễn Văn An' };
    await assertRejected(verify, mint({ claims: citizenClaims(idClaims) }), /an ID token/);
    // Even one that names the API as an audience.
    await assertRejected(verify, mint({ claims: citizenClaims({ ...idClaims, aud: [PORTAL, AUDIENCE] }) }), /an ID token/);
  });

  test('an ID token whose aud is a client id is rejected', async () => {
    const verify = verifier();
    await assertAccepted(verify, mint());
    // As oidc-provider issues them: no typ claim, aud = the client.
    await assertRejected(verify, mint({ claims: citizenClaims({ typ: undefined, aud: PORTAL, at_hash: 'x' }) }), /an ID token/);
    await assertRejected(verify, mint({ claims: citizenClaims({ typ: undefined, aud: PORTAL }) }), /an ID token/);
    // Even with the API among its audiences and a Bearer type: aud naming the client it was issued to.
    await assertRejected(verify, mint({ claims: citizenClaims({ aud: [AUDIENCE, PORTAL] }) }), /an ID token/);
  });

  test('a refresh token is rejected', async () => {
    const verify = verifier();
    await assertAccepted(verify, mint());
    // Keycloak: typ Refresh (or Offline), aud = the issuer.
    await assertRejected(verify, mint({ claims: citizenClaims({ typ: 'Refresh', aud: ISSUER }) }), /a refresh token/);
    await assertRejected(verify, mint({ claims: citizenClaims({ typ: 'Refresh' }) }), /a refresh token/);
    await assertRejected(verify, mint({ claims: citizenClaims({ typ: 'Offline' }) }), /a refresh token/);
  });

  test('a logout token (typ Logout) is rejected', async () => {
    const verify = verifier();
    await assertAccepted(verify, mint());
    await assertRejected(verify, mint({ claims: citizenClaims({ typ: 'Logout', aud: PORTAL }) }), /a logout token/);
    await assertRejected(verify, mint({ claims: citizenClaims({ typ: 'Logout' }) }), /a logout token/);
  });

  test('a logout token (header typ logout+jwt) is rejected', async () => {
    const verify = verifier();
    await assertAccepted(verify, mint());
    await assertRejected(verify, mint({ header: { typ: 'logout+jwt' } }), /a logout token/);
    await assertRejected(verify, mint({ header: { typ: 'application/logout+jwt' } }), /a logout token/);
  });

  test('a token carrying the back-channel logout event is rejected', async () => {
    const verify = verifier();
    await assertAccepted(verify, mint());
    await assertRejected(verify, mint({ claims: citizenClaims({ events: { [BACKCHANNEL_LOGOUT_EVENT]: {} } }) }), /a logout token/);
    await assertRejected(verify, mint({ header: { typ: undefined }, claims: citizenClaims({ typ: undefined, aud: PORTAL, events: { [BACKCHANNEL_LOGOUT_EVENT]: {} } }) }), /a logout token/);
  });
});

describe('client and session', () => {
  test('an azp that is not allowed is rejected', async () => {
    const verify = verifier({ allowedClients: [PORTAL, PARTNER] });
    await assertAccepted(verify, mint());
    await assertAccepted(verify, mint({ claims: partnerClaims() }), null);
    await assertRejected(verify, mint({ claims: citizenClaims({ azp: 'unknown-app' }) }), /client that is not allowed/);
    await assertRejected(verify, mint({ claims: citizenClaims({ azp: undefined }) }), /client that is not allowed/);
    await assertRejected(verify, mint({ claims: partnerClaims({ azp: undefined, client_id: 'unknown-app' }) }), /client that is not allowed/);
    await assertRejected(verify, mint({ claims: partnerClaims({ client_id: 'unknown-app' }) }), /client that is not allowed/);
    // Without the option the same token passes: it is the allow-list that refuses it.
    await assertAccepted(verifier(), mint({ claims: citizenClaims({ azp: 'unknown-app' }) }));
    // The check the gateway reuses per operation.
    assert.equal(isClientAllowed(PORTAL, [PORTAL]), true);
    assert.equal(isClientAllowed(PORTAL, new Set([PARTNER])), false);
    assert.equal(isClientAllowed(undefined, [PORTAL]), false);
  });

  test('a revoked sid is refused, even after a cached success', async () => {
    const revokedSessions = createMemoryRevokedSessions();
    const opts = options({ revokedSessions });
    const verify = createAccessTokenVerifier(opts);
    const sid = randomUUID();
    const token = mint({ claims: citizenClaims({ sid }) });
    const otherSession = mint();
    await assertAccepted(verify, token);
    await assertAccepted(verify, token); // now a cache hit
    await revokedSessions.revoke(sid, sessionRevocationUntil(opts));
    await assertRejected(verify, token, /session of this access token has ended/);
    await assertRejected(verify, token, /session of this access token has ended/);
    // A token of the same session never seen before (a cache miss) is refused too; other sessions are not.
    await assertRejected(verify, mint({ claims: citizenClaims({ sid }) }), /session of this access token has ended/);
    await assertAccepted(verify, otherSession);
    await revokedSessions.close();
  });
});

describe('key rotation and JWKS outages', () => {
  test('key rotation: a new kid is picked up', async () => {
    const jwksServer = await startJwksServer([realmKey.publicJwk]);
    try {
      const verify = verifier({ jwksUrl: jwksServer.url, jwks: { cooldownMs: 200, timeoutMs: 1_000 } });
      await assertAccepted(verify, mint());
      assert.equal(jwksServer.fetches, 1);
      const nextKey = await newKey('realm-key-2027');
      jwksServer.keys = [realmKey.publicJwk, nextKey.publicJwk];
      await new Promise((resolve) => setTimeout(resolve, 250));
      await assertAccepted(verify, mint({ key: nextKey }));
      assert.equal(jwksServer.fetches, 2, 'one refetch for the new kid');
      await assertAccepted(verify, mint({ key: nextKey }));
      await assertAccepted(verify, mint());
      assert.equal(jwksServer.fetches, 2, 'known kids need no fetch');
    } finally {
      await jwksServer.stop();
    }
  });

  test('key rotation: refetches respect the cooldown', async () => {
    const jwksServer = await startJwksServer([realmKey.publicJwk]);
    try {
      // Every token is signed before the first fetch starts the cooldown, so the window holds only verification
      // (a busy machine signing 50 RS256 tokens inside a short window would see it run out).
      const cooldownMs = 2_000;
      const nextKey = await newKey('realm-key-2027');
      const first = mint();
      const flood = Array.from({ length: 50 }, (_, index) => (index === 0 ? mint({ key: nextKey }) : mint({ header: { kid: `sprayed-${index}` } })));
      const rotated = mint({ key: nextKey });
      const verify = verifier({ jwksUrl: jwksServer.url, jwks: { cooldownMs, timeoutMs: 1_000 } });
      await assertAccepted(verify, first);
      const firstFetchAt = Date.now();
      assert.equal(jwksServer.fetches, 1);
      jwksServer.keys = [realmKey.publicJwk, nextKey.publicJwk];
      // Within the cooldown: a flood of unknown kids (the new one included) fetches nothing.
      for (const token of flood) await assertRejected(verify, token, /signing key is not known/);
      const withinCooldown = Date.now() - firstFetchAt < cooldownMs;
      assert.equal(jwksServer.fetches, 1, 'no refetch within the cooldown');
      assert.ok(withinCooldown, 'the flood was verified within the cooldown (else the check above proved nothing)');
      // After it: concurrent unknown kids share a single refetch, which picks up the new key.
      await new Promise((resolve) => setTimeout(resolve, cooldownMs + 100 - (Date.now() - firstFetchAt)));
      const results = await Promise.allSettled([rotated, ...flood.slice(1, 20)].map((token) => verify(token)));
      assert.equal(results[0]?.status, 'fulfilled');
      assert.ok(results.slice(1).every((result) => result.status === 'rejected' && result.reason instanceof TokenRejectedError));
      assert.equal(jwksServer.fetches, 2, 'exactly one refetch after the cooldown');
      for (const token of flood.slice(20, 30)) await assertRejected(verify, token, /signing key is not known/);
      assert.equal(jwksServer.fetches, 2, 'and the cooldown starts again');
    } finally {
      await jwksServer.stop();
    }
  });

  test('JWKS endpoint down: known keys keep working, unknown keys fail closed within a bounded time', async () => {
    const jwksServer = await startJwksServer([realmKey.publicJwk]);
    let stopped = false;
    try {
      const timeoutMs = 300;
      // No cooldown, so that every unknown kid really tries the endpoint.
      const verify = verifier({ jwksUrl: jwksServer.url, jwks: { cooldownMs: 0, timeoutMs } });
      await assertAccepted(verify, mint());
      const unknownKey = await newKey('realm-key-not-yet-published');
      for (const mode of ['error', 'hang', 'closed'] as const) {
        if (mode === 'closed') {
          await jwksServer.stop(); // connection refused
          stopped = true;
        } else {
          jwksServer.mode = mode;
        }
        const fetchesBefore = jwksServer.fetches;
        await assertAccepted(verify, mint()); // a new token (cache miss) with a known key
        const started = Date.now();
        await assertRejected(verify, mint({ key: unknownKey }), /realm signing keys are unavailable/);
        const elapsed = Date.now() - started;
        // A hanging endpoint would hold the request for the whole test: the bound is the timeout plus a margin
        // wide enough for a loaded CI machine, not a speed target.
        assert.ok(elapsed < timeoutMs + 2_000, `${mode}: refused after ${elapsed} ms`);
        if (mode !== 'closed') assert.ok(jwksServer.fetches > fetchesBefore, `${mode}: the endpoint was tried`);
        await assertAccepted(verify, mint()); // still working after the failed refetch
      }
    } finally {
      if (!stopped) await jwksServer.stop();
    }
  });

  test('JWKS endpoint down with a stale key set: known keys keep working without waiting', async () => {
    const jwksServer = await startJwksServer([realmKey.publicJwk]);
    try {
      const refreshTimeoutMs = 2_000;
      const verify = verifier({ jwksUrl: jwksServer.url, jwks: { cooldownMs: 50, timeoutMs: refreshTimeoutMs, maxAgeMs: 100 } });
      await assertAccepted(verify, mint());
      jwksServer.mode = 'hang';
      await new Promise((resolve) => setTimeout(resolve, 150));
      for (let round = 0; round < 3; round += 1) {
        const started = Date.now();
        await assertAccepted(verify, mint());
        // Waiting on the hanging refresh would take its whole timeout.
        const elapsed = Date.now() - started;
        assert.ok(elapsed < refreshTimeoutMs, `served from the last good key set after ${elapsed} ms, not after the hanging refresh`);
      }
      assert.ok(jwksServer.fetches >= 2, 'a background refresh was attempted');
      // The endpoint comes back: the background refresh succeeds and rotation works again.
      jwksServer.mode = 'ok';
      const nextKey = await newKey('realm-key-2027');
      jwksServer.keys = [realmKey.publicJwk, nextKey.publicJwk];
      await new Promise((resolve) => setTimeout(resolve, 2_300)); // the hanging refresh times out (2 s)
      await assertAccepted(verify, mint({ key: nextKey }));
    } finally {
      await jwksServer.stop();
    }
  });

  test('JWKS endpoint unreachable from the start: tokens fail closed within a bounded time', async () => {
    const jwksServer = await startJwksServer([realmKey.publicJwk]);
    try {
      jwksServer.mode = 'hang';
      const timeoutMs = 1_000;
      const verify = verifier({ jwksUrl: jwksServer.url, jwks: { cooldownMs: 30_000, timeoutMs } });
      const started = Date.now();
      await assertRejected(verify, mint(), /realm signing keys are unavailable/);
      // The endpoint hangs for ever: the refusal comes from the timeout (the margin is for a loaded machine).
      const firstMs = Date.now() - started;
      assert.ok(firstMs < timeoutMs + 2_000, `refused after ${firstMs} ms`);
      // Within the retry delay, no new attempt: refused without waiting on the endpoint again, which would
      // take the whole timeout.
      const again = Date.now();
      await assertRejected(verify, mint(), /realm signing keys are unavailable/);
      const againMs = Date.now() - again;
      assert.ok(againMs < timeoutMs, `refused again after ${againMs} ms`);
      assert.equal(jwksServer.fetches, 1);
      // The endpoint comes back: after the retry delay (1 s for failures) the keys load.
      jwksServer.mode = 'ok';
      await new Promise((resolve) => setTimeout(resolve, 1_050));
      await assertAccepted(verify, mint());
    } finally {
      await jwksServer.stop();
    }
  });
});

describe('back-channel logout tokens', () => {
  const logoutOptions = (extra: Partial<LogoutTokenVerifierOptions> = {}): LogoutTokenVerifierOptions => ({
    issuer: ISSUER,
    allowedClients: [PORTAL, 'portal-dichvucong'],
    algorithms: ['RS256'],
    clockToleranceSeconds: 5,
    keys: createRealmKeySet(jwks.url, { cooldownMs: 30_000, timeoutMs: 1_000 }),
    ...extra,
  });

  /** Claims of a logout token as Keycloak sends them. */
  function logoutClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    const now = nowSeconds();
    return {
      iss: ISSUER,
      aud: PORTAL,
      sub: CITIZEN,
      sid: 'session-1',
      typ: 'Logout',
      jti: randomUUID(),
      iat: now,
      exp: now + 120,
      events: { [BACKCHANNEL_LOGOUT_EVENT]: {} },
      ...overrides,
    };
  }

  const mintLogout = (claims = logoutClaims(), header: Record<string, unknown> = { typ: 'logout+jwt' }, key: SigningKey = realmKey): string =>
    signRs256({ alg: 'RS256', kid: key.kid, ...header }, claims, key);

  test('verifyLogoutToken accepts a valid logout token', async () => {
    const opts = logoutOptions();
    assert.deepEqual(await verifyLogoutToken(mintLogout(), opts), { sid: 'session-1', sub: CITIZEN });
    // Header typ absent, only a sid, the other portal, no typ claim (oidc-provider's shape).
    assert.deepEqual(await verifyLogoutToken(mintLogout(logoutClaims({ sub: undefined, typ: undefined, aud: 'portal-dichvucong' }), {}), opts), { sid: 'session-1' });
    assert.deepEqual(await verifyLogoutToken(mintLogout(logoutClaims({ sid: undefined })), opts), { sub: CITIZEN });
  });

  test('a logout token without the back-channel logout event is rejected', async () => {
    const verify = (token: string) => verifyLogoutToken(token, logoutOptions());
    await verify(mintLogout());
    await assertRejected(verify, mintLogout(logoutClaims({ events: undefined })), /missing a required claim/);
    await assertRejected(verify, mintLogout(logoutClaims({ events: {} })), /back-channel logout event/);
    await assertRejected(verify, mintLogout(logoutClaims({ events: { 'http://schemas.openid.net/event/other': {} } })), /back-channel logout event/);
    await assertRejected(verify, mintLogout(logoutClaims({ events: { [BACKCHANNEL_LOGOUT_EVENT]: true } })), /back-channel logout event/);
    await assertRejected(verify, mintLogout(logoutClaims({ events: [BACKCHANNEL_LOGOUT_EVENT] })), /back-channel logout event/);
  });

  test('a logout token with a nonce is rejected', async () => {
    const verify = (token: string) => verifyLogoutToken(token, logoutOptions());
    await verify(mintLogout());
    await assertRejected(verify, mintLogout(logoutClaims({ nonce: 'n-0S6_WzA2Mj' })), /nonce/);
  });

  test('a logout token for a foreign audience is rejected', async () => {
    const verify = (token: string) => verifyLogoutToken(token, logoutOptions());
    await verify(mintLogout());
    for (const aud of ['another-realm-client', AUDIENCE, [AUDIENCE], undefined]) {
      await assertRejected(verify, mintLogout(logoutClaims({ aud })), /not for this audience/);
    }
  });

  test('a logout token failing the other §2.6 checks is rejected', async () => {
    const verify = (token: string) => verifyLogoutToken(token, logoutOptions());
    await verify(mintLogout());
    const now = nowSeconds();
    await assertRejected(verify, mintLogout(logoutClaims({ sid: undefined, sub: undefined })), /neither a session nor a subject/);
    await assertRejected(verify, mintLogout(logoutClaims({ jti: undefined })), /missing a required claim/);
    await assertRejected(verify, mintLogout(logoutClaims({ iat: now - 3600, exp: undefined })), /expired|issue time/);
    await assertRejected(verify, mintLogout(logoutClaims({ iat: now + 600 })), /issue time/);
    await assertRejected(verify, mintLogout(logoutClaims({ iss: `${ISSUER}/` })), /another issuer/);
    await assertRejected(verify, mintLogout(logoutClaims(), { typ: 'JWT' }), /not a logout token/);
    await assertRejected(verify, mintLogout(logoutClaims({ typ: 'Bearer' })), /not a logout token/);
    await assertRejected(verify, mintLogout(logoutClaims(), { typ: 'logout+jwt' }, { ...attackerKey, kid: realmKey.kid }), /signature is not valid/);
    await assertRejected(verify, mintLogout(logoutClaims(), { typ: 'logout+jwt', jku: `${trap.url}/keys.json` }, attackerKey), /"jku" header/);
    // An access token is not a logout token.
    await assertRejected(verify, mint({ claims: citizenClaims({ aud: PORTAL }) }), /not a logout token/);
  });
});
