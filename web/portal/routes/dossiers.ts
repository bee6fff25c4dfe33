// The public-service portal's pages: the signed-in citizen's dossiers and notifications, and a dossier's
// details, which need VNeID level 2 (step-up at the realm when the session has level 1).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { findError, rethrowUnlessUnavailable } from '../gateway-client.ts';
import { renderDossierDetail, renderServicesHome } from '../pages/services.ts';
import { portalBases } from '../pages/notifications.ts';
import type { NotificationRow } from '../pages/notifications.ts';
import type { DossierDetail, DossierRow } from '../pages/services.ts';
import { fieldError } from '../replies.ts';
import type { PortalRouteOptions } from '../replies.ts';
import type { LoadedSession } from '../session.ts';

const SERVICES_HOME = `query PortalServicesHome { me { dossiers { code status procedure { name } dueAt } unreadNotificationCount notifications(first: 5) { id title body kind link read createdAt } } }`;
const DOSSIER_DETAIL = `query PortalDossierDetail($code: String!) { dossier(code: $code) {
  code status procedure { code name } agency { name } currentStep supplementRequest receivedAt dueAt rescheduledDueAt returnedAt overdue
  timeline { kind toStatus agency { name } occurredAt name dueAt newDueAt note } } }`;

/** GET / (signed in: dossiers and notifications) and GET /dossiers/:code. */
export async function dossierRoutes(app: FastifyInstance, { services, replies }: PortalRouteOptions): Promise<void> {
  const sessions = app.portalSession;
  const bases = portalBases(services.options.kind, services.options.links ?? []);

  app.get('/', async (request, reply) => {
    const current = await sessions.load(request);
    if (!current?.session.user) return replies.signedOutHome(reply, current);
    return servicesHome(reply, current);
  });

  app.get('/dossiers/:code', async (request, reply) => {
    const { code } = request.params as { code: string };
    const returnTo = `/dossiers/${encodeURIComponent(code)}`;
    const current = await sessions.load(request);
    if (!current?.session.user) return reply.redirect(`/auth/login?returnTo=${encodeURIComponent(returnTo)}`, 302);
    const result = await sessions.askGateway<{ dossier?: DossierDetail | null }>(reply, current, DOSSIER_DETAIL, { code }).catch(rethrowUnlessUnavailable);
    if (result === 'unavailable') return replies.errorPage(reply, current, 503, 'Dịch vụ tạm thời gián đoạn', 'Không kết nối được cổng API. (The API gateway is unavailable.)');
    if (!result) return sessions.ended(reply);
    if (findError(result, 'STEP_UP_REQUIRED')) {
      // Dossier details need VNeID level 2: sign in again at level 2 and come back here.
      if (current.session.user?.acr !== '2') return replies.stepUp(reply, returnTo);
      // The session already has level 2 and the gateway still refuses: say so rather than loop.
      return replies.errorPage(reply, current, 403, 'Cần xác thực VNeID mức 2', 'Thông tin này cần định danh VNeID mức 2. (This needs VNeID level 2.)', 'STEP_UP_REQUIRED');
    }
    const dossier = result.data?.dossier;
    if (!dossier) {
      const error = result.errors[0];
      return replies.errorPage(reply, current, error ? 502 : 404, 'Không tìm thấy hồ sơ', error ? error.message : 'Hồ sơ không tồn tại hoặc không thuộc về bạn. (Not found.)', error?.extensions?.code);
    }
    // Live: the stream carries this dossier's status changes (the session is at level 2 here).
    return replies.html(reply, 200, renderDossierDetail(await replies.pageFrame(reply, current, { live: true }), dossier));
  });

  /** The signed-in home page: the citizen's dossiers and notifications. */
  async function servicesHome(reply: FastifyReply, current: LoadedSession) {
    const result = await sessions
      .askGateway<{ me?: { dossiers?: DossierRow[] | null; unreadNotificationCount?: number | null; notifications?: NotificationRow[] | null } | null }>(reply, current, SERVICES_HOME)
      .catch(rethrowUnlessUnavailable);
    if (!result) return sessions.ended(reply);
    const unread = result === 'unavailable' ? null : (result.data?.me?.unreadNotificationCount ?? null);
    const frame = await replies.pageFrame(reply, current, { live: true, unread });
    if (result === 'unavailable') {
      const down = 'Không kết nối được cổng API. (The API gateway is unavailable.)';
      return replies.html(reply, 503, renderServicesHome(frame, { dossiers: undefined, dossiersError: down, notifications: undefined, bases }));
    }
    const dossiersError = fieldError(result, 'me', 'dossiers');
    const notificationsError = fieldError(result, 'me', 'notifications');
    return replies.html(
      reply,
      200,
      renderServicesHome(frame, {
        dossiers: result.data?.me?.dossiers ?? undefined,
        notifications: result.data?.me?.notifications ?? undefined,
        bases,
        ...(dossiersError ? { dossiersError } : {}),
        ...(notificationsError ? { notificationsError } : {}),
      }),
    );
  }
}
