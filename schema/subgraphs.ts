// The one list of subgraphs: name, default port and URL, environment prefix, database, SDL file and REST
// routes. Every reader derives from it: the subgraphs' configs (default port), the launcher, migrations,
// the test harness, the benchmark, composition and the gateway (by URL; it never imports a subgraph).
// docs/configuration.md shows it as a table (`npm run docs:generate`).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The methods a REST route may declare (HEAD is served for every declared GET). */
export type RestMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One REST route of a subgraph, as it registers it under /api (the gateway serves it at
 * /api/<subgraph><path>). Path segments are literals, `:name` (one segment) or a final `*` (one or more).
 */
export interface RestRoute {
  readonly method: RestMethod;
  readonly path: string;
  /**
   * When the route looks records up by code, how to count the lookups of one request (the gateway
   * charges them to CODE_LOOKUP_RATE_LIMIT, as it does GraphQL fields with a `code` argument).
   */
  readonly codeLookups?: RestCodeLookups;
}

/** Lookups by code in a REST request: a path that names one record, and/or a comma list in a query parameter. */
export interface RestCodeLookups {
  /** Matched against the path below /api/<subgraph> (e.g. /open311/v2/requests/PHA….json): one lookup. */
  readonly path?: RegExp;
  /** Each comma-separated value of this query parameter is one lookup. */
  readonly queryParameter?: string;
}

/** One subgraph: what is written here, and what follows from its name (a subgraph is one folder). */
export interface SubgraphEntry {
  readonly name: SubgraphName;
  /** Its environment keys' prefix (`<PREFIX>_PORT`, `<PREFIX>_HOST`, `<PREFIX>_DATABASE_URL`; the gateway's `<PREFIX>_URL`). */
  readonly envPrefix: string;
  /** The port it listens on unless `<PREFIX>_PORT` says otherwise. */
  readonly defaultPort: number;
  /** URL written into the supergraph; the gateway's `<PREFIX>_URL` overrides it. */
  readonly defaultUrl: string;
  /** Path of its SDL, relative to the repository root. */
  readonly sdlFile: string;
  /** Its migrations folder, relative to the repository root (Prisma's folder format). */
  readonly migrationsDir: string;
  /**
   * Its REST routes: the only paths the gateway forwards to it, and the only /api routes the subgraph kit
   * lets it register (building the subgraph fails on any difference).
   */
  readonly restRoutes: readonly RestRoute[];
}

/** What is said of each subgraph; the rest of an entry follows from the name. */
interface SubgraphFacts {
  readonly name: string;
  readonly defaultPort: number;
  readonly restRoutes: readonly RestRoute[];
}

const FACTS = [
  {
    name: 'feedback',
    defaultPort: 4001,
    restRoutes: [
      // photos/routes.ts
      { method: 'POST', path: '/photos' },
      { method: 'GET', path: '/photos/:id' },
      // channels/webhooks/routes.ts: Facebook's subscription handshake, then every channel's deliveries
      { method: 'GET', path: '/webhooks/facebook' },
      { method: 'POST', path: '/webhooks/:channel' },
      // channels/open311/routes.ts: GeoReport v2 resources, dispatched by the handler
      { method: 'GET', path: '/open311/v2/*', codeLookups: { path: /^\/open311\/v2\/requests\/[^/]+\.(?:json|xml)$/, queryParameter: 'service_request_id' } },
      { method: 'POST', path: '/open311/v2/*' },
    ],
  },
  {
    name: 'dossier',
    defaultPort: 4002,
    restRoutes: [
      // citizens/routes.ts: documents that answer a supplement request
      { method: 'POST', path: '/documents' },
      // ingestion/routes.ts: agencies' NDJSON back-fill
      { method: 'POST', path: '/ingest/dossiers' },
    ],
  },
  { name: 'planning', defaultPort: 4003, restRoutes: [] },
  {
    name: 'notification',
    defaultPort: 4004,
    restRoutes: [
      // delivery/receipts.ts: providers' signed delivery receipts
      { method: 'POST', path: '/receipts/:provider' },
    ],
  },
] as const satisfies readonly SubgraphFacts[];

/** A subgraph's name. */
export type SubgraphName = (typeof FACTS)[number]['name'];

/** The subgraphs, in composition order. */
export const SUBGRAPHS: readonly SubgraphEntry[] = FACTS.map((facts): SubgraphEntry => ({
  name: facts.name,
  envPrefix: facts.name.toUpperCase(),
  defaultPort: facts.defaultPort,
  defaultUrl: `http://127.0.0.1:${facts.defaultPort}/graphql`,
  sdlFile: `subgraphs/${facts.name}/schema.graphql`,
  migrationsDir: `subgraphs/${facts.name}/prisma/migrations`,
  restRoutes: facts.restRoutes,
}));

/** The entry of subgraph `name`. */
export function subgraphEntry(name: SubgraphName): SubgraphEntry {
  const entry = SUBGRAPHS.find((subgraph) => subgraph.name === name);
  if (!entry) throw new Error(`${name} is not in schema/subgraphs.ts`);
  return entry;
}

/** The repository root: the nearest folder above this file with a package.json (the built copy is in build/schema/). */
export const REPOSITORY_ROOT = (() => {
  let folder = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(folder, 'package.json')) && path.dirname(folder) !== folder) folder = path.dirname(folder);
  return folder;
})();

/** Where `npm run build` (scripts/build.ts) writes the JavaScript that production starts run, mirroring the sources' folders. */
export const BUILD_DIR = path.join(REPOSITORY_ROOT, 'build');

/** The name a TypeScript file or import specifier has once built (`main.ts` → `main.js`; anything else as it is). */
export function builtName(file: string): string {
  return file.replace(/\.ts$/, '.js');
}

/** The built file of a source entry point (`gateway/main.ts` → `<repo>/build/gateway/main.js`). */
export function builtEntry(source: string): string {
  return path.join(BUILD_DIR, builtName(source));
}

/** Where the composed supergraph is committed. */
export const SUPERGRAPH_FILE = path.join(REPOSITORY_ROOT, 'schema', 'supergraph.graphql');

/** Where the gateway's registry file is kept by default (REGISTRY_FILE; beside the embedded databases, not committed). */
export const DEFAULT_REGISTRY_FILE = path.join(REPOSITORY_ROOT, 'data', 'registry.json');
