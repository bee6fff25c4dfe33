// Config is read from the environment once, at start, validated with zod, then frozen and passed down.
// Nothing else reads process.env. Every bad key is reported at once.
import { z } from 'zod';

/** Raised by parseConfig; `problems` lists every bad key. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly problems: readonly string[];
  constructor(service: string, problems: readonly string[]) {
    super(`${service}: invalid configuration\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Validate `env` against `schema`; throw a ConfigError naming every bad key. */
export function parseConfig<Schema extends z.ZodType>(service: string, schema: Schema, env: Record<string, string | undefined>): Readonly<z.output<Schema>> {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(environment)'}: ${issue.message}`);
    throw new ConfigError(service, problems);
  }
  return Object.freeze(result.data);
}

/** parseConfig for a process entry point: on bad config print one message and exit 1. */
export function loadConfig<Schema extends z.ZodType>(service: string, schema: Schema, env: Record<string, string | undefined> = process.env): Readonly<z.output<Schema>> {
  return parsedOrExit(() => parseConfig(service, schema, env));
}

/** Run a config parser for a process entry point: on a ConfigError print one message and exit 1. */
export function parsedOrExit<Config>(parse: () => Config): Config {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Run several parsers of one service's configuration, reporting every bad key of all of them at once. */
export function parseAll<Parts extends readonly unknown[]>(service: string, parsers: { readonly [K in keyof Parts]: () => Parts[K] }): Parts {
  const problems: string[] = [];
  const parts = parsers.map((parse) => {
    try {
      return parse();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
      return undefined;
    }
  });
  if (problems.length > 0) throw new ConfigError(service, problems);
  return parts as unknown as Parts;
}

/** Reusable field schemas. */
export const configFields = {
  port: (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback),
  host: z.string().min(1).default('127.0.0.1'),
  url: z.url({ protocol: /^https?$/ }),
  postgresUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// connection string')
    .optional(),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  nodeEnv: z.enum(['development', 'production', 'test']).default('development'),
  boolean: (fallback: boolean) =>
    z
      .enum(['true', 'false', '1', '0'])
      .default(fallback ? 'true' : 'false')
      .transform((value) => value === 'true' || value === '1'),
  json: <T extends z.ZodType>(inner: T) =>
    z
      .string()
      .transform((text, context) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          context.addIssue({ code: 'custom', message: 'must be valid JSON' });
          return z.NEVER;
        }
      })
      .pipe(inner),
  /** SHUTDOWN_DRAIN_MS, shared by every process that drains (see serve.ts); unset: `shutdownDrainMs`. */
  shutdownDrainMs: z.coerce
    .number()
    .int()
    .min(0)
    .max(300_000)
    .optional()
    .describe('On SIGTERM, how long /health/ready answers 503 while still serving; unset: `5000` with `NODE_ENV=production`, else `0`.'),
  /** METRICS_TOKEN, shared by every process that serves /metrics (platform/metrics.ts). */
  metricsToken: z
    .string()
    .min(16, 'must be at least 16 characters')
    .optional()
    .describe('Bearer token Prometheus sends to scrape `/metrics`; unset: `/metrics` is open, or not served at all with `NODE_ENV=production`.'),
  /** OTEL_EXPORTER_OTLP_ENDPOINT, shared by every process that traces (platform/tracing.ts). */
  otlpEndpoint: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe('OpenTelemetry collector (OTLP/HTTP, JSON) base URL: traces go to `<url>/v1/traces`; unset (and no `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`): no traces, at no cost.'),
  /** OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: the traces URL itself, over OTEL_EXPORTER_OTLP_ENDPOINT. */
  otlpTracesEndpoint: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe('The OTLP/HTTP traces URL itself (e.g. `http://collector:4318/v1/traces`); wins over `OTEL_EXPORTER_OTLP_ENDPOINT`.'),
  /** OTEL_TRACES_SAMPLER_ARG: the share of new traces recorded. */
  tracesSampleRatio: z.coerce
    .number()
    .min(0)
    .max(1)
    .default(1)
    .describe("With traces on, the share (0–1) of requests arriving without a `traceparent` that are traced; one that arrives with one follows its caller's sampling decision."),
  /** SHUTDOWN_GRACE_MS, shared by every process that drains. */
  shutdownGraceMs: z.coerce.number().int().min(0).default(10_000).describe('How long in-flight requests may finish once the listener closed.'),
};

/** The drain period: as set, or a load balancer's few readiness probes in production and none elsewhere. */
export function shutdownDrainMs(setting: number | undefined, nodeEnv: string | undefined): number {
  return setting ?? (nodeEnv === 'production' ? 5_000 : 0);
}
