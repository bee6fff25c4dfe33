// Authorization at the gateway (@authenticated, @requiresScopes, @policy, step-up) and ownership in
// the subgraphs (by code, by alias batching, by entity reference), plus an officer's unit scope.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createInternalTokenSigner, GRAPHQL_PURPOSE } from '../../auth/internal-token.ts';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { DEMO_DOSSIERS } from '../../subgraphs/dossier/prisma/seed-data.ts';
import { DEMO_FEEDBACK } from '../../subgraphs/feedback/prisma/seed-data.ts';
import type { GraphQLBody, Hub } from '../../testing/hub.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub, ViewerClaims } from '../../testing/tokens.ts';

function sub(username: string): string {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.username === username);
  assert.ok(account);
  return account.sub;
}
const AN = sub('an.nguyen');
const CUONG = sub('cuong.le');
const OFFICER = DEMO_ACCOUNTS.find((account) => account.roles.includes('officer'));
const anDossier = DEMO_DOSSIERS.find((dossier) => dossier.ownerSub === AN)!;
const cuongDossier = DEMO_DOSSIERS.find((dossier) => dossier.ownerSub === CUONG)!;
const anFeedback = DEMO_FEEDBACK.find((item) => item.citizenSub === AN)!;

function errorAt(body: GraphQLBody, path: (string | number)[]) {
  return body.errors?.find((error) => JSON.stringify(error.path) === JSON.stringify(path));
}

describe('authorization', () => {
  let keyed: KeyedHub;
  let hub: Hub;
  const token = (claims: ViewerClaims) => keyed.token(claims);

  before(async () => {
    keyed = await startHubWithRealmKeys();
    hub = keyed.hub;
  });
  after(() => keyed?.close());

  test('@authenticated: an anonymous me is removed with UNAUTHENTICATED; public fields still answer', async () => {
    const { status, body } = await hub.graphql('{ procedures(first: 1) { code } me { id } }');
    assert.equal(status, 200);
    assert.equal((body.data?.['procedures'] as unknown[]).length, 1);
    assert.equal(body.data?.['me'], null);
    assert.equal(errorAt(body, ['me'])?.extensions?.['code'], 'UNAUTHENTICATED');
  });

  test('@requiresScopes: a token without dossier:read loses dossiers (FORBIDDEN) and keeps feedback', async () => {
    const { body } = await hub.graphql('{ me { feedback { code } dossiers { code } } }', { token: await token({ sub: AN, scope: 'openid feedback:read' }) });
    const me = body.data?.['me'] as { feedback: unknown[]; dossiers: unknown };
    assert.ok(me.feedback.length > 0);
    assert.equal(me.dossiers, null);
    assert.equal(errorAt(body, ['me', 'dossiers'])?.extensions?.['code'], 'FORBIDDEN');
  });

  test('a denied field that @skip or @include leaves out is no error: only the request whose variables ask for it is refused', async () => {
    const levelOne = await token({ sub: AN, scope: 'openid feedback:read' });
    const query = `query($full: Boolean!, $lean: Boolean!) {
      me {
        feedback { code }
        dossiers @include(if: $full) { code }
        ... on Citizen @skip(if: $lean) { also: dossiers { code } }
        never: dossiers @skip(if: true) { code }
      }
    }`;
    const asked = async (full: boolean, lean: boolean) => (await hub.graphql(query, { token: levelOne, variables: { full, lean } })).body;
    // Nothing denied is asked for: no error, no null, the keys absent as GraphQL leaves skipped fields out.
    const lean = await asked(false, true);
    assert.equal(lean.errors, undefined, JSON.stringify(lean.errors));
    assert.deepEqual(Object.keys(lean.data?.['me'] as object), ['feedback']);
    // The same operation (its authorization is cached per operation) with variables that ask: refused where asked.
    const full = await asked(true, false);
    assert.equal(errorAt(full, ['me', 'dossiers'])?.extensions?.['code'], 'FORBIDDEN');
    assert.equal(errorAt(full, ['me', 'also'])?.extensions?.['code'], 'FORBIDDEN');
    assert.equal(errorAt(full, ['me', 'never']), undefined, '@skip(if: true) is never asked for');
    assert.equal(full.errors?.length, 2);
    const me = full.data?.['me'] as Record<string, unknown>;
    assert.deepEqual([me['dossiers'], me['also']], [null, null]);
    assert.ok(!('never' in me));
    const half = await asked(true, true);
    assert.deepEqual(
      half.errors?.map((error) => error.path),
      [['me', 'dossiers']],
    );
  });

  test('the same query with the scope returns dossiers: the denial was for the scope alone', async () => {
    const { body } = await hub.graphql('{ me { feedback { code } dossiers { code } } }', { token: await token({ sub: AN }) });
    assert.equal(body.errors, undefined);
    assert.ok(((body.data?.['me'] as { dossiers: unknown[] }).dossiers.length ?? 0) > 0);
  });

  test('step-up: VNeID level 1 sees its dossier list but details return STEP_UP_REQUIRED', async () => {
    const levelOne = await token({ sub: AN, acr: '1' });
    const { body } = await hub.graphql('{ me { dossiers { code status currentStep } } }', { token: levelOne });
    const dossiers = (body.data?.['me'] as { dossiers: { code: string; currentStep: unknown }[] }).dossiers;
    assert.ok(dossiers.length > 0);
    assert.ok(dossiers.every((dossier) => dossier.code && dossier.currentStep === null));
    const stepUp = errorAt(body, ['me', 'dossiers', 'currentStep']);
    assert.equal(stepUp?.extensions?.['code'], 'STEP_UP_REQUIRED');
    assert.equal(stepUp?.extensions?.['requiredAcr'], '2');

    const detail = await hub.graphql('query($code: String!) { dossier(code: $code) { code supplementRequest } }', { token: levelOne, variables: { code: anDossier.code } });
    assert.equal(detail.body.data?.['dossier'], null);
    assert.equal(errorAt(detail.body, ['dossier'])?.extensions?.['code'], 'STEP_UP_REQUIRED');
  });

  test('step-up: VNeID level 2 sees the details', async () => {
    const { body } = await hub.graphql('query($code: String!) { dossier(code: $code) { code currentStep } }', { token: await token({ sub: AN, acr: '2' }), variables: { code: anDossier.code } });
    assert.equal(body.errors, undefined);
    assert.deepEqual(body.data?.['dossier'], { code: anDossier.code, currentStep: anDossier.currentStep });
  });

  test("ownership by code: another citizen's dossier and feedback look missing", async () => {
    const cuong = await token({ sub: CUONG });
    const dossier = await hub.graphql('query($code: String!) { dossier(code: $code) { code } }', { token: cuong, variables: { code: anDossier.code } });
    assert.deepEqual(dossier.body.data, { dossier: null });
    const feedback = await hub.graphql('query($code: String!) { myFeedback(code: $code) { code } }', { token: cuong, variables: { code: anFeedback.code } });
    assert.deepEqual(feedback.body.data, { myFeedback: null });
  });

  test('ownership under alias batching: only the own record of a batch comes back', async () => {
    const { body } = await hub.graphql(
      'query($mine: String!, $theirs: String!) { a: dossier(code: $theirs) { code } b: dossier(code: $mine) { code } c: dossier(code: $theirs) { code currentStep } }',
      { token: await token({ sub: CUONG }), variables: { mine: cuongDossier.code, theirs: anDossier.code } },
    );
    assert.deepEqual(body.data, { a: null, b: { code: cuongDossier.code }, c: null });
  });

  test('ownership through entity references: _entities for another citizen is FORBIDDEN at every subgraph', async () => {
    const signer = await createInternalTokenSigner(hub.internalKey);
    const asCuong = await signer.sign({ subject: CUONG, roles: ['citizen'], scopes: ['dossier:read', 'feedback:read', 'notification:read', 'planning:read'], level: 2 }, 'cuong', GRAPHQL_PURPOSE);
    const fields: Record<string, string> = { feedback: 'feedback { code }', dossier: 'dossiers { code }', planning: 'watchedParcels { note }', notification: 'notifications { title }' };
    for (const [name, url] of Object.entries(hub.subgraphUrls)) {
      const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Citizen { id ${fields[name]} } } }`;
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${asCuong}` },
        body: JSON.stringify({
          query,
          variables: {
            r: [
              { __typename: 'Citizen', id: CUONG },
              { __typename: 'Citizen', id: AN },
            ],
          },
        }),
      });
      const body = (await response.json()) as { data?: { _entities: ({ id: string } | null)[] }; errors?: { extensions?: { code?: string }; path?: unknown[] }[] };
      assert.equal(body.data?._entities[0]?.id, CUONG, `${name}: own reference resolves`);
      assert.equal(body.data?._entities[1], null, `${name}: another citizen's reference does not`);
      assert.ok(
        body.errors?.some((error) => error.extensions?.code === 'FORBIDDEN'),
        `${name}: FORBIDDEN`,
      );
      assert.doesNotMatch(JSON.stringify(body), new RegExp(AN), `${name}: nothing of the other citizen`);
    }
  });

  test('a citizen acting as an officer is FORBIDDEN before any subgraph is called', async () => {
    const { body } = await hub.graphql('mutation($code: String!) { startHandlingFeedback(code: $code) { status } }', { token: await token({ sub: AN }), variables: { code: anFeedback.code } });
    assert.equal(body.data, null);
    assert.equal(errorAt(body, ['startHandlingFeedback'])?.extensions?.['code'], 'FORBIDDEN');
    const list = await hub.graphql('{ unitFeedback { code } }', { token: await token({ sub: AN }) });
    assert.equal(errorAt(list.body, ['unitFeedback'])?.extensions?.['code'], 'FORBIDDEN');
  });

  test("unit scope: an officer acts on their own unit's item, and is refused on another unit's", async () => {
    assert.ok(OFFICER?.unit);
    const citizen = await token({ sub: AN });
    const submit = (categoryCode: string, lat: number, lng: number) =>
      hub.graphql('mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code status unit { code } } }', {
        token: citizen,
        variables: { input: { categoryCode, title: 'Lấn chiếm vỉa hè', content: 'Quán ăn bày bàn ghế kín vỉa hè trên đường Lê Thánh Tôn.', lat, lng } },
      });
    // Pavement encroachment in phường Bến Thành is routed to its ward committee; water supply to SAWACO.
    const own = (await submit('TRAT_TU_DO_THI', 10.7725, 106.698)).body.data?.['submitFeedback'] as { code: string; status: string; unit: { code: string } };
    assert.equal(own.unit.code, OFFICER.unit);
    assert.equal(own.status, 'ROUTED');
    const other = (await submit('CAP_NUOC', 10.7725, 106.698)).body.data?.['submitFeedback'] as { code: string; unit: { code: string } };
    assert.notEqual(other.unit.code, OFFICER.unit);

    const officer = await token({ sub: OFFICER.sub, roles: ['officer'], unit: OFFICER.unit });
    const start = (code: string) => hub.graphql('mutation($code: String!) { startHandlingFeedback(code: $code) { code status } }', { token: officer, variables: { code } });
    assert.deepEqual((await start(own.code)).body.data, { startHandlingFeedback: { code: own.code, status: 'IN_PROGRESS' } });
    // Another unit's item answers as a missing one, so an officer cannot probe codes (issue #10).
    const refused = await start(other.code);
    assert.equal(refused.body.data, null);
    assert.equal(refused.body.errors?.[0]?.extensions?.['code'], 'NOT_FOUND');
    assert.equal(refused.body.errors?.[0]?.message, (await start('PHA999999999999')).body.errors?.[0]?.message);
    const again = await start(own.code);
    assert.equal(again.body.errors?.[0]?.extensions?.['code'], 'ILLEGAL_TRANSITION');

    const list = await hub.graphql('{ unitFeedback { code } }', { token: officer });
    const codes = (list.body.data?.['unitFeedback'] as { code: string }[]).map((item) => item.code);
    assert.ok(codes.includes(own.code));
    assert.ok(!codes.includes(other.code));
  });

  test('submitFeedback refuses bad input with BAD_USER_INPUT and stores nothing', async () => {
    const citizen = await token({ sub: CUONG });
    const count = async () => ((await hub.graphql('{ me { feedback(first: 100) { code } } }', { token: citizen })).body.data?.['me'] as { feedback: unknown[] }).feedback.length;
    const before = await count();
    const cases = [
      { categoryCode: 'NO_SUCH', title: 'Một tiêu đề', content: 'Nội dung đủ dài để hợp lệ.', lat: 10.77, lng: 106.7 },
      { categoryCode: 'GIAO_THONG', title: 'Một tiêu đề', content: 'Nội dung đủ dài để hợp lệ.', lat: 48.85, lng: 2.35 },
      { categoryCode: 'GIAO_THONG', title: 'x', content: 'Nội dung đủ dài để hợp lệ.', lat: 10.77, lng: 106.7 },
    ];
    for (const input of cases) {
      const { body } = await hub.graphql('mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code } }', { token: citizen, variables: { input } });
      assert.equal(body.errors?.[0]?.extensions?.['code'], 'BAD_USER_INPUT', JSON.stringify(input));
    }
    assert.equal(await count(), before);
    const script = await hub.graphql('mutation($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code content } }', {
      token: citizen,
      variables: { input: { categoryCode: 'TIENG_ON', title: '<b>Ồn</b> ban đêm', content: '<script>alert(1)</script> karaoke sau 22 giờ', lat: 10.79, lng: 106.69 } },
    });
    assert.equal((script.body.data?.['submitFeedback'] as { content: string }).content, '<script>alert(1)</script> karaoke sau 22 giờ', 'stored as text, unchanged');
  });
});
