// The public-service portal's pages anyone may open without signing in: tracking a dossier by its code
// and verifier, the procedure catalogue (search and one procedure's page), the answers box with its FAQ
// pages, and the timeline both the tracking page and a citizen's own dossier show. Vietnamese first.
import { escapeHtml } from '../../../platform/html.ts';
import { formatDateTime, renderLayout, sectionError, statusBadge } from './layout.ts';
import type { PageFrame } from './layout.ts';
import { DOSSIER_STATUS, renderTimeline } from './timeline.ts';
import type { TimelineStep } from './timeline.ts';

/** What the tracking page shows of a dossier (DossierTracking: never the owner or their documents). */
export interface DossierTrackingView {
  readonly code: string;
  readonly status: string;
  readonly procedure: { readonly code: string; readonly name: string };
  readonly agency: { readonly name: string };
  readonly receivedAt: string;
  readonly dueAt: string;
  readonly rescheduledDueAt?: string | null;
  readonly returnedAt?: string | null;
  readonly overdue: boolean;
  readonly steps: readonly TimelineStep[];
}

/** The tracking form, as typed (the verifier is never shown again). */
export interface TrackingForm {
  readonly code: string;
  readonly error?: string;
}

/** Track a dossier by code and verifier: the form, and the result or the reason there is none. */
export function renderTracking(frame: PageFrame, form: TrackingForm, tracking?: DossierTrackingView): string {
  const result = tracking
    ? `<section class="card" id="tracking-result">
<h2>Hồ sơ <code>${escapeHtml(tracking.code)}</code></h2>
<dl>
<dt>Trạng thái · Status</dt><dd>${statusBadge(DOSSIER_STATUS, tracking.status)}${tracking.overdue ? ' <span class="status bad">Quá hạn</span>' : ''}</dd>
<dt>Thủ tục · Procedure</dt><dd><a href="/thu-tuc/${encodeURIComponent(tracking.procedure.code)}">${escapeHtml(tracking.procedure.name)}</a></dd>
<dt>Cơ quan · Agency</dt><dd>${escapeHtml(tracking.agency.name)}</dd>
<dt>Ngày nhận · Received</dt><dd>${formatDateTime(tracking.receivedAt)}</dd>
<dt>Hẹn trả · Due</dt><dd>${formatDateTime(tracking.dueAt, false)}${tracking.rescheduledDueAt ? ` → hẹn lại ${formatDateTime(tracking.rescheduledDueAt, false)}` : ''}</dd>
${tracking.returnedAt ? `<dt>Đã trả · Returned</dt><dd>${formatDateTime(tracking.returnedAt)}</dd>` : ''}
</dl>
<h3>Quá trình xử lý <span class="en">Timeline</span></h3>
${renderTimeline(tracking.steps)}
</section>`
    : '';
  return renderLayout(
    frame,
    'Tra cứu hồ sơ',
    `
<section class="card narrow">
<h1>Tra cứu hồ sơ <span class="en">Track a dossier</span></h1>
<p class="muted">Không cần đăng nhập. Nhập mã hồ sơ trên giấy tiếp nhận và mã tra cứu (6 chữ số trên giấy tiếp nhận) hoặc 4 số cuối điện thoại của người nộp.</p>
${sectionError(form.error)}
<form method="post" action="/tra-cuu" id="tracking-form" novalidate>
<label for="code">Mã hồ sơ <span class="en">Dossier code</span></label>
<input type="text" id="code" name="code" value="${escapeHtml(form.code)}" required maxlength="64" autocomplete="off" spellcheck="false" placeholder="000.00.01.H29-261010-0420" aria-describedby="code-hint">
<p class="hint" id="code-hint">Dạng &lt;mã cơ quan&gt;-&lt;YYMMDD&gt;-&lt;số thứ tự&gt;.</p>
<label for="verifier">Mã tra cứu hoặc 4 số cuối điện thoại <span class="en">Receipt PIN or last 4 phone digits</span></label>
<input type="password" id="verifier" name="verifier" inputmode="numeric" required maxlength="6" autocomplete="off" pattern="[0-9]{4}|[0-9]{6}">
<p><button class="btn" type="submit">Tra cứu · Track</button></p>
</form>
</section>
${result}`,
  );
}

/** A procedure as a search lists it. */
export interface ProcedureRow {
  readonly code: string;
  readonly name: string;
  readonly field: string;
  readonly processingDays: number;
  readonly feeVnd: number;
  readonly onlineLevel: string;
  readonly agency: { readonly name: string };
}

/** A field of the catalogue, for the filter. */
export interface FieldOption {
  readonly name: string;
  readonly procedureCount: number;
}

/** The catalogue search page's inputs and results. */
export interface CatalogueSearch {
  readonly search: string;
  readonly field: string;
  readonly fields: readonly FieldOption[];
  readonly results: readonly ProcedureRow[] | undefined;
  readonly error?: string;
}

const VND = new Intl.NumberFormat('vi-VN');

/** A fee in đồng, "Miễn phí" when free. */
function fee(amount: number): string {
  return amount > 0 ? `${VND.format(amount)} đ` : 'Miễn phí';
}

/** Search the procedure catalogue, filter by field. */
export function renderCatalogue(frame: PageFrame, page: CatalogueSearch): string {
  const options = page.fields
    .map((field) => `<option value="${escapeHtml(field.name)}"${field.name === page.field ? ' selected' : ''}>${escapeHtml(field.name)} (${field.procedureCount})</option>`)
    .join('');
  const results = page.results;
  const list =
    results === undefined
      ? ''
      : results.length === 0
        ? `<p class="empty" id="procedure-results">Không tìm thấy thủ tục phù hợp. <span class="en">(No procedure matches.)</span> Hãy thử <a href="/hoi-dap?q=${encodeURIComponent(page.search)}">hỏi đáp</a>.</p>`
        : `<ul class="results" id="procedure-results">${results
            .map(
              (procedure) => `<li><a href="/thu-tuc/${encodeURIComponent(procedure.code)}"><strong>${escapeHtml(procedure.name)}</strong></a>
<br><span class="muted"><code>${escapeHtml(procedure.code)}</code> · ${escapeHtml(procedure.field)} · ${escapeHtml(procedure.agency.name)} · ${procedure.processingDays} ngày làm việc · ${fee(procedure.feeVnd)}${procedure.onlineLevel === 'FULL' ? ' · <span class="status ok">Toàn trình</span>' : ''}</span></li>`,
            )
            .join('\n')}</ul>`;
  return renderLayout(
    frame,
    'Thủ tục hành chính',
    `
<section class="card">
<h1>Thủ tục hành chính <span class="en">Procedures</span></h1>
<form method="get" action="/thu-tuc" id="catalogue-search" role="search">
<label for="q">Tìm thủ tục <span class="en">Search (with or without diacritics, by name, common words or code)</span></label>
<input type="text" id="q" name="q" value="${escapeHtml(page.search)}" maxlength="200" placeholder="cấp giấy phép xây dựng, sổ đỏ, CCCD, 1.000894…">
<label for="field">Lĩnh vực <span class="en">Field</span></label>
<select id="field" name="field"><option value="">Tất cả lĩnh vực · All fields</option>${options}</select>
<p><button class="btn" type="submit">Tìm · Search</button></p>
</form>
${sectionError(page.error)}
${list}
</section>`,
  );
}

/** One procedure's page. */
export interface ProcedureView extends ProcedureRow {
  readonly requiredDocuments: readonly string[];
  readonly legalBasis: string;
  readonly fees?: readonly { readonly description: string; readonly amountVnd: number }[] | null;
  readonly steps?: readonly string[] | null;
}

/** A procedure: time, fees, documents, legal basis, steps. */
export function renderProcedure(frame: PageFrame, procedure: ProcedureView): string {
  const list = (items: readonly string[]) => (items.length ? `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>` : '<p class="empty">Không có.</p>');
  const fees = procedure.fees?.length ? `<ul>${procedure.fees.map((item) => `<li>${escapeHtml(item.description)}: ${fee(item.amountVnd)}</li>`).join('')}</ul>` : fee(procedure.feeVnd);
  return renderLayout(
    frame,
    procedure.name,
    `
<section class="card" id="procedure">
<p><a href="/thu-tuc">← Thủ tục hành chính · Procedures</a></p>
<h1>${escapeHtml(procedure.name)}</h1>
<dl>
<dt>Mã thủ tục · Code</dt><dd><code>${escapeHtml(procedure.code)}</code></dd>
<dt>Lĩnh vực · Field</dt><dd>${escapeHtml(procedure.field)}</dd>
<dt>Cơ quan · Agency</dt><dd>${escapeHtml(procedure.agency.name)}</dd>
<dt>Mức độ · Online</dt><dd>${procedure.onlineLevel === 'FULL' ? 'Toàn trình (fully online)' : 'Một phần (partly online)'}</dd>
<dt>Thời hạn · Time</dt><dd>${procedure.processingDays} ngày làm việc</dd>
<dt>Phí, lệ phí · Fees</dt><dd>${fees}</dd>
</dl>
<h2>Thành phần hồ sơ <span class="en">Required documents</span></h2>
${list(procedure.requiredDocuments)}
<h2>Trình tự thực hiện <span class="en">Steps</span></h2>
${procedure.steps?.length ? `<ol>${procedure.steps.map((step) => `<li>${escapeHtml(step)}</li>`).join('')}</ol>` : '<p class="empty">Chưa cập nhật.</p>'}
<h2>Căn cứ pháp lý <span class="en">Legal basis</span></h2>
<p>${escapeHtml(procedure.legalBasis)}</p>
</section>`,
  );
}

/** One answer to a question: a procedure or an FAQ entry, with how sure the catalogue is. */
export interface AnswerItemView {
  readonly kind: string;
  readonly confidence: number;
  readonly title: string;
  readonly text: string;
  readonly procedure?: { readonly code: string } | null;
  readonly faqEntry?: { readonly code: string } | null;
}

/** The answers box's question and what the catalogue answered. */
export interface AnswerPage {
  readonly question: string;
  readonly answer?: { readonly known: boolean; readonly suggestFeedback: boolean; readonly message: string; readonly items: readonly AnswerItemView[] };
  readonly error?: string;
  /** Where a citizen opens a 1022 item when nothing answers (the 1022 portal), if the city runs it. */
  readonly feedbackUrl?: string;
}

/** Ask a question; the best few answers with their sources, or an honest "not known" and the way to 1022. */
export function renderAnswers(frame: PageFrame, page: AnswerPage): string {
  const answer = page.answer;
  const items = answer?.items
    .map((item) => {
      const href = item.procedure ? `/thu-tuc/${encodeURIComponent(item.procedure.code)}` : item.faqEntry ? `/hoi-dap/${encodeURIComponent(item.faqEntry.code)}` : undefined;
      const source = item.kind === 'PROCEDURE' ? 'Thủ tục' : 'Hỏi đáp';
      return `<li><strong>${href ? `<a href="${href}">${escapeHtml(item.title)}</a>` : escapeHtml(item.title)}</strong>
<br><span class="muted">${source} · độ tin cậy ${Math.round(item.confidence * 100)}%</span><p>${escapeHtml(item.text)}</p></li>`;
    })
    .join('\n');
  const unknown =
    answer && !answer.known
      ? `<div class="flash error" role="status" id="answer-unknown"><p>${escapeHtml(answer.message)}</p>${
          answer.suggestFeedback && page.feedbackUrl ? `<p><a class="btn secondary" href="${escapeHtml(page.feedbackUrl)}">Gửi phản ánh, kiến nghị tới 1022 · Ask the 1022 centre</a></p>` : ''
        }</div>`
      : '';
  return renderLayout(
    frame,
    'Hỏi đáp',
    `
<section class="card">
<h1>Hỏi đáp <span class="en">Ask a question</span></h1>
<form method="get" action="/hoi-dap" id="answer-form" role="search">
<label for="q">Câu hỏi của bạn <span class="en">Your question</span></label>
<input type="text" id="q" name="q" value="${escapeHtml(page.question)}" maxlength="500" placeholder="Làm sổ đỏ cần giấy tờ gì?">
<p><button class="btn" type="submit">Hỏi · Ask</button></p>
</form>
${sectionError(page.error)}
${answer?.known ? `<p class="muted">${escapeHtml(answer.message)}</p><ul class="results" id="answers">${items}</ul>` : unknown}
</section>`,
  );
}

/** An FAQ entry's page. */
export interface FaqView {
  readonly code: string;
  readonly question: string;
  readonly answer: string;
  readonly sources: readonly string[];
  readonly agency?: { readonly name: string } | null;
  readonly procedures: readonly { readonly code: string; readonly name: string }[];
  readonly updatedAt: string;
}

/** One question and its answer, with sources and related procedures. */
export function renderFaq(frame: PageFrame, entry: FaqView): string {
  return renderLayout(
    frame,
    entry.question,
    `
<section class="card" id="faq-entry">
<p><a href="/hoi-dap">← Hỏi đáp · Questions</a></p>
<h1>${escapeHtml(entry.question)}</h1>
<p>${escapeHtml(entry.answer)}</p>
<dl>
${entry.agency ? `<dt>Cơ quan · Agency</dt><dd>${escapeHtml(entry.agency.name)}</dd>` : ''}
<dt>Căn cứ · Sources</dt><dd>${entry.sources.map((source) => escapeHtml(source)).join('<br>') || '—'}</dd>
<dt>Cập nhật · Updated</dt><dd>${formatDateTime(entry.updatedAt, false)}</dd>
</dl>
${entry.procedures.length ? `<h2>Thủ tục liên quan <span class="en">Procedures</span></h2><ul>${entry.procedures.map((procedure) => `<li><a href="/thu-tuc/${encodeURIComponent(procedure.code)}">${escapeHtml(procedure.name)}</a></li>`).join('')}</ul>` : ''}
</section>`,
  );
}

/** One agency's published figures. */
export interface AgencyFiguresView {
  readonly agency: { readonly code: string; readonly name: string };
  readonly rank: number;
  readonly received: number;
  readonly closedEarly: number;
  readonly closedOnTime: number;
  readonly closedLate: number;
  readonly openWithinTerm: number;
  readonly openOverdue: number;
  readonly onTimeRate: number;
}

/** The statistics page's period (local dates, inclusive) and figures. */
export interface StatisticsPage {
  readonly from: string;
  readonly to: string;
  readonly rows: readonly AgencyFiguresView[] | undefined;
  readonly error?: string;
}

const PERCENT = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });

/** Each agency's results for a period, ranked by on-time rate (the national portal's "công khai kết quả"). */
export function renderStatistics(frame: PageFrame, page: StatisticsPage): string {
  const rows = page.rows ?? [];
  const table = rows.length
    ? `<div class="table-wrap" tabindex="0" role="region" aria-label="Kết quả giải quyết theo cơ quan (Results by agency)"><table id="agency-statistics"><thead><tr><th>#</th><th>Cơ quan<small>Agency</small></th><th>Tiếp nhận<small>Received</small></th><th>Trước hạn<small>Early</small></th><th>Đúng hạn<small>On time</small></th><th>Quá hạn<small>Late</small></th><th>Đang xử lý trong hạn<small>Open</small></th><th>Đang xử lý quá hạn<small>Overdue</small></th><th>Tỉ lệ đúng hạn<small>On-time rate</small></th></tr></thead><tbody>
${rows
  .map(
    (row) =>
      `<tr><td>${row.rank}</td><td>${escapeHtml(row.agency.name)}</td><td>${row.received}</td><td>${row.closedEarly}</td><td>${row.closedOnTime}</td><td>${row.closedLate}</td><td>${row.openWithinTerm}</td><td>${row.openOverdue}</td><td><strong>${PERCENT.format(row.onTimeRate)}</strong></td></tr>`,
  )
  .join('\n')}
</tbody></table></div>`
    : page.rows
      ? `<p class="empty" id="agency-statistics">Không có hồ sơ tiếp nhận trong khoảng thời gian này. <span class="en">(No dossiers received in this period.)</span></p>`
      : '';
  return renderLayout(
    frame,
    'Thống kê',
    `
<section class="card">
<h1>Kết quả giải quyết hồ sơ <span class="en">Agencies' results</span></h1>
<p class="muted">Hồ sơ tiếp nhận trong khoảng thời gian đã chọn (không tính hồ sơ đã rút); tỉ lệ đúng hạn = (trước hạn + đúng hạn + đang xử lý trong hạn) / tiếp nhận.</p>
<form method="get" action="/thong-ke" id="statistics-form">
<div class="row"><div><label for="tu">Từ ngày <span class="en">From</span></label><input type="date" id="tu" name="tu" value="${escapeHtml(page.from)}" required></div>
<div><label for="den">Đến ngày <span class="en">To</span></label><input type="date" id="den" name="den" value="${escapeHtml(page.to)}" required></div></div>
<p><button class="btn" type="submit">Xem · Show</button></p>
</form>
${sectionError(page.error)}
${table}
</section>`,
  );
}
