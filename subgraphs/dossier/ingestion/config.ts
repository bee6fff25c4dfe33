// Ingestion limits: how many records one upsertDossiers or one NDJSON batch may carry, and how large a
// batch body may be.
import { z } from 'zod';
import { parseConfig } from '../../../platform/config.ts';

/** The ingestion settings. */
export interface IngestionSettings {
  readonly ingestion: {
    /** Most records in one batch (GraphQL list or NDJSON lines). */
    readonly maxRecords: number;
    /** Largest NDJSON body, in bytes. */
    readonly maxBytes: number;
  };
}

/** The ingestion keys (exported for docs/configuration.md). */
export const INGESTION_CONFIG_SCHEMA = z.object({
  DOSSIER_INGEST_MAX_RECORDS: z.coerce.number().int().min(1).max(100_000).default(5000).describe('Most dossier records in one `upsertDossiers` call or one NDJSON batch (`BAD_USER_INPUT` beyond).'),
  DOSSIER_INGEST_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(10 * 1024 * 1024)
    .describe("Largest NDJSON batch body (`PAYLOAD_TOO_LARGE`); keep it under the gateway's REST_BODY_LIMIT_BYTES."),
});

/** Validate the ingestion keys (throws ConfigError listing every bad key). */
export function parseIngestionConfig(env: Record<string, string | undefined>): IngestionSettings {
  const parsed = parseConfig('dossier', INGESTION_CONFIG_SCHEMA, env);
  return { ingestion: { maxRecords: parsed.DOSSIER_INGEST_MAX_RECORDS, maxBytes: parsed.DOSSIER_INGEST_MAX_BYTES } };
}
