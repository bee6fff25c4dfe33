// Prometheus metrics and request ids, seen from outside: what an operator's scraper reads from the
// gateway's and a subgraph's /metrics after real requests, that client-chosen names cannot blow up the
// label space or carry personal data, that /metrics needs its token when one is set, and that every
// response carries a request id (the caller's own when well-formed).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startHub, TEST_CLIENT_ID, TEST_REDIRECT_URI } from '../../testing/hub.ts';
import type { Hub } from '../../testing/hub.ts';
import { loginWithPkce } from '../../testing/oidc-login.ts';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';

const METRICS_TOKEN = 'scrape-token-0123456789';

/** The value of one sample line (`name{labels} value`) whose labels include all of `labels`, or undefined. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const wanted = Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`));
    if (wanted) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('metrics and request ids', () => {
  let hub: Hub;
  let token: string;

  before(async () => {
    hub = await startHub({ gatewayEnv: { METRICS_TOKEN } });
    token = (await loginWithPkce({ issuer: hub.idp.issuer, clientId: TEST_CLIENT_ID, redirectUri: TEST_REDIRECT_URI, username: 'an.nguyen', password: 'demo', scope: 'openid profile feedback:read' }))
      .accessToken;
  });
  after(async () => {
    await hub?.close();
  });

  const scrape = async (url: string, authorization?: string) => {
    const response = await fetch(`${url}/metrics`, authorization ? { headers: { authorization } } : {});
    return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
  };

  test('the gateway counts operations by name, outcome and client, and times them', async () => {
    for (let i = 0; i < 3; i++) {
      const { status, body } = await hub.graphql('query CitizenHome { me { id feedback { code } } }', { token });
      assert.equal(status, 200);
      assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    }
    assert.equal((await hub.graphql('query Anon { procedures(first: 1) { code } }')).status, 200);
    const refused = await hub.graphql('query Broken { nope }');
    assert.equal(refused.status, 400);

    const { status, type, text } = await scrape(hub.gatewayUrl, `Bearer ${METRICS_TOKEN}`);
    assert.equal(status, 200);
    assert.match(type, /^text\/plain; version=0\.0\.4/);
    assert.equal(sample(text, 'lien_thong_gateway_operations_total', { operation: 'CitizenHome', type: 'query', outcome: 'ok', client: TEST_CLIENT_ID }), 3);
    assert.equal(sample(text, 'lien_thong_gateway_operations_total', { operation: 'Anon', outcome: 'ok', client: 'anonymous' }), 1);
    // A document that does not validate is counted under its code, not under a name the client made up.
    assert.equal(sample(text, 'lien_thong_gateway_operations_total', { operation: 'invalid', outcome: 'GRAPHQL_VALIDATION_FAILED' }), 1);
    assert.equal(sample(text, 'lien_thong_gateway_operation_duration_seconds_count', { operation: 'CitizenHome', outcome: 'ok' }), 3);
    assert.ok((sample(text, 'lien_thong_gateway_subgraph_requests_total', { subgraph: 'feedback', outcome: 'ok' }) ?? 0) >= 3);
    assert.equal(sample(text, 'lien_thong_gateway_subgraph_circuit_open', { subgraph: 'feedback' }), 0);
    // The same query text three times: parsed once, then cache hits; the token verified once.
    assert.ok((sample(text, 'lien_thong_gateway_cache_lookups_total', { cache: 'operation', result: 'hit' }) ?? 0) >= 2);
    assert.ok((sample(text, 'lien_thong_gateway_cache_lookups_total', { cache: 'plan', result: 'hit' }) ?? 0) >= 2);
    assert.ok((sample(text, 'lien_thong_gateway_cache_lookups_total', { cache: 'token', result: 'hit' }) ?? 0) >= 2);
    assert.ok((sample(text, 'lien_thong_http_requests_total', { service: 'gateway', method: 'POST', route: '/graphql', status: '2xx' }) ?? 0) >= 4);
    assert.ok(text.includes('lien_thong_process_resident_memory_bytes'), 'the default process metrics are there');
    // Personal data and tokens never reach a label.
    assert.ok(!text.includes(DEMO_ACCOUNTS[0]!.sub), 'no subject in the metrics');
    assert.ok(!text.includes(token.slice(0, 20)), 'no token in the metrics');
  });

  test('operation names a client invents stay within a bounded label space', async () => {
    // 600 distinct names: the first 500 the gateway sees keep their own label, the rest are "other".
    await Promise.all(Array.from({ length: 600 }, (_, i) => hub.graphql(`query Invented${i} { procedures(first: 1) { code } }`)));
    const { text } = await scrape(hub.gatewayUrl, `Bearer ${METRICS_TOKEN}`);
    const names = new Set([...text.matchAll(/^lien_thong_gateway_operations_total\{[^}]*operation="([^"]+)"/gm)].map((match) => match[1]));
    assert.ok(names.size <= 500 + 2, `${names.size} operation label values`);
    assert.ok((sample(text, 'lien_thong_gateway_operations_total', { operation: 'other' }) ?? 0) >= 100);
  });

  test('routes are labelled by their pattern, never by the path a caller sent', async () => {
    await fetch(`${hub.gatewayUrl}/no/such/path/0901234567`);
    const { text } = await scrape(hub.gatewayUrl, `Bearer ${METRICS_TOKEN}`);
    assert.ok(!text.includes('0901234567'));
    assert.ok((sample(text, 'lien_thong_http_requests_total', { route: 'unmatched', status: '4xx' }) ?? 0) >= 1);
  });

  test('with a token set, /metrics answers only a scraper that sends it', async () => {
    for (const authorization of [undefined, 'Bearer wrong-token-0123456789', `Basic ${METRICS_TOKEN}`, `Bearer ${METRICS_TOKEN}x`]) {
      const { status, text } = await scrape(hub.gatewayUrl, authorization);
      assert.equal(status, 401, String(authorization));
      assert.equal((JSON.parse(text) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code, 'UNAUTHENTICATED');
    }
  });

  test('a subgraph serves its own metrics: its HTTP requests and its process', async () => {
    const feedbackUrl = hub.subgraphUrls['feedback']!.replace(/\/graphql$/, '');
    const { status, text } = await scrape(feedbackUrl);
    assert.equal(status, 200, 'open without a token outside production');
    assert.ok((sample(text, 'lien_thong_http_requests_total', { service: 'feedback', method: 'POST', route: '/graphql', status: '2xx' }) ?? 0) >= 1);
    // The feedback subgraph has an outbox: its backlog is reported (a number, whatever the relay is doing).
    assert.match(text, /^lien_thong_outbox_pending_events\{service="feedback"\} \d+$/m);
    assert.match(text, /^lien_thong_outbox_oldest_pending_age_seconds\{service="feedback"\} [\d.e+-]+$/m);
    if (hub.databaseKind === 'postgres') assert.match(text, /^lien_thong_db_pool_connections\{state="open",service="feedback"\} \d+$/m);
    else assert.ok(!text.includes('lien_thong_db_pool_connections{'), 'no pool on embedded PGlite');
    // The notification subgraph's durable consumers report their lag (a number; 0 once idle).
    const notification = (await scrape(hub.subgraphUrls['notification']!.replace(/\/graphql$/, ''))).text;
    for (const consumer of ['notification-feedback', 'notification-dossier', 'notification-planning']) {
      assert.match(notification, new RegExp(`^lien_thong_event_consumer_lag_events\\{consumer="${consumer}",service="notification"\\} \\d+$`, 'm'));
    }
    // A subgraph without an outbox reports none rather than an error.
    const planning = await scrape(hub.subgraphUrls['planning']!.replace(/\/graphql$/, ''));
    assert.equal(planning.status, 200);
  });

  test('the outbox backlog shows events the bus has not taken yet, and empties when it takes them', async () => {
    const feedbackUrl = hub.subgraphUrls['feedback']!.replace(/\/graphql$/, '');
    const pendingNow = async () => sample((await scrape(feedbackUrl)).text, 'lien_thong_outbox_pending_events', { service: 'feedback' }) ?? -1;
    // The bus refuses every publish for a while (an outage), so the relay leaves the row where it is.
    const bus = hub.bus as { publish: (...args: unknown[]) => Promise<void> };
    const publish = bus.publish;
    bus.publish = () => Promise.reject(new Error('bus down (test)'));
    try {
      await hub.subgraphs['feedback']!.database.withConnection((connection) =>
        connection.query(`INSERT INTO "outbox" ("event_id", "topic", "payload", "occurred_at") VALUES (gen_random_uuid(), 'test.metrics', '{}', now() - interval '90 seconds')`),
      );
      const { text } = await scrape(feedbackUrl);
      assert.ok((sample(text, 'lien_thong_outbox_pending_events', { service: 'feedback' }) ?? 0) >= 1);
      const age = sample(text, 'lien_thong_outbox_oldest_pending_age_seconds', { service: 'feedback' }) ?? 0;
      assert.ok(age >= 90, `oldest pending ${age} s`);
    } finally {
      bus.publish = publish;
    }
    const deadline = Date.now() + 15_000;
    while ((await pendingNow()) !== 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(await pendingNow(), 0, 'the relay published the backlog once the bus was back');
  });

  test("every response carries a request id: the caller's own when well-formed, a new one otherwise", async () => {
    const own = await fetch(`${hub.gatewayUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-request-id': 'client-req-42' }, body: '{"query":"{ nope }"}' });
    assert.equal(own.headers.get('x-request-id'), 'client-req-42');
    const body = (await own.json()) as { errors: { extensions: Record<string, unknown> }[] };
    assert.equal(body.errors[0]!.extensions['requestId'], 'client-req-42', 'a refusal names the request id');

    for (const hostile of ['a'.repeat(129), 'id with spaces', '<script>', '../../etc', '']) {
      const response = await fetch(`${hub.gatewayUrl}/health/live`, { headers: { 'x-request-id': hostile } });
      const id = response.headers.get('x-request-id') ?? '';
      assert.match(id, /^[0-9a-f-]{36}$/, `a new id instead of ${JSON.stringify(hostile)}`);
    }
    const ok = await hub.graphql('{ procedures(first: 1) { code } }');
    assert.equal(ok.status, 200);
  });
});
