// Loads the demo data (prisma/seed-data.ts, and the catalogue's in ../catalogue/data/) into an empty or
// partly seeded database. Idempotent.
import { seedCatalogue } from '../catalogue/seed.ts';
import type { PrismaClient } from './generated/client.ts';
import { AGENCIES, DEMO_DOSSIERS } from './seed-data.ts';

/** Seed agencies, the procedure catalogue and the demo citizens' dossiers. */
export async function seedDossier(db: PrismaClient): Promise<void> {
  await db.agency.createMany({ data: AGENCIES.map((agency) => ({ ...agency })), skipDuplicates: true });
  // The catalogue: its agencies, its procedures (the seed-data ones among them) and the FAQ.
  await seedCatalogue(db);
  await db.dossier.createMany({
    skipDuplicates: true,
    data: DEMO_DOSSIERS.map((dossier) => ({
      code: dossier.code,
      ownerId: dossier.ownerSub,
      procedureCode: dossier.procedureCode,
      channel: dossier.channel,
      status: dossier.status,
      receivedAt: new Date(dossier.receivedAt),
      dueAt: new Date(dossier.dueAt),
      currentStep: dossier.currentStep,
      supplementRequest: dossier.supplementRequest ?? null,
      returnedAt: dossier.returnedAt ? new Date(dossier.returnedAt) : null,
    })),
  });
}
