// The GraphQL entry of the published statistics: agencyStatistics (public), with its bad input answered
// by code — a reversed or over-long period (BAD_USER_INPUT), an agency that does not exist (NOT_FOUND).
import { codedError } from '../../../schema/errors.ts';
import type { DossierContext } from '../services.ts';
import { agencyStatistics } from './statistics.ts';
import type { AgencyFigures } from './statistics.ts';

/** Query and type resolvers of the published statistics. */
export const statisticsResolvers = {
  Query: {
    agencyStatistics: async (_root: unknown, args: { from: Date; to: Date; agencyCode?: string | null }, { db, loaders }: DossierContext) => {
      const agencyCode = args.agencyCode ?? undefined;
      if (agencyCode !== undefined && (agencyCode.length > 64 || !(await loaders.agency.load(agencyCode)))) {
        throw codedError('NOT_FOUND', 'No agency has this code.', { field: 'agencyCode' });
      }
      return agencyStatistics(db, { from: args.from, to: args.to }, agencyCode);
    },
  },
  AgencyStatistics: {
    agency: (figures: AgencyFigures, _args: unknown, { loaders }: DossierContext) => loaders.agency.load(figures.agencyCode),
  },
};
