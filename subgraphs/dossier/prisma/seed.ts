// Loads the demo data (prisma/seed-data.ts) into an empty or partly seeded database. Idempotent.
import type { PrismaClient } from './generated/client.ts';
import { AGENCIES, DEMO_DOSSIERS, PROCEDURES } from './seed-data.ts';

/** Seed agencies, the procedure catalogue and the demo citizens' dossiers. */
export async function seedDossier(db: PrismaClient): Promise<void> {
  await db.agency.createMany({ data: AGENCIES.map((agency) => ({ ...agency })), skipDuplicates: true });
  await db.procedure.createMany({
    data: PROCEDURES.map((procedure) => ({ ...procedure, requiredDocuments: [...procedure.requiredDocuments] })),
    skipDuplicates: true,
  });
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
