// The public lookup's throttle: how many wrong verifiers a dossier code takes before each further try
// must wait (doubling), how many lock it, for how long, and how long a failure is remembered.
import { z } from 'zod';
import { parseConfig } from '../../../platform/config.ts';

/** The lookup's throttle settings. */
export interface LookupSettings {
  readonly lookup: {
    /** Wrong verifiers per code answered at once; each further one must wait. */
    readonly freeFailures: number;
    /** The wait after the first failure beyond the free ones, in seconds; it doubles with each failure. */
    readonly throttleSeconds: number;
    /** Wrong verifiers per code that lock it. */
    readonly lockFailures: number;
    /** How long a locked code answers LOOKUP_LOCKED, even to the right verifier. */
    readonly lockSeconds: number;
    /** A code's failures are forgotten this long after its last one. */
    readonly windowSeconds: number;
  };
}

/** The lookup's keys (exported for docs/configuration.md). */
export const LOOKUP_CONFIG_SCHEMA = z
  .object({
    DOSSIER_LOOKUP_FREE_FAILURES: z.coerce.number().int().min(1).max(100).default(3).describe('Wrong verifiers per dossier code answered at once; after them each try must wait (`LOOKUP_THROTTLED`).'),
    DOSSIER_LOOKUP_THROTTLE_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .max(3600)
      .default(2)
      .describe('The wait after the first wrong verifier beyond the free ones, in seconds; it doubles with each further one.'),
    DOSSIER_LOOKUP_LOCK_FAILURES: z.coerce.number().int().min(2).max(1000).default(10).describe('Wrong verifiers per dossier code that lock it (`LOOKUP_LOCKED`), the right verifier included.'),
    DOSSIER_LOOKUP_LOCK_SECONDS: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 86_400)
      .default(1800)
      .describe('How long a locked dossier code stays locked, in seconds.'),
    DOSSIER_LOOKUP_WINDOW_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .max(30 * 86_400)
      .default(3600)
      .describe("A code's wrong verifiers are forgotten this long after the last one, in seconds."),
  })
  .refine((env) => env.DOSSIER_LOOKUP_LOCK_FAILURES > env.DOSSIER_LOOKUP_FREE_FAILURES, {
    path: ['DOSSIER_LOOKUP_LOCK_FAILURES'],
    message: 'must be more than DOSSIER_LOOKUP_FREE_FAILURES',
  });

/** Validate the lookup keys (throws ConfigError listing every bad key). */
export function parseLookupConfig(env: Record<string, string | undefined>): LookupSettings {
  const parsed = parseConfig('dossier', LOOKUP_CONFIG_SCHEMA, env);
  return {
    lookup: {
      freeFailures: parsed.DOSSIER_LOOKUP_FREE_FAILURES,
      throttleSeconds: parsed.DOSSIER_LOOKUP_THROTTLE_SECONDS,
      lockFailures: parsed.DOSSIER_LOOKUP_LOCK_FAILURES,
      lockSeconds: parsed.DOSSIER_LOOKUP_LOCK_SECONDS,
      windowSeconds: parsed.DOSSIER_LOOKUP_WINDOW_SECONDS,
    },
  };
}
