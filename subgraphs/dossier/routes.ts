// The dossier subgraph's REST routes, under /api/ (the gateway serves them at /api/dossier/…): document
// uploads (citizens/) and bulk NDJSON ingestion (ingestion/). Each module registers its own routes over the subgraph's services; none imports
// this file.
import type { FastifyInstance } from 'fastify';
import { registerDocumentRoutes } from './citizens/routes.ts';
import { registerIngestionRoutes } from './ingestion/routes.ts';
import type { DossierServices } from './services.ts';

/** Register every dossier REST route on `app` (already under /api). */
export async function registerDossierRoutes(app: FastifyInstance, services: DossierServices): Promise<void> {
  await registerDocumentRoutes(app, services);
  await registerIngestionRoutes(app, services);
}
