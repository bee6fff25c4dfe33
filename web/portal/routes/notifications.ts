// The inbox of both portals: GET /thong-bao (the signed-in person's messages and the notices that concern
// them), POST /thong-bao/da-doc (mark one read) and POST /thong-bao/da-doc-tat-ca (mark all read). Plain
// forms, CSRF-checked, through the gateway as the signed-in person: no script is needed for any of it
// (routes/live.ts adds live updates on top).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { rethrowUnlessUnavailable } from '../gateway-client.ts';
import { portalBases, renderInbox } from '../pages/notifications.ts';
import type { NoticeRow, NotificationRow } from '../pages/notifications.ts';
import { fieldError } from '../replies.ts';
import type { PortalRouteOptions } from '../replies.ts';
import type { LoadedSession } from '../session.ts';

/** How many messages and notices the page lists. */
const INBOX_SIZE = 50;
const INBOX = `query PortalInbox($first: Int!) { me { unreadNotificationCount
  notifications(first: $first) { id title body kind link read createdAt }
  noticeFeed(first: 20) { id title body kind validUntil publishedAt } } }`;
const MARK_READ = 'mutation PortalMarkRead($id: ID!) { markNotificationRead(id: $id) { id read } }';
const MARK_ALL_READ = 'mutation PortalMarkAllRead { markAllNotificationsRead }';
/** A message id as the notification subgraph makes them (a UUID); anything else is refused here. */
const MESSAGE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Register the inbox routes. */
export async function notificationRoutes(app: FastifyInstance, { services, replies }: PortalRouteOptions): Promise<void> {
  const sessions = app.portalSession;
  const bases = portalBases(services.options.kind, services.options.links ?? []);
  const unavailable = 'Không kết nối được cổng API, vui lòng thử lại. (The API gateway is unavailable.)';

  app.get('/thong-bao', async (request, reply) => {
    const current = await sessions.load(request);
    if (!current?.session.user) return reply.redirect('/auth/login?returnTo=%2Fthong-bao', 302);
    return inbox(reply, current);
  });

  app.post('/thong-bao/da-doc', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const current = await sessions.load(request);
    if (!current?.session.user) return reply.redirect('/auth/login?returnTo=%2Fthong-bao', 303);
    if (!sessions.csrfValid(current, body['csrf'])) return replies.csrfRefused(reply, current);
    const id = body['id'];
    if (typeof id !== 'string' || !MESSAGE_ID.test(id)) return inbox(reply, current, 400, 'Mã thông báo không hợp lệ. (Invalid notification id.) (BAD_USER_INPUT)');
    const result = await sessions.askGateway<{ markNotificationRead?: { id: string } | null }>(reply, current, MARK_READ, { id }).catch(rethrowUnlessUnavailable);
    if (!result) return sessions.ended(reply);
    if (result === 'unavailable') return inbox(reply, current, 503, unavailable);
    if (!result.data?.markNotificationRead) {
      // Someone else's message looks like a missing one (NOT_FOUND), as at the gateway.
      const error = result.errors[0];
      const code = error?.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
      return inbox(reply, current, code === 'NOT_FOUND' ? 404 : 502, `Không đánh dấu được: không có thông báo này trong hộp thư của bạn. (No such notification in your inbox.) (${code})`);
    }
    return done(reply, current, 'Đã đánh dấu đã đọc. (Marked read.)');
  });

  app.post('/thong-bao/da-doc-tat-ca', async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const current = await sessions.load(request);
    if (!current?.session.user) return reply.redirect('/auth/login?returnTo=%2Fthong-bao', 303);
    if (!sessions.csrfValid(current, body['csrf'])) return replies.csrfRefused(reply, current);
    const result = await sessions.askGateway<{ markAllNotificationsRead?: number | null }>(reply, current, MARK_ALL_READ).catch(rethrowUnlessUnavailable);
    if (!result) return sessions.ended(reply);
    if (result === 'unavailable') return inbox(reply, current, 503, unavailable);
    const count = result.data?.markAllNotificationsRead;
    if (typeof count !== 'number') return inbox(reply, current, 502, `Không đánh dấu được. (${result.errors[0]?.extensions?.code ?? 'INTERNAL_SERVER_ERROR'})`);
    return done(reply, current, `Đã đánh dấu ${count} thông báo là đã đọc. (${count} marked read.)`);
  });

  /** After a change: the message, and back to the inbox (post/redirect/get). */
  async function done(reply: FastifyReply, current: LoadedSession, text: string) {
    current.session.flash = { kind: 'ok', text };
    await sessions.save(reply, current);
    return reply.redirect('/thong-bao', 303);
  }

  /** The inbox page; `actionError` after a refused form, with `status`. */
  async function inbox(reply: FastifyReply, current: LoadedSession, status = 200, actionError?: string) {
    const result = await sessions
      .askGateway<{ me?: { unreadNotificationCount?: number | null; notifications?: NotificationRow[] | null; noticeFeed?: NoticeRow[] | null } | null }>(reply, current, INBOX, {
        first: INBOX_SIZE,
      })
      .catch(rethrowUnlessUnavailable);
    if (!result) return sessions.ended(reply);
    if (result === 'unavailable') {
      const frame = await replies.pageFrame(reply, current, { live: true, unread: null });
      return replies.html(reply, 503, renderInbox(frame, { notifications: undefined, notificationsError: unavailable, notices: undefined, actionError, bases }));
    }
    const me = result.data?.me;
    const frame = await replies.pageFrame(reply, current, { live: true, unread: me?.unreadNotificationCount ?? null });
    return replies.html(
      reply,
      status,
      renderInbox(frame, {
        notifications: me?.notifications ?? undefined,
        notificationsError: fieldError(result, 'me', 'notifications'),
        notices: me?.noticeFeed ?? undefined,
        noticesError: fieldError(result, 'me', 'noticeFeed'),
        actionError,
        bases,
      }),
    );
  }
}
