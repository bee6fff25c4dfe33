// The gateway's POST to a subgraph (gateway/post-bytes.ts) against a real HTTP server: the whole body in
// one Buffer however it is chunked, bodies the caller does not want read and dropped with the connection
// kept, and an abort (before sending or while waiting) rejecting with its reason.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { Agent } from 'undici';
import { postBytes } from '../../gateway/post-bytes.ts';

const isJson = (type: string) => type.includes('json');

describe('postBytes', () => {
  let server: Server;
  let url: URL;
  let agent: Agent;
  let requests = 0;
  const sockets = new Set<unknown>();
  before(async () => {
    server = createServer((request: IncomingMessage, response: ServerResponse) => {
      requests += 1;
      sockets.add(request.socket);
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const sent = Buffer.concat(chunks).toString();
        if (request.url === '/chunked') {
          response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
          // Several writes: the answer arrives in several chunks.
          const text = JSON.stringify({ data: { echo: sent, words: Array.from({ length: 2000 }, (_, index) => `từ ${index}`) } });
          for (let at = 0; at < text.length; at += 1000) response.write(text.slice(at, at + 1000));
          response.end();
        } else if (request.url === '/html') {
          response.writeHead(502, { 'content-type': 'text/html' });
          response.end('<html>bad gateway</html>'.repeat(1000));
        } else if (request.url === '/slow') {
          setTimeout(() => response.end('{}'), 5_000).unref();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    agent = new Agent({ connections: 1, pipelining: 1 });
  });
  after(async () => {
    await agent.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  test('reads a JSON answer whole, whatever its chunks, and sends the body and headers given', async () => {
    const answer = await postBytes(agent, new URL('/chunked', url), { 'content-type': 'application/json' }, '{"query":"{ x }"}', new AbortController().signal, isJson);
    assert.equal(answer.statusCode, 200);
    assert.equal(answer.contentType, 'application/json; charset=utf-8');
    const parsed = JSON.parse(answer.body.toString('utf8')) as { data: { echo: string; words: string[] } };
    assert.equal(parsed.data.echo, '{"query":"{ x }"}');
    assert.equal(parsed.data.words.length, 2000);
    assert.equal(parsed.data.words[1999], 'từ 1999');
  });

  test('a body the caller does not keep is read and dropped, and the connection serves the next call', async () => {
    const before = sockets.size;
    const answer = await postBytes(agent, new URL('/html', url), {}, '{}', new AbortController().signal, isJson);
    assert.equal(answer.statusCode, 502);
    assert.equal(answer.contentType, 'text/html');
    assert.equal(answer.body.length, 0);
    const next = await postBytes(agent, new URL('/chunked', url), {}, 'again', new AbortController().signal, isJson);
    assert.equal(next.statusCode, 200);
    assert.equal(sockets.size, Math.max(before, 1), 'the same keep-alive connection');
  });

  test('an abort while waiting rejects with its reason, and an aborted signal sends nothing', async () => {
    const deadline = new AbortController();
    const reason = new Error('deadline');
    setTimeout(() => deadline.abort(reason), 100);
    await assert.rejects(postBytes(agent, new URL('/slow', url), {}, '{}', deadline.signal, isJson), (error) => error === reason);
    const sent = requests;
    const aborted = new AbortController();
    aborted.abort(new Error('gone'));
    await assert.rejects(postBytes(agent, new URL('/chunked', url), {}, '{}', aborted.signal, isJson), /gone/);
    assert.equal(requests, sent, 'no request reached the server');
  });
});
