// Configuration of the gateway, read once from the environment and validated (see the README's table).
import { z } from 'zod';
import { configFields, loadConfig, parseConfig } from '../subgraphs/kit/config.ts';
import { API_AUDIENCE, DEMO_REALM } from '../auth/demo-realm.ts';
import { SUBGRAPHS, SUPERGRAPH_FILE } from '../schema/subgraphs.ts';
import { clientPoliciesSchema } from './client-policy.ts';
import type { ClientPolicy } from './client-policy.ts';

/** The gateway's validated configuration. */
export interface GatewayConfig {
  readonly host: string;
  readonly port: number;
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly logLevel: string;
  /** Exact issuer of the realm's tokens. */
  readonly oidcIssuer: string;
  readonly oidcAudience: string;
  readonly oidcJwksUrl: string;
  readonly oidcAlgorithms: readonly string[];
  readonly tokenMaxLifetimeSeconds: number;
  readonly clockToleranceSeconds: number;
  /** Private Ed25519 JWK for internal tokens; generated at start when absent (development). */
  readonly internalSigningJwk: Record<string, unknown> | undefined;
  readonly supergraphFile: string;
  /** Subgraph URL overrides by subgraph name. */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  readonly subgraphTimeoutMs: number;
  readonly bodyLimitBytes: number;
  readonly graphiql: boolean;
  /** Per-client allow-lists, scope caps and rate limits, by client id ("*": every other client). */
  readonly clientPolicies: Readonly<Record<string, ClientPolicy>>;
  /** Shared state for replicas (rate limits, revoked sessions); in-process when undefined. */
  readonly redisUrl: string | undefined;
}

const DEFAULT_ISSUER = `http://127.0.0.1:4100/realms/${DEMO_REALM}`;
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;

const subgraphUrlKeys = Object.fromEntries(SUBGRAPHS.map((subgraph) => [`${subgraph.name.toUpperCase()}_URL`, configFields.url.optional()]));

const schema = z
  .object({
    GATEWAY_HOST: configFields.host,
    GATEWAY_PORT: configFields.port(4000),
    NODE_ENV: configFields.nodeEnv,
    LOG_LEVEL: configFields.logLevel,
    OIDC_ISSUER: configFields.url.default(DEFAULT_ISSUER),
    OIDC_AUDIENCE: z.string().min(1).default(API_AUDIENCE),
    OIDC_JWKS_URL: configFields.url.optional(),
    OIDC_ALGORITHMS: z
      .string()
      .default('RS256,PS256,ES256')
      .transform((value) => value.split(',').map((item) => item.trim()))
      .pipe(z.array(z.enum(ALGORITHMS)).min(1)),
    TOKEN_MAX_LIFETIME_SECONDS: z.coerce.number().int().positive().default(86_400),
    CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(5),
    INTERNAL_SIGNING_JWK: configFields.json(z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), d: z.string(), x: z.string() }).passthrough()).optional(),
    SUPERGRAPH_FILE: z.string().min(1).default(SUPERGRAPH_FILE),
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().max(120_000).default(10_000),
    BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(256 * 1024),
    GRAPHIQL: z.enum(['true', 'false', '1', '0']).optional(),
    CLIENT_POLICIES: configFields.json(clientPoliciesSchema).default({}),
    REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
    ...subgraphUrlKeys,
  })
  .transform(
    (env): GatewayConfig => ({
      host: env.GATEWAY_HOST,
      port: env.GATEWAY_PORT,
      nodeEnv: env.NODE_ENV,
      logLevel: env.LOG_LEVEL,
      oidcIssuer: env.OIDC_ISSUER,
      oidcAudience: env.OIDC_AUDIENCE,
      oidcJwksUrl: env.OIDC_JWKS_URL ?? `${env.OIDC_ISSUER}/protocol/openid-connect/certs`,
      oidcAlgorithms: env.OIDC_ALGORITHMS,
      tokenMaxLifetimeSeconds: env.TOKEN_MAX_LIFETIME_SECONDS,
      clockToleranceSeconds: env.CLOCK_TOLERANCE_SECONDS,
      internalSigningJwk: env.INTERNAL_SIGNING_JWK,
      supergraphFile: env.SUPERGRAPH_FILE,
      subgraphUrls: Object.fromEntries(
        SUBGRAPHS.flatMap((subgraph) => {
          const url = (env as Record<string, unknown>)[`${subgraph.name.toUpperCase()}_URL`];
          return typeof url === 'string' ? [[subgraph.name, url]] : [];
        }),
      ),
      subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      // GraphiQL is a development tool: on unless NODE_ENV=production, and GRAPHIQL overrides.
      graphiql: env.GRAPHIQL === undefined ? env.NODE_ENV !== 'production' : env.GRAPHIQL === 'true' || env.GRAPHIQL === '1',
      clientPolicies: env.CLIENT_POLICIES,
      redisUrl: env.REDIS_URL,
    }),
  );

/** Validate `env` (throws ConfigError listing every bad key). */
export function parseGatewayConfig(env: Record<string, string | undefined>): GatewayConfig {
  return parseConfig('gateway', schema, env);
}

/** For main.ts: exit 1 listing every bad key. */
export function loadGatewayConfig(): GatewayConfig {
  return loadConfig('gateway', schema);
}
