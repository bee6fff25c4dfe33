// The public-service portal's pages for a signed-in citizen: dossiers and the latest notifications, and a
// dossier's details (which need VNeID level 2).
import { escapeHtml } from '../../../platform/html.ts';
import { formatDateTime, renderLayout, sectionError, statusBadge } from './layout.ts';
import type { PageFrame } from './layout.ts';
import { renderNotificationList } from './notifications.ts';
import type { NotificationRow, PortalBases } from './notifications.ts';
import { DOSSIER_STATUS, renderTimeline } from './timeline.ts';
import type { TimelineStep } from './timeline.ts';

/** A dossier as the services page lists it. */
export interface DossierRow {
  readonly code: string;
  readonly status: string;
  readonly procedure?: { readonly name: string } | null;
  readonly dueAt: string;
}

/** The public-service portal for a signed-in citizen: dossiers and their latest notifications (the inbox has them all). */
export function renderServicesHome(
  frame: PageFrame,
  content: {
    dossiers: readonly DossierRow[] | undefined;
    dossiersError?: string;
    notifications: readonly NotificationRow[] | undefined;
    notificationsError?: string;
    bases: PortalBases;
  },
): string {
  const needsStepUp = frame.user?.acr !== '2';
  const rows = content.dossiers ?? [];
  const dossiers = rows.length
    ? `<div class="table-wrap" tabindex="0" role="region" aria-label="Hồ sơ của tôi (My dossiers)"><table id="my-dossiers"><thead><tr><th>Mã hồ sơ<small>Code</small></th><th>Thủ tục<small>Procedure</small></th><th>Trạng thái<small>Status</small></th><th>Hẹn trả<small>Due</small></th><th></th></tr></thead><tbody>
${rows
  .map(
    (
      row,
    ) => `<tr id="item-${escapeHtml(row.code)}"><td><code>${escapeHtml(row.code)}</code></td><td>${escapeHtml(row.procedure?.name ?? '')}</td><td data-status-of="${escapeHtml(row.code)}">${statusBadge(DOSSIER_STATUS, row.status)}</td><td class="muted">${formatDateTime(row.dueAt, false)}</td>
<td><a href="/dossiers/${encodeURIComponent(row.code)}">Chi tiết</a>${needsStepUp ? '<br><span class="lock" title="Needs VNeID level 2">cần VNeID mức 2</span>' : ''}</td></tr>`,
  )
  .join('\n')}
</tbody></table></div>`
    : `<p class="empty" id="my-dossiers">Bạn chưa có hồ sơ nào. <span class="en">(No dossiers.)</span></p>`;
  return renderLayout(
    frame,
    'Hồ sơ của tôi',
    `
<div class="grid wide">
<section class="card">
<h1>Hồ sơ của tôi <span class="en">My dossiers</span></h1>
<p class="muted">Hồ sơ thủ tục hành chính nộp trực tuyến hoặc tại bộ phận một cửa.</p>
${sectionError(content.dossiersError)}
${dossiers}
</section>
<section class="card">
<h2>Thông báo mới nhất <span class="en">Latest notifications</span></h2>
${sectionError(content.notificationsError)}
<div id="my-notifications">${renderNotificationList(content.notifications ?? [], content.bases)}</div>
<p class="actions"><a href="/thong-bao">Xem tất cả, đánh dấu đã đọc <span class="en">All notifications</span> →</a></p>
</section>
</div>`,
  );
}

/** Dossier detail (needs VNeID level 2). */
export interface DossierDetail {
  readonly code: string;
  readonly status: string;
  readonly procedure?: { readonly code: string; readonly name: string } | null;
  readonly agency?: { readonly name: string } | null;
  readonly currentStep?: string | null;
  readonly supplementRequest?: string | null;
  readonly receivedAt?: string | null;
  readonly dueAt: string;
  readonly rescheduledDueAt?: string | null;
  readonly returnedAt?: string | null;
  readonly overdue?: boolean | null;
  readonly timeline?: readonly TimelineStep[] | null;
}

/** A dossier's details: status, procedure, agency, current step, supplement request, dates, and its whole timeline. */
export function renderDossierDetail(frame: PageFrame, dossier: DossierDetail): string {
  return renderLayout(
    frame,
    `Hồ sơ ${dossier.code}`,
    `
<section class="card" id="dossier-detail">
<p><a href="/">← Hồ sơ của tôi · My dossiers</a></p>
<h1>Hồ sơ <code>${escapeHtml(dossier.code)}</code></h1>
<dl>
<dt>Trạng thái · Status</dt><dd><span data-status-of="${escapeHtml(dossier.code)}">${statusBadge(DOSSIER_STATUS, dossier.status)}</span>${dossier.overdue ? ' <span class="status bad">Quá hạn</span>' : ''}</dd>
${dossier.procedure ? `<dt>Thủ tục · Procedure</dt><dd><a href="/thu-tuc/${encodeURIComponent(dossier.procedure.code)}">${escapeHtml(dossier.procedure.name)}</a></dd>` : ''}
${dossier.agency ? `<dt>Cơ quan · Agency</dt><dd>${escapeHtml(dossier.agency.name)}</dd>` : ''}
<dt>Bước hiện tại · Current step</dt><dd>${escapeHtml(dossier.currentStep ?? '—')}</dd>
<dt>Yêu cầu bổ sung · Supplement request</dt><dd>${escapeHtml(dossier.supplementRequest ?? 'Không có · None')}</dd>
${dossier.receivedAt ? `<dt>Ngày nhận · Received</dt><dd>${formatDateTime(dossier.receivedAt)}</dd>` : ''}
<dt>Hẹn trả · Due</dt><dd>${formatDateTime(dossier.dueAt, false)}${dossier.rescheduledDueAt ? ` → hẹn lại ${formatDateTime(dossier.rescheduledDueAt, false)}` : ''}</dd>
${dossier.returnedAt ? `<dt>Đã trả · Returned</dt><dd>${formatDateTime(dossier.returnedAt)}</dd>` : ''}
</dl>
<h2>Quá trình xử lý <span class="en">Timeline</span></h2>
<div id="dossier-timeline">${renderTimeline(dossier.timeline ?? [])}</div>
<p class="hint">Thông tin chi tiết hồ sơ cần định danh VNeID mức 2. <span class="en">Dossier details need VNeID level 2.</span></p>
</section>`,
  );
}
