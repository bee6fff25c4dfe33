// `answer`: a citizen's question against the catalogue. What comes back is always a record of the
// catalogue: an FAQ entry's own answer, or a procedure's time, fee, agency and documents as they are
// stored; nothing is composed beyond putting those in a sentence. Below the confidence threshold the
// reply says it does not know and offers to open a 1022 item instead.
import type { Agency, FaqEntry, Procedure } from '../prisma/generated/client.ts';
import type { CatalogueSnapshot } from './catalogue-index.ts';
import type { SearchHit } from './search/engine.ts';

/** One answer, as the AnswerItem type shows it. */
export interface AnswerItemView {
  readonly kind: 'PROCEDURE' | 'FAQ';
  readonly confidence: number;
  readonly title: string;
  readonly text: string;
  readonly link: string;
  readonly procedure: Procedure | null;
  readonly faqEntry: FaqEntry | null;
}

/** The reply to a question. */
export interface AnswerView {
  readonly known: boolean;
  readonly suggestFeedback: boolean;
  readonly message: string;
  readonly items: readonly AnswerItemView[];
}

const KNOWN = 'Thông tin phù hợp nhất với câu hỏi của bạn, từ cơ sở dữ liệu thủ tục hành chính và hỏi đáp của Thành phố.';
const UNKNOWN = 'Chưa tìm thấy câu trả lời cho câu hỏi này trong cơ sở dữ liệu thủ tục hành chính và hỏi đáp. Bạn có thể gửi phản ánh, kiến nghị qua 1022 để cơ quan có thẩm quyền trả lời.';

const money = new Intl.NumberFormat('vi-VN');

/** Links to the portal's pages of a procedure and of an FAQ entry. */
export function procedureLink(portalUrl: string, code: string): string {
  return `${portalUrl}/thu-tuc/${encodeURIComponent(code)}`;
}

/** The portal page of an FAQ entry. */
export function faqLink(portalUrl: string, code: string): string {
  return `${portalUrl}/hoi-dap/${encodeURIComponent(code)}`;
}

/** A procedure's record in one paragraph: time, fee, where, what to bring, how to file. */
export function procedureSummary(procedure: Procedure, agency: Agency | undefined): string {
  const fee = procedure.feeVnd > 0 ? `${money.format(procedure.feeVnd)} đồng` : 'không mất phí';
  const parts = [
    `Thời hạn giải quyết: ${procedure.processingDays} ngày làm việc.`,
    `Phí, lệ phí: ${fee}.`,
    ...(agency ? [`Nơi giải quyết: ${agency.name}.`] : []),
    ...(procedure.requiredDocuments.length > 0 ? [`Hồ sơ gồm: ${procedure.requiredDocuments.join('; ')}.`] : []),
    procedure.onlineLevel === 'FULL' ? 'Nộp trực tuyến toàn trình trên Cổng dịch vụ công.' : 'Nộp trực tuyến một phần trên Cổng dịch vụ công hoặc trực tiếp.',
  ];
  return parts.join(' ');
}

/** The reply for the hits of one question (hits already filtered by the threshold). */
export function composeAnswer(hits: readonly SearchHit[], snapshot: CatalogueSnapshot, portalUrl: string): AnswerView {
  const items = hits.flatMap((hit): AnswerItemView[] => {
    const confidence = Math.round(hit.confidence * 1000) / 1000;
    if (hit.document.kind === 'PROCEDURE') {
      const procedure = snapshot.procedures.get(hit.document.code);
      if (!procedure) return [];
      const text = procedureSummary(procedure, snapshot.agencies.get(procedure.agencyCode));
      return [{ kind: 'PROCEDURE', confidence, title: procedure.name, text, link: procedureLink(portalUrl, procedure.code), procedure, faqEntry: null }];
    }
    const entry = snapshot.faqEntries.get(hit.document.code);
    if (!entry) return [];
    return [{ kind: 'FAQ', confidence, title: entry.question, text: entry.answer, link: faqLink(portalUrl, entry.code), procedure: null, faqEntry: entry }];
  });
  return items.length > 0 ? { known: true, suggestFeedback: false, message: KNOWN, items } : { known: false, suggestFeedback: true, message: UNKNOWN, items: [] };
}
