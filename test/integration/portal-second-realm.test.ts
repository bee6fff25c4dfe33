// The portals and the gateway against a second, independently configured OpenID provider
// (testing/second-realm.ts: not the embedded realm, confidential clients, a consent screen, the VNeID level
// in `vneid_loa` and the roles in `groups`), set up by configuration alone: sign-in at Cổng 1022
// (client_secret_basic), single sign-on at Cổng dịch vụ công (private_key_jwt), whose silent attempt the
// realm answers `consent_required` — one click then signs in —, the level read through the gateway's claim
// mapping, and sign-out everywhere (RP-initiated, then back-channel to both portals and the gateway).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startHub } from '../../testing/hub.ts';
import type { Hub } from '../../testing/hub.ts';
import { followRedirects } from '../../testing/oidc-login.ts';
import type { CookieJar } from '../../testing/oidc-login.ts';
import { reservePortalPorts, startPortals, urlOf } from '../../testing/portals.ts';
import type { Portals, RunningPortal } from '../../testing/portals.ts';
import { es256KeyPair, startSecondRealm } from '../../testing/second-realm.ts';
import type { SecondRealm } from '../../testing/second-realm.ts';

const NOWHERE = 'http://127.0.0.1:1/never';
const SECRET = 'second-realm-portal-1022-secret-0123456789';
const CLIENTS = { feedback: 'city-feedback-portal', services: 'city-services-portal' } as const;

let realm: SecondRealm;
let hub: Hub;
let portals: Portals;

before(async () => {
  const ports = await reservePortalPorts();
  const dvcKey = await es256KeyPair();
  const site = (kind: 'feedback' | 'services') => ({
    redirectUri: `${urlOf(ports[kind])}/auth/callback`,
    postLogoutRedirectUri: `${urlOf(ports[kind])}/`,
    backchannelLogoutUri: `${urlOf(ports[kind])}/auth/backchannel-logout`,
  });
  realm = await startSecondRealm({
    clients: [
      { clientId: CLIENTS.feedback, ...site('feedback'), auth: { method: 'client_secret_basic', secret: SECRET } },
      { clientId: CLIENTS.services, ...site('services'), auth: { method: 'private_key_jwt', jwk: dvcKey.publicJwk } },
    ],
    accounts: [
      { sub: 'second-realm-an', username: 'an', name: 'Nguyễn Văn An', level: 'high', groups: ['citizen'] },
      { sub: 'second-realm-binh', username: 'binh', name: 'Trần Thị Bình', level: 'substantial', groups: ['citizen'] },
    ],
  });
  hub = await startHub({ gatewayEnv: realm.gatewayEnv(Object.values(CLIENTS)) });
  portals = await startPortals(hub, ports, {
    realm: {
      issuer: realm.issuer,
      clients: {
        feedback: { clientId: CLIENTS.feedback, clientAuth: { method: 'client_secret_basic', secret: SECRET } },
        services: { clientId: CLIENTS.services, clientAuth: { method: 'private_key_jwt', privateJwk: dvcKey.privateJwk } },
      },
    },
  });
});

after(async () => {
  await portals?.close();
  await hub?.close();
  await realm?.close();
});

/** GET or POST `url` as one user agent, following redirects across the portals and the realm; the last page. */
async function visit(jar: CookieJar, url: string, fields?: Record<string, string>): Promise<{ url: string; status: number; html: string }> {
  const init: RequestInit = fields ? { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() } : { method: 'GET' };
  const { response } = await followRedirects(url, init, jar, NOWHERE);
  assert.ok(response);
  return { url: response.url, status: response.status, html: await response.text() };
}

/** The action of the form with `id` on a page of the realm, absolute. */
function formAction(page: { url: string; html: string }, id: string): string {
  const action = new RegExp(`<form id="${id}"[^>]*action="([^"]+)"`).exec(page.html)?.[1];
  assert.ok(action, `the ${id} form on ${page.url}`);
  return new URL(action, page.url).href;
}

/** The access token `portal` holds for this user agent (from its session store; never in a page). */
async function accessTokenAt(portal: RunningPortal, jar: CookieJar): Promise<string | undefined> {
  const cookie = jar.get(`lt_session_${portal.clientId}`);
  const unsigned = cookie ? portal.app.unsignCookie(decodeURIComponent(cookie)) : undefined;
  return unsigned?.valid && unsigned.value ? (await portal.sessions.get(unsigned.value))?.user?.accessToken : undefined;
}

const csrfOf = (html: string): string => /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? assert.fail('a CSRF token on the page');

test('sign in, single sign-on after one click, the level from the claim mapping, sign out everywhere', async () => {
  const jar: CookieJar = new Map();
  const a = portals.feedback;
  const b = portals.services;

  // Nobody signed in at the realm: the silent attempt ends on the signed-out page.
  const home = await visit(jar, `${a.url}/`);
  assert.equal(home.url, `${a.url}/`);
  assert.match(home.html, /id="signed-out"/);

  // Sign in at Cổng 1022 (client_secret_basic): the realm's login form, then its consent screen.
  const login = await visit(jar, `${a.url}/auth/login`);
  assert.ok(login.url.startsWith(realm.issuer), `at the realm, got ${login.url}`);
  const consent = await visit(jar, formAction(login, 'login'), { username: 'an' });
  const signedIn = await visit(jar, formAction(consent, 'consent'), {});
  assert.equal(signedIn.url, `${a.url}/`);
  assert.match(signedIn.html, /data-signed-in="true"/);
  assert.match(signedIn.html, /Nguyễn Văn An/);
  assert.match(signedIn.html, /id="my-feedback"/);
  const tokenA = await accessTokenAt(a, jar);
  assert.ok(tokenA);
  // The gateway accepts the realm's token as a citizen's: the person (not the client), the role from `groups`.
  const mine = await hub.graphql('query { me { feedback { code } } }', { token: tokenA });
  assert.deepEqual(mine.body, { data: { me: { feedback: [] } } });

  // Cổng dịch vụ công (private_key_jwt): the realm knows the person but wants consent for this portal, so
  // the silent attempt comes back `consent_required` and the page says one click will do.
  const other = await visit(jar, `${b.url}/`);
  assert.equal(other.url, `${b.url}/`);
  assert.match(other.html, /id="signed-out"/);
  assert.match(other.html, /one click on “Sign in” continues here/);
  const oneClick = await visit(jar, `${b.url}/auth/login`);
  assert.doesNotMatch(oneClick.html, /id="login"/, 'no login form: the realm has the session');
  const atB = await visit(jar, formAction(oneClick, 'consent'), {});
  assert.equal(atB.url, `${b.url}/`);
  assert.match(atB.html, /data-signed-in="true"/);

  // `vneid_loa: high` maps to level 2: a dossier's page is looked up (not found) instead of asking for step-up.
  const dossier = await visit(jar, `${b.url}/dossiers/HS-000000-0000`);
  assert.equal(new URL(dossier.url).pathname, '/dossiers/HS-000000-0000', 'no step-up redirect');
  const tokenB = await accessTokenAt(b, jar);
  assert.ok(tokenB);
  const me = await hub.graphql('query { me { unreadNotificationCount } }', { token: tokenB });
  assert.deepEqual(me.body, { data: { me: { unreadNotificationCount: 0 } } });

  // Sign out at Cổng dịch vụ công, and everywhere at the realm's confirmation page.
  const confirm = await visit(jar, `${b.url}/auth/logout`, { csrf: csrfOf(atB.html) });
  assert.ok(confirm.url.startsWith(`${realm.issuer}/session/end`), `the realm's sign-out page, got ${confirm.url}`);
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.html)?.[1];
  assert.ok(xsrf);
  const after = await visit(jar, formAction(confirm, 'op.logoutForm'), { xsrf, logout: 'yes' });
  assert.equal(after.url, `${b.url}/`);
  assert.match(after.html, /id="signed-out"/);

  // The back-channel logout reached Cổng 1022 and the gateway: signed out there, the old tokens refused.
  assert.match((await visit(jar, `${a.url}/`)).html, /id="signed-out"/);
  for (const token of [tokenA, tokenB]) {
    const refused = await hub.graphql('query { me { unreadNotificationCount } }', { token });
    assert.equal(refused.status, 401, JSON.stringify(refused.body));
  }
});

test('a level the mapping reads as 1 gets the step-up, and the realm is asked for level 2', async () => {
  const jar: CookieJar = new Map();
  const b = portals.services;
  const login = await visit(jar, `${b.url}/auth/login`);
  const consent = await visit(jar, formAction(login, 'login'), { username: 'binh' });
  await visit(jar, formAction(consent, 'consent'), {});
  // The redirect to the realm's authorization endpoint is captured, not followed: it asks for level 2.
  const { callback: toRealm } = await followRedirects(`${b.url}/dossiers/HS-000000-0000`, { method: 'GET' }, jar, `${realm.issuer}/auth`);
  assert.equal(toRealm?.searchParams.get('acr_values'), '2');
});
