// The portals read and write only through the gateway's GraphQL endpoint, with the citizen's access token;
// live updates come from its SSE transport on the same endpoint, read here and never passed to a browser as is.
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

/** A POST of one operation to the gateway's /graphql as the citizen, answered as `accept`. */
function graphqlRequest(query: string, options: GatewayCallOptions, accept: string, signal: AbortSignal): RequestInit {
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept,
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.clientAddress ? { 'x-forwarded-for': options.clientAddress } : {}),
      ...(options.requestId ? { 'x-request-id': options.requestId } : {}),
    },
    body: JSON.stringify({ query, variables: options.variables ?? {} }),
    signal,
  };
}

/** A client for the gateway at `gatewayUrl` (base URL; GraphQL at /graphql). */
export function createGatewayClient(gatewayUrl: string, timeoutMs = 10_000): GatewayClient {
  const endpoint = `${gatewayUrl.replace(/\/+$/, '')}/graphql`;
  return async <Data>(query: string, options: GatewayCallOptions = {}) => {
    let response: Response;
    try {
      response = await fetch(endpoint, graphqlRequest(query, options, 'application/json', AbortSignal.timeout(timeoutMs)));
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

/** A public page's question to the gateway, without a token (the visitor's address and the request id passed on); 'unavailable' when it cannot be reached. */
export function askAnonymously<Data>(
  gateway: GatewayClient,
  request: { readonly ip: string; readonly id: unknown },
  query: string,
  variables: Record<string, unknown>,
): Promise<GatewayResult<Data> | 'unavailable'> {
  return gateway<Data>(query, { variables, clientAddress: request.ip, requestId: String(request.id) }).catch(rethrowUnlessUnavailable);
}

/** The gateway refused a subscription before its stream started: its HTTP status and first error code. */
export class SubscriptionRefused extends Error {
  override readonly name = 'SubscriptionRefused';
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string) {
    super(`the gateway refused the subscription: ${status} ${code}`);
    this.status = status;
    this.code = code;
  }
}

/** The most an event stream may hold unparsed (one event). */
const STREAM_BUFFER_BYTES = 1024 * 1024;

/**
 * One subscription through the gateway's SSE transport (graphql-sse, distinct connections) as the citizen:
 * each event until the stream ends (the token's expiry or logout end it at the gateway; a gateway going
 * away ends it too) or `signal` aborts. Throws SubscriptionRefused when it never starts.
 */
export async function* streamGateway<Data>(gatewayUrl: string, query: string, options: GatewayCallOptions & { readonly signal: AbortSignal }): AsyncGenerator<GatewayResult<Data>> {
  let response: Response;
  try {
    response = await fetch(`${gatewayUrl.replace(/\/+$/, '')}/graphql`, graphqlRequest(query, options, 'text/event-stream', options.signal));
  } catch (error) {
    if (options.signal.aborted) return;
    throw new GatewayUnavailable(`the gateway did not answer: ${(error as Error).name}`);
  }
  if (!response.ok || !response.body || !String(response.headers.get('content-type')).startsWith('text/event-stream')) {
    const body = (await response.json().catch(() => undefined)) as { errors?: GatewayError[] } | undefined;
    throw new SubscriptionRefused(response.status, body?.errors?.[0]?.extensions?.code ?? 'ERROR');
  }
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      if (buffer.length > STREAM_BUFFER_BYTES) throw new GatewayUnavailable('the gateway sent an event too large to read');
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const lines = buffer.slice(0, end).split('\n');
        buffer = buffer.slice(end + 2);
        const event = lines
          .find((line) => line.startsWith('event:'))
          ?.slice(6)
          .trim();
        const data = lines
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).replace(/^ /, ''))
          .join('\n');
        if (event === 'complete') return;
        if (event !== 'next' || !data) continue;
        const result = JSON.parse(data) as { data?: Data | null; errors?: GatewayError[] };
        yield { status: 200, data: result.data, errors: Array.isArray(result.errors) ? result.errors : [] };
      }
    }
  } catch (error) {
    if (options.signal.aborted) return;
    throw error instanceof GatewayUnavailable ? error : new GatewayUnavailable(`the event stream broke: ${(error as Error).name}`);
  } finally {
    await response.body.cancel().catch(() => {});
  }
}
