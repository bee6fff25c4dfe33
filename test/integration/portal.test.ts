// The portals (web/portal) against a real hub: bad input at the sign-in callback and the back-channel
// logout endpoint, CSRF on forms, cookie flags, redirects that stay on the portal, and the session store
// (memory, and Redis when redis-server is installed).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { SignJWT, generateKeyPair } from 'jose';
import pino from 'pino';
import { ConfigError } from '../../platform/config.ts';
import { parsePortalConfig } from '../../web/portal/config.ts';
import { buildPortal, safeReturnTo } from '../../web/portal/server.ts';
import { createMemorySessionStore, createRedisSessionStore } from '../../web/portal/session-store.ts';
import type { PortalSession, SessionStore } from '../../web/portal/session-store.ts';
import type { Hub } from '../../testing/hub.ts';
import { followRedirects } from '../../testing/oidc-login.ts';
import type { CookieJar } from '../../testing/oidc-login.ts';
import { reservePortalPorts, startHubWithPortals } from '../../testing/portals.ts';
import type { Portals, RunningPortal } from '../../testing/portals.ts';

let hub: Hub;
let portals: Portals;

before(async () => {
  ({ hub, portals } = await startHubWithPortals());
});

after(async () => {
  await portals?.close();
  await hub?.close();
});

const NOWHERE = 'http://127.0.0.1:1/never';

/** Sign in at `portal` as `username` with the realm's password form, driving it with fetch; returns the cookie jar. */
async function signIn(portal: RunningPortal, username: string, jar: CookieJar = new Map()): Promise<CookieJar> {
  const start = await followRedirects(`${portal.url}/auth/login`, { method: 'GET' }, jar, NOWHERE);
  assert.ok(start.response);
  const html = await start.response.text();
  if (start.response.url.startsWith(portal.url)) return jar; // single sign-on: no form
  const action = /<form[^>]*\baction="([^"]+\/login)"/.exec(html)?.[1];
  assert.ok(action, 'the login form');
  const done = await followRedirects(new URL(action, start.response.url).href, form({ username, password: 'demo' }), jar, NOWHERE);
  assert.equal(done.response?.status, 200);
  assert.ok(done.response.url.startsWith(portal.url), `back at the portal, got ${done.response.url}`);
  await done.response.body?.cancel();
  return jar;
}

function form(fields: Record<string, string>): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() };
}

function cookieHeader(jar: CookieJar): string {
  return [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
}

/** The signed-in session behind the jar's cookie at `portal`. */
async function sessionOf(portal: RunningPortal, jar: CookieJar): Promise<{ id: string; session: PortalSession } | undefined> {
  const raw = jar.get(`lt_session_${portal.clientId}`);
  if (!raw) return undefined;
  const unsigned = portal.app.unsignCookie(decodeURIComponent(raw));
  if (!unsigned.valid || !unsigned.value) return undefined;
  const session = await portal.sessions.get(unsigned.value);
  return session ? { id: unsigned.value, session } : undefined;
}

describe('sign-in callback', () => {
  test('without a state: a clear 400 page, and the portal keeps serving', async () => {
    const response = await fetch(`${portals.feedback.url}/auth/callback?code=abc`);
    assert.equal(response.status, 400);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    const html = await response.text();
    assert.match(html, /Yêu cầu đăng nhập không hợp lệ/);
    assert.match(html, /invalid_state/);
    assert.equal((await fetch(`${portals.feedback.url}/health/live`)).status, 200);
  });

  test('with a state that is not this session’s (or no session at all): 400', async () => {
    const jar: CookieJar = new Map();
    const start = await fetch(`${portals.services.url}/auth/login`, { redirect: 'manual' });
    assert.equal(start.status, 303);
    const location = new URL(start.headers.get('location') ?? '');
    assert.equal(location.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(location.searchParams.get('state') && location.searchParams.get('nonce') && location.searchParams.get('code_challenge'));
    for (const header of start.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const eq = pair.indexOf('=');
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const wrong = await fetch(`${portals.services.url}/auth/callback?code=abc&state=not-the-state`, { headers: { cookie: cookieHeader(jar) } });
    assert.equal(wrong.status, 400);
    assert.match(await wrong.text(), /invalid_state/);
    // The right state from another browser (no cookie) is refused too.
    const stolen = await fetch(`${portals.services.url}/auth/callback?code=abc&state=${location.searchParams.get('state')}`);
    assert.equal(stolen.status, 400);
    await stolen.body?.cancel();
    // A forged code with the right state: the realm refuses it; a page, not a crash.
    const forged = await fetch(`${portals.services.url}/auth/callback?code=forged&state=${location.searchParams.get('state')}`, { headers: { cookie: cookieHeader(jar) } });
    assert.ok(forged.status === 400 || forged.status === 502, `got ${forged.status}`);
    assert.match(await forged.text(), /Đăng nhập không thành công/);
    // The state was used once: a replay is refused.
    const replay = await fetch(`${portals.services.url}/auth/callback?code=forged&state=${location.searchParams.get('state')}`, { headers: { cookie: cookieHeader(jar) } });
    assert.equal(replay.status, 400);
    await replay.body?.cancel();
  });

  test('returnTo stays on the portal', () => {
    assert.equal(safeReturnTo('/dossiers/A-1?x=1'), '/dossiers/A-1?x=1');
    for (const bad of ['https://evil.example/', '//evil.example/', '/\\evil.example', 'javascript:alert(1)', '', undefined, 42, `/${'a'.repeat(600)}`, '/a\nb']) {
      assert.equal(safeReturnTo(bad), '/', String(bad));
    }
  });
});

describe('back-channel logout endpoint', () => {
  const post = (body: string, contentType = 'application/x-www-form-urlencoded') =>
    fetch(`${portals.feedback.url}/auth/backchannel-logout`, { method: 'POST', headers: { 'content-type': contentType }, body });

  test('garbage, a missing token or the wrong body type: 400 with a code, no crash', async () => {
    for (const [body, type, code] of [
      [new URLSearchParams({ logout_token: 'garbage' }).toString(), undefined, 'INVALID_LOGOUT_TOKEN'],
      [new URLSearchParams({ logout_token: 'a.b.c' }).toString(), undefined, 'INVALID_LOGOUT_TOKEN'],
      [new URLSearchParams({ other: 'x' }).toString(), undefined, 'LOGOUT_TOKEN_MISSING'],
      ['', undefined, 'LOGOUT_TOKEN_MISSING'],
      [JSON.stringify({ logout_token: 'x.y.z' }), 'application/json', 'LOGOUT_TOKEN_MISSING'],
    ] as const) {
      const response = await post(body, type);
      assert.equal(response.status, 400, `${type ?? 'form'} ${body}`);
      assert.match(response.headers.get('content-type') ?? '', /application\/json/);
      const json = (await response.json()) as { error?: string; code?: string };
      assert.equal(json.code, code);
      assert.equal(json.error, 'invalid_request');
    }
    const huge = await post(new URLSearchParams({ logout_token: 'x'.repeat(100_000) }).toString());
    assert.equal(huge.status, 413);
    assert.equal(((await huge.json()) as { code?: string }).code, 'PAYLOAD_TOO_LARGE');
    assert.equal((await fetch(`${portals.feedback.url}/health/live`)).status, 200);
  });

  test('a well-formed logout token signed by another key is refused and ends nothing', async () => {
    const jar = await signIn(portals.feedback, 'cuong.le');
    const before = await sessionOf(portals.feedback, jar);
    assert.ok(before?.session.user?.sid);
    // A foreign key carrying the realm's kid.
    const { privateKey } = await generateKeyPair('RS256');
    const realmKeys = (await (await fetch(`${hub.idp.issuer}/protocol/openid-connect/certs`)).json()) as { keys: { kid: string }[] };
    const kid = realmKeys.keys[0]?.kid;
    assert.ok(kid);
    const forged = await new SignJWT({ sid: before.session.user.sid, events: { 'http://schemas.openid.net/event/backchannel-logout': {} } })
      .setProtectedHeader({ alg: 'RS256', typ: 'logout+jwt', kid })
      .setIssuer(hub.idp.issuer)
      .setAudience(portals.feedback.clientId)
      .setSubject(before.session.user.sub)
      .setIssuedAt()
      .setJti('forged-1')
      .sign(privateKey);
    const response = await post(new URLSearchParams({ logout_token: forged }).toString());
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { code?: string }).code, 'INVALID_LOGOUT_TOKEN');
    assert.ok(await sessionOf(portals.feedback, jar), 'the session is still there');
  });
});

describe('forms and cookies', () => {
  test('a signed-in page has the data and a CSRF token, never the tokens', async () => {
    const jar = await signIn(portals.feedback, 'an.nguyen');
    const page = await fetch(`${portals.feedback.url}/`, { headers: { cookie: cookieHeader(jar) } });
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /Phản ánh của tôi/);
    assert.match(html, /name="csrf" value="[A-Za-z0-9_-]{20,}"/);
    const held = await sessionOf(portals.feedback, jar);
    assert.ok(held?.session.user);
    for (const secret of [held.session.user.accessToken, held.session.user.idToken, held.session.user.refreshToken ?? 'no-refresh-token']) {
      assert.ok(!html.includes(secret), 'no token in the page');
    }
    assert.match(page.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
  });

  test('a form without (or with a wrong) CSRF token is refused with 403', async () => {
    const jar = await signIn(portals.feedback, 'an.nguyen');
    const fields = { categoryCode: 'GIAO_THONG', title: 'Ổ gà trên đường', content: 'Ổ gà lớn giữa đường, nguy hiểm cho xe máy.', lat: '10.7725', lng: '106.698' };
    for (const csrf of [undefined, '', 'wrong-token-value-0123456789']) {
      const response = await fetch(`${portals.feedback.url}/feedback`, {
        ...form(csrf === undefined ? fields : { ...fields, csrf }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
        redirect: 'manual',
      });
      assert.equal(response.status, 403, `csrf ${String(csrf)}`);
      assert.match(await response.text(), /CSRF/);
    }
    const logout = await fetch(`${portals.feedback.url}/auth/logout`, { ...form({}), headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) }, redirect: 'manual' });
    assert.equal(logout.status, 403);
    await logout.body?.cancel();
    assert.ok((await sessionOf(portals.feedback, jar))?.session.user, 'still signed in');
  });

  test('a feedback form with a valid CSRF token is sent through the gateway once, however often it is posted', async () => {
    const jar = await signIn(portals.feedback, 'an.nguyen');
    const html = await (await fetch(`${portals.feedback.url}/`, { headers: { cookie: cookieHeader(jar) } })).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
    const submissionKey = /name="submissionKey" value="([^"]+)"/.exec(html)?.[1];
    const category = /<option value="([A-Z_]+)"/.exec(html)?.[1];
    assert.ok(csrf && submissionKey && category);
    // Invalid input is caught before the gateway: the form comes back with the values, a message and the same key.
    const invalid = await fetch(`${portals.feedback.url}/feedback`, {
      ...form({ csrf, submissionKey, categoryCode: category, title: 'x', content: 'short', lat: 'north', lng: '106.698' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
      redirect: 'manual',
    });
    assert.equal(invalid.status, 400);
    const shownAgain = await invalid.text();
    assert.match(shownAgain, /Vui lòng kiểm tra/);
    assert.ok(shownAgain.includes(`name="submissionKey" value="${submissionKey}"`), 'the key survives the correction');

    // A double click: the same form posted twice gives one item.
    const title = `Rác thải trên vỉa hè <b> ${submissionKey.slice(0, 8)}`;
    for (let post = 0; post < 2; post += 1) {
      const sent = await fetch(`${portals.feedback.url}/feedback`, {
        ...form({ csrf, submissionKey, categoryCode: category, title, content: 'Rác thải tồn đọng nhiều ngày trên vỉa hè đường Lê Lợi.', lat: '10.7725', lng: '106.698', isPublic: 'true' }),
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookieHeader(jar) },
        redirect: 'manual',
      });
      assert.equal(sent.status, 303, 'submitted through the gateway');
      await sent.body?.cancel();
    }
    const after = await (await fetch(`${portals.feedback.url}/`, { headers: { cookie: cookieHeader(jar) } })).text();
    assert.match(after, /Đã gửi phản ánh PHA/);
    const escaped = title.replace('<b>', '&lt;b&gt;');
    assert.equal(after.split(escaped).length - 1, 1, 'listed once, escaped');
  });

  test('the session cookie is httpOnly, SameSite=Lax, signed, per portal; Secure with __Host- in production', async () => {
    const response = await fetch(`${portals.services.url}/auth/login`, { redirect: 'manual' });
    const cookie = response.headers.getSetCookie().find((header) => header.startsWith('lt_session_portal-dichvucong='));
    assert.ok(cookie, 'session cookie named after the portal');
    assert.match(cookie, /; HttpOnly/i);
    assert.match(cookie, /; SameSite=Lax/i);
    assert.match(cookie, /; Path=\//i);
    assert.doesNotMatch(cookie, /; Secure/i);
    const value = decodeURIComponent(cookie.split(';')[0]?.split('=').slice(1).join('=') ?? '');
    assert.ok(value.includes('.'), 'signed');
    assert.ok(portals.services.app.unsignCookie(value).valid);
    assert.equal(portals.services.app.unsignCookie(`${value.slice(0, -2)}xx`).valid, false);

    const sessions = createMemorySessionStore();
    const production = await buildPortal({
      kind: 'services',
      clientId: 'portal-dichvucong',
      publicUrl: 'https://dichvucong.example.gov.vn',
      issuer: hub.idp.issuer,
      gatewayUrl: hub.gatewayUrl,
      sessions,
      sessionSecret: 'production-like-secret-0123456789abcdef',
      production: true,
      logger: pino({ level: 'silent' }),
    });
    try {
      // The realm is plain http on loopback: a production portal refuses to talk to it, and says so.
      const refused = await production.inject({ method: 'GET', url: '/auth/login' });
      assert.equal(refused.statusCode, 502);
      const login = await production.inject({ method: 'GET', url: '/' });
      assert.equal(login.statusCode, 302);
      // Cookie flags in production (a silent sign-in check that cannot reach the realm still starts a session).
      const sessionCookie = (await production.inject({ method: 'GET', url: '/auth/login?prompt=none' })).cookies.find((c) => c.name.startsWith('__Host-'));
      assert.ok(sessionCookie, '__Host- cookie');
      assert.equal(sessionCookie.secure, true);
      assert.equal(sessionCookie.httpOnly, true);
      assert.equal(sessionCookie.sameSite, 'Lax');
      assert.equal(sessionCookie.path, '/');
    } finally {
      await production.close();
      await sessions.close();
    }
  });
});

describe('token refresh', () => {
  /** Make the session's access token look about to expire (and optionally break its refresh token). */
  async function ageSession(portal: RunningPortal, jar: CookieJar, refreshToken?: string): Promise<PortalSession> {
    const held = await sessionOf(portal, jar);
    assert.ok(held?.session.user);
    const user = { ...held.session.user, accessTokenExpiresAt: Date.now() + 5_000, ...(refreshToken ? { refreshToken } : {}) };
    await portal.sessions.set(held.id, { ...held.session, user }, 600);
    return held.session;
  }

  test('an access token near expiry is refreshed with the refresh token', async () => {
    const jar = await signIn(portals.services, 'cuong.le');
    const before = await ageSession(portals.services, jar);
    const page = await fetch(`${portals.services.url}/`, { headers: { cookie: cookieHeader(jar) } });
    assert.equal(page.status, 200);
    assert.match(await page.text(), /id="my-dossiers"/);
    const after = await sessionOf(portals.services, jar);
    assert.ok(after?.session.user);
    assert.notEqual(after.session.user.accessToken, before.user?.accessToken, 'a new access token');
    assert.ok(after.session.user.accessTokenExpiresAt > Date.now() + 60_000);
    assert.equal(after.session.user.sid, before.user?.sid, 'same realm session');
    const check = await hub.graphql('{ me { id } }', { token: after.session.user.accessToken });
    assert.equal(check.status, 200);
  });

  test('a refused refresh ends the session: signed out, with a message', async () => {
    const jar = await signIn(portals.services, 'cuong.le');
    await ageSession(portals.services, jar, 'not-a-refresh-token');
    const page = await followRedirects(`${portals.services.url}/`, { method: 'GET', headers: { cookie: cookieHeader(jar) } }, jar, NOWHERE);
    assert.equal(page.response?.status, 200);
    const html = await page.response.text();
    assert.match(html, /id="signed-out"/);
    assert.match(html, /Phiên đăng nhập đã kết thúc/);
  });
});

describe('step-up at the public-service portal', () => {
  /** Follow the portal's step-up redirect to the realm's VNeID form and submit it as `username`. */
  async function stepUpAs(username: string, jar: CookieJar, dossierPath: string) {
    const page = await followRedirects(`${portals.services.url}${dossierPath}`, { method: 'GET', headers: { cookie: cookieHeader(jar) } }, jar, NOWHERE);
    assert.ok(page.response);
    const html = await page.response.text();
    assert.match(html, /Cần xác thực VNeID mức 2/, 'the realm asks for VNeID level 2');
    const vneid = /<form[^>]*\baction="([^"]+\/vneid)"/.exec(html)?.[1];
    assert.ok(vneid);
    return followRedirects(new URL(vneid, page.response.url).href, form({ username, password: 'demo' }), jar, NOWHERE);
  }

  async function firstDossierPath(jar: CookieJar): Promise<string> {
    const home = await (await fetch(`${portals.services.url}/`, { headers: { cookie: cookieHeader(jar) } })).text();
    const path = /href="(\/dossiers\/[^"]+)"/.exec(home)?.[1];
    assert.ok(path, 'a dossier with a details link');
    return path;
  }

  test('a level-2 account steps up with VNeID and comes back to the dossier', async () => {
    const jar = await signIn(portals.services, 'an.nguyen');
    assert.equal((await sessionOf(portals.services, jar))?.session.user?.acr, '1');
    const path = await firstDossierPath(jar);
    const done = await stepUpAs('an.nguyen', jar, path);
    assert.equal(done.response?.status, 200);
    assert.equal(new URL(done.response.url).pathname, path);
    assert.match(await done.response.text(), /id="dossier-detail"/);
    assert.equal((await sessionOf(portals.services, jar))?.session.user?.acr, '2');
  });

  test('a level-1 account cannot: the realm explains, and the portal shows why, still signed in at level 1', async () => {
    const jar = await signIn(portals.services, 'binh.tran');
    const path = await firstDossierPath(jar);
    const refused = await stepUpAs('binh.tran', jar, path);
    assert.equal(refused.response?.status, 403);
    const html = await refused.response.text();
    assert.match(html, /mới được định danh mức 1/);
    const abort = /<form[^>]*\baction="([^"]+\/abort)"/.exec(html)?.[1];
    assert.ok(abort);
    const back = await followRedirects(new URL(abort, refused.response.url).href, form({ reason: 'unmet' }), jar, NOWHERE);
    assert.equal(back.response?.status, 200);
    assert.equal(new URL(back.response.url).origin, portals.services.url);
    const page = await back.response.text();
    assert.match(page, /chưa được định danh VNeID mức 2/);
    assert.match(page, /id="my-dossiers"/, 'still signed in');
    assert.equal((await sessionOf(portals.services, jar))?.session.user?.acr, '1');
  });
});

describe('configuration', () => {
  test('defaults for one machine; production needs a secret and https', () => {
    const config = parsePortalConfig({});
    assert.equal(config.portal1022.port, 4010);
    assert.equal(config.portalDvc.port, 4020);
    assert.equal(config.portal1022.publicUrl, 'http://127.0.0.1:4010');
    assert.equal(config.portal1022.clientId, 'portal-1022');
    assert.equal(config.portalDvc.clientId, 'portal-dichvucong');
    assert.equal(config.redisUrl, undefined);
    assert.ok(config.sessionSecret.length >= 32);
    assert.deepEqual(config.portals, ['1022', 'dvc']);

    assert.throws(
      () => parsePortalConfig({ NODE_ENV: 'production', PORTALS: '1022' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        const text = error.problems.join('\n');
        assert.match(text, /SESSION_SECRET: required in production/);
        assert.match(text, /OIDC_ISSUER: must be https in production/);
        assert.match(text, /PORTAL_1022_PUBLIC_URL: required in production/);
        assert.doesNotMatch(text, /PORTAL_DVC_PUBLIC_URL/);
        return true;
      },
    );
    assert.throws(
      () => parsePortalConfig({ REDIS_URL: 'http://redis', SESSION_SECRET: 'short', PORTALS: 'x' }),
      (error: unknown) => {
        assert.ok(error instanceof ConfigError);
        assert.equal(error.problems.length, 3);
        return true;
      },
    );
  });
});

describe('session stores', () => {
  const user = (sid: string, sub: string): PortalSession => ({
    user: { sub, sid, acr: '1', idToken: 'id', accessToken: 'at', accessTokenExpiresAt: Date.now() + 60_000 },
  });

  async function exercise(store: SessionStore): Promise<void> {
    await store.set('s1', user('sid-1', 'sub-a'), 60);
    await store.set('s2', user('sid-1', 'sub-a'), 60);
    await store.set('s3', user('sid-2', 'sub-a'), 60);
    await store.set('s4', user('sid-3', 'sub-b'), 60);
    await store.set('pending', { silentTried: true }, 60);
    assert.equal((await store.get('s1'))?.user?.sid, 'sid-1');
    assert.equal(await store.destroyBySid('sid-1'), 2);
    assert.equal(await store.get('s1'), undefined);
    assert.equal(await store.get('s2'), undefined);
    assert.ok(await store.get('s3'));
    assert.equal(await store.destroyBySid('sid-1'), 0);
    assert.equal(await store.destroyBySubject('sub-a'), 1);
    assert.equal(await store.get('s3'), undefined);
    assert.ok(await store.get('s4'));
    assert.ok(await store.get('pending'));
    await store.destroy('s4');
    assert.equal(await store.get('s4'), undefined);
    await store.set('short', { silentTried: true }, 1);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    assert.equal(await store.get('short'), undefined, 'expired');
  }

  test('in memory', async () => {
    const store = createMemorySessionStore();
    await exercise(store);
    await store.close();
  });

  const redisServer = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((path) => existsSync(path));
  test('in Redis (REDIS_URL)', { skip: redisServer ? false : 'redis-server is not installed' }, async () => {
    const port = (await reservePortalPorts()).feedback;
    const server: ChildProcess = spawn(redisServer ?? 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    try {
      const url = `redis://127.0.0.1:${port}`;
      const store = createRedisSessionStore(url, 'test:portal:', { onError: () => {} });
      for (let attempt = 0; ; attempt++) {
        try {
          await store.get('probe');
          break;
        } catch (error) {
          if (attempt > 50) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      await exercise(store);
      await store.close();
    } finally {
      server.kill('SIGTERM');
    }
  });
});
