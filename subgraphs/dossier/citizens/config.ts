// Dossier documents: where uploads go on disk, how large one may be, and how many answer one
// supplement request.
import path from 'node:path';
import { z } from 'zod';
import { parseConfig } from '../../../platform/config.ts';

/** The documents' settings. */
export interface DocumentSettings {
  readonly documents: {
    /** The folder of the uploaded documents. */
    readonly dir: string;
    /** Largest accepted document, in bytes. */
    readonly maxBytes: number;
    /** At most this many documents answer one supplement request. */
    readonly perSupplement: number;
  };
}

/** The documents' keys (exported for docs/configuration.md). */
export const DOCUMENT_CONFIG_SCHEMA = z.object({
  DATA_DIR: z.string().min(1).default('data').describe('Folder of the embedded PGlite databases (`DATA_DIR/<name>`).'),
  DOSSIER_DOCUMENT_DIR: z.string().min(1).optional().describe('Where documents uploaded for a supplement request go on disk; unset: `DATA_DIR/dossier-documents`.'),
  DOSSIER_DOCUMENT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(10 * 1024 * 1024)
    .describe("Largest accepted document (`DOCUMENT_TOO_LARGE`); keep it under the gateway's REST_BODY_LIMIT_BYTES."),
  DOSSIER_DOCUMENTS_PER_SUPPLEMENT: z.coerce.number().int().min(1).max(50).default(10).describe('At most this many documents answer one supplement request.'),
});

/** Validate the documents' keys (throws ConfigError listing every bad key). */
export function parseDocumentConfig(env: Record<string, string | undefined>): DocumentSettings {
  const parsed = parseConfig('dossier', DOCUMENT_CONFIG_SCHEMA, env);
  return {
    documents: {
      dir: parsed.DOSSIER_DOCUMENT_DIR ?? path.join(parsed.DATA_DIR, 'dossier-documents'),
      maxBytes: parsed.DOSSIER_DOCUMENT_MAX_BYTES,
      perSupplement: parsed.DOSSIER_DOCUMENTS_PER_SUPPLEMENT,
    },
  };
}
