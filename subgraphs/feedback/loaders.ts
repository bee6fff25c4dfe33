// Per-request dataloaders: one query per batch of entities.
import type DataLoader from 'dataloader';
import type { Viewer } from '../../auth/viewer.ts';
import { loaderPerArguments, manyByKey, oneByKey } from '../kit/loaders.ts';
import { findFeedbackByCitizenIds } from './data/feedback-items.ts';
import { findCategoriesByCodes, findUnitsByCodes } from './data/reference.ts';
import { findFeedbackHistory } from './data/workflow.ts';
import type { Category, FeedbackHistory, FeedbackItem, FeedbackRating, PrismaClient, Unit } from './prisma/generated/client.ts';

/** Loaders of the feedback subgraph. */
export interface FeedbackLoaders {
  readonly feedbackByCitizen: (first: number) => DataLoader<string, FeedbackItem[]>;
  readonly category: DataLoader<string, Category | null>;
  readonly unit: DataLoader<string, Unit | null>;
  readonly history: DataLoader<string, FeedbackHistory[]>;
  readonly rating: DataLoader<string, FeedbackRating | null>;
}

/** Create the loaders for one request. */
export function createFeedbackLoaders(db: PrismaClient, _viewer: Viewer): FeedbackLoaders {
  return {
    feedbackByCitizen: loaderPerArguments((first: number) => manyByKey((ids) => findFeedbackByCitizenIds(db, ids, first), (row) => row.citizenId ?? '')),
    category: oneByKey((codes) => findCategoriesByCodes(db, codes), (row) => row.code),
    unit: oneByKey((codes) => findUnitsByCodes(db, codes), (row) => row.code),
    history: manyByKey((ids) => findFeedbackHistory(db, ids), (row) => row.itemId),
    rating: oneByKey((ids) => db.feedbackRating.findMany({ where: { itemId: { in: [...ids] } } }), (row) => row.itemId),
  };
}
