// Tracking a dossier by code without signing in, through the gateway: by the receipt's PIN or the
// owner's phone digits; only public facts and public steps; an unknown code and a wrong verifier alike;
// wrong guesses per code throttled, then locked (the right verifier too), unknown codes the same, parallel
// guesses counted one by one; the quick path (no count) and the locked one answering alike, from the
// steps kept on the dossier's row or, for a row written before they were, from its timeline; partners
// like anyone; the gateway counting each lookup against its code-lookup budget.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { BACKFILL_START, backfillLookupSteps } from '../../subgraphs/dossier/lifecycle/public-steps.ts';
import type { PrismaClient } from '../../subgraphs/dossier/prisma/generated/client.ts';
import { DEMO_DOSSIERS } from '../../subgraphs/dossier/prisma/seed-data.ts';
import type { GraphQLBody, Hub } from '../../testing/hub.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

const LOOKUP = `query Track($code: String!, $verifier: String!) {
  dossierLookup(code: $code, verifier: $verifier) {
    code status procedure { code name } agency { code name } receivedAt dueAt rescheduledDueAt returnedAt overdue
    steps { kind status agency { code } occurredAt name dueAt newDueAt }
  }
}`;
const [AN, BINH] = DEMO_ACCOUNTS;
const seedOf = (code: string) => DEMO_DOSSIERS.find((dossier) => dossier.code === code)!;
const LLTP = seedOf('000.00.12.H29-260915-0187'); // an.nguyen, DONE, a private step
const LAND = seedOf('000.00.15.H29-261005-0942'); // an.nguyen, late, an apology
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Tracking {
  code: string;
  status: string;
  procedure: { code: string };
  agency: { code: string };
  overdue: boolean;
  rescheduledDueAt: string | null;
  steps: { kind: string; status: string; name: string | null; newDueAt: string | null }[];
}

describe('dossierLookup', () => {
  let keyed: KeyedHub;
  let hub: Hub;
  let addresses = 0;

  /** A lookup from its own client address (the gateway trusts the test's X-Forwarded-For), unless one is given. */
  async function lookup(code: string, verifier: string, options: { token?: string; address?: string } = {}): Promise<{ status: number; body: GraphQLBody }> {
    addresses += 1;
    const address = options.address ?? `10.1.${Math.floor(addresses / 250)}.${addresses % 250}`;
    return hub.graphql(LOOKUP, { variables: { code, verifier }, headers: { 'x-forwarded-for': address }, ...(options.token ? { token: options.token } : {}) });
  }
  const codeOf = (body: GraphQLBody) => body.errors?.[0]?.extensions?.['code'];

  before(async () => {
    keyed = await startHubWithRealmKeys({
      gatewayEnv: { TRUST_PROXY: '127.0.0.1', CODE_LOOKUP_RATE_LIMIT: '5/60' },
      subgraphEnv: { DOSSIER_LOOKUP_FREE_FAILURES: '3', DOSSIER_LOOKUP_THROTTLE_SECONDS: '1', DOSSIER_LOOKUP_LOCK_FAILURES: '5', DOSSIER_LOOKUP_LOCK_SECONDS: '3' },
    });
    hub = keyed.hub;
  });
  after(() => keyed?.close());

  test('anyone, without signing in, tracks a dossier by code and receipt PIN: public facts and public steps only', async () => {
    const { status, body } = await lookup(LLTP.code, LLTP.receiptPin);
    assert.equal(status, 200);
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    const tracking = body.data?.['dossierLookup'] as Tracking;
    assert.equal(tracking.status, 'DONE');
    assert.equal(tracking.procedure.code, LLTP.procedureCode);
    assert.equal(tracking.agency.code, '000.00.12.H29');
    assert.equal(tracking.overdue, false);
    assert.deepEqual(
      tracking.steps.map((step) => step.status),
      LLTP.timeline.filter((entry) => !entry.private).map((entry) => entry.status),
    );
    assert.ok(!tracking.steps.some((step) => step.name === 'Trình lãnh đạo Sở ký'), 'the private step is not shown');
    const text = JSON.stringify(body);
    for (const secret of [AN!.sub, AN!.name, AN!.phone, AN!.cccd, LLTP.receiptPin]) assert.ok(!text.includes(secret), `no ${secret}`);
  });

  test('…or by the last 4 digits of the owner’s phone; an apology shows its new date', async () => {
    const { body } = await lookup(LAND.code, AN!.phone.slice(-4));
    const tracking = body.data?.['dossierLookup'] as Tracking;
    assert.equal(tracking.status, 'DONE');
    assert.equal(tracking.overdue, true);
    assert.equal(new Date(tracking.rescheduledDueAt!).toISOString(), new Date('2026-10-23T17:00:00+07:00').toISOString());
    assert.ok(tracking.steps.some((step) => step.kind === 'LATE_APOLOGY' && step.newDueAt !== null));
  });

  test('the right verifier after a counted wrong one gives the same answer, and clears the count', async () => {
    const db = hub.subgraphs['dossier']!.db as unknown as PrismaClient;
    const clean = await lookup(LLTP.code, LLTP.receiptPin);
    assert.equal(codeOf((await lookup(LLTP.code, '999999')).body), 'NOT_FOUND');
    assert.equal((await db.dossierLookupGuard.findUnique({ where: { code: LLTP.code } }))?.failures, 1);
    const afterFailure = await lookup(LLTP.code, LLTP.receiptPin);
    assert.equal(afterFailure.body.errors, undefined, JSON.stringify(afterFailure.body.errors));
    assert.deepEqual(afterFailure.body.data, clean.body.data, 'the locked path answers exactly as the quick one');
    assert.equal(await db.dossierLookupGuard.count({ where: { code: LLTP.code } }), 0);
  });

  test('a dossier written before its steps were kept on its row answers the same on both paths, and the backfill writes what the timeline writes', async () => {
    const db = hub.subgraphs['dossier']!.db as unknown as PrismaClient;
    const clean = await lookup(LLTP.code, LLTP.receiptPin);
    const kept = async () => (await db.dossier.findUniqueOrThrow({ where: { code: LLTP.code }, select: { lookupSteps: true } })).lookupSteps;
    const stored = await kept();
    assert.ok(Array.isArray(stored) && stored.length === (clean.body.data?.['dossierLookup'] as Tracking).steps.length, 'kept on the row as recorded');
    await db.$executeRaw`UPDATE "dossier" SET "lookup_steps" = NULL WHERE "code" = ${LLTP.code}`;
    assert.deepEqual((await lookup(LLTP.code, LLTP.receiptPin)).body.data, clean.body.data, 'read from the timeline instead');
    assert.equal(codeOf((await lookup(LLTP.code, '999999')).body), 'NOT_FOUND');
    assert.deepEqual((await lookup(LLTP.code, LLTP.receiptPin)).body.data, clean.body.data, 'the locked path too');
    // What the subgraph's background work runs at start, here in batches of two.
    const sql = { query: <Row>(text: string, params: unknown[] = []) => db.$queryRawUnsafe<Row[]>(text, ...params) };
    let after: string | undefined = BACKFILL_START;
    let filled = 0;
    while (after !== undefined) {
      const batch: { filled: number; next: string | undefined } = await backfillLookupSteps(sql, after, 2);
      filled += batch.filled;
      after = batch.next;
    }
    assert.equal(filled, 1);
    assert.deepEqual(await kept(), stored);
    assert.deepEqual((await lookup(LLTP.code, LLTP.receiptPin)).body.data, clean.body.data);
  });

  test('the public type has nothing personal to ask for', async () => {
    const { body } = await hub.graphql('{ t: __type(name: "DossierTracking") { fields { name } } s: __type(name: "DossierPublicStep") { fields { name } } }');
    const names = (key: string) => ((body.data?.[key] as { fields: { name: string }[] }).fields ?? []).map((field) => field.name).sort();
    assert.deepEqual(names('t'), ['agency', 'code', 'dueAt', 'overdue', 'procedure', 'receivedAt', 'rescheduledDueAt', 'returnedAt', 'status', 'steps']);
    assert.deepEqual(names('s'), ['agency', 'dueAt', 'kind', 'name', 'newDueAt', 'occurredAt', 'status']);
    const owner = await hub.graphql('query($c: String!, $v: String!) { dossierLookup(code: $c, verifier: $v) { code timeline { note } } }', { variables: { c: LLTP.code, v: LLTP.receiptPin } });
    assert.equal(codeOf(owner.body), 'GRAPHQL_VALIDATION_FAILED');
  });

  test('a partner app with dossier:read and a signed-in citizen use it like anyone; another citizen’s dossier needs its verifier too', async () => {
    const partner = await keyed.token({ sub: 'city-app', azp: 'city-app', client_id: 'city-app', preferred_username: 'service-account-city-app', roles: ['partner'], scope: 'dossier:read' });
    const byPartner = await lookup(LLTP.code, LLTP.receiptPin, { token: partner });
    assert.equal((byPartner.body.data?.['dossierLookup'] as Tracking).code, LLTP.code);
    const binh = await keyed.token({ sub: BINH!.sub, acr: '1' });
    assert.equal(((await lookup(LLTP.code, LLTP.receiptPin, { token: binh })).body.data?.['dossierLookup'] as Tracking).status, 'DONE');
    assert.equal(codeOf((await lookup(LAND.code, BINH!.phone.slice(-4), { token: binh })).body), 'NOT_FOUND', "binh's own phone does not open an's dossier");
  });

  test('an unknown code, a malformed code and a wrong verifier look the same; a verifier of the wrong shape is BAD_USER_INPUT', async () => {
    const other = seedOf('000.00.30.H29-261124-2065');
    const answers = await Promise.all([
      lookup('000.00.12.H29-260915-9999', '123456'),
      lookup(other.code, '000000'),
      lookup(other.code, '0000'),
      lookup("000.00.12.H29'--", '123456'),
      lookup('x'.repeat(5000), '123456'),
    ]);
    const [first] = answers;
    for (const answer of answers) {
      assert.equal(answer.status, first.status);
      assert.deepEqual(
        answer.body.errors?.map((error) => ({ message: error.message, extensions: error.extensions })),
        first.body.errors?.map((error) => ({ message: error.message, extensions: error.extensions })),
      );
      assert.equal(answer.body.data?.['dossierLookup'] ?? null, null);
    }
    assert.equal(codeOf(first.body), 'NOT_FOUND');
    for (const verifier of ['12345', '1234567', 'abcdef', '', '12 34']) assert.equal(codeOf((await lookup(other.code, verifier)).body), 'BAD_USER_INPUT', verifier);
  });

  /** The answers to `verifiers` tried one after another on `code`, sleeping `pauses[i]` ms before the i-th. */
  async function attempts(code: string, verifiers: readonly string[], pauses: readonly number[]) {
    const codes: unknown[] = [];
    const retries: unknown[] = [];
    for (const [index, verifier] of verifiers.entries()) {
      await sleep(pauses[index] ?? 0);
      const { body } = await lookup(code, verifier);
      codes.push(codeOf(body) ?? 'OK');
      retries.push(body.errors?.[0]?.extensions?.['retryAfterSeconds']);
    }
    return { codes, retries };
  }

  test('wrong verifiers are throttled, then lock the code for a while — the right one included — for known and unknown codes alike', async () => {
    const known = seedOf('000.01.01.H29-261103-0391');
    const unknown = '000.01.01.H29-261103-0999';
    const wrong = ['111111', '222222', '333333'];
    const pin = known.receiptPin;
    // 3 free failures; the 4th try at once must wait 1 s (even with the right PIN); after 1 s a 4th
    // failure, then 2 s, then the 5th failure locks for 3 s.
    const plan = [...wrong, pin, '444444', '555555', '666666', pin];
    const pauses = [0, 0, 0, 0, 1100, 0, 2100, 0];
    const [forKnown, forUnknown] = await Promise.all([attempts(known.code, plan, pauses), attempts(unknown, plan, pauses)]);
    const expected = ['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND', 'LOOKUP_THROTTLED', 'NOT_FOUND', 'LOOKUP_THROTTLED', 'NOT_FOUND', 'LOOKUP_LOCKED'];
    assert.deepEqual(forKnown.codes, expected);
    assert.deepEqual(forUnknown.codes, expected, 'an unknown code answers exactly the same');
    assert.ok(Number(forKnown.retries[3]) >= 1 && Number(forKnown.retries[5]) >= 1, 'throttled answers say when to retry');
    assert.ok(Number(forKnown.retries[7]) >= 1 && Number(forKnown.retries[7]) <= 3, 'the lock says when it ends');

    // The state is in the dossier database: the code, its count and its lock; no verifier.
    const db = hub.subgraphs['dossier']!.db as unknown as PrismaClient;
    const guard = await db.dossierLookupGuard.findUnique({ where: { code: known.code } });
    assert.equal(guard?.failures, 5);
    assert.ok(guard?.lockedUntil);
    assert.deepEqual(Object.keys(guard).sort(), ['code', 'failures', 'lastFailureAt', 'lockedUntil']);

    // Once the lock has run out, the right PIN works and clears the count.
    await sleep(3100);
    const { body } = await lookup(known.code, pin);
    assert.equal((body.data?.['dossierLookup'] as Tracking | null)?.status, 'DONE', JSON.stringify(body.errors));
    assert.equal(await db.dossierLookupGuard.count({ where: { code: known.code } }), 0);
  });

  test('parallel guesses are counted one by one: no more wrong answers than the free ones', async () => {
    const code = '000.05.03.H29-261019-0777';
    const answers = await Promise.all(Array.from({ length: 10 }, (_, index) => lookup(code, String(100000 + index))));
    const codes = answers.map((answer) => codeOf(answer.body));
    assert.equal(codes.filter((code) => code === 'NOT_FOUND').length, 3, JSON.stringify(codes));
    assert.equal(codes.filter((code) => code === 'LOOKUP_THROTTLED').length, 7);
  });

  test('the gateway counts each dossierLookup (each alias) against the code-lookup budget of an address', async () => {
    const address = '10.9.9.9';
    const first = await hub.graphql(
      'query($c: String!, $v: String!) { a: dossierLookup(code: $c, verifier: $v) { code } b: dossierLookup(code: $c, verifier: $v) { code } c: dossierLookup(code: $c, verifier: $v) { code } }',
      { variables: { c: LLTP.code, v: LLTP.receiptPin }, headers: { 'x-forwarded-for': address } },
    );
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const statuses = [];
    for (let index = 0; index < 3; index += 1) statuses.push((await lookup(LLTP.code, LLTP.receiptPin, { address })).status);
    assert.deepEqual(statuses, [200, 200, 429], '3 aliases + 2 lookups use up 5; the next is refused');
    const refused = await lookup(LLTP.code, LLTP.receiptPin, { address });
    assert.equal(codeOf(refused.body), 'TOO_MANY_REQUESTS');
    assert.equal((await lookup(LLTP.code, LLTP.receiptPin)).status, 200, 'another address keeps its budget');
  });
});
