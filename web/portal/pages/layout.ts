// What every page of the two portals shares: the frame (brand, links, the signed-in person with their
// unread count, the one-time message), the layout with its one inline stylesheet, no scripts (but the
// live-update script on the pages that ask for it), and the signed-out and error pages. Vietnamese
// first, English hints in grey. Every value from the gateway or the user is escaped.
import { escapeHtml } from '../../../platform/html.ts';

/** Which portal (or the staff workspace) a page belongs to. */
export interface PortalBrand {
  readonly kind: 'feedback' | 'services' | 'workspace';
  /** e.g. "Cổng 1022". */
  readonly name: string;
  /** English hint under the name. */
  readonly tagline: string;
  /** Short mark in the logo box. */
  readonly mark: string;
  /** Accent colour (CSS). */
  readonly accent: string;
}

/** A link to another portal of the city (shown in the header). */
export interface PortalLink {
  readonly label: string;
  readonly url: string;
  /** Which portal it is, when it is one of the two (notifications link to an item there). */
  readonly kind?: 'feedback' | 'services';
}

/** The signed-in person as pages show them (no tokens here). */
export interface PageUser {
  readonly name: string;
  readonly acr: string;
  /** Unread messages in their inbox (absent when the gateway did not say). */
  readonly unread?: number | undefined;
}

/** What every page gets. */
export interface PageFrame {
  readonly brand: PortalBrand;
  readonly links: readonly PortalLink[];
  readonly user?: PageUser;
  /** CSRF token for the forms of this session (logout, submissions). */
  readonly csrf?: string;
  readonly flash?: { readonly kind: 'ok' | 'error'; readonly text: string };
  /** Open the live-update stream (assets/live.js) on this page: new messages, the unread count, status changes. */
  readonly live?: boolean;
  /** The section links under the header (HTML, already escaped): the workspace's per-role pages. */
  readonly sections?: string;
}

/** Where a signed-in page's live-update script reads its events (routes/live.ts). */
export const LIVE_STREAM_PATH = '/thong-bao/live';

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;background:#f4f5f7;color:#1f2937;line-height:1.45}
a{color:var(--accent)}
.top{background:var(--accent);color:#fff}
.top .bar{max-width:1040px;margin:0 auto;padding:12px 20px;display:flex;align-items:center;gap:18px;flex-wrap:wrap}
.brand{display:flex;align-items:center;gap:10px;color:#fff;text-decoration:none;margin-right:auto}
.mark{background:#fff;color:var(--accent);font-weight:800;border-radius:6px;padding:4px 8px;font-size:1.05rem;letter-spacing:.02em}
.brand strong{display:block;font-size:1.15rem}
.brand small{display:block;opacity:.85;font-size:.8rem}
.top nav a{color:#fff;opacity:.9;font-size:.9rem;text-decoration:none;border:1px solid rgba(255,255,255,.5);border-radius:999px;padding:4px 10px}
.top nav a:hover{opacity:1;background:rgba(255,255,255,.12)}
.user{display:flex;align-items:center;gap:10px;font-size:.92rem}
.user form{margin:0}
.user{flex-wrap:wrap}
.user button{background:transparent;color:#fff;border:1px solid rgba(255,255,255,.7);border-radius:6px;padding:5px 10px;cursor:pointer;font-size:.88rem;min-height:44px}
.level{display:inline-block;border-radius:999px;padding:2px 8px;font-size:.75rem;font-weight:600;background:#fef3c7;color:#92400e;white-space:nowrap}
.level.l2{background:#dcfce7;color:#166534}
main{max-width:1040px;margin:24px auto;padding:0 20px}
.grid{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:20px;align-items:start}
.grid.wide{grid-template-columns:minmax(0,2fr) minmax(0,1fr)}
@media (max-width:820px){.grid,.grid.wide{grid-template-columns:minmax(0,1fr)}}
.card{background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.08);padding:18px 20px;margin-bottom:20px}
h1{font-size:1.4rem;margin:0 0 4px}
h2{font-size:1.1rem;margin:0 0 12px}
.en{color:#4b5563;font-weight:400;font-size:.85em}
table{width:100%;border-collapse:collapse;font-size:.92rem}
th,td{text-align:left;padding:8px 6px;border-bottom:1px solid #eef0f3;vertical-align:top}
th{font-size:.78rem;text-transform:uppercase;letter-spacing:.03em;color:#4b5563;font-weight:600}
td code{font-size:.82rem;color:#374151}
#my-feedback code{white-space:nowrap}
tr:target,li:target{background:#fff7d6}
th small{display:block;font-weight:400;text-transform:none;letter-spacing:0;color:#4b5563}
time{white-space:nowrap}
.table-wrap{overflow-x:auto}
.status{display:inline-block;border-radius:4px;padding:1px 7px;font-size:.78rem;font-weight:600;background:#e5e7eb;color:#374151;white-space:nowrap}
.status .en{color:inherit}.status.ok{background:#dcfce7;color:#166534}.status.warn{background:#fef3c7;color:#92400e}.status.bad{background:#fee2e2;color:#991b1b}.status.info{background:#dbeafe;color:#1e40af}
.empty{color:#4b5563;font-style:italic}
label{display:block;margin:12px 0 4px;font-weight:500;font-size:.92rem}
input[type=text],input[type=number],select,textarea{width:100%;padding:8px 10px;font:inherit;font-size:.95rem;border:1px solid #d1d5db;border-radius:6px;background:#fff}
textarea{min-height:110px;resize:vertical}
.row{display:grid;grid-template-columns:1fr 1fr;gap:10px}
.check{display:flex;gap:8px;align-items:flex-start;font-weight:400;margin:8px 0}
.check input{margin-top:4px}
.hint{color:#4b5563;font-size:.8rem;margin:4px 0 0}
.btn{display:inline-block;background:var(--accent);color:#fff;border:0;border-radius:6px;padding:9px 16px;font:inherit;font-weight:600;cursor:pointer;text-decoration:none}
.btn.secondary{background:#fff;color:var(--accent);border:1px solid var(--accent)}
.top .btn.secondary{border-color:#fff}
.flash{border-radius:8px;padding:10px 14px;margin-bottom:18px}
.flash.ok{background:#ecfdf5;border:1px solid #a7f3d0;color:#065f46}
.flash.error{background:#fef2f2;border:1px solid #fecaca;color:#991b1b}
.hero{background:#fff;border-radius:12px;box-shadow:0 1px 3px rgba(0,0,0,.08);padding:36px 32px;text-align:center;max-width:640px;margin:40px auto}
.hero p{color:#4b5563}
.notes{list-style:none;padding:0;margin:0}
.notes li{padding:8px 0;border-bottom:1px solid #eef0f3}
.notes li.unread{border-left:4px solid var(--accent);padding-left:10px}
.new{display:inline-block;margin-left:6px;font-size:.72rem;font-weight:600;background:var(--accent);color:#fff;border-radius:4px;padding:0 6px;vertical-align:middle}
.notes p{margin:4px 0}
.actions{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin-top:6px}
.actions form{margin:0}
.row-link{display:inline-flex;align-items:center;min-height:44px}
.actions a,.inbox-link{display:inline-flex;flex-wrap:wrap;align-items:center;gap:0 6px;min-height:44px}
.top .inbox-link .en{color:inherit;opacity:.85}
.top .inbox-link{color:#fff;text-decoration:none;gap:6px;padding:0 10px;border:1px solid rgba(255,255,255,.7);border-radius:6px}
.count{display:inline-block;min-width:1.6em;text-align:center;border-radius:999px;background:#fff;color:var(--accent);font-weight:700;font-size:.8rem;padding:0 6px}
.notice.emergency{border-left:4px solid #b91c1c;padding-left:10px;background:#fef2f2}
.sr-only{position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
.notes time,.muted{color:#4b5563;font-size:.82rem}
.lock{font-size:.75rem;color:#92400e;white-space:nowrap}
dl{display:grid;grid-template-columns:max-content 1fr;gap:8px 16px;margin:0}
dt{color:#4b5563}
dd{margin:0}
.sections{background:#fff;border-bottom:1px solid #e5e7eb}
.sections ul{max-width:1040px;margin:0 auto;padding:0 12px;list-style:none;display:flex;flex-wrap:wrap}
.sections a{display:inline-block;padding:12px 10px;min-height:44px;text-decoration:none;font-weight:500}
.narrow{max-width:640px}
.results{list-style:none;padding:0;margin:12px 0 0}
.results li{padding:10px 0;border-bottom:1px solid #eef0f3}
.results p{margin:6px 0 0}
.timeline{list-style:none;padding:0 0 0 14px;margin:8px 0;border-left:3px solid #e5e7eb}
.timeline li{position:relative;padding:6px 0 10px 8px}
.timeline li::before{content:"";position:absolute;left:-21px;top:12px;width:11px;height:11px;border-radius:50%;background:var(--accent)}
.timeline .when{color:#4b5563;font-size:.82rem}
.note{font-style:italic}
input[type=password],input[type=date]{width:100%;padding:8px 10px;font:inherit;font-size:.95rem;border:1px solid #d1d5db;border-radius:6px;background:#fff}
input,select,.btn{min-height:44px}
h1,h2,code,dd{overflow-wrap:anywhere}
@media (max-width:560px){main{padding:0 10px}.card{padding:14px 12px}dl{grid-template-columns:1fr;gap:2px}dd{margin-bottom:8px}.row{grid-template-columns:1fr}.top .bar{padding:10px 12px}}
footer{max-width:1040px;margin:8px auto 30px;padding:0 20px;color:#4b5563;font-size:.8rem}
footer .en{color:inherit}
`;

const VIETNAM_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A date-time from the API as Vietnamese local time, dd/mm/yyyy hh:mm (text as given when it does not parse). */
export function formatDateTime(value: unknown, withTime = true): string {
  if (typeof value !== 'string') return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return escapeHtml(value);
  const part = Object.fromEntries(VIETNAM_TIME.formatToParts(date).map(({ type, value: text }) => [type, text]));
  const day = `${part['day']}/${part['month']}/${part['year']}`;
  return `<time datetime="${escapeHtml(date.toISOString())}">${escapeHtml(withTime ? `${day} ${part['hour']}:${part['minute']}` : day)}</time>`;
}

/** The VNeID level of the sign-in, as a badge in the header. */
function levelBadge(acr: string): string {
  const level = acr === '2' ? 2 : 1;
  return `<span class="level l${level}" title="VNeID level ${level}">VNeID mức ${level}</span>`;
}

/** The header's link to the inbox, with the unread count (updated live where the page has the script). */
function inboxLink(unread: number | undefined): string {
  const count = unread === undefined ? '<span class="count" id="unread-count" hidden></span>' : `<span class="count" id="unread-count">${unread}</span>`;
  return `<a class="inbox-link" href="/thong-bao">Thông báo <span class="en">Inbox</span> ${count}<span class="sr-only"> chưa đọc (unread)</span></a>`;
}

/** The public sections of Cổng dịch vụ công, under its header on every page (no sign-in needed). */
const SERVICE_SECTIONS = `<nav class="sections" aria-label="Mục"><ul>
<li><a href="/">Hồ sơ của tôi</a></li><li><a href="/tra-cuu">Tra cứu hồ sơ</a></li><li><a href="/thu-tuc">Thủ tục</a></li><li><a href="/hoi-dap">Hỏi đáp</a></li><li><a href="/quy-hoach">Quy hoạch</a></li><li><a href="/thong-ke">Thống kê</a></li></ul></nav>`;

/** The public sections of the 1022 portal, under its header on every page. */
const FEEDBACK_SECTIONS = `<nav class="sections" aria-label="Mục"><ul>
<li><a href="/">Phản ánh của tôi</a></li><li><a href="/cong-khai">Phản ánh công khai</a></li><li><a href="/cong-khai/tra-cuu">Tra cứu mã</a></li></ul></nav>`;

/** A map page's scripts: Leaflet, the maps' shared start (assets/map-base.js), then the page's own map script. */
export function mapScripts(script: string): string {
  return `<script src="/assets/leaflet/leaflet.js" defer></script>
<script src="/assets/map-base.js" defer></script>
<script src="/assets/${script}" defer></script>`;
}

/** A JSON data block for a page's script (a map's data): `<` escaped so no value can close the element. */
export function jsonDataBlock(value: unknown): string {
  return `<script type="application/json" id="map-data">${JSON.stringify(value).replace(/</g, '\\u003c')}</script>`;
}

/** The whole page around `body`. */
export function renderLayout(frame: PageFrame, title: string, body: string): string {
  const { brand } = frame;
  const links = frame.links.length ? `<nav>${frame.links.map((link) => `<a href="${escapeHtml(link.url)}">${escapeHtml(link.label)} →</a>`).join(' ')}</nav>` : '';
  const user = frame.user
    ? `<div class="user"><span>${escapeHtml(frame.user.name)}</span>${levelBadge(frame.user.acr)}
${brand.kind === 'workspace' ? '' : inboxLink(frame.user.unread)}
<form method="post" action="/auth/logout"><input type="hidden" name="csrf" value="${escapeHtml(frame.csrf ?? '')}"><button type="submit">Đăng xuất <span style="opacity:.8">· Sign out</span></button></form></div>`
    : `<div class="user"><a class="btn secondary" href="/auth/login">Đăng nhập · Sign in</a></div>`;
  const live = Boolean(frame.live && frame.user);
  const flash = frame.flash ? `<div class="flash ${frame.flash.kind}" role="${frame.flash.kind === 'error' ? 'alert' : 'status'}">${escapeHtml(frame.flash.text)}</div>` : '';
  return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · ${escapeHtml(brand.name)}</title>
<style>:root{--accent:${brand.accent}}${STYLE}</style>
</head>
<body data-portal="${escapeHtml(brand.kind)}" data-signed-in="${frame.user ? 'true' : 'false'}"${live ? ` data-live="${LIVE_STREAM_PATH}"` : ''}>
<header class="top"><div class="bar">
<a class="brand" href="/"><span class="mark">${escapeHtml(brand.mark)}</span><span><strong>${escapeHtml(brand.name)}</strong><small>${escapeHtml(brand.tagline)}</small></span></a>
${links}
${user}
</div></header>
${brand.kind === 'services' ? SERVICE_SECTIONS : brand.kind === 'feedback' ? FEEDBACK_SECTIONS : (frame.sections ?? '')}
<main>
${flash}
${live ? '<p id="live-announcer" class="sr-only" role="status" aria-live="polite"></p>' : ''}
${body}
</main>
<footer>Liên Thông · Thành phố Hồ Chí Minh · một tài khoản cho mọi cổng <span class="en">(one account for every portal)</span></footer>
${live ? '<script src="/assets/live.js" defer></script>' : ''}
</body>
</html>`;
}

/** Not signed in: what the portal is, and the sign-in button. */
export function renderSignedOut(frame: PageFrame): string {
  const what = {
    feedback: 'Gửi và theo dõi phản ánh, kiến nghị về đô thị, môi trường, giao thông… <span class="en">(Report and follow up on city issues.)</span>',
    services: 'Theo dõi hồ sơ thủ tục hành chính và thông báo của bạn. <span class="en">(Follow your administrative dossiers and notifications.)</span>',
    workspace: 'Nơi làm việc của tổng đài viên 1022, cán bộ đơn vị và lãnh đạo. <span class="en">(The staff workspace: operators, unit officers, leaders.)</span>',
  }[frame.brand.kind];
  return renderLayout(
    frame,
    'Trang chủ',
    `
<section class="hero" id="signed-out">
<h1>${escapeHtml(frame.brand.name)}</h1>
<p>${what}</p>
<p>Bạn chưa đăng nhập. <span class="en">You are not signed in.</span></p>
<p><a class="btn" href="/auth/login">Đăng nhập bằng tài khoản liên thông</a></p>
<p class="hint">Một tài khoản (VNeID) cho mọi cổng của thành phố. <span class="en">One account (VNeID) for every city portal.</span></p>
</section>`,
  );
}

/** An error page (bad request, failed sign-in, unavailable service). */
export function renderErrorPage(frame: PageFrame, title: string, message: string, detail?: string): string {
  return renderLayout(
    frame,
    title,
    `
<section class="hero" id="error">
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
${detail ? `<p class="hint">${escapeHtml(detail)}</p>` : ''}
<p><a class="btn secondary" href="/">Về trang chủ · Home</a></p>
</section>`,
  );
}

/** A status as a coloured badge: `table` maps a status to its Vietnamese label and tone. */
export function statusBadge(table: Readonly<Record<string, [string, string]>>, status: string): string {
  const [label, tone] = table[status] ?? [status, ''];
  return `<span class="status ${tone}" title="${escapeHtml(status)}">${escapeHtml(label)}</span>`;
}

/** A problem with part of the page (a field error from the gateway), shown in place. */
export function sectionError(message: string | undefined): string {
  return message ? `<div class="flash error" role="alert">${escapeHtml(message)}</div>` : '';
}
