// The GraphQL entry of the public lookup: dossierLookup (no sign-in), and what anyone may see of a
// dossier — status, procedure, agency, dates, overdue, and the timeline's public steps. The types hold
// nothing else: no owner, no ID number, no phone, no documents, no notes, no actors, no current-step
// text (it may name a private step).
import type { Dossier } from '../prisma/generated/client.ts';
import { dossierOverdue } from '../dossiers/resolvers.ts';
import type { DossierContext } from '../services.ts';
import { lookupDossier } from './lookup.ts';
import type { PublicStep, TrackedDossier } from './lookup.ts';

/** Query and type resolvers of the public lookup. */
export const lookupResolvers = {
  Query: {
    dossierLookup: (_root: unknown, args: { code: string; verifier: string }, { services }: DossierContext) => lookupDossier(services, args.code, args.verifier),
  },
  DossierTracking: {
    procedure: (dossier: Dossier, _args: unknown, { loaders }: DossierContext) => loaders.procedure.load(dossier.procedureCode),
    agency: (dossier: Dossier, _args: unknown, { loaders }: DossierContext) => loaders.agency.load(dossier.agencyCode),
    overdue: (dossier: Dossier) => dossierOverdue(dossier),
    steps: (dossier: TrackedDossier) => dossier.publicSteps,
  },
  DossierPublicStep: {
    status: (step: PublicStep) => step.toStatus,
    agency: (step: PublicStep, _args: unknown, { loaders }: DossierContext) => loaders.agency.load(step.agencyCode),
    name: (step: PublicStep) => step.stepName,
    dueAt: (step: PublicStep) => step.stepDueAt,
  },
};
