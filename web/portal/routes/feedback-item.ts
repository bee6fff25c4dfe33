// The 1022 portal's page of one of the signed-in citizen's items and what can be done from it:
//   GET  /phan-anh/:code            the item (`myFeedback`: someone else's code looks like a missing one, 404)
//   POST /phan-anh/:code/danh-gia   rate the unit (`rateFeedback`; fields csrf, stars, comment)
//   POST /phan-anh/:code/mo-lai     reopen with a reason (`transitionFeedback` REOPEN; fields csrf, reason)
//   GET  /anh/:id                   a photo's bytes from the gateway (with the session's token when signed
//                                   in: the gateway decides who may see it), so pages show photos from this origin
//   POST /phan-anh/anh              upload a photo for the send form (the image bytes as the body, the CSRF
//                                   token in X-CSRF-Token; relayed to the gateway's POST /api/feedback/photos)
// Plain forms, CSRF-checked, through the gateway as the citizen; post/redirect/get with a one-time message.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findError, rethrowUnlessUnavailable } from '../gateway-client.ts';
import { renderFeedbackItem } from '../pages/feedback-item.ts';
import type { FeedbackItemView, ItemForms } from '../pages/feedback-item.ts';
import type { PortalRouteOptions } from '../replies.ts';
import type { LoadedSession } from '../session.ts';

const ITEM = `query PortalFeedbackItem($code: String!) { me { unreadNotificationCount }
  myFeedback(code: $code) { code title content status category { name deadlineHours } unit { name } wardCode location { lat lng }
    isAnonymous isPublic receivedAt dueAt overdue committedAt resultText rejectionReason reopenCount
    rating { stars comment createdAt } history { at action toStatus byReporter note } photos { id kind width height } } }`;
const RATE = 'mutation PortalRateFeedback($code: String!, $stars: Int!, $comment: String) { rateFeedback(code: $code, stars: $stars, comment: $comment) { stars } }';
const REOPEN = 'mutation PortalReopenFeedback($code: String!, $reason: String!) { transitionFeedback(code: $code, action: REOPEN, input: { reason: $reason }) { code status } }';

/** An item's code as the feedback subgraph makes them: PHA, then yymm and eight digits. */
export const FEEDBACK_CODE = /^PHA\d{12}$/;
/** A photo id (a UUID, subgraphs/kit/uploads/store.ts). */
const PHOTO_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The gateway's photo limit (FEEDBACK_PHOTO_MAX_BYTES, 5 MiB): larger bodies are refused here first. */
const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const UNAVAILABLE = 'Không kết nối được cổng API, vui lòng thử lại. (The API gateway is unavailable.)';

/** What a refused rating or reopening means to the citizen (by the gateway's code). */
const REFUSED: Readonly<Record<string, string>> = {
  ILLEGAL_TRANSITION: 'Phản ánh đã thay đổi hoặc đã được đánh giá; hãy xem lại trang. (Not allowed in its current state.)',
  BAD_USER_INPUT: 'Giá trị nhập chưa hợp lệ. (Invalid input.)',
  NOT_FOUND: 'Không có phản ánh này trong danh sách của bạn. (No such item of yours.)',
  FORBIDDEN: 'Bạn không được thực hiện thao tác này. (Not allowed.)',
};

/** Register the item page, its two forms and the photo routes. */
export async function feedbackItemRoutes(app: FastifyInstance, { services, replies }: PortalRouteOptions): Promise<void> {
  const sessions = app.portalSession;
  const gatewayBase = services.options.gatewayUrl.replace(/\/+$/, '');

  /** The code in the path, or the coded 400 page when it is not one. */
  const badCode = (reply: FastifyReply, current: LoadedSession | undefined) =>
    replies.errorPage(reply, current, 400, 'Mã phản ánh không hợp lệ', 'Mã phản ánh có dạng PHA và 12 chữ số, ví dụ PHA261000483917. (Malformed item code.)', 'BAD_USER_INPUT');

  app.get('/phan-anh/:code', async (request, reply) => {
    const { code } = request.params as { code: string };
    const current = await sessions.load(request);
    if (!current?.session.user) return reply.redirect(`/auth/login?returnTo=${encodeURIComponent(`/phan-anh/${code}`)}`, 302);
    if (!FEEDBACK_CODE.test(code)) return badCode(reply, current);
    return itemPage(reply, current, code, 200);
  });

  /**
   * A form posted to one of the item's actions: signed in, CSRF-checked, a well-formed code (each refused
   * with its page), then `act` with the code and the form's text fields (at most 4000 characters each).
   */
  function itemAction(act: (reply: FastifyReply, current: LoadedSession, code: string, text: (key: string) => string) => Promise<FastifyReply>) {
    return async (request: FastifyRequest, reply: FastifyReply) => {
      const { code } = request.params as { code: string };
      const body = (request.body ?? {}) as Record<string, unknown>;
      const current = await sessions.load(request);
      if (!current?.session.user) return reply.redirect(`/auth/login?returnTo=${encodeURIComponent(`/phan-anh/${code}`)}`, 303);
      if (!sessions.csrfValid(current, body['csrf'])) return replies.csrfRefused(reply, current);
      if (!FEEDBACK_CODE.test(code)) return badCode(reply, current);
      return act(reply, current, code, (key) => (typeof body[key] === 'string' ? body[key].slice(0, 4000) : ''));
    };
  }

  app.post(
    '/phan-anh/:code/danh-gia',
    itemAction(async (reply, current, code, text) => {
      const forms = { stars: text('stars'), comment: text('comment') };
      if (!/^[1-5]$/.test(forms.stars)) return itemPage(reply, current, code, 400, { ...forms, ratingError: 'Chọn từ 1 đến 5 sao. (Choose 1 to 5 stars.) (BAD_USER_INPUT)' });
      if (forms.comment.trim().length > 2000) return itemPage(reply, current, code, 400, { ...forms, ratingError: 'Nhận xét tối đa 2000 ký tự. (At most 2000 characters.) (BAD_USER_INPUT)' });
      const result = await sessions
        .askGateway<{ rateFeedback?: { stars: number } | null }>(reply, current, RATE, { code, stars: Number(forms.stars), comment: forms.comment.trim() || null })
        .catch(rethrowUnlessUnavailable);
      if (!result) return sessions.ended(reply);
      if (result === 'unavailable') return itemPage(reply, current, code, 503, { ...forms, ratingError: UNAVAILABLE });
      if (!result.data?.rateFeedback) return refused(reply, current, code, result.errors[0]?.extensions?.code, (error) => ({ ...forms, ratingError: error }));
      return done(reply, current, code, 'Cảm ơn bạn đã đánh giá. (Thank you for your rating.)');
    }),
  );

  app.post(
    '/phan-anh/:code/mo-lai',
    itemAction(async (reply, current, code, text) => {
      const reason = text('reason');
      const length = reason.trim().length;
      if (length < 10 || length > 2000) return itemPage(reply, current, code, 400, { reason, reopenError: 'Lý do mở lại trong 10–2000 ký tự. (10 to 2000 characters.) (BAD_USER_INPUT)' });
      const result = await sessions.askGateway<{ transitionFeedback?: { status: string } | null }>(reply, current, REOPEN, { code, reason: reason.trim() }).catch(rethrowUnlessUnavailable);
      if (!result) return sessions.ended(reply);
      if (result === 'unavailable') return itemPage(reply, current, code, 503, { reason, reopenError: UNAVAILABLE });
      if (findError(result, 'STEP_UP_REQUIRED')) return replies.stepUp(reply, `/phan-anh/${code}`);
      if (!result.data?.transitionFeedback) return refused(reply, current, code, result.errors[0]?.extensions?.code, (error) => ({ reason, reopenError: error }));
      return done(reply, current, code, 'Đã mở lại phản ánh; Trung tâm 1022 sẽ chuyển xử lý lại. (Reopened.)');
    }),
  );

  app.get('/anh/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!PHOTO_ID.test(id)) return replies.errorPage(reply, undefined, 400, 'Mã ảnh không hợp lệ', 'Không có ảnh này. (Malformed photo id.)', 'BAD_USER_INPUT');
    const current = await sessions.load(request);
    const token = current?.session.user ? await sessions.accessToken(reply, current) : undefined;
    const response = await fetch(`${gatewayBase}/api/feedback/photos/${id}`, {
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'x-request-id': String(request.id) },
      signal: AbortSignal.timeout(10_000),
    }).catch(() => undefined);
    const type = response?.headers.get('content-type') ?? '';
    if (!response?.ok || !PHOTO_TYPES.includes(type)) {
      await response?.body?.cancel();
      const status = response && response.status < 500 ? 404 : 503;
      return replies.errorPage(reply, current, status, 'Không tìm thấy ảnh', 'Ảnh không tồn tại hoặc bạn không được xem. (No such photo.)', status === 404 ? 'NOT_FOUND' : 'SERVICE_UNAVAILABLE');
    }
    // The bytes are the gateway's cleaned copy; private to this browser (the page is signed in or public).
    reply.header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'").header('x-content-type-options', 'nosniff');
    return reply.type(type).send(Buffer.from(await response.arrayBuffer()));
  });

  await app.register(async (scope) => {
    // The send form's script posts each photo as bytes (not multipart), as the gateway takes them.
    scope.addContentTypeParser(PHOTO_TYPES, { parseAs: 'buffer', bodyLimit: PHOTO_MAX_BYTES }, (_request, body, done) => done(null, body));
    scope.post('/phan-anh/anh', { bodyLimit: PHOTO_MAX_BYTES }, async (request, reply) => {
      const current = await sessions.load(request);
      if (!current?.session.user) return reply.code(401).send({ error: 'UNAUTHENTICATED' });
      if (!sessions.csrfValid(current, request.headers['x-csrf-token'])) return reply.code(403).send({ error: 'CSRF_TOKEN_INVALID' });
      const token = await sessions.accessToken(reply, current);
      if (!token) return reply.code(401).send({ error: 'UNAUTHENTICATED' });
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const response = await fetch(`${gatewayBase}/api/feedback/photos`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': String(request.headers['content-type']), 'x-request-id': String(request.id), 'x-forwarded-for': request.ip },
        body: bytes,
        signal: AbortSignal.timeout(30_000),
      }).catch(() => undefined);
      if (!response) return reply.code(503).send({ error: 'SERVICE_UNAVAILABLE' });
      const answer = (await response.json().catch(() => ({}))) as { id?: unknown; code?: unknown; error?: unknown; errors?: { extensions?: { code?: unknown } }[] };
      if (response.status === 201 && typeof answer.id === 'string') return reply.code(201).send({ id: answer.id });
      const given = answer.errors?.[0]?.extensions?.code ?? answer.code ?? answer.error;
      return reply.code(response.status >= 500 ? 502 : response.status).send({ error: typeof given === 'string' ? given : 'PHOTO_INVALID' });
    });
  });

  /** After a change: the message, and back to the item (post/redirect/get). */
  async function done(reply: FastifyReply, current: LoadedSession, code: string, text: string) {
    current.session.flash = { kind: 'ok', text };
    await sessions.save(reply, current);
    return reply.redirect(`/phan-anh/${code}`, 303);
  }

  /** A refusal from the gateway: the item page again with the reason under the form (404 when the item is not the citizen's). */
  function refused(reply: FastifyReply, current: LoadedSession, code: string, given: unknown, forms: (error: string) => ItemForms) {
    const reason = typeof given === 'string' ? given : 'INTERNAL_SERVER_ERROR';
    const status = reason === 'NOT_FOUND' ? 404 : reason === 'ILLEGAL_TRANSITION' ? 409 : reason === 'BAD_USER_INPUT' ? 400 : reason === 'FORBIDDEN' ? 403 : 502;
    return itemPage(reply, current, code, status, forms(`${REFUSED[reason] ?? 'Chưa thực hiện được. (Not done.)'} (${reason})`));
  }

  /** The item page with `status`; the coded 404 page when the citizen has no item with this code. */
  async function itemPage(reply: FastifyReply, current: LoadedSession, code: string, status: number, forms: ItemForms = {}) {
    const result = await sessions
      .askGateway<{ me?: { unreadNotificationCount?: number | null } | null; myFeedback?: FeedbackItemView | null }>(reply, current, ITEM, { code })
      .catch(rethrowUnlessUnavailable);
    if (!result) return sessions.ended(reply);
    if (result === 'unavailable') return replies.errorPage(reply, current, 503, 'Dịch vụ tạm thời gián đoạn', UNAVAILABLE, 'SERVICE_UNAVAILABLE');
    if (findError(result, 'STEP_UP_REQUIRED')) return replies.stepUp(reply, `/phan-anh/${code}`);
    const item = result.data?.myFeedback;
    if (!item) {
      // Someone else's item and a missing one look the same, as at the gateway: codes cannot be probed.
      const error = result.errors[0]?.extensions?.code;
      if (error && error !== 'NOT_FOUND') return replies.errorPage(reply, current, 502, 'Không tải được phản ánh', 'Vui lòng thử lại sau. (Could not load the item.)', String(error));
      return replies.errorPage(reply, current, 404, 'Không tìm thấy phản ánh', `Bạn không có phản ánh mã ${code}. (No such item of yours.)`, 'NOT_FOUND');
    }
    const frame = await replies.pageFrame(reply, current, { live: true, unread: result.data?.me?.unreadNotificationCount ?? null });
    return replies.html(reply, status, renderFeedbackItem(frame, item, forms));
  }
}
