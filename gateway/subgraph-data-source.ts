// Fetches one subgraph for the query planner: Node's fetch (undici, pooled keep-alive connections),
// a per-subgraph timeout, the gateway's internal identity token, and nothing the client sent.
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayGraphQLResponse } from '@apollo/server-gateway-interface';
import { codedError } from '../schema/errors.ts';

/** What the gateway passes through the planner to every subgraph fetch. */
export interface GatewayContext extends Record<string, unknown> {
  /** Internal token for this viewer, signed by the gateway. */
  readonly internalToken: string;
  readonly requestId: string;
}

/** A data source for one subgraph. */
export class SubgraphDataSource implements GraphQLDataSource<GatewayContext> {
  readonly name: string;
  readonly url: string;
  readonly timeoutMs: number;

  constructor(name: string, url: string, timeoutMs: number) {
    this.name = name;
    this.url = url;
    this.timeoutMs = timeoutMs;
  }

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    const context = options.context as GatewayContext;
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          authorization: `Bearer ${context.internalToken}`,
          'x-request-id': context.requestId,
        },
        body: JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const timedOut = (error as Error).name === 'TimeoutError';
      throw codedError('SUBGRAPH_UNAVAILABLE', `The ${this.name} service ${timedOut ? 'did not answer in time' : 'is unavailable'}.`, { serviceName: this.name });
    }
    const body = await readJson(response);
    if (body === undefined) {
      throw codedError('SUBGRAPH_UNAVAILABLE', `The ${this.name} service answered with HTTP ${response.status}.`, { serviceName: this.name });
    }
    return body;
  }
}

async function readJson(response: Response): Promise<GatewayGraphQLResponse | undefined> {
  if (!(response.headers.get('content-type') ?? '').includes('json')) {
    await response.body?.cancel();
    return undefined;
  }
  try {
    const body: unknown = await response.json();
    return typeof body === 'object' && body !== null && ('data' in body || 'errors' in body) ? (body as GatewayGraphQLResponse) : undefined;
  } catch {
    return undefined;
  }
}
