// The 1022 operators' pages beside the queue (pages/operator-tools.ts): GET /tong-dai (answer a caller from
// the knowledge base: `answer`, and the call log), POST /tong-dai/nhat-ky (logCall), GET|POST
// /tong-dai/ghi-nhan (recordFeedback for a caller on the phone or by SMS, logged as a call with it),
// GET /chua-dinh-vi and POST /chua-dinh-vi/:code (relocateFeedback), GET /quy-tac, POST /quy-tac and
// /quy-tac/xoa (setRoutingRule, removeRoutingRule). Every form is CSRF-checked and sent to the gateway
// as the signed-in operator, who decides; bad input is refused here first with BAD_USER_INPUT.
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { GatewayResult } from '../../portal/gateway-client.ts';
import { EMPTY_RECORD_FORM, renderCallDesk, renderRecordForm, renderRules, renderUnplaced } from '../pages/operator-tools.ts';
import type { AnswerView, CallRow, RecordForm, RuleRow, UnplacedRow } from '../pages/operator-tools.ts';
import { formText, isCode, referenceCode } from '../input.ts';
import type { StaffContext, WorkspaceRouteOptions } from '../server.ts';
import { gatewayErrorPage } from './queue.ts';

const CALLS = 'query WorkspaceCalls { callLog(first: 20) { channel outcome question sourceTitle feedbackCode createdAt } }';
const ASK = `query WorkspaceAnswer($question: String!) { answer(question: $question, first: 3) { known suggestFeedback message items { kind confidence title text link } } callLog(first: 20) { channel outcome question sourceTitle feedbackCode createdAt } }`;
const LOG_CALL = 'mutation WorkspaceLogCall($input: LogCallInput!) { logCall(input: $input) { id } }';
const CATEGORIES = 'query WorkspaceCategories { feedbackCategories { code name } }';
const RECORD = 'mutation WorkspaceRecord($input: RecordFeedbackInput!) { recordFeedback(input: $input) { code } }';
const UNPLACED = 'query WorkspaceUnplaced { unplacedFeedback(first: 50) { code title content channel status wardCode receivedAt dueAt overdue category { name } unit { name } } }';
const RELOCATE = 'mutation WorkspaceRelocate($code: String!, $lat: Float!, $lng: Float!) { relocateFeedback(code: $code, lat: $lat, lng: $lng) { code wardCode } }';
const RULES = 'query WorkspaceRules { routingRules { categoryCode wardCode unit { code name } } feedbackCategories { code name } handlingUnits { code name } }';
const SET_RULE =
  'mutation WorkspaceSetRule($categoryCode: String!, $wardCode: String, $unitCode: String!) { setRoutingRule(categoryCode: $categoryCode, wardCode: $wardCode, unitCode: $unitCode) { categoryCode } }';
const REMOVE_RULE = 'mutation WorkspaceRemoveRule($categoryCode: String!, $wardCode: String) { removeRoutingRule(categoryCode: $categoryCode, wardCode: $wardCode) }';

const CALL_CHANNELS = new Set(['PHONE', 'SMS']);
const OUTCOMES = new Set(['ANSWERED', 'REFERRED', 'UNANSWERED']);

/** A coordinate from a number box: a finite number within ±limit, undefined otherwise. */
function coordinate(value: unknown, limit: number): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) && Math.abs(number) <= limit ? number : undefined;
}

/** Optional text: '' when empty, the trimmed text within `max`, undefined when too long. */
function optionalText(value: unknown, max: number): string | undefined {
  if (value === undefined || value === '') return '';
  return formText(value, 0, max);
}

/** Register the operators' call desk, record form, placing page and routing rules. */
export async function operatorToolRoutes(app: FastifyInstance, options: WorkspaceRouteOptions): Promise<void> {
  app.get('/tong-dai', async (request, reply) => {
    const context = await options.staff(request, reply, ['operator']);
    if (!context) return reply;
    const raw = (request.query as Record<string, unknown>)['hoi'];
    const question = raw === undefined || raw === '' ? '' : formText(raw, 3, 500);
    if (question === undefined) return options.badInput(reply, context, 'Câu hỏi cần từ 3 đến 500 ký tự. (A question of 3 to 500 characters.)');
    if (question === '') {
      const result = await options.ask<{ callLog?: CallRow[] | null }>(reply, context, CALLS);
      if (!result) return reply;
      if (!result.data?.callLog) return gatewayErrorPage(options, reply, context, result);
      return options.replies.html(reply, 200, renderCallDesk(context.frame, '', undefined, result.data.callLog));
    }
    const result = await options.ask<{ answer?: Omit<AnswerView, 'question'> | null; callLog?: CallRow[] | null }>(reply, context, ASK, { question });
    if (!result) return reply;
    if (!result.data?.answer || !result.data.callLog) return gatewayErrorPage(options, reply, context, result);
    return options.replies.html(reply, 200, renderCallDesk(context.frame, question, { ...result.data.answer, question }, result.data.callLog));
  });

  app.post('/tong-dai/nhat-ky', async (request, reply) => {
    const form = await options.form(request, reply, ['operator']);
    if (!form) return reply;
    const { context, body } = form;
    const question = formText(body['question'], 3, 500);
    const channel = typeof body['channel'] === 'string' ? body['channel'] : '';
    const outcome = typeof body['outcome'] === 'string' ? body['outcome'] : '';
    const sourceTitle = optionalText(body['sourceTitle'], 300);
    const sourceLink = optionalText(body['sourceLink'], 500);
    if (!question || !CALL_CHANNELS.has(channel) || !OUTCOMES.has(outcome) || sourceTitle === undefined || sourceLink === undefined) {
      return options.badInput(reply, context, 'Không ghi được nhật ký: câu hỏi, kênh hoặc kết quả không hợp lệ. (Invalid call: question, channel or outcome.)');
    }
    const input = { channel, outcome, question, ...(sourceTitle ? { sourceTitle } : {}), ...(sourceLink ? { sourceLink } : {}) };
    const result = await options.ask<{ logCall?: { id: string } | null }>(reply, context, LOG_CALL, { input });
    if (!result) return reply;
    if (!result.data?.logCall) return gatewayErrorPage(options, reply, context, result);
    return options.done(reply, context, 'Đã ghi nhật ký cuộc gọi. (Call logged.)', '/tong-dai');
  });

  const recordPage = async (reply: FastifyReply, context: StaffContext, form: RecordForm, status: number, problem?: string) => {
    const result = await options.ask<{ feedbackCategories?: { code: string; name: string }[] | null }>(reply, context, CATEGORIES);
    if (!result) return reply;
    if (!result.data?.feedbackCategories) return gatewayErrorPage(options, reply, context, result);
    return options.replies.html(reply, status, renderRecordForm(context.frame, result.data.feedbackCategories, form, problem));
  };

  app.get('/tong-dai/ghi-nhan', async (request, reply) => {
    const context = await options.staff(request, reply, ['operator']);
    if (!context) return reply;
    // From the call desk: what the caller asked becomes the item's text to start from.
    const content = optionalText((request.query as Record<string, unknown>)['noi-dung'], 5000) ?? '';
    return recordPage(reply, context, { ...EMPTY_RECORD_FORM, content }, 200);
  });

  app.post('/tong-dai/ghi-nhan', async (request, reply) => {
    const posted = await options.form(request, reply, ['operator']);
    if (!posted) return reply;
    const { context, body } = posted;
    const text = (name: string) => {
      const value = body[name];
      return typeof value === 'string' ? value : '';
    };
    const form: RecordForm = {
      channel: text('channel'),
      categoryCode: text('categoryCode'),
      title: text('title'),
      content: text('content'),
      lat: text('lat'),
      lng: text('lng'),
      name: text('name'),
      phone: text('phone'),
      isPublic: body['isPublic'] === 'true',
    };
    const categoryCode = referenceCode(form.categoryCode);
    const title = formText(form.title, 5, 200);
    const content = formText(form.content, 10, 5000);
    const lat = coordinate(form.lat, 90);
    const lng = coordinate(form.lng, 180);
    const name = optionalText(form.name, 100);
    const phone = optionalText(form.phone, 20);
    if (!CALL_CHANNELS.has(form.channel) || !categoryCode || !title || !content || lat === undefined || lng === undefined || name === undefined || phone === undefined) {
      return recordPage(reply, context, form, 400, 'Hãy kiểm tra kênh, lĩnh vực, tiêu đề (5–200 ký tự), nội dung (10–5000 ký tự) và toạ độ. (Check the fields.) BAD_USER_INPUT');
    }
    const reporter = name || phone ? { ...(name ? { name } : {}), ...(phone ? { phone } : {}) } : undefined;
    const input = { channel: form.channel, categoryCode, title, content, lat, lng, isPublic: form.isPublic, idempotencyKey: randomUUID(), ...(reporter ? { reporter } : {}) };
    const result = await options.ask<{ recordFeedback?: { code: string } | null }>(reply, context, RECORD, { input });
    if (!result) return reply;
    const code = result.data?.recordFeedback?.code;
    if (!code) {
      // The gateway's reason (an unknown category, a point outside the city, a phone it cannot read), with the form kept.
      const error = result.errors[0];
      return recordPage(reply, context, form, 400, `${error?.message ?? 'Không ghi nhận được.'} ${String(error?.extensions?.code ?? '')}`.trim());
    }
    const logged = await logRecordedCall(options, reply, context, form.channel, title, code);
    if (!logged) return reply;
    return options.done(reply, context, `Đã ghi nhận phản ánh ${code} và ghi nhật ký cuộc gọi. (Recorded and logged.)`, `/phan-anh/${encodeURIComponent(code)}`);
  });

  app.get('/chua-dinh-vi', async (request, reply) => {
    const context = await options.staff(request, reply, ['operator']);
    if (!context) return reply;
    const result = await options.ask<{ unplacedFeedback?: UnplacedRow[] | null }>(reply, context, UNPLACED);
    if (!result) return reply;
    if (!result.data?.unplacedFeedback) return gatewayErrorPage(options, reply, context, result);
    return options.replies.html(reply, 200, renderUnplaced(context.frame, result.data.unplacedFeedback));
  });

  app.post('/chua-dinh-vi/:code', async (request, reply) => {
    const posted = await options.form(request, reply, ['operator']);
    if (!posted) return reply;
    const { context, body } = posted;
    const { code } = request.params as { code: string };
    const lat = coordinate(body['lat'], 90);
    const lng = coordinate(body['lng'], 180);
    if (!isCode(code) || lat === undefined || lng === undefined) return options.badInput(reply, context, 'Mã phản ánh hoặc toạ độ không hợp lệ. (Invalid item code or coordinates.)');
    const result = await options.ask<{ relocateFeedback?: { code: string; wardCode: string } | null }>(reply, context, RELOCATE, { code, lat, lng });
    if (!result) return reply;
    const placed = result.data?.relocateFeedback;
    if (!placed) return gatewayErrorPage(options, reply, context, result);
    return options.done(reply, context, `Đã đặt vị trí ${placed.code}: phường ${placed.wardCode}. (Placed.)`, '/chua-dinh-vi');
  });

  app.get('/quy-tac', async (request, reply) => {
    const context = await options.staff(request, reply, ['operator']);
    if (!context) return reply;
    const result = await options.ask<{ routingRules?: RuleRow[] | null; feedbackCategories?: { code: string; name: string }[] | null; handlingUnits?: { code: string; name: string }[] | null }>(
      reply,
      context,
      RULES,
    );
    if (!result) return reply;
    if (!result.data?.routingRules) return gatewayErrorPage(options, reply, context, result);
    return options.replies.html(reply, 200, renderRules(context.frame, result.data.routingRules, result.data.feedbackCategories ?? [], result.data.handlingUnits ?? []));
  });

  app.post('/quy-tac', async (request, reply) => {
    const posted = await options.form(request, reply, ['operator']);
    if (!posted) return reply;
    const { context, body } = posted;
    const categoryCode = referenceCode(body['categoryCode']);
    const wardCode = referenceCode(typeof body['wardCode'] === 'string' ? body['wardCode'].trim().toUpperCase() : body['wardCode']);
    const unitCode = referenceCode(body['unitCode']);
    if (!categoryCode || wardCode === undefined || !unitCode) return options.badInput(reply, context, 'Lĩnh vực, mã phường hoặc đơn vị không hợp lệ. (Invalid category, ward or unit.)');
    const result = await options.ask<{ setRoutingRule?: { categoryCode: string } | null }>(reply, context, SET_RULE, { categoryCode, wardCode: wardCode || null, unitCode });
    if (!result) return reply;
    if (!result.data?.setRoutingRule) return gatewayErrorPage(options, reply, context, result);
    return options.done(reply, context, 'Đã lưu quy tắc phân công. (Rule saved.)', '/quy-tac');
  });

  app.post('/quy-tac/xoa', async (request, reply) => {
    const posted = await options.form(request, reply, ['operator']);
    if (!posted) return reply;
    const { context, body } = posted;
    const categoryCode = referenceCode(body['categoryCode']);
    const wardCode = referenceCode(body['wardCode']);
    if (!categoryCode || wardCode === undefined) return options.badInput(reply, context, 'Lĩnh vực hoặc mã phường không hợp lệ. (Invalid category or ward.)');
    const result = await options.ask<{ removeRoutingRule?: boolean | null }>(reply, context, REMOVE_RULE, { categoryCode, wardCode: wardCode || null });
    if (!result) return reply;
    if (typeof result.data?.removeRoutingRule !== 'boolean') return gatewayErrorPage(options, reply, context, result);
    return options.done(reply, context, result.data.removeRoutingRule ? 'Đã xoá quy tắc. (Rule removed.)' : 'Không có quy tắc này. (No such rule.)', '/quy-tac');
  });
}

/** Log a call that became item `code`; false when the answer was sent (the item stays recorded either way). */
async function logRecordedCall(options: WorkspaceRouteOptions, reply: FastifyReply, context: StaffContext, channel: string, title: string, code: string): Promise<boolean> {
  const input = { channel, outcome: 'FEEDBACK_RECORDED', question: title, feedbackCode: code };
  const result: GatewayResult<{ logCall?: { id: string } | null }> | undefined = await options.ask(reply, context, LOG_CALL, { input });
  if (!result) return false;
  if (!result.data?.logCall) {
    // The item is recorded; only its log line is missing: say so rather than hide it.
    await gatewayErrorPage(options, reply, context, result);
    return false;
  }
  return true;
}
