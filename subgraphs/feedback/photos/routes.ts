// The photo routes (the gateway serves them at /api/feedback/photos):
//   POST /photos       body = the image bytes, Content-Type image/jpeg, image/png or image/webp; a signed-in
//                      citizen (scope feedback:write), operator or officer. Not multipart: such a content
//                      type is not CORS-safelisted, so a browser preflights it and no other site can post.
//                      201 { id, contentType, byteSize, sha256, width, height, url }; the photo stays
//                      unattached until a submission (photoIds) or a resolution names it.
//   GET  /photos/:id   the bytes, to whoever may see the photo (photos.ts maySeePhoto); 404 otherwise,
//                      whether or not it exists.
import type { FastifyInstance } from 'fastify';
import type { Viewer } from '../../../auth/viewer.ts';
import { acceptUploadBodies, failUpload as fail } from '../../kit/uploads/body.ts';
import { storeAndRecord } from '../../kit/uploads/store.ts';
import type { BlobStore } from '../../kit/uploads/store.ts';
import type { PrismaClient } from '../prisma/generated/client.ts';
import type { PhotoSettings } from './config.ts';
import { checkPhoto, PHOTO_TYPES, PhotoRejected } from './image-check.ts';
import type { CheckedPhoto } from './image-check.ts';
import { createPhoto, findPhotoForDownload, isPublicPhoto, maySeePhoto, photoUrl } from './photos.ts';

/** What the photo routes need from the subgraph's services. */
export interface PhotoRouteServices {
  readonly db: PrismaClient;
  readonly config: Pick<PhotoSettings, 'photoMaxBytes'>;
  readonly photoStore: BlobStore;
}

const EXTENSIONS: Readonly<Record<string, string>> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** Who may upload: citizens allowed to write feedback, and the staff who record or resolve items. */
function mayUpload(viewer: Viewer): boolean {
  if (viewer.roles.includes('operator') || viewer.roles.includes('officer')) return true;
  return viewer.roles.includes('citizen') && viewer.scopes.includes('feedback:write');
}

/** Register the photo routes on `app` (already under /api), over the services' photo store. */
export async function registerPhotoRoutes(app: FastifyInstance, services: PhotoRouteServices): Promise<void> {
  const { db, config, photoStore: store } = services;

  await app.register(async (scope) => {
    // Any body as bytes, at most the photo limit: the type is decided from the bytes, not the header.
    acceptUploadBodies(scope, config.photoMaxBytes, { tooLarge: 'PHOTO_TOO_LARGE', typeNotAllowed: 'PHOTO_TYPE_NOT_ALLOWED', noun: 'A photo', types: PHOTO_TYPES });

    scope.post('/photos', async (request, reply) => {
      const viewer = request.viewer as Viewer;
      const ownerId = viewer.subject;
      if (ownerId === undefined) return fail(reply, 'UNAUTHENTICATED', 'Sign in to upload photos.');
      if (!mayUpload(viewer)) return fail(reply, 'FORBIDDEN', 'You may not upload feedback photos.');
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      let checked: CheckedPhoto;
      try {
        checked = checkPhoto(body, request.headers['content-type']);
      } catch (error) {
        if (error instanceof PhotoRejected) return fail(reply, error.code, error.message);
        throw error;
      }
      const photo = await storeAndRecord(
        store,
        checked.bytes,
        checked.contentType,
        ({ key, sha256 }) =>
          createPhoto(db, { id: key, ownerId, contentType: checked.contentType, byteSize: checked.bytes.length, width: checked.width, height: checked.height, sha256, storageKey: key }),
        request.log,
      );
      return reply.code(201).send({ id: photo.id, contentType: photo.contentType, byteSize: photo.byteSize, sha256: photo.sha256, width: photo.width, height: photo.height, url: photoUrl(photo.id) });
    });

    scope.get('/photos/:id', async (request, reply) => {
      const { id } = request.params as { id: string };
      const viewer = request.viewer as Viewer;
      const photo = await findPhotoForDownload(db, id);
      // Missing and not yours look the same: ids cannot be probed.
      if (!photo || !maySeePhoto(viewer, photo)) return fail(reply, 'NOT_FOUND', 'No such photo.');
      const isPublic = photo.item !== null && photo.item.isPublic && photo.item.status !== 'REJECTED' && isPublicPhoto(photo.kind, photo.item.status);
      const etag = `"${photo.sha256}"`;
      reply
        .header('etag', etag)
        // Bytes never change under an id, but who may see them can (an item rejected later): revalidate often.
        .header('cache-control', `${isPublic ? 'public' : 'private'}, max-age=300`)
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', `inline; filename="${photo.id}.${EXTENSIONS[photo.contentType] ?? 'bin'}"`);
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      const bytes = await store.get(photo.storageKey);
      if (!bytes) {
        request.log.warn({ photo: photo.id }, 'photo bytes missing from the store');
        return fail(reply, 'NOT_FOUND', 'No such photo.');
      }
      return reply.type(photo.contentType).send(bytes);
    });
  });
}
