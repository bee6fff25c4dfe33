// The 1022 portal's pages: the signed-in citizen's feedback (its statuses updated live: routes/live.ts;
// each row opens the item's page, routes/feedback-item.ts) and the form that sends one (CSRF-checked,
// validated here, one item per submission key), through the gateway as the citizen. The form's location
// is picked on a map and its photos uploaded by assets/feedback-map.js; without JavaScript, two number boxes.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { findError, rethrowUnlessUnavailable } from '../gateway-client.ts';
import { emptyFeedbackForm, renderFeedbackHome } from '../pages/feedback.ts';
import type { CategoryOption, FeedbackFormValues, FeedbackRow } from '../pages/feedback.ts';
import { fieldError } from '../replies.ts';
import type { PortalRouteOptions } from '../replies.ts';
import type { LoadedSession } from '../session.ts';
import { PHOTO_ID } from './photos.ts';
import { mapPagePolicy } from './map.ts';

const FEEDBACK_HOME = `query PortalFeedbackHome { me { feedback { code status title receivedAt } unreadNotificationCount } feedbackCategories { code name } }`;
const SUBMIT_FEEDBACK = `mutation PortalSubmitFeedback($input: SubmitFeedbackInput!) { submitFeedback(input: $input) { code status } }`;

/** Photo ids (UUIDs, routes/photos.ts) from the form's script: at most this many per item (FEEDBACK_PHOTOS_PER_ITEM). */
const PHOTOS_PER_ITEM = 5;

/** GET / (signed in: the citizen's feedback and the form) and POST /feedback. */
export async function feedbackRoutes(app: FastifyInstance, { services, replies }: PortalRouteOptions): Promise<void> {
  const sessions = app.portalSession;
  const tiles = services.options.mapTiles;
  // The form's map: Leaflet and the map script from this portal (the live script too), tiles when configured.
  const policy = mapPagePolicy(services);

  app.get('/', async (request, reply) => {
    const current = await sessions.load(request);
    if (!current?.session.user) return replies.signedOutHome(reply, current);
    return feedbackHome(reply, current, emptyFeedbackForm());
  });

  app.post('/feedback', async (request, reply) => {
    const current = await sessions.load(request);
    const body = (request.body ?? {}) as Record<string, unknown>;
    if (!current?.session.user) return reply.redirect('/auth/login?returnTo=%2F', 303);
    if (!sessions.csrfValid(current, body['csrf'])) return replies.csrfRefused(reply, current);
    const form = readFeedbackForm(body);
    const problem = checkFeedbackForm(form);
    // Shown again without the photo ids that cannot be sent, so the form can be sent once corrected.
    if (problem) return feedbackHome(reply, current, { ...form, photoIds: form.photoIds.filter((id) => PHOTO_ID.test(id)).slice(0, PHOTOS_PER_ITEM) }, problem, 400);
    const result = await sessions
      .askGateway<{ submitFeedback?: { code: string; status: string } | null }>(reply, current, SUBMIT_FEEDBACK, {
        input: {
          categoryCode: form.categoryCode,
          title: form.title.trim(),
          content: form.content.trim(),
          lat: Number(form.lat),
          lng: Number(form.lng),
          isAnonymous: form.isAnonymous,
          isPublic: form.isPublic,
          idempotencyKey: form.submissionKey,
          ...(form.photoIds.length ? { photoIds: form.photoIds } : {}),
        },
      })
      .catch(rethrowUnlessUnavailable);
    if (result === 'unavailable') return feedbackHome(reply, current, form, 'Không kết nối được cổng API, vui lòng thử lại. (The API gateway is unavailable.)', 503);
    if (!result) return sessions.ended(reply);
    if (findError(result, 'STEP_UP_REQUIRED')) return replies.stepUp(reply, '/');
    const created = result.data?.submitFeedback;
    if (!created) {
      const error = result.errors[0];
      return feedbackHome(reply, current, form, `Chưa gửi được phản ánh: ${error?.message ?? 'lỗi không xác định'} (${error?.extensions?.code ?? 'ERROR'})`, 200);
    }
    current.session.flash = { kind: 'ok', text: `Đã gửi phản ánh ${created.code}. Cảm ơn bạn! (Feedback sent.)` };
    await sessions.save(reply, current);
    return reply.redirect('/', 303);
  });

  /** The signed-in home page: the citizen's feedback and the form (re-shown with `formError` after a refused post). */
  async function feedbackHome(reply: FastifyReply, current: LoadedSession, form: FeedbackFormValues, formError?: string, status = 200) {
    const result = await sessions
      .askGateway<{ me?: { feedback?: FeedbackRow[] | null; unreadNotificationCount?: number | null } | null; feedbackCategories?: CategoryOption[] | null }>(reply, current, FEEDBACK_HOME)
      .catch(rethrowUnlessUnavailable);
    if (!result) return sessions.ended(reply);
    if (result !== 'unavailable' && findError(result, 'STEP_UP_REQUIRED') && current.session.user?.acr !== '2') return replies.stepUp(reply, '/');
    const unread = result === 'unavailable' ? null : (result.data?.me?.unreadNotificationCount ?? null);
    const frame = await replies.pageFrame(reply, current, { live: true, unread });
    reply.header('content-security-policy', policy);
    if (result === 'unavailable') {
      const down = 'Không kết nối được cổng API. (The API gateway is unavailable.)';
      return replies.html(reply, 503, renderFeedbackHome(frame, { feedback: undefined, feedbackError: down, categories: [], form, tiles, ...(formError ? { formError } : {}) }));
    }
    const feedbackError = fieldError(result, 'me', 'feedback');
    const categoriesError = fieldError(result, 'feedbackCategories');
    return replies.html(
      reply,
      status,
      renderFeedbackHome(frame, {
        feedback: result.data?.me?.feedback ?? undefined,
        categories: result.data?.feedbackCategories ?? [],
        form,
        tiles,
        ...(feedbackError ? { feedbackError } : {}),
        ...(categoriesError ? { categoriesError } : {}),
        ...(formError ? { formError } : {}),
      }),
    );
  }
}

/** The form's fields as posted (missing ones empty). */
function readFeedbackForm(body: Record<string, unknown>): FeedbackFormValues {
  const text = (key: string) => (typeof body[key] === 'string' ? body[key] : '');
  return {
    categoryCode: text('categoryCode'),
    title: text('title'),
    content: text('content'),
    lat: text('lat'),
    lng: text('lng'),
    isAnonymous: body['isAnonymous'] === 'true',
    isPublic: body['isPublic'] === 'true',
    photoIds: (Array.isArray(body['photoIds']) ? body['photoIds'] : [body['photoIds']]).filter((id): id is string => typeof id === 'string' && id !== ''),
    // A form without a usable key (an old page) gets one now: still one item per post.
    submissionKey: /^[\x21-\x7e]{1,255}$/.test(text('submissionKey')) ? text('submissionKey') : randomUUID(),
  };
}

/** What is wrong with the form, in Vietnamese and English; undefined when it may be sent. */
function checkFeedbackForm(form: FeedbackFormValues): string | undefined {
  const problems: string[] = [];
  if (!form.categoryCode) problems.push('chọn lĩnh vực (category)');
  const title = form.title.trim().length;
  if (title < 5 || title > 200) problems.push('tiêu đề 5–200 ký tự (title)');
  const content = form.content.trim().length;
  if (content < 10 || content > 5000) problems.push('nội dung 10–5000 ký tự (content)');
  const lat = Number(form.lat);
  const lng = Number(form.lng);
  if (form.lat.trim() === '' || !Number.isFinite(lat) || lat < -90 || lat > 90) problems.push('vĩ độ (latitude)');
  if (form.lng.trim() === '' || !Number.isFinite(lng) || lng < -180 || lng > 180) problems.push('kinh độ (longitude)');
  if (form.photoIds.length > PHOTOS_PER_ITEM || !form.photoIds.every((id) => PHOTO_ID.test(id))) problems.push(`ảnh, tối đa ${PHOTOS_PER_ITEM} (photos)`);
  return problems.length ? `Vui lòng kiểm tra: ${problems.join(', ')}.` : undefined;
}
