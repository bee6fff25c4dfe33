// The unit officers' desk: GET /don-vi (their unit's open items by deadline — overdue, due within a day,
// the rest — and the directives addressed to their unit) and POST /chi-dao/:code/tra-loi (reply to a
// directive for the unit, once; CSRF-checked). Taking, reporting progress, resolving and returning an item
// are the item page's forms (routes/queue.ts).
import type { FastifyInstance } from 'fastify';
import { formText, isCode } from '../input.ts';
import { renderDesk } from '../pages/desk.ts';
import type { DeskItem, DirectiveRow } from '../pages/desk.ts';
import type { WorkspaceRouteOptions } from '../server.ts';
import { gatewayErrorPage } from './queue.ts';

/** The fields the desk and the leaders' page read of a directive. */
export const DIRECTIVE_FIELDS = 'code content dueAt createdAt overdue answered target { kind code } recipients { unit { code name } repliedAt reply late overdue }';
const DESK = `query WorkspaceDesk { unitFeedback(first: 100) { code title channel status wardCode receivedAt dueAt overdue category { name } }
  unitDirectives(first: 20) { ${DIRECTIVE_FIELDS} } }`;
const REPLY = 'mutation WorkspaceDirectiveReply($code: String!, $content: String!) { replyToDirective(code: $code, content: $content) { repliedAt } }';

/** Register the desk. */
export async function deskRoutes(app: FastifyInstance, options: WorkspaceRouteOptions): Promise<void> {
  app.get('/don-vi', async (request, reply) => {
    const context = await options.staff(request, reply, ['officer'], true);
    if (!context) return reply;
    const result = await options.ask<{ unitFeedback?: DeskItem[] | null; unitDirectives?: DirectiveRow[] | null }>(reply, context, DESK);
    if (!result) return reply;
    if (!result.data?.unitFeedback) return gatewayErrorPage(options, reply, context, result);
    return options.replies.html(reply, 200, renderDesk(context.frame, context.staff.unit ?? '', result.data.unitFeedback, result.data.unitDirectives ?? [], Date.now()));
  });

  app.post('/chi-dao/:code/tra-loi', async (request, reply) => {
    const posted = await options.form(request, reply, ['officer']);
    if (!posted) return reply;
    const { context, body } = posted;
    const { code } = request.params as { code: string };
    const content = formText(body['content'], 3, 5000);
    if (!isCode(code) || !content) return options.badInput(reply, context, 'Mã chỉ đạo hoặc nội dung trả lời không hợp lệ (3–5000 ký tự). (Invalid directive code or reply.)');
    const result = await options.ask<{ replyToDirective?: { repliedAt: string } | null }>(reply, context, REPLY, { code, content });
    if (!result) return reply;
    if (!result.data?.replyToDirective) return gatewayErrorPage(options, reply, context, result);
    return options.done(reply, context, 'Đã gửi báo cáo cho lãnh đạo. (Reply sent.)', '/don-vi#chi-dao');
  });
}
