// What every workspace page shares: the section links of the person's roles, the refusal page for someone
// without a staff role, an item's row and its status and deadline badges. Everything from the gateway is escaped.
import { escapeHtml } from '../../../platform/html.ts';
import { formatDateTime, renderLayout, statusBadge } from '../../portal/pages/layout.ts';
import type { PageFrame } from '../../portal/pages/layout.ts';
import { FEEDBACK_STATUS } from '../../portal/pages/feedback.ts';
import { SECTIONS, STAFF_ROLES } from '../roles.ts';
import type { Staff } from '../roles.ts';

/** An item as the workspace's lists show it. */
export interface ItemRow {
  readonly code: string;
  readonly title: string;
  readonly channel?: string;
  readonly status: string;
  readonly wardCode: string;
  readonly receivedAt: string;
  readonly dueAt?: string | null;
  readonly overdue?: boolean;
  readonly category?: { readonly name: string } | null;
  readonly unit?: { readonly name: string } | null;
}

/** The channels an item can come from, with their Vietnamese names. */
export const CHANNELS: Readonly<Record<string, string>> = {
  WEB: 'Cổng web',
  APP: 'Ứng dụng',
  PHONE: 'Điện thoại',
  SMS: 'Tin nhắn SMS',
  EMAIL: 'Thư điện tử',
  ZALO: 'Zalo',
  FACEBOOK: 'Facebook',
  VIBER: 'Viber',
  CHAT: 'Trò chuyện',
};

/** The section links under the header: one per staff role the person holds. */
export function sectionsNav(staff: Staff): string {
  const links = STAFF_ROLES.filter((role) => staff.roles.has(role)).map(
    (role) => `<li><a href="${SECTIONS[role].path}">${escapeHtml(SECTIONS[role].label)} <span class="en">${escapeHtml(SECTIONS[role].en)}</span></a></li>`,
  );
  return links.length ? `<nav class="sections" aria-label="Mục"><ul>${links.join('')}</ul></nav>` : '';
}

/** The page for someone signed in without the role a page needs (a citizen, or another role's page). */
export function renderRefusal(frame: PageFrame, staff: Staff): string {
  const mine = STAFF_ROLES.filter((role) => staff.roles.has(role));
  const where = mine.length
    ? `<p>Các mục bạn được dùng <span class="en">(your sections)</span>: ${mine.map((role) => `<a href="${SECTIONS[role].path}">${escapeHtml(SECTIONS[role].label)}</a>`).join(', ')}.</p>`
    : `<p>Tài khoản của bạn không có vai trò cán bộ (tổng đài viên, cán bộ đơn vị, lãnh đạo, giám sát, quản trị nền tảng). <span class="en">Your account has no staff role.</span></p>
<p>Công dân gửi và theo dõi phản ánh tại Cổng 1022. <span class="en">Citizens use the 1022 portal.</span></p>`;
  return renderLayout(
    frame,
    'Không có quyền truy cập',
    `<section class="hero" id="refused">
<h1>Không có quyền truy cập <span class="en">Not allowed</span></h1>
<p>Trang này dành cho cán bộ có vai trò phù hợp. <span class="en">This page is for staff with the matching role.</span></p>
${where}
<p class="hint">FORBIDDEN</p>
</section>`,
  );
}

/** The deadline of an item: overdue in red, else the date. */
export function dueBadge(item: Pick<ItemRow, 'dueAt' | 'overdue'>): string {
  if (!item.dueAt) return '<span class="muted">—</span>';
  return item.overdue ? `<span class="status bad">Quá hạn <span class="en">overdue</span></span> ${formatDateTime(item.dueAt)}` : formatDateTime(item.dueAt);
}

/** One item's row in a table (also sent live: routes/live.ts); its status cell follows live changes. */
export function itemRow(item: ItemRow): string {
  return `<tr data-code="${escapeHtml(item.code)}"><td><a href="/phan-anh/${encodeURIComponent(item.code)}"><code>${escapeHtml(item.code)}</code></a><br>${escapeHtml(item.title)}</td>
<td>${escapeHtml(item.category?.name ?? '')}${item.channel ? `<br><span class="muted">${escapeHtml(CHANNELS[item.channel] ?? item.channel)}</span>` : ''}</td>
<td>${escapeHtml(item.wardCode)}${item.unit ? `<br><span class="muted">${escapeHtml(item.unit.name)}</span>` : ''}</td>
<td>${formatDateTime(item.receivedAt)}</td><td>${dueBadge(item)}</td><td data-status-of="${escapeHtml(item.code)}">${statusBadge(FEEDBACK_STATUS, item.status)}</td></tr>`;
}

/** A table of items, each linking to its page; `liveRows`: new items arriving live are added to it (the queue). */
export function itemTable(id: string, items: readonly ItemRow[], empty: string, liveRows = false): string {
  if (items.length === 0 && !liveRows) return `<p class="empty" id="${escapeHtml(id)}">${escapeHtml(empty)}</p>`;
  return `${items.length === 0 ? `<p class="empty">${escapeHtml(empty)}</p>` : ''}<div class="table-wrap"><table id="${escapeHtml(id)}"><thead><tr><th>Mã · tiêu đề <small>Item</small></th><th>Lĩnh vực <small>Category</small></th><th>Phường <small>Ward</small></th><th>Tiếp nhận <small>Received</small></th><th>Hạn <small>Due</small></th><th>Trạng thái <small>Status</small></th></tr></thead>
<tbody${liveRows ? ' data-live-rows' : ''}>${items.map(itemRow).join('\n')}</tbody></table></div>`;
}

/** The hidden CSRF field of a form. */
export function csrfField(frame: PageFrame): string {
  return `<input type="hidden" name="csrf" value="${escapeHtml(frame.csrf ?? '')}">`;
}
