// The 1022 portal's public reports, for anyone (no sign-in): a list and a map of public items in a ward or
// near a tapped place, by category and status, with their published results; one public item by code;
// and the form that looks an item up by its code. Only what the API's public view gives (no reporter,
// anonymous reporters' points already rounded there). The map is Leaflet from this portal, drawn by
// /assets/feedback-map.js from a JSON data block; without JavaScript the filters and the list work the same.
import { escapeHtml } from '../../../platform/html.ts';
import { FEEDBACK_STATUS } from './feedback.ts';
import { ITEM_STYLE, renderPhotos } from './feedback-item.ts';
import type { PhotoView } from './feedback-item.ts';
import { formatDateTime, jsonDataBlock, mapScripts, renderLayout, sectionError, statusBadge } from './layout.ts';
import type { PageFrame } from './layout.ts';

/** A public item as the public view gives it. */
export interface PublicItemView {
  readonly code: string;
  readonly title: string;
  readonly content: string;
  readonly category: { readonly code: string; readonly name: string };
  readonly status: string;
  readonly wardCode: string;
  readonly location: { readonly lat: number; readonly lng: number };
  readonly unit?: { readonly name: string } | null;
  readonly receivedAt: string;
  readonly dueAt?: string | null;
  readonly resultText?: string | null;
  readonly photos?: readonly PhotoView[] | null;
}

/** The filters as typed. */
export interface PublicFilters {
  readonly ward: string;
  readonly category: string;
  readonly status: string;
  /** A tapped place (the ward is the place's). */
  readonly lat: string;
  readonly lng: string;
}

export const EMPTY_PUBLIC_FILTERS: PublicFilters = { ward: '', category: '', status: '', lat: '', lng: '' };

/** What the list page shows. */
export interface PublicListPage {
  readonly filters: PublicFilters;
  readonly wards: readonly { readonly code: string; readonly name: string }[];
  readonly categories: readonly { readonly code: string; readonly name: string }[];
  readonly items: readonly PublicItemView[] | undefined;
  readonly error?: string | undefined;
  /** The ward of a tapped place, in words. */
  readonly place?: { readonly lat: number; readonly lng: number; readonly wardName: string } | undefined;
  readonly tiles?: { readonly url: string; readonly attribution?: string | undefined } | undefined;
}

/** Central HCMC: where the map opens with no ward or place chosen. */
const CITY_CENTRE = { lat: 10.7769, lng: 106.7009 };

const MAP_STYLE = `<link rel="stylesheet" href="/assets/leaflet/leaflet.css">
<style>#map{height:min(55vh,420px);border-radius:10px;background:#eef2f7;margin-bottom:20px}.leaflet-container{font:inherit}.leaflet-popup-content a{display:inline-flex;min-height:44px;align-items:center}</style>`;

/** The status filter's choices: what the public view shows (never REJECTED). */
const PUBLIC_STATUSES = Object.keys(FEEDBACK_STATUS).filter((status) => status !== 'REJECTED');

function select(id: string, label: string, none: string, options: readonly { code: string; name: string }[], chosen: string): string {
  return `<div><label for="${id}">${label}</label><select id="${id}" name="${id}"><option value="">${none}</option>${options
    .map((option) => `<option value="${escapeHtml(option.code)}"${option.code === chosen ? ' selected' : ''}>${escapeHtml(option.name)}</option>`)
    .join('')}</select></div>`;
}

/** The form that looks an item up by its code (GET /cong-khai/tra-cuu). */
export function lookupForm(code = '', error?: string): string {
  return `<section class="card" aria-labelledby="lookup-title"><h2 id="lookup-title">Tra cứu theo mã <span class="en">Look up by code</span></h2>
${sectionError(error)}
<form method="get" action="/cong-khai/tra-cuu" id="lookup-form">
<label for="ma">Mã phản ánh <span class="en">(item code, e.g. PHA261000483917)</span></label>
<input type="text" id="ma" name="ma" value="${escapeHtml(code)}" required maxlength="40" autocomplete="off" inputmode="text">
<p><button class="btn" type="submit">Tra cứu · Look up</button></p>
</form></section>`;
}

function itemSummary(item: PublicItemView): string {
  return `<li id="pub-${escapeHtml(item.code)}"><a href="/cong-khai/${escapeHtml(item.code)}"><strong>${escapeHtml(item.title)}</strong></a> ${statusBadge(FEEDBACK_STATUS, item.status)}
<p class="muted"><code>${escapeHtml(item.code)}</code> · ${escapeHtml(item.category.name)} · ${formatDateTime(item.receivedAt)}${item.unit ? ` · ${escapeHtml(item.unit.name)}` : ''}</p>
${item.resultText ? `<p><strong>Kết quả <span class="en">result</span>:</strong> ${escapeHtml(item.resultText)}</p>` : ''}</li>`;
}

/** The list and map of public items. */
export function renderPublicList(frame: PageFrame, page: PublicListPage): string {
  const { filters } = page;
  const items = page.items ?? [];
  const centre = page.place ?? items[0]?.location ?? CITY_CENTRE;
  const map = {
    mode: 'public',
    centre: { lat: centre.lat, lng: centre.lng },
    zoom: page.place || filters.ward ? 15 : 13,
    tiles: page.tiles ?? null,
    place: page.place ? { lat: page.place.lat, lng: page.place.lng } : null,
    items: items.map((item) => ({ code: item.code, title: item.title, status: FEEDBACK_STATUS[item.status]?.[0] ?? item.status, lat: item.location.lat, lng: item.location.lng })),
  };
  const statuses = PUBLIC_STATUSES.map((status) => ({ code: status, name: FEEDBACK_STATUS[status]?.[0] ?? status }));
  const place = page.place
    ? `<p id="place">Gần điểm bạn chọn, thuộc <strong>${escapeHtml(page.place.wardName)}</strong>. <span class="en">(Near the place you chose.)</span> <a href="/cong-khai">Bỏ chọn · Clear</a></p>`
    : '';
  const list = items.length
    ? `<ul class="results" id="public-list">${items.map(itemSummary).join('\n')}</ul>`
    : `<p class="empty" id="public-list">Không có phản ánh công khai nào phù hợp. <span class="en">(No public items match.)</span></p>`;
  return renderLayout(
    frame,
    'Phản ánh công khai',
    `${MAP_STYLE}
<section class="card"><h1>Phản ánh công khai <span class="en">Public reports</span></h1>
<p class="muted">Phản ánh người gửi cho phép công khai, không kèm thông tin người gửi; vị trí của người gửi ẩn danh được làm tròn khoảng 200 m. Chạm vào bản đồ để xem phản ánh quanh một nơi. <span class="en">(No reporter data; anonymous points rounded. Tap the map to see a place's ward.)</span></p></section>
${sectionError(page.error)}
<div id="map" role="region" aria-label="Bản đồ phản ánh công khai: chạm để xem phản ánh quanh một điểm (map of public reports)"></div>
<div class="grid">
<section class="card" aria-labelledby="list-title">
<h2 id="list-title">Danh sách <span class="en">List</span> <span class="muted">(${items.length})</span></h2>
${place}
${list}
</section>
<div>
<section class="card" aria-labelledby="filter-title"><h2 id="filter-title">Lọc <span class="en">Filter</span></h2>
<form method="get" action="/cong-khai" id="filter-form">
${select('phuong', 'Phường, xã <span class="en">(ward)</span>', '— Mọi phường —', page.wards, filters.ward)}
${select('linh-vuc', 'Lĩnh vực <span class="en">(category)</span>', '— Mọi lĩnh vực —', page.categories, filters.category)}
${select('trang-thai', 'Trạng thái <span class="en">(status)</span>', '— Mọi trạng thái —', statuses, filters.status)}
<p><button class="btn" type="submit">Xem · Show</button></p>
</form></section>
${lookupForm()}
</div>
</div>
${jsonDataBlock(map)}
${mapScripts('feedback-map.js')}`,
  );
}

/** One public item (no map, no script). */
export function renderPublicItem(frame: PageFrame, item: PublicItemView): string {
  const photos = item.photos ?? [];
  return renderLayout(
    frame,
    `Phản ánh ${item.code}`,
    `${ITEM_STYLE}
<p><a class="row-link" href="/cong-khai">← Phản ánh công khai · Public reports</a></p>
<div class="grid">
<section class="card" aria-labelledby="item-title">
<h1 id="item-title">${escapeHtml(item.title)}</h1>
<p class="muted">Mã phản ánh <span class="en">code</span> <code id="item-code">${escapeHtml(item.code)}</code></p>
<p id="item-status">${statusBadge(FEEDBACK_STATUS, item.status)}</p>
<dl>
<dt>Lĩnh vực <span class="en">category</span></dt><dd>${escapeHtml(item.category.name)}</dd>
<dt>Đơn vị xử lý <span class="en">unit</span></dt><dd>${item.unit ? escapeHtml(item.unit.name) : '<span class="muted">Chưa phân công</span>'}</dd>
<dt>Tiếp nhận <span class="en">received</span></dt><dd>${formatDateTime(item.receivedAt)}</dd>
<dt>Hạn xử lý <span class="en">deadline</span></dt><dd>${item.dueAt ? formatDateTime(item.dueAt) : '—'}</dd>
<dt>Vị trí <span class="en">where</span></dt><dd>${escapeHtml(item.location.lat.toFixed(5))}, ${escapeHtml(item.location.lng.toFixed(5))}</dd>
</dl>
<h2>Nội dung <span class="en">Report</span></h2>
<p class="content">${escapeHtml(item.content)}</p>
${renderPhotos(
  photos.filter((photo) => photo.kind === 'REPORT'),
  'Ảnh phản ánh',
)}
</section>
<section class="card" id="result" aria-labelledby="result-title"><h2 id="result-title">Kết quả xử lý <span class="en">Result</span></h2>
${item.resultText ? `<p class="content">${escapeHtml(item.resultText)}</p>` : '<p class="empty">Chưa công bố kết quả. <span class="en">(No published result yet.)</span></p>'}
${renderPhotos(
  photos.filter((photo) => photo.kind === 'RESULT'),
  'Ảnh kết quả',
)}
</section>
</div>`,
  );
}

/** The lookup page alone (a refused or empty lookup). */
export function renderLookup(frame: PageFrame, code: string, error?: string): string {
  return renderLayout(frame, 'Tra cứu phản ánh', `<div class="narrow">${lookupForm(code, error)}</div>`);
}
