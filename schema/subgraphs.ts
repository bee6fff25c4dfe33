// The subgraphs composed into the supergraph: name, SDL file, default URL and REST routes. The gateway
// knows subgraphs only through this list (by URL) and the composed supergraph, never by import.
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

/** One subgraph in the composition. */
export interface SubgraphEntry {
  readonly name: string;
  /** Path of its SDL, relative to the repository root. */
  readonly sdlFile: string;
  /** URL written into the supergraph; the gateway's `<NAME>_URL` overrides it. */
  readonly defaultUrl: string;
  /**
   * Its REST routes: the only paths the gateway forwards to it, and the only /api routes the subgraph kit
   * lets it register (building the subgraph fails on any difference).
   */
  readonly restRoutes: readonly RestRoute[];
}

export const SUBGRAPHS: readonly SubgraphEntry[] = [
  {
    name: 'feedback',
    sdlFile: 'subgraphs/feedback/schema.graphql',
    defaultUrl: 'http://127.0.0.1:4001/graphql',
    restRoutes: [
      // photos/routes.ts
      { method: 'POST', path: '/photos' },
      { method: 'GET', path: '/photos/:id' },
      // webhooks/routes.ts: Facebook's subscription handshake, then every channel's deliveries
      { method: 'GET', path: '/webhooks/facebook' },
      { method: 'POST', path: '/webhooks/:channel' },
      // open311/routes.ts: GeoReport v2 resources, dispatched by the handler
      { method: 'GET', path: '/open311/v2/*', codeLookups: { path: /^\/open311\/v2\/requests\/[^/]+\.(?:json|xml)$/, queryParameter: 'service_request_id' } },
      { method: 'POST', path: '/open311/v2/*' },
    ],
  },
  { name: 'dossier', sdlFile: 'subgraphs/dossier/schema.graphql', defaultUrl: 'http://127.0.0.1:4002/graphql', restRoutes: [] },
  { name: 'planning', sdlFile: 'subgraphs/planning/schema.graphql', defaultUrl: 'http://127.0.0.1:4003/graphql', restRoutes: [] },
  { name: 'notification', sdlFile: 'subgraphs/notification/schema.graphql', defaultUrl: 'http://127.0.0.1:4004/graphql', restRoutes: [] },
];

/** The repository root. */
export const REPOSITORY_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the composed supergraph is committed. */
export const SUPERGRAPH_FILE = path.join(REPOSITORY_ROOT, 'schema', 'supergraph.graphql');
