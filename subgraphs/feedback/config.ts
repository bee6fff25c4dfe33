// Configuration of the feedback subgraph: the keys every subgraph shares (FEEDBACK_PORT, default in schema/subgraphs.ts,
// FEEDBACK_HOST, FEEDBACK_DATABASE_URL — embedded PGlite under DATA_DIR/feedback when unset — …) plus
// the feedback subgraph's own: photo storage, channel webhooks and Open311.
import path from 'node:path';
import { z } from 'zod';
import { parseAll, parseConfig, parsedOrExit } from '../../platform/config.ts';
import { parseSubgraphConfig } from '../kit/subgraph-config.ts';
import type { SubgraphConfig } from '../kit/subgraph-config.ts';
import { parsePhotoConfig } from './photos/config.ts';
import type { PhotoSettings } from './photos/config.ts';
import { parseSummaryConfig } from './summary/config.ts';
import type { SummarySettings } from './summary/config.ts';
import { parseOpen311Config } from './channels/open311/config.ts';
import type { Open311Settings } from './channels/open311/config.ts';
import { parseWebhookConfig } from './channels/webhooks/config.ts';
import type { WebhookSettings } from './channels/webhooks/config.ts';

/** The feedback subgraph's own settings. */
export interface FeedbackSettings {
  /** Where uploaded photos go on disk (unless an S3-compatible store is configured). */
  readonly photoDir: string;
}

/** The feedback subgraph's validated configuration. */
export type FeedbackConfig = SubgraphConfig & FeedbackSettings & PhotoSettings & SummarySettings & WebhookSettings & Open311Settings;

const FEEDBACK_SCHEMA = z
  .object({
    DATA_DIR: z.string().min(1).default('data'),
    FEEDBACK_PHOTO_DIR: z.string().min(1).optional(),
  })
  .transform((env): FeedbackSettings => ({
    photoDir: env.FEEDBACK_PHOTO_DIR ?? path.join(env.DATA_DIR, 'feedback-photos'),
  }));

/** Validate `env` (throws ConfigError listing every bad key). */
export function parseFeedbackConfig(env: Record<string, string | undefined>): FeedbackConfig {
  const [shared, own, summary, photos, webhooks, open311] = parseAll<[SubgraphConfig, FeedbackSettings, SummarySettings, PhotoSettings, WebhookSettings, Open311Settings]>('feedback', [
    () => parseSubgraphConfig('feedback', env),
    () => parseConfig('feedback', FEEDBACK_SCHEMA, env),
    () => parseSummaryConfig(env),
    () => parsePhotoConfig(env),
    () => parseWebhookConfig(env),
    () => parseOpen311Config(env),
  ]);
  return Object.freeze({ ...shared, ...own, ...summary, ...photos, ...webhooks, ...open311 });
}

/** For main.ts: exit 1 listing every bad key. */
export function loadFeedbackConfig(): FeedbackConfig {
  return parsedOrExit(() => parseFeedbackConfig(process.env));
}
