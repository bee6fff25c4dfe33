// A dossier's status in words and its timeline, as both the public tracking page and a citizen's own
// dossier page show them.
import { escapeHtml } from '../../../platform/html.ts';
import { formatDateTime, statusBadge } from './layout.ts';

/** A dossier status → its Vietnamese label and badge tone. */
export const DOSSIER_STATUS: Readonly<Record<string, [string, string]>> = {
  NEW: ['Mới nộp', 'info'],
  RECEIVING: ['Đang tiếp nhận', 'info'],
  WAITING_SUPPLEMENT: ['Chờ bổ sung', 'bad'],
  PAYING: ['Chờ nộp phí', 'warn'],
  PROCESSING: ['Đang xử lý', 'warn'],
  INTER_AGENCY: ['Liên thông xử lý', 'warn'],
  RELEASING: ['Chờ trả kết quả', 'info'],
  DONE: ['Đã trả kết quả', 'ok'],
  UNRESOLVED: ['Không giải quyết được', 'bad'],
  CANCELLED: ['Đã hủy', ''],
  DENIED: ['Từ chối', 'bad'],
};

/** A timeline step's kind → its Vietnamese words. */
const STEP_KIND: Readonly<Record<string, string>> = {
  RECEIVED: 'Tiếp nhận hồ sơ',
  STATUS_CHANGED: 'Chuyển trạng thái',
  STEP: 'Xử lý',
  SUPPLEMENT_REQUESTED: 'Yêu cầu bổ sung',
  SUPPLEMENT_SUPPLIED: 'Đã bổ sung',
  FEE_PAID: 'Đã nộp phí',
  RESULT_READY: 'Có kết quả',
  RETURNED: 'Trả kết quả',
  WITHDRAWN: 'Rút hồ sơ',
  LATE_APOLOGY: 'Thư xin lỗi, hẹn lại',
};

/** One step of a timeline as the pages show it (a public step or an owner's step). */
export interface TimelineStep {
  readonly kind: string;
  readonly status?: string | null;
  readonly toStatus?: string | null;
  readonly agency?: { readonly name: string } | null;
  readonly occurredAt: string;
  readonly name?: string | null;
  readonly dueAt?: string | null;
  readonly newDueAt?: string | null;
  readonly note?: string | null;
}

/** A timeline, oldest first, as an ordered list. */
export function renderTimeline(steps: readonly TimelineStep[]): string {
  if (steps.length === 0) return `<p class="empty">Chưa có bước xử lý nào. <span class="en">(No steps yet.)</span></p>`;
  const items = steps.map((step) => {
    const status = step.toStatus ?? step.status;
    const what = escapeHtml(step.name ?? STEP_KIND[step.kind] ?? step.kind);
    const extra = [
      step.dueAt ? `hạn bước: ${formatDateTime(step.dueAt, false)}` : '',
      step.newDueAt ? `hẹn trả mới: ${formatDateTime(step.newDueAt, false)}` : '',
      step.note ? `<br><span class="note">${escapeHtml(step.note)}</span>` : '',
    ].filter(Boolean);
    return `<li><span class="when">${formatDateTime(step.occurredAt)}</span> <strong>${what}</strong> ${status ? statusBadge(DOSSIER_STATUS, status) : ''}
<br><span class="muted">${escapeHtml(step.agency?.name ?? '')}${extra.length ? ` · ${extra.join(' · ')}` : ''}</span></li>`;
  });
  return `<ol class="timeline">${items.join('\n')}</ol>`;
}
