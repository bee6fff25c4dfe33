// The planning lookup page of Cổng dịch vụ công: three server-rendered forms (a GPS point, VN-2000
// certificate coordinates, ward + sheet + parcel), the answer (the parcel, its zone and limits, the
// scheme and its documents), the form that reports wrong planning data, and the map. The map is
// Leaflet, served from this portal (/assets/…), drawn by /assets/planning-map.js from a JSON data
// block; without JavaScript the forms and the answer work the same. Vietnamese first.
import { escapeHtml } from '../../../platform/html.ts';
import { jsonDataBlock, mapScripts, renderLayout, sectionError } from './layout.ts';
import type { PageFrame } from './layout.ts';

/** A GeoJSON geometry as the gateway returns it (passed through to the map, never into HTML). */
export type GeoJsonGeometry = { readonly type: string; readonly coordinates: unknown };

/** What the page shows of a parcel. */
export interface ParcelView {
  readonly sheet: number;
  readonly number: number;
  readonly areaM2: number;
  readonly address: string;
  readonly formerWardName: string;
  readonly ward: { readonly code: string; readonly name: string };
  readonly location: { readonly lat: number; readonly lng: number };
  readonly geometry?: GeoJsonGeometry | null;
}

/** A land-use zone and its limits. */
export interface ZoneView {
  readonly code: string;
  readonly function: string;
  readonly maxDensityPct: number;
  readonly maxStoreys: number;
  readonly maxFar: number;
  readonly roadSetbackM: number;
  readonly geometry?: GeoJsonGeometry | null;
}

/** The scheme that sets a zone. */
export interface SchemeView {
  readonly name: string;
  readonly scale: string;
  readonly decisionNumber: string;
  readonly decisionDate: string;
  readonly authority: string;
  readonly documents: readonly { readonly title: string; readonly url: string }[];
}

/** One answer, whichever way it was asked. */
export interface PlanningAnswer {
  readonly point: { readonly lat: number; readonly lng: number };
  readonly ward: { readonly code: string; readonly name: string };
  readonly parcel: ParcelView | null;
  readonly zone: ZoneView | null;
  readonly scheme: SchemeView | null;
}

/** The forms as typed (re-shown after an answer or a refusal). */
export interface PlanningForms {
  readonly lat: string;
  readonly lng: string;
  readonly x: string;
  readonly y: string;
  readonly province: string;
  readonly meridian: string;
  readonly ward: string;
  readonly sheet: string;
  readonly number: string;
}

/** Everything the page shows. */
export interface PlanningPage {
  readonly forms: PlanningForms;
  readonly answer?: PlanningAnswer;
  readonly error?: string;
  /** After a refused report: why, and the text typed (a sent one is the frame's one-time message). */
  readonly report?: { readonly error?: string; readonly content?: string };
  /** One key per shown report form: a double submission files one item. */
  readonly reportKey?: string;
  /** Background tiles, when the portal has a tile server. */
  readonly tiles?: { readonly url: string; readonly attribution: string } | undefined;
}

/** Empty forms. */
export const EMPTY_PLANNING_FORMS: PlanningForms = { lat: '', lng: '', x: '', y: '', province: 'HCM', meridian: '', ward: '', sheet: '', number: '' };

/** Central HCMC: where the map opens with nothing asked. */
const CITY_CENTRE = { lat: 10.7769, lng: 106.7009 };

const number = (value: number, digits = 2) => escapeHtml(value.toLocaleString('vi-VN', { maximumFractionDigits: digits }));

function input(id: string, label: string, value: string, extra = ''): string {
  return `<div><label for="${id}">${label}</label><input type="text" id="${id}" name="${id}" value="${escapeHtml(value)}" ${extra}></div>`;
}

function renderForms(forms: PlanningForms): string {
  const province = (code: string, name: string) => `<option value="${code}"${forms.province === code ? ' selected' : ''}>${name}</option>`;
  return `<section class="card" id="planning-forms">
<h1>Tra cứu thông tin quy hoạch <span class="en">Planning lookup</span></h1>
<p class="muted">Chạm vào bản đồ, hoặc nhập tọa độ GPS, tọa độ VN-2000 trên giấy chứng nhận, hay số tờ, số thửa. Không cần đăng nhập.</p>
<form method="get" action="/quy-hoach" id="form-gps">
<h2>Tọa độ GPS <span class="en">WGS 84</span></h2>
<div class="row">${input('lat', 'Vĩ độ <span class="en">Latitude</span>', forms.lat, 'inputmode="decimal" placeholder="10.7769"')}${input('lng', 'Kinh độ <span class="en">Longitude</span>', forms.lng, 'inputmode="decimal" placeholder="106.7009"')}</div>
<p><button class="btn" type="submit">Tra cứu điểm · Look up</button></p>
</form>
<form method="get" action="/quy-hoach" id="form-vn2000">
<h2>Tọa độ VN-2000 <span class="en">as on the land-use certificate</span></h2>
<div class="row">${input('x', 'X (tọa độ bắc) <span class="en">northing</span>', forms.x, 'inputmode="decimal" placeholder="1189964"')}${input('y', 'Y (tọa độ đông) <span class="en">easting</span>', forms.y, 'inputmode="decimal" placeholder="600997"')}</div>
<div class="row"><div><label for="tinh">Tỉnh, thành phố <span class="en">Province</span></label><select id="tinh" name="tinh">${province('HCM', 'TP. Hồ Chí Minh')}${province('DONG_THAP', 'Đồng Tháp')}</select></div>
${input('kt', 'Kinh tuyến trục <span class="en">Central meridian (°)</span>', forms.meridian, 'inputmode="decimal" placeholder="105.75" aria-describedby="kt-hint"')}</div>
<p class="hint" id="kt-hint">Để trống: kinh tuyến trục của tỉnh. Sổ cấp tại tỉnh Bà Rịa – Vũng Tàu cũ: 107.75.</p>
<p><button class="btn" type="submit">Tra cứu VN-2000 · Look up</button></p>
</form>
<form method="get" action="/quy-hoach" id="form-parcel">
<h2>Số tờ, số thửa <span class="en">Map sheet and parcel</span></h2>
${input('phuong', 'Phường, xã <span class="en">Ward (code, or the pre-2025 name)</span>', forms.ward, 'placeholder="P-BAN-CO hoặc Phường 1, Quận 3" aria-describedby="phuong-hint"')}
<p class="hint" id="phuong-hint">Mã phường mới (sau 1/7/2025) hoặc tên phường cũ như trên giấy chứng nhận.</p>
<div class="row">${input('to', 'Tờ bản đồ số <span class="en">Sheet</span>', forms.sheet, 'inputmode="numeric"')}${input('thua', 'Thửa đất số <span class="en">Parcel</span>', forms.number, 'inputmode="numeric"')}</div>
<p><button class="btn" type="submit">Tra cứu thửa · Look up</button></p>
</form>
</section>`;
}

function renderAnswer(frame: PageFrame, answer: PlanningAnswer, report: PlanningPage['report'], reportKey: string): string {
  const { parcel, zone, scheme } = answer;
  const parcelPart = parcel
    ? `<h3>Thửa đất <span class="en">Parcel</span></h3>
<dl id="parcel">
<dt>Thửa · tờ</dt><dd>Thửa số <strong>${parcel.number}</strong>, tờ bản đồ số <strong>${parcel.sheet}</strong></dd>
<dt>Phường, xã</dt><dd>${escapeHtml(parcel.ward.name)} <span class="muted">(trước 1/7/2025: ${escapeHtml(parcel.formerWardName)})</span></dd>
<dt>Diện tích</dt><dd>${number(parcel.areaM2, 1)} m²</dd>
<dt>Địa chỉ</dt><dd>${escapeHtml(parcel.address)}</dd>
</dl>`
    : `<p class="empty" id="no-parcel">Điểm này không thuộc thửa đất nào đã có trên bản đồ (đường, sông, đất chưa đo vẽ). <span class="en">(No mapped parcel here.)</span></p>`;
  const zonePart = zone
    ? `<h3>Khu chức năng và chỉ tiêu <span class="en">Zone and its limits</span></h3>
<dl id="zone">
<dt>Chức năng</dt><dd>${escapeHtml(zone.function)} <code>${escapeHtml(zone.code)}</code></dd>
<dt>Mật độ xây dựng tối đa</dt><dd>${number(zone.maxDensityPct, 1)} %</dd>
<dt>Tầng cao tối đa</dt><dd>${zone.maxStoreys} tầng</dd>
<dt>Hệ số sử dụng đất</dt><dd>${number(zone.maxFar, 2)} lần</dd>
<dt>Khoảng lùi so với lộ giới</dt><dd>${number(zone.roadSetbackM, 1)} m</dd>
</dl>`
    : '';
  const schemePart = scheme
    ? `<h3>Đồ án quy hoạch <span class="en">Planning scheme</span></h3>
<dl id="scheme">
<dt>Đồ án</dt><dd>${escapeHtml(scheme.name)} (tỉ lệ ${escapeHtml(scheme.scale)})</dd>
<dt>Quyết định</dt><dd>Số ${escapeHtml(scheme.decisionNumber)} ngày ${escapeHtml(scheme.decisionDate.split('-').reverse().join('/'))}</dd>
<dt>Cơ quan phê duyệt</dt><dd>${escapeHtml(scheme.authority)}</dd>
<dt>Tài liệu</dt><dd>${scheme.documents.length ? `<ul class="notes">${scheme.documents.map((document) => `<li><a href="${escapeHtml(document.url)}" rel="noopener">${escapeHtml(document.title)}</a></li>`).join('')}</ul>` : '<span class="empty">Chưa có</span>'}</dd>
</dl>`
    : '';
  return `<section class="card" id="planning-result">
<h2>Kết quả tra cứu <span class="en">Answer</span></h2>
<p class="muted">Điểm ${number(answer.point.lat, 6)}, ${number(answer.point.lng, 6)} · ${escapeHtml(answer.ward.name)}</p>
${parcelPart}
${zonePart}
${schemePart}
<p class="hint">Thông tin tham khảo; bản đồ và ranh giới phường là mô phỏng trong bản trình diễn. <span class="en">(For reference; demo boundaries are modelled.)</span></p>
${parcel ? renderReportForm(frame, parcel, report, reportKey) : ''}
</section>`;
}

/** Report wrong planning data for this parcel: signed in, a 1022 item with the parcel as its place. */
function renderReportForm(frame: PageFrame, parcel: ParcelView, report: PlanningPage['report'], reportKey: string): string {
  const returnTo = `/quy-hoach?phuong=${encodeURIComponent(parcel.ward.code)}&to=${parcel.sheet}&thua=${parcel.number}`;
  if (!frame.user) {
    return `<h3>Thông tin sai? <span class="en">Wrong data?</span></h3>
<p id="report-sign-in"><a href="/auth/login?returnTo=${encodeURIComponent(returnTo)}">Đăng nhập</a> để báo sai sót thông tin quy hoạch của thửa này (gửi thành phản ánh 1022).</p>`;
  }
  return `<h3>Thông tin sai? <span class="en">Report wrong planning data</span></h3>
${sectionError(report?.error)}
<form method="post" action="/quy-hoach/bao-sai" id="report-form">
<input type="hidden" name="csrf" value="${escapeHtml(frame.csrf ?? '')}">
<input type="hidden" name="phuong" value="${escapeHtml(parcel.ward.code)}">
<input type="hidden" name="to" value="${parcel.sheet}">
<input type="hidden" name="thua" value="${parcel.number}">
<input type="hidden" name="key" value="${escapeHtml(reportKey)}">
<label for="noi-dung">Điều gì chưa đúng? <span class="en">What is wrong?</span></label>
<textarea id="noi-dung" name="noi-dung" maxlength="4000" required>${escapeHtml(report?.content ?? '')}</textarea>
<p class="hint">Gửi đến Trung tâm 1022 như một phản ánh, lĩnh vực "Thông tin quy hoạch", vị trí là thửa đất này.</p>
<p><button class="btn" type="submit">Gửi báo sai sót · Send</button></p>
</form>`;
}

/** The planning page. */
export function renderPlanning(frame: PageFrame, page: PlanningPage): string {
  const answer = page.answer;
  const map = {
    centre: answer?.point ?? CITY_CENTRE,
    zoom: answer ? 18 : 13,
    tiles: page.tiles ?? null,
    point: answer?.point ?? null,
    parcel: answer?.parcel?.geometry ?? null,
    zone: answer?.zone?.geometry ?? null,
  };
  return renderLayout(
    frame,
    'Tra cứu quy hoạch',
    `
<link rel="stylesheet" href="/assets/leaflet/leaflet.css">
<style>#map{height:min(60vh,440px);border-radius:10px;background:#eef2f7;margin-bottom:20px}#map:empty{display:none}.leaflet-container{font:inherit}</style>
${sectionError(page.error)}
<div id="map" role="application" aria-label="Bản đồ quy hoạch: chạm để tra cứu một điểm"></div>
<div class="grid">
<div>${answer ? renderAnswer(frame, answer, page.report, page.reportKey ?? '') : ''}${renderForms(page.forms)}</div>
<aside class="card"><h2>Ghi chú <span class="en">Notes</span></h2>
<p class="muted">Ranh giới một điểm thuộc về thửa phía đông (phía bắc nếu cạnh nằm ngang). Tọa độ VN-2000 đổi sang WGS 84 theo Quyết định 05/2007/QĐ-BTNMT.</p></aside>
</div>
${jsonDataBlock(map)}
${mapScripts('planning-map.js')}`,
  );
}
