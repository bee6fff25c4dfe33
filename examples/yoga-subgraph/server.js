// A water utility's subgraph in another stack — plain JavaScript, a graphql-yoga server on node:http — joining Liên Thông
// through the registry. It imports no code of this repository (eslint.config.js enforces it): it follows
// docs/agencies.md alone. The Federation subgraph spec's two fields (`_service`, `_entities`) are written out
// here, as a stack without a federation library would (`@graphql-tools/federation` 4 no longer builds
// subgraphs); the internal token is verified with `jose` exactly as section 3 of the guide says.
import { createServer } from 'node:http';
import { createGraphQLError, createSchema, createYoga } from 'graphql-yoga';
import { createRemoteJWKSet, jwtVerify } from 'jose';

/** The schema the agency publishes through the registry (Federation 2). */
export const WATER_SDL = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])

type Query {
  "Planned water outages (public)."
  waterOutages(district: String): [WaterOutage!]!
  "What this subgraph learnt of the caller from the gateway's internal token."
  waterCaller: WaterCaller!
}

type WaterOutage {
  id: ID!
  district: String!
  reason: String!
}

type WaterCaller {
  subject: String
  session: String
  roles: [String!]!
  scopes: [String!]!
  level: String!
  client: String
}

"A person signed in with VNeID: the utility adds their customer number (their own only)."
type Citizen @key(fields: "id") {
  id: ID!
  waterCustomerNumber: String
}
`;

/** The same schema without the person: what an agency publishes when it may not receive personal data. */
export const WATER_SDL_WITHOUT_CITIZEN = WATER_SDL.replace(/\n"A person[\s\S]*$/, '\n');

/** What the subgraph-spec plumbing adds to the executable schema (never published: the gateway knows it). */
const FEDERATION_PLUMBING = `
directive @link(url: String!, import: [String]) repeatable on SCHEMA
directive @key(fields: String!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
scalar _Any
union _Entity = Citizen
type _Service { sdl: String }
extend type Query {
  _service: _Service!
  _entities(representations: [_Any!]!): [_Entity]!
}
`;

/** The internal token's contract (docs/agencies.md, section 3). */
const INTERNAL_TOKEN = {
  issuer: 'lien-thong-gateway',
  audience: 'lien-thong-subgraphs:graphql',
  algorithms: ['EdDSA'],
  typ: 'lien-thong-internal+jwt',
  maxTokenAge: 65,
  clockTolerance: 5,
  requiredClaims: ['exp', 'iat'],
};

const OUTAGES = [
  { id: 'W-1', district: 'Quận 1', reason: 'pipe repair' },
  { id: 'W-2', district: 'Quận 3', reason: 'pump maintenance' },
];

/** A non-empty string claim, or null. */
function text(value) {
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Who is asking, from the token's claims only: subject, session, roles, scopes, level, client. */
function callerFrom(payload) {
  return {
    subject: text(payload.sub),
    session: text(payload['sid']),
    roles: Array.isArray(payload['roles']) ? payload['roles'].filter((role) => typeof role === 'string') : [],
    scopes: (text(payload['scope']) ?? '').split(' ').filter(Boolean),
    level: text(payload['acr']) ?? '0',
    client: text(payload['azp']),
  };
}

/**
 * Start the subgraph; resolves with its URL once it listens.
 * options: jwksUrl (`<gateway>/.well-known/jwks.json`), customers (customer numbers by the person's id, the
 * token's `sub`), host, port.
 */
export async function startWaterSubgraph(options) {
  // Cached; fetched again (at most every 30 s) when a token names a key it does not hold.
  const keys = createRemoteJWKSet(new URL(options.jwksUrl));
  const customers = options.customers ?? {};

  /** The caller, or undefined when the request carries no valid internal token. */
  async function verify(header) {
    if (!header?.startsWith('Bearer ')) return undefined;
    try {
      const { payload } = await jwtVerify(header.slice('Bearer '.length), keys, INTERNAL_TOKEN);
      // Exactly one audience, the one for GraphQL: a token minted for a REST route or for two purposes is refused.
      if (payload.aud !== INTERNAL_TOKEN.audience) return undefined;
      return callerFrom(payload);
    } catch {
      return undefined;
    }
  }

  const schema = createSchema({
    typeDefs: [WATER_SDL, FEDERATION_PLUMBING],
    resolvers: {
      Query: {
        waterOutages: (_root, args) => {
          if (typeof args.district === 'string' && args.district.length > 100) {
            throw createGraphQLError('district is at most 100 characters.', { extensions: { code: 'BAD_USER_INPUT' } });
          }
          return OUTAGES.filter((outage) => !args.district || outage.district === args.district);
        },
        waterCaller: (_root, _args, context) => context.caller,
        _service: () => ({ sdl: WATER_SDL }),
        _entities: (_root, args) =>
          args.representations.map((representation) => (representation.__typename === 'Citizen' && typeof representation.id === 'string' ? { __typename: 'Citizen', id: representation.id } : null)),
      },
      _Entity: { __resolveType: (entity) => entity.__typename },
      Citizen: {
        // Someone else's customer number looks missing, never forbidden.
        waterCustomerNumber: (citizen, _args, context) => (context.caller.subject === citizen.id ? (customers[citizen.id] ?? null) : null),
      },
    },
  });
  const yoga = createYoga({ schema, graphqlEndpoint: '/graphql', landingPage: false, graphiql: false, maskedErrors: true });

  const server = createServer((request, response) => {
    void (async () => {
      if (request.url?.startsWith('/graphql')) {
        const caller = await verify(request.headers.authorization);
        if (!caller) {
          response.writeHead(401, { 'content-type': 'application/json' });
          response.end(JSON.stringify({ errors: [{ message: 'This subgraph only answers the gateway.', extensions: { code: 'INTERNAL_TOKEN_REQUIRED' } }] }));
          return;
        }
        await yoga(request, response, { caller });
        return;
      }
      response.writeHead(request.url === '/health' ? 200 : 404, { 'content-type': 'application/json' });
      response.end(JSON.stringify(request.url === '/health' ? { status: 'ok' } : { error: 'not found' }));
    })().catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { address, port } = server.address();
  return {
    url: `http://${address}:${port}/graphql`,
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
