// A subgraph that is down costs only its own fields: the others' data comes back, with a coded error
// naming the missing service, and the gateway keeps serving.
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startHub, TEST_CLIENT_ID, TEST_REDIRECT_URI } from '../../testing/hub.ts';
import type { Hub } from '../../testing/hub.ts';
import { loginWithPkce } from '../../testing/oidc-login.ts';

/** A local port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('a subgraph is down', () => {
  let hub: Hub;
  let token: string;
  before(async () => {
    hub = await startHub({ gatewayEnv: { NOTIFICATION_URL: `http://127.0.0.1:${await closedPort()}/graphql` } });
    token = (
      await loginWithPkce({
        issuer: hub.idp.issuer,
        clientId: TEST_CLIENT_ID,
        redirectUri: TEST_REDIRECT_URI,
        username: 'an.nguyen',
        password: 'demo',
        scope: 'openid feedback:read dossier:read notification:read',
      })
    ).accessToken;
  });
  after(() => hub?.close());

  test("the other subgraphs' data comes back with SUBGRAPH_UNAVAILABLE naming the notification service", async () => {
    const { status, body } = await hub.graphql('{ procedures(first: 1) { code } notices { title } }', { token });
    assert.equal(status, 200);
    assert.equal((body.data?.['procedures'] as unknown[]).length, 1);
    assert.equal(body.data?.['notices'], null);
    const error = body.errors?.find((candidate) => candidate.extensions?.['code'] === 'SUBGRAPH_UNAVAILABLE');
    assert.ok(error, JSON.stringify(body.errors));
    assert.equal(error.extensions?.['serviceName'], 'notification');
    assert.doesNotMatch(JSON.stringify(body), /127\.0\.0\.1|ECONNREFUSED/, 'no internal address leaks');
  });

  test('the citizen home query keeps feedback and dossiers when the inbox is down', async () => {
    const { status, body } = await hub.graphql('{ me { id feedback { code } dossiers { code } notifications { title } } }', { token });
    assert.equal(status, 200);
    const me = body.data?.['me'] as { feedback: unknown[]; dossiers: unknown[]; notifications: unknown } | null;
    assert.ok(me, JSON.stringify(body));
    assert.ok(me.feedback.length > 0 && me.dossiers.length > 0);
    assert.equal(me.notifications, null);
    assert.ok(
      body.errors?.some((error) => error.extensions?.['code'] === 'SUBGRAPH_UNAVAILABLE' && error.extensions['serviceName'] === 'notification'),
      JSON.stringify(body.errors),
    );
  });

  test('a query that does not touch it is unaffected', async () => {
    const { body } = await hub.graphql('{ me { feedback { code } dossiers { code } } }', { token });
    assert.equal(body.errors, undefined);
    assert.ok(((body.data?.['me'] as { feedback: unknown[] }).feedback.length ?? 0) > 0);
  });
});
