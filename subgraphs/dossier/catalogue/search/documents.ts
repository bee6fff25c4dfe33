// What of a procedure and of an FAQ entry the search reads: the title it is known by, and the texts
// that describe it. A procedure's steps are left out: they are the same few sentences everywhere
// ("nộp hồ sơ … trả kết quả"), and would only make every procedure match every question a little.
import type { SearchDocument } from './engine.ts';

/** The parts of a procedure the search reads. */
export interface ProcedureText {
  readonly code: string;
  readonly name: string;
  readonly field: string;
  readonly requiredDocuments: readonly string[];
  readonly legalBasis: string;
}

/** The parts of an FAQ entry the search reads. */
export interface FaqText {
  readonly code: string;
  readonly question: string;
  readonly answer: string;
  readonly field: string | null;
  readonly validFrom: Date;
  readonly validUntil: Date | null;
}

/** A procedure as a search document. */
export function procedureDocument(procedure: ProcedureText, agencyName: string | undefined): SearchDocument {
  return {
    id: `P:${procedure.code}`,
    kind: 'PROCEDURE',
    code: procedure.code,
    title: procedure.name,
    body: [procedure.field, agencyName ?? '', procedure.legalBasis, ...procedure.requiredDocuments],
    field: procedure.field,
  };
}

/** An FAQ entry as a search document. */
export function faqDocument(entry: FaqText, agencyName: string | undefined): SearchDocument {
  return {
    id: `F:${entry.code}`,
    kind: 'FAQ',
    code: entry.code,
    title: entry.question,
    body: [entry.answer, entry.field ?? '', agencyName ?? ''],
    field: entry.field,
    validFrom: entry.validFrom,
    validUntil: entry.validUntil,
  };
}
