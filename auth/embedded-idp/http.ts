// Plain node:http helpers of the embedded identity provider: listening, the URL of a host, JSON and
// HTML replies, and reading the login form's body with a size limit.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { HTML_SECURITY_HEADERS } from './login-page.ts';

/** Listen on `port` (0: any free port) and `host`; rejects when the port is taken. */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** The host part of a URL for a listening address (wildcards become loopback, IPv6 in brackets). */
export function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/** Answer with a JSON body. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Answer with an HTML page and the provider's security headers (no scripts, no framing, no caching). */
export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { ...HTML_SECURITY_HEADERS, 'content-length': Buffer.byteLength(html) });
  res.end(html);
}

/** Read an application/x-www-form-urlencoded body; undefined when it is not one or exceeds `limit`. */
export async function readUrlencodedBody(req: IncomingMessage, limit: number): Promise<URLSearchParams | undefined> {
  const type = (req.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    req.resume();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      req.resume();
      return undefined;
    }
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}
