// The GraphQL entries of what an owner does: withdrawDossier, supplyDossierSupplement, rateDossier, and
// what the owner sees of them on a dossier (documents, rating). A partner's service account has no
// subject, so every one of them is FORBIDDEN to it.
import { requireSubject } from '../../kit/access.ts';
import type { Dossier } from '../prisma/generated/client.ts';
import type { DossierContext } from '../services.ts';
import { rateDossier, supplyDossierSupplement, withdrawDossier } from './actions.ts';

/** Mutation and type resolvers of the owner's actions. */
export const citizenResolvers = {
  Mutation: {
    withdrawDossier: (_root: unknown, { code }: { code: string }, { services, viewer }: DossierContext) => withdrawDossier(services, code, requireSubject(viewer)),
    supplyDossierSupplement: (_root: unknown, args: { code: string; documentIds: string[]; note?: string | null }, { services, viewer }: DossierContext) =>
      supplyDossierSupplement(services, args.code, requireSubject(viewer), { documentIds: args.documentIds, note: args.note }),
    rateDossier: (_root: unknown, args: { code: string; stars: number; comment?: string | null }, { db, viewer }: DossierContext) =>
      rateDossier(db, args.code, requireSubject(viewer), args.stars, args.comment),
  },
  Dossier: {
    documents: (dossier: Dossier, _args: unknown, { loaders }: DossierContext) => loaders.documents.load(dossier.id),
    rating: (dossier: Dossier, _args: unknown, { loaders }: DossierContext) => loaders.rating.load(dossier.id),
  },
  DossierDocument: {
    uploadedAt: (document: { createdAt: Date }) => document.createdAt,
  },
};
