// The workspace's home: signed out, one silent single sign-on attempt then the sign-in page; signed in, the
// first section of the person's roles; no staff role, the refusal page.
import type { FastifyInstance } from 'fastify';
import { SECTIONS, STAFF_ROLES } from '../roles.ts';
import type { WorkspaceRouteOptions } from '../server.ts';

/** GET /. */
export async function homeRoutes(app: FastifyInstance, options: WorkspaceRouteOptions): Promise<void> {
  app.get('/', async (request, reply) => {
    const current = await app.portalSession.load(request);
    if (!current?.session.user) return options.replies.signedOutHome(reply, current);
    const context = await options.staff(request, reply, STAFF_ROLES);
    if (!context) return reply;
    const first = STAFF_ROLES.find((role) => context.staff.roles.has(role)) ?? 'operator';
    return reply.redirect(SECTIONS[first].path, 303);
  });
}
