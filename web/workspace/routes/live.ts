// Live updates on the workspace's pages, without a reload: the portals' event stream (GET /thong-bao/live,
// web/portal/routes/live.ts `liveStreamRoute`, and its script /assets/live.js) with the staff subscription
// `feedbackChanged` at the gateway as the signed-in person — operators and leaders every item, officers
// their unit's. Each new item and status change is sent as
//   item  {code, status, words, badge, wardCode, queued, row, entry}
// rendered here: the badge for the item's status cells, `row` for the operators' queue (when `queued`: the
// item waits for an operator), `entry` for the dashboard's list of changes. The dashboard's map script
// recounts its wards on each (routes/leaders.ts /lanh-dao/so-lieu.json). Another role (oversight, a
// platform admin) has no such subscription: the stream tells the page to stop.
import type { FastifyInstance } from 'fastify';
import { escapeHtml } from '../../../platform/html.ts';
import { FEEDBACK_STATUS } from '../../portal/pages/feedback.ts';
import { formatDateTime, LIVE_STREAM_PATH, statusBadge } from '../../portal/pages/layout.ts';
import { LIVE_SCRIPT, liveStreamRoute } from '../../portal/routes/live.ts';
import { itemRow } from '../pages/common.ts';
import type { ItemRow } from '../pages/common.ts';
import { staffOf } from '../roles.ts';
import type { StaffRole } from '../roles.ts';
import type { WorkspaceRouteOptions } from '../server.ts';

const CHANGES = `subscription WorkspaceLive($unitCode: String) { feedbackChanged(unitCode: $unitCode) {
  code title channel status wardCode receivedAt dueAt overdue category { name } unit { name } } }`;
/** The roles `feedbackChanged` answers. */
const LIVE_ROLES: readonly StaffRole[] = ['operator', 'leader', 'officer'];
/** What waits for an operator (the queue's statuses). */
const QUEUED = new Set(['RECEIVED', 'RETURNED', 'REOPENED']);

/** One line of the dashboard's list of changes. */
function feedEntry(item: ItemRow): string {
  return `<li data-code="${escapeHtml(item.code)}"><a href="/phan-anh/${encodeURIComponent(item.code)}"><code>${escapeHtml(item.code)}</code></a> ${statusBadge(FEEDBACK_STATUS, item.status)} · ${escapeHtml(item.wardCode)} · ${escapeHtml(item.title)}${item.unit ? ` · <span class="muted">${escapeHtml(item.unit.name)}</span>` : ''} <span class="muted">${formatDateTime(new Date().toISOString())}</span></li>`;
}

/** Register the stream and the script. */
export async function workspaceLiveRoutes(app: FastifyInstance, { services }: WorkspaceRouteOptions): Promise<void> {
  app.get('/assets/live.js', async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(LIVE_SCRIPT));

  liveStreamRoute(app, services, LIVE_STREAM_PATH, async ({ token, send, follow }) => {
    const staff = staffOf(token);
    if (!LIVE_ROLES.some((role) => staff.roles.has(role))) return [];
    // Officers alone follow their unit; operators and leaders every item.
    const unitCode = staff.roles.has('operator') || staff.roles.has('leader') ? null : (staff.unit ?? null);
    send('ready', {});
    return [
      follow<{ feedbackChanged: ItemRow }>(
        CHANGES,
        async ({ feedbackChanged: item }) =>
          send('item', {
            code: item.code,
            status: item.status,
            words: FEEDBACK_STATUS[item.status]?.[0] ?? item.status,
            badge: statusBadge(FEEDBACK_STATUS, item.status),
            wardCode: item.wardCode,
            queued: QUEUED.has(item.status),
            row: itemRow(item),
            entry: feedEntry(item),
          }),
        { unitCode },
      ),
    ];
  });
}
