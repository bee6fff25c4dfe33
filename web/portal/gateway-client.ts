// The portals read and write only through the gateway's GraphQL endpoint, with the citizen's access token.
/** One GraphQL error as the gateway returns it. */
export interface GatewayError {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: { readonly code?: string; readonly requiredAcr?: string; readonly [key: string]: unknown };
}

/** A GraphQL response (HTTP status kept: 401 means the token was refused as a whole). */
export interface GatewayResult<Data> {
  readonly status: number;
  readonly data: Data | null | undefined;
  readonly errors: readonly GatewayError[];
}

/** The gateway could not be reached or did not answer with GraphQL. */
export class GatewayUnavailable extends Error {
  override readonly name = 'GatewayUnavailable';
}

/** One call: the citizen's token, variables, the browser's address (sent as X-Forwarded-For) and the page request's id (X-Request-Id, so the gateway and the subgraphs log under it). */
export interface GatewayCallOptions {
  readonly token?: string;
  readonly variables?: Record<string, unknown>;
  readonly clientAddress?: string;
  readonly requestId?: string;
}

export type GatewayClient = <Data>(query: string, options?: GatewayCallOptions) => Promise<GatewayResult<Data>>;

/** A client for the gateway at `gatewayUrl` (base URL; GraphQL at /graphql). */
export function createGatewayClient(gatewayUrl: string, timeoutMs = 10_000): GatewayClient {
  const endpoint = `${gatewayUrl.replace(/\/+$/, '')}/graphql`;
  return async <Data>(query: string, options: GatewayCallOptions = {}) => {
    let response: Response;
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/json',
          ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          ...(options.clientAddress ? { 'x-forwarded-for': options.clientAddress } : {}),
          ...(options.requestId ? { 'x-request-id': options.requestId } : {}),
        },
        body: JSON.stringify({ query, variables: options.variables ?? {} }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      throw new GatewayUnavailable(`the gateway did not answer: ${(error as Error).name}`);
    }
    let body: { data?: Data | null; errors?: GatewayError[] };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw new GatewayUnavailable(`the gateway answered HTTP ${response.status} without JSON`);
    }
    return { status: response.status, data: body.data, errors: Array.isArray(body.errors) ? body.errors : [] };
  };
}

/** The first error with `code`, if any. */
export function findError(result: GatewayResult<unknown>, code: string): GatewayError | undefined {
  return result.errors.find((error) => error.extensions?.code === code);
}

/** For `.catch` on a gateway call: an unreachable gateway becomes 'unavailable' (the page says so); anything else is rethrown. */
export function rethrowUnlessUnavailable(error: unknown): 'unavailable' {
  if (error instanceof GatewayUnavailable) return 'unavailable';
  throw error;
}
