// What each event asks the notification subgraph to say, and to whom: a kind, its recipients (subjects),
// the template values and the link. Payloads carry subjects, codes and dates only (never free text), so
// the wording is ours (templates/). The dossier.* payloads are those subgraphs/dossier/lifecycle/events.ts
// writes, the planning.* ones those agreed for that issue (README, "Events consumed"); an event whose
// payload does not parse is skipped.
import { vietnamWallClock } from '../../../platform/vietnam-time.ts';
import { z } from 'zod';
import type { BusEvent } from '../../kit/events/bus.ts';
import type { MessageKind } from '../prisma/generated/client.ts';
import type { TemplateValues } from '../templates/render.ts';

/** Who to tell what. */
export interface Intent {
  readonly kind: MessageKind;
  /** Subjects, distinct; empty: nobody to tell. */
  readonly recipients: readonly string[];
  readonly values: TemplateValues;
  /** Code of the record it is about (feedback item, directive, dossier, parcel). */
  readonly link: string | null;
  /** Emergencies ignore quiet hours. */
  readonly emergency?: boolean;
}

const subject = z.string().min(1).max(255);
const code = z.string().min(1).max(64);
const instant = z.iso.datetime({ offset: true });
const subjects = z.array(subject).max(10_000);

const item = z.object({ code, citizenId: subject.nullable().optional() });
const progress = item.extend({ committedAt: instant });
const reopened = z.object({ code, officerIds: subjects.default([]) });
const summary = z.object({
  leaderId: subject,
  week: z.string().regex(/^\d{4}-W\d{2}$/),
  periodStart: instant,
  periodEnd: instant,
  received: z.number().int().min(0),
  handled: z.number().int().min(0),
  late: z.number().int().min(0),
});
const directiveIssued = z.object({ code, officerIds: subjects, dueAt: instant });
const directiveReplied = z.object({ code, leaderId: subject, unitCode: code });
const directiveOverdue = z.object({ code, leaderId: subject, officerIds: subjects.default([]), dueAt: instant });
/** What every dossier.* event carries (subgraphs/dossier/lifecycle/events.ts): the owner is null for a dossier filed without an account. */
const dossier = z.object({
  code,
  citizenId: subject.nullable(),
  agencyCode: code.optional(),
  procedureCode: code.optional(),
  dueAt: instant.optional(),
  newDueAt: instant.optional(),
});
// Built once: extending a schema per event cost more than parsing with it.
const dossierStatusChanged = dossier.extend({ to: z.string().min(1).max(32) });
const dossierLateApology = dossier.extend({ newDueAt: instant });
/** The owner to tell, if the dossier has one. */
const ownerOf = (citizenId: string | null) => (citizenId ? [citizenId] : []);
/** One per follower of a parcel in a changed scheme (subgraphs/planning/import/import.ts). */
const schemeChanged = z.object({ parcelId: code, schemeCode: code, citizenId: subject, sheet: z.number().int().optional(), number: z.number().int().optional() });

/** Vietnamese names of the dossier states (DOMAIN.md's neutral enum). */
const DOSSIER_STATUS: Readonly<Record<string, string>> = {
  NEW: 'Mới',
  RECEIVING: 'Đang tiếp nhận',
  WAITING_SUPPLEMENT: 'Chờ bổ sung',
  PAYING: 'Chờ thanh toán',
  PROCESSING: 'Đang xử lý',
  INTER_AGENCY: 'Đang xử lý liên thông',
  RELEASING: 'Chờ trả kết quả',
  DONE: 'Đã có kết quả',
  UNRESOLVED: 'Không giải quyết được',
  CANCELLED: 'Đã hủy',
  DENIED: 'Bị từ chối',
};

/** "20/11/2026 15:00" in Việt Nam time (UTC+7 all year). */
export function vietnamTime(iso: string): string {
  const local = vietnamWallClock(new Date(iso));
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(local.getUTCDate())}/${pad(local.getUTCMonth() + 1)}/${local.getUTCFullYear()} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}`;
}

function to(kind: MessageKind, recipients: readonly (string | null | undefined)[], values: TemplateValues, link: string | null): Intent {
  return { kind, recipients: [...new Set(recipients.filter((one): one is string => typeof one === 'string'))], values, link };
}

/** The intent of `event`; undefined when the topic is not one we act on. Throws (zod) on a payload we cannot read. */
export function intentOf(event: BusEvent): Intent | undefined {
  const payload = event.payload;
  switch (event.topic) {
    case 'feedback.item-routed':
    case 'feedback.item-rejected':
    case 'feedback.item-resolved': {
      const { code, citizenId } = item.parse(payload);
      const kind = ({ 'feedback.item-routed': 'FEEDBACK_ROUTED', 'feedback.item-rejected': 'FEEDBACK_REJECTED', 'feedback.item-resolved': 'FEEDBACK_RESOLVED' } as const)[event.topic];
      // Items recorded for callers without an account have nobody to tell.
      return to(kind, [citizenId], { code }, code);
    }
    case 'feedback.item-progress-reported': {
      const { code, citizenId, committedAt } = progress.parse(payload);
      return to('FEEDBACK_PROGRESS_REPORTED', [citizenId], { code, committedAt: vietnamTime(committedAt) }, code);
    }
    case 'feedback.item-reopened': {
      const { code, officerIds } = reopened.parse(payload);
      return to('FEEDBACK_REOPENED', officerIds, { code }, code);
    }
    case 'feedback.weekly-summary': {
      const week = summary.parse(payload);
      const [year, number] = week.week.split('-W') as [string, string];
      return to(
        'FEEDBACK_WEEKLY_SUMMARY',
        [week.leaderId],
        { week: Number(number), year, from: vietnamTime(week.periodStart), to: vietnamTime(week.periodEnd), received: week.received, handled: week.handled, late: week.late },
        null,
      );
    }
    case 'feedback.directive-issued': {
      const { code, officerIds, dueAt } = directiveIssued.parse(payload);
      return to('DIRECTIVE_ISSUED', officerIds, { code, dueAt: vietnamTime(dueAt) }, code);
    }
    case 'feedback.directive-replied': {
      const { code, leaderId, unitCode } = directiveReplied.parse(payload);
      return to('DIRECTIVE_REPLIED', [leaderId], { code, unitCode }, code);
    }
    case 'feedback.directive-overdue': {
      const { code, leaderId, officerIds, dueAt } = directiveOverdue.parse(payload);
      return to('DIRECTIVE_OVERDUE', [leaderId, ...officerIds], { code, dueAt: vietnamTime(dueAt) }, code);
    }
    case 'dossier.status-changed': {
      const { code, citizenId, to: status } = dossierStatusChanged.parse(payload);
      return to('DOSSIER_STATUS_CHANGED', ownerOf(citizenId), { code, status: DOSSIER_STATUS[status] ?? status }, code);
    }
    case 'dossier.supplement-requested':
    case 'dossier.result-ready': {
      const { code, citizenId } = dossier.parse(payload);
      return to(event.topic === 'dossier.result-ready' ? 'DOSSIER_RESULT' : 'DOSSIER_SUPPLEMENT', ownerOf(citizenId), { code }, code);
    }
    case 'dossier.late-apology': {
      const { code, citizenId, newDueAt } = dossierLateApology.parse(payload);
      return to('DOSSIER_LATE_APOLOGY', ownerOf(citizenId), { code, newDueAt: vietnamTime(newDueAt) }, code);
    }
    case 'planning.scheme-changed': {
      const { parcelId, schemeCode, citizenId, sheet, number } = schemeChanged.parse(payload);
      const parcel = sheet !== undefined && number !== undefined ? `thửa ${number}, tờ bản đồ ${sheet}` : parcelId;
      return to('PLANNING_SCHEME_CHANGED', [citizenId], { parcel, scheme: schemeCode }, parcelId);
    }
    default:
      return undefined;
  }
}
