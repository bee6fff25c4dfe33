// End to end: the real identity provider, the four subgraphs and the gateway on ephemeral ports.
// A citizen logs in with authorization code + PKCE and runs one query spanning three subgraphs.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_ACCOUNTS, DEMO_CLIENTS } from '../../auth/demo-realm.ts';
import { DEMO_DOSSIERS } from '../../subgraphs/dossier/prisma/seed-data.ts';
import { DEMO_FEEDBACK } from '../../subgraphs/feedback/prisma/seed-data.ts';
import { MESSAGES } from '../../subgraphs/notification/prisma/seed-data.ts';
import { startHub, TEST_CLIENT_ID, TEST_REDIRECT_URI } from '../../testing/hub.ts';
import type { Hub } from '../../testing/hub.ts';
import { clientCredentialsToken, loginWithPkce } from '../../testing/oidc-login.ts';

const HOME_QUERY = `query Home {
  me {
    id
    feedback { code status title category { name } }
    dossiers { code status procedure { name } }
    notifications { title read }
  }
}`;

/** What a citizen portal asks for: sign-in plus read access to the citizen's own records. */
const CITIZEN_SCOPE = 'openid profile feedback:read dossier:read notification:read planning:read';

function account(username: string) {
  const found = DEMO_ACCOUNTS.find((candidate) => candidate.username === username);
  assert.ok(found, `demo account ${username}`);
  return found;
}

describe('the hub end to end', () => {
  let hub: Hub;
  let anToken: string;
  let cuongToken: string;
  const an = account('an.nguyen');
  const cuong = account('cuong.le');

  before(async () => {
    hub = await startHub();
    const login = (username: string) => loginWithPkce({ issuer: hub.idp.issuer, clientId: TEST_CLIENT_ID, redirectUri: TEST_REDIRECT_URI, username, password: 'demo', scope: CITIZEN_SCOPE });
    anToken = (await login('an.nguyen')).accessToken;
    cuongToken = (await login('cuong.le')).accessToken;
  });
  after(() => hub?.close());

  test('a citizen sees their own feedback, dossiers and notifications in one query', async () => {
    const { status, body } = await hub.graphql(HOME_QUERY, { token: anToken });
    assert.equal(status, 200);
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    const me = body.data?.['me'] as { id: string; feedback: { code: string }[]; dossiers: { code: string }[]; notifications: { title: string }[] };
    assert.equal(me.id, an.sub);
    const expectedFeedback = DEMO_FEEDBACK.filter((item) => item.citizenSub === an.sub)
      .map((item) => item.code)
      .sort();
    const expectedDossiers = DEMO_DOSSIERS.filter((dossier) => dossier.ownerSub === an.sub)
      .map((dossier) => dossier.code)
      .sort();
    const expectedTitles = MESSAGES.filter((message) => message.recipientSub === an.sub)
      .map((message) => message.title)
      .sort();
    assert.ok(expectedFeedback.length > 0 && expectedDossiers.length > 0 && expectedTitles.length > 0, 'the seed gives an.nguyen records in all three');
    assert.deepEqual(me.feedback.map((item) => item.code).sort(), expectedFeedback);
    assert.deepEqual(me.dossiers.map((dossier) => dossier.code).sort(), expectedDossiers);
    assert.deepEqual(me.notifications.map((message) => message.title).sort(), expectedTitles);
  });

  test("another citizen's query returns their records and none of the first citizen's", async () => {
    const { body } = await hub.graphql(HOME_QUERY, { token: cuongToken });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    const me = body.data?.['me'] as { id: string; feedback: { code: string }[]; dossiers: { code: string }[] };
    assert.equal(me.id, cuong.sub);
    const ansFeedback = new Set(DEMO_FEEDBACK.filter((item) => item.citizenSub === an.sub).map((item) => item.code));
    const ansDossiers = new Set(DEMO_DOSSIERS.filter((dossier) => dossier.ownerSub === an.sub).map((dossier) => dossier.code));
    assert.ok(me.feedback.length > 0 && me.dossiers.length > 0);
    for (const item of me.feedback) assert.ok(!ansFeedback.has(item.code), `cuong must not see ${item.code}`);
    for (const dossier of me.dossiers) assert.ok(!ansDossiers.has(dossier.code), `cuong must not see ${dossier.code}`);
  });

  test('without a token, me fails with UNAUTHENTICATED', async () => {
    const { status, body } = await hub.graphql(HOME_QUERY);
    assert.equal(status, 200);
    assert.equal(body.data?.['me'], null);
    assert.equal(body.errors?.[0]?.extensions?.['code'], 'UNAUTHENTICATED');
    assert.deepEqual(body.errors?.[0]?.path, ['me']);
  });

  test('public fields work anonymously: procedures, categories, planning, notices', async () => {
    const { status, body } = await hub.graphql(`{
      procedures(first: 3) { code name agency { name } }
      feedbackCategories { code name }
      parcel: parcelsNear(lat: 10.7725, lng: 106.6980, radiusMeters: 1000) { sheet number zone { function } }
      notices(first: 2) { title }
    }`);
    assert.equal(status, 200);
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    const data = body.data as { procedures: unknown[]; feedbackCategories: unknown[]; notices: unknown[] };
    assert.equal(data.procedures.length, 3);
    assert.equal(data.feedbackCategories.length, 20);
    assert.equal(data.notices.length, 2);
  });

  test('a partner app with client credentials reads public data, and me is FORBIDDEN to it', async () => {
    const partner = DEMO_CLIENTS.find((client) => client.grantTypes.includes('client_credentials'));
    assert.ok(partner?.clientSecret);
    const token = await clientCredentialsToken({ issuer: hub.idp.issuer, clientId: partner.clientId, clientSecret: partner.clientSecret });
    const { status, body } = await hub.graphql('{ procedures(first: 1) { code } me { id dossiers { code } } }', { token });
    assert.equal(status, 200);
    assert.equal((body.data?.['procedures'] as unknown[]).length, 1);
    assert.equal(body.data?.['me'], null);
    assert.equal(body.errors?.[0]?.extensions?.['code'], 'FORBIDDEN');
  });

  test('the gateway publishes the public key of its internal tokens, and no private part', async () => {
    const response = await fetch(`${hub.gatewayUrl}/.well-known/jwks.json`);
    const jwks = (await response.json()) as { keys: Record<string, unknown>[] };
    assert.equal(jwks.keys.length, 1);
    assert.equal(jwks.keys[0]?.['crv'], 'Ed25519');
    assert.equal(jwks.keys[0]?.['d'], undefined);
  });
});
