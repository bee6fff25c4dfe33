// Configuration of the dossier subgraph: DOSSIER_PORT (default in schema/subgraphs.ts), DOSSIER_HOST,
// DOSSIER_DATABASE_URL (PostgreSQL; embedded PGlite under DATA_DIR/dossier when unset), and the shared keys.
import { loadSubgraphConfig, parseSubgraphConfig } from '../kit/subgraph-config.ts';
import type { SubgraphConfig } from '../kit/subgraph-config.ts';

/** Validate `env` (throws ConfigError). */
export function parseDossierConfig(env: Record<string, string | undefined>): SubgraphConfig {
  return parseSubgraphConfig('dossier', env);
}

/** For main.ts: exit 1 listing every bad key. */
export function loadDossierConfig(): SubgraphConfig {
  return loadSubgraphConfig('dossier');
}
