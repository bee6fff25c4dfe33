// The catalogue's own configuration keys (each key's `.describe()` is its line in docs/configuration.md):
// how sure an answer must be, where the portal's pages are (answers link to them), and how often a
// replica checks whether another one changed the catalogue.
import { z } from 'zod';
import { configFields, parseConfig } from '../../../platform/config.ts';

/** The catalogue's settings. */
export interface CatalogueSettings {
  /** Answers below this confidence are not given; `answer` says it does not know instead. */
  readonly answerMinConfidence: number;
  /** Base URL of Cổng dịch vụ công: links are `<url>/thu-tuc/<code>` and `<url>/hoi-dap/<code>`. */
  readonly portalUrl: string;
  /** At most this often a replica reads the catalogue's revision to see another replica's edits. */
  readonly catalogueRefreshMs: number;
}

/** The zod schema of the catalogue's keys (exported for the generated configuration reference). */
export const CATALOGUE_CONFIG_SCHEMA = z
  .object({
    DOSSIER_ANSWER_MIN_CONFIDENCE: z.coerce
      .number()
      .min(0)
      .max(1)
      .default(0.4)
      .describe('`answer` gives only sources at least this sure (0 to 1); below it, it says it does not know and offers to open a 1022 item. Measured with `npm run bench:answer`.'),
    DOSSIER_PORTAL_URL: configFields.url
      .default('http://127.0.0.1:4020')
      .describe('Public base URL of Cổng dịch vụ công: answers link to `<url>/thu-tuc/<code>` (procedure) and `<url>/hoi-dap/<code>` (FAQ entry).'),
    DOSSIER_CATALOGUE_REFRESH_MS: z.coerce
      .number()
      .int()
      .min(100)
      .max(600_000)
      .default(2000)
      .describe("How often (at most) a replica checks the catalogue's revision to pick up another replica's edits; its own edits show at once."),
  })
  .transform((env): CatalogueSettings => ({
    answerMinConfidence: env.DOSSIER_ANSWER_MIN_CONFIDENCE,
    portalUrl: env.DOSSIER_PORTAL_URL.replace(/\/+$/, ''),
    catalogueRefreshMs: env.DOSSIER_CATALOGUE_REFRESH_MS,
  }));

/** Validate the catalogue's keys (throws ConfigError). */
export function parseCatalogueConfig(env: Record<string, string | undefined>): CatalogueSettings {
  return parseConfig('dossier', CATALOGUE_CONFIG_SCHEMA, env);
}
