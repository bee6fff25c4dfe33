// A leader's Friday summaries (weeklySummaries): one row per ISO week, the counts the weekly run sent to
// their inbox, newest first.
import { escapeHtml } from '../../../platform/html.ts';
import { formatDateTime, renderLayout } from '../../portal/pages/layout.ts';
import type { PageFrame } from '../../portal/pages/layout.ts';

/** One week's summary. */
export interface SummaryRow {
  readonly week: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly received: number;
  readonly handled: number;
  readonly late: number;
}

/** The leader's summaries page. */
export function renderSummaries(frame: PageFrame, summaries: readonly SummaryRow[]): string {
  const rows = summaries.map(
    (summary) =>
      `<tr data-week="${escapeHtml(summary.week)}"><th scope="row">${escapeHtml(summary.week)}</th><td>${formatDateTime(summary.periodStart)} – ${formatDateTime(summary.periodEnd)}</td><td class="count">${summary.received}</td><td class="count">${summary.handled}</td><td class="count">${summary.late}</td></tr>`,
  );
  return renderLayout(
    frame,
    'Tổng hợp hằng tuần',
    `<section class="card">
<h1>Tổng hợp phản ánh hằng tuần <span class="en">Friday summaries</span></h1>
<p class="hint">Mỗi chiều thứ Sáu: số phản ánh tiếp nhận, đã xử lý và trễ hạn trong phạm vi phụ trách của bạn, bảy ngày đến lúc tổng hợp. <span class="en">Every Friday afternoon: received, handled and late in your scope.</span> <a href="/lanh-dao">← Bảng điều hành · Dashboard</a></p>
${
  rows.length
    ? `<div class="table-wrap" tabindex="0" role="region" aria-label="Tổng hợp hằng tuần"><table id="summaries"><thead><tr><th scope="col">Tuần <span class="en">Week</span></th><th scope="col">Khoảng thời gian <span class="en">Period</span></th><th scope="col">Tiếp nhận <span class="en">Received</span></th><th scope="col">Đã xử lý <span class="en">Handled</span></th><th scope="col">Trễ hạn <span class="en">Late</span></th></tr></thead><tbody>${rows.join('')}</tbody></table></div>`
    : '<p class="empty" id="summaries">Chưa có bản tổng hợp nào. (No summary yet: the first comes on Friday.)</p>'
}
</section>`,
  );
}
