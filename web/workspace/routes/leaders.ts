// The leaders' page and the oversight page: GET /lanh-dao?tu=YYYY-MM-DD&den=YYYY-MM-DD (figures for the
// period — received, handled, overdue, on-time rate —, the best and worst units, the overdue list, the
// directives not yet answered) and GET /giam-sat (the Fatherland Front's read-only view: the public view
// of items, which holds no personal data by construction).
import type { FastifyInstance } from 'fastify';
import { vietnamDay } from '../input.ts';
import { renderLeaders, renderOversight } from '../pages/leaders.ts';
import type { LeaderData, OversightItem } from '../pages/leaders.ts';
import type { WorkspaceRouteOptions } from '../server.ts';
import { DIRECTIVE_FIELDS } from './desk.ts';
import { gatewayErrorPage } from './queue.ts';

const LEADER = `query WorkspaceLeader($from: DateTime!, $to: DateTime!) { feedbackCounts(by: STATUS, from: $from, to: $to) { key count }
  unitRanking(from: $from, to: $to) { unit { code name } received resolved onTime onTimeRate }
  overdueFeedback(first: 50) { code title channel status wardCode receivedAt dueAt overdue category { name } unit { name } }
  directives(first: 50) { ${DIRECTIVE_FIELDS} } }`;
const OVERSIGHT = 'query WorkspaceOversight { publicFeedback(first: 50) { code title status wardCode receivedAt dueAt category { name } unit { name } } }';

const DAY_MS = 24 * 3_600_000;
/** The longest period the figures cover at once. */
const MAX_PERIOD_DAYS = 366;

/** Register the leaders' and the oversight pages. */
export async function leaderRoutes(app: FastifyInstance, options: WorkspaceRouteOptions): Promise<void> {
  app.get('/lanh-dao', async (request, reply) => {
    const context = await options.staff(request, reply, ['leader']);
    if (!context) return reply;
    const query = request.query as Record<string, unknown>;
    // Default: the last 30 days, up to the end of today (Việt Nam time).
    const today = vietnamDay(new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10)) ?? new Date();
    const from = query['tu'] === undefined ? new Date(today.getTime() - 29 * DAY_MS) : vietnamDay(query['tu']);
    const toDay = query['den'] === undefined ? today : vietnamDay(query['den']);
    if (!from || !toDay || toDay.getTime() < from.getTime() || toDay.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY_MS) {
      return options.replies.errorPage(
        reply,
        context.current,
        400,
        'Khoảng thời gian không hợp lệ',
        `Chọn ngày bắt đầu và kết thúc (tối đa ${MAX_PERIOD_DAYS} ngày). (Invalid period.)`,
        'BAD_USER_INPUT',
      );
    }
    const to = new Date(toDay.getTime() + DAY_MS);
    const result = await options.ask<LeaderData>(reply, context, LEADER, { from: from.toISOString(), to: to.toISOString() });
    if (!result) return reply;
    if (!result.data?.feedbackCounts) return gatewayErrorPage(options, reply, context, result);
    return options.replies.html(reply, 200, renderLeaders(context.frame, result.data, { from, toDay }));
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
