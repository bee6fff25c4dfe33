// A proxy in front of a subgraph, for tests: it records what the gateway sends, and a test can switch
// it to delay answers or drop connections.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';

/** What a test controls and observes. */
export interface ProxyState {
  target: string;
  mode: 'pass' | 'delay' | 'drop-once' | 'drop';
  delayMs: number;
  requests: number;
  readonly seen: IncomingHttpHeaders[];
}

/** A running proxy. */
export interface SubgraphProxy {
  readonly url: string;
  readonly state: ProxyState;
  close(): Promise<void>;
}

/** Start a proxy; set `state.target` to the subgraph's URL once it is known. */
export async function startSubgraphProxy(): Promise<SubgraphProxy> {
  const state: ProxyState = { target: '', mode: 'pass', delayMs: 0, requests: 0, seen: [] };
  const answer = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    state.requests += 1;
    state.seen.push(request.headers);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    if (state.mode === 'drop' || state.mode === 'drop-once') {
      if (state.mode === 'drop-once') state.mode = 'pass';
      request.socket.destroy();
      return;
    }
    if (state.mode === 'delay') await new Promise((resolve) => setTimeout(resolve, state.delayMs));
    try {
      const upstream = await fetch(state.target, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: request.headers.authorization ?? '' },
        body: Buffer.concat(chunks),
      });
      response.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      response.end(Buffer.from(await upstream.arrayBuffer()));
    } catch {
      response.destroy();
    }
  };
  // node:http ignores what a listener returns; a failure outside the try is a test bug and surfaces as an unhandled rejection.
  const server: Server = createServer((request, response) => void answer(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    state,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
