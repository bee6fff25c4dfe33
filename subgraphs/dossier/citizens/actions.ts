// What a dossier's owner does with it: withdraw it before processing starts, answer a supplement request
// with documents (the due date then counts again from the answer, in working days), and rate the service
// once after the result was returned. Someone else's dossier answers exactly as a missing one.
import { addWorkingDays, CalendarNotCoveredError } from '../../kit/calendar/working-hours.ts';
import { codedError } from '../../../schema/errors.ts';
import { RESULT_STATUSES, WITHDRAWABLE_STATUSES } from '../lifecycle/states.ts';
import { recordDossierEvent } from '../lifecycle/timeline.ts';
import type { Dossier, DossierRating, DossierStatus, PrismaClient } from '../prisma/generated/client.ts';
import type { DocumentSettings } from './config.ts';
import { attachDocuments } from './documents.ts';

/** What the owner's actions need from the subgraph's services. */
export interface CitizenActionServices {
  readonly db: PrismaClient;
  readonly config: DocumentSettings;
}

const NOT_FOUND = 'No such dossier.';

/** Withdraw the owner's dossier (rút hồ sơ): only before processing starts. */
export async function withdrawDossier(services: CitizenActionServices, code: string, ownerId: string, now = new Date()): Promise<Dossier> {
  return services.db.$transaction(async (tx) => {
    const dossier = await tx.dossier.findUnique({ where: { code } });
    if (!dossier || dossier.ownerId !== ownerId) throw codedError('NOT_FOUND', NOT_FOUND);
    if (!WITHDRAWABLE_STATUSES.has(dossier.status)) {
      throw codedError('ILLEGAL_TRANSITION', `A dossier in ${dossier.status} can no longer be withdrawn: processing has started or it is finished.`, { from: dossier.status, to: 'CANCELLED' });
    }
    await recordDossierEvent(tx, dossier.id, {
      toStatus: 'CANCELLED',
      kind: 'WITHDRAWN',
      occurredAt: now,
      agencyCode: dossier.agencyCode,
      actor: { kind: 'CITIZEN', id: ownerId },
      stepName: 'Công dân rút hồ sơ',
    });
    return (await tx.dossier.findUnique({ where: { id: dossier.id } })) as Dossier;
  });
}

/** What an answer to a supplement request carries. */
export interface SupplementAnswer {
  readonly documentIds: readonly string[];
  /** The owner's note to the agency (owner-only on the timeline). */
  readonly note?: string | null | undefined;
}

/**
 * Answer the supplement request of the owner's dossier with their uploaded documents: the dossier goes
 * back where the request came from (reception for a dossier asked at reception), and its due date counts
 * again from now ("thời hạn giải quyết được tính lại từ ngày nhận đủ hồ sơ").
 */
export async function supplyDossierSupplement(services: CitizenActionServices, code: string, ownerId: string, answer: SupplementAnswer, now = new Date()): Promise<Dossier> {
  const ids = [...new Set(answer.documentIds)];
  const limit = services.config.documents.perSupplement;
  if (ids.length === 0 || ids.length > limit || ids.length !== answer.documentIds.length) {
    throw codedError('BAD_USER_INPUT', `Send 1 to ${limit} different documents.`, { field: 'documentIds' });
  }
  if (!ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id))) throw codedError('BAD_USER_INPUT', 'A document id is not one of ours.', { field: 'documentIds' });
  const note = answer.note?.trim() || null;
  if (note !== null && note.length > 2000) throw codedError('BAD_USER_INPUT', 'The note is at most 2000 characters.', { field: 'note' });
  return services.db.$transaction(async (tx) => {
    const dossier = await tx.dossier.findUnique({ where: { code }, include: { procedure: { select: { processingDays: true } } } });
    if (!dossier || dossier.ownerId !== ownerId) throw codedError('NOT_FOUND', NOT_FOUND);
    if (dossier.status !== 'WAITING_SUPPLEMENT') throw codedError('ILLEGAL_TRANSITION', `There is no supplement request to answer: the dossier is ${dossier.status}.`, { from: dossier.status });
    const request = await tx.dossierEvent.findFirst({ where: { dossierId: dossier.id, kind: 'SUPPLEMENT_REQUESTED' }, orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }] });
    // Back where the request came from; a dossier asked before reception goes to reception.
    const back: DossierStatus = request?.fromStatus && request.fromStatus !== 'NEW' && request.fromStatus !== 'WAITING_SUPPLEMENT' ? request.fromStatus : 'RECEIVING';
    await attachDocuments(tx, ownerId, dossier.id, ids, now);
    await recordDossierEvent(
      tx,
      dossier.id,
      { toStatus: back, occurredAt: now, agencyCode: dossier.agencyCode, actor: { kind: 'CITIZEN', id: ownerId }, stepName: 'Công dân đã bổ sung hồ sơ', note },
      { dueAt: restartedDueDate(now, dossier.procedure.processingDays) ?? dossier.dueAt },
    );
    return (await tx.dossier.findUnique({ where: { id: dossier.id } })) as Dossier;
  });
}

/** The due date counted again from `now`, or undefined beyond the calendar's years (the old one stays). */
function restartedDueDate(now: Date, days: number): Date | undefined {
  try {
    return addWorkingDays(now, days);
  } catch (error) {
    if (error instanceof CalendarNotCoveredError) return undefined;
    throw error;
  }
}

/** Rate the service once, 1 to 5 stars, after the result was returned. */
export async function rateDossier(db: PrismaClient, code: string, ownerId: string, stars: number, comment: string | null | undefined): Promise<DossierRating> {
  if (!Number.isInteger(stars) || stars < 1 || stars > 5) throw codedError('BAD_USER_INPUT', 'stars must be a whole number from 1 to 5.', { field: 'stars' });
  const text = comment?.trim() || null;
  if (text !== null && text.length > 2000) throw codedError('BAD_USER_INPUT', 'The comment is at most 2000 characters.', { field: 'comment' });
  const dossier = await db.dossier.findUnique({ where: { code } });
  if (!dossier || dossier.ownerId !== ownerId) throw codedError('NOT_FOUND', NOT_FOUND);
  if (!RESULT_STATUSES.has(dossier.status)) throw codedError('ILLEGAL_TRANSITION', `A dossier in ${dossier.status} cannot be rated: its result has not been returned.`, { from: dossier.status });
  try {
    return await db.dossierRating.create({ data: { dossierId: dossier.id, agencyCode: dossier.agencyCode, stars, comment: text } });
  } catch (error) {
    if ((error as { code?: string }).code === 'P2002') throw codedError('ILLEGAL_TRANSITION', 'This dossier has already been rated.', { from: dossier.status });
    throw error;
  }
}
