// Traces are off by default, at no cost: without an OTLP endpoint nothing is registered (no tracer
// provider, no context manager), spans are never recorded, no hook is installed and no trace context is
// sent on; with one, the traces URL follows the OTLP rule. (Traces on: test/integration/tracing.test.ts.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import pino from 'pino';
import { ConfigError } from '../../../platform/config.ts';
import { createHttpServer } from '../../../platform/http.ts';
import { createTracing, NO_TRACING, NO_TRACING_SETTINGS, traced, tracedSync, traceHeaders } from '../../../platform/tracing.ts';
import { parseSubgraphConfig } from '../../../subgraphs/kit/subgraph-config.ts';

test('the traces URL: the traces endpoint as is, else <endpoint>/v1/traces, else none', () => {
  const url = (env: Record<string, string>) => parseSubgraphConfig('planning', env).tracing.url;
  assert.equal(url({}), undefined);
  assert.equal(url({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }), 'http://collector:4318/v1/traces');
  assert.equal(url({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' }), 'http://collector:4318/v1/traces');
  assert.equal(url({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/otlp' }), 'https://traces.example/otlp');
  assert.equal(parseSubgraphConfig('planning', {}).tracing.sampleRatio, 1);
  assert.throws(
    () => parseSubgraphConfig('planning', { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318', OTEL_TRACES_SAMPLER_ARG: '2' }),
    (error: unknown) =>
      error instanceof ConfigError && error.problems.some((line) => line.startsWith('OTEL_EXPORTER_OTLP_ENDPOINT')) && error.problems.some((line) => line.startsWith('OTEL_TRACES_SAMPLER_ARG')),
  );
});

test('without an endpoint nothing is registered and nothing is recorded or sent on', async () => {
  const tracing = await createTracing('unit', NO_TRACING_SETTINGS);
  assert.equal(tracing, NO_TRACING);
  assert.equal(tracing.enabled, false);
  // No tracer provider: the API's tracers are no-ops; no context manager: the active context is always the root.
  assert.equal(trace.getTracer('any').startSpan('any').isRecording(), false);
  assert.equal(tracing.tracer.startSpan('any').isRecording(), false);

  const app = createHttpServer(pino({ level: 'silent' }), 1024, { tracing });
  assert.equal(app.hasRequestDecorator('traceSpan'), false, 'no tracing hooks');
  let seen: { active: boolean; headers: Record<string, string> | undefined; span: unknown } | undefined;
  app.get('/work', async () => {
    const span = await traced('phase', {}, async (inner) => tracedSync('inner', {}, () => inner));
    seen = { active: context.active() === ROOT_CONTEXT, headers: traceHeaders(), span };
    return { ok: true };
  });
  const response = await app.inject({ method: 'GET', url: '/work', headers: { traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01` } });
  assert.equal(response.statusCode, 200);
  assert.deepEqual(seen, { active: true, headers: undefined, span: undefined }, "the work ran as is, and the caller's traceparent is not sent on");
  await app.close();
  await tracing.shutdown();
});
