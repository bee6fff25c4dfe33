// Request ids in every process built on createHttpServer: the caller's own x-request-id when well-formed
// (else a new UUID) is sent back and named `requestId` on every line logged for the request.
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import pino from 'pino';
import { createHttpServer } from '../../../platform/http.ts';

test("every line logged for a request carries its id as requestId: the caller's own when well-formed", async () => {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write: (chunk, _encoding, done) => {
        lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
        done();
      },
    }),
  );
  const app = createHttpServer(logger, 1024);
  const seen: unknown[] = [];
  app.get('/work', async (request) => {
    // Off at info: logs nothing, and the level checks say so.
    request.log.debug('hidden');
    seen.push(request.log.level, (request.log as unknown as pino.Logger).isLevelEnabled('debug'), (request.log as unknown as pino.Logger).isLevelEnabled('warn'));
    request.log.warn({ step: 1 }, 'first');
    request.log.child({ part: 'inner' }).info('second');
    seen.push((request.log as unknown as pino.Logger).bindings()['requestId']);
    return { ok: true };
  });
  const own = await app.inject({ method: 'GET', url: '/work', headers: { 'x-request-id': 'client-req-42' } });
  assert.equal(own.headers['x-request-id'], 'client-req-42');
  const fresh = await app.inject({ method: 'GET', url: '/work', headers: { 'x-request-id': 'not well formed' } });
  const freshId = String(fresh.headers['x-request-id']);
  assert.match(freshId, /^[0-9a-f-]{36}$/);
  await app.close();
  const requestLines = lines.filter((line) => line['msg'] === 'first' || line['msg'] === 'second');
  assert.deepEqual(
    requestLines.map((line) => line['requestId']),
    ['client-req-42', 'client-req-42', freshId, freshId],
  );
  assert.ok(requestLines.every((line) => !('reqId' in line)));
  assert.ok(!lines.some((line) => line['msg'] === 'hidden'));
  assert.deepEqual(seen.slice(0, 4), ['info', false, true, 'client-req-42']);
});
