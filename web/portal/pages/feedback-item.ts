// The 1022 portal's page of one of the signed-in citizen's items (/phan-anh/<code>): the status in words,
// the unit handling it, the deadline, the whole history, the result with its photos, and two plain forms —
// rate the unit once the item is resolved, reopen it with a reason while the result can still be
// disputed. A refused form is shown again with what was typed and the reason, announced (role=alert).
import { escapeHtml } from '../../../platform/html.ts';
import { FEEDBACK_STATUS } from './feedback.ts';
import { formatDateTime, renderLayout, sectionError, statusBadge } from './layout.ts';
import type { PageFrame } from './layout.ts';

/** A photo on an item, as the pages show it (bytes through the portal: /anh/<id>). */
export interface PhotoView {
  readonly id: string;
  readonly kind: string;
  readonly width: number;
  readonly height: number;
}

/** One of the citizen's items, as the page reads it from `myFeedback`. */
export interface FeedbackItemView {
  readonly code: string;
  readonly title: string;
  readonly content: string;
  readonly status: string;
  readonly category: { readonly name: string; readonly deadlineHours: number };
  readonly unit?: { readonly name: string } | null;
  readonly wardCode: string;
  readonly location: { readonly lat: number; readonly lng: number };
  readonly isAnonymous: boolean;
  readonly isPublic: boolean;
  readonly receivedAt: string;
  readonly dueAt?: string | null;
  readonly overdue: boolean;
  readonly committedAt?: string | null;
  readonly resultText?: string | null;
  readonly rejectionReason?: string | null;
  readonly reopenCount: number;
  readonly rating?: { readonly stars: number; readonly comment?: string | null; readonly createdAt: string } | null;
  readonly history?: readonly { readonly at: string; readonly action: string; readonly toStatus: string; readonly byReporter: boolean; readonly note?: string | null }[] | null;
  readonly photos?: readonly PhotoView[] | null;
}

/** The two forms as typed, with the refusal of the one that was sent. */
export interface ItemForms {
  readonly stars?: string;
  readonly comment?: string;
  readonly ratingError?: string;
  readonly reason?: string;
  readonly reopenError?: string;
}

/** Statuses in which the reporter may rate the unit (subgraphs/feedback/workflow/transitions.ts RATABLE). */
export const RATABLE_STATUSES: ReadonlySet<string> = new Set(['RESOLVED', 'PUBLISHED', 'CLOSED']);
/** Statuses from which the reporter may reopen the item (transitions.ts REOPEN). */
export const REOPENABLE_STATUSES: ReadonlySet<string> = new Set(['RESOLVED', 'PUBLISHED']);

/** A status in plain words: what is happening to the item now. */
const STATUS_WORDS: Readonly<Record<string, string>> = {
  RECEIVED: 'Trung tâm 1022 đã nhận phản ánh và sẽ chuyển đến đơn vị phụ trách.',
  ROUTED: 'Phản ánh đã được chuyển đến đơn vị xử lý.',
  IN_PROGRESS: 'Đơn vị đang xử lý phản ánh.',
  PROGRESS_REPORTED: 'Đơn vị đã báo cáo tiến độ và hẹn ngày có kết quả.',
  RESOLVED: 'Đơn vị đã xử lý xong; bạn có thể đánh giá hoặc mở lại nếu chưa hài lòng.',
  PUBLISHED: 'Kết quả đã được công khai; bạn có thể đánh giá hoặc mở lại nếu chưa hài lòng.',
  CLOSED: 'Phản ánh đã đóng.',
  REJECTED: 'Phản ánh không được tiếp nhận (xem lý do).',
  RETURNED: 'Đơn vị trả lại để Trung tâm 1022 chuyển đúng nơi.',
  REOPENED: 'Bạn đã mở lại phản ánh; Trung tâm 1022 sẽ chuyển xử lý lại.',
};

/** A history action → its Vietnamese words. */
const ACTION_WORDS: Readonly<Record<string, string>> = {
  SUBMITTED: 'Gửi phản ánh',
  RECORDED: 'Tổng đài ghi nhận',
  ROUTED_BY_RULE: 'Tự động chuyển đơn vị xử lý',
  ROUTE: 'Chuyển đơn vị xử lý',
  REJECT: 'Không tiếp nhận',
  START: 'Bắt đầu xử lý',
  RETURN: 'Trả lại',
  REPORT_PROGRESS: 'Báo cáo tiến độ',
  RESOLVE: 'Đã xử lý',
  PUBLISH: 'Công khai kết quả',
  CLOSE: 'Đóng',
  REOPEN: 'Mở lại',
  RELOCATED: 'Cập nhật vị trí',
};

/** Photos as a gallery of links to the full image. */
export function renderPhotos(photos: readonly PhotoView[], label: string): string {
  if (photos.length === 0) return '';
  const items = photos.map(
    (photo, index) =>
      `<li><a href="/anh/${escapeHtml(photo.id)}"><img src="/anh/${escapeHtml(photo.id)}" alt="${escapeHtml(`${label} ${index + 1}`)}" width="${photo.width}" height="${photo.height}" loading="lazy"></a></li>`,
  );
  return `<ul class="photos">${items.join('')}</ul>`;
}

/** Stars as text (★★★☆☆) with the number for screen readers. */
export function starsText(stars: number): string {
  return `<span aria-hidden="true">${'★'.repeat(stars)}${'☆'.repeat(5 - stars)}</span> <span class="sr-only">${stars}/5</span>`;
}

/** The styles of the item and public pages (photos, stars). */
export const ITEM_STYLE = `<style>.photos{list-style:none;padding:0;margin:8px 0;display:flex;flex-wrap:wrap;gap:8px}.photos img{display:block;width:140px;height:105px;object-fit:cover;border-radius:6px;background:#eef2f7}.photos a{display:block;min-height:44px}
.content{white-space:pre-wrap;overflow-wrap:anywhere}.stars{display:flex;flex-wrap:wrap;gap:6px;border:0;padding:0;margin:8px 0}.stars legend{font-weight:500;font-size:.92rem;margin-bottom:4px}.stars label{display:inline-flex;align-items:center;gap:6px;margin:0;min-height:44px;min-width:44px;padding:0 10px;border:1px solid #d1d5db;border-radius:6px;font-weight:400}.stars input{min-height:auto}</style>`;

function historyList(item: FeedbackItemView): string {
  const steps = item.history ?? [];
  if (steps.length === 0) return `<p class="empty">Chưa có bước xử lý nào. <span class="en">(No steps yet.)</span></p>`;
  const entries = steps.map((step) => {
    const who = step.byReporter ? ' <span class="muted">(bạn · you)</span>' : '';
    // A reopening's reason is the reporter's own text; other notes are unit codes, reasons or dates.
    const note = step.note ? `<br><span class="note">${escapeHtml(step.note)}</span>` : '';
    return `<li><span class="when">${formatDateTime(step.at)}</span> <strong>${escapeHtml(ACTION_WORDS[step.action] ?? step.action)}</strong>${who} ${statusBadge(FEEDBACK_STATUS, step.toStatus)}${note}</li>`;
  });
  return `<ol class="timeline" id="history">${entries.join('\n')}</ol>`;
}

function ratingSection(item: FeedbackItemView, csrf: string, forms: ItemForms): string {
  if (item.rating)
    return `<section class="card" id="rating" aria-labelledby="rating-title"><h2 id="rating-title">Đánh giá của bạn <span class="en">Your rating</span></h2>
${sectionError(forms.ratingError)}
<p class="stars-given">${starsText(item.rating.stars)}</p>${item.rating.comment ? `<p class="content">${escapeHtml(item.rating.comment)}</p>` : ''}<p class="muted">${formatDateTime(item.rating.createdAt)}</p></section>`;
  // A refused form is shown again (with the reason and what was typed) even when the item no longer allows it.
  if ((!RATABLE_STATUSES.has(item.status) || !item.unit) && !forms.ratingError) return '';
  const star = (value: number) => `<label><input type="radio" name="stars" value="${value}" required${forms.stars === String(value) ? ' checked' : ''}><span>${value} ★</span></label>`;
  return `<section class="card" id="rating" aria-labelledby="rating-title"><h2 id="rating-title">Đánh giá đơn vị xử lý <span class="en">Rate the unit</span></h2>
<p class="muted">Một lần cho mỗi phản ánh: 1 sao là rất không hài lòng, 5 sao là rất hài lòng. <span class="en">(Once: 1 very unhappy – 5 very happy.)</span></p>
${sectionError(forms.ratingError)}
<form method="post" action="/phan-anh/${escapeHtml(item.code)}/danh-gia" id="rating-form">
<input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
<fieldset class="stars"><legend>Số sao <span class="en">(stars)</span></legend>${[1, 2, 3, 4, 5].map(star).join('')}</fieldset>
<label for="comment">Nhận xét, nếu có <span class="en">(comment, optional, at most 2000 characters)</span></label>
<textarea id="comment" name="comment" maxlength="2000">${escapeHtml(forms.comment ?? '')}</textarea>
<p><button class="btn" type="submit">Gửi đánh giá · Rate</button></p>
</form></section>`;
}

function reopenSection(item: FeedbackItemView, csrf: string, forms: ItemForms): string {
  if (!REOPENABLE_STATUSES.has(item.status) && !forms.reopenError) return '';
  return `<section class="card" id="reopen" aria-labelledby="reopen-title"><h2 id="reopen-title">Chưa hài lòng với kết quả? <span class="en">Reopen</span></h2>
<p class="muted">Bạn có thể mở lại phản ánh khi kết quả chưa đúng thực tế, cho đến khi phản ánh được đóng. Trung tâm 1022 sẽ chuyển xử lý lại. <span class="en">(Until the item is closed.)</span></p>
${sectionError(forms.reopenError)}
<form method="post" action="/phan-anh/${escapeHtml(item.code)}/mo-lai" id="reopen-form">
<input type="hidden" name="csrf" value="${escapeHtml(csrf)}">
<label for="reason">Lý do mở lại <span class="en">(why, 10–2000 characters)</span></label>
<textarea id="reason" name="reason" required minlength="10" maxlength="2000">${escapeHtml(forms.reason ?? '')}</textarea>
<p><button class="btn secondary" type="submit">Mở lại phản ánh · Reopen</button></p>
</form></section>`;
}

/** The item page. */
export function renderFeedbackItem(frame: PageFrame, item: FeedbackItemView, forms: ItemForms = {}): string {
  const csrf = frame.csrf ?? '';
  const photos = item.photos ?? [];
  const reportPhotos = photos.filter((photo) => photo.kind === 'REPORT');
  const resultPhotos = photos.filter((photo) => photo.kind === 'RESULT');
  const due = item.dueAt ? `${formatDateTime(item.dueAt)}${item.overdue ? ' <span class="status bad">Quá hạn <span class="en">overdue</span></span>' : ''}` : '<span class="muted">—</span>';
  const result = item.resultText
    ? `<section class="card" id="result" aria-labelledby="result-title"><h2 id="result-title">Kết quả xử lý <span class="en">Result</span></h2><p class="content">${escapeHtml(item.resultText)}</p>${renderPhotos(resultPhotos, 'Ảnh kết quả')}</section>`
    : '';
  return renderLayout(
    frame,
    `Phản ánh ${item.code}`,
    `${ITEM_STYLE}
<p><a class="row-link" href="/">← Phản ánh của tôi · My feedback</a></p>
<div class="grid">
<div>
<section class="card" aria-labelledby="item-title">
<h1 id="item-title">${escapeHtml(item.title)}</h1>
<p class="muted">Mã phản ánh <span class="en">code</span> <code id="item-code">${escapeHtml(item.code)}</code></p>
<p id="item-status"><span data-status-of="${escapeHtml(item.code)}">${statusBadge(FEEDBACK_STATUS, item.status)}</span> ${escapeHtml(STATUS_WORDS[item.status] ?? '')}</p>
<dl>
<dt>Lĩnh vực <span class="en">category</span></dt><dd>${escapeHtml(item.category.name)}</dd>
<dt>Đơn vị xử lý <span class="en">unit</span></dt><dd id="item-unit">${item.unit ? escapeHtml(item.unit.name) : '<span class="muted">Chưa phân công (not yet assigned)</span>'}</dd>
<dt>Tiếp nhận <span class="en">received</span></dt><dd>${formatDateTime(item.receivedAt)}</dd>
<dt>Hạn xử lý <span class="en">deadline</span></dt><dd id="item-due">${due} <span class="muted">(${item.category.deadlineHours} giờ làm việc · working hours)</span></dd>
${item.committedAt ? `<dt>Hẹn có kết quả <span class="en">promised by</span></dt><dd>${formatDateTime(item.committedAt)}</dd>` : ''}
${item.rejectionReason ? `<dt>Lý do <span class="en">reason</span></dt><dd>${escapeHtml(item.rejectionReason)}</dd>` : ''}
<dt>Công khai <span class="en">public</span></dt><dd>${item.isPublic ? 'Có' : 'Không'}${item.isAnonymous ? ' · ẩn danh (anonymous)' : ''}</dd>
${item.reopenCount ? `<dt>Số lần mở lại <span class="en">reopened</span></dt><dd>${item.reopenCount}</dd>` : ''}
</dl>
<h2>Nội dung <span class="en">What you reported</span></h2>
<p class="content">${escapeHtml(item.content)}</p>
${renderPhotos(reportPhotos, 'Ảnh phản ánh')}
</section>
${result}
</div>
<div>
${ratingSection(item, csrf, forms)}
${reopenSection(item, csrf, forms)}
<section class="card" aria-labelledby="history-title"><h2 id="history-title">Quá trình xử lý <span class="en">History</span></h2>
${historyList(item)}</section>
</div>
</div>`,
  );
}
