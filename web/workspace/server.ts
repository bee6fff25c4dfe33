// Builds the staff workspace (not listening): the portals' shared part (buildSite: sessions, sign-in and
// sign-out through the realm, headers, error pages) with the workspace's brand and client, then the pages
// of each staff role. It reads and writes only through the gateway, as the signed-in person.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { buildSite } from '../portal/server.ts';
import { mapRoutes } from '../portal/routes/map.ts';
import { photoRoutes } from '../portal/routes/photos.ts';
import type { SiteOptions, SiteBrand } from '../portal/options.ts';
import { rethrowUnlessUnavailable } from '../portal/gateway-client.ts';
import type { GatewayResult } from '../portal/gateway-client.ts';
import type { PageFrame } from '../portal/pages/layout.ts';
import type { PortalReplies } from '../portal/replies.ts';
import type { SiteServices } from '../portal/services.ts';
import type { LoadedSession } from '../portal/session.ts';
import { renderRefusal, sectionsNav } from './pages/common.ts';
import { staffOf } from './roles.ts';
import type { Staff, StaffRole } from './roles.ts';
import { deskRoutes } from './routes/desk.ts';
import { graphiqlRoutes } from './routes/graphiql.ts';
import { homeRoutes } from './routes/home.ts';
import { leaderRoutes } from './routes/leaders.ts';
import { workspaceLiveRoutes } from './routes/live.ts';
import { operatorToolRoutes } from './routes/operator-tools.ts';
import { queueRoutes } from './routes/queue.ts';
import { summaryRoutes } from './routes/summaries.ts';

/** The workspace's look and what it asks the realm for (roles come with every token; scopes for the inbox and items). */
export const WORKSPACE: SiteBrand = {
  brand: { kind: 'workspace', name: 'Liên Thông · Nơi làm việc', tagline: 'Không gian làm việc của cán bộ · Staff workspace', mark: 'LT', accent: '#1f4e79' },
  scope: 'openid profile feedback:read notification:read',
};

/** A signed-in staff member's request: their session, roles and the page frame. */
export interface StaffContext {
  readonly current: LoadedSession;
  readonly staff: Staff;
  readonly frame: PageFrame;
}

/** What the workspace's route modules get. */
export interface WorkspaceRouteOptions {
  readonly services: SiteServices;
  readonly replies: PortalReplies;
  /**
   * The request's staff member when they hold one of `roles`; otherwise the answer is sent (sign-in, refusal) and
   * undefined returned. `live`: the page follows changes without a reload (routes/live.ts).
   */
  staff(request: FastifyRequest, reply: FastifyReply, roles: readonly StaffRole[], live?: boolean): Promise<StaffContext | undefined>;
  /** Ask the gateway as the staff member; undefined when the answer was sent (session ended, gateway unavailable). */
  ask<Data>(reply: FastifyReply, context: StaffContext, query: string, variables?: Record<string, unknown>): Promise<GatewayResult<Data> | undefined>;
  /** A posted form of a staff member holding one of `roles`, its CSRF token checked; undefined when the answer was sent. */
  form(request: FastifyRequest, reply: FastifyReply, roles: readonly StaffRole[]): Promise<{ context: StaffContext; body: Record<string, unknown> } | undefined>;
  /** Say on the next page what was done, and go there (303). */
  done(reply: FastifyReply, context: StaffContext, text: string, to: string): Promise<FastifyReply>;
  /** Bad input from the browser, refused here: a 400 page with BAD_USER_INPUT and what was wrong. */
  badInput(reply: FastifyReply, context: StaffContext, what: string): FastifyReply;
}

/** Build the workspace (not listening). The session store belongs to the caller, who closes it. */
export async function buildWorkspace(options: SiteOptions): Promise<FastifyInstance> {
  const { app, services, replies } = await buildSite(options, WORKSPACE);
  const sessions = app.portalSession;
  const routeOptions: WorkspaceRouteOptions = {
    services,
    replies,
    async staff(request, reply, roles, live = false) {
      const current = await sessions.load(request);
      if (!current?.session.user) {
        if (request.method === 'GET') return void (await reply.redirect(`/auth/login?returnTo=${encodeURIComponent(request.url)}`, 302));
        return void (await reply.redirect('/', 303));
      }
      const token = await sessions.accessToken(reply, current);
      if (!token) return void (await sessions.ended(reply));
      const staff = staffOf(token);
      // The workspace has no inbox of its own: no unread count to ask for.
      const frame: PageFrame = { ...(await replies.pageFrame(reply, current, { unread: null, live })), sections: sectionsNav(staff) };
      if (!roles.some((role) => staff.roles.has(role))) {
        request.log.info({ need: roles, has: [...staff.roles] }, 'workspace page refused: no staff role for it');
        return void (await replies.html(reply, 403, renderRefusal(frame, staff)));
      }
      return { current, staff, frame };
    },
    async ask<Data>(reply: FastifyReply, context: StaffContext, query: string, variables?: Record<string, unknown>) {
      const result = await sessions.askGateway<Data>(reply, context.current, query, variables).catch(rethrowUnlessUnavailable);
      if (result === undefined) return void (await sessions.ended(reply));
      if (result === 'unavailable') {
        return void (await replies.errorPage(reply, context.current, 502, 'Không kết nối được cổng API', 'Vui lòng thử lại sau ít phút. (The API gateway is unavailable.)', 'SERVICE_UNAVAILABLE'));
      }
      return result;
    },
    async form(request, reply, roles) {
      const context = await routeOptions.staff(request, reply, roles);
      if (!context) return undefined;
      const body = (request.body ?? {}) as Record<string, unknown>;
      if (!sessions.csrfValid(context.current, body['csrf'])) return void (await replies.csrfRefused(reply, context.current));
      return { context, body };
    },
    async done(reply, context, text, to) {
      context.current.session.flash = { kind: 'ok', text };
      await sessions.save(reply, context.current);
      return reply.redirect(to, 303);
    },
    badInput: (reply, context, what) => replies.errorPage(reply, context.current, 400, 'Dữ liệu không hợp lệ', what, 'BAD_USER_INPUT'),
  };
  await app.register(homeRoutes, routeOptions);
  await app.register(queueRoutes, routeOptions);
  await app.register(operatorToolRoutes, routeOptions);
  await app.register(summaryRoutes, routeOptions);
  await app.register(deskRoutes, routeOptions);
  await app.register(leaderRoutes, routeOptions);
  await app.register(graphiqlRoutes, routeOptions);
  // The portals' map files and ward boundaries with the dashboard's script, their photo relay, their live stream.
  await app.register(mapRoutes, {
    services,
    replies,
    scripts: {
      'dashboard-map.js': new URL('./assets/dashboard-map.js', import.meta.url),
      'dashboard-trend.js': new URL('./assets/dashboard-trend.js', import.meta.url),
      // Chart.js's browser build (MIT), from node_modules: the dashboard's trend chart.
      'chart.umd.js': pathToFileURL(path.join(path.dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.js')),
    },
  });
  await app.register(photoRoutes, { services, replies });
  await app.register(workspaceLiveRoutes, routeOptions);
  return app;
}
