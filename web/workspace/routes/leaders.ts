// The leaders' pages and the oversight page:
//   GET  /lanh-dao?tu=YYYY-MM-DD&den=YYYY-MM-DD&linh-vuc=CODE   figures for the period (and category), the wards'
//        map and table, the best and worst units, the overdue list, the directives with their replies, live changes
//   GET  /lanh-dao/so-lieu.json?…   the wards' counts for the view (the map's recount on a live change)
//   GET  /lanh-dao/so-lieu.csv?…    the view's figures and the wards' counts as CSV
//   GET  /lanh-dao/phuong/:ward?…   a ward's items in the view (the map's drill-down), and the ward's directive form
//   POST /chi-dao                   send a directive (kind WARD, ITEM, CATEGORY or UNIT; code; content; han: reply-by day)
//   GET  /giam-sat                  the Fatherland Front's read-only view: the public view of items, which holds
//                                   no personal data by construction
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { mapPagePolicy } from '../../portal/routes/map.ts';
import { formText, isCode, referenceCode, vietnamDay } from '../input.ts';
import { renderLeaders, renderOversight, renderWard, trendByDay } from '../pages/leaders.ts';
import type { LeaderData, LeaderView, Named, OversightItem } from '../pages/leaders.ts';
import type { ItemRow } from '../pages/common.ts';
import type { StaffContext, WorkspaceRouteOptions } from '../server.ts';
import { DIRECTIVE_FIELDS } from './desk.ts';
import { gatewayErrorPage } from './queue.ts';

const LEADER = `query WorkspaceLeader($from: DateTime!, $to: DateTime!, $category: String, $trendBy: FeedbackDimension!) {
  feedbackCounts(by: STATUS, from: $from, to: $to, categoryCode: $category) { key count }
  wardCounts: feedbackCounts(by: WARD, from: $from, to: $to, categoryCode: $category) { key count }
  trend: feedbackCounts(by: $trendBy, from: $from, to: $to, categoryCode: $category) { key count }
  unitRanking(from: $from, to: $to) { unit { code name } received resolved onTime onTimeRate }
  overdueFeedback(first: 50) { code title channel status wardCode receivedAt dueAt overdue category { name } unit { name } }
  directives(first: 50) { ${DIRECTIVE_FIELDS} }
  feedbackCategories { code name } handlingUnits { code name } wards { code name } }`;
const WARD_COUNTS = `query WorkspaceWardCounts($from: DateTime!, $to: DateTime!, $category: String) {
  feedbackCounts(by: STATUS, from: $from, to: $to, categoryCode: $category) { key count }
  wardCounts: feedbackCounts(by: WARD, from: $from, to: $to, categoryCode: $category) { key count } }`;
const WARD_ITEMS = `query WorkspaceWardItems($from: DateTime!, $to: DateTime!, $ward: String!, $category: String) {
  periodFeedback(from: $from, to: $to, wardCode: $ward, categoryCode: $category, first: 100) { code title channel status wardCode receivedAt dueAt overdue category { name } unit { name } }
  wards { code name } }`;
const ISSUE = 'mutation WorkspaceIssueDirective($input: IssueDirectiveInput!) { issueDirective(input: $input) { code } }';
const OVERSIGHT = 'query WorkspaceOversight { publicFeedback(first: 50) { code title status wardCode receivedAt dueAt category { name } unit { name } } }';

const DAY_MS = 24 * 3_600_000;
/** The longest period the figures cover at once. */
const MAX_PERIOD_DAYS = 366;
const DIRECTIVE_KINDS = ['WARD', 'ITEM', 'CATEGORY', 'UNIT'] as const;

/** The view a request asks for (default: the last 30 days, every category), or undefined when malformed. */
function viewOf(request: FastifyRequest): LeaderView | undefined {
  const query = request.query as Record<string, unknown>;
  // Default: the last 30 days, up to the end of today (Việt Nam time).
  const today = vietnamDay(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10)) ?? new Date();
  const from = query['tu'] === undefined ? new Date(today.getTime() - 29 * DAY_MS) : vietnamDay(query['tu']);
  const toDay = query['den'] === undefined ? today : vietnamDay(query['den']);
  const category = referenceCode(query['linh-vuc']);
  if (!from || !toDay || category === undefined || toDay.getTime() < from.getTime() || toDay.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY_MS) return undefined;
  return { from, toDay, category };
}

/** The gateway's variables of a view. */
const variablesOf = (view: LeaderView) => ({ from: view.from.toISOString(), to: new Date(view.toDay.getTime() + DAY_MS).toISOString(), category: view.category || null });

/** A CSV field: quoted when it holds a separator, a quote or a line break; a leading formula character defused. */
function csvField(value: string | number): string {
  const text = typeof value === 'number' ? String(value) : /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Register the leaders' and the oversight pages. */
export async function leaderRoutes(app: FastifyInstance, options: WorkspaceRouteOptions): Promise<void> {
  const badView = (reply: FastifyReply, context: StaffContext) =>
    options.replies.errorPage(
      reply,
      context.current,
      400,
      'Khoảng thời gian không hợp lệ',
      `Chọn ngày bắt đầu và kết thúc (tối đa ${MAX_PERIOD_DAYS} ngày) và một lĩnh vực có trong danh sách. (Invalid period or category.)`,
      'BAD_USER_INPUT',
    );

  app.get('/lanh-dao', async (request, reply) => {
    const context = await options.staff(request, reply, ['leader'], true);
    if (!context) return reply;
    const view = viewOf(request);
    if (!view) return badView(reply, context);
    const result = await options.ask<LeaderData>(reply, context, LEADER, { ...variablesOf(view), trendBy: trendByDay(view) ? 'DAY' : 'WEEK' });
    if (!result) return reply;
    if (!result.data?.feedbackCounts) return gatewayErrorPage(options, reply, context, result);
    // The map: Leaflet and the scripts from here, the tiles from the tile server when there is one.
    reply.header('content-security-policy', mapPagePolicy(options.services));
    return options.replies.html(reply, 200, renderLeaders(context.frame, result.data, view, options.services.options.mapTiles));
  });

  /** The view's counts, or the answer already sent. */
  const counts = async (request: FastifyRequest, reply: FastifyReply) => {
    const context = await options.staff(request, reply, ['leader']);
    if (!context) return undefined;
    const view = viewOf(request);
    if (!view) return void (await badView(reply, context));
    const result = await options.ask<Pick<LeaderData, 'feedbackCounts' | 'wardCounts'>>(reply, context, WARD_COUNTS, variablesOf(view));
    if (!result) return undefined;
    if (!result.data?.wardCounts || !result.data.feedbackCounts) return void (await gatewayErrorPage(options, reply, context, result));
    return { view, status: result.data.feedbackCounts, wards: result.data.wardCounts };
  };

  app.get('/lanh-dao/so-lieu.json', async (request, reply) => {
    const answer = await counts(request, reply);
    if (!answer) return reply;
    return reply.send({ counts: Object.fromEntries(answer.wards.map((row) => [row.key, row.count])), received: answer.status.reduce((sum, row) => sum + row.count, 0) });
  });

  app.get('/lanh-dao/so-lieu.csv', async (request, reply) => {
    const answer = await counts(request, reply);
    if (!answer) return reply;
    const day = (date: Date) => new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    const lines = [
      ['section', 'key', 'count'],
      ['period', `${day(answer.view.from)}..${day(answer.view.toDay)}`, ''],
      ['category', answer.view.category || 'ALL', ''],
      ...answer.status.map((row) => ['status', row.key, row.count]),
      ...answer.wards.map((row) => ['ward', row.key, row.count]),
    ];
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="phan-anh-${day(answer.view.from)}-${day(answer.view.toDay)}.csv"`)
      .send(`${lines.map((line) => line.map(csvField).join(',')).join('\r\n')}\r\n`);
  });

  app.get('/lanh-dao/phuong/:ward', async (request, reply) => {
    const context = await options.staff(request, reply, ['leader'], true);
    if (!context) return reply;
    const view = viewOf(request);
    const ward = referenceCode((request.params as { ward: string }).ward);
    if (!view || !ward) return badView(reply, context);
    const result = await options.ask<{ periodFeedback?: ItemRow[] | null; wards?: Named[] | null }>(reply, context, WARD_ITEMS, { ...variablesOf(view), ward });
    if (!result) return reply;
    if (!result.data?.periodFeedback) return gatewayErrorPage(options, reply, context, result);
    const named = result.data.wards?.find((candidate) => candidate.code === ward);
    if (!named) return options.replies.errorPage(reply, context.current, 404, 'Không tìm thấy phường', 'Không có phường với mã này. (No such ward.)', 'NOT_FOUND');
    return options.replies.html(reply, 200, renderWard(context.frame, named, result.data.periodFeedback, view));
  });

  app.post('/chi-dao', async (request, reply) => {
    const posted = await options.form(request, reply, ['leader']);
    if (!posted) return reply;
    const { context, body } = posted;
    const kind = DIRECTIVE_KINDS.find((candidate) => candidate === body['kind']);
    // An item's code, or a ward's, category's or unit's.
    const target = kind === 'ITEM' ? (isCode(body['code']) ? body['code'] : undefined) : referenceCode(body['code']) || undefined;
    const content = formText(body['content'], 10, 5000);
    const due = vietnamDay(body['han']);
    if (!kind || !target || !content || !due) {
      return options.badInput(
        reply,
        context,
        'Chỉ đạo cần đối tượng (phường, phản ánh, lĩnh vực hoặc đơn vị), nội dung 10–5000 ký tự và hạn trả lời. (A target, 10 to 5000 characters and a reply-by date are required.)',
      );
    }
    // Due at the end of the chosen day, Việt Nam time; the gateway refuses a day already past.
    const input = { target: { kind, code: target }, content, dueAt: new Date(due.getTime() + DAY_MS - 1000).toISOString() };
    const result = await options.ask<{ issueDirective?: { code: string } | null }>(reply, context, ISSUE, { input });
    if (!result) return reply;
    if (!result.data?.issueDirective) return gatewayErrorPage(options, reply, context, result);
    const back = kind === 'ITEM' ? `/phan-anh/${encodeURIComponent(target)}` : kind === 'WARD' ? `/lanh-dao/phuong/${encodeURIComponent(target)}` : '/lanh-dao';
    return options.done(reply, context, `Đã gửi chỉ đạo ${result.data.issueDirective.code}. (Directive sent.)`, `${back}#chi-dao`);
  });

  app.get('/giam-sat', async (request, reply) => {
    const context = await options.staff(request, reply, ['oversight']);
    if (!context) return reply;
    const result = await options.ask<{ publicFeedback?: OversightItem[] | null }>(reply, context, OVERSIGHT);
    if (!result) return reply;
    if (!result.data?.publicFeedback) return gatewayErrorPage(options, reply, context, result);
    return options.replies.html(reply, 200, renderOversight(context.frame, result.data.publicFeedback));
  });
}
