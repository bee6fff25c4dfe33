// The dossier states as data: which status may follow which (the one legal-transition table), where a
// dossier may start, which states are final, how a timeline entry's kind follows from its statuses,
// and each state's Vietnamese label. The vocabulary is OpenCPS's (NEW … DENIED); which transitions are
// legal is ours (modelled from the one-stop workflow: reception, supplement, fees, processing, inter-agency
// steps, release; the national portal publishes no transition table).
import type { DossierEventKind, DossierStatus } from '../prisma/generated/client.ts';

/** Where a dossier may go from each status (a step that keeps the status is allowed in every non-final state). */
export const TRANSITIONS: Readonly<Record<DossierStatus, readonly DossierStatus[]>> = {
  NEW: ['RECEIVING', 'PROCESSING', 'WAITING_SUPPLEMENT', 'CANCELLED', 'DENIED'],
  RECEIVING: ['WAITING_SUPPLEMENT', 'PAYING', 'PROCESSING', 'CANCELLED', 'DENIED'],
  // The supplement supplied returns the dossier to reception or to the step that asked for it.
  WAITING_SUPPLEMENT: ['RECEIVING', 'PROCESSING', 'INTER_AGENCY', 'CANCELLED', 'DENIED'],
  PAYING: ['PROCESSING', 'CANCELLED', 'DENIED'],
  PROCESSING: ['INTER_AGENCY', 'WAITING_SUPPLEMENT', 'PAYING', 'RELEASING', 'UNRESOLVED', 'DENIED'],
  INTER_AGENCY: ['PROCESSING', 'WAITING_SUPPLEMENT', 'RELEASING', 'UNRESOLVED', 'DENIED'],
  RELEASING: ['DONE', 'UNRESOLVED'],
  DONE: [],
  UNRESOLVED: [],
  CANCELLED: [],
  DENIED: [],
};

/** Where a dossier's first timeline entry may put it: submitted online (NEW), at a counter (RECEIVING), or accepted on the spot (PROCESSING). */
export const INITIAL_STATUSES: ReadonlySet<DossierStatus> = new Set<DossierStatus>(['NEW', 'RECEIVING', 'PROCESSING']);

/** States nothing follows. */
export const FINAL_STATUSES: ReadonlySet<DossierStatus> = new Set<DossierStatus>(['DONE', 'UNRESOLVED', 'CANCELLED', 'DENIED']);

/** States with a result handed back (returnedAt is set on entering one). */
export const RESULT_STATUSES: ReadonlySet<DossierStatus> = new Set<DossierStatus>(['DONE', 'UNRESOLVED', 'DENIED']);

/** Before processing starts: the owner may still withdraw (rút hồ sơ). */
export const WITHDRAWABLE_STATUSES: ReadonlySet<DossierStatus> = new Set<DossierStatus>(['NEW', 'RECEIVING', 'WAITING_SUPPLEMENT', 'PAYING']);

/** Kinds an entry keeps whatever its statuses (the others are derived from them and re-derived when an earlier event arrives). */
const EXPLICIT_KINDS: ReadonlySet<DossierEventKind> = new Set<DossierEventKind>(['WITHDRAWN', 'LATE_APOLOGY']);

/** Vietnamese label of each status, the current step when the agency names none. */
export const STATUS_LABELS: Readonly<Record<DossierStatus, string>> = {
  NEW: 'Mới nộp, chờ tiếp nhận',
  RECEIVING: 'Đang tiếp nhận',
  WAITING_SUPPLEMENT: 'Chờ công dân bổ sung hồ sơ',
  PAYING: 'Chờ thanh toán phí, lệ phí',
  PROCESSING: 'Đang giải quyết',
  INTER_AGENCY: 'Đang giải quyết liên thông',
  RELEASING: 'Có kết quả, chờ trả',
  DONE: 'Đã trả kết quả',
  UNRESOLVED: 'Đã trả: không giải quyết được',
  CANCELLED: 'Đã rút hoặc hủy',
  DENIED: 'Từ chối giải quyết',
};

/**
 * Whether an entry may move a dossier from `from` (null: it is the first entry) to `to`. A step that keeps
 * the status (another agency's step, an apology) is legal in every non-final state; a withdrawal goes to
 * CANCELLED only, an apology keeps the status.
 */
export function isLegalTransition(from: DossierStatus | null, to: DossierStatus, kind?: DossierEventKind): boolean {
  if (kind === 'WITHDRAWN' && (to !== 'CANCELLED' || from === null || !WITHDRAWABLE_STATUSES.has(from))) return false;
  if (kind === 'LATE_APOLOGY' && from !== to) return false;
  if (from === null) return INITIAL_STATUSES.has(to);
  if (from === to) return !FINAL_STATUSES.has(from);
  return TRANSITIONS[from].includes(to);
}

/** The kind of an entry from its statuses, unless it was given one that stays (a withdrawal, an apology). */
export function eventKind(from: DossierStatus | null, to: DossierStatus, given?: DossierEventKind): DossierEventKind {
  if (given !== undefined && EXPLICIT_KINDS.has(given)) return given;
  if (from === null) return 'RECEIVED';
  if (from === to) return 'STEP';
  if (to === 'WAITING_SUPPLEMENT') return 'SUPPLEMENT_REQUESTED';
  if (from === 'WAITING_SUPPLEMENT' && !FINAL_STATUSES.has(to)) return 'SUPPLEMENT_SUPPLIED';
  if (from === 'PAYING' && to === 'PROCESSING') return 'FEE_PAID';
  if (to === 'RELEASING') return 'RESULT_READY';
  if (from === 'RELEASING') return 'RETURNED';
  return 'STATUS_CHANGED';
}
