// The subgraphs composed into the supergraph: name, SDL file and default URL. The gateway knows
// subgraphs only through this list (by URL) and the composed supergraph, never by import.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One subgraph in the composition. */
export interface SubgraphEntry {
  readonly name: string;
  /** Path of its SDL, relative to the repository root. */
  readonly sdlFile: string;
  /** URL written into the supergraph; the gateway's `<NAME>_URL` overrides it. */
  readonly defaultUrl: string;
}

export const SUBGRAPHS: readonly SubgraphEntry[] = [
  { name: 'feedback', sdlFile: 'subgraphs/feedback/schema.graphql', defaultUrl: 'http://127.0.0.1:4001/graphql' },
  { name: 'dossier', sdlFile: 'subgraphs/dossier/schema.graphql', defaultUrl: 'http://127.0.0.1:4002/graphql' },
  { name: 'planning', sdlFile: 'subgraphs/planning/schema.graphql', defaultUrl: 'http://127.0.0.1:4003/graphql' },
  { name: 'notification', sdlFile: 'subgraphs/notification/schema.graphql', defaultUrl: 'http://127.0.0.1:4004/graphql' },
];

/** The repository root. */
export const REPOSITORY_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the composed supergraph is committed. */
export const SUPERGRAPH_FILE = path.join(REPOSITORY_ROOT, 'schema', 'supergraph.graphql');
