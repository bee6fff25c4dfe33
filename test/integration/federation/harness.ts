// Shared harness of the Federation 2 conformance suites: small subgraphs (@apollo/subgraph schemas on
// mercurius, port 0, no database) composed with @theguild/federation-composition at test start and
// served through the real gateway (buildGateway over a temporary SUPERGRAPH_FILE), queried over HTTP.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph';
import { composeServices } from '@theguild/federation-composition';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { parse } from 'graphql';
import mercurius from 'mercurius';
import { parseGatewayConfig } from '../../../gateway/config.ts';
import { buildGateway } from '../../../gateway/server.ts';
import { createLogger } from '../../../platform/logger.ts';

/** One subgraph of a suite: its Federation 2 SDL and resolvers. */
export interface SubgraphSpec {
  readonly name: string;
  readonly sdl: string;
  readonly resolvers?: GraphQLResolverMap<unknown>;
}

/** What one subgraph received. */
export interface SubgraphCall {
  readonly query: string;
  readonly variables: Record<string, unknown> | undefined;
}

/** A GraphQL response as the client gets it. */
export interface ClientResponse {
  readonly status: number;
  readonly body: { data?: unknown; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[] };
}

/** A running federation: subgraphs, the supergraph and the gateway. */
export interface Federation {
  readonly gatewayUrl: string;
  readonly supergraphSdl: string;
  /** Requests each subgraph received, by name (cleared by `resetCalls`). */
  readonly calls: Record<string, SubgraphCall[]>;
  resetCalls(): void;
  /** POST a query to the gateway. */
  query(query: string, variables?: Record<string, unknown>, operationName?: string): Promise<ClientResponse>;
  /** Stop one subgraph (its port stays unanswered). */
  stopSubgraph(name: string): Promise<void>;
  close(): Promise<void>;
}

/** Federation 2 `@link` with the given directives imported. */
export function link(...imports: string[]): string {
  return `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: [${imports.map((name) => `"@${name}"`).join(', ')}])`;
}

/** Compose subgraph SDLs into a supergraph (throws with every composition error). */
export function composeSupergraph(subgraphs: readonly { name: string; url: string; sdl: string }[]): string {
  const result = composeServices(subgraphs.map((subgraph) => ({ name: subgraph.name, url: subgraph.url, typeDefs: parse(subgraph.sdl) })));
  if (result.errors) throw new Error(`composition failed:\n${result.errors.map((error) => error.message).join('\n')}`);
  return result.supergraphSdl;
}

/** Start the subgraphs and the gateway in front of them. */
export async function startFederation(specs: readonly SubgraphSpec[], options: { readonly gatewayEnv?: Record<string, string> } = {}): Promise<Federation> {
  const calls: Record<string, SubgraphCall[]> = {};
  const apps = new Map<string, FastifyInstance>();
  const urls: { name: string; url: string; sdl: string }[] = [];
  const dir = mkdtempSync(path.join(tmpdir(), 'federation-'));
  let gateway: FastifyInstance | undefined;
  const close = async () => {
    await gateway?.close();
    await Promise.all([...apps.values()].map((app) => app.close()));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const spec of specs) {
      calls[spec.name] = [];
      const app = Fastify({ logger: false });
      const schema = buildSubgraphSchema([{ typeDefs: parse(spec.sdl), resolvers: spec.resolvers ?? {} }]);
      app.addHook('preHandler', async (request) => {
        const body = request.body as { query?: string; variables?: Record<string, unknown> } | undefined;
        if (body?.query && !body.query.includes('_service')) calls[spec.name]!.push({ query: body.query, variables: body.variables });
      });
      await app.register(mercurius, { schema, path: '/graphql', graphiql: false });
      const address = await app.listen({ host: '127.0.0.1', port: 0 });
      apps.set(spec.name, app);
      urls.push({ name: spec.name, url: `${address}/graphql`, sdl: spec.sdl });
    }
    const supergraphSdl = composeSupergraph(urls);
    const supergraphFile = path.join(dir, 'supergraph.graphql');
    writeFileSync(supergraphFile, supergraphSdl);
    const config = parseGatewayConfig({
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      // No token is ever sent: the realm is never asked for its keys.
      OIDC_ISSUER: 'http://127.0.0.1:9/realms/conformance',
      SUPERGRAPH_FILE: supergraphFile,
      SUBGRAPH_RETRIES: '0',
      ...options.gatewayEnv,
    });
    gateway = (await buildGateway(config, { logger: createLogger('gateway', 'silent') })).app;
    const gatewayUrl = await gateway.listen({ host: '127.0.0.1', port: 0 });
    return {
      gatewayUrl,
      supergraphSdl,
      calls,
      resetCalls: () => {
        for (const name of Object.keys(calls)) calls[name] = [];
      },
      async query(query, variables, operationName) {
        const response = await fetch(`${gatewayUrl}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, ...(variables ? { variables } : {}), ...(operationName ? { operationName } : {}) }),
        });
        return { status: response.status, body: (await response.json()) as ClientResponse['body'] };
      },
      async stopSubgraph(name) {
        await apps.get(name)?.close();
        apps.delete(name);
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
