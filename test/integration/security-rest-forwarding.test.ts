// The gateway's /api/<subgraph>/… forwarding, attacked from outside: only a clean path that matches a
// route the subgraph declares is forwarded (every traversal trick answers 404 without the subgraph ever
// being contacted), and the internal token a subgraph gets is good only for the purpose it was minted for.
import assert from 'node:assert/strict';
import { request as httpRequest, createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { decodeJwt, importJWK, SignJWT } from 'jose';
import { createInternalTokenSigner, GRAPHQL_PURPOSE, INTERNAL_AUDIENCES, INTERNAL_ISSUER, restPurpose, SCHEMA_PURPOSE } from '../../auth/internal-token.ts';
import type { InternalTokenSigner } from '../../auth/internal-token.ts';
import { ANONYMOUS } from '../../auth/viewer.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { DEMO_ACCOUNTS } from '../../auth/demo-realm.ts';
import { buildSubgraph } from '../../subgraphs/kit/server.ts';
import type { SubgraphDefinition } from '../../subgraphs/kit/server.ts';
import { parsePlanningConfig } from '../../subgraphs/planning/config.ts';
import { createPlanningLoaders } from '../../subgraphs/planning/loaders.ts';
import { PrismaClient } from '../../subgraphs/planning/prisma/generated/client.ts';
import { seedPlanning } from '../../subgraphs/planning/prisma/seed.ts';
import { resolvers as planningResolvers } from '../../subgraphs/planning/resolvers.ts';
import { createTestDatabase } from '../../testing/hub.ts';
import { startHubWithRealmKeys } from '../../testing/tokens.ts';
import type { KeyedHub } from '../../testing/tokens.ts';

const SUBGRAPH_NAMES = ['feedback', 'dossier', 'planning', 'notification'] as const;

/** One request a subgraph received, as it arrived. */
interface Seen {
  readonly method: string;
  readonly url: string;
  readonly authorization: string | undefined;
}

/** A pass-through proxy in front of one subgraph: it forwards every request verbatim and records it. */
interface RecordingProxy {
  readonly url: string;
  readonly seen: Seen[];
  target: string;
  close(): Promise<void>;
}

async function startRecordingProxy(): Promise<RecordingProxy> {
  const proxy = { seen: [] as Seen[], target: '' };
  const server: Server = createServer((request, response) => {
    proxy.seen.push({ method: request.method ?? '', url: request.url ?? '', authorization: request.headers.authorization });
    const target = new URL(proxy.target);
    const headers: IncomingHttpHeaders = { ...request.headers, host: target.host };
    const upstream = httpRequest({ host: target.hostname, port: target.port, method: request.method, path: request.url, headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return Object.assign(proxy, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** A response, loosely typed for assertions. */
interface RawResponse {
  readonly status: number;
  readonly text: string;
  readonly headers: IncomingHttpHeaders;
}

/** Send `method path` exactly as written (fetch and URL would resolve "..", "%2e" and "\" first). */
function rawRequest(origin: string, method: string, path: string, options: { token?: string; body?: string; contentType?: string } = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(origin);
  const headers: Record<string, string> = {};
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  if (options.body !== undefined) {
    headers['content-type'] = options.contentType ?? 'application/json';
    headers['content-length'] = String(Buffer.byteLength(options.body));
  }
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: hostname, port, method, path, headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), headers: response.headers }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(options.body);
  });
}

function codeOf(response: RawResponse): string | undefined {
  try {
    return (JSON.parse(response.text) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;
  } catch {
    return undefined;
  }
}

// Appended to /api/<subgraph>: each must be refused by the gateway itself.
const TRAVERSALS = [
  '/../graphql',
  '/%2e%2e/graphql',
  '/%2E%2E/graphql',
  '/%2e%2E/graphql',
  '/.%2e/graphql',
  '/%2e./graphql',
  '/.%2E/graphql',
  '/photos/../../graphql',
  '/photos/..%2f..%2fgraphql',
  '/photos/..%2F..%2Fgraphql',
  '/photos/%2e%2e/%2e%2e/graphql',
  '//graphql',
  '/photos//graphql',
  '/%2fgraphql',
  '/%2Fgraphql',
  '/photos%2f..%2f..%2fgraphql',
  '/%5cgraphql',
  '/%5C..%5Cgraphql',
  '/photos\\..\\..\\graphql',
  '/..\\graphql',
  '/./photos',
  '/%2e/photos',
  '/photos/.',
  '/%c0%ae%c0%ae/graphql',
  '/%C0%AE%C0%AE/graphql',
  '/%e0%80%ae%e0%80%ae/graphql',
  '/%c0%af..%c0%afgraphql',
  '/%252e%252e/graphql',
  '/%00/graphql',
  '/photos%00',
  '/photos/x%00',
  '/photos;/../graphql',
  '/photos;x=1',
  '/..;/graphql',
  '/%zz/graphql',
  '/photos%',
  '/%70hotos',
  '/photos#/../../graphql',
  '/photos/',
  '/open311/v2/',
  '/open311/v2/../../graphql',
  '/open311/v2/%2e%2e/%2e%2e/graphql',
  '/webhooks/%2e%2e/%2e%2e/graphql',
  '/webhooks/zalo/../../../graphql',
  '/graphql',
  '/_service',
  '/PHOTOS',
  '/',
  '/...',
];

describe('REST forwarding: only what a subgraph declares, only clean paths', () => {
  let keyed: KeyedHub;
  let signer: InternalTokenSigner;
  let realToken: string;
  const proxies: Record<string, RecordingProxy> = {};
  const seenCount = () => Object.values(proxies).reduce((sum, proxy) => sum + proxy.seen.length, 0);
  const origin = (name: string) => new URL(keyed.hub.subgraphUrls[name]!).origin;
  const citizen = DEMO_ACCOUNTS.find((account) => account.roles.includes('citizen'))!;

  before(async () => {
    for (const name of SUBGRAPH_NAMES) proxies[name] = await startRecordingProxy();
    keyed = await startHubWithRealmKeys({
      gatewayEnv: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [`${name.toUpperCase()}_URL`, `${proxies[name]!.url}/graphql`])),
    });
    for (const name of SUBGRAPH_NAMES) proxies[name]!.target = origin(name);
    signer = await createInternalTokenSigner(keyed.hub.internalKey);
    realToken = await keyed.token({ sub: citizen.sub, acr: '2' });
  });
  after(async () => {
    await keyed?.close();
    for (const proxy of Object.values(proxies)) await proxy.close();
  });

  test('every traversal variant on every subgraph prefix answers 404 NOT_FOUND and never reaches a subgraph', async () => {
    assert.ok(TRAVERSALS.length >= 40);
    let tried = 0;
    for (const name of SUBGRAPH_NAMES) {
      for (const suffix of TRAVERSALS) {
        for (const method of ['GET', 'POST']) {
          for (const token of [undefined, realToken]) {
            const path = `/api/${name}${suffix}`;
            const before = seenCount();
            const response = await rawRequest(keyed.hub.gatewayUrl, method, path, { token, ...(method === 'POST' ? { body: JSON.stringify({ query: '{ __schema { types { name } } }' }) } : {}) });
            const who = `${method} ${path} ${token ? 'with a token' : 'anonymous'}`;
            assert.equal(response.status, 404, `${who}: ${response.status} ${response.text}`);
            assert.equal(codeOf(response), 'NOT_FOUND', `${who}: ${response.text}`);
            assert.equal(seenCount(), before, `${who} reached a subgraph`);
            tried++;
          }
        }
      }
    }
    assert.equal(tried, SUBGRAPH_NAMES.length * TRAVERSALS.length * 4);
  });

  test('an encoded subgraph name, an unknown subgraph and a method a route does not declare are 404 too, uncontacted', async () => {
    const before = seenCount();
    for (const [method, path] of [
      ['GET', '/api/%66eedback/open311/v2/services.json'],
      ['GET', '/api/Feedback/open311/v2/services.json'],
      ['GET', '/api/feedback%2fopen311/v2/services.json'],
      ['GET', '/api/no-such-subgraph/photos'],
      ['DELETE', '/api/feedback/photos/abc'],
      ['PUT', '/api/feedback/photos'],
      ['POST', '/api/feedback/photos/abc'],
      ['GET', '/api/feedback/photos'],
      ['GET', '/api/feedback/webhooks/zalo'],
      ['OPTIONS', '/api/feedback/photos'],
      ['GET', '/api/dossier/photos/abc'],
    ] as const) {
      const response = await rawRequest(keyed.hub.gatewayUrl, method, path, { token: realToken });
      assert.equal(response.status, 404, `${method} ${path}: ${response.text}`);
      assert.equal(codeOf(response), 'NOT_FOUND');
    }
    assert.equal(seenCount(), before, 'no subgraph was contacted');
  });

  test('a malformed query string is refused (400 BAD_REQUEST) before the subgraph is contacted', async () => {
    const before = seenCount();
    for (const query of ['x=%zz', 'x=%', 'x=%00', 'x=%c0%ae', 'x=%2', 'x=<script>', 'x="y"', 'x={}']) {
      const response = await rawRequest(keyed.hub.gatewayUrl, 'GET', `/api/feedback/open311/v2/services.json?${query}`);
      assert.equal(response.status, 400, `?${query}: ${response.text}`);
      // U+0000 is refused by the shared input bounds, which name the parameter (BAD_USER_INPUT).
      assert.equal(codeOf(response), query === 'x=%00' ? 'BAD_USER_INPUT' : 'BAD_REQUEST', `?${query}`);
    }
    assert.equal(seenCount(), before, 'no subgraph was contacted');
  });

  test('declared routes are forwarded as sent, query included, with a token minted for that route', async () => {
    const feedback = proxies['feedback']!;
    const cases = [
      { method: 'GET', path: '/open311/v2/services.json', route: 'GET /open311/v2/*', status: 200 },
      { method: 'GET', path: '/open311/v2/requests.json?status=open&service_code=CSDT,MT', route: 'GET /open311/v2/*', status: 200 },
      // A needed encoding ("á") passes through unchanged; Open311 answers that the service does not exist.
      { method: 'GET', path: '/open311/v2/services/%C3%A1.json', route: 'GET /open311/v2/*', status: 404 },
      // HEAD is served for a declared GET, with the GET route's token.
      { method: 'HEAD', path: '/open311/v2/services.json', route: 'GET /open311/v2/*', status: 200 },
      { method: 'GET', path: '/photos/does-not-exist', route: 'GET /photos/:id', status: 404 },
      { method: 'POST', path: '/webhooks/nowhere', route: 'POST /webhooks/:channel', status: 404 },
    ];
    for (const { method, path, route, status } of cases) {
      feedback.seen.length = 0;
      const response = await rawRequest(keyed.hub.gatewayUrl, method, `/api/feedback${path}`, { token: realToken, ...(method === 'POST' ? { body: '{}' } : {}) });
      assert.equal(response.status, status, `${method} ${path}: ${response.text}`);
      assert.equal(feedback.seen.length, 1, `${method} ${path} reached the subgraph once`);
      const seen = feedback.seen[0]!;
      assert.equal(seen.method, method);
      assert.equal(seen.url, `/api${path}`, 'the path and query arrive exactly as sent');
      const claims = decodeJwt((seen.authorization ?? '').replace(/^Bearer /, ''));
      assert.equal(claims.aud, INTERNAL_AUDIENCES.rest);
      assert.equal(claims['route'], route);
      assert.equal(claims['subgraph'], 'feedback');
      assert.equal(claims.sub, citizen.sub);
    }
    // GraphQL through the gateway still carries a GraphQL-purpose token, with no route.
    feedback.seen.length = 0;
    const { body } = await keyed.hub.graphql('{ feedbackCategories { code } }');
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    const graphqlClaims = decodeJwt((feedback.seen.find((seen) => seen.url === '/graphql')?.authorization ?? '').replace(/^Bearer /, ''));
    assert.equal(graphqlClaims.aud, INTERNAL_AUDIENCES.graphql);
    assert.equal(graphqlClaims['route'], undefined);
  });

  test("a REST-purpose token is refused at every subgraph's /graphql, however the path is spelled", async () => {
    const introspection = JSON.stringify({ query: '{ _service { sdl } }' });
    for (const name of SUBGRAPH_NAMES) {
      const restToken = await signer.sign(ANONYMOUS, undefined, restPurpose(name, 'GET', '/open311/v2/*'));
      for (const path of ['/graphql', '/%67raphql', '/graphql?x=1']) {
        const response = await rawRequest(origin(name), 'POST', path, { token: restToken, body: introspection });
        assert.equal(response.status, 401, `${name} ${path}: ${response.text}`);
        assert.equal(codeOf(response), 'INTERNAL_TOKEN_REQUIRED');
        assert.ok(!response.text.includes('sdl'), 'no schema answered');
      }
      // No token at all, through a spelling the router decodes: refused as well.
      const bare = await rawRequest(origin(name), 'POST', '/%67raphql', { body: introspection });
      assert.equal(bare.status, 401, `${name} /%67raphql without a token: ${bare.text}`);
      // The GraphQL and schema purposes are what /graphql takes.
      for (const purpose of [GRAPHQL_PURPOSE, SCHEMA_PURPOSE]) {
        const accepted = await rawRequest(origin(name), 'POST', '/graphql', { token: await signer.sign(ANONYMOUS, undefined, purpose), body: JSON.stringify({ query: '{ __typename }' }) });
        assert.equal(accepted.status, 200, `${name} ${purpose.kind}: ${accepted.text}`);
      }
    }
  });

  test('a GraphQL- or schema-purpose token is refused at /api/…, and a REST token only opens the route it names', async () => {
    const feedback = origin('feedback');
    const path = '/api/open311/v2/services.json';
    const refused = async (token: string, why: string, method = 'GET', at = path) => {
      const response = await rawRequest(feedback, method, at, { token });
      assert.equal(response.status, 401, `${why}: ${response.text}`);
      assert.equal(codeOf(response), 'INTERNAL_TOKEN_REQUIRED', why);
    };
    await refused(await signer.sign(ANONYMOUS, undefined, GRAPHQL_PURPOSE), 'a GraphQL token at /api');
    await refused(await signer.sign(ANONYMOUS, undefined, SCHEMA_PURPOSE), 'a schema token at /api');
    await refused(await signer.sign(ANONYMOUS, undefined, restPurpose('feedback', 'POST', '/photos')), 'a POST /photos token at GET /open311/v2/*');
    await refused(await signer.sign(ANONYMOUS, undefined, restPurpose('feedback', 'POST', '/open311/v2/*')), 'a POST token used for GET');
    await refused(await signer.sign(ANONYMOUS, undefined, restPurpose('dossier', 'GET', '/open311/v2/*')), "another subgraph's token for the same route");
    await refused(await signer.sign(ANONYMOUS, undefined, restPurpose('feedback', 'GET', '/open311/v2/*')), 'a GET /open311 token at GET /photos/:id', 'GET', '/api/photos/abc');
    // Tokens the gateway never mints: the audience of before purposes existed, two purposes at once, a REST token without its route.
    const key = await importJWK(keyed.hub.internalKey.privateJwk, 'EdDSA');
    const forged = (audience: string | string[], claims: Record<string, unknown> = {}) =>
      new SignJWT({ roles: [], scope: '', acr: '0', ...claims })
        .setProtectedHeader({ alg: 'EdDSA', typ: 'lien-thong-internal+jwt', kid: keyed.hub.internalKey.privateJwk.kid })
        .setIssuer(INTERNAL_ISSUER)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('60s')
        .sign(key);
    await refused(await forged('lien-thong-subgraphs'), 'the purpose-less audience');
    await refused(await forged([INTERNAL_AUDIENCES.rest, INTERNAL_AUDIENCES.graphql], { subgraph: 'feedback', route: 'GET /open311/v2/*' }), 'two audiences');
    await refused(await forged(INTERNAL_AUDIENCES.rest, { subgraph: 'feedback' }), 'a REST token without its route');
    const twoPurposes = await rawRequest(feedback, 'POST', '/graphql', {
      token: await forged([INTERNAL_AUDIENCES.rest, INTERNAL_AUDIENCES.graphql], { subgraph: 'feedback', route: 'GET /open311/v2/*' }),
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    assert.equal(twoPurposes.status, 401, 'two audiences at /graphql');
    // The control: the token minted for this very route is accepted, for GET and for HEAD.
    const right = await signer.sign(ANONYMOUS, undefined, restPurpose('feedback', 'GET', '/open311/v2/*'));
    assert.equal((await rawRequest(feedback, 'GET', path, { token: right })).status, 200);
    assert.equal((await rawRequest(feedback, 'HEAD', path, { token: right })).status, 200);
  });

  test('the signer keeps one token per viewer and purpose', async () => {
    const viewer: Viewer = { subject: 'someone', roles: ['citizen'], scopes: ['feedback:read'], level: 2 };
    const graphql = await signer.sign(viewer, 'viewer-key', GRAPHQL_PURPOSE);
    assert.equal(await signer.sign(viewer, 'viewer-key', GRAPHQL_PURPOSE), graphql, 'reused while fresh');
    const photos = await signer.sign(viewer, 'viewer-key', restPurpose('feedback', 'POST', '/photos'));
    const photo = await signer.sign(viewer, 'viewer-key', restPurpose('feedback', 'GET', '/photos/:id'));
    const schema = await signer.sign(viewer, 'viewer-key', SCHEMA_PURPOSE);
    assert.equal(new Set([graphql, photos, photo, schema]).size, 4, "a purpose never reuses another purpose's token");
    assert.equal(await signer.sign(viewer, 'viewer-key', restPurpose('feedback', 'POST', '/photos')), photos);
    assert.deepEqual([decodeJwt(graphql).aud, decodeJwt(photos).aud, decodeJwt(schema).aud], [INTERNAL_AUDIENCES.graphql, INTERNAL_AUDIENCES.rest, INTERNAL_AUDIENCES.schema]);
    assert.deepEqual([decodeJwt(photos)['route'], decodeJwt(photo)['route'], decodeJwt(photos)['subgraph']], ['POST /photos', 'GET /photos/:id', 'feedback']);
    assert.equal(decodeJwt(schema)['route'], undefined);
  });

  test('a subgraph that registers an undeclared /api route, or misses a declared one, fails to build', async () => {
    const build = async (name: string, routes: SubgraphDefinition<PrismaClient, unknown>['routes']) => {
      const adminUrl = process.env['TEST_DATABASE_URL'];
      const database = adminUrl ? await createTestDatabase(adminUrl, 'drift') : undefined;
      try {
        const config = { ...parsePlanningConfig({ LOG_LEVEL: 'silent', SEED_DEMO_DATA: 'false' }), dataDir: 'memory://', databaseUrl: database?.url };
        const definition: SubgraphDefinition<PrismaClient, unknown> = {
          name,
          schemaFile: new URL('../../subgraphs/planning/schema.graphql', import.meta.url),
          migrationsDir: new URL('../../subgraphs/planning/prisma/migrations/', import.meta.url),
          createClient: (opened) => new PrismaClient({ adapter: opened.adapter }),
          resolvers: planningResolvers as SubgraphDefinition<PrismaClient, unknown>['resolvers'],
          createLoaders: createPlanningLoaders,
          seed: seedPlanning,
          ...(routes ? { routes } : {}),
        };
        const server = await buildSubgraph(definition, config, { internalKeys: { jwks: keyed.hub.internalKey.publicJwks } });
        await server.app.close();
      } finally {
        await database?.drop();
      }
    };
    await assert.rejects(
      build('planning', async (app) => {
        app.get('/parcels/:id', async () => ({}));
      }),
      /planning subgraph registers GET \/parcels\/:id under \/api, but schema\/subgraphs\.ts does not declare it/,
    );
    await assert.rejects(
      build('feedback', async (app) => {
        app.post('/photos', async () => ({}));
      }),
      /declares .*GET \/photos\/:id.* for the feedback subgraph, which never registers them/,
    );
    // Routes outside /api are not REST routes of the subgraph's own, and the declared set builds.
    await build('planning', undefined);
  });
});
