// Documents citizens upload to answer a supplement request: checked from their bytes with the kit's
// upload checks (PDF, JPEG, PNG; images stripped of metadata), recorded as the uploader's, and attached
// to their dossier by the answer in its transaction. Only the uploader's own, unattached documents can be
// attached.
import { cleanImage } from '../../kit/uploads/image-check.ts';
import { checkPdf } from '../../kit/uploads/pdf-check.ts';
import { checkUploadType, checkWithCodes } from '../../kit/uploads/sniff.ts';
import { codedError } from '../../../schema/errors.ts';
import type { DossierDocument, Prisma, PrismaClient } from '../prisma/generated/client.ts';

/** The accepted types. */
export const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Check `bytes` declared as `declared`; returns the type and the bytes to keep (images without metadata). Throws UploadRefused (DOCUMENT_TYPE_NOT_ALLOWED, DOCUMENT_INVALID). */
export function checkDocument(bytes: Buffer, declared: string | undefined): { contentType: DocumentType; bytes: Buffer } {
  return checkWithCodes({ type: 'DOCUMENT_TYPE_NOT_ALLOWED', invalid: 'DOCUMENT_INVALID' }, () => {
    const contentType = checkUploadType(bytes, declared, DOCUMENT_TYPES);
    if (contentType === 'application/pdf') {
      checkPdf(bytes);
      return { contentType, bytes };
    }
    return { contentType, bytes: cleanImage(bytes, contentType).bytes };
  });
}

/** Record an upload (its id is its storage key). */
export function createDocument(db: PrismaClient, document: Pick<DossierDocument, 'id' | 'ownerId' | 'contentType' | 'byteSize' | 'sha256'>): Promise<DossierDocument> {
  return db.dossierDocument.create({ data: document });
}

/** Attach the owner's own unattached uploads `ids` to `dossierId`; BAD_USER_INPUT when any is not one (nothing attached then: the caller's transaction rolls back). */
export async function attachDocuments(tx: Prisma.TransactionClient, ownerId: string, dossierId: string, ids: readonly string[], now: Date): Promise<void> {
  const { count } = await tx.dossierDocument.updateMany({ where: { id: { in: [...ids] }, ownerId, dossierId: null }, data: { dossierId, attachedAt: now } });
  if (count !== ids.length) throw codedError('BAD_USER_INPUT', 'Each document must be one of your own uploads, not attached yet.', { field: 'documentIds' });
}

/** The documents of dossiers, oldest first. */
export function findDocumentsByDossierIds(db: PrismaClient, dossierIds: readonly string[]): Promise<DossierDocument[]> {
  return db.dossierDocument.findMany({ where: { dossierId: { in: [...dossierIds] } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
}
