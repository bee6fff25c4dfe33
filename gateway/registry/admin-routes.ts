// The registry's admin API on the gateway, for people with the `platform-admin` realm role (and the
// `npm run subgraph:*` commands, which call it). JSON in, JSON out; every refusal has a catalogued code.
//   GET    /admin/registry                          served subgraphs (no SDL), proposals, supergraph hash
//   GET    /admin/registry/subgraphs/:name          one subgraph's record, SDL included
//   GET    /admin/registry/operations               operations the checks look for (literal-free)
//   POST   /admin/registry/check                    check a record (nothing stored)
//   POST   /admin/registry/proposals                check and keep a proposal
//   POST   /admin/registry/subgraphs/:name/publish  publish the proposal (or the record in the body)
//   DELETE /admin/registry/subgraphs/:name          retire a registered subgraph (?allowBreaking=true)
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { statusOf } from '../../schema/errors.ts';
import type { ProposalReport } from '../../schema/proposal-check.ts';
import { admitRequest } from '../pipeline/admit.ts';
import type { PipelineServices } from '../pipeline/context.ts';
import { refuse, RequestRefused } from '../pipeline/refusal.ts';
import { RegistryRefusal } from './index.ts';
import type { Registry } from './index.ts';
import { MAX_SDL_BYTES, receivesPersonIds, subgraphRecordSchema } from './records.ts';
import type { SubgraphRecord } from './records.ts';

/** The realm role that may use the admin API. */
export const PLATFORM_ADMIN_ROLE = 'platform-admin';

const publishBody = subgraphRecordSchema.partial().extend({ allowBreaking: z.boolean().optional() }).strict();

/** Register the admin API; `services` gives the current pipeline services (rate limits, token verification). */
export function registerRegistryAdmin(app: FastifyInstance, registry: Registry, services: () => PipelineServices, served: () => { generation: number; hash: string }): void {
  const bodyLimit = MAX_SDL_BYTES + 64 * 1024;
  const guard = async (request: FastifyRequest, reply: FastifyReply): Promise<boolean> => {
    reply.header('cache-control', 'no-store');
    try {
      const { viewer } = await admitRequest(services(), request, reply);
      if (viewer.subject === undefined && viewer.clientId === undefined) throw new RequestRefused('UNAUTHENTICATED', 'The registry needs a bearer token of a platform administrator.');
      if (!viewer.roles.includes(PLATFORM_ADMIN_ROLE)) throw new RequestRefused('FORBIDDEN', `The registry needs the ${PLATFORM_ADMIN_ROLE} role.`);
      return true;
    } catch (error) {
      if (!(error instanceof RequestRefused)) throw error;
      refuse(reply, error);
      return false;
    }
  };
  const handle = (work: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>) => async (request: FastifyRequest, reply: FastifyReply) => {
    if (!(await guard(request, reply))) return reply;
    try {
      return await work(request, reply);
    } catch (error) {
      if (error instanceof RegistryRefusal) return sendRefusal(reply, error.code, error.message, error.report);
      if (error instanceof BadInput) return sendRefusal(reply, 'BAD_USER_INPUT', error.message, undefined, { field: error.field });
      throw error;
    }
  };

  app.get(
    '/admin/registry',
    handle(async () => {
      const { version, subgraphs, proposals } = await registry.list();
      const summary = ({ sdl: _sdl, ...rest }: SubgraphRecord) => rest;
      return { version, supergraph: served(), subgraphs: subgraphs.map(summary), proposals: proposals.map(summary) };
    }),
  );
  app.get(
    '/admin/registry/subgraphs/:name',
    handle(async (request) => {
      const name = (request.params as { name: string }).name;
      const found = (await registry.list()).subgraphs.find((each) => each.name === name);
      if (!found) throw new RegistryRefusal('NOT_FOUND', `No subgraph is named ${name}.`);
      return found;
    }),
  );
  app.get(
    '/admin/registry/operations',
    handle(async () => ({ operations: await registry.operations() })),
  );
  app.post(
    '/admin/registry/check',
    { bodyLimit },
    handle(async (request) => {
      const report = await registry.check(readRecord(request.body));
      return { passes: report.composes && report.breaking.length === 0, report: shown(report) };
    }),
  );
  app.post(
    '/admin/registry/proposals',
    { bodyLimit },
    handle(async (request) => ({ proposed: true, report: shown(await registry.propose(readRecord(request.body))) })),
  );
  app.post(
    '/admin/registry/subgraphs/:name/publish',
    { bodyLimit },
    handle(async (request) => {
      const name = (request.params as { name: string }).name;
      const parsed = publishBody.safeParse(request.body ?? {});
      if (!parsed.success) throw badInput(parsed.error);
      const { allowBreaking = false, ...fields } = parsed.data;
      const record = Object.keys(fields).length > 0 ? readRecord({ name, ...fields }) : undefined;
      const change = await registry.publish(name, record, allowBreaking);
      return { published: name, version: change.version, supergraph: served(), report: shown(change.report) };
    }),
  );
  app.delete(
    '/admin/registry/subgraphs/:name',
    handle(async (request) => {
      const name = (request.params as { name: string }).name;
      const allow = (request.query as Record<string, unknown>)['allowBreaking'];
      if (allow !== undefined && allow !== 'true' && allow !== 'false') throw new BadInput('allowBreaking must be true or false.', 'allowBreaking');
      const change = await registry.retire(name, allow === 'true');
      return { retired: name, version: change.version, supergraph: served(), report: shown(change.report) };
    }),
  );
}

/** A field of the request is wrong. */
class BadInput extends Error {
  readonly field: string;
  constructor(message: string, field: string) {
    super(message);
    this.field = field;
  }
}

function badInput(error: z.ZodError): BadInput {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || 'body';
  return new BadInput(`${field}: ${issue?.message ?? 'invalid'}`, field);
}

function readRecord(body: unknown): SubgraphRecord {
  const parsed = subgraphRecordSchema.strict().safeParse(body);
  if (!parsed.success) throw badInput(parsed.error);
  // Representations of a Citizen carry the person's id: no personal-data flag, no Citizen.
  if (!parsed.data.personalData && receivesPersonIds(parsed.data.sdl) === true) {
    throw new BadInput("personalData: a subgraph that defines or extends Citizen receives the person's id in every representation; it needs personalData: true.", 'personalData');
  }
  return parsed.data;
}

/** The report without the composed supergraph (large, and the served one is on GET /admin/registry). */
function shown(report: ProposalReport): Omit<ProposalReport, 'supergraphSdl'> {
  const { supergraphSdl: _supergraph, ...rest } = report;
  return rest;
}

function sendRefusal(reply: FastifyReply, code: RegistryRefusal['code'], message: string, report: ProposalReport | undefined, extensions: Record<string, unknown> = {}): FastifyReply {
  return reply.code(statusOf(code)).send({
    errors: [{ message, extensions: { ...extensions, code, requestId: String(reply.request.id) } }],
    ...(report ? { report: shown(report) } : {}),
  });
}
