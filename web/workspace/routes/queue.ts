// The operators' queue and an item's page, with the workflow's forms: GET /hang-doi (items waiting for an
// operator, oldest first, filtered by channel, category, ward and SLA remaining), GET /phan-anh/:code
// (one item for operators, officers of its unit and leaders; the forms the person's role may use) and
// POST /phan-anh/:code/:action (route, refuse, take, report progress, resolve, return: CSRF-checked, one
// transitionFeedback at the gateway as the signed-in person, which decides whether they may).
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isErrorCode, statusOf } from '../../../schema/errors.ts';
import type { GatewayResult } from '../../portal/gateway-client.ts';
import { PHOTO_ID } from '../../portal/routes/photos.ts';
import { CHANNELS } from '../pages/common.ts';
import type { ItemRow } from '../pages/common.ts';
import { renderItem, renderQueue } from '../pages/queue.ts';
import type { QueueFilters, ItemDetail } from '../pages/queue.ts';
import { formText, isCode, referenceCode, vietnamDay } from '../input.ts';
import type { StaffContext, WorkspaceRouteOptions } from '../server.ts';

const ITEM_FIELDS = 'code title channel status wardCode receivedAt dueAt overdue category { name } unit { name }';
const QUEUE = `query WorkspaceQueue($filter: FeedbackQueueFilter, $first: Int) { operatorQueue(filter: $filter, first: $first) { ${ITEM_FIELDS} } feedbackCategories { code name } }`;
const DETAIL_FIELDS = `${ITEM_FIELDS} content rejectionReason committedAt resultText location { lat lng } unit { code name } history { at action fromStatus toStatus note } photos { id kind }`;
// Two operations rather than @include: the gateway checks a field's policy (suggestedUnit: operators) even when it is skipped.
const ITEM = `query WorkspaceItem($code: String!) { feedbackItem(code: $code) { ${DETAIL_FIELDS} } }`;
const OPERATOR_ITEM = `query WorkspaceOperatorItem($code: String!) { feedbackItem(code: $code) { ${DETAIL_FIELDS} suggestedUnit { code name } } handlingUnits { code name } }`;
const TRANSITION =
  'mutation WorkspaceTransition($code: String!, $action: FeedbackAction!, $input: FeedbackActionInput) { transitionFeedback(code: $code, action: $action, input: $input) { code status } }';

/** Result photos per item at most (FEEDBACK_PHOTOS_PER_ITEM). */
const RESULT_PHOTOS = 5;

/** The SLA filter's choices: hours remaining (0: already overdue). */
export const SLA_CHOICES: Readonly<Record<string, number>> = { 'qua-han': 0, '4': 4, '24': 24, '72': 72 };

/** Each form's action: the workflow action, who posts it, what it carries, and what the page says after. */
const ACTIONS: Readonly<Record<string, { action: string; role: 'operator' | 'officer'; done: string }>> = {
  chuyen: { action: 'ROUTE', role: 'operator', done: 'Đã chuyển xử lý. (Routed.)' },
  'tu-choi': { action: 'REJECT', role: 'operator', done: 'Đã từ chối tiếp nhận. (Refused.)' },
  nhan: { action: 'START', role: 'officer', done: 'Đã nhận xử lý. (Taken.)' },
  'tien-do': { action: 'REPORT_PROGRESS', role: 'officer', done: 'Đã báo cáo tiến độ. (Progress reported.)' },
  'giai-quyet': { action: 'RESOLVE', role: 'officer', done: 'Đã cập nhật kết quả giải quyết. (Resolved.)' },
  'tra-lai': { action: 'RETURN', role: 'officer', done: 'Đã trả lại cho tổng đài 1022. (Returned.)' },
};

/** The first error of a gateway answer as a page: its status from the catalogue, its code shown. */
export function gatewayErrorPage(options: WorkspaceRouteOptions, reply: FastifyReply, context: StaffContext, result: GatewayResult<unknown>): FastifyReply {
  const error = result.errors[0];
  const code = error?.extensions?.code;
  const status = isErrorCode(code) ? statusOf(code) : 502;
  return options.replies.errorPage(
    reply,
    context.current,
    status >= 400 ? status : 400,
    'Không thực hiện được',
    `${error?.message ?? 'Lỗi không xác định.'} (The gateway refused this.)`,
    String(code ?? 'ERROR'),
  );
}

/** Register the queue and the item page. */
export async function queueRoutes(app: FastifyInstance, options: WorkspaceRouteOptions): Promise<void> {
  app.get('/hang-doi', async (request, reply) => {
    const context = await options.staff(request, reply, ['operator'], true);
    if (!context) return reply;
    const query = request.query as Record<string, unknown>;
    const channel = typeof query['kenh'] === 'string' ? query['kenh'] : '';
    const category = referenceCode(query['linh-vuc']);
    const ward = referenceCode(query['phuong']);
    const sla = typeof query['sla'] === 'string' ? query['sla'] : '';
    if ((channel !== '' && !(channel in CHANNELS)) || category === undefined || ward === undefined || (sla !== '' && !(sla in SLA_CHOICES))) {
      return options.badInput(reply, context, 'Bộ lọc không hợp lệ. (Invalid filter: channel, category, ward or SLA.)');
    }
    const filters: QueueFilters = { channel, category, ward, sla };
    const filter = {
      ...(channel ? { channel } : {}),
      ...(category ? { categoryCode: category } : {}),
      ...(ward ? { wardCode: ward } : {}),
      ...(sla ? { dueWithinHours: SLA_CHOICES[sla] } : {}),
    };
    const result = await options.ask<{ operatorQueue?: ItemRow[] | null; feedbackCategories?: { code: string; name: string }[] | null }>(reply, context, QUEUE, { filter, first: 100 });
    if (!result) return reply;
    if (!result.data?.operatorQueue) return gatewayErrorPage(options, reply, context, result);
    return options.replies.html(reply, 200, renderQueue(context.frame, result.data.operatorQueue, result.data.feedbackCategories ?? [], filters));
  });

  app.get('/phan-anh/:code', async (request, reply) => {
    const context = await options.staff(request, reply, ['operator', 'officer', 'leader'], true);
    if (!context) return reply;
    const { code } = request.params as { code: string };
    if (!isCode(code)) return options.badInput(reply, context, 'Mã phản ánh không hợp lệ. (Invalid item code.)');
    const query = context.staff.roles.has('operator') ? OPERATOR_ITEM : ITEM;
    const result = await options.ask<{ feedbackItem?: ItemDetail | null; handlingUnits?: { code: string; name: string }[] | null }>(reply, context, query, { code });
    if (!result) return reply;
    if (result.errors.length && !result.data?.feedbackItem) return gatewayErrorPage(options, reply, context, result);
    const item = result.data?.feedbackItem;
    // Another unit's item looks exactly like a missing one (the gateway answers null for both).
    if (!item)
      return options.replies.errorPage(
        reply,
        context.current,
        404,
        'Không tìm thấy phản ánh',
        'Không có phản ánh này, hoặc nó không thuộc phạm vi của bạn. (No such item in your scope.)',
        'NOT_FOUND',
      );
    return options.replies.html(reply, 200, renderItem(context.frame, context.staff, item, result.data?.handlingUnits ?? []));
  });

  app.post('/phan-anh/:code/:action', async (request, reply) => {
    const { code, action } = request.params as { code: string; action: string };
    const form = ACTIONS[action];
    const posted = await options.form(request, reply, form ? [form.role] : ['operator', 'officer']);
    if (!posted) return reply;
    const { context, body } = posted;
    if (!form || !isCode(code)) return options.badInput(reply, context, 'Thao tác hoặc mã phản ánh không hợp lệ. (Unknown action or invalid item code.)');
    let input: Record<string, unknown> | undefined;
    switch (form.action) {
      case 'ROUTE': {
        const unitCode = referenceCode(body['unitCode']);
        if (!unitCode) return options.badInput(reply, context, 'Hãy chọn đơn vị xử lý. (Choose a unit.)');
        input = { unitCode };
        break;
      }
      case 'REJECT':
      case 'RETURN': {
        const reason = formText(body['reason'], 5, 1000);
        if (!reason) return options.badInput(reply, context, 'Lý do cần từ 5 đến 1000 ký tự. (A reason of 5 to 1000 characters is required.)');
        input = { reason };
        break;
      }
      case 'REPORT_PROGRESS': {
        const day = vietnamDay(body['committedAt']);
        if (!day) return options.badInput(reply, context, 'Ngày hẹn không hợp lệ. (Invalid committed date.)');
        // The end of the committed day, Việt Nam time.
        input = { committedAt: new Date(day.getTime() + 86_399_000).toISOString() };
        break;
      }
      case 'RESOLVE': {
        const resultText = formText(body['resultText'], 10, 5000);
        if (!resultText) return options.badInput(reply, context, 'Kết quả cần từ 10 đến 5000 ký tự. (A result of 10 to 5000 characters is required.)');
        // The result photos: the officer's own uploads (the form's script, POST /phan-anh/anh).
        const given = body['photoIds'] === undefined ? [] : Array.isArray(body['photoIds']) ? body['photoIds'] : [body['photoIds']];
        const photoIds = given.filter((id): id is string => typeof id === 'string' && PHOTO_ID.test(id));
        if (photoIds.length !== given.length || photoIds.length > RESULT_PHOTOS) {
          return options.badInput(reply, context, `Ảnh kết quả không hợp lệ (tối đa ${RESULT_PHOTOS}). (Invalid result photos.)`);
        }
        input = { resultText, ...(photoIds.length ? { photoIds } : {}) };
        break;
      }
      default:
        input = undefined;
    }
    const result = await options.ask<{ transitionFeedback?: { code: string; status: string } | null }>(reply, context, TRANSITION, { code, action: form.action, input });
    if (!result) return reply;
    if (!result.data?.transitionFeedback) return gatewayErrorPage(options, reply, context, result);
    // After routing, refusing or returning the item leaves the person's scope (the queue, the unit): back to their list.
    const back = form.action === 'ROUTE' || form.action === 'REJECT' ? '/hang-doi' : form.action === 'RETURN' ? '/don-vi' : `/phan-anh/${encodeURIComponent(code)}`;
    return options.done(reply, context, form.done, back);
  });
}
