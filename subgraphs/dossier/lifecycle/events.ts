// The dossier's outbox events, written in the transaction of the change (subgraphs/kit/events/outbox.ts)
// for the notification subgraph: received or moved (dossier.status-changed), a supplement asked
// (dossier.supplement-requested), a result ready (dossier.result-ready), an apology for lateness with
// the new date (dossier.late-apology). Codes, statuses, dates and the owner's subject only: never a
// name, phone, ID number, document or the text of a supplement request.
import { writeOutboxEvents } from '../../kit/events/outbox.ts';
import type { OutboxEvent, OutboxWriter } from '../../kit/events/outbox.ts';
import type { DossierStatus } from '../prisma/generated/client.ts';

/** The topics this subgraph publishes. */
export const DOSSIER_TOPICS = {
  statusChanged: 'dossier.status-changed',
  supplementRequested: 'dossier.supplement-requested',
  resultReady: 'dossier.result-ready',
  lateApology: 'dossier.late-apology',
} as const;

/** What every dossier event names. */
export interface DossierRef {
  readonly code: string;
  readonly agencyCode: string;
  readonly procedureCode: string;
  /** The owner's subject, so notification can reach their inbox; null when the dossier has no account behind it. */
  readonly ownerId: string | null;
}

function base(dossier: DossierRef): Record<string, unknown> {
  return { code: dossier.code, agencyCode: dossier.agencyCode, procedureCode: dossier.procedureCode, citizenId: dossier.ownerId };
}

/** The dossier's current status changed (`from` null: it was just received); plus the specific event of the new status. */
export async function emitStatusChange(tx: OutboxWriter, dossier: DossierRef, from: DossierStatus | null, to: DossierStatus, occurredAt: Date): Promise<void> {
  await writeOutboxEvents(tx, statusChangeEvents(dossier, from, to, occurredAt));
}

/** An apology for lateness: the date that was missed and the new one. */
export async function emitLateApology(tx: OutboxWriter, dossier: DossierRef, dueAt: Date, newDueAt: Date, occurredAt: Date): Promise<void> {
  await writeOutboxEvents(tx, [lateApologyEvent(dossier, dueAt, newDueAt, occurredAt)]);
}

/** The events of a status change (emitStatusChange writes them; bulk ingestion collects them). */
export function statusChangeEvents(dossier: DossierRef, from: DossierStatus | null, to: DossierStatus, occurredAt: Date): OutboxEvent[] {
  const events: OutboxEvent[] = [{ topic: DOSSIER_TOPICS.statusChanged, payload: { ...base(dossier), from, to }, occurredAt }];
  if (to === 'WAITING_SUPPLEMENT') events.push({ topic: DOSSIER_TOPICS.supplementRequested, payload: base(dossier), occurredAt });
  if (to === 'RELEASING') events.push({ topic: DOSSIER_TOPICS.resultReady, payload: base(dossier), occurredAt });
  return events;
}

/** The event of an apology for lateness. */
export function lateApologyEvent(dossier: DossierRef, dueAt: Date, newDueAt: Date, occurredAt: Date): OutboxEvent {
  return { topic: DOSSIER_TOPICS.lateApology, payload: { ...base(dossier), dueAt: dueAt.toISOString(), newDueAt: newDueAt.toISOString() }, occurredAt };
}
