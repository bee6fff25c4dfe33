// The leaders' page (figures for a period, the best and worst units, the overdue list, directives not yet
// answered) and the oversight page (the public view of items: no name, phone or address). Figures are
// numbers in a table with their words: readable without colour or a chart.
import { escapeHtml } from '../../../platform/html.ts';
import { formatDateTime, renderLayout } from '../../portal/pages/layout.ts';
import type { PageFrame } from '../../portal/pages/layout.ts';
import { itemTable } from './common.ts';
import type { ItemRow } from './common.ts';
import { directiveState } from './desk.ts';
import type { DirectiveRow } from './desk.ts';

/** A unit's record over the period. */
export interface UnitRecord {
  readonly unit?: { readonly code: string; readonly name: string } | null;
  readonly received: number;
  readonly resolved: number;
  readonly onTime: number;
  readonly onTimeRate?: number | null;
}

/** What the leaders' page reads at the gateway. */
export interface LeaderData {
  readonly feedbackCounts?: readonly { readonly key: string; readonly count: number }[] | null;
  readonly unitRanking?: readonly UnitRecord[] | null;
  readonly overdueFeedback?: readonly ItemRow[] | null;
  readonly directives?: readonly DirectiveRow[] | null;
}

/** An item as the oversight page shows it (the public view). */
export type OversightItem = Omit<ItemRow, 'channel' | 'overdue'>;

/** Handled: the unit has answered (published and closed items were resolved first). */
const HANDLED = new Set(['RESOLVED', 'PUBLISHED', 'CLOSED']);
const OVERDUE_LIST_SIZE = 50;

function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '—' : `${(rate * 100).toFixed(1)} %`;
}

function day(date: Date): string {
  return new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
}

function unitTable(id: string, units: readonly UnitRecord[]): string {
  if (units.length === 0) return `<p class="empty" id="${id}">Chưa có đơn vị nào giải quyết phản ánh trong kỳ.</p>`;
  return `<table id="${id}"><thead><tr><th>Đơn vị <small>Unit</small></th><th>Tiếp nhận <small>Received</small></th><th>Đã giải quyết <small>Resolved</small></th><th>Đúng hạn <small>On time</small></th></tr></thead><tbody>
${units.map((unit) => `<tr><td>${escapeHtml(unit.unit?.name ?? '')}</td><td>${unit.received}</td><td>${unit.resolved}</td><td>${percent(unit.onTimeRate)}</td></tr>`).join('\n')}</tbody></table>`;
}

/** The leaders' page for the period [from, toDay]. */
export function renderLeaders(frame: PageFrame, data: LeaderData, period: { from: Date; toDay: Date }): string {
  const counts = data.feedbackCounts ?? [];
  const received = counts.reduce((sum, row) => sum + row.count, 0);
  const handled = counts.filter((row) => HANDLED.has(row.key)).reduce((sum, row) => sum + row.count, 0);
  const ranking = (data.unitRanking ?? []).filter((unit) => unit.resolved > 0);
  const resolved = ranking.reduce((sum, unit) => sum + unit.resolved, 0);
  const onTime = ranking.reduce((sum, unit) => sum + unit.onTime, 0);
  const overdue = data.overdueFeedback ?? [];
  const open = (data.directives ?? []).filter((directive) => !directive.answered);
  const figures: [string, string, string, string][] = [
    ['received', 'Tiếp nhận', 'Received', String(received)],
    ['handled', 'Đã giải quyết', 'Handled', String(handled)],
    ['overdue', 'Đang quá hạn', 'Overdue now', overdue.length >= OVERDUE_LIST_SIZE ? `≥ ${OVERDUE_LIST_SIZE}` : String(overdue.length)],
    ['on-time', 'Tỉ lệ đúng hạn', 'On-time rate', percent(resolved ? onTime / resolved : null)],
  ];
  const directives = open.map(
    (
      directive,
    ) => `<li id="directive-${escapeHtml(directive.code)}"><p><code>${escapeHtml(directive.code)}</code> ${directiveState(directive)} · ${escapeHtml(directive.target.kind)} ${escapeHtml(directive.target.code)} · hạn <span class="en">due</span> ${formatDateTime(directive.dueAt)}</p>
<p>${escapeHtml(directive.content)}</p><p class="muted">${directive.recipients.map((recipient) => `${escapeHtml(recipient.unit.name)}: ${recipient.repliedAt ? 'đã trả lời' : 'chưa trả lời'}`).join(' · ')}</p></li>`,
  );
  return renderLayout(
    frame,
    'Lãnh đạo',
    `<section class="card">
<h1>Tình hình tiếp nhận và giải quyết <span class="en">Leaders' dashboard</span></h1>
<form method="get" action="/lanh-dao" class="row" id="period">
<div><label for="tu">Từ ngày <span class="en">From</span></label><input type="date" id="tu" name="tu" value="${day(period.from)}"></div>
<div><label for="den">Đến ngày <span class="en">To</span></label><input type="date" id="den" name="den" value="${day(period.toDay)}"></div>
<div><button class="btn" type="submit">Xem · Show</button></div>
</form>
<table id="figures"><tbody>${figures.map(([id, label, en, value]) => `<tr data-figure="${id}"><th scope="row">${label} <small>${en}</small></th><td><strong>${escapeHtml(value)}</strong></td></tr>`).join('')}</tbody></table>
</section>
<div class="grid">
<section class="card"><h2>Đơn vị tốt nhất <span class="en">Best units</span></h2>${unitTable('best-units', ranking.slice(0, 5))}</section>
<section class="card"><h2>Đơn vị cần cải thiện <span class="en">Worst units</span></h2>${unitTable('worst-units', ranking.slice(-5).reverse())}</section>
</div>
<section class="card"><h2>Phản ánh quá hạn <span class="en">Overdue items, most late first</span></h2>${itemTable('overdue', overdue, 'Không có phản ánh quá hạn.')}</section>
<section class="card"><h2>Chỉ đạo chưa hoàn thành <span class="en">Open directives</span></h2>${directives.length ? `<ul class="notes" id="open-directives">${directives.join('\n')}</ul>` : '<p class="empty">Không có chỉ đạo đang chờ.</p>'}</section>`,
  );
}

/** The oversight page: the public view, read-only. */
export function renderOversight(frame: PageFrame, items: readonly OversightItem[]): string {
  const rows = items.map(
    (item) =>
      `<tr><td><code>${escapeHtml(item.code)}</code><br>${escapeHtml(item.title)}</td><td>${escapeHtml(item.category?.name ?? '')}</td><td>${escapeHtml(item.wardCode)}</td><td>${escapeHtml(item.unit?.name ?? '')}</td><td>${formatDateTime(item.receivedAt)}</td><td>${escapeHtml(item.status)}</td></tr>`,
  );
  return renderLayout(
    frame,
    'Giám sát',
    `<section class="card">
<h1>Giám sát việc giải quyết phản ánh <span class="en">Oversight (read-only, no personal data)</span></h1>
<div class="table-wrap"><table id="oversight"><thead><tr><th>Phản ánh</th><th>Lĩnh vực</th><th>Phường</th><th>Đơn vị</th><th>Tiếp nhận</th><th>Trạng thái</th></tr></thead><tbody>${rows.join('\n')}</tbody></table></div>
</section>`,
  );
}
