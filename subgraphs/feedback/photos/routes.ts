// The photo routes (the gateway serves them at /api/feedback/photos):
//   POST /photos       body = the image bytes, Content-Type image/jpeg, image/png or image/webp; a signed-in
//                      citizen (scope feedback:write), operator or officer. Not multipart: such a content
//                      type is not CORS-safelisted, so a browser preflights it and no other site can post.
//                      201 { id, contentType, byteSize, sha256, width, height, url }; the photo stays
//                      unattached until a submission (photoIds) or a resolution names it.
//   GET  /photos/:id   the bytes, to whoever may see the photo (photos.ts maySeePhoto); 404 otherwise,
//                      whether or not it exists.
import { createHash } from 'node:crypto';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { Viewer } from '../../../auth/viewer.ts';
import { ERROR_CODES } from '../../../schema/errors.ts';
import type { ErrorCode } from '../../../schema/errors.ts';
import { isDatabaseUnavailable } from '../../kit/db-errors.ts';
import type { PrismaClient } from '../prisma/generated/client.ts';
import type { PhotoSettings } from './config.ts';
import { checkPhoto, PhotoRejected } from './image-check.ts';
import { createPhoto, findPhotoForDownload, isPublicPhoto, maySeePhoto, photoUrl } from './photos.ts';
import { newPhotoKey } from './store.ts';
import type { PhotoStore } from './store.ts';

/** What the photo routes need from the subgraph's services. */
export interface PhotoRouteServices {
  readonly db: PrismaClient;
  readonly config: Pick<PhotoSettings, 'photoMaxBytes'>;
  readonly photoStore: PhotoStore;
}

const EXTENSIONS: Readonly<Record<string, string>> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

function fail(reply: FastifyReply, code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): FastifyReply {
  return reply
    .code(ERROR_CODES[code].status)
    .type('application/json; charset=utf-8')
    .send({ errors: [{ message, extensions: { ...extensions, code } }] });
}

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
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: config.photoMaxBytes }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
        return fail(reply, 'PHOTO_TOO_LARGE', `A photo is at most ${config.photoMaxBytes} bytes.`, { maxBytes: config.photoMaxBytes });
      }
      if (error.statusCode === 415) return fail(reply, 'PHOTO_TYPE_NOT_ALLOWED', 'Photos must be sent as image/jpeg, image/png or image/webp.');
      if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) return fail(reply, 'BAD_REQUEST', 'The request is malformed.');
      if (isDatabaseUnavailable(error)) throw error; // the kit's /api handler answers 503
      request.log.error({ err: error }, 'photo route failed');
      return fail(reply, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
    });

    scope.post('/photos', async (request, reply) => {
      const viewer = request.viewer as Viewer;
      const ownerId = viewer.subject;
      if (ownerId === undefined) return fail(reply, 'UNAUTHENTICATED', 'Sign in to upload photos.');
      if (!mayUpload(viewer)) return fail(reply, 'FORBIDDEN', 'You may not upload feedback photos.');
      const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      let checked;
      try {
        checked = checkPhoto(body, request.headers['content-type']);
      } catch (error) {
        if (error instanceof PhotoRejected) return fail(reply, error.code, error.message);
        throw error;
      }
      const sha256 = createHash('sha256').update(checked.bytes).digest('hex');
      const key = newPhotoKey();
      await store.put(key, checked.bytes, checked.contentType);
      let photo;
      try {
        photo = await createPhoto(db, { id: key, ownerId, contentType: checked.contentType, byteSize: checked.bytes.length, width: checked.width, height: checked.height, sha256, storageKey: key });
      } catch (error) {
        await store.delete(key).catch((cleanup: unknown) => request.log.warn({ err: cleanup }, 'could not remove an unrecorded photo'));
        throw error;
      }
      return reply.code(201).send({ id: photo.id, contentType: photo.contentType, byteSize: photo.byteSize, sha256, width: photo.width, height: photo.height, url: photoUrl(photo.id) });
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
