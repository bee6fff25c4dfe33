// The feedback subgraph's REST routes, under /api/ (the gateway serves them at /api/feedback/…): photo
// uploads (photos/), the channels' webhooks and Open311 (channels/). Each module registers its own routes
// over the subgraph's services; none imports this file.
import type { FastifyInstance } from 'fastify';
import { registerOpen311Routes } from './channels/open311/routes.ts';
import { registerWebhookRoutes } from './channels/webhooks/routes.ts';
import { registerPhotoRoutes } from './photos/routes.ts';
import type { FeedbackServices } from './services.ts';

/** Register every feedback REST route on `app` (already under /api). */
export async function registerFeedbackRoutes(app: FastifyInstance, services: FeedbackServices): Promise<void> {
  await registerPhotoRoutes(app, services);
  await registerWebhookRoutes(app, services);
  await registerOpen311Routes(app, services);
}
