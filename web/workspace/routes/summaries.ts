// GET /lanh-dao/tong-hop-tuan: the signed-in leader's Friday summaries (pages/summaries.ts).
import type { FastifyInstance } from 'fastify';
import { renderSummaries } from '../pages/summaries.ts';
import type { SummaryRow } from '../pages/summaries.ts';
import type { WorkspaceRouteOptions } from '../server.ts';
import { gatewayErrorPage } from './queue.ts';

const SUMMARIES = 'query WorkspaceSummaries { weeklySummaries(first: 26) { week periodStart periodEnd received handled late } }';

/** Register the summaries page. */
export async function summaryRoutes(app: FastifyInstance, options: WorkspaceRouteOptions): Promise<void> {
  app.get('/lanh-dao/tong-hop-tuan', async (request, reply) => {
    const context = await options.staff(request, reply, ['leader']);
    if (!context) return reply;
    const result = await options.ask<{ weeklySummaries?: SummaryRow[] | null }>(reply, context, SUMMARIES);
    if (!result) return reply;
    if (!result.data?.weeklySummaries) return gatewayErrorPage(options, reply, context, result);
    return options.replies.html(reply, 200, renderSummaries(context.frame, result.data.weeklySummaries));
  });
}
