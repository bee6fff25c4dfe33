// Photo records: created unattached at upload, attached to an item in the transaction that creates or
// resolves it, read by item (dataloader) and one by one for the download route.
import { codedError } from '../../../schema/errors.ts';
import type { Viewer } from '../../../auth/viewer.ts';
import type { FeedbackPhoto, FeedbackPhotoKind, FeedbackStatus, Prisma, PrismaClient } from '../prisma/generated/client.ts';

/** The path of a photo on the gateway (GET, with the viewer's token when it is not public). */
export function photoUrl(id: string): string {
  return `/api/feedback/photos/${id}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A photo to record after its bytes are stored. */
export interface NewPhoto {
  readonly id: string;
  readonly ownerId: string;
  readonly contentType: string;
  readonly byteSize: number;
  readonly width: number;
  readonly height: number;
  readonly sha256: string;
  readonly storageKey: string;
}

/** Record an unattached photo. */
export function createPhoto(db: PrismaClient, photo: NewPhoto): Promise<FeedbackPhoto> {
  return db.feedbackPhoto.create({ data: { ...photo } });
}

/** What attachPhotos needs. */
export interface Attachment {
  readonly itemId: string;
  /** Only this person's uploads may be attached: the submitter, or the resolving officer. */
  readonly ownerId: string;
  readonly kind: FeedbackPhotoKind;
  readonly photoIds: readonly string[];
  /** At most this many photos of `kind` on the item. */
  readonly perItem: number;
  readonly now?: Date;
}

/**
 * Attach the owner's unattached uploads to an item, inside the caller's transaction. An unknown, foreign
 * or already attached id, a duplicate, or one too many is BAD_USER_INPUT on field photoIds — thrown, so
 * the caller's transaction (the whole submission) rolls back. Two submissions racing for one photo:
 * the row lock makes the second see it attached, and fail.
 */
export async function attachPhotos(tx: Prisma.TransactionClient, attachment: Attachment): Promise<void> {
  const ids = attachment.photoIds;
  if (ids.length === 0) return;
  if (!ids.every((id) => UUID.test(id))) throw codedError('BAD_USER_INPUT', 'Photo ids are the ids an upload returned.', { field: 'photoIds' });
  if (new Set(ids.map((id) => id.toLowerCase())).size !== ids.length) throw codedError('BAD_USER_INPUT', 'A photo is listed twice.', { field: 'photoIds' });
  const already = await tx.feedbackPhoto.count({ where: { itemId: attachment.itemId, kind: attachment.kind } });
  if (already + ids.length > attachment.perItem) {
    throw codedError('BAD_USER_INPUT', `At most ${attachment.perItem} photos per item.`, { field: 'photoIds' });
  }
  // One update per photo (a handful at most), to keep the order they were listed in.
  for (const [index, id] of ids.entries()) {
    const { count } = await tx.feedbackPhoto.updateMany({
      where: { id: id.toLowerCase(), ownerId: attachment.ownerId, itemId: null },
      data: { itemId: attachment.itemId, kind: attachment.kind, position: already + index, attachedAt: attachment.now ?? new Date() },
    });
    // Someone else's photo looks exactly like a missing one.
    if (count !== 1) throw codedError('BAD_USER_INPUT', 'Unknown photo, or already attached: upload it again.', { field: 'photoIds' });
  }
}

// The reporter's photos first, then the unit's, each in the order they were listed.
const PHOTO_ORDER = [{ kind: 'asc' }, { position: 'asc' }] as const satisfies Prisma.FeedbackPhotoOrderByWithRelationInput[];

/** The photos of items: the reporter's, then the unit's result photos, each as listed. */
export function findPhotosByItemIds(db: PrismaClient, itemIds: readonly string[]): Promise<FeedbackPhoto[]> {
  return db.feedbackPhoto.findMany({ where: { itemId: { in: [...itemIds] } }, orderBy: [...PHOTO_ORDER] });
}

/** A photo with the item code, for the public view (keyed by item code, which is all it holds). */
export type PhotoOfItem = FeedbackPhoto & { readonly item: { readonly code: string } | null };

/** The photos of items by their codes, in the same order. */
export function findPhotosByItemCodes(db: PrismaClient, codes: readonly string[]): Promise<PhotoOfItem[]> {
  return db.feedbackPhoto.findMany({
    where: { item: { code: { in: [...codes] } } },
    include: { item: { select: { code: true } } },
    orderBy: [...PHOTO_ORDER],
  });
}

/** Statuses in which the unit's answer (its text and its RESULT photos) is public. */
const ANSWER_PUBLIC: ReadonlySet<FeedbackStatus> = new Set<FeedbackStatus>(['PUBLISHED', 'CLOSED']);

/** Whether the public view shows this photo of an item in `status` (the item itself being public). */
export function isPublicPhoto(kind: FeedbackPhotoKind | null, status: FeedbackStatus): boolean {
  return kind === 'REPORT' || (kind === 'RESULT' && ANSWER_PUBLIC.has(status));
}

/** The item facts that decide who may see a photo. */
interface PhotoItem {
  readonly citizenId: string | null;
  readonly unitCode: string | null;
  readonly isPublic: boolean;
  readonly status: FeedbackStatus;
}

/** A photo and its item's access facts, by id (undefined when missing or not a UUID). */
export async function findPhotoForDownload(db: PrismaClient, id: string): Promise<(FeedbackPhoto & { item: PhotoItem | null }) | undefined> {
  if (!UUID.test(id)) return undefined;
  const photo = await db.feedbackPhoto.findUnique({
    where: { id: id.toLowerCase() },
    include: { item: { select: { citizenId: true, unitCode: true, isPublic: true, status: true } } },
  });
  return photo ?? undefined;
}

/**
 * Who may see a photo: its uploader; for an attached one, the item's reporter, operators, leaders and the
 * officers of the item's unit; and anyone when the public view shows it (public item, not rejected;
 * result photos once the answer is published) — the same rules as publicFeedback.
 */
export function maySeePhoto(viewer: Viewer, photo: { ownerId: string; kind: FeedbackPhotoKind | null; item: PhotoItem | null }): boolean {
  if (viewer.subject !== undefined && viewer.subject === photo.ownerId) return true;
  const item = photo.item;
  if (!item) return false;
  if (viewer.subject !== undefined && item.citizenId === viewer.subject) return true;
  if (viewer.roles.includes('operator') || viewer.roles.includes('leader')) return true;
  if (viewer.roles.includes('officer') && viewer.unit !== undefined && viewer.unit === item.unitCode) return true;
  return item.isPublic && item.status !== 'REJECTED' && isPublicPhoto(photo.kind, item.status);
}
