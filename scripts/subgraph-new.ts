// `npm run subgraph:new -- <name> [--port <port>]`: scaffold an agency's subgraph in the house shape —
// subgraphs/<name>/ (schema.graphql, resolvers.ts, config.ts, server.ts, main.ts, README.md) on the kit,
// without a database yet, plus its own test (test/integration/subgraph-<name>.test.ts), which passes at once.
// It is not added to schema/subgraphs.ts: it joins through the registry (`npm run subgraph:publish`).
// A bad or taken name writes nothing. Exit 0 when done, 1 when the name is taken, 2 on a usage error.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPOSITORY_ROOT, SUBGRAPHS } from '../schema/subgraphs.ts';

const USAGE = 'usage: npm run subgraph:new -- <name> [--port <port>]   (name: 2 to 40 lowercase letters, digits and single dashes, starting with a letter)\n';

/** The registry's rule for a name (gateway/registry/records.ts), without trailing or doubled dashes. */
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** Names that are folders or files of subgraphs/ without being subgraphs, or read as something else. */
const RESERVED = new Set(['kit', 'hosted', 'gateway', 'registry']);

/** The first port after the release's subgraphs (4001–4004). */
const DEFAULT_PORT = 4005;

/** The forms of a name the files need: `water-meter` → waterMeter, WaterMeter, WATER_METER. */
interface Names {
  readonly kebab: string;
  readonly camel: string;
  readonly pascal: string;
  readonly env: string;
  readonly port: number;
}

/** Why `name` cannot be a new subgraph in `root`, or undefined. `taken` tells a usage error from a clash. */
export function refusal(name: string, root: string): { message: string; taken: boolean } | undefined {
  if (name.length < 2 || name.length > 40 || !NAME.test(name)) {
    return { message: `"${name}" is not a subgraph name: 2 to 40 lowercase letters, digits and single dashes, starting with a letter (e.g. water, district-7)`, taken: false };
  }
  if (RESERVED.has(name)) return { message: `"${name}" is reserved`, taken: false };
  if (SUBGRAPHS.some((subgraph) => subgraph.name === name)) return { message: `"${name}" is one of the release's subgraphs (schema/subgraphs.ts)`, taken: true };
  for (const file of [path.join('subgraphs', name), path.join('test', 'integration', `subgraph-${name}.test.ts`)]) {
    if (existsSync(path.join(root, file))) return { message: `${file} already exists`, taken: true };
  }
  return undefined;
}

/** Scaffold the subgraph into `root` (the repository, or a copy of its layout); returns the exit code. */
export async function scaffoldSubgraph(argv: readonly string[], root: string, out: (text: string) => void, err: (text: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { port: { type: 'string' } } });
  } catch (error) {
    err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [name, ...extra] = parsed.positionals;
  if (name === undefined || extra.length > 0) {
    err(USAGE);
    return 2;
  }
  const port = parsed.values.port === undefined ? DEFAULT_PORT : Number(parsed.values.port);
  if (!Number.isInteger(port) || port < 1024 || port > 65_535) {
    err(`--port must be a whole number from 1024 to 65535\n${USAGE}`);
    return 2;
  }
  const refused = refusal(name, root);
  if (refused) {
    err(`${refused.message}: nothing written\n${refused.taken ? '' : USAGE}`);
    return refused.taken ? 1 : 2;
  }
  const camel = name.replace(/-([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
  const names: Names = { kebab: name, camel, pascal: camel[0]!.toUpperCase() + camel.slice(1), env: name.toUpperCase().replaceAll('-', '_'), port };
  const folder = path.join(root, 'subgraphs', name);
  const testFile = path.join(root, 'test', 'integration', `subgraph-${name}.test.ts`);
  // The folder is created without `recursive`: if another run made it meanwhile, this one stops here.
  await mkdir(folder);
  try {
    for (const [file, text] of Object.entries(subgraphFiles(names))) await writeFile(path.join(folder, file), text, { flag: 'wx' });
    await writeFile(testFile, testFileText(names), { flag: 'wx' });
  } catch (error) {
    await rm(folder, { recursive: true, force: true });
    err(`${(error as Error).message}: nothing written\n`);
    return 1;
  }
  out(`created subgraphs/${name}/ (schema.graphql, resolvers.ts, config.ts, server.ts, main.ts, README.md) and test/integration/subgraph-${name}.test.ts
next:
  node --test test/integration/subgraph-${name}.test.ts              # passes as generated
  ${names.env}_PORT=${port} node subgraphs/${name}/main.ts            # beside a running gateway (npm start)
  npm run schema:check -- ${name} subgraphs/${name}/schema.graphql
  npm run subgraph:propose -- ${name} --sdl subgraphs/${name}/schema.graphql --url http://127.0.0.1:${port}/graphql --agency "<agency>" --contact <e-mail>
  npm run subgraph:publish -- ${name}
(docs/agencies.md, and subgraphs/${name}/README.md)
`);
  return 0;
}

function subgraphFiles(n: Names): Record<string, string> {
  return {
    'schema.graphql': `# The ${n.kebab} subgraph's schema (Federation 2). Root fields and type names start with "${n.camel}"/"${n.pascal}" so that
# they never clash with another subgraph's; \`npm run schema:check -- ${n.kebab} subgraphs/${n.kebab}/schema.graphql\` says when they do.
extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@authenticated", "@requiresScopes"])

type Query {
  "What this subgraph is (public)."
  ${n.camel}About: ${n.pascal}About!
  "The caller as this subgraph sees them: roles, scopes and VNeID level, never who they are. UNAUTHENTICATED without a token."
  ${n.camel}Caller: ${n.pascal}Caller! @authenticated
}

"What the ${n.kebab} subgraph is."
type ${n.pascal}About {
  name: String!
  version: String!
}

"The caller, from the gateway's internal token."
type ${n.pascal}Caller {
  roles: [String!]!
  scopes: [String!]!
  "VNeID level of the sign-in: 0 (none), 1 or 2."
  level: Int!
}
`,
    'resolvers.ts': `// Resolvers of the ${n.kebab} subgraph (scaffolded by \`npm run subgraph:new\`): replace them with the agency's own.
// The viewer comes from the gateway's internal token, already verified by the kit.
import type { GraphQLResolverMap } from '@apollo/subgraph';
import type { NoDatabase, SubgraphContext } from '../kit/server.ts';

/** What the resolvers receive: no database yet, no loaders yet. */
export type ${n.pascal}Context = SubgraphContext<NoDatabase, ${n.pascal}Loaders>;

/** Per-request dataloaders (none yet; see subgraphs/planning/loaders.ts once there is data). */
export type ${n.pascal}Loaders = Record<string, never>;

export const resolvers: GraphQLResolverMap<${n.pascal}Context> = {
  Query: {
    ${n.camel}About: () => ({ name: '${n.kebab}', version: '0.1.0' }),
    ${n.camel}Caller: (_root: unknown, _args: unknown, { viewer }: ${n.pascal}Context) => ({ roles: viewer.roles, scopes: viewer.scopes, level: viewer.level }),
  },
};
`,
    'config.ts': `// Configuration of the ${n.kebab} subgraph: ${n.env}_PORT (default ${n.port}), ${n.env}_HOST and the keys every subgraph shares
// (subgraphs/kit/subgraph-config.ts; INTERNAL_JWKS_URL is where the gateway publishes its keys). It is not in
// schema/subgraphs.ts: it joins through the registry, so it names its own prefix and port here.
import { loadSubgraphConfig, parseSubgraphConfig } from '../kit/subgraph-config.ts';
import type { RegisteredSubgraph, SubgraphConfig } from '../kit/subgraph-config.ts';

/** Its name, environment prefix and default port. */
export const ${n.env}_SUBGRAPH: RegisteredSubgraph = { name: '${n.kebab}', envPrefix: '${n.env}', defaultPort: ${n.port} };

/** Validate \`env\` (throws ConfigError). */
export function parse${n.pascal}Config(env: Record<string, string | undefined>): SubgraphConfig {
  return parseSubgraphConfig(${n.env}_SUBGRAPH, env);
}

/** For main.ts: exit 1 listing every bad key. */
export function load${n.pascal}Config(): SubgraphConfig {
  return loadSubgraphConfig(${n.env}_SUBGRAPH);
}
`,
    'server.ts': `// Builds the ${n.kebab} subgraph (not listening): see ../kit/server.ts for what every subgraph shares. It keeps
// no data yet, so no database is opened; with data, use buildSubgraph with prisma/ (as subgraphs/planning/ does).
import { buildStatelessSubgraph } from '../kit/server.ts';
import type { BuildOptions } from '../kit/server.ts';
import type { SubgraphConfig } from '../kit/subgraph-config.ts';
import { resolvers } from './resolvers.ts';

/** Build the ${n.kebab} subgraph. */
export function build${n.pascal}Subgraph(config: SubgraphConfig, options?: BuildOptions) {
  return buildStatelessSubgraph({ name: '${n.kebab}', schemaFile: new URL('./schema.graphql', import.meta.url), resolvers, createLoaders: () => ({}) }, config, options);
}
`,
    'main.ts': `// Runs the ${n.kebab} subgraph: \`node subgraphs/${n.kebab}/main.ts\`.
import { listenAndServe } from '../../platform/serve.ts';
import { load${n.pascal}Config } from './config.ts';
import { build${n.pascal}Subgraph } from './server.ts';

const config = load${n.pascal}Config();
const { app } = await build${n.pascal}Subgraph(config);
await listenAndServe(app, config, '${n.kebab} subgraph');
`,
    'README.md': `# ${n.kebab} subgraph

An agency's subgraph, scaffolded by \`npm run subgraph:new -- ${n.kebab}\` in the house shape, on the kit
(\`subgraphs/kit/\`: the gateway's internal token checked on every request, \`@authenticated\`,
\`@requiresScopes\` and \`@policy\` enforced here too, errors masked, \`/health/live\`, \`/health/ready\`,
\`/metrics\`). Port ${n.port} (\`${n.env}_PORT\`). It is not part of the release (\`schema/subgraphs.ts\`):
it joins through the registry, without a release of the hub.

| file | what |
|---|---|
| \`schema.graphql\` | \`${n.camel}About\` (public) and \`${n.camel}Caller\` (\`@authenticated\`): replace them with the agency's fields |
| \`resolvers.ts\` | their resolvers |
| \`config.ts\` / \`server.ts\` / \`main.ts\` | configuration, build, run (\`node subgraphs/${n.kebab}/main.ts\`) |
| \`../../test/integration/subgraph-${n.kebab}.test.ts\` | its test: internal token required, the fields answer, \`@authenticated\` holds, it composes with the others |

## Run, check, publish

\`\`\`sh
node --test test/integration/subgraph-${n.kebab}.test.ts
${n.env}_PORT=${n.port} INTERNAL_JWKS_URL=http://127.0.0.1:4000/.well-known/jwks.json node subgraphs/${n.kebab}/main.ts
npm run schema:check -- ${n.kebab} subgraphs/${n.kebab}/schema.graphql
npm run subgraph:propose -- ${n.kebab} --sdl subgraphs/${n.kebab}/schema.graphql --url http://127.0.0.1:${n.port}/graphql --agency "…" --contact …
npm run subgraph:publish -- ${n.kebab}
\`\`\`

## Growing it

- **Data**: add \`prisma/\` (schema.prisma, migrations/, seed) and build with \`buildSubgraph\` instead of
  \`buildStatelessSubgraph\` (\`subgraphs/planning/server.ts\` shows how); queries named by verb, loaders per request.
- **Citizens**: extend \`type Citizen @key(fields: "id")\` to add what the agency knows of a person. The id is
  the person's subject: the registry must then say \`--personal-data\` (after the data-protection agreement),
  or the internal token carries no subject.
- **Authorization**: \`@authenticated\`, \`@requiresScopes(scopes: [["…"]])\` and \`@policy\` hold at the gateway and here.
`,
  };
}

function testFileText(n: Names): string {
  return `// The ${n.kebab} subgraph (scaffolded by \`npm run subgraph:new\`): it answers only the gateway's internal token,
// serves its fields, holds @authenticated itself, and composes with the release's subgraphs and those of the
// registry file (the check of \`npm run schema:check -- ${n.kebab} subgraphs/${n.kebab}/schema.graphql\`).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { createInternalTokenSigner, generateInternalSigningKey, GRAPHQL_PURPOSE } from '../../auth/internal-token.ts';
import type { InternalTokenSigner } from '../../auth/internal-token.ts';
import type { Viewer } from '../../auth/viewer.ts';
import { checkOneSubgraph } from '../../schema/check.ts';
import { parse${n.pascal}Config } from '../../subgraphs/${n.kebab}/config.ts';
import { build${n.pascal}Subgraph } from '../../subgraphs/${n.kebab}/server.ts';

const CITIZEN: Viewer = { roles: ['citizen'], scopes: [], level: 2 };
const ANONYMOUS: Viewer = { roles: [], scopes: [], level: 0 };

describe('the ${n.kebab} subgraph', () => {
  let app: FastifyInstance;
  let url: string;
  let gateway: InternalTokenSigner;
  let stranger: InternalTokenSigner;

  before(async () => {
    const key = await generateInternalSigningKey();
    gateway = await createInternalTokenSigner(key);
    stranger = await createInternalTokenSigner(await generateInternalSigningKey());
    ({ app } = await build${n.pascal}Subgraph(parse${n.pascal}Config({ LOG_LEVEL: 'silent' }), { internalKeys: { jwks: key.publicJwks }, logger: pino({ level: 'silent' }) }));
    url = \`\${await app.listen({ host: '127.0.0.1', port: 0 })}/graphql\`;
  });
  after(async () => {
    await app?.close();
  });

  const query = async (text: string, token?: string) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: \`Bearer \${token}\` } : {}) },
      body: JSON.stringify({ query: text }),
    });
    return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown> | null; errors?: { extensions?: { code?: string } }[] } };
  };

  test('only the gateway is answered', async () => {
    const none = await query('{ ${n.camel}About { name } }');
    assert.equal(none.status, 401);
    assert.equal(none.body.errors?.[0]?.extensions?.code, 'INTERNAL_TOKEN_REQUIRED');
    const forged = await query('{ ${n.camel}About { name } }', await stranger.sign(CITIZEN, 'citizen', GRAPHQL_PURPOSE));
    assert.equal(forged.status, 401);
  });

  test('its fields answer, and @authenticated holds here too', async () => {
    const about = await query('{ ${n.camel}About { name version } }', await gateway.sign(ANONYMOUS, undefined, GRAPHQL_PURPOSE));
    assert.deepEqual(about.body, { data: { ${n.camel}About: { name: '${n.kebab}', version: '0.1.0' } } });
    const anonymous = await query('{ ${n.camel}Caller { roles } }', await gateway.sign(ANONYMOUS, undefined, GRAPHQL_PURPOSE));
    assert.equal(anonymous.body.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED');
    const citizen = await query('{ ${n.camel}Caller { roles level } }', await gateway.sign({ ...CITIZEN, subject: 'a-citizen' }, 'citizen', GRAPHQL_PURPOSE));
    assert.deepEqual(citizen.body, { data: { ${n.camel}Caller: { roles: ['citizen'], level: 2 } } });
  });

  test('it composes with the other subgraphs', async () => {
    let report = '';
    const code = await checkOneSubgraph(
      ['${n.kebab}', new URL('../../subgraphs/${n.kebab}/schema.graphql', import.meta.url).pathname],
      (text) => (report += text),
      (text) => (report += text),
    );
    assert.equal(code, 0, report);
  });
});
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(
    await scaffoldSubgraph(
      process.argv.slice(2),
      REPOSITORY_ROOT,
      (text) => process.stdout.write(text),
      (text) => process.stderr.write(text),
    ),
  );
}
