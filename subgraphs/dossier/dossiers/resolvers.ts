// The GraphQL entries of a citizen's own dossiers: one by code, "my dossiers" (Citizen.dossiers), and
// what a dossier shows (procedure, agency, overdue, timeline). Visible to their owner only, whatever path
// the request took: someone else's dossier looks exactly like a missing one.
import { isOverdue } from '../../kit/calendar/working-hours.ts';
import { assertSelf, requireSubject } from '../../kit/access.ts';
import type { CitizenRef } from '../../kit/access.ts';
import { pageSize } from '../../kit/loaders.ts';
import { FINAL_STATUSES } from '../lifecycle/states.ts';
import type { Dossier, DossierEvent, DossierStatus } from '../prisma/generated/client.ts';
import type { DossierContext } from '../services.ts';
import { findDossierByCode } from './dossiers.ts';
import { DOSSIER_TOPICS } from '../lifecycle/events.ts';
import { liveFeedOf } from '../../kit/live.ts';

/** Whether a dossier is late: returned (or closed) after its due date, or still open past it. */
export function dossierOverdue(dossier: Pick<Dossier, 'dueAt' | 'returnedAt' | 'status' | 'statusAt'>, now = new Date()): boolean {
  const finishedAt = dossier.returnedAt ?? (FINAL_STATUSES.has(dossier.status) ? dossier.statusAt : undefined);
  return isOverdue(dossier.dueAt, now, finishedAt);
}

/** Query, Citizen and type resolvers of citizens' dossiers. */
export const dossierResolvers = {
  Subscription: {
    myDossierStatusChanged: {
      // The owner's own dossiers only; each read back and checked as `dossier` checks it.
      subscribe: (_root: unknown, { code }: { code?: string | null }, context: DossierContext) => {
        const subject = requireSubject(context.viewer);
        return liveFeedOf(context).events(
          DOSSIER_TOPICS.statusChanged,
          async (event) => {
            const eventCode = event.payload['code'];
            if (event.payload['citizenId'] !== subject || typeof eventCode !== 'string' || (code != null && code !== eventCode)) return undefined;
            const dossier = await findDossierByCode(context.db, eventCode);
            return dossier && dossier.ownerId === subject ? { myDossierStatusChanged: dossier } : undefined;
          },
          { field: 'citizenId', value: subject },
        );
      },
    },
  },
  Query: {
    dossier: async (_root: unknown, { code }: { code: string }, { db, viewer }: DossierContext) => {
      const subject = requireSubject(viewer);
      const dossier = await findDossierByCode(db, code);
      // Someone else's dossier looks exactly like a missing one: codes must not be probed.
      return dossier && dossier.ownerId === subject ? dossier : null;
    },
  },
  Citizen: {
    dossiers: (citizen: CitizenRef, args: { first?: number | null; status?: DossierStatus | null }, { viewer, loaders }: DossierContext) => {
      assertSelf(viewer, citizen.id);
      return loaders.dossiersByOwner(pageSize(args.first, 20), args.status ?? undefined).load(citizen.id);
    },
  },
  Dossier: {
    procedure: (dossier: Dossier, _args: unknown, { loaders }: DossierContext) => loaders.procedure.load(dossier.procedureCode),
    agency: (dossier: Dossier, _args: unknown, { loaders }: DossierContext) => loaders.agency.load(dossier.agencyCode),
    overdue: (dossier: Dossier) => dossierOverdue(dossier),
    timeline: (dossier: Dossier, _args: unknown, { loaders }: DossierContext) => loaders.timeline.load(dossier.id),
  },
  DossierStep: {
    agency: (step: DossierEvent, _args: unknown, { loaders }: DossierContext) => loaders.agency.load(step.agencyCode),
    name: (step: DossierEvent) => step.stepName,
    dueAt: (step: DossierEvent) => step.stepDueAt,
    byOwner: (step: DossierEvent) => step.actorKind === 'CITIZEN',
    public: (step: DossierEvent) => step.isPublic,
  },
};
