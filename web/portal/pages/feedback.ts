// The 1022 portal's page for a signed-in citizen: their feedback (every channel) and the form to send one.
import { randomUUID } from 'node:crypto';
import { escapeHtml } from '../../../platform/html.ts';
import { formatDateTime, renderLayout, sectionError, statusBadge } from './layout.ts';
import type { PageFrame } from './layout.ts';

/** A feedback item as the 1022 page lists it. */
export interface FeedbackRow {
  readonly code: string;
  readonly status: string;
  readonly title: string;
  readonly receivedAt: string;
}

/** A feedback category for the form. */
export interface CategoryOption {
  readonly code: string;
  readonly name: string;
}

/** The feedback form's fields, as typed (re-shown after an error). */
export interface FeedbackFormValues {
  readonly categoryCode: string;
  readonly title: string;
  readonly content: string;
  readonly lat: string;
  readonly lng: string;
  readonly isAnonymous: boolean;
  readonly isPublic: boolean;
  /**
   * The submission's idempotency key, drawn when the form is first shown and kept when it is shown
   * again after an error: a double click, a resent form or a retry after a timeout makes one item.
   */
  readonly submissionKey: string;
}

/** Chợ Bến Thành, phường Bến Thành. */
export const DEFAULT_FEEDBACK_POINT = { lat: '10.7725', lng: '106.6980' } as const;

/** A blank form with a fresh submission key. */
export function emptyFeedbackForm(): FeedbackFormValues {
  return { categoryCode: '', title: '', content: '', ...DEFAULT_FEEDBACK_POINT, isAnonymous: false, isPublic: true, submissionKey: randomUUID() };
}

/** A feedback status → its Vietnamese label and badge tone. */
export const FEEDBACK_STATUS: Readonly<Record<string, [string, string]>> = {
  RECEIVED: ['Đã tiếp nhận', 'info'],
  ROUTED: ['Đã chuyển xử lý', 'info'],
  IN_PROGRESS: ['Đang xử lý', 'warn'],
  PROGRESS_REPORTED: ['Đã báo cáo tiến độ', 'warn'],
  RESOLVED: ['Đã xử lý', 'ok'],
  PUBLISHED: ['Đã công khai', 'ok'],
  CLOSED: ['Đã đóng', ''],
  REJECTED: ['Không tiếp nhận', 'bad'],
  RETURNED: ['Trả lại', 'bad'],
  REOPENED: ['Mở lại', 'warn'],
};

/** The 1022 portal for a signed-in citizen: their feedback, and the form to send one. */
export function renderFeedbackHome(
  frame: PageFrame,
  content: {
    feedback: readonly FeedbackRow[] | undefined;
    feedbackError?: string;
    categories: readonly CategoryOption[];
    categoriesError?: string;
    form: FeedbackFormValues;
    formError?: string;
  },
): string {
  const rows = content.feedback ?? [];
  const list = rows.length
    ? `<div class="table-wrap"><table id="my-feedback"><thead><tr><th>Mã<small>Code</small></th><th>Nội dung<small>Title</small></th><th>Trạng thái<small>Status</small></th><th>Tiếp nhận<small>Received</small></th></tr></thead><tbody>
${rows.map((row) => `<tr id="item-${escapeHtml(row.code)}"><td><code>${escapeHtml(row.code)}</code></td><td>${escapeHtml(row.title)}</td><td data-status-of="${escapeHtml(row.code)}">${statusBadge(FEEDBACK_STATUS, row.status)}</td><td class="muted">${formatDateTime(row.receivedAt)}</td></tr>`).join('\n')}
</tbody></table></div>`
    : `<p class="empty" id="my-feedback">Bạn chưa gửi phản ánh nào. <span class="en">(No feedback yet.)</span></p>`;
  const form = content.form;
  const options = content.categories
    .map((category) => `<option value="${escapeHtml(category.code)}"${category.code === form.categoryCode ? ' selected' : ''}>${escapeHtml(category.name)}</option>`)
    .join('');
  return renderLayout(
    frame,
    'Phản ánh của tôi',
    `
<div class="grid">
<section class="card">
<h1>Phản ánh của tôi <span class="en">My feedback</span></h1>
<p class="muted">Theo dõi xử lý phản ánh, kiến nghị đã gửi qua mọi kênh (web, ứng dụng, tổng đài 1022).</p>
${sectionError(content.feedbackError)}
${list}
</section>
<section class="card">
<h2>Gửi phản ánh mới <span class="en">New feedback</span></h2>
${sectionError(content.formError)}
${sectionError(content.categoriesError)}
<form method="post" action="/feedback" id="feedback-form">
<input type="hidden" name="csrf" value="${escapeHtml(frame.csrf ?? '')}">
<input type="hidden" name="submissionKey" value="${escapeHtml(form.submissionKey)}">
<label for="categoryCode">Lĩnh vực <span class="en">(category)</span></label>
<select id="categoryCode" name="categoryCode" required><option value="">— Chọn lĩnh vực —</option>${options}</select>
<label for="title">Tiêu đề <span class="en">(title, 5–200 characters)</span></label>
<input id="title" name="title" type="text" required minlength="5" maxlength="200" value="${escapeHtml(form.title)}">
<label for="content">Nội dung <span class="en">(what happened, where; 10–5000 characters)</span></label>
<textarea id="content" name="content" required minlength="10" maxlength="5000">${escapeHtml(form.content)}</textarea>
<div class="row">
<div><label for="lat">Vĩ độ <span class="en">(latitude)</span></label><input id="lat" name="lat" type="number" step="any" min="-90" max="90" required value="${escapeHtml(form.lat)}"></div>
<div><label for="lng">Kinh độ <span class="en">(longitude)</span></label><input id="lng" name="lng" type="number" step="any" min="-180" max="180" required value="${escapeHtml(form.lng)}"></div>
</div>
<p class="hint">Mặc định: chợ Bến Thành, phường Bến Thành. <span class="en">Default point: Bến Thành market.</span></p>
<label class="check"><input type="checkbox" name="isAnonymous" value="true"${form.isAnonymous ? ' checked' : ''}><span>Ẩn danh tính khi trả lời công khai <span class="en">(anonymous)</span></span></label>
<label class="check"><input type="checkbox" name="isPublic" value="true"${form.isPublic ? ' checked' : ''}><span>Cho phép công khai phản ánh <span class="en">(public)</span></span></label>
<p><button class="btn" type="submit">Gửi phản ánh · Send</button></p>
</form>
</section>
</div>`,
  );
}
