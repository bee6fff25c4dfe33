// The bulk ingestion route (the gateway serves it at /api/dossier/ingest/dossiers), for back-filling:
//   POST /ingest/dossiers   body = NDJSON (application/x-ndjson): one dossier record per line, as
//                           upsertDossiers takes it (dates as ISO 8601 with offset). An agency client
//                           (scope dossier:write, its agency codes). 200 { accepted, refused } with each
//                           line's number; every line all or nothing, the others go in.
import type { FastifyError, FastifyInstance } from 'fastify';
import type { Viewer } from '../../../auth/viewer.ts';
import { failUpload as fail } from '../../kit/uploads/body.ts';
import { isDatabaseUnavailable } from '../../kit/db-errors.ts';
import { GraphQLError } from 'graphql';
import { ingestDossiers } from './ingest.ts';
import type { BatchEntry, IngestionServices } from './ingest.ts';

const NDJSON_TYPES = new Set(['application/x-ndjson', 'application/ndjson', 'application/jsonl', 'application/json-seq']);

/** Split an NDJSON body into its numbered entries (blank lines skipped, numbering kept). */
export function parseNdjson(body: string): BatchEntry[] {
  const entries: BatchEntry[] = [];
  body.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    try {
      const input: unknown = JSON.parse(line);
      entries.push(typeof input === 'object' && input !== null && !Array.isArray(input) ? { line: index + 1, input } : { line: index + 1, unparsable: 'not an object' });
    } catch {
      entries.push({ line: index + 1, unparsable: 'invalid JSON' });
    }
  });
  return entries;
}

/** Register the bulk route on `app` (already under /api). */
export async function registerIngestionRoutes(app: FastifyInstance, services: IngestionServices): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: services.config.ingestion.maxBytes }, (_request, body, done) => done(null, body));
    scope.setErrorHandler((error: FastifyError, request, reply) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413)
        return fail(reply, 'PAYLOAD_TOO_LARGE', `A batch is at most ${services.config.ingestion.maxBytes} bytes.`, { maxBytes: services.config.ingestion.maxBytes });
      if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) return fail(reply, 'BAD_REQUEST', 'The request is malformed.');
      if (isDatabaseUnavailable(error)) throw error; // the kit's /api handler answers 503
      request.log.error({ err: error }, 'ingestion route failed');
      return fail(reply, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
    });

    scope.post('/ingest/dossiers', async (request, reply) => {
      const viewer = request.viewer as Viewer;
      if (viewer.subject === undefined && viewer.clientId === undefined) return fail(reply, 'UNAUTHENTICATED', 'An agency client token is required.');
      const type = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() ?? '';
      if (!NDJSON_TYPES.has(type)) return fail(reply, 'UNSUPPORTED_MEDIA_TYPE', 'Send the batch as application/x-ndjson: one JSON record per line.');
      try {
        const result = await ingestDossiers(services, viewer, parseNdjson(typeof request.body === 'string' ? request.body : ''));
        return await reply.send(result);
      } catch (error) {
        const code = error instanceof GraphQLError ? error.extensions['code'] : undefined;
        if (code === 'FORBIDDEN') return fail(reply, 'FORBIDDEN', (error as Error).message);
        if (code === 'BAD_USER_INPUT') return fail(reply, 'BAD_USER_INPUT', (error as Error).message, { ...(error as GraphQLError).extensions });
        throw error;
      }
    });
  });
}
