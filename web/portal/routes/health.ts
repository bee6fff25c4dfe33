// A portal's health: live while the process runs; ready when the realm's discovery document answers.
import type { FastifyInstance } from 'fastify';
import type { SiteServices } from '../services.ts';

/** GET /health/live and /health/ready. */
export async function healthRoutes(app: FastifyInstance, { services }: { readonly services: SiteServices }): Promise<void> {
  app.get('/health/live', async () => ({ status: 'ok' }));
  app.get('/health/ready', async (_request, reply) => {
    try {
      await services.relyingParty().configuration();
      return { status: 'ok' };
    } catch {
      return reply.code(503).send({ status: 'unavailable', code: 'IDP_UNAVAILABLE' });
    }
  });
}
