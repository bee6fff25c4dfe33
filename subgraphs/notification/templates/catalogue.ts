// What each kind of notification may say: its placeholders (with the longest value each can take, so an
// SMS template's worst case is known when it is saved) and the built-in Vietnamese templates per channel
// (version 0: what is sent until the communications office saves a version of its own).
import type { DeliveryChannel, MessageKind } from '../prisma/generated/client.ts';

/** One placeholder a kind offers. */
export interface Placeholder {
  /** The longest value it takes (characters). */
  readonly maxLength: number;
  /** True when its values are always in the GSM-7 alphabet (codes, numbers, dates). */
  readonly gsm: boolean;
}

const code: Placeholder = { maxLength: 40, gsm: true };
const date: Placeholder = { maxLength: 16, gsm: true };
const count: Placeholder = { maxLength: 7, gsm: true };
const label: Placeholder = { maxLength: 60, gsm: false };

/** The placeholders of every kind that has templates. */
export const PLACEHOLDERS: Readonly<Record<MessageKind, Readonly<Record<string, Placeholder>>>> = {
  FEEDBACK_ROUTED: { code },
  FEEDBACK_REJECTED: { code },
  FEEDBACK_PROGRESS_REPORTED: { code, committedAt: date },
  FEEDBACK_RESOLVED: { code },
  FEEDBACK_REOPENED: { code },
  FEEDBACK_WEEKLY_SUMMARY: { week: count, year: count, from: date, to: date, received: count, handled: count, late: count },
  DIRECTIVE_ISSUED: { code, dueAt: date },
  DIRECTIVE_REPLIED: { code, unitCode: code },
  DIRECTIVE_OVERDUE: { code, dueAt: date },
  DOSSIER_RECEIVED: { code, dueAt: date },
  DOSSIER_STATUS_CHANGED: { code, status: label },
  DOSSIER_SUPPLEMENT: { code },
  DOSSIER_RESULT: { code },
  DOSSIER_LATE_APOLOGY: { code, newDueAt: date },
  PLANNING_SCHEME_CHANGED: { parcel: label, scheme: code },
  NOTICE: { title: { maxLength: 200, gsm: false } },
};

/** A template's parts: `subject` is the in-app title or the e-mail subject; `html` is e-mail only. */
export interface TemplateParts {
  readonly subject: string | null;
  readonly body: string;
  readonly html: string | null;
}

/** Which parts a channel needs. */
export const CHANNEL_PARTS: Readonly<Record<DeliveryChannel, { subject: boolean; html: boolean }>> = {
  IN_APP: { subject: true, html: false },
  EMAIL: { subject: true, html: true },
  SMS: { subject: false, html: false },
  ZALO: { subject: false, html: false },
};

/** At most this many SMS segments per message (4 UCS-2 segments: 268 characters of Vietnamese). */
export const SMS_MAX_SEGMENTS = 4;

// The wording of each kind: a title and a sentence, from which every channel's built-in is made.
const WORDING: Readonly<Record<MessageKind, { title: string; body: string }>> = {
  FEEDBACK_ROUTED: { title: 'Phản ánh đã được chuyển đến đơn vị xử lý', body: 'Phản ánh {{code}} đã được chuyển đến đơn vị có thẩm quyền xử lý.' },
  FEEDBACK_REJECTED: { title: 'Phản ánh không được tiếp nhận', body: 'Phản ánh {{code}} không được tiếp nhận. Lý do được ghi trong chi tiết phản ánh trên Cổng 1022.' },
  FEEDBACK_PROGRESS_REPORTED: { title: 'Phản ánh đang được xử lý', body: 'Đơn vị xử lý phản ánh {{code}} đã báo cáo tiến độ, dự kiến có kết quả trước {{committedAt}}.' },
  FEEDBACK_RESOLVED: { title: 'Phản ánh đã có kết quả xử lý', body: 'Phản ánh {{code}} đã được xử lý. Mời bạn xem kết quả và đánh giá đơn vị xử lý.' },
  FEEDBACK_REOPENED: { title: 'Phản ánh được mở lại', body: 'Người phản ánh chưa đồng ý với kết quả xử lý phản ánh {{code}}; đề nghị đơn vị xem xét, xử lý lại.' },
  FEEDBACK_WEEKLY_SUMMARY: { title: 'Tổng hợp phản ánh tuần {{week}}/{{year}}', body: 'Từ {{from}} đến {{to}}: tiếp nhận {{received}}, đã xử lý {{handled}}, trễ hạn {{late}}.' },
  DIRECTIVE_ISSUED: { title: 'Chỉ đạo mới', body: 'Đơn vị nhận chỉ đạo {{code}}, hạn báo cáo {{dueAt}}.' },
  DIRECTIVE_REPLIED: { title: 'Đơn vị đã báo cáo chỉ đạo', body: 'Đơn vị {{unitCode}} đã báo cáo kết quả thực hiện chỉ đạo {{code}}.' },
  DIRECTIVE_OVERDUE: { title: 'Chỉ đạo quá hạn báo cáo', body: 'Chỉ đạo {{code}} đã quá hạn báo cáo ({{dueAt}}).' },
  DOSSIER_RECEIVED: { title: 'Hồ sơ đã được tiếp nhận', body: 'Hồ sơ {{code}} đã được tiếp nhận, hẹn trả kết quả {{dueAt}}.' },
  DOSSIER_STATUS_CHANGED: { title: 'Hồ sơ thay đổi trạng thái', body: 'Hồ sơ {{code}} chuyển sang trạng thái: {{status}}.' },
  DOSSIER_SUPPLEMENT: { title: 'Hồ sơ cần bổ sung', body: 'Hồ sơ {{code}} cần bổ sung giấy tờ. Vui lòng xem yêu cầu trên Cổng dịch vụ công.' },
  DOSSIER_RESULT: { title: 'Hồ sơ đã có kết quả', body: 'Hồ sơ {{code}} đã có kết quả. Mời bạn nhận kết quả theo hình thức đã đăng ký.' },
  DOSSIER_LATE_APOLOGY: { title: 'Thư xin lỗi về việc trễ hẹn', body: 'Cơ quan giải quyết xin lỗi vì hồ sơ {{code}} trễ hẹn; ngày hẹn trả mới là {{newDueAt}}.' },
  PLANNING_SCHEME_CHANGED: { title: 'Quy hoạch thửa đất bạn theo dõi thay đổi', body: 'Thửa đất {{parcel}} thuộc đồ án quy hoạch {{scheme}} vừa được điều chỉnh.' },
  NOTICE: { title: '{{title}}', body: 'Thông báo mới từ Thành phố: {{title}}. Xem chi tiết trong ứng dụng.' },
};

/** The built-in template of `kind` on `channel` (version 0). */
export function builtInTemplate(kind: MessageKind, channel: DeliveryChannel): TemplateParts {
  const { title, body } = WORDING[kind];
  switch (channel) {
    case 'IN_APP':
      return { subject: title, body, html: null };
    case 'EMAIL':
      return { subject: title, body: `${body}\n\nCổng thông tin Liên Thông`, html: `<p>${body}</p><p>Cổng thông tin Liên Thông</p>` };
    case 'SMS':
    case 'ZALO':
      return { subject: null, body, html: null };
  }
}
