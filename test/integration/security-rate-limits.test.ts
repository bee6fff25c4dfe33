// Rate limits as an attacker meets them in production: on by default, per address and per account, and a
// much smaller budget for lookups by code (each alias counted), so codes cannot be guessed at scale.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseGatewayConfig, PRODUCTION_RATE_LIMITS } from '../../gateway/config.ts';
import type { Hub } from '../../testing/hub.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

interface Answer {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly code: unknown;
  readonly message: string;
}

/** `n` aliased public lookups of made-up codes in one request. */
function guesses(n: number, field = 'publicFeedbackItem', start = 0): string {
  return `{ ${Array.from({ length: n }, (_, index) => `g${index}: ${field}(code: "PHA2603${String(start + index).padStart(8, '0')}") { code }`).join(' ')} }`;
}

describe('rate limits in production mode', () => {
  let keyed: KeyedHub;
  let hub: Hub;

  async function post(query: string, options: { token?: string; forwardedFor?: string } = {}): Promise<Answer> {
    const response = await fetch(`${hub.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.forwardedFor ? { 'x-forwarded-for': options.forwardedFor } : {}),
      },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { errors?: { message: string; extensions?: { code?: string } }[] };
    return { status: response.status, retryAfter: response.headers.get('retry-after'), code: body.errors?.[0]?.extensions?.code, message: body.errors?.[0]?.message ?? '' };
  }

  function assertLimited(answer: Answer): void {
    assert.equal(answer.status, 429, JSON.stringify(answer));
    assert.equal(answer.code, 'TOO_MANY_REQUESTS');
    assert.ok(Number(answer.retryAfter) >= 1, 'Retry-After in seconds');
  }

  before(async () => {
    // Nothing about rate limits is configured: production turns them on. TRUST_PROXY lets the test speak
    // from many addresses, as clients behind the city's load balancer would.
    keyed = await startHubWithRealmKeys({ gatewayEnv: { NODE_ENV: 'production', TRUST_PROXY: '127.0.0.1' } });
    hub = keyed.hub;
  });
  after(() => keyed?.close());

  test('production turns every limit on by default; development leaves them off unless set; off turns one off', () => {
    const production = parseGatewayConfig({ NODE_ENV: 'production' });
    assert.deepEqual(production.ipRateLimit, { max: 3000, windowSeconds: 60 });
    assert.deepEqual(production.viewerRateLimit, { max: 600, windowSeconds: 60 });
    assert.deepEqual(production.codeLookupRateLimit, { max: 30, windowSeconds: 60 });
    assert.equal(PRODUCTION_RATE_LIMITS.CODE_LOOKUP_RATE_LIMIT, '30/60');
    const development = parseGatewayConfig({});
    assert.equal(development.ipRateLimit, undefined);
    assert.equal(development.codeLookupRateLimit, undefined);
    assert.equal(parseGatewayConfig({ NODE_ENV: 'production', CODE_LOOKUP_RATE_LIMIT: 'off' }).codeLookupRateLimit, undefined);
    assert.deepEqual(parseGatewayConfig({ CODE_LOOKUP_RATE_LIMIT: '5/10' }).codeLookupRateLimit, { max: 5, windowSeconds: 10 });
  });

  test('bad limit settings are refused at start, every bad key listed', () => {
    assert.throws(
      () => parseGatewayConfig({ IP_RATE_LIMIT: 'lots', VIEWER_RATE_LIMIT: '0/60', CODE_LOOKUP_RATE_LIMIT: '5/0', TRUST_PROXY: 'everyone; drop table' }),
      (error: Error) => ['IP_RATE_LIMIT', 'VIEWER_RATE_LIMIT', 'CODE_LOOKUP_RATE_LIMIT', 'TRUST_PROXY'].every((key) => error.message.includes(key)),
    );
  });

  test('anonymous guesses of public codes stop at the lookup budget, aliases counted one by one', async () => {
    const address = '198.51.100.7';
    const first = await post(guesses(20), { forwardedFor: address });
    assert.equal(first.status, 200, JSON.stringify(first));
    assertLimited(await post(guesses(20, 'publicFeedbackItem', 20), { forwardedFor: address }));
    // Once used up, even a single guess is refused…
    assertLimited(await post(guesses(1, 'publicFeedbackItem', 99), { forwardedFor: address }));
    // …but other requests from that address still run, and another address has its own budget.
    assert.equal((await post('{ feedbackCategories { code } }', { forwardedFor: address })).status, 200);
    assert.equal((await post(guesses(5), { forwardedFor: '198.51.100.8' })).status, 200);
  });

  test('Open311 lookups by id share the budget: one per request path, one per listed service_request_id', async () => {
    const address = '198.51.100.44';
    const open311 = (path: string) => fetch(`${hub.gatewayUrl}/api/feedback/open311/v2/${path}`, { headers: { 'x-forwarded-for': address } });
    const ids = Array.from({ length: 20 }, (_, index) => `PHA2604${String(index).padStart(8, '0')}`);
    assert.equal((await open311(`requests.json?service_request_id=${ids.join(',')}`)).status, 200, 'twenty listed ids: within the budget');
    const statuses: number[] = [];
    for (let index = 0; index < 11; index += 1) statuses.push((await open311(`requests/PHA2605${String(index).padStart(8, '0')}.json`)).status);
    // 20 + 10 = 30 lookups answered (404: no such request); the 31st is refused before the subgraph.
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill(404));
    const refused = await open311('requests/PHA260599999999.json');
    assert.equal(refused.status, 429);
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    assert.equal(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code, 'TOO_MANY_REQUESTS');
    assert.equal(statuses[10], 429, 'the eleventh single lookup was already past the budget');
    // The same address's GraphQL lookups draw on the same budget; a listing without ids is not a lookup.
    assertLimited(await post(guesses(1), { forwardedFor: address }));
    assert.equal((await open311('services.json')).status, 200);
  });

  test("a signed-in person guessing codes from many addresses is stopped by the account's budget", async () => {
    const token = await keyed.token({ sub: '0b6f1d2e-3c4a-4b5c-8d9e-f0a1b2c3d4e5' });
    let limited: Answer | undefined;
    for (let attempt = 0; attempt < 40 && !limited; attempt += 1) {
      // A fresh address every time: only the per-account count can stop this.
      const answer = await post(`{ myFeedback(code: "PHA2603${String(attempt).padStart(8, '0')}") { code } }`, { token, forwardedFor: `203.0.113.${attempt + 1}` });
      if (answer.status === 429) limited = answer;
      else assert.equal(answer.status, 200, JSON.stringify(answer));
    }
    assert.ok(limited, 'refused before 40 guesses');
    assertLimited(limited);
    // Another person is not affected.
    const other = await keyed.token({ sub: '7c1d2e3f-4a5b-4c6d-9e8f-0a1b2c3d4e5f' });
    assert.equal((await post('{ myFeedback(code: "PHA260300000001") { code } }', { token: other, forwardedFor: '203.0.113.200' })).status, 200);
  });

  test('every request of one address counts: past the address limit it is 429 with Retry-After, other addresses go on', async () => {
    const address = '192.0.2.77';
    const limit = parseGatewayConfig({ NODE_ENV: 'production' }).ipRateLimit?.max ?? 0;
    let refusedAt: number | undefined;
    let refused: Answer | undefined;
    // In parallel batches: the limit counts requests, not their timing.
    for (let sent = 0; sent < limit + 50 && refusedAt === undefined; sent += 50) {
      const batch = await Promise.all(Array.from({ length: 50 }, () => post('{ __typename }', { forwardedFor: address })));
      const index = batch.findIndex((answer) => answer.status !== 200);
      if (index >= 0) {
        refusedAt = sent + index;
        refused = batch[index];
      }
    }
    assert.equal(refusedAt, limit, 'the first refusal is the request just past the limit');
    assertLimited(refused!);
    assert.match(refused!.message, /address/);
    assert.equal((await post('{ __typename }', { forwardedFor: '192.0.2.78' })).status, 200);
  });

  test("one account's requests are capped however many addresses they come from", async () => {
    const token = await keyed.token({ sub: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d' });
    const limit = parseGatewayConfig({ NODE_ENV: 'production' }).viewerRateLimit?.max ?? 0;
    let refused: Answer | undefined;
    let answered = 0;
    for (let sent = 0; sent < limit + 50 && !refused; sent += 50) {
      const batch = await Promise.all(
        Array.from({ length: 50 }, (_, index) => post('{ __typename }', { token, forwardedFor: `10.20.${Math.floor((sent + index) / 250)}.${((sent + index) % 250) + 1}` })),
      );
      answered += batch.filter((answer) => answer.status === 200).length;
      refused = batch.find((answer) => answer.status !== 200);
    }
    assert.equal(answered, limit);
    assertLimited(refused!);
    assert.match(refused!.message, /account/);
  });
});
