// The metrics plumbing every process shares: /metrics is not served in production without a token, and
// the label cap keeps client-chosen label values bounded and plain.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import { createHttpServer } from '../../../platform/http.ts';
import { createLabelCap, createProcessMetrics } from '../../../platform/metrics.ts';

test('in production without a token, /metrics is not served at all', async () => {
  const app = createHttpServer(pino({ level: 'silent' }), 1024, { metrics: { metrics: createProcessMetrics('unit'), exposure: { token: undefined, production: true } } });
  const response = await app.inject({ method: 'GET', url: '/metrics' });
  assert.equal(response.statusCode, 404);
  assert.match(response.headers['x-request-id'] as string, /^[0-9a-f-]{36}$/);
  await app.close();
});

test('outside production without a token, /metrics is open and counts requests by route pattern', async () => {
  const app = createHttpServer(pino({ level: 'silent' }), 1024, { metrics: { metrics: createProcessMetrics('unit'), exposure: { token: undefined, production: false } } });
  app.get('/items/:code', async () => ({ ok: true }));
  await app.inject({ method: 'GET', url: '/items/PHA0901234567' });
  const text = (await app.inject({ method: 'GET', url: '/metrics' })).body;
  assert.match(text, /lien_thong_http_requests_total\{method="GET",route="\/items\/:code",status="2xx",service="unit"\} 1/);
  assert.ok(!text.includes('PHA0901234567'));
  await app.close();
});

test('the label cap passes the first names, groups later ones and refuses odd ones', () => {
  const cap = createLabelCap(2);
  assert.equal(cap('First'), 'First');
  assert.equal(cap('Second'), 'Second');
  assert.equal(cap('Third'), 'other');
  assert.equal(cap('First'), 'First', 'a name already seen keeps its label');
  assert.equal(cap('has space'), 'invalid');
  assert.equal(cap('x'.repeat(65)), 'invalid');
  assert.equal(cap('"quoted"'), 'invalid');
});
