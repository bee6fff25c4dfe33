// The GraphQL entries of the public view: public items, one by code, and what a public item shows of its
// category, unit and photos (the reporter's; the unit's result photos once the answer is published).
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { pageSize } from '../../kit/loaders.ts';
import { isPublicPhoto } from '../photos/photos.ts';
import type { FeedbackStatus } from '../prisma/generated/client.ts';
import type { FeedbackContext } from '../services.ts';
import { findPublicFeedback, listPublicFeedback } from './public-feedback.ts';
import type { PublicFeedback } from './public-feedback.ts';

/** Query and type resolvers of the public view. */
export const publicViewResolvers = {
  Query: {
    publicFeedback: (_root: unknown, args: { wardCode?: string | null; categoryCode?: string | null; status?: FeedbackStatus | null; first?: number | null }, { db }: FeedbackContext) =>
      listPublicFeedback(db, { wardCode: args.wardCode ?? undefined, categoryCode: args.categoryCode ?? undefined, status: args.status ?? undefined, first: pageSize(args.first, 20) }),
    publicFeedbackItem: (_root: unknown, { code }: { code: string }, { db }: FeedbackContext) => findPublicFeedback(db, code),
  },
  PublicFeedbackItem: {
    category: (item: PublicFeedback, _args: unknown, { loaders }: FeedbackContext) => loaders.category.load(item.categoryCode),
    unit: (item: PublicFeedback, _args: unknown, { loaders }: FeedbackContext) => (item.unitCode ? loaders.unit.load(item.unitCode) : null),
    photos: async (item: PublicFeedback, _args: unknown, { loaders }: FeedbackContext) => (await loaders.photosByCode.load(item.code)).filter((photo) => isPublicPhoto(photo.kind, item.status)),
  },
} satisfies GraphQLResolverMap<FeedbackContext>;
