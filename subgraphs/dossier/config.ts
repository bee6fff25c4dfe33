// Configuration of the dossier subgraph: DOSSIER_PORT (default in schema/subgraphs.ts), DOSSIER_HOST,
// DOSSIER_DATABASE_URL (PostgreSQL; embedded PGlite under DATA_DIR/dossier when unset), the shared keys,
// and each feature's own (catalogue/config.ts).
import { parseAll, parsedOrExit } from '../../platform/config.ts';
import { parseSubgraphConfig } from '../kit/subgraph-config.ts';
import type { SubgraphConfig } from '../kit/subgraph-config.ts';
import { parseCatalogueConfig } from './catalogue/config.ts';
import type { CatalogueSettings } from './catalogue/config.ts';

/** The dossier subgraph's validated configuration. */
export type DossierConfig = SubgraphConfig & CatalogueSettings;

/** Validate `env` (throws ConfigError listing every bad key). */
export function parseDossierConfig(env: Record<string, string | undefined>): DossierConfig {
  const [shared, catalogue] = parseAll<[SubgraphConfig, CatalogueSettings]>('dossier', [() => parseSubgraphConfig('dossier', env), () => parseCatalogueConfig(env)]);
  return Object.freeze({ ...shared, ...catalogue });
}

/** For main.ts: exit 1 listing every bad key. */
export function loadDossierConfig(): DossierConfig {
  return parsedOrExit(() => parseDossierConfig(process.env));
}
