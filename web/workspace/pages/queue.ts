// The operators' queue page (filters as a GET form, the items oldest first) and an item's page (what was
// reported, its history, and the forms the person's role may use on it in its state). Plain forms: no script.
import { escapeHtml } from '../../../platform/html.ts';
import { formatDateTime, renderLayout, statusBadge } from '../../portal/pages/layout.ts';
import type { PageFrame } from '../../portal/pages/layout.ts';
import { FEEDBACK_STATUS } from '../../portal/pages/feedback.ts';
import type { Staff } from '../roles.ts';
import { CHANNELS, csrfField, dueBadge, itemTable } from './common.ts';
import { directiveForm } from './leaders.ts';
import type { ItemRow } from './common.ts';
import { operatorNav } from './operator-tools.ts';

/** The queue's filters as the browser sent them (already checked). */
export interface QueueFilters {
  readonly channel: string;
  readonly category: string;
  readonly ward: string;
  readonly sla: string;
}

/** One item as its page shows it. */
export interface ItemDetail extends ItemRow {
  readonly content: string;
  readonly rejectionReason?: string | null;
  readonly committedAt?: string | null;
  readonly resultText?: string | null;
  readonly location: { readonly lat: number; readonly lng: number };
  readonly unit?: { readonly code: string; readonly name: string } | null;
  readonly suggestedUnit?: { readonly code: string; readonly name: string } | null;
  readonly history?: readonly { readonly at: string; readonly action: string; readonly toStatus: string; readonly note?: string | null }[] | null;
  readonly photos?: readonly { readonly id: string; readonly kind: string }[] | null;
}

const SLA_LABELS: readonly [string, string][] = [
  ['', 'Tất cả'],
  ['qua-han', 'Đã quá hạn'],
  ['4', 'Còn dưới 4 giờ'],
  ['24', 'Còn dưới 24 giờ'],
  ['72', 'Còn dưới 72 giờ'],
];

function options(choices: readonly [string, string][], selected: string): string {
  return choices.map(([value, label]) => `<option value="${escapeHtml(value)}"${value === selected ? ' selected' : ''}>${escapeHtml(label)}</option>`).join('');
}

/** The operators' queue. */
export function renderQueue(frame: PageFrame, items: readonly ItemRow[], categories: readonly { code: string; name: string }[], filters: QueueFilters): string {
  return renderLayout(
    frame,
    'Hàng đợi 1022',
    `${operatorNav('/hang-doi')}
<section class="card">
<h1>Hàng đợi tổng đài 1022 <span class="en">Operators' queue</span></h1>
<p class="hint">Phản ánh chờ phân loại, chuyển xử lý hoặc từ chối — mới, bị đơn vị trả lại, người dân mở lại; cũ nhất trước. <span class="en">Items waiting for an operator, oldest first.</span></p>
<form method="get" action="/hang-doi" id="queue-filters" class="row">
<div><label for="kenh">Kênh <span class="en">Channel</span></label><select id="kenh" name="kenh">${options([['', 'Tất cả'], ...Object.entries(CHANNELS)], filters.channel)}</select></div>
<div><label for="linh-vuc">Lĩnh vực <span class="en">Category</span></label><select id="linh-vuc" name="linh-vuc">${options([['', 'Tất cả'], ...categories.map((category): [string, string] => [category.code, category.name])], filters.category)}</select></div>
<div><label for="phuong">Mã phường <span class="en">Ward code</span></label><input type="text" id="phuong" name="phuong" value="${escapeHtml(filters.ward)}" placeholder="P-BEN-THANH"></div>
<div><label for="sla">Thời hạn còn lại <span class="en">SLA remaining</span></label><select id="sla" name="sla">${options(SLA_LABELS, filters.sla)}</select></div>
<div><button class="btn" type="submit">Lọc · Filter</button></div>
</form>
</section>
<section class="card">
<h2>${items.length} phản ánh <span class="en">items</span></h2>
${itemTable('queue', items, 'Không có phản ánh nào chờ xử lý. (Nothing waiting.)', !filters.channel && !filters.category && !filters.ward && !filters.sla)}
</section>`,
  );
}

/** The forms an operator may use on an item waiting for them: route (the suggested unit first) and refuse. */
function operatorForms(frame: PageFrame, item: ItemDetail, units: readonly { code: string; name: string }[]): string {
  if (!['RECEIVED', 'RETURNED', 'REOPENED'].includes(item.status)) return '';
  const suggested = item.suggestedUnit?.code;
  const choices = units.map(
    (unit) => `<option value="${escapeHtml(unit.code)}"${unit.code === suggested ? ' selected' : ''}>${escapeHtml(unit.name)}${unit.code === suggested ? ' — đề xuất' : ''}</option>`,
  );
  const action = `/phan-anh/${encodeURIComponent(item.code)}`;
  return `<section class="card" id="operator-actions">
<h2>Chuyển xử lý <span class="en">Route</span></h2>
${item.suggestedUnit ? `<p>Đơn vị đề xuất theo quy tắc phân công <span class="en">(suggested by the routing rules)</span>: <strong id="suggested-unit">${escapeHtml(item.suggestedUnit.name)}</strong></p>` : ''}
<form method="post" action="${action}/chuyen">${csrfField(frame)}
<label for="unitCode">Đơn vị xử lý <span class="en">Unit</span></label><select id="unitCode" name="unitCode" required>${choices.join('')}</select>
<p><button class="btn" type="submit">Chuyển · Route</button></p></form>
<h2>Từ chối tiếp nhận <span class="en">Refuse</span></h2>
<form method="post" action="${action}/tu-choi">${csrfField(frame)}
<label for="reason">Lý do <span class="en">Reason (told to the reporter)</span></label><textarea id="reason" name="reason" required minlength="5" maxlength="1000"></textarea>
<p><button class="btn secondary" type="submit">Từ chối · Refuse</button></p></form>
</section>`;
}

/** The forms an officer of the item's unit may use in its state. */
function officerForms(frame: PageFrame, item: ItemDetail): string {
  const action = `/phan-anh/${encodeURIComponent(item.code)}`;
  const forms: string[] = [];
  if (['ROUTED', 'REOPENED'].includes(item.status)) forms.push(`<form method="post" action="${action}/nhan">${csrfField(frame)}<button class="btn" type="submit">Nhận xử lý · Take</button></form>`);
  if (item.status === 'IN_PROGRESS') {
    forms.push(`<form method="post" action="${action}/tien-do">${csrfField(frame)}
<label for="committedAt">Báo cáo tiến độ: hẹn hoàn thành ngày <span class="en">Report progress: committed date</span></label><input type="date" id="committedAt" name="committedAt" required>
<p><button class="btn secondary" type="submit">Báo cáo tiến độ · Report progress</button></p></form>`);
  }
  if (['IN_PROGRESS', 'PROGRESS_REPORTED'].includes(item.status)) {
    // The photo box is the portals' (assets/feedback-map.js uploads each file to /phan-anh/anh): shown with JavaScript.
    forms.push(`<form method="post" action="${action}/giai-quyet" id="feedback-form">${csrfField(frame)}
<label for="resultText">Kết quả giải quyết <span class="en">Result (shown to the reporter)</span></label><textarea id="resultText" name="resultText" required minlength="10" maxlength="5000"></textarea>
<div id="photo-box" hidden><label for="photos">Ảnh kết quả <span class="en">Result photos (JPEG, PNG, WebP, up to 5)</span></label>
<input type="file" id="photos" accept="image/jpeg,image/png,image/webp" multiple><div id="photo-ids"></div><ul id="photo-list" class="muted"></ul><p id="photo-status" class="hint" role="status"></p></div>
<p><button class="btn" type="submit">Hoàn thành · Resolve</button></p></form>`);
  }
  if (['ROUTED', 'IN_PROGRESS'].includes(item.status)) {
    forms.push(`<form method="post" action="${action}/tra-lai">${csrfField(frame)}
<label for="return-reason">Không đúng thẩm quyền? Trả lại tổng đài, lý do <span class="en">Misrouted: return, reason</span></label><textarea id="return-reason" name="reason" required minlength="5" maxlength="1000"></textarea>
<p><button class="btn secondary" type="submit">Trả lại · Return</button></p></form>`);
  }
  return forms.length ? `<section class="card" id="officer-actions"><h2>Xử lý <span class="en">Handle</span></h2>${forms.join('\n')}</section>` : '';
}

/** One item's page. */
export function renderItem(frame: PageFrame, staff: Staff, item: ItemDetail, units: readonly { code: string; name: string }[]): string {
  const history = (item.history ?? []).map(
    (entry) =>
      `<li><span class="when">${formatDateTime(entry.at)}</span> ${statusBadge(FEEDBACK_STATUS, entry.toStatus)}${entry.note ? ` <span class="note">${escapeHtml(entry.note)}</span>` : ''}</li>`,
  );
  const forms =
    (staff.roles.has('operator') ? operatorForms(frame, item, units) : '') +
    (staff.roles.has('officer') ? officerForms(frame, item) : '') +
    (staff.roles.has('leader')
      ? `<section class="card" id="chi-dao"><h2>Chỉ đạo xử lý phản ánh này <span class="en">Send a directive about this item</span></h2>${directiveForm(frame, 'directive-item', 'ITEM', item.code, '')}</section>`
      : '');
  const photos = (item.photos ?? []).map(
    (photo) =>
      `<li><a href="/anh/${encodeURIComponent(photo.id)}"><img src="/anh/${encodeURIComponent(photo.id)}" alt="${photo.kind === 'RESULT' ? 'Ảnh kết quả xử lý' : 'Ảnh người phản ánh gửi'}" width="160" loading="lazy"></a></li>`,
  );
  return renderLayout(
    frame,
    `Phản ánh ${item.code}`,
    `<div class="grid wide"><div>
<section class="card" id="item">
<h1>${escapeHtml(item.title)}</h1>
<p><code>${escapeHtml(item.code)}</code> <span data-status-of="${escapeHtml(item.code)}">${statusBadge(FEEDBACK_STATUS, item.status)}</span></p>
<dl>
<dt>Lĩnh vực <span class="en">Category</span></dt><dd>${escapeHtml(item.category?.name ?? '')}</dd>
<dt>Kênh <span class="en">Channel</span></dt><dd>${escapeHtml(CHANNELS[item.channel ?? ''] ?? item.channel ?? '')}</dd>
<dt>Phường <span class="en">Ward</span></dt><dd>${escapeHtml(item.wardCode)} <span class="muted">(${item.location.lat.toFixed(4)}, ${item.location.lng.toFixed(4)})</span></dd>
<dt>Đơn vị <span class="en">Unit</span></dt><dd id="item-unit">${escapeHtml(item.unit?.name ?? '—')}</dd>
<dt>Tiếp nhận <span class="en">Received</span></dt><dd>${formatDateTime(item.receivedAt)}</dd>
<dt>Hạn <span class="en">Due</span></dt><dd>${dueBadge(item)}</dd>
${item.committedAt ? `<dt>Hẹn <span class="en">Committed</span></dt><dd>${formatDateTime(item.committedAt)}</dd>` : ''}
${item.rejectionReason ? `<dt>Lý do <span class="en">Reason</span></dt><dd>${escapeHtml(item.rejectionReason)}</dd>` : ''}
${item.resultText ? `<dt>Kết quả <span class="en">Result</span></dt><dd>${escapeHtml(item.resultText)}</dd>` : ''}
</dl>
<h2>Nội dung <span class="en">Report</span></h2>
<p>${escapeHtml(item.content)}</p>
${photos.length ? `<h2>Ảnh <span class="en">Photos</span></h2><ul class="photos" id="item-photos" style="list-style:none;display:flex;flex-wrap:wrap;gap:8px;padding:0">${photos.join('')}</ul>` : ''}
</section>
<section class="card"><h2>Lịch sử <span class="en">History</span></h2><ol class="timeline">${history.join('')}</ol></section>
</div><div>${forms}</div></div>
${staff.roles.has('officer') ? '<script src="/assets/feedback-map.js" defer></script>' : ''}`,
  );
}
