// Photo settings: FEEDBACK_PHOTO_MAX_BYTES (5 MiB), FEEDBACK_PHOTOS_PER_ITEM (5 of each kind),
// FEEDBACK_PHOTO_UNATTACHED_HOURS (24: uploads never attached are then deleted), and an
// S3-compatible store — FEEDBACK_PHOTO_S3_ENDPOINT, _BUCKET, _REGION, _ACCESS_KEY_ID, _SECRET_ACCESS_KEY,
// all five or none (photos go to FEEDBACK_PHOTO_DIR on disk when none is set).
import { z } from 'zod';
import { configFields, parseAll, parseConfig } from '../../../platform/config.ts';

/** Where an S3-compatible store is and how to sign for it (path-style addressing: endpoint/bucket/key). */
export interface S3Settings {
  /** Origin of the service, e.g. https://s3.hcm.example.vn or http://127.0.0.1:9000 (MinIO). */
  readonly endpoint: string;
  readonly bucket: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** The photo settings. */
export interface PhotoSettings {
  /** Largest accepted upload, in bytes. */
  readonly photoMaxBytes: number;
  /** At most this many photos of each kind (the reporter's, the unit's result) per item. */
  readonly photosPerItem: number;
  /** An S3-compatible store; photos go to photoDir on disk when undefined. */
  readonly photoS3: S3Settings | undefined;
  /** An upload no submission references is deleted after this many hours. */
  readonly photoUnattachedHours: number;
}

const S3_KEYS = ['FEEDBACK_PHOTO_S3_ENDPOINT', 'FEEDBACK_PHOTO_S3_BUCKET', 'FEEDBACK_PHOTO_S3_REGION', 'FEEDBACK_PHOTO_S3_ACCESS_KEY_ID', 'FEEDBACK_PHOTO_S3_SECRET_ACCESS_KEY'] as const;

const PHOTO_SCHEMA = z
  .object({
    FEEDBACK_PHOTO_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(50 * 1024 * 1024)
      .default(5 * 1024 * 1024),
    FEEDBACK_PHOTOS_PER_ITEM: z.coerce.number().int().min(1).max(50).default(5),
    FEEDBACK_PHOTO_UNATTACHED_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 30)
      .default(24),
    FEEDBACK_PHOTO_S3_ENDPOINT: configFields.url.optional(),
    // Bucket names as S3 allows them (3–63 lower-case letters, digits, dots and hyphens).
    FEEDBACK_PHOTO_S3_BUCKET: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name')
      .optional(),
    FEEDBACK_PHOTO_S3_REGION: z
      .string()
      .regex(/^[a-z0-9-]{1,40}$/, 'must be a region name such as us-east-1')
      .optional(),
    FEEDBACK_PHOTO_S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    FEEDBACK_PHOTO_S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  })
  .transform((env): PhotoSettings => ({
    photoMaxBytes: env.FEEDBACK_PHOTO_MAX_BYTES,
    photosPerItem: env.FEEDBACK_PHOTOS_PER_ITEM,
    photoUnattachedHours: env.FEEDBACK_PHOTO_UNATTACHED_HOURS,
    photoS3:
      env.FEEDBACK_PHOTO_S3_ENDPOINT === undefined
        ? undefined
        : {
            endpoint: new URL(env.FEEDBACK_PHOTO_S3_ENDPOINT).origin,
            bucket: env.FEEDBACK_PHOTO_S3_BUCKET as string,
            region: env.FEEDBACK_PHOTO_S3_REGION as string,
            accessKeyId: env.FEEDBACK_PHOTO_S3_ACCESS_KEY_ID as string,
            secretAccessKey: env.FEEDBACK_PHOTO_S3_SECRET_ACCESS_KEY as string,
          },
  }));

// Checked on its own so that a missing S3 key is reported along with any other bad key.
const S3_ALL_OR_NONE = z.object(Object.fromEntries(S3_KEYS.map((key) => [key, z.string().optional()]))).superRefine((env, context) => {
  const given = S3_KEYS.filter((key) => env[key] !== undefined);
  if (given.length > 0 && given.length < S3_KEYS.length) {
    for (const key of S3_KEYS.filter((name) => env[name] === undefined)) {
      context.addIssue({ code: 'custom', path: [key], message: `must be set too: the S3 photo store needs all of ${S3_KEYS.join(', ')} (or none, for the disk store)` });
    }
  }
});

/** Validate the photo keys (throws ConfigError listing every bad key). */
export function parsePhotoConfig(env: Record<string, string | undefined>): PhotoSettings {
  const [settings] = parseAll<[PhotoSettings, unknown]>('feedback', [() => parseConfig('feedback', PHOTO_SCHEMA, env), () => parseConfig('feedback', S3_ALL_OR_NONE, env)]);
  return settings;
}
