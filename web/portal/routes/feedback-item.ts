// The 1022 portal's page of one of the signed-in citizen's items and what can be done from it:
//   GET  /phan-anh/:code            the item (`myFeedback`: someone else's code looks like a missing one, 404)
//   POST /phan-anh/:code/danh-gia   rate the unit (`rateFeedback`; fields csrf, stars, comment)
//   POST /phan-anh/:code/mo-lai     reopen with a reason (`transitionFeedback` REOPEN; fields csrf, reason)
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
const UNAVAILABLE = 'Không kết nối được cổng API, vui lòng thử lại. (The API gateway is unavailable.)';

/** What a refused rating or reopening means to the citizen (by the gateway's code). */
const REFUSED: Readonly<Record<string, string>> = {
  ILLEGAL_TRANSITION: 'Phản ánh đã thay đổi hoặc đã được đánh giá; hãy xem lại trang. (Not allowed in its current state.)',
  BAD_USER_INPUT: 'Giá trị nhập chưa hợp lệ. (Invalid input.)',
  NOT_FOUND: 'Không có phản ánh này trong danh sách của bạn. (No such item of yours.)',
  FORBIDDEN: 'Bạn không được thực hiện thao tác này. (Not allowed.)',
};

/** Register the item page and its two forms (the photos: routes/photos.ts). */
export async function feedbackItemRoutes(app: FastifyInstance, { replies }: PortalRouteOptions): Promise<void> {
  const sessions = app.portalSession;

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
