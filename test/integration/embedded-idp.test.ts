import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRemoteJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify } from 'jose';
import type { JWTPayload } from 'jose';
import { API_AUDIENCE, DEMO_ACCOUNTS, DEMO_CLIENTS } from '../../auth/demo-realm.ts';
import { createAccessTokenVerifier } from '../../auth/access-token.ts';
import { publicClient, startEmbeddedIdp } from '../../auth/embedded-idp/index.ts';
import type { EmbeddedIdp } from '../../auth/embedded-idp/index.ts';
import { clientCredentialsToken, followRedirects, loginWithPkce, storeCookies } from '../../testing/oidc-login.ts';
import type { CookieJar } from '../../testing/oidc-login.ts';

const REALM = 'test-realm';
const REDIRECT_A = 'http://127.0.0.1/cb';
const REDIRECT_B = 'http://127.0.0.1/cb-b';
const AFTER_LOGOUT = 'http://127.0.0.1/after-logout';

let idp: EmbeddedIdp;
let jwks: ReturnType<typeof createRemoteJWKSet>;
let backchannel: Server;
const logoutTokens: string[] = [];

function account(username: string) {
  const found = DEMO_ACCOUNTS.find((candidate) => candidate.username === username);
  assert.ok(found, `demo account ${username}`);
  return found;
}

async function verifyAccessToken(token: string): Promise<JWTPayload> {
  const { payload, protectedHeader } = await jwtVerify(token, jwks, {
    issuer: idp.issuer,
    audience: API_AUDIENCE,
    algorithms: ['RS256'],
  });
  assert.ok(protectedHeader.kid, 'kid in header');
  return payload;
}

/** GET the authorization endpoint (PKCE) with `params`, following redirects to the login page or the client's redirect URI. */
function authorize(params: Record<string, string>, jar: CookieJar): ReturnType<typeof followRedirects> {
  const url = new URL(`${idp.issuer}/protocol/openid-connect/auth`);
  url.search = new URLSearchParams({ response_type: 'code', scope: 'openid', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256', ...params }).toString();
  return followRedirects(url.href, { method: 'GET' }, jar, params['redirect_uri'] ?? REDIRECT_A);
}

/** The login page an authorization request shows (fails when it redirects straight back). */
async function loginPage(params: Record<string, string>, jar: CookieJar): Promise<Response> {
  const { response } = await authorize(params, jar);
  assert.ok(response, 'a login page, not a redirect to the client');
  return response;
}

function formActions(html: string): string[] {
  return [...html.matchAll(/<form[^>]*\baction="([^"]+)"/gi)].map((match) => (match[1] ?? '').replaceAll('&amp;', '&'));
}

function formPost(fields: Record<string, string>): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() };
}

before(async () => {
  backchannel = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      const token = new URLSearchParams(body).get('logout_token');
      if (token) logoutTokens.push(token);
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => backchannel.listen(0, '127.0.0.1', resolve));
  const backchannelUri = `http://127.0.0.1:${(backchannel.address() as AddressInfo).port}/backchannel-logout`;

  idp = await startEmbeddedIdp({
    host: '127.0.0.1',
    port: 0,
    realm: REALM,
    accounts: DEMO_ACCOUNTS,
    clients: [
      ...DEMO_CLIENTS,
      publicClient('test-portal', [REDIRECT_A], { postLogoutRedirectUris: [AFTER_LOGOUT], backchannelLogoutUri: backchannelUri }),
      publicClient('test-portal-b', [REDIRECT_B], { backchannelLogoutUri: backchannelUri }),
    ],
  });
  jwks = createRemoteJWKSet(new URL(`${idp.issuer}/protocol/openid-connect/certs`));
});

after(async () => {
  await idp?.close();
  await new Promise<void>((resolve) => (backchannel ? backchannel.close(() => resolve()) : resolve()));
});

test('liveness and readiness at /health/live and /health/ready, as Keycloak serves them', async () => {
  for (const path of ['/health/live', '/health/ready', '/health/ready?probe=1']) {
    const response = await fetch(`${idp.url}${path}`);
    assert.equal(response.status, 200, path);
    assert.deepEqual(await response.json(), { status: 'ok' });
  }
  assert.equal((await fetch(`${idp.url}/health/other`)).status, 404);
});

test("every answer carries x-request-id: the caller's own when well-formed, else a new one", async () => {
  const discovery = `${idp.issuer}/.well-known/openid-configuration`;
  assert.equal((await fetch(discovery, { headers: { 'x-request-id': 'portal-req-7' } })).headers.get('x-request-id'), 'portal-req-7');
  for (const url of [discovery, `${idp.url}/health/live`, `${idp.url}/nowhere`]) {
    assert.match((await fetch(url, { headers: { 'x-request-id': 'with spaces' } })).headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/, url);
  }
});

test('discovery advertises the realm issuer and Keycloak endpoint paths', async () => {
  assert.equal(idp.issuer, `${idp.url}/realms/${REALM}`);
  const response = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
  assert.equal(response.status, 200);
  const metadata = (await response.json()) as Record<string, unknown>;
  const oidc = `${idp.issuer}/protocol/openid-connect`;
  assert.equal(metadata.issuer, idp.issuer);
  assert.equal(metadata.authorization_endpoint, `${oidc}/auth`);
  assert.equal(metadata.token_endpoint, `${oidc}/token`);
  assert.equal(metadata.jwks_uri, `${oidc}/certs`);
  assert.equal(metadata.userinfo_endpoint, `${oidc}/userinfo`);
  assert.equal(metadata.end_session_endpoint, `${oidc}/logout`);
  assert.equal(metadata.introspection_endpoint, `${oidc}/token/introspect`);
  assert.equal(metadata.revocation_endpoint, `${oidc}/revoke`);
  assert.deepEqual(metadata.code_challenge_methods_supported, ['S256']);

  const outside = await fetch(`${idp.url}/realms/other/.well-known/openid-configuration`);
  assert.equal(outside.status, 404);
});

test('PKCE login of a level-2 citizen through VNeID yields a Keycloak-shaped API access token', async () => {
  const citizen = account('an.nguyen');
  const tokens = await loginWithPkce({
    issuer: idp.issuer,
    clientId: 'test-portal',
    redirectUri: REDIRECT_A,
    username: citizen.username,
    password: citizen.password,
    method: 'vneid',
    scope: 'openid profile email offline_access feedback:read feedback:write',
  });

  assert.equal(decodeProtectedHeader(tokens.accessToken).alg, 'RS256');
  const claims = await verifyAccessToken(tokens.accessToken);
  assert.equal(claims.sub, citizen.sub);
  assert.ok([claims.aud].flat().includes(API_AUDIENCE));
  assert.equal(claims.azp, 'test-portal');
  assert.equal(claims.acr, '2');
  assert.equal(claims.typ, 'Bearer');
  assert.equal(claims.preferred_username, citizen.username);
  assert.equal(typeof claims.sid, 'string');
  assert.ok(claims.jti && claims.iat && claims.exp);
  assert.ok((claims.realm_access as { roles: string[] }).roles.includes('citizen'));
  // oidc-provider drops offline_access unless prompt=consent; a refresh token is issued anyway (as Keycloak does).
  assert.deepEqual(new Set(String(claims.scope).split(' ')), new Set(['openid', 'profile', 'email', 'feedback:read', 'feedback:write']));
  assert.equal(claims.unit, undefined);

  const raw = JSON.stringify(claims);
  for (const secret of [citizen.cccd, citizen.phone, 'cccd', 'phone_number']) {
    assert.ok(!raw.includes(secret), `access token must not contain ${secret}`);
  }

  assert.ok(tokens.idToken);
  const idToken = decodeJwt(tokens.idToken);
  assert.equal(idToken.name, citizen.name);
  assert.equal(idToken.email, citizen.email);
  assert.equal(idToken.acr, '2');
  assert.ok(!JSON.stringify(idToken).includes(citizen.cccd));

  // userinfo accepts the API token, like Keycloak's; no phone without the `phone` scope.
  const userinfo = await fetch(`${idp.issuer}/protocol/openid-connect/userinfo`, { headers: { authorization: `Bearer ${tokens.accessToken}` } });
  assert.equal(userinfo.status, 200);
  const info = (await userinfo.json()) as Record<string, unknown>;
  assert.equal(info.sub, citizen.sub);
  assert.equal(info.name, citizen.name);
  assert.equal(info.phone_number, undefined);

  // A refreshed access token is the same kind of JWT.
  assert.ok(tokens.refreshToken);
  const refreshed = await fetch(`${idp.issuer}/protocol/openid-connect/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: tokens.refreshToken, client_id: 'test-portal' }),
  });
  assert.equal(refreshed.status, 200);
  const refreshedClaims = await verifyAccessToken(((await refreshed.json()) as { access_token: string }).access_token);
  assert.equal(refreshedClaims.acr, '2');
  assert.equal(refreshedClaims.sid, claims.sid);
  assert.ok(String(refreshedClaims.scope).split(' ').includes('feedback:write'));
});

test('a username/password login is VNeID level 1 for every account (realm-local login = LoA 1)', async () => {
  for (const username of ['an.nguyen', 'binh.tran']) {
    const citizen = account(username);
    const { accessToken, idToken } = await loginWithPkce({ issuer: idp.issuer, clientId: 'test-portal', redirectUri: REDIRECT_A, username, password: citizen.password });
    const claims = await verifyAccessToken(accessToken);
    assert.equal(claims.acr, '1', username);
    assert.equal(claims.sub, citizen.sub);
    assert.ok(idToken);
    assert.equal(decodeJwt(idToken).acr, '1');
  }
});

test("the VNeID button gives the account's verified level: 2 for a verified citizen, 1 for binh.tran", async () => {
  for (const [username, level] of [
    ['cuong.le', '2'],
    ['binh.tran', '1'],
  ] as const) {
    const { accessToken } = await loginWithPkce({ issuer: idp.issuer, clientId: 'test-portal', redirectUri: REDIRECT_A, username, password: 'demo', method: 'vneid' });
    assert.equal((await verifyAccessToken(accessToken)).acr, level, username);
  }
});

test('the login page has two separate forms, the VNeID one marked as a simulation', async () => {
  const page = await loginPage({ client_id: 'test-portal', redirect_uri: REDIRECT_A }, new Map());
  assert.equal(page.status, 200);
  const html = await page.text();
  const actions = formActions(html);
  assert.ok(
    actions.some((action) => action.endsWith('/login')),
    'password form',
  );
  assert.ok(
    actions.some((action) => action.endsWith('/vneid')),
    'VNeID form',
  );
  assert.match(html, /Đăng nhập bằng VNeID/);
  assert.match(html, /Mô phỏng/);
  assert.doesNotMatch(html, /Cần xác thực VNeID mức 2/);
});

test('step-up: acr_values=2 on a level-1 session shows the login page again, and only VNeID satisfies it', async () => {
  const citizen = account('cuong.le');
  const jar: CookieJar = new Map();
  const first = await loginWithPkce({ issuer: idp.issuer, clientId: 'test-portal', redirectUri: REDIRECT_A, username: citizen.username, password: citizen.password, cookieJar: jar });
  const before = await verifyAccessToken(first.accessToken);
  assert.equal(before.acr, '1');

  // Without acr_values the session is enough (no form).
  const sso = await loginWithPkce({ issuer: idp.issuer, clientId: 'test-portal', redirectUri: REDIRECT_A, username: citizen.username, password: 'not-asked', cookieJar: jar });
  assert.equal((await verifyAccessToken(sso.accessToken)).acr, '1');

  // With acr_values=2: the login page again, with the step-up message and no password form.
  const page = await loginPage({ client_id: 'test-portal', redirect_uri: REDIRECT_A, acr_values: '2' }, jar);
  assert.equal(page.status, 200);
  const html = await page.text();
  assert.match(html, /Cần xác thực VNeID mức 2/);
  const actions = formActions(html);
  assert.ok(!actions.some((action) => action.endsWith('/login')), 'no password form during step-up');
  const vneid = actions.find((action) => action.endsWith('/vneid'));
  assert.ok(vneid);
  // A password POST is refused even when sent by hand.
  const refused = await followRedirects(new URL(vneid.replace(/\/vneid$/, '/login'), page.url).href, formPost({ username: citizen.username, password: citizen.password }), jar, REDIRECT_A);
  assert.equal(refused.response?.status, 400);
  await refused.response?.body?.cancel();
  // prompt=none cannot step up silently.
  const silent = await authorize({ client_id: 'test-portal', redirect_uri: REDIRECT_A, acr_values: '2', prompt: 'none' }, jar);
  assert.equal(silent.callback?.searchParams.get('error'), 'login_required');

  const stepped = await loginWithPkce({
    issuer: idp.issuer,
    clientId: 'test-portal',
    redirectUri: REDIRECT_A,
    username: citizen.username,
    password: citizen.password,
    cookieJar: jar,
    method: 'vneid',
    acrValues: '2',
  });
  const after = await verifyAccessToken(stepped.accessToken);
  assert.equal(after.acr, '2');
  assert.equal(after.sub, citizen.sub);
  assert.equal(after.sid, before.sid, 'step-up keeps the session');
  assert.ok(stepped.idToken);
  assert.equal(decodeJwt(stepped.idToken).acr, '2');

  // With a level-2 session, acr_values=2 passes without a form (single sign-on).
  const again = await loginWithPkce({ issuer: idp.issuer, clientId: 'test-portal-b', redirectUri: REDIRECT_B, username: citizen.username, password: 'not-asked', cookieJar: jar, acrValues: '2' });
  assert.equal((await verifyAccessToken(again.accessToken)).acr, '2');
});

test('step-up re-authenticates the signed-in person: another VNeID account is refused', async () => {
  const jar: CookieJar = new Map();
  await loginWithPkce({ issuer: idp.issuer, clientId: 'test-portal', redirectUri: REDIRECT_A, username: 'cuong.le', password: 'demo', cookieJar: jar });
  await assert.rejects(
    loginWithPkce({ issuer: idp.issuer, clientId: 'test-portal', redirectUri: REDIRECT_A, username: 'an.nguyen', password: 'demo', cookieJar: jar, method: 'vneid', acrValues: '2' }),
    /HTTP 403: Tài khoản VNeID không khớp/,
  );
});

test('a level-1 account cannot step up: a clear message, then unmet_authentication_requirements for the client', async () => {
  const citizen = account('binh.tran');
  const jar: CookieJar = new Map();
  await loginWithPkce({ issuer: idp.issuer, clientId: 'test-portal', redirectUri: REDIRECT_A, username: citizen.username, password: citizen.password, cookieJar: jar });
  await assert.rejects(
    loginWithPkce({ issuer: idp.issuer, clientId: 'test-portal', redirectUri: REDIRECT_A, username: citizen.username, password: citizen.password, cookieJar: jar, method: 'vneid', acrValues: '2' }),
    /HTTP 403: Tài khoản VNeID này mới được định danh mức 1/,
  );

  // By hand: the same page offers "back to the application", which ends in an error response.
  const page = await loginPage({ client_id: 'test-portal', redirect_uri: REDIRECT_A, acr_values: '2', state: 'st-1' }, jar);
  const vneid = formActions(await page.text()).find((action) => action.endsWith('/vneid'));
  assert.ok(vneid);
  const unmet = await followRedirects(new URL(vneid, page.url).href, formPost({ username: citizen.username, password: citizen.password }), jar, REDIRECT_A);
  assert.equal(unmet.response?.status, 403);
  const html = (await unmet.response?.text()) ?? '';
  assert.match(html, /mới được định danh mức 1/);
  const abort = formActions(html).find((action) => action.endsWith('/abort'));
  assert.ok(abort);
  const done = await followRedirects(new URL(abort, page.url).href, formPost({ reason: 'unmet' }), jar, REDIRECT_A);
  assert.ok(done.callback, 'redirected back to the client');
  assert.equal(done.callback.searchParams.get('error'), 'unmet_authentication_requirements');
  assert.equal(done.callback.searchParams.get('state'), 'st-1');

  // The level-1 session is still there: without acr_values it still signs in without a form.
  const sso = await loginWithPkce({ issuer: idp.issuer, clientId: 'test-portal', redirectUri: REDIRECT_A, username: citizen.username, password: 'not-asked', cookieJar: jar });
  assert.equal((await verifyAccessToken(sso.accessToken)).acr, '1');
});

test('cancelling the sign-in gives the client access_denied', async () => {
  const jar: CookieJar = new Map();
  const page = await loginPage({ client_id: 'test-portal', redirect_uri: REDIRECT_A }, jar);
  const abort = formActions(await page.text()).find((action) => action.endsWith('/abort'));
  assert.ok(abort);
  const done = await followRedirects(new URL(abort, page.url).href, formPost({ reason: 'cancel' }), jar, REDIRECT_A);
  assert.equal(done.callback?.searchParams.get('error'), 'access_denied');
});

test("an officer's token carries the unit (demo client without back-channel logout still gets sid)", async () => {
  const officer = account('dung.pham');
  const { accessToken, idToken } = await loginWithPkce({
    issuer: idp.issuer,
    clientId: 'lien-thong-dev',
    redirectUri: 'http://127.0.0.1/callback',
    username: officer.username,
    password: officer.password,
  });
  const claims = await verifyAccessToken(accessToken);
  assert.equal(claims.unit, officer.unit);
  assert.equal(claims.azp, 'lien-thong-dev');
  assert.ok((claims.realm_access as { roles: string[] }).roles.includes('officer'));
  assert.equal(typeof claims.sid, 'string');
  assert.ok(idToken);
  assert.equal(decodeJwt(idToken).sid, claims.sid);
});

test('a wrong password is refused', async () => {
  await assert.rejects(loginWithPkce({ issuer: idp.issuer, clientId: 'test-portal', redirectUri: REDIRECT_A, username: 'an.nguyen', password: 'wrong' }), /login failed for an\.nguyen: HTTP 401/);
  await assert.rejects(loginWithPkce({ issuer: idp.issuer, clientId: 'test-portal', redirectUri: REDIRECT_A, username: 'nobody', password: 'demo' }), /HTTP 401/);
});

test('client_credentials for city-app yields a partner JWT', async () => {
  const token = await clientCredentialsToken({ issuer: idp.issuer, clientId: 'city-app', clientSecret: 'city-app-demo-secret' });
  const claims = await verifyAccessToken(token);
  assert.equal(claims.azp, 'city-app');
  assert.ok([claims.aud].flat().includes(API_AUDIENCE));
  assert.ok((claims.resource_access as Record<string, { roles: string[] }>)['city-app']?.roles.includes('partner'));
  assert.equal(claims.acr, undefined);
  assert.equal(claims.sid, undefined);
  assert.deepEqual(new Set(String(claims.scope).split(' ')), new Set(['dossier:read', 'planning:read', 'feedback:read']));

  const narrowed = await verifyAccessToken(await clientCredentialsToken({ issuer: idp.issuer, clientId: 'city-app', clientSecret: 'city-app-demo-secret', scope: 'dossier:read feedback:write' }));
  assert.equal(narrowed.scope, 'dossier:read', 'scopes the client does not have are dropped');
  const none = await verifyAccessToken(await clientCredentialsToken({ issuer: idp.issuer, clientId: 'city-app', clientSecret: 'city-app-demo-secret', scope: 'feedback:write' }));
  assert.equal(none.scope, undefined, 'asking only for a scope the client does not have yields no scope');

  await assert.rejects(clientCredentialsToken({ issuer: idp.issuer, clientId: 'city-app', clientSecret: 'wrong' }));
});

test('an authorization request without PKCE is refused', async () => {
  const url = new URL(`${idp.issuer}/protocol/openid-connect/auth`);
  url.search = new URLSearchParams({ client_id: 'test-portal', redirect_uri: REDIRECT_A, response_type: 'code', scope: 'openid' }).toString();
  const response = await fetch(url, { redirect: 'manual' });
  assert.ok(response.status >= 300 && response.status < 400, `redirect expected, got ${response.status}`);
  const location = new URL(response.headers.get('location') ?? '');
  assert.equal(`${location.origin}${location.pathname}`, REDIRECT_A);
  assert.equal(location.searchParams.get('error'), 'invalid_request');
  assert.match(location.searchParams.get('error_description') ?? '', /PKCE/);
});

test('single sign-on across portals, and one logout ends every portal session (back-channel)', async () => {
  const citizen = account('cuong.le');
  const jar: CookieJar = new Map();
  const a = await loginWithPkce({ issuer: idp.issuer, clientId: 'test-portal', redirectUri: REDIRECT_A, username: citizen.username, password: citizen.password, cookieJar: jar });
  // Portal B: no form, the session cookie is enough (a wrong password proves the form is not used).
  const b = await loginWithPkce({ issuer: idp.issuer, clientId: 'test-portal-b', redirectUri: REDIRECT_B, username: citizen.username, password: 'not-asked', cookieJar: jar });
  const sidA = (await verifyAccessToken(a.accessToken)).sid;
  const sidB = (await verifyAccessToken(b.accessToken)).sid;
  assert.ok(sidA && sidB);

  assert.ok(a.idToken);
  const logoutUrl = new URL(`${idp.issuer}/protocol/openid-connect/logout`);
  logoutUrl.search = new URLSearchParams({ id_token_hint: a.idToken, post_logout_redirect_uri: AFTER_LOGOUT }).toString();
  const confirmPage = await fetch(logoutUrl, { redirect: 'manual', headers: { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
  storeCookies(confirmPage, jar);
  assert.equal(confirmPage.status, 200);
  const html = await confirmPage.text();
  const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(html)?.[1];
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
  assert.ok(action && xsrf, 'logout confirmation form');

  logoutTokens.length = 0;
  const done = await followRedirects(
    action,
    { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ xsrf, logout: 'yes' }).toString() },
    jar,
    AFTER_LOGOUT,
  );
  assert.ok(done.callback, 'redirected to the post-logout URI');

  const sids = new Set<unknown>();
  for (const token of logoutTokens) {
    const { payload } = await jwtVerify(token, jwks, { issuer: idp.issuer });
    assert.equal(payload.sub, citizen.sub);
    assert.ok('http://schemas.openid.net/event/backchannel-logout' in ((payload.events ?? {}) as Record<string, unknown>));
    sids.add(payload.sid);
  }
  assert.deepEqual(sids, new Set([sidA, sidB]));

  // The session is gone: the next login needs the form again.
  await assert.rejects(loginWithPkce({ issuer: idp.issuer, clientId: 'test-portal-b', redirectUri: REDIRECT_B, username: citizen.username, password: 'not-asked', cookieJar: jar }), /HTTP 401/);
});

test("the gateway's access-token verifier accepts both kinds of token", async () => {
  const verify = createAccessTokenVerifier({
    issuer: idp.issuer,
    audience: API_AUDIENCE,
    jwksUrl: `${idp.issuer}/protocol/openid-connect/certs`,
    algorithms: ['RS256'],
    maxLifetimeSeconds: 3600,
    clockToleranceSeconds: 5,
  });
  const citizen = account('an.nguyen');
  const { accessToken } = await loginWithPkce({
    issuer: idp.issuer,
    clientId: 'test-portal',
    redirectUri: REDIRECT_A,
    username: citizen.username,
    password: citizen.password,
    scope: 'openid feedback:write',
    method: 'vneid',
  });
  const user = (await verify(accessToken)).viewer;
  assert.equal(user.subject, citizen.sub);
  assert.equal(user.level, 2);
  assert.equal(user.clientId, 'test-portal');
  assert.ok(user.roles.includes('citizen'));
  assert.ok(user.scopes.includes('feedback:write'));
  assert.ok(user.sessionId);

  const partner = (await verify(await clientCredentialsToken({ issuer: idp.issuer, clientId: 'city-app', clientSecret: 'city-app-demo-secret' }))).viewer;
  assert.equal(partner.clientId, 'city-app');
  assert.equal(partner.level, 0);
  assert.ok(partner.roles.includes('partner'));
});
