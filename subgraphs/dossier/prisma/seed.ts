// Loads the demo data (prisma/seed-data.ts, and the catalogue's in ../catalogue/data/) into an empty or
// partly seeded database. Idempotent: a demo dossier that already has a timeline is left alone; one
// without (a database from before timelines) gets its timeline and verifiers. The history is recorded
// quietly: no outbox events for the past.
import { DEMO_ACCOUNTS } from '../../../auth/demo-realm.ts';
import { seedCatalogue } from '../catalogue/seed.ts';
import { noteDossierCode, parseDossierCode } from '../lifecycle/codes.ts';
import { createDossier, HUB_ACTOR, recordDossierEvent } from '../lifecycle/timeline.ts';
import type { DossierEventInput } from '../lifecycle/timeline.ts';
import { hashVerifier } from '../lifecycle/verifiers.ts';
import type { PrismaClient } from './generated/client.ts';
import { AGENCIES, DEMO_DOSSIERS } from './seed-data.ts';
import type { DossierSeed, TimelineSeed } from './seed-data.ts';
import { VENDOR_STATUSES } from './seed-vendors.ts';

/** Seed agencies, the procedure catalogue, the demo citizens' dossiers with their timelines and the vendors' status mappings; `verifierKey` hashes the demo PINs and phone digits. */
export async function seedDossier(db: PrismaClient, verifierKey: string): Promise<void> {
  await db.agency.createMany({ data: AGENCIES.map((agency) => ({ ...agency })), skipDuplicates: true });
  // The catalogue: its agencies, its procedures (the seed-data ones among them) and the FAQ.
  await seedCatalogue(db);
  for (const dossier of DEMO_DOSSIERS) await seedDemoDossier(db, dossier, verifierKey);
  await db.dossierVendorStatus.createMany({ data: VENDOR_STATUSES.map((mapping) => ({ ...mapping, updatedBy: 'seed' })), skipDuplicates: true });
}

async function seedDemoDossier(db: PrismaClient, seed: DossierSeed, verifierKey: string): Promise<void> {
  // Two reads by index, not a relation count: Prisma counts a relation by grouping the whole events table
  // first, minutes per demo dossier on a city's volume.
  const existing = await db.dossier.findUnique({ where: { code: seed.code }, select: { id: true } });
  if (existing && (await db.dossierEvent.findFirst({ where: { dossierId: existing.id }, select: { id: true } }))) return;
  const agencyCode = seed.code.split('-')[0] as string;
  const phone = DEMO_ACCOUNTS.find((account) => account.sub === seed.ownerSub)?.phone;
  const hashes = {
    receiptPinHash: hashVerifier(verifierKey, seed.code, 'pin', seed.receiptPin),
    ownerPhoneHash: phone ? hashVerifier(verifierKey, seed.code, 'phone', phone.slice(-4)) : null,
  };
  const entries = seed.timeline.map((entry, index) => timelineEntry(seed, agencyCode, entry, index));
  await db.$transaction(async (tx) => {
    const parts = parseDossierCode(seed.code);
    if (parts) await noteDossierCode(tx, parts);
    let id = existing?.id;
    let rest = entries;
    if (id === undefined) {
      const [first, ...others] = entries;
      if (!first) throw new Error(`demo dossier ${seed.code} has no timeline`);
      id = await createDossier(
        tx,
        {
          code: seed.code,
          ownerId: seed.ownerSub,
          procedureCode: seed.procedureCode,
          agencyCode,
          channel: seed.channel,
          receivedAt: new Date(seed.receivedAt),
          dueAt: new Date(seed.dueAt),
          ...hashes,
        },
        first,
        { quiet: true },
      );
      rest = others;
    } else {
      await tx.dossier.update({ where: { id }, data: hashes });
    }
    for (const entry of rest) await recordDossierEvent(tx, id, entry, { quiet: true });
  });
}

function timelineEntry(seed: DossierSeed, agencyCode: string, entry: TimelineSeed, index: number): DossierEventInput {
  return {
    toStatus: entry.status,
    occurredAt: new Date(entry.at),
    agencyCode: entry.agencyCode ?? agencyCode,
    // The demo agencies have no client of their own in the realm: their steps are the hub's.
    actor: entry.byOwner ? { kind: 'CITIZEN', id: seed.ownerSub } : HUB_ACTOR,
    sourceEventId: `seed:${seed.code}:${index}`,
    kind: entry.kind,
    stepName: entry.step ?? null,
    stepDueAt: entry.stepDueAt ? new Date(entry.stepDueAt) : null,
    newDueAt: entry.newDueAt ? new Date(entry.newDueAt) : null,
    isPublic: !entry.private,
    note: entry.note ?? null,
  };
}
