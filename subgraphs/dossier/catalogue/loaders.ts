// The catalogue's per-request dataloaders: FAQ entries by code and the history of procedures and FAQ
// entries, one query per batch.
import type DataLoader from 'dataloader';
import { manyByKey, oneByKey } from '../../kit/loaders.ts';
import type { CatalogueChange, FaqEntry, PrismaClient } from '../prisma/generated/client.ts';
import { findFaqEntriesByCodes } from './faq.ts';
import { findChangesOf } from './history.ts';

/** Loaders of the catalogue. */
export interface CatalogueLoaders {
  readonly faqEntry: DataLoader<string, FaqEntry | null>;
  readonly procedureHistory: DataLoader<string, CatalogueChange[]>;
  readonly faqHistory: DataLoader<string, CatalogueChange[]>;
}

/** Create the catalogue's loaders for one request. */
export function createCatalogueLoaders(db: PrismaClient): CatalogueLoaders {
  return {
    faqEntry: oneByKey(
      (codes) => findFaqEntriesByCodes(db, codes),
      (row) => row.code,
    ),
    procedureHistory: manyByKey(
      (codes) => findChangesOf(db, 'PROCEDURE', codes),
      (row) => row.entityCode,
    ),
    faqHistory: manyByKey(
      (codes) => findChangesOf(db, 'FAQ', codes),
      (row) => row.entityCode,
    ),
  };
}
