// The inbox page of both portals (/thong-bao): the signed-in person's messages, newest first, unread
// ones marked, each with a link to the feedback item or dossier it is about and a "mark read" form; a
// "mark all read" form; and the city's notices that concern them, emergencies first. One entry
// renderer serves the page, the public-service home page and the live stream (routes/live.ts), so a
// message inserted without a reload looks like one rendered with the page.
import { escapeHtml } from '../../../platform/html.ts';
import { formatDateTime, renderLayout, sectionError } from './layout.ts';
import type { PageFrame, PortalLink } from './layout.ts';

/** A message in the inbox. */
export interface NotificationRow {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly kind: string;
  /** The code of the feedback item or dossier it is about. */
  readonly link?: string | null;
  readonly read: boolean;
  readonly createdAt: string;
}

/** An official notice in the person's feed. */
export interface NoticeRow {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly kind: string;
  readonly validUntil?: string | null;
  readonly publishedAt?: string | null;
}

/**
 * Where each portal is, for links to an item: '' for the portal rendering the page, the other
 * portal's base URL when it is known (from its header link), undefined otherwise.
 */
export type PortalBases = Readonly<Record<'feedback' | 'services', string | undefined>>;

/** The bases as seen from portal `kind`, whose header links name the other portal. */
export function portalBases(kind: 'feedback' | 'services', links: readonly PortalLink[]): PortalBases {
  const other = kind === 'feedback' ? 'services' : 'feedback';
  const base = links.find((link) => link.kind === other)?.url.replace(/\/+$/, '');
  return kind === 'feedback' ? { feedback: '', services: base } : { feedback: base, services: '' };
}

const FEEDBACK_KINDS = new Set(['FEEDBACK_ROUTED', 'FEEDBACK_REJECTED', 'FEEDBACK_PROGRESS_REPORTED', 'FEEDBACK_RESOLVED', 'FEEDBACK_REOPENED']);
const DOSSIER_KINDS = new Set(['DOSSIER_RECEIVED', 'DOSSIER_SUPPLEMENT', 'DOSSIER_RESULT', 'DOSSIER_LATE_APOLOGY', 'DOSSIER_STATUS_CHANGED']);

/**
 * Where a message leads: a dossier to its page; a feedback item to its page on the 1022 portal
 * (`/phan-anh/<code>`); a planning change to the planning page; a city notice to it in the inbox page's feed.
 * Undefined when nothing in the portals shows it (directives, the weekly summary) or the other portal is unknown.
 */
export function notificationTarget(note: Pick<NotificationRow, 'kind' | 'link'>, bases: PortalBases): { href: string; text: string; en: string } | undefined {
  const code = note.link;
  if (FEEDBACK_KINDS.has(note.kind) && code && bases.feedback !== undefined)
    return { href: `${bases.feedback}/phan-anh/${encodeURIComponent(code)}`, text: `Xem phản ánh ${code}`, en: 'Open the item' };
  if (DOSSIER_KINDS.has(note.kind) && code && bases.services !== undefined)
    return { href: `${bases.services}/dossiers/${encodeURIComponent(code)}`, text: `Xem hồ sơ ${code}`, en: 'Open the dossier' };
  if (note.kind === 'PLANNING_SCHEME_CHANGED' && bases.services !== undefined) return { href: `${bases.services}/quy-hoach`, text: 'Tra cứu quy hoạch', en: 'Planning' };
  // A city notice's message (its link is the notice's id): the notice in this page's own feed.
  if (note.kind === 'NOTICE' && code) return { href: `/thong-bao#notice-${encodeURIComponent(code)}`, text: 'Xem thông báo', en: 'Open the notice' };
  return undefined;
}

/** One message as a list item; with `csrf`, its "mark read" form while it is unread. */
export function renderNotificationEntry(note: NotificationRow, bases: PortalBases, csrf?: string): string {
  const target = notificationTarget(note, bases);
  const link = target ? `<a href="${escapeHtml(target.href)}">${escapeHtml(target.text)} <span class="en">${target.en}</span></a>` : '';
  const orphan = !target && note.link ? `<span class="muted">Mã <code>${escapeHtml(note.link)}</code></span>` : '';
  const form =
    csrf && !note.read
      ? `<form method="post" action="/thong-bao/da-doc"><input type="hidden" name="csrf" value="${escapeHtml(csrf)}"><input type="hidden" name="id" value="${escapeHtml(note.id)}"><button class="btn secondary" type="submit">Đánh dấu đã đọc <span class="en">Mark read</span></button></form>`
      : '';
  const unread = note.read ? '' : ' <span class="new">Chưa đọc <span class="sr-only">(unread)</span></span>';
  return `<li class="${note.read ? 'read' : 'unread'}" id="n-${escapeHtml(note.id)}" data-kind="${escapeHtml(note.kind)}">
<strong>${escapeHtml(note.title)}</strong>${unread}
<p>${escapeHtml(note.body)}</p>
<div class="actions">${formatDateTime(note.createdAt)} ${link}${orphan}${form}</div>
</li>`;
}

/** A list of messages (the empty text when there are none). */
export function renderNotificationList(notes: readonly NotificationRow[], bases: PortalBases, csrf?: string): string {
  return `<ul class="notes" id="inbox-list">${notes.map((note) => renderNotificationEntry(note, bases, csrf)).join('\n')}</ul>
${notes.length ? '' : '<p class="empty" id="inbox-empty">Không có thông báo. <span class="en">(No notifications.)</span></p>'}`;
}

const NOTICE_KIND: Readonly<Record<string, string>> = {
  EMERGENCY: 'Khẩn cấp <span class="en">Emergency</span>',
  POLICY: 'Chính sách <span class="en">Policy</span>',
  NEWS: 'Tin tức <span class="en">News</span>',
};

/** Notices, emergencies first, then as given (newest first). */
function renderNotices(notices: readonly NoticeRow[]): string {
  if (notices.length === 0) return '<p class="empty" id="notice-feed">Không có thông báo nào của thành phố. <span class="en">(No notices.)</span></p>';
  const ordered = [...notices.filter((notice) => notice.kind === 'EMERGENCY'), ...notices.filter((notice) => notice.kind !== 'EMERGENCY')];
  const items = ordered.map((notice) => {
    const emergency = notice.kind === 'EMERGENCY';
    const kind = `<span class="status ${emergency ? 'bad' : 'info'}">${NOTICE_KIND[notice.kind] ?? escapeHtml(notice.kind)}</span>`;
    const until = notice.validUntil ? ` · đến <span class="en">until</span> ${formatDateTime(notice.validUntil)}` : '';
    return `<li class="notice${emergency ? ' emergency' : ''}" id="notice-${escapeHtml(notice.id)}" data-kind="${escapeHtml(notice.kind)}">${kind} <strong>${escapeHtml(notice.title)}</strong>
<p>${escapeHtml(notice.body)}</p>
<p class="muted">${formatDateTime(notice.publishedAt)}${until}</p></li>`;
  });
  return `<ul class="notes" id="notice-feed">${items.join('\n')}</ul>`;
}

/** What the inbox page shows. */
export interface InboxContent {
  readonly notifications: readonly NotificationRow[] | undefined;
  readonly notificationsError?: string | undefined;
  readonly notices: readonly NoticeRow[] | undefined;
  readonly noticesError?: string | undefined;
  /** A refused "mark read" (bad id, someone else's message), shown above the list. */
  readonly actionError?: string | undefined;
  readonly bases: PortalBases;
}

/** The inbox page. */
export function renderInbox(frame: PageFrame, content: InboxContent): string {
  const csrf = frame.csrf ?? '';
  const unread = frame.user?.unread;
  return renderLayout(
    frame,
    'Thông báo',
    `
<div class="grid">
<section class="card" aria-labelledby="inbox-title">
<h1 id="inbox-title">Hộp thư thông báo <span class="en">Inbox</span></h1>
<p class="muted" id="inbox-unread">${unread === undefined ? '' : `${unread} chưa đọc <span class="en">unread</span>`}</p>
${sectionError(content.actionError)}
${sectionError(content.notificationsError)}
<form method="post" action="/thong-bao/da-doc-tat-ca" id="mark-all"><input type="hidden" name="csrf" value="${escapeHtml(csrf)}"><button class="btn secondary" type="submit">Đánh dấu tất cả đã đọc <span class="en">Mark all read</span></button></form>
${renderNotificationList(content.notifications ?? [], content.bases, csrf)}
</section>
<section class="card" aria-labelledby="notices-title">
<h2 id="notices-title">Thông báo của thành phố <span class="en">City notices</span></h2>
${sectionError(content.noticesError)}
${renderNotices(content.notices ?? [])}
<p class="hint">Thông báo cho mọi người, cho phường và chủ đề bạn theo dõi, và riêng cho bạn. <span class="en">For everyone, your followed wards and topics, and you.</span></p>
</section>
</div>`,
  );
}
