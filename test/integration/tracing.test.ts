// OpenTelemetry traces, seen from a collector: the hub exports over OTLP/HTTP (JSON) to a receiver this
// test runs, and one client trace (its own `traceparent`) spans the gateway's phases, two subgraphs and
// their database queries, and crosses the event bus into the consumer of the event the change wrote.
// The spans reach the collector when the hub closes (the drain flushes them), and name no personal data.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { startHub, TEST_CLIENT_ID, TEST_REDIRECT_URI } from '../../testing/hub.ts';
import type { Hub } from '../../testing/hub.ts';
import { loginWithPkce } from '../../testing/oidc-login.ts';

/** One span as the collector received it. */
interface ReceivedSpan {
  readonly service: string;
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId: string;
  readonly name: string;
  /** OTLP's SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  readonly kind: number;
  readonly attributes: Readonly<Record<string, unknown>>;
}

interface OtlpAttribute {
  key: string;
  value: Record<string, unknown>;
}
interface OtlpExport {
  resourceSpans?: {
    resource?: { attributes?: OtlpAttribute[] };
    scopeSpans?: { spans?: { traceId: string; spanId: string; parentSpanId?: string; name: string; kind: number; attributes?: OtlpAttribute[] }[] }[];
  }[];
}

const attributesOf = (list: readonly OtlpAttribute[] | undefined): Record<string, unknown> => Object.fromEntries((list ?? []).map(({ key, value }) => [key, Object.values(value)[0]]));

/** An OTLP/HTTP receiver: POST /v1/traces with a JSON body, every span kept. */
async function startCollector(): Promise<{ url: string; spans: ReceivedSpan[]; contentTypes: Set<string>; close(): Promise<void> }> {
  const spans: ReceivedSpan[] = [];
  const contentTypes = new Set<string>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.method !== 'POST' || request.url !== '/v1/traces') {
        response.writeHead(404).end();
        return;
      }
      contentTypes.add(String(request.headers['content-type']));
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as OtlpExport;
      for (const resourceSpans of body.resourceSpans ?? []) {
        const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name']);
        for (const scope of resourceSpans.scopeSpans ?? []) {
          for (const span of scope.spans ?? []) {
            spans.push({ service, traceId: span.traceId, spanId: span.spanId, parentSpanId: span.parentSpanId ?? '', name: span.name, kind: span.kind, attributes: attributesOf(span.attributes) });
          }
        }
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, spans, contentTypes, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const SUBMIT = 'mutation Submit($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code } }';
const REPORT = { categoryCode: 'TRAT_TU_DO_THI', title: 'Lấn chiếm vỉa hè', content: 'Quán nước bày bàn ghế kín vỉa hè đường Lê Lợi.', lat: 10.7725, lng: 106.698 };

describe('traces', () => {
  let collector: Awaited<ReturnType<typeof startCollector>>;
  let hub: Hub;
  let closed = false;
  let token: string;
  // The client's own trace context: trace id and the id of its (client-side) span.
  const home = { traceId: hex(16), parentId: hex(8) };
  const submission = { traceId: hex(16), parentId: hex(8) };

  before(async () => {
    collector = await startCollector();
    const otlp = { OTEL_EXPORTER_OTLP_ENDPOINT: collector.url };
    hub = await startHub({ gatewayEnv: otlp, subgraphEnv: otlp });
    const scope = 'openid profile feedback:read feedback:write dossier:read notification:read';
    token = (await loginWithPkce({ issuer: hub.idp.issuer, clientId: TEST_CLIENT_ID, redirectUri: TEST_REDIRECT_URI, username: 'an.nguyen', password: 'demo', scope })).accessToken;
  });
  after(async () => {
    if (!closed) await hub?.close();
    await collector?.close();
  });

  const inTrace = (traceId: string) => collector.spans.filter((span) => span.traceId === traceId);
  const byId = (spans: readonly ReceivedSpan[]) => new Map(spans.map((span) => [span.spanId, span]));

  test('one client trace spans the gateway phases, two subgraphs and their database queries', async () => {
    const query = 'query CitizenHome { me { id feedback { code } dossiers { code } notifications { title } } }';
    const answer = await hub.graphql(query, { token, headers: { traceparent: `00-${home.traceId}-${home.parentId}-01` } });
    assert.equal(answer.status, 200);
    assert.equal(answer.body.errors, undefined, JSON.stringify(answer.body.errors));

    // The submission's event is consumed by notification: wait for its inbox to show it.
    const inbox = async () => ((await hub.graphql('{ me { notifications { link } } }', { token })).body.data?.['me'] as { notifications: { link: string | null }[] }).notifications;
    const submitted = await hub.graphql(SUBMIT, { token, variables: { input: REPORT }, headers: { traceparent: `00-${submission.traceId}-${submission.parentId}-01` } });
    assert.equal(submitted.body.errors, undefined, JSON.stringify(submitted.body.errors));
    const code = (submitted.body.data?.['submitFeedback'] as { code: string }).code;
    for (let i = 0; i < 100 && !(await inbox()).some((message) => message.link === code); i++) await sleep(100);
    assert.ok(
      (await inbox()).some((message) => message.link === code),
      'the routed-feedback notification arrived',
    );

    // Closing drains every process, which flushes its spans to the collector.
    closed = true;
    await hub.close();
    assert.deepEqual([...collector.contentTypes], ['application/json']);

    const spans = inTrace(home.traceId);
    const ids = byId(spans);
    const gatewayServer = spans.filter((span) => span.service === 'gateway' && span.kind === 2);
    assert.equal(gatewayServer.length, 1, 'one gateway server span');
    const root = gatewayServer[0]!;
    assert.equal(root.name, 'POST /graphql');
    assert.equal(root.parentSpanId, home.parentId, "the gateway continues the client's span");
    assert.equal(root.attributes['graphql.operation.name'], 'CitizenHome');
    assert.equal(root.attributes['http.response.status_code'], 200);

    const phases = spans.filter((span) => span.service === 'gateway' && span.parentSpanId === root.spanId).map((span) => span.name);
    for (const phase of ['verify', 'parse/validate', 'plan', 'shape']) assert.ok(phases.includes(phase), `the gateway's ${phase} phase: ${phases.join(', ')}`);
    const fetches = spans.filter((span) => span.service === 'gateway' && span.kind === 3 && span.name.startsWith('fetch '));
    assert.ok(fetches.every((fetch) => fetch.parentSpanId === root.spanId));

    // Each fetch is continued by the subgraph it called: a server span whose parent is the fetch.
    const subgraphServers = spans.filter((span) => span.service.startsWith('subgraph-') && span.kind === 2);
    for (const server of subgraphServers) {
      const fetch = ids.get(server.parentSpanId);
      assert.ok(fetch && fetch.service === 'gateway' && fetch.name === `fetch ${server.service.slice('subgraph-'.length)}`, `${server.service}'s server span is a child of the gateway's fetch of it`);
    }
    const services = new Set(subgraphServers.map((span) => span.service));
    assert.ok(services.size >= 2, `at least two subgraphs in the trace: ${[...services].join(', ')}`);

    // Database queries, below a subgraph's server span (possibly through a resolver batch).
    const queries = spans.filter((span) => span.attributes['db.system.name'] === 'postgresql');
    assert.ok(queries.length >= 2, `database query spans: ${queries.length}`);
    const serverAbove = (span: ReceivedSpan): ReceivedSpan | undefined => {
      for (let at = ids.get(span.parentSpanId); at; at = ids.get(at.parentSpanId)) if (at.kind === 2) return at;
      return undefined;
    };
    for (const query of queries) {
      assert.equal(query.kind, 3);
      assert.ok(typeof query.attributes['db.operation.name'] === 'string');
      const server = serverAbove(query);
      assert.ok(server && server.service === query.service && services.has(server.service), `${query.name} is under its subgraph's server span`);
    }
    assert.ok(new Set(queries.map((query) => query.service)).size >= 2, 'queries in two subgraphs');

    // One tree: every parent is in the trace, except the root's (the client's span).
    for (const span of spans) if (span !== root) assert.ok(ids.has(span.parentSpanId), `${span.service} ${span.name} has its parent in the trace`);
  });

  test('the trace crosses the event bus: the consumer continues the change that wrote the event', () => {
    const spans = inTrace(submission.traceId);
    const ids = byId(spans);
    const consumer = spans.find((span) => span.kind === 5 && span.name === 'process feedback.item-routed');
    assert.ok(consumer, `a consumer span in the submission's trace: ${spans.map((span) => `${span.service} ${span.name}`).join(', ')}`);
    assert.equal(consumer.service, 'subgraph-notification');
    assert.equal(consumer.attributes['messaging.destination.name'], 'feedback.item-routed');
    const writer = ids.get(consumer.parentSpanId);
    assert.ok(writer && writer.service === 'subgraph-feedback' && writer.kind === 2, "the consumer's parent is feedback's server span for the submission");
    const gatewayFetch = ids.get(writer.parentSpanId);
    assert.ok(gatewayFetch && gatewayFetch.service === 'gateway' && gatewayFetch.name === 'fetch feedback');
    assert.equal(ids.get(gatewayFetch.parentSpanId)?.parentSpanId, submission.parentId, "up to the client's span");
    // The consumer's own database work is in the trace, below it.
    const consumerQueries = spans.filter((span) => span.service === 'subgraph-notification' && span.attributes['db.system.name'] === 'postgresql' && span.parentSpanId === consumer.spanId);
    assert.ok(consumerQueries.length >= 1, 'the consumer wrote the message in the same trace');
  });

  test('spans name no personal data: no token, subject, variables or feedback text', () => {
    assert.ok(collector.spans.length > 0);
    const text = JSON.stringify(collector.spans);
    const subject = DEMO_ACCOUNTS.find((account) => account.username === 'an.nguyen')!.sub;
    for (const secret of [token.slice(0, 24), subject, REPORT.title, REPORT.content, String(REPORT.lat)]) assert.ok(!text.includes(secret), `${secret.slice(0, 12)}… is not in any span`);
  });
});
