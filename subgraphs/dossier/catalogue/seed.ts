// Loads the demo catalogue (data/) into an empty or partly seeded database: the catalogue's agencies,
// procedures and FAQ entries. Idempotent; an edited record is never overwritten. When it added
// anything, it bumps the catalogue's revision so that running replicas rebuild their search index.
import type { PrismaClient } from '../prisma/generated/client.ts';
import { CATALOGUE_AGENCIES } from './data/agencies.ts';
import { FAQ_ENTRIES } from './data/faq.ts';
import { CATALOGUE_PROCEDURES } from './data/procedures.ts';

/** Seed the catalogue (after the dossier seed's own agencies, before its dossiers). */
export async function seedCatalogue(db: PrismaClient): Promise<void> {
  const agencies = await db.agency.createMany({ data: CATALOGUE_AGENCIES.map((agency) => ({ ...agency })), skipDuplicates: true });
  const procedures = await db.procedure.createMany({
    skipDuplicates: true,
    data: CATALOGUE_PROCEDURES.map((procedure) => ({
      ...procedure,
      requiredDocuments: [...procedure.requiredDocuments],
      fees: procedure.fees.map((fee) => ({ ...fee })),
      steps: [...procedure.steps],
    })),
  });
  const faq = await db.faqEntry.createMany({
    skipDuplicates: true,
    data: FAQ_ENTRIES.map((entry) => ({
      ...entry,
      sources: [...entry.sources],
      procedureCodes: [...entry.procedureCodes],
      validFrom: new Date(entry.validFrom),
      validUntil: entry.validUntil === undefined ? null : new Date(entry.validUntil),
    })),
  });
  if (agencies.count + procedures.count + faq.count > 0) await db.catalogueState.update({ where: { id: 1 }, data: { revision: { increment: 1 } } });
}
