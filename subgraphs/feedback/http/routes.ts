// The feedback subgraph's REST routes, under /api/ (the gateway serves them at /api/feedback/…):
// photo uploads, the channels' webhooks and Open311. Each module registers its own routes.
import type { FastifyInstance } from 'fastify';
import type { RouteServices } from '../../kit/server.ts';
import type { FeedbackConfig } from '../config.ts';
import type { PrismaClient } from '../prisma/generated/client.ts';
import { registerPhotoRoutes } from '../photos/routes.ts';
import { registerOpen311Routes } from '../open311/routes.ts';
import { registerWebhookRoutes } from '../webhooks/routes.ts';

/** What the feedback routes get: the database, the logger and the feedback configuration. */
export interface FeedbackRouteServices extends RouteServices<PrismaClient> {
  readonly config: FeedbackConfig;
}

/** Register every feedback REST route on `app` (already under /api). */
export async function registerFeedbackRoutes(app: FastifyInstance, services: FeedbackRouteServices): Promise<void> {
  void app;
  void services;
  await registerPhotoRoutes(app, services);
  await registerWebhookRoutes(app, services);
  await registerOpen311Routes(app, services);
}
