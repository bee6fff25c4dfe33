// PostgreSQL down or restarting, on a cluster of the test's own (never the shared server): clients get a
// retryable SERVICE_UNAVAILABLE (HTTP 503 with Retry-After when nothing could be answered), never a masked
// INTERNAL_SERVER_ERROR; the hub recovers without a restart; and submissions retried with their
// idempotency keys across a restart are each accepted exactly once. Also: a hung server fails fast as
// unavailable, and the classifier leaves every other database error to be masked.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { PrismaClient as FeedbackPrisma } from '../../subgraphs/feedback/prisma/generated/client.ts';
import type { PrismaClient } from '../../subgraphs/feedback/prisma/generated/client.ts';
import { openDatabase } from '../../subgraphs/kit/db.ts';
import { isDatabaseUnavailable } from '../../subgraphs/kit/db-errors.ts';
import type { GraphQLBody, Hub } from '../../testing/hub.ts';
import { postgresClusterUnavailable, startPostgresCluster } from '../../testing/postgres-cluster.ts';
import type { PostgresCluster } from '../../testing/postgres-cluster.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

const SUBMIT = 'mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code } }';
const MY_FEEDBACK = '{ me { feedback(first: 100) { code } } }';
const PUBLIC = '{ publicFeedback(first: 5) { code } }';
const REPORT = { categoryCode: 'TRAT_TU_DO_THI', content: 'Quán nước bày bàn ghế kín vỉa hè đường Lê Lợi.', lat: 10.7725, lng: 106.698 };
const CITIZEN = DEMO_ACCOUNTS[0]!.sub;

const skip = postgresClusterUnavailable();

/** Error codes of a GraphQL body. */
function codes(body: GraphQLBody): unknown[] {
  return (body.errors ?? []).map((error) => error.extensions?.['code']);
}

describe('PostgreSQL down or restarting', { skip }, () => {
  let cluster: PostgresCluster | undefined;
  let keyed: KeyedHub | undefined;
  let hub: Hub;
  let citizen: string;
  let leaked: string[];

  before(async () => {
    cluster = await startPostgresCluster();
    keyed = await startHubWithRealmKeys({ databaseAdminUrl: cluster.adminUrl });
    hub = keyed.hub;
    citizen = await keyed.token({ sub: CITIZEN });
    // What a message must never show: where the database is, or what was asked of it.
    leaked = ['127.0.0.1', String(cluster.port), 'postgres', 'SELECT', 'INSERT', 'prisma', 'ECONNREFUSED', 'terminat'];
  });
  after(async () => {
    try {
      await keyed?.close();
    } finally {
      await cluster?.destroy();
    }
  });

  const submit = (title: string, idempotencyKey: string = randomUUID()) => hub.graphql(SUBMIT, { token: citizen, variables: { input: { ...REPORT, title, idempotencyKey } } });
  const feedbackOrigin = () => new URL(hub.subgraphUrls['feedback']!).origin;
  const open311 = () => fetch(`${hub.gatewayUrl}/api/feedback/open311/v2/requests.json`);
  const photo = () => fetch(`${hub.gatewayUrl}/api/feedback/photos/${randomUUID()}`, { headers: { authorization: `Bearer ${citizen}` } });

  function assertUnavailable(body: GraphQLBody, what: string): void {
    assert.ok((body.errors ?? []).length > 0, `${what}: errors expected`);
    assert.deepEqual([...new Set(codes(body))], ['SERVICE_UNAVAILABLE'], `${what}: ${JSON.stringify(body.errors)}`);
    for (const error of body.errors ?? []) {
      assert.equal(typeof error.extensions?.['retryAfterSeconds'], 'number', `${what}: retryAfterSeconds`);
      for (const word of leaked) assert.ok(!error.message.includes(word), `${what}: "${word}" in "${error.message}"`);
    }
  }

  test('while the database is down: SERVICE_UNAVAILABLE with Retry-After, never INTERNAL_SERVER_ERROR; readiness 503', async () => {
    const before = await submit('Lấn chiếm vỉa hè trước sự cố');
    assert.equal(before.status, 200, JSON.stringify(before.body));
    await cluster!.stop();

    const response = await fetch(`${hub.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${citizen}` },
      body: JSON.stringify({ query: SUBMIT, variables: { input: { ...REPORT, title: 'Lấn chiếm vỉa hè khi sự cố', idempotencyKey: randomUUID() } } }),
    });
    const body = (await response.json()) as GraphQLBody;
    assert.equal(response.status, 503, JSON.stringify(body));
    assert.ok(Number(response.headers.get('retry-after')) >= 1, 'Retry-After on the mutation that failed as a whole');
    assert.equal(body.data, null);
    assertUnavailable(body, 'submitFeedback');
    assert.deepEqual(body.errors?.[0]?.path, ['submitFeedback']);

    const mine = await hub.graphql(MY_FEEDBACK, { token: citizen });
    assertUnavailable(mine.body, 'me.feedback');
    const publicView = await hub.graphql(PUBLIC);
    assertUnavailable(publicView.body, 'publicFeedback');
    assert.equal(publicView.status, 503, 'nothing could be answered');

    const ready = await fetch(`${feedbackOrigin()}/health/ready`);
    assert.equal(ready.status, 503);

    for (const [what, answer] of [
      ['Open311 requests', await open311()],
      ['photo download', await photo()],
    ] as const) {
      const rest = (await answer.json()) as GraphQLBody;
      assert.equal(answer.status, 503, `${what}: ${JSON.stringify(rest)}`);
      assert.ok(Number(answer.headers.get('retry-after')) >= 1, `${what}: Retry-After`);
      assertUnavailable(rest, what);
    }
  });

  test('when the database is back, the same requests succeed without restarting the hub', async () => {
    await cluster!.start();
    const ready = await fetch(`${feedbackOrigin()}/health/ready`);
    assert.equal(ready.status, 200);
    const submitted = await submit('Lấn chiếm vỉa hè sau sự cố');
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    const code = (submitted.body.data?.['submitFeedback'] as { code: string }).code;
    const mine = await hub.graphql(MY_FEEDBACK, { token: citizen });
    assert.equal(mine.body.errors, undefined, JSON.stringify(mine.body.errors));
    assert.ok((mine.body.data?.['me'] as { feedback: { code: string }[] }).feedback.some((item) => item.code === code));
    const publicView = await hub.graphql(PUBLIC);
    assert.equal(publicView.body.errors, undefined, JSON.stringify(publicView.body.errors));
    assert.equal((await open311()).status, 200);
    assert.equal((await photo()).status, 404, 'an unknown photo, answered by the database again');
  });

  test('a restart under load: every submission retried on SERVICE_UNAVAILABLE is accepted exactly once', async () => {
    const total = 48;
    const clients = 6;
    const marker = `Khởi động lại ${randomUUID().slice(0, 8)}`;
    const keys = Array.from({ length: total }, () => randomUUID());
    const accepted = new Map<string, string>();
    const failures: unknown[][] = [];
    let next = 0;
    let restarted: Promise<void> | undefined;

    // Each client submits its share one after another, retrying the same input and key after Retry-After.
    const client = async () => {
      for (let index = next++; index < total; index = next++) {
        const key = keys[index]!;
        for (let attempt = 0; ; attempt++) {
          assert.ok(attempt < 30, `submission ${index} never got through`);
          const { status, body } = await submit(`${marker} #${index}`, key);
          if (status === 200 && !body.errors) {
            accepted.set(key, (body.data?.['submitFeedback'] as { code: string }).code);
            break;
          }
          failures.push(codes(body));
          if (!codes(body).every((code) => code === 'SERVICE_UNAVAILABLE')) break;
          const wait = Number(body.errors?.[0]?.extensions?.['retryAfterSeconds'] ?? 1);
          await new Promise((resolve) => setTimeout(resolve, wait * 1000));
        }
        // A third of the way in, restart the cluster while the other clients keep submitting.
        if (accepted.size === Math.floor(total / 3)) restarted ??= cluster!.restart();
      }
    };
    await Promise.all(Array.from({ length: clients }, client));
    assert.ok(restarted, 'the cluster was restarted mid-way');
    await restarted;

    assert.deepEqual(
      failures.filter((seen) => !seen.every((code) => code === 'SERVICE_UNAVAILABLE')),
      [],
      'every failure during the restart is SERVICE_UNAVAILABLE',
    );
    assert.ok(failures.length > 0, 'the restart was felt by the clients (otherwise this test proves nothing)');
    assert.equal(accepted.size, total, 'every submission was eventually accepted');

    const db = hub.subgraphs['feedback']!.db as unknown as PrismaClient;
    const claims = await db.feedbackIdempotency.findMany({ where: { scope: `citizen:${CITIZEN}`, key: { in: keys } }, select: { key: true, item: { select: { code: true } } } });
    assert.equal(claims.length, total, 'one idempotency record per key');
    for (const claim of claims) assert.equal(claim.item.code, accepted.get(claim.key), 'the code the client got is the item its key holds');
    const items = await db.feedbackItem.count({ where: { citizenId: CITIZEN, title: { startsWith: marker } } });
    assert.equal(items, total, 'no submission was written twice');
  });

  test('a server that accepts connections and never answers fails fast as unavailable; other database errors stay masked', async () => {
    const hung = createServer(() => {});
    await new Promise<void>((resolve) => hung.listen(0, '127.0.0.1', resolve));
    const port = (hung.address() as AddressInfo).port;
    const database = await openDatabase({ url: `postgresql://postgres@127.0.0.1:${port}/feedback`, poolMax: 1, connectTimeoutMs: 500 });
    const prisma = new FeedbackPrisma({ adapter: database.adapter });
    try {
      await assert.rejects(
        database.withConnection((connection) => connection.query('SELECT 1')),
        (error) => isDatabaseUnavailable(error),
        'readiness query',
      );
      await assert.rejects(prisma.feedbackItem.findMany({ take: 1 }), (error) => isDatabaseUnavailable(error), 'Prisma query');
    } finally {
      await prisma.$disconnect();
      await database.close();
      hung.close();
    }
    const db = hub.subgraphs['feedback']!.db as unknown as PrismaClient;
    await assert.rejects(db.$queryRawUnsafe('SELECT no_such_column FROM feedback_item'), (error) => !isDatabaseUnavailable(error), 'a bad statement');
    const existing = await db.feedbackIdempotency.findFirstOrThrow({ where: { scope: `citizen:${CITIZEN}` } });
    await assert.rejects(
      db.feedbackIdempotency.create({ data: { scope: existing.scope, key: existing.key, requestHash: 'x', itemId: existing.itemId } }),
      (error) => !isDatabaseUnavailable(error),
      'a unique violation',
    );
  });
});
