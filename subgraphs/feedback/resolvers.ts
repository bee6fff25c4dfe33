// Resolvers of the feedback subgraph. Ownership is checked on every path to a citizen's items.
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { assertSelf, requireSubject, resolveCitizenReference, resolveMe } from '../kit/access.ts';
import type { CitizenRef } from '../kit/access.ts';
import { pageSize } from '../kit/loaders.ts';
import { DateTime } from '../kit/scalars.ts';
import type { SubgraphContext } from '../kit/server.ts';
import { findFeedbackByCode } from './data/feedback-items.ts';
import { listCategories } from './data/reference.ts';
import type { FeedbackLoaders } from './loaders.ts';
import type { FeedbackItem, PrismaClient } from './prisma/generated/client.ts';

type Context = SubgraphContext<PrismaClient, FeedbackLoaders>;

export const resolvers: GraphQLResolverMap<Context> = {
  DateTime,
  Query: {
    me: resolveMe,
    feedbackCategories: (_root, _args, { db }: Context) => listCategories(db),
    myFeedback: async (_root, { code }: { code: string }, { db, viewer }: Context) => {
      const subject = requireSubject(viewer);
      const item = await findFeedbackByCode(db, code);
      // Someone else's item looks exactly like a missing one: codes must not be probed.
      return item && item.citizenId === subject ? item : null;
    },
  },
  Citizen: {
    __resolveReference: resolveCitizenReference,
    feedback: (citizen: CitizenRef, { first }: { first?: number | null }, { viewer, loaders }: Context) => {
      assertSelf(viewer, citizen.id);
      return loaders.feedbackByCitizen(pageSize(first, 20)).load(citizen.id);
    },
  },
  FeedbackItem: {
    category: (item: FeedbackItem, _args, { loaders }: Context) => loaders.category.load(item.categoryCode),
    unit: (item: FeedbackItem, _args, { loaders }: Context) => (item.unitCode ? loaders.unit.load(item.unitCode) : null),
    location: (item: FeedbackItem) => ({ lat: item.lat, lng: item.lng }),
  },
};
