// GraphiQL for platform admins, served by the workspace itself (platform/graphiql.ts: the npm bundles, no
// CDN): GET /graphiql (the page, scripts from this origin only), /graphiql/assets/:name, and
// POST /graphiql/graphql, which asks the gateway as the signed-in admin — the token stays on the server, so
// the page sends the session's CSRF token in `x-csrf-token` instead of a bearer token.
import type { FastifyInstance } from 'fastify';
import { GRAPHIQL_POLICY, loadGraphiqlAssets, renderGraphiql } from '../../../platform/graphiql.ts';
import type { WorkspaceRouteOptions } from '../server.ts';

/** The longest operation the proxy passes on (the gateway has its own limits too). */
const MAX_QUERY_CHARS = 20_000;

/** Register GraphiQL. */
export async function graphiqlRoutes(app: FastifyInstance, options: WorkspaceRouteOptions): Promise<void> {
  const sessions = app.portalSession;
  const assets = loadGraphiqlAssets();

  app.get('/graphiql', async (request, reply) => {
    const context = await options.staff(request, reply, ['platform-admin']);
    if (!context) return reply;
    reply.header('content-security-policy', GRAPHIQL_POLICY);
    return options.replies.html(
      reply,
      200,
      renderGraphiql({ assetBase: '/graphiql/assets', endpoint: '/graphiql/graphql', csrf: context.frame.csrf ?? '', title: 'Liên Thông — GraphiQL (nơi làm việc)' }),
    );
  });

  app.get('/graphiql/assets/:name', async (request, reply) => {
    const asset = assets.get((request.params as { name: string }).name);
    if (!asset) return reply.callNotFound();
    return reply.header('cache-control', 'private, max-age=3600').type(asset.type).send(asset.body);
  });

  app.post('/graphiql/graphql', async (request, reply) => {
    const current = await sessions.load(request);
    const refuse = (status: number, code: string, message: string) => reply.code(status).send({ errors: [{ message, extensions: { code } }] });
    if (!current?.session.user) return refuse(401, 'UNAUTHENTICATED', 'Sign in to the workspace first.');
    if (!sessions.csrfValid(current, request.headers['x-csrf-token'])) return refuse(403, 'CSRF_TOKEN_INVALID', 'Reload the page: the CSRF token is missing or stale.');
    const context = await options.staff(request, reply, ['platform-admin']);
    if (!context) return reply;
    const body = (request.body ?? {}) as { query?: unknown; variables?: unknown };
    if (typeof body.query !== 'string' || body.query.length === 0 || body.query.length > MAX_QUERY_CHARS)
      return refuse(400, 'BAD_USER_INPUT', `query must be a string of 1 to ${MAX_QUERY_CHARS} characters.`);
    const variables = typeof body.variables === 'object' && body.variables !== null && !Array.isArray(body.variables) ? (body.variables as Record<string, unknown>) : undefined;
    const result = await sessions.askGateway(reply, current, body.query, variables).catch(() => 'unavailable' as const);
    if (result === undefined) return refuse(401, 'UNAUTHENTICATED', 'The session has ended: sign in again.');
    if (result === 'unavailable') return refuse(503, 'SERVICE_UNAVAILABLE', 'The API gateway is unavailable.');
    return reply.code(result.status).send({ ...(result.data === undefined ? {} : { data: result.data }), ...(result.errors.length ? { errors: result.errors } : {}) });
  });
}
