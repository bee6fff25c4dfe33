// The GraphQL entries of the catalogue: search and answers (public), FAQ entries (public while valid),
// the edits of catalogue editors and the history (editors and 1022 operators). The gateway's @policy
// admits the roles; the checks here hold whatever path a request took.
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { CATALOGUE_EDITOR_ROLE } from '../../../auth/policies.ts';
import { hasRole } from '../../../auth/viewer.ts';
import type { Viewer } from '../../../auth/viewer.ts';
import { codedError } from '../../../schema/errors.ts';
import { requireSubject } from '../../kit/access.ts';
import { pageSize } from '../../kit/loaders.ts';
import type { CatalogueChange, CatalogueEntity, FaqEntry, Procedure } from '../prisma/generated/client.ts';
import type { DossierContext as Context } from '../services.ts';
import { composeAnswer, faqLink, procedureLink } from './answer.ts';
import type { FieldChange } from './history.ts';
import { listChanges } from './history.ts';
import { createFaqEntry, isValidAt, listFaqEntries, updateFaqEntry } from './faq.ts';
import type { FaqEntryChanges, FaqEntryInput } from './faq.ts';
import { createProcedure, listFields, listProcedures, updateProcedure } from './procedures.ts';
import type { Fee, ProcedureChanges, ProcedureInput } from './procedures.ts';
import type { DocumentKind } from './search/engine.ts';
import { badInput, checkFaqCode, checkProcedureCode, checkQuery, checkText, MAX_QUESTION_CHARS, MAX_SEARCH_CHARS } from './validation.ts';

/**
 * A search list shows what a source covers at least this well: lower than an answer's threshold, since a
 * list is browsed, but high enough to keep unrelated procedures out.
 */
const SEARCH_MIN_CONFIDENCE = 0.3;
const PROCEDURES_ONLY: ReadonlySet<DocumentKind> = new Set(['PROCEDURE']);
const FAQ_ONLY: ReadonlySet<DocumentKind> = new Set(['FAQ']);

/** Catalogue editors and 1022 operators: they see the history and entries that are not valid now. */
function isCatalogueStaff(viewer: Viewer): boolean {
  return hasRole(viewer, CATALOGUE_EDITOR_ROLE) || hasRole(viewer, 'operator');
}

/** The editor's subject, or FORBIDDEN. */
function editor(viewer: Viewer): string {
  if (!hasRole(viewer, CATALOGUE_EDITOR_ROLE)) throw codedError('FORBIDDEN', 'Only catalogue editors may change the procedure catalogue and the FAQ.');
  return requireSubject(viewer);
}

function optionalField(field: string | null | undefined): string | undefined {
  return field == null ? undefined : checkText(field, 'field', 1, 100);
}

function optionalSearch(search: string | null | undefined): string | undefined {
  return search == null ? undefined : checkQuery(search, 'search', MAX_SEARCH_CHARS);
}

/** An expectedRevision, when given, is a revision number. */
function optionalRevision(revision: number | null | undefined): number | undefined {
  if (revision == null) return undefined;
  if (!Number.isInteger(revision) || revision < 1) throw badInput('expectedRevision must be a revision number (1 or more).', 'expectedRevision', 'OUT_OF_RANGE');
  return revision;
}

/** A change's fields as the API shows them: each value as JSON text (null: none, before a creation). */
function fieldChanges(change: CatalogueChange) {
  const changes = Array.isArray(change.changes) ? (change.changes as unknown as FieldChange[]) : [];
  return changes.map((one) => ({ field: one.field, before: one.before === null ? null : JSON.stringify(one.before), after: one.after === null ? null : JSON.stringify(one.after) }));
}

/** Query, Mutation and type resolvers of the catalogue. */
export const catalogueResolvers = {
  Query: {
    procedures: async (_root: unknown, args: { search?: string | null; field?: string | null; first?: number | null }, { db, services }: Context) => {
      const first = pageSize(args.first, 50, 200);
      const field = optionalField(args.field);
      const search = optionalSearch(args.search);
      if (search === undefined) return listProcedures(db, { field, first });
      const snapshot = await services.catalogue.snapshot();
      const hits = snapshot.index.search(search, { kinds: PROCEDURES_ONLY, field, limit: first, minConfidence: SEARCH_MIN_CONFIDENCE, now: new Date() });
      return hits.flatMap((hit) => snapshot.procedures.get(hit.document.code) ?? []);
    },
    procedure: (_root: unknown, { code }: { code: string }, { loaders }: Context) => loaders.procedure.load(checkProcedureCode(code)),
    answer: async (_root: unknown, args: { question: string; first?: number | null }, { services }: Context) => {
      const question = checkQuery(args.question, 'question', MAX_QUESTION_CHARS);
      const snapshot = await services.catalogue.snapshot();
      // At least one: "do not know" must mean nothing fits, never that nothing was asked for.
      const hits = snapshot.index.search(question, { limit: Math.max(1, pageSize(args.first, 3, 10)), minConfidence: services.config.answerMinConfidence, now: new Date() });
      return composeAnswer(hits, snapshot, services.config.portalUrl);
    },
    faqEntries: async (_root: unknown, args: { search?: string | null; field?: string | null; includeInvalid?: boolean | null; first?: number | null }, { db, viewer, services }: Context) => {
      const includeInvalid = args.includeInvalid === true;
      if (includeInvalid && !isCatalogueStaff(viewer)) throw codedError('FORBIDDEN', 'Only catalogue editors and 1022 operators see FAQ entries that are not valid now.');
      const first = pageSize(args.first, 20, 100);
      const field = optionalField(args.field);
      const search = optionalSearch(args.search);
      const now = new Date();
      if (search === undefined) return listFaqEntries(db, { field, includeInvalid, now, first });
      const snapshot = await services.catalogue.snapshot();
      const hits = snapshot.index.search(search, { kinds: FAQ_ONLY, field, limit: first, minConfidence: SEARCH_MIN_CONFIDENCE, now, includeInvalid });
      return hits.flatMap((hit) => snapshot.faqEntries.get(hit.document.code) ?? []);
    },
    faqEntry: async (_root: unknown, { code }: { code: string }, { loaders, viewer }: Context) => {
      const entry = await loaders.catalogue.faqEntry.load(checkFaqCode(code));
      // An entry that is not valid now looks missing to the public: it is not an answer.
      return entry && (isValidAt(entry, new Date()) || isCatalogueStaff(viewer)) ? entry : null;
    },
    catalogueFields: (_root: unknown, _args: unknown, { db }: Context) => listFields(db),
    catalogueChanges: (_root: unknown, args: { entity?: CatalogueEntity | null; code?: string | null; first?: number | null }, { db, viewer }: Context) => {
      if (!isCatalogueStaff(viewer)) throw codedError('FORBIDDEN', 'Only catalogue editors and 1022 operators see the history of the catalogue.');
      return listChanges(db, { entity: args.entity ?? undefined, code: args.code == null ? undefined : checkText(args.code, 'code', 1, 64), first: pageSize(args.first, 50, 200) });
    },
  },
  Mutation: {
    createProcedure: async (_root: unknown, { input }: { input: ProcedureInput }, { db, viewer, services }: Context) => {
      const created = await createProcedure(db, input, editor(viewer));
      services.catalogue.changed();
      return created;
    },
    updateProcedure: async (_root: unknown, args: { code: string; input: ProcedureChanges; expectedRevision?: number | null }, { db, viewer, services }: Context) => {
      const updated = await updateProcedure(db, args.code, args.input, optionalRevision(args.expectedRevision), editor(viewer));
      services.catalogue.changed();
      return updated;
    },
    createFaqEntry: async (_root: unknown, { input }: { input: FaqEntryInput }, { db, viewer, services }: Context) => {
      const created = await createFaqEntry(db, input, editor(viewer), new Date());
      services.catalogue.changed();
      return created;
    },
    updateFaqEntry: async (_root: unknown, args: { code: string; input: FaqEntryChanges; expectedRevision?: number | null }, { db, viewer, services }: Context) => {
      const updated = await updateFaqEntry(db, args.code, args.input, optionalRevision(args.expectedRevision), editor(viewer));
      services.catalogue.changed();
      return updated;
    },
  },
  Procedure: {
    agency: (procedure: Procedure, _args: unknown, { loaders }: Context) => loaders.agency.load(procedure.agencyCode),
    fees: (procedure: Procedure): Fee[] => (Array.isArray(procedure.fees) ? (procedure.fees as unknown as Fee[]) : []),
    steps: (procedure: Procedure) => procedure.steps,
    link: (procedure: Procedure, _args: unknown, { services }: Context) => procedureLink(services.config.portalUrl, procedure.code),
    history: (procedure: Procedure, _args: unknown, { loaders }: Context) => loaders.catalogue.procedureHistory.load(procedure.code),
  },
  FaqEntry: {
    agency: (entry: FaqEntry, _args: unknown, { loaders }: Context) => (entry.agencyCode ? loaders.agency.load(entry.agencyCode) : null),
    procedures: async (entry: FaqEntry, _args: unknown, { loaders }: Context) =>
      (await loaders.procedure.loadMany(entry.procedureCodes)).filter((one): one is Procedure => one !== null && !(one instanceof Error)),
    valid: (entry: FaqEntry) => isValidAt(entry, new Date()),
    link: (entry: FaqEntry, _args: unknown, { services }: Context) => faqLink(services.config.portalUrl, entry.code),
    history: (entry: FaqEntry, _args: unknown, { loaders }: Context) => loaders.catalogue.faqHistory.load(entry.code),
  },
  CatalogueChange: {
    code: (change: CatalogueChange) => change.entityCode,
    changes: fieldChanges,
  },
} satisfies GraphQLResolverMap<Context>;
