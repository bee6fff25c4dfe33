// Per-request dataloaders: one query per batch of entities, drawing on the features' queries.
import DataLoader from 'dataloader';
import type { Viewer } from '../../auth/viewer.ts';
import { loaderPerArguments, manyByKey, oneByKey } from '../kit/loaders.ts';
import { findDirectiveRecipients, findDirectivesByIds } from './directives/directives.ts';
import { findPhotosByItemCodes, findPhotosByItemIds } from './photos/photos.ts';
import type { PhotoOfItem } from './photos/photos.ts';
import type { Category, Directive, DirectiveRecipient, FeedbackHistory, FeedbackItem, FeedbackPhoto, FeedbackRating, FeedbackReporter, PrismaClient, Unit } from './prisma/generated/client.ts';
import { findFeedbackByCitizenIds } from './workflow/items.ts';
import { findCategoriesByCodes, findUnitsByCodes } from './workflow/reference.ts';
import { findFeedbackHistory } from './workflow/transitions.ts';
import { suggestUnitCodes } from './workflow/routing.ts';
import type { RoutingKey } from './workflow/routing.ts';

/** Loaders of the feedback subgraph. */
export interface FeedbackLoaders {
  readonly feedbackByCitizen: (first: number) => DataLoader<string, FeedbackItem[]>;
  readonly category: DataLoader<string, Category | null>;
  readonly unit: DataLoader<string, Unit | null>;
  readonly history: DataLoader<string, FeedbackHistory[]>;
  readonly rating: DataLoader<string, FeedbackRating | null>;
  readonly directive: DataLoader<string, Directive | null>;
  readonly directiveRecipients: DataLoader<string, DirectiveRecipient[]>;
  readonly reporter: DataLoader<string, FeedbackReporter | null>;
  readonly focalPointCount: DataLoader<string, number>;
  /** The unit code the routing rules give a category × ward (`<category>|<ward>`). */
  readonly suggestedUnit: DataLoader<RoutingKey, string>;
  /** Photos by item id. */
  readonly photos: DataLoader<string, FeedbackPhoto[]>;
  /** Photos by item code (the public view holds no item id). */
  readonly photosByCode: DataLoader<string, PhotoOfItem[]>;
}

/** Create the loaders for one request. */
export function createFeedbackLoaders(db: PrismaClient, _viewer: Viewer): FeedbackLoaders {
  return {
    feedbackByCitizen: loaderPerArguments((first: number) =>
      manyByKey(
        (ids) => findFeedbackByCitizenIds(db, ids, first),
        (row) => row.citizenId ?? '',
      ),
    ),
    category: oneByKey(
      (codes) => findCategoriesByCodes(db, codes),
      (row) => row.code,
    ),
    unit: oneByKey(
      (codes) => findUnitsByCodes(db, codes),
      (row) => row.code,
    ),
    history: manyByKey(
      (ids) => findFeedbackHistory(db, ids),
      (row) => row.itemId,
    ),
    rating: oneByKey(
      (ids) => db.feedbackRating.findMany({ where: { itemId: { in: [...ids] } } }),
      (row) => row.itemId,
    ),
    directive: oneByKey(
      (ids) => findDirectivesByIds(db, ids),
      (row) => row.id,
    ),
    directiveRecipients: manyByKey(
      (ids) => findDirectiveRecipients(db, ids),
      (row) => row.directiveId,
    ),
    focalPointCount: new DataLoader(async (codes: readonly string[]) => {
      const counts = await db.focalPoint.groupBy({ by: ['unitCode'], where: { unitCode: { in: [...codes] } }, _count: { _all: true } });
      const byUnit = new Map(counts.map((row) => [row.unitCode, row._count._all]));
      return codes.map((code) => byUnit.get(code) ?? 0);
    }),
    suggestedUnit: new DataLoader((keys: readonly RoutingKey[]) => suggestUnitCodes(db, keys)),
    reporter: oneByKey(
      (ids) => db.feedbackReporter.findMany({ where: { itemId: { in: [...ids] } } }),
      (row) => row.itemId,
    ),
    photos: manyByKey(
      (ids) => findPhotosByItemIds(db, ids),
      (row) => row.itemId ?? '',
    ),
    photosByCode: manyByKey(
      (codes) => findPhotosByItemCodes(db, codes),
      (row) => row.item?.code ?? '',
    ),
  };
}
