// The 1022 portal's page for a signed-in citizen: their feedback (every channel) and the form to send one.
import { randomUUID } from 'node:crypto';
import { escapeHtml } from '../../../platform/html.ts';
import { formatDateTime, jsonDataBlock, mapScripts, renderLayout, sectionError, statusBadge } from './layout.ts';
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
  /** Photos uploaded by the form's script (ids of the citizen's own uploads), kept across an error. */
  readonly photoIds: readonly string[];
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
  return { categoryCode: '', title: '', content: '', ...DEFAULT_FEEDBACK_POINT, isAnonymous: false, isPublic: true, photoIds: [], submissionKey: randomUUID() };
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
    /** The map's background tiles (PORTAL_MAP_TILE_URL); none: ward boundaries only. */
    tiles?: { readonly url: string; readonly attribution?: string | undefined } | undefined;
  },
): string {
  const rows = content.feedback ?? [];
  const list = rows.length
    ? `<div class="table-wrap"><table id="my-feedback"><thead><tr><th>Mã<small>Code</small></th><th>Nội dung<small>Title</small></th><th>Trạng thái<small>Status</small></th><th>Tiếp nhận<small>Received</small></th></tr></thead><tbody>
${rows.map((row) => `<tr id="item-${escapeHtml(row.code)}"><td><a class="row-link" href="/phan-anh/${escapeHtml(row.code)}"><code>${escapeHtml(row.code)}</code></a></td><td>${escapeHtml(row.title)}</td><td data-status-of="${escapeHtml(row.code)}">${statusBadge(FEEDBACK_STATUS, row.status)}</td><td class="muted">${formatDateTime(row.receivedAt)}</td></tr>`).join('\n')}
</tbody></table></div>`
    : `<p class="empty" id="my-feedback">Bạn chưa gửi phản ánh nào. <span class="en">(No feedback yet.)</span></p>`;
  const form = content.form;
  const options = content.categories
    .map((category) => `<option value="${escapeHtml(category.code)}"${category.code === form.categoryCode ? ' selected' : ''}>${escapeHtml(category.name)}</option>`)
    .join('');
  const map = {
    mode: 'pick',
    centre: { lat: Number(form.lat) || Number(DEFAULT_FEEDBACK_POINT.lat), lng: Number(form.lng) || Number(DEFAULT_FEEDBACK_POINT.lng) },
    zoom: 16,
    tiles: content.tiles ?? null,
  };
  return renderLayout(
    frame,
    'Phản ánh của tôi',
    `<link rel="stylesheet" href="/assets/leaflet/leaflet.css">
<style>#map{height:300px;border-radius:8px;background:#eef2f7;margin:8px 0}.leaflet-container{font:inherit}fieldset{border:1px solid #e5e7eb;border-radius:8px;padding:4px 12px 10px;margin:14px 0 0;min-width:0}legend{font-weight:600;font-size:.92rem;padding:0 4px}input[type=file]{width:100%;min-height:44px;font:inherit}</style>
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
<fieldset class="place"><legend>Vị trí <span class="en">(where)</span></legend>
<p class="hint">Kéo ghim trên bản đồ, chạm vào bản đồ, dùng vị trí hiện tại hoặc chọn phường; hoặc nhập vĩ độ, kinh độ. <span class="en">Drag the pin, tap the map, use your location or pick a ward; or type the coordinates.</span></p>
<div id="map" hidden role="region" aria-label="Bản đồ chọn vị trí phản ánh: kéo ghim hoặc chạm để đặt (map: drag the pin or tap)"></div>
<p><button class="btn secondary" type="button" id="locate" hidden>Dùng vị trí của tôi · Use my location</button></p>
<div id="ward-box" hidden><label for="ward-pick">Chọn phường, xã <span class="en">(jump to a ward)</span></label><select id="ward-pick"><option value="">— Chọn phường —</option></select></div>
<p id="locate-status" class="hint" role="status" aria-live="polite"></p>
<div class="row">
<div><label for="lat">Vĩ độ <span class="en">(latitude)</span></label><input id="lat" name="lat" type="number" step="any" min="-90" max="90" required value="${escapeHtml(form.lat)}"></div>
<div><label for="lng">Kinh độ <span class="en">(longitude)</span></label><input id="lng" name="lng" type="number" step="any" min="-180" max="180" required value="${escapeHtml(form.lng)}"></div>
</div>
<p class="hint">Mặc định: chợ Bến Thành, phường Bến Thành. <span class="en">Default point: Bến Thành market.</span></p>
</fieldset>
<div id="photo-box" hidden>
<label for="photos">Ảnh chụp, tối đa 5 <span class="en">(photos: JPEG, PNG or WebP, up to 5 MB each; location data in the file is removed)</span></label>
<input id="photos" type="file" accept="image/jpeg,image/png,image/webp" multiple>
<p id="photo-status" class="hint" role="status" aria-live="polite"></p>
<ul id="photo-list" class="hint">${form.photoIds.map((_id, index) => `<li>Ảnh ${index + 1} đã đính kèm <span class="en">(attached)</span></li>`).join('')}</ul>
</div>
<div id="photo-ids">${form.photoIds.map((id) => `<input type="hidden" name="photoIds" value="${escapeHtml(id)}">`).join('')}</div>
<fieldset class="choices"><legend>Ai được xem <span class="en">(who sees it)</span></legend>
<label class="check"><input type="checkbox" name="isPublic" value="true"${form.isPublic ? ' checked' : ''}><span>Cho phép công khai: phản ánh và kết quả xử lý hiện trên trang "Phản ánh công khai", không kèm tên hay thông tin liên lạc của bạn. <span class="en">(Public: shown on the public reports page without your name or contact.)</span></span></label>
<label class="check"><input type="checkbox" name="isAnonymous" value="true"${form.isAnonymous ? ' checked' : ''}><span>Ẩn danh: đơn vị xử lý không thấy tên bạn, và vị trí trên trang công khai được làm tròn khoảng 200 m để không lộ nhà bạn. <span class="en">(Anonymous: the unit does not see your name; the public point is rounded to about 200 m.)</span></span></label>
</fieldset>
<p><button class="btn" type="submit">Gửi phản ánh · Send</button></p>
</form>
</section>
</div>
${jsonDataBlock(map)}
${mapScripts('feedback-map.js')}`,
  );
}
