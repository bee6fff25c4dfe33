// Photos through the application, so pages show and send them from their own origin (the 1022 portal's
// item and send form; the staff workspace's item page and its resolve form):
//   GET  /anh/:id       a photo's bytes from the gateway (with the session's token when signed in: the
//                       gateway decides who may see it)
//   POST /phan-anh/anh  upload a photo (the image bytes as the body, the CSRF token in X-CSRF-Token;
//                       relayed to the gateway's POST /api/feedback/photos); answers {id} or {error}
import type { FastifyInstance } from 'fastify';
import type { SiteRouteOptions } from '../replies.ts';

/** A photo id (a UUID, subgraphs/kit/uploads/store.ts). */
export const PHOTO_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The gateway's photo limit (FEEDBACK_PHOTO_MAX_BYTES, 5 MiB): larger bodies are refused here first. */
const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'];

/** Register the photo routes. */
export async function photoRoutes(app: FastifyInstance, { services, replies }: SiteRouteOptions): Promise<void> {
  const sessions = app.portalSession;
  const gatewayBase = services.options.gatewayUrl.replace(/\/+$/, '');

  app.get('/anh/:id', async (request, reply) => {
    const { id } = request.params as { id: string };
    if (!PHOTO_ID.test(id)) return replies.errorPage(reply, undefined, 400, 'Mã ảnh không hợp lệ', 'Không có ảnh này. (Malformed photo id.)', 'BAD_USER_INPUT');
    const current = await sessions.load(request);
    const token = current?.session.user ? await sessions.accessToken(reply, current) : undefined;
    const response = await fetch(`${gatewayBase}/api/feedback/photos/${id}`, {
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'x-request-id': String(request.id) },
      signal: AbortSignal.timeout(10_000),
    }).catch(() => undefined);
    const type = response?.headers.get('content-type') ?? '';
    if (!response?.ok || !PHOTO_TYPES.includes(type)) {
      await response?.body?.cancel();
      const status = response && response.status < 500 ? 404 : 503;
      return replies.errorPage(reply, current, status, 'Không tìm thấy ảnh', 'Ảnh không tồn tại hoặc bạn không được xem. (No such photo.)', status === 404 ? 'NOT_FOUND' : 'SERVICE_UNAVAILABLE');
    }
    // The bytes are the gateway's cleaned copy; private to this browser (the page is signed in or public).
    reply.header('content-security-policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'").header('x-content-type-options', 'nosniff');
    return reply.type(type).send(Buffer.from(await response.arrayBuffer()));
  });

  await app.register(async (scope) => {
    // The send form's script posts each photo as bytes (not multipart), as the gateway takes them.
    scope.addContentTypeParser(PHOTO_TYPES, { parseAs: 'buffer', bodyLimit: PHOTO_MAX_BYTES }, (_request, body, done) => done(null, body));
    scope.post('/phan-anh/anh', { bodyLimit: PHOTO_MAX_BYTES }, async (request, reply) => {
      const current = await sessions.load(request);
      if (!current?.session.user) return reply.code(401).send({ error: 'UNAUTHENTICATED' });
      if (!sessions.csrfValid(current, request.headers['x-csrf-token'])) return reply.code(403).send({ error: 'CSRF_TOKEN_INVALID' });
      const token = await sessions.accessToken(reply, current);
      if (!token) return reply.code(401).send({ error: 'UNAUTHENTICATED' });
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const response = await fetch(`${gatewayBase}/api/feedback/photos`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': String(request.headers['content-type']), 'x-request-id': String(request.id), 'x-forwarded-for': request.ip },
        body: bytes,
        signal: AbortSignal.timeout(30_000),
      }).catch(() => undefined);
      if (!response) return reply.code(503).send({ error: 'SERVICE_UNAVAILABLE' });
      const answer = (await response.json().catch(() => ({}))) as { id?: unknown; code?: unknown; error?: unknown; errors?: { extensions?: { code?: unknown } }[] };
      if (response.status === 201 && typeof answer.id === 'string') return reply.code(201).send({ id: answer.id });
      const given = answer.errors?.[0]?.extensions?.code ?? answer.code ?? answer.error;
      return reply.code(response.status >= 500 ? 502 : response.status).send({ error: typeof given === 'string' ? given : 'PHOTO_INVALID' });
    });
  });
}
