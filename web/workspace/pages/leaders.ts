// The leaders' page (figures for a period and a category, the wards' map and its table, what changed since
// the page opened, the best and worst units, the overdue list, the directives with their state and the
// units' replies, and the forms to send one), a ward's items (the map's drill-down), and the oversight page
// (the public view of items: no name, phone or address). Figures are numbers in a table with their words:
// readable without colour or a chart; the map (assets/dashboard-map.js) says the same as the wards' table.
import { escapeHtml } from '../../../platform/html.ts';
import { formatDateTime, jsonDataBlock, mapScripts, renderLayout } from '../../portal/pages/layout.ts';
import type { PageFrame } from '../../portal/pages/layout.ts';
import { csrfField, itemTable } from './common.ts';
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

/** A code and its name (categories, units, wards). */
export interface Named {
  readonly code: string;
  readonly name: string;
}

/** What the leaders' page reads at the gateway. */
export interface LeaderData {
  readonly feedbackCounts?: readonly { readonly key: string; readonly count: number }[] | null;
  readonly wardCounts?: readonly { readonly key: string; readonly count: number }[] | null;
  /** Items received per day (a period of up to 62 days) or per ISO week (longer ones). */
  readonly trend?: readonly { readonly key: string; readonly count: number }[] | null;
  readonly feedbackCategories?: readonly Named[] | null;
  readonly handlingUnits?: readonly Named[] | null;
  readonly wards?: readonly Named[] | null;
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

/** The period and category a leader's page shows, as the browser gave them (checked). */
export interface LeaderView {
  readonly from: Date;
  readonly toDay: Date;
  readonly category: string;
}

/** Where the map opens: central HCMC. */
const CITY_CENTRE = { lat: 10.7769, lng: 106.7009 };
const MAP_STYLE = `<link rel="stylesheet" href="/assets/leaflet/leaflet.css">
<style>#map{height:min(60vh,480px);border-radius:10px;background:#eef2f7;margin:12px 0}.leaflet-container{font:inherit}.leaflet-control-attribution a{text-decoration:underline}
#map-legend{display:flex;flex-wrap:wrap;gap:12px;font-size:.85rem;margin:6px 0}#map-legend i{display:inline-block;width:16px;height:12px;margin-right:4px;border:1px solid #6b7280;vertical-align:middle}
#wards-table-wrap{max-height:320px;overflow:auto}#trend .trend-chart{position:relative;height:260px;margin:8px 0}#trend .table-wrap{max-height:220px;overflow:auto}
@media print{body>header,body>footer,nav,form,#live,#chi-dao,#print-map,#export-csv,.leaflet-control-zoom{display:none!important}
#map{height:560px!important;break-inside:avoid}#wards-table-wrap,#trend .table-wrap{max-height:none!important;overflow:visible!important}.card{box-shadow:none!important}}</style>`;

/** The query string of a view (period and category), for links and the counts' address. */
export function viewQuery(view: LeaderView): string {
  return new URLSearchParams({ tu: day(view.from), den: day(view.toDay), ...(view.category ? { 'linh-vuc': view.category } : {}) }).toString();
}

/** A directive with its state, each addressed unit's reply or the lack of one. */
function directiveEntry(directive: DirectiveRow): string {
  const replies = directive.recipients.map(
    (recipient) =>
      `<li>${escapeHtml(recipient.unit.name)}: ${recipient.repliedAt ? `<span class="reply">${escapeHtml(recipient.reply ?? '')}</span> <span class="muted">(${formatDateTime(recipient.repliedAt)}${recipient.late ? ', trễ hạn · late' : ''})</span>` : '<span class="muted">chưa trả lời · no reply yet</span>'}</li>`,
  );
  return `<li id="directive-${escapeHtml(directive.code)}"><p><code>${escapeHtml(directive.code)}</code> ${directiveState(directive)} · ${escapeHtml(directive.target.kind)} ${escapeHtml(directive.target.code)} · hạn <span class="en">due</span> ${formatDateTime(directive.dueAt)}</p>
<p>${escapeHtml(directive.content)}</p><ul class="replies">${replies.join('')}</ul></li>`;
}

/** A form sending a directive to `kind`: a fixed target (`code`), or a choice among `choices`. */
export function directiveForm(frame: PageFrame, id: string, kind: 'WARD' | 'ITEM' | 'CATEGORY' | 'UNIT', target: string | readonly Named[], label: string): string {
  const tomorrow = day(new Date(Date.now() + 7 * 24 * 3_600_000));
  const choose =
    typeof target === 'string'
      ? `<input type="hidden" name="code" value="${escapeHtml(target)}">`
      : `<label for="${id}-code">${label}</label><select id="${id}-code" name="code" required>${target.map((option) => `<option value="${escapeHtml(option.code)}">${escapeHtml(option.name)}</option>`).join('')}</select>`;
  return `<form method="post" action="/chi-dao" id="${id}">${csrfField(frame)}<input type="hidden" name="kind" value="${kind}">${choose}
<label for="${id}-content">Nội dung chỉ đạo <span class="en">Directive</span></label><textarea id="${id}-content" name="content" required minlength="10" maxlength="5000"></textarea>
<label for="${id}-due">Hạn trả lời <span class="en">Reply by</span></label><input type="date" id="${id}-due" name="han" value="${tomorrow}" required>
<p><button class="btn" type="submit">Gửi chỉ đạo · Send</button></p></form>`;
}

/** The leaders' page for a view. */
export function renderLeaders(frame: PageFrame, data: LeaderData, view: LeaderView, tiles: { url: string; attribution: string } | undefined): string {
  const counts = data.feedbackCounts ?? [];
  const received = counts.reduce((sum, row) => sum + row.count, 0);
  const handled = counts.filter((row) => HANDLED.has(row.key)).reduce((sum, row) => sum + row.count, 0);
  const ranking = (data.unitRanking ?? []).filter((unit) => unit.resolved > 0);
  const resolved = ranking.reduce((sum, unit) => sum + unit.resolved, 0);
  const onTime = ranking.reduce((sum, unit) => sum + unit.onTime, 0);
  const overdue = data.overdueFeedback ?? [];
  const directives = data.directives ?? [];
  const categories = data.feedbackCategories ?? [];
  const query = viewQuery(view);
  const wardCount = new Map((data.wardCounts ?? []).map((row) => [row.key, row.count]));
  const wardRows = [...(data.wards ?? [])]
    .sort((a, b) => (wardCount.get(b.code) ?? 0) - (wardCount.get(a.code) ?? 0) || a.name.localeCompare(b.name, 'vi'))
    .map(
      (ward) =>
        `<tr><td><a href="/lanh-dao/phuong/${encodeURIComponent(ward.code)}?${escapeHtml(query)}">${escapeHtml(ward.name)}</a> <span class="muted">${escapeHtml(ward.code)}</span></td><td data-ward-count="${escapeHtml(ward.code)}">${wardCount.get(ward.code) ?? 0}</td></tr>`,
    );
  const figures: [string, string, string, string][] = [
    ['received', 'Tiếp nhận', 'Received', String(received)],
    ['handled', 'Đã giải quyết', 'Handled', String(handled)],
    ['overdue', 'Đang quá hạn', 'Overdue now', overdue.length >= OVERDUE_LIST_SIZE ? `≥ ${OVERDUE_LIST_SIZE}` : String(overdue.length)],
    ['on-time', 'Tỉ lệ đúng hạn', 'On-time rate', percent(resolved ? onTime / resolved : null)],
  ];
  const map = {
    centre: CITY_CENTRE,
    zoom: 12,
    ...(tiles ? { tiles } : {}),
    counts: Object.fromEntries(wardCount),
    detail: '/lanh-dao/phuong/',
    query,
    json: `/lanh-dao/so-lieu.json?${query}`,
  };
  const categoryOptions = [['', 'Tất cả · All'] as const, ...categories.map((category) => [category.code, category.name] as const)]
    .map(([code, name]) => `<option value="${escapeHtml(code)}"${code === view.category ? ' selected' : ''}>${escapeHtml(name)}</option>`)
    .join('');
  return renderLayout(
    frame,
    'Lãnh đạo',
    `${MAP_STYLE}<section class="card">
<h1>Tình hình tiếp nhận và giải quyết <span class="en">Leaders' dashboard</span></h1>
<form method="get" action="/lanh-dao" class="row" id="period">
<div><label for="tu">Từ ngày <span class="en">From</span></label><input type="date" id="tu" name="tu" value="${day(view.from)}"></div>
<div><label for="den">Đến ngày <span class="en">To</span></label><input type="date" id="den" name="den" value="${day(view.toDay)}"></div>
<div><label for="linh-vuc">Lĩnh vực <span class="en">Category</span></label><select id="linh-vuc" name="linh-vuc">${categoryOptions}</select></div>
<div><button class="btn" type="submit">Xem · Show</button> <a class="row-link" href="/lanh-dao/so-lieu.csv?${escapeHtml(query)}" id="export-csv">Tải CSV <span class="en">Export CSV</span></a></div>
</form>
<table id="figures"><tbody>${figures.map(([id, label, en, value]) => `<tr data-figure="${id}"><th scope="row">${label} <small>${en}</small></th><td><strong>${escapeHtml(value)}</strong></td></tr>`).join('')}</tbody></table>
</section>
<section class="card" id="ward-map">
<h2>Bản đồ phản ánh theo phường <span class="en">Items per ward</span></h2>
<p class="hint">Màu đậm hơn: ít hơn; vàng: nhiều nhất. Bấm vào một phường để xem các phản ánh. <span class="en">Viridis scale, yellow = most. Click a ward for its items; the table below says the same.</span></p>
<div id="map" role="region" aria-label="Bản đồ số phản ánh theo phường (map of items per ward; the table below has the same figures)" hidden></div>
<div id="map-legend" aria-hidden="true"></div>
<p><button class="btn secondary" type="button" id="print-map" hidden>In hoặc lưu PDF bản đồ và chú giải · Print or save the map as PDF</button></p>
<div class="table-wrap" id="wards-table-wrap" tabindex="0" role="region" aria-label="Số phản ánh theo phường"><table id="wards"><thead><tr><th>Phường <small>Ward</small></th><th>Phản ánh <small>Items</small></th></tr></thead><tbody>${wardRows.join('\n')}</tbody></table></div>
</section>
${trendSection(data.trend ?? [], view)}
<section class="card" id="live"><h2>Cập nhật mới <span class="en">Changes since this page opened</span></h2>
<p class="empty" id="live-feed-empty">Chưa có thay đổi. <span class="en">(New items and status changes appear here without a reload.)</span></p><ul class="notes" id="live-feed"></ul></section>
<div class="grid">
<section class="card"><h2>Đơn vị tốt nhất <span class="en">Best units</span></h2>${unitTable('best-units', ranking.slice(0, 5))}</section>
<section class="card"><h2>Đơn vị cần cải thiện <span class="en">Worst units</span></h2>${unitTable('worst-units', ranking.slice(-5).reverse())}</section>
</div>
<section class="card"><h2>Phản ánh quá hạn <span class="en">Overdue items, most late first</span></h2>${itemTable('overdue', overdue, 'Không có phản ánh quá hạn.')}</section>
<section class="card" id="chi-dao"><h2>Chỉ đạo <span class="en">Directives, their state and the units' replies</span></h2>
${directives.length ? `<ul class="notes" id="directives">${directives.map(directiveEntry).join('\n')}</ul>` : '<p class="empty">Chưa có chỉ đạo nào.</p>'}
<div class="grid">
<div><h3>Chỉ đạo theo lĩnh vực <span class="en">To a category</span></h3>${directiveForm(frame, 'directive-category', 'CATEGORY', categories, 'Lĩnh vực <span class="en">Category</span>')}</div>
<div><h3>Chỉ đạo một đơn vị <span class="en">To a unit</span></h3>${directiveForm(frame, 'directive-unit', 'UNIT', data.handlingUnits ?? [], 'Đơn vị <span class="en">Unit</span>')}</div>
</div>
<p class="hint">Chỉ đạo một phường: từ trang của phường (bấm trên bản đồ); một phản ánh: từ trang phản ánh. <span class="en">A ward's or an item's directive: from its page.</span></p>
</section>
${jsonDataBlock(map)}
${mapScripts('dashboard-map.js')}
<script src="/assets/chart.umd.js" defer></script>
<script src="/assets/dashboard-trend.js" defer></script>`,
  );
}

/** Whether a view's trend is by day (up to 62 days) or by ISO week. */
export function trendByDay(view: LeaderView): boolean {
  return view.toDay.getTime() - view.from.getTime() <= 61 * 24 * 3_600_000;
}

/**
 * Items received per day or week: a chart (Chart.js, drawn by assets/dashboard-trend.js from the data block)
 * and the same figures as a table — the chart's text alternative, and all there is without JavaScript.
 */
function trendSection(trend: readonly { readonly key: string; readonly count: number }[], view: LeaderView): string {
  const rows = [...trend].sort((a, b) => a.key.localeCompare(b.key));
  const byDay = trendByDay(view);
  const data = { label: byDay ? 'Phản ánh mỗi ngày' : 'Phản ánh mỗi tuần', keys: rows.map((row) => row.key), counts: rows.map((row) => row.count) };
  return `<section class="card" id="trend">
<h2>Xu hướng tiếp nhận <span class="en">${byDay ? 'Items received per day' : 'Items received per week'}</span></h2>
<div class="trend-chart" hidden><canvas id="trend-chart" role="img" aria-label="Biểu đồ số phản ánh tiếp nhận ${byDay ? 'mỗi ngày' : 'mỗi tuần'}; bảng bên dưới có cùng số liệu (chart; the table below has the same figures)"></canvas></div>
<script type="application/json" id="trend-data">${JSON.stringify(data).replace(/</g, '\\u003c')}</script>
<div class="table-wrap" tabindex="0" role="region" aria-label="Số phản ánh theo ${byDay ? 'ngày' : 'tuần'}"><table id="trend-table"><thead><tr><th scope="col">${byDay ? 'Ngày <small>Day</small>' : 'Tuần <small>ISO week</small>'}</th><th scope="col">Tiếp nhận <small>Received</small></th></tr></thead><tbody>${rows
    .map((row) => `<tr><th scope="row">${escapeHtml(row.key)}</th><td>${row.count}</td></tr>`)
    .join('')}</tbody></table></div>
</section>`;
}

/** A ward's items for a view (the map's drill-down), with the form to send the ward a directive. */
export function renderWard(frame: PageFrame, ward: Named, items: readonly ItemRow[], view: LeaderView): string {
  return renderLayout(
    frame,
    `Phường ${ward.name}`,
    `<section class="card">
<p><a href="/lanh-dao?${escapeHtml(viewQuery(view))}">← Bản đồ <span class="en">Back to the dashboard</span></a></p>
<h1>${escapeHtml(ward.name)} <span class="en">${escapeHtml(ward.code)}</span></h1>
<p class="hint">Phản ánh tiếp nhận từ ${day(view.from)} đến ${day(view.toDay)}${view.category ? `, lĩnh vực ${escapeHtml(view.category)}` : ''}, mới nhất trước. <span class="en">Items received in the period, newest first.</span></p>
${itemTable('ward-items', items, 'Không có phản ánh nào trong kỳ.')}
</section>
<section class="card" id="chi-dao"><h2>Gửi chỉ đạo cho phường <span class="en">Send the ward a directive</span></h2>
<p class="hint">Gửi tới UBND phường và các đơn vị được phân công xử lý phản ánh của phường. <span class="en">Goes to the ward committee and the units its routing rules use.</span></p>
${directiveForm(frame, 'directive-ward', 'WARD', ward.code, '')}
</section>`,
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
