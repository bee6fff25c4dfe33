// Resilience: a slow subgraph times out alone, queries are retried after a dropped connection and
// mutations are not, a failing subgraph's circuit opens and fails fast, and shutdown lets in-flight
// requests finish.
import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { startHub } from '../../testing/hub.ts';
import type { Hub } from '../../testing/hub.ts';
import { startSubgraphProxy } from '../../testing/proxy.ts';
import type { SubgraphProxy } from '../../testing/proxy.ts';
import { createRealmKeys, mintAccessToken } from '../../testing/tokens.ts';
import type { RealmKeys } from '../../testing/tokens.ts';

describe('gateway resilience', () => {
  let hub: Hub;
  let keys: RealmKeys;
  let notification: SubgraphProxy;
  let feedback: SubgraphProxy;
  let token: string;
  const citizen = DEMO_ACCOUNTS[0]!;

  before(async () => {
    keys = await createRealmKeys();
    notification = await startSubgraphProxy();
    feedback = await startSubgraphProxy();
    hub = await startHub({
      idpKeysFile: keys.keysFile,
      gatewayEnv: { NOTIFICATION_URL: notification.url, FEEDBACK_URL: feedback.url, NOTIFICATION_TIMEOUT_MS: '400', CIRCUIT_FAILURE_THRESHOLD: '3', CIRCUIT_RESET_MS: '600000' },
    });
    notification.state.target = hub.subgraphUrls['notification']!;
    feedback.state.target = hub.subgraphUrls['feedback']!;
    token = await mintAccessToken(keys.key, hub.idp.issuer, { sub: citizen.sub });
  });
  after(async () => {
    await hub?.close();
    await notification?.close();
    await feedback?.close();
    await rm(keys.folder, { recursive: true, force: true });
  });

  test('a slow subgraph times out alone: the others answer and the error names it', async () => {
    notification.state.mode = 'delay';
    notification.state.delayMs = 3_000;
    const { status, body } = await hub.graphql('{ me { dossiers { code } notifications { title } } }', { token });
    notification.state.mode = 'pass';
    assert.equal(status, 200);
    const me = body.data?.['me'] as { dossiers: unknown[]; notifications: unknown };
    assert.ok(me.dossiers.length > 0);
    assert.equal(me.notifications, null);
    const error = body.errors?.find((candidate) => candidate.extensions?.['code'] === 'SUBGRAPH_UNAVAILABLE');
    assert.equal(error?.extensions?.['serviceName'], 'notification');
    assert.match(error?.message ?? '', /in time/);
  });

  test('a query is retried after a dropped connection', async () => {
    feedback.state.mode = 'drop-once';
    const before = feedback.state.requests;
    const { body } = await hub.graphql('{ feedbackCategories { code } }');
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    assert.equal((body.data?.['feedbackCategories'] as unknown[]).length, 20);
    assert.equal(feedback.state.requests - before, 2, 'one failed attempt, one retry');
  });

  test('a mutation is never retried', async () => {
    feedback.state.mode = 'drop-once';
    const before = feedback.state.requests;
    const { body } = await hub.graphql('mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code } }', {
      token,
      variables: { input: { categoryCode: 'CAY_XANH', title: 'Cây nghiêng', content: 'Cây xanh nghiêng sát nhà dân sau mưa lớn.', lat: 10.78, lng: 106.69 } },
    });
    assert.equal(feedback.state.requests - before, 1);
    assert.equal(body.errors?.[0]?.extensions?.['code'], 'SUBGRAPH_UNAVAILABLE');
    feedback.state.mode = 'pass';
  });

  test("a failing subgraph's circuit opens: calls fail fast and readiness reports it", async () => {
    notification.state.mode = 'drop';
    for (let attempt = 0; attempt < 3; attempt += 1) await hub.graphql('{ notices { title } }');
    const before = notification.state.requests;
    const { body } = await hub.graphql('{ notices { title } feedbackCategories { code } }');
    assert.equal(notification.state.requests, before, 'no call reached the subgraph');
    assert.match(body.errors?.[0]?.message ?? '', /circuit open/);
    assert.equal((body.data?.['feedbackCategories'] as unknown[]).length, 20);
    const ready = (await (await fetch(`${hub.gatewayUrl}/health/ready`)).json()) as { subgraphs: Record<string, string> };
    assert.equal(ready.subgraphs['notification'], 'open');
    assert.equal(ready.subgraphs['feedback'], 'closed');
    notification.state.mode = 'pass';
  });

  test('shutdown lets an in-flight request finish, and refuses new ones', async () => {
    feedback.state.mode = 'delay';
    feedback.state.delayMs = 300;
    const inFlight = hub.graphql('{ feedbackCategories { code } }');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = hub.gateway.close();
    const { status, body } = await inFlight;
    await closing;
    assert.equal(status, 200);
    assert.equal((body.data?.['feedbackCategories'] as unknown[]).length, 20);
    await assert.rejects(fetch(`${hub.gatewayUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ feedbackCategories { code } }"}' }));
  });
});
