// The document upload route (the gateway serves it at /api/dossier/documents):
//   POST /documents   body = the file's bytes, Content-Type application/pdf, image/jpeg or image/png; a
//                     signed-in citizen at VNeID level 2 with dossier:read (as for their dossiers' details).
//                     Not multipart: such a content type is not CORS-safelisted, so a browser preflights
//                     it and no other site can post. 201 { id, contentType, byteSize, sha256 }; the
//                     document stays unattached until the owner answers a supplement request with it.
// Nobody downloads documents through the hub: they are for the agency.
import type { FastifyInstance } from 'fastify';
import type { Viewer } from '../../../auth/viewer.ts';
import { acceptUploadBodies, failUpload as fail } from '../../kit/uploads/body.ts';
import { UploadRefused } from '../../kit/uploads/sniff.ts';
import { storeAndRecord } from '../../kit/uploads/store.ts';
import type { BlobStore } from '../../kit/uploads/store.ts';
import type { PrismaClient } from '../prisma/generated/client.ts';
import type { DocumentSettings } from './config.ts';
import { checkDocument, createDocument, DOCUMENT_TYPES } from './documents.ts';

/** What the document route needs from the subgraph's services. */
export interface DocumentRouteServices {
  readonly db: PrismaClient;
  readonly config: DocumentSettings;
  readonly documentStore: BlobStore;
}

/** Register the document route on `app` (already under /api). */
export async function registerDocumentRoutes(app: FastifyInstance, services: DocumentRouteServices): Promise<void> {
  const { db, config, documentStore: store } = services;
  await app.register(async (scope) => {
    acceptUploadBodies(scope, config.documents.maxBytes, { tooLarge: 'DOCUMENT_TOO_LARGE', typeNotAllowed: 'DOCUMENT_TYPE_NOT_ALLOWED', noun: 'A document', types: DOCUMENT_TYPES });

    scope.post('/documents', async (request, reply) => {
      const viewer = request.viewer as Viewer;
      const ownerId = viewer.subject;
      // A partner's service account has no subject: it is no citizen and uploads nothing here.
      if (ownerId === undefined) return fail(reply, viewer.clientId === undefined ? 'UNAUTHENTICATED' : 'FORBIDDEN', 'Sign in to upload documents for your dossier.');
      if (!viewer.roles.includes('citizen') || !viewer.scopes.includes('dossier:read')) return fail(reply, 'FORBIDDEN', 'Only citizens upload documents for their dossiers.');
      if (viewer.level < 2) return fail(reply, 'STEP_UP_REQUIRED', 'This needs VNeID level 2: sign in again with VNeID.', { requiredAcr: '2' });
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      let checked;
      try {
        checked = checkDocument(body, request.headers['content-type']);
      } catch (error) {
        if (error instanceof UploadRefused) return fail(reply, error.code, error.message);
        throw error;
      }
      const { contentType, bytes } = checked;
      const document = await storeAndRecord(store, bytes, contentType, ({ key, sha256 }) => createDocument(db, { id: key, ownerId, contentType, byteSize: bytes.length, sha256 }), request.log);
      return reply.code(201).send({ id: document.id, contentType: document.contentType, byteSize: document.byteSize, sha256: document.sha256 });
    });
  });
}
