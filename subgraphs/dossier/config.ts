// Configuration of the dossier subgraph: the keys every subgraph shares (DOSSIER_PORT, default in
// schema/subgraphs.ts, DOSSIER_HOST, DOSSIER_DATABASE_URL — embedded PGlite under DATA_DIR/dossier when
// unset — …) plus its own, each described for docs/configuration.md.
import { z } from 'zod';
import { ConfigError, parseAll, parseConfig, parsedOrExit } from '../../platform/config.ts';
import { parseSubgraphConfig } from '../kit/subgraph-config.ts';
import type { SubgraphConfig } from '../kit/subgraph-config.ts';
import { CATALOGUE_CONFIG_SCHEMA, parseCatalogueConfig } from './catalogue/config.ts';
import type { CatalogueSettings } from './catalogue/config.ts';
import { DOCUMENT_CONFIG_SCHEMA, parseDocumentConfig } from './citizens/config.ts';
import type { DocumentSettings } from './citizens/config.ts';
import { INGESTION_CONFIG_SCHEMA, parseIngestionConfig } from './ingestion/config.ts';
import type { IngestionSettings } from './ingestion/config.ts';
import { LOOKUP_CONFIG_SCHEMA, parseLookupConfig } from './lookup/config.ts';
import type { LookupSettings } from './lookup/config.ts';

/** The dossier subgraph's own settings. */
export interface DossierSettings {
  /** Key of the HMACs of receipt PINs and phone digits (lifecycle/verifiers.ts). */
  readonly verifierKey: string;
}

/** The dossier subgraph's validated configuration. */
export type DossierConfig = SubgraphConfig & DossierSettings & LookupSettings & DocumentSettings & IngestionSettings & CatalogueSettings;

// Development only: production refuses to start without DOSSIER_VERIFIER_KEY.
const DEVELOPMENT_VERIFIER_KEY = 'lien-thong-development-verifier-key-not-for-production';

/** The dossier subgraph's own keys (exported for docs/configuration.md). */
export const DOSSIER_CONFIG_SCHEMA = z.object({
  DOSSIER_VERIFIER_KEY: z
    .string()
    .min(32, 'must be at least 32 characters')
    .optional()
    .describe(
      'Key of the HMACs that stand for receipt PINs and phone digits (the verifiers of `dossierLookup`); required in production. Changing it invalidates every stored verifier. Unset in development: a fixed development key.',
    ),
});

/** Every schema of the dossier subgraph's own keys, by the file that reads them (for docs/configuration.md). */
export const DOSSIER_CONFIG_SCHEMAS: readonly { readonly source: string; readonly schema: z.ZodType }[] = [
  { source: 'subgraphs/dossier/config.ts', schema: DOSSIER_CONFIG_SCHEMA },
  { source: 'subgraphs/dossier/lookup/config.ts', schema: LOOKUP_CONFIG_SCHEMA },
  { source: 'subgraphs/dossier/catalogue/config.ts', schema: CATALOGUE_CONFIG_SCHEMA },
  { source: 'subgraphs/dossier/citizens/config.ts', schema: DOCUMENT_CONFIG_SCHEMA.omit({ DATA_DIR: true }) },
  { source: 'subgraphs/dossier/ingestion/config.ts', schema: INGESTION_CONFIG_SCHEMA },
];

/** Validate `env` (throws ConfigError listing every bad key). */
export function parseDossierConfig(env: Record<string, string | undefined>): DossierConfig {
  const [shared, own, lookup, documents, ingestion, catalogue] = parseAll<
    [SubgraphConfig, z.output<typeof DOSSIER_CONFIG_SCHEMA>, LookupSettings, DocumentSettings, IngestionSettings, CatalogueSettings]
  >('dossier', [
    () => parseSubgraphConfig('dossier', env),
    () => parseConfig('dossier', DOSSIER_CONFIG_SCHEMA, env),
    () => parseLookupConfig(env),
    () => parseDocumentConfig(env),
    () => parseIngestionConfig(env),
    () => parseCatalogueConfig(env),
  ]);
  if (shared.production && own.DOSSIER_VERIFIER_KEY === undefined) {
    throw new ConfigError('dossier', ['DOSSIER_VERIFIER_KEY: is required in production (the development key is public)']);
  }
  return Object.freeze({ ...shared, ...lookup, ...documents, ...ingestion, ...catalogue, verifierKey: own.DOSSIER_VERIFIER_KEY ?? DEVELOPMENT_VERIFIER_KEY });
}

/** For main.ts: exit 1 listing every bad key. */
export function loadDossierConfig(): DossierConfig {
  return parsedOrExit(() => parseDossierConfig(process.env));
}
