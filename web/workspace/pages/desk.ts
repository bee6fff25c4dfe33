// The unit officers' desk: their unit's open items grouped by deadline (overdue first, then due within a
// day, then the rest, each by deadline) and the directives addressed to the unit with a reply form while
// the unit has not replied. A directive's rows are the unit's own (the gateway shows an officer no other).
import { escapeHtml } from '../../../platform/html.ts';
import { formatDateTime, renderLayout } from '../../portal/pages/layout.ts';
import type { PageFrame } from '../../portal/pages/layout.ts';
import { csrfField, itemTable } from './common.ts';
import type { ItemRow } from './common.ts';

/** An item on the desk. */
export type DeskItem = ItemRow;

/** A directive as the desk and the leaders' page show it. */
export interface DirectiveRow {
  readonly code: string;
  readonly content: string;
  readonly dueAt: string;
  readonly createdAt: string;
  readonly overdue: boolean;
  readonly answered: boolean;
  readonly target: { readonly kind: string; readonly code: string };
  readonly recipients: readonly {
    readonly unit: { readonly code: string; readonly name: string };
    readonly repliedAt?: string | null;
    readonly reply?: string | null;
    readonly late: boolean;
    readonly overdue: boolean;
  }[];
}

const OPEN = new Set(['ROUTED', 'IN_PROGRESS', 'PROGRESS_REPORTED', 'REOPENED']);
const DAY_MS = 24 * 3_600_000;

/** A directive's state in words. */
export function directiveState(directive: Pick<DirectiveRow, 'answered' | 'overdue'>): string {
  if (directive.answered) return '<span class="status ok">Đã trả lời <span class="en">answered</span></span>';
  return directive.overdue ? '<span class="status bad">Quá hạn <span class="en">overdue</span></span>' : '<span class="status warn">Đang chờ <span class="en">open</span></span>';
}

function directiveCard(frame: PageFrame, directive: DirectiveRow): string {
  const mine = directive.recipients[0];
  const replied = mine?.repliedAt
    ? `<p><strong>Đơn vị đã trả lời</strong> ${formatDateTime(mine.repliedAt)}${mine.late ? ' <span class="status bad">trễ hạn · late</span>' : ''}: ${escapeHtml(mine.reply ?? '')}</p>`
    : `<form method="post" action="/chi-dao/${encodeURIComponent(directive.code)}/tra-loi">${csrfField(frame)}
<label for="reply-${escapeHtml(directive.code)}">Báo cáo kết quả thực hiện <span class="en">Reply for the unit</span></label><textarea id="reply-${escapeHtml(directive.code)}" name="content" required minlength="3" maxlength="5000"></textarea>
<p><button class="btn" type="submit">Gửi trả lời · Reply</button></p></form>`;
  return `<li id="directive-${escapeHtml(directive.code)}"><p><code>${escapeHtml(directive.code)}</code> ${directiveState(directive)} · hạn <span class="en">due</span> ${formatDateTime(directive.dueAt)}</p>
<p>${escapeHtml(directive.content)}</p>${replied}</li>`;
}

/** The desk of `unit`'s officers at `now`. */
export function renderDesk(frame: PageFrame, unit: string, items: readonly DeskItem[], directives: readonly DirectiveRow[], now: number): string {
  const open = items.filter((item) => OPEN.has(item.status)).sort((a, b) => (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999'));
  const overdue = open.filter((item) => item.overdue);
  const soon = open.filter((item) => !item.overdue && item.dueAt && Date.parse(item.dueAt) - now < DAY_MS);
  const rest = open.filter((item) => !overdue.includes(item) && !soon.includes(item));
  return renderLayout(
    frame,
    'Bàn xử lý đơn vị',
    `<section class="card">
<h1>Bàn xử lý của đơn vị <code>${escapeHtml(unit)}</code> <span class="en">Unit desk</span></h1>
<p class="hint">Phản ánh đang xử lý theo thời hạn. Mở một phản ánh để nhận, báo cáo tiến độ, hoàn thành hoặc trả lại. <span class="en">Open an item to take, report progress, resolve or return it.</span></p>
</section>
<section class="card"><h2>Quá hạn <span class="en">Overdue</span> (${overdue.length})</h2>${itemTable('desk-overdue', overdue, 'Không có phản ánh quá hạn.')}</section>
<section class="card"><h2>Sắp đến hạn (24 giờ) <span class="en">Due within a day</span> (${soon.length})</h2>${itemTable('desk-soon', soon, 'Không có phản ánh sắp đến hạn.')}</section>
<section class="card"><h2>Đang xử lý <span class="en">Other open items</span> (${rest.length})</h2>${itemTable('desk-open', rest, 'Không có phản ánh nào khác.')}</section>
<section class="card" id="chi-dao"><h2>Chỉ đạo gửi đơn vị <span class="en">Directives to the unit</span></h2>
${directives.length ? `<ul class="notes">${directives.map((directive) => directiveCard(frame, directive)).join('\n')}</ul>` : '<p class="empty">Chưa có chỉ đạo nào.</p>'}
</section>`,
  );
}
