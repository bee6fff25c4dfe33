// OpenTelemetry traces, off unless an OTLP endpoint is configured. Each service (the gateway, each
// subgraph: several may share one process in `npm start` and the tests) builds its own tracer provider
// with its own service.name, an OTLP/HTTP (JSON) exporter and a batch processor; the process registers
// the async-local-storage context manager and the W3C propagator once. No global tracer provider: it
// could name only one service. A request's server span puts
// the service's tracer into the active context (installHttpTracing), so code below it — pipeline
// stages, fetches, loaders, database queries — opens spans with `traced` without being handed a
// tracer; with tracing off nothing is registered, the context holds no tracer and `traced` just calls
// its function. Span names and attributes never hold variables, tokens or personal data.
import { context, createContextKey, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Attributes, Context, Span, SpanOptions, Tracer } from '@opentelemetry/api';
import { ATTR_HTTP_REQUEST_METHOD, ATTR_HTTP_RESPONSE_STATUS_CODE, ATTR_HTTP_ROUTE, ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { FastifyInstance, FastifyRequest } from 'fastify';

export { SpanKind };
export type { Attributes, Span, SpanOptions };

/** Where traces go, from the process's validated configuration (configFields.otlp*). */
export interface TracingSettings {
  /** The OTLP/HTTP traces URL (`…/v1/traces`); undefined: no traces. */
  readonly url: string | undefined;
  /** The share of new traces recorded (0–1); a request that arrives with a trace follows its caller's decision. */
  readonly sampleRatio: number;
}

/** No traces (the default). */
export const NO_TRACING_SETTINGS: TracingSettings = { url: undefined, sampleRatio: 1 };

/** The traces URL: OTEL_EXPORTER_OTLP_TRACES_ENDPOINT as is, else `<OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces` (the OTLP spec's rule). */
export function tracingSettings(tracesEndpoint: string | undefined, endpoint: string | undefined, sampleRatio: number): TracingSettings {
  const url = tracesEndpoint ?? (endpoint === undefined ? undefined : `${endpoint.replace(/\/+$/, '')}/v1/traces`);
  return { url, sampleRatio };
}

/** One service's traces. */
export interface Tracing {
  /** Whether spans are recorded and exported (an endpoint is configured). */
  readonly enabled: boolean;
  /** This service's tracer (the API's no-op tracer when off). */
  readonly tracer: Tracer;
  /** Export what is buffered and stop; called when the service closes (after its drain). */
  shutdown(): Promise<void>;
}

/** Tracing that records nothing. */
export const NO_TRACING: Tracing = { enabled: false, tracer: trace.getTracer('lien-thong'), shutdown: async () => {} };

const TRACER = createContextKey('lien-thong tracer');
let registered = false;

/**
 * The tracing of service `service`: NO_TRACING unless `settings.url` is set. The SDK is loaded only
 * then; the first service of a process that traces registers the process-wide parts (spans follow
 * async calls; the W3C propagator).
 */
export async function createTracing(service: string, settings: TracingSettings): Promise<Tracing> {
  if (settings.url === undefined) return NO_TRACING;
  const [
    { AsyncLocalStorageContextManager },
    { W3CTraceContextPropagator },
    { OTLPTraceExporter },
    { resourceFromAttributes },
    { BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider },
  ] = await Promise.all([
    import('@opentelemetry/context-async-hooks'),
    import('@opentelemetry/core'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/sdk-trace'),
  ]);
  if (!registered) {
    registered = true;
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  }
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: service }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(settings.sampleRatio) }),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: settings.url }) })],
  });
  return { enabled: true, tracer: provider.getTracer('lien-thong'), shutdown: () => provider.shutdown() };
}

/** `parent` (default: the active context) with this service's tracer in it, for the spans opened below. */
export function withTracer(tracing: Tracing, parent: Context = context.active()): Context {
  return parent.setValue(TRACER, tracing.tracer);
}

/** The tracer of the service whose work is running now, if it traces. */
function activeTracer(): Tracer | undefined {
  return context.active().getValue(TRACER) as Tracer | undefined;
}

/** Run `work` in a span named `name`, a child of the active one; without a tracer in the context just run it. */
export function traced<T>(name: string, options: SpanOptions, work: (span: Span | undefined) => Promise<T>): Promise<T> {
  const tracer = activeTracer();
  if (tracer === undefined) return work(undefined);
  return tracer.startActiveSpan(name, options, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      failed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** `traced` for synchronous work. */
export function tracedSync<T>(name: string, options: SpanOptions, work: (span: Span | undefined) => T): T {
  const tracer = activeTracer();
  if (tracer === undefined) return work(undefined);
  return tracer.startActiveSpan(name, options, (span) => {
    try {
      return work(span);
    } catch (error) {
      failed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Mark `span` as failed with the error's type only (its message may quote what a client sent). */
export function failed(span: Span, error: unknown): void {
  span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.constructor.name : 'error' });
}

/** W3C trace context headers (`traceparent`, `tracestate`) of the active span, for an outgoing request or an event; undefined when none. */
export function traceHeaders(): Record<string, string> | undefined {
  const active = context.active();
  if (trace.getSpanContext(active) === undefined) return undefined;
  const carrier: Record<string, string> = {};
  propagation.inject(active, carrier);
  return carrier.traceparent === undefined ? undefined : carrier;
}

/** The context a caller's trace headers describe (ROOT_CONTEXT when they name none, or badly), with `tracing`'s tracer in it. */
export function continuedContext(tracing: Tracing, headers: Readonly<Record<string, unknown>> | undefined): Context {
  const parent = headers === undefined ? ROOT_CONTEXT : propagation.extract(ROOT_CONTEXT, headers, HEADER_GETTER);
  return withTracer(tracing, parent);
}

/**
 * Run `work` in a new span of `tracing` continuing the trace `headers` describe (a child of the span
 * that sent them; a trace of its own without them), with the tracer in the context for the spans below.
 */
export function continueTrace<T>(tracing: Tracing, headers: Readonly<Record<string, unknown>> | undefined, name: string, options: SpanOptions, work: () => Promise<T>): Promise<T> {
  return tracing.tracer.startActiveSpan(name, options, continuedContext(tracing, headers), async (span) => {
    try {
      return await work();
    } catch (error) {
      failed(span, error);
      throw error;
    } finally {
      span.end();
    }
  });
}

const HEADER_GETTER = {
  get: (carrier: Readonly<Record<string, unknown>>, key: string) => {
    const value = carrier[key];
    return typeof value === 'string' || Array.isArray(value) ? (value as string | string[]) : undefined;
  },
  keys: (carrier: Readonly<Record<string, unknown>>) => Object.keys(carrier),
};

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's server span and its context (installHttpTracing; undefined when tracing is off). */
    traceSpan?: { readonly span: Span; readonly context: Context };
  }
}

/**
 * A server span for every request of `app`, continuing the caller's `traceparent`: named by method and
 * route pattern (never the path as sent), ended when the reply is sent. Handlers run inside it, with
 * the service's tracer in the context. Nothing is installed when tracing is off.
 */
export function installHttpTracing(app: FastifyInstance, tracing: Tracing): void {
  if (!tracing.enabled) return;
  app.decorateRequest('traceSpan', undefined);
  app.addHook('onRequest', (request, _reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const parent = continuedContext(tracing, request.headers);
    const span = tracing.tracer.startSpan(
      `${request.method} ${route}`,
      { kind: SpanKind.SERVER, attributes: { [ATTR_HTTP_REQUEST_METHOD]: request.method, [ATTR_HTTP_ROUTE]: route, 'lien_thong.request_id': String(request.id) } },
      parent,
    );
    request.traceSpan = { span, context: trace.setSpan(parent, span) };
    done();
  });
  // The handler (and every hook after this one) runs in the span's context: after the body is read,
  // whose stream events would otherwise run outside it.
  app.addHook('preHandler', (request, _reply, done) => {
    const traceSpan = request.traceSpan;
    if (traceSpan === undefined) return done();
    context.with(traceSpan.context, done);
  });
  app.addHook('onResponse', (request, reply, done) => {
    endServerSpan(request, reply.statusCode);
    done();
  });
  // A request whose client went away gets no onResponse.
  app.addHook('onRequestAbort', (request, done) => {
    endServerSpan(request, undefined);
    done();
  });
}

function endServerSpan(request: FastifyRequest, status: number | undefined): void {
  const traceSpan = request.traceSpan;
  if (traceSpan === undefined) return;
  request.traceSpan = undefined;
  if (status !== undefined) traceSpan.span.setAttribute(ATTR_HTTP_RESPONSE_STATUS_CODE, status);
  if (status === undefined || status >= 500) traceSpan.span.setStatus({ code: SpanStatusCode.ERROR });
  traceSpan.span.end();
}
