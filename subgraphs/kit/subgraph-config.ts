// The configuration every subgraph process shares; each subgraph's default port and key prefix come from
// the list in schema/subgraphs.ts. Each key's `.describe()` is its line in docs/configuration.md.
import path from 'node:path';
import { z } from 'zod';
import { subgraphEntry } from '../../schema/subgraphs.ts';
import type { SubgraphEntry, SubgraphName } from '../../schema/subgraphs.ts';
import { configFields, loadConfig, parseConfig, shutdownDrainMs } from '../../platform/config.ts';
import { tracingSettings } from '../../platform/tracing.ts';
import type { TracingSettings } from '../../platform/tracing.ts';

/** One key of a subgraph's own, described for docs/configuration.md where its schema cannot be: its default as written in the environment (none: unset), and what it does. */
export interface ConfigKeyReference {
  readonly default?: string;
  readonly description: string;
}

/** A subgraph's validated configuration. */
export interface SubgraphConfig {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  /** PostgreSQL URL; PGlite when undefined. */
  readonly databaseUrl: string | undefined;
  /** PGlite data folder (ignored with a database URL). */
  readonly dataDir: string;
  /** Where to fetch the gateway's public keys for internal tokens. */
  readonly internalJwksUrl: string;
  /** Load the demo seed into an empty database at start. */
  readonly seedDemoData: boolean;
  readonly logLevel: string;
  /** NATS server(s) for the event bus (JetStream); the in-process bus when undefined. */
  readonly natsUrl: string | undefined;
  /** NODE_ENV=production: introspection and _service only for the gateway's schema fetch. */
  readonly production: boolean;
  /** How long /health/ready answers 503 while the listener keeps serving, before it closes (SIGTERM). */
  readonly shutdownDrainMs: number;
  /** How long shutdown waits for in-flight requests before closing connections anyway. */
  readonly shutdownGraceMs: number;
  /** Bearer token for /metrics (unset: open, or not served in production). */
  readonly metricsToken: string | undefined;
  /** Where traces go (OTLP/HTTP); off when its url is undefined. */
  readonly tracing: TracingSettings;
}

/** One or more comma-separated `nats://host:port` (or `tls://`). */
const natsUrl = z
  .string()
  .regex(/^(nats|tls):\/\/[^\s,]+(,\s*(nats|tls):\/\/[^\s,]+)*$/, 'must be nats://host:port (comma-separated for a cluster)')
  .optional();

/**
 * A subgraph outside schema/subgraphs.ts (an agency's, joined through the registry, `npm run subgraph:new`):
 * its name, environment prefix and default port, said by itself.
 */
export type RegisteredSubgraph = Pick<SubgraphEntry, 'envPrefix' | 'defaultPort'> & { readonly name: string };

/** The zod schema of subgraph `subgraph`'s shared keys (exported for the generated configuration reference). */
export function subgraphConfigSchema(subgraph: SubgraphName | RegisteredSubgraph) {
  const { name, envPrefix: prefix, defaultPort } = typeof subgraph === 'string' ? subgraphEntry(subgraph) : subgraph;
  return z
    .object({
      [`${prefix}_HOST`]: configFields.host.describe('Address the subgraph listens on.'),
      [`${prefix}_PORT`]: configFields.port(defaultPort).describe('Port the subgraph listens on (default from schema/subgraphs.ts).'),
      [`${prefix}_DATABASE_URL`]: configFields.postgresUrl.describe("The subgraph's own PostgreSQL database (`postgresql://…`); unset: embedded PGlite in `DATA_DIR/<name>`."),
      DATA_DIR: z.string().min(1).default('data').describe('Folder of the embedded PGlite databases (`DATA_DIR/<name>`).'),
      INTERNAL_JWKS_URL: configFields.url
        .default('http://127.0.0.1:4000/.well-known/jwks.json')
        .describe('Where the gateway publishes the public keys of its internal tokens (the subgraph answers only requests carrying one).'),
      SEED_DEMO_DATA: configFields.boolean(true).describe('Load the demo data into an empty database at start (idempotent; set `false` in production).'),
      LOG_LEVEL: configFields.logLevel.describe('pino log level.'),
      NATS_URL: natsUrl.describe('NATS JetStream server(s) for events (`nats://host:4222`, comma-separated for a cluster); unset: the in-process event bus.'),
      NODE_ENV: configFields.nodeEnv.describe('`production`: introspection and `_service` only for the gateway (`FORBIDDEN` otherwise).'),
      SHUTDOWN_DRAIN_MS: configFields.shutdownDrainMs,
      SHUTDOWN_GRACE_MS: configFields.shutdownGraceMs,
      METRICS_TOKEN: configFields.metricsToken,
      OTEL_EXPORTER_OTLP_ENDPOINT: configFields.otlpEndpoint,
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: configFields.otlpTracesEndpoint,
      OTEL_TRACES_SAMPLER_ARG: configFields.tracesSampleRatio,
    })
    .transform((env): SubgraphConfig => ({
      name,
      host: env[`${prefix}_HOST`] as string,
      port: env[`${prefix}_PORT`] as number,
      databaseUrl: env[`${prefix}_DATABASE_URL`] as string | undefined,
      dataDir: path.join(env['DATA_DIR'] as string, name),
      internalJwksUrl: env['INTERNAL_JWKS_URL'] as string,
      seedDemoData: env['SEED_DEMO_DATA'] as boolean,
      logLevel: env['LOG_LEVEL'] as string,
      natsUrl: env['NATS_URL'] as string | undefined,
      production: env['NODE_ENV'] === 'production',
      shutdownDrainMs: shutdownDrainMs(env['SHUTDOWN_DRAIN_MS'] as number | undefined, env['NODE_ENV'] as string | undefined),
      shutdownGraceMs: env['SHUTDOWN_GRACE_MS'] as number,
      metricsToken: env['METRICS_TOKEN'] as string | undefined,
      tracing: tracingSettings(env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'] as string | undefined, env['OTEL_EXPORTER_OTLP_ENDPOINT'] as string | undefined, env['OTEL_TRACES_SAMPLER_ARG'] as number),
    }));
}

/**
 * Environment keys for subgraph `name` (prefix from schema/subgraphs.ts): `<PREFIX>_PORT`, `<PREFIX>_HOST`,
 * `<PREFIX>_DATABASE_URL`; shared: `DATA_DIR`, `INTERNAL_JWKS_URL`, `SEED_DEMO_DATA`, `LOG_LEVEL`, `NATS_URL`,
 * `NODE_ENV`, `SHUTDOWN_DRAIN_MS`, `SHUTDOWN_GRACE_MS`, `METRICS_TOKEN`, `OTEL_EXPORTER_OTLP_ENDPOINT`,
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, `OTEL_TRACES_SAMPLER_ARG`.
 */
export function parseSubgraphConfig(subgraph: SubgraphName | RegisteredSubgraph, env: Record<string, string | undefined>): SubgraphConfig {
  return parseConfig(typeof subgraph === 'string' ? subgraph : subgraph.name, subgraphConfigSchema(subgraph), env);
}

/** parseSubgraphConfig for main.ts: exits 1 with every bad key listed. */
export function loadSubgraphConfig(subgraph: SubgraphName | RegisteredSubgraph, env: Record<string, string | undefined> = process.env): SubgraphConfig {
  return loadConfig(typeof subgraph === 'string' ? subgraph : subgraph.name, subgraphConfigSchema(subgraph), env);
}
