// Configuration of the gateway, read once from the environment and validated. Each key's `.describe()` is
// its line in docs/configuration.md (`npm run docs:generate`).
import { z } from 'zod';
import { configFields, loadConfig, parseConfig, shutdownDrainMs } from '../platform/config.ts';
import { tracingSettings } from '../platform/tracing.ts';
import type { TracingSettings } from '../platform/tracing.ts';
import { CLAIM_PATH, KEYCLOAK_CLAIM_MAPPING } from '../auth/claim-mapping.ts';
import type { ClaimMapping } from '../auth/claim-mapping.ts';
import { API_AUDIENCE, DEMO_REALM } from '../auth/demo-realm.ts';
import { DEFAULT_REGISTRY_FILE, SUBGRAPHS, SUPERGRAPH_FILE } from '../schema/subgraphs.ts';
import { clientPoliciesSchema } from './client-policy.ts';
import type { OperationLimits } from './limits.ts';
import type { SafelistMode } from './persisted-operations.ts';
import type { ClientPolicy } from './client-policy.ts';
import type { RateLimit } from './rate-limit.ts';

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
  /** Only tokens of these clients (azp/client_id); undefined: any client of the realm. */
  readonly oidcAllowedClients: readonly string[] | undefined;
  /** Clients (portals) whose back-channel logout tokens the gateway accepts. */
  readonly oidcLogoutClients: readonly string[];
  /** Which access-token claims carry the VNeID level, roles, unit and scopes (default: Keycloak's). */
  readonly oidcClaims: ClaimMapping;
  /** Least time between two fetches of the realm's JWKS for an unknown kid. */
  readonly jwksCooldownMs: number;
  readonly jwksTimeoutMs: number;
  readonly clockToleranceSeconds: number;
  /** Private Ed25519 JWK for internal tokens; generated at start when absent (development). */
  readonly internalSigningJwk: Record<string, unknown> | undefined;
  readonly supergraphFile: string;
  /** The registry's JSON file (used when registryDatabaseUrl is unset). */
  readonly registryFile: string;
  /** The registry in PostgreSQL, for replicas on several machines; undefined: registryFile. */
  readonly registryDatabaseUrl: string | undefined;
  /** How often each replica checks the registry for a change (besides PostgreSQL's NOTIFY). */
  readonly registryPollMs: number;
  /** Subgraph URL overrides by subgraph name. */
  readonly subgraphUrls: Readonly<Record<string, string>>;
  readonly subgraphTimeoutMs: number;
  /** Per-subgraph timeout overrides (`<NAME>_TIMEOUT_MS`). */
  readonly subgraphTimeouts: Readonly<Record<string, number>>;
  readonly subgraphRetries: number;
  readonly subgraphConnections: number;
  readonly circuitFailureThreshold: number;
  readonly circuitResetMs: number;
  /** Share one execution among identical concurrent queries of the same viewer. */
  readonly inboundDedup: boolean;
  /** Share one subgraph call among identical in-flight subgraph queries of the same viewer. */
  readonly subgraphDedup: boolean;
  /** How long shutdown waits for in-flight requests before closing connections anyway. */
  readonly shutdownGraceMs: number;
  /** How long /health/ready answers 503 while the listener keeps serving, before it closes (SIGTERM). */
  readonly shutdownDrainMs: number;
  readonly bodyLimitBytes: number;
  /** Bearer token for /metrics (unset: open, or not served in production). */
  readonly metricsToken: string | undefined;
  /** Where traces go (OTLP/HTTP); off when its url is undefined. */
  readonly tracing: TracingSettings;
  /** Body limit of the REST routes forwarded to subgraphs (/api/<subgraph>/…: photo uploads, webhooks). */
  readonly restBodyLimitBytes: number;
  /** How often an open subscription's token is checked again for logout (gateway/subscriptions/). */
  readonly subscriptionRecheckMs: number;
  readonly graphiql: boolean;
  /** Per-client allow-lists, scope caps and rate limits, by client id ("*": every other client). */
  readonly clientPolicies: Readonly<Record<string, ClientPolicy>>;
  /** Shared state for replicas (rate limits, revoked sessions); in-process when undefined. */
  readonly redisUrl: string | undefined;
  /** Longest wait for one Redis call before the stated fallback applies (docs/operations.md, "What happens when Redis fails"). */
  readonly redisCommandTimeoutMs: number;
  /** While Redis is unreachable, sessions checked against it stay accepted this long after its last answer (0: never). */
  readonly revocationFailOpenSeconds: number;
  readonly limits: OperationLimits;
  /** Longest operation text, in tokens. */
  readonly maxTokens: number;
  /** Schema introspection; off in production by default. */
  readonly introspection: boolean;
  /** "Did you mean …?" hints in validation errors; off in production by default. */
  readonly fieldSuggestions: boolean;
  /** Refuse GET requests without a preflight header (CSRF). */
  readonly csrfPrevention: boolean;
  readonly persistedOperationsFile: string | undefined;
  readonly safelist: SafelistMode;
  /** Requests per window per client address; undefined = no limit (on by default in production). */
  readonly ipRateLimit: RateLimit | undefined;
  /** Requests per window per signed-in person, or per client acting as itself; undefined = no limit. */
  readonly viewerRateLimit: RateLimit | undefined;
  /**
   * Lookups by code (root fields with a `code` argument, each alias counted) per window, per address
   * and per viewer: codes cannot be guessed at scale. undefined = no limit.
   */
  readonly codeLookupRateLimit: RateLimit | undefined;
  /** Fastify's trustProxy: which proxies' X-Forwarded-For is believed for the client address. */
  readonly trustProxy: boolean | number | string | undefined;
}

/** Production defaults of the rate limits (see docs/security.md for the reasoning). */
export const PRODUCTION_RATE_LIMITS = {
  IP_RATE_LIMIT: '3000/60',
  VIEWER_RATE_LIMIT: '600/60',
  CODE_LOOKUP_RATE_LIMIT: '30/60',
} as const;

/** `<max>/<windowSeconds>`, or `off`. */
const rateLimitSetting = z
  .string()
  .regex(/^(\d+\/\d+|off)$/, 'must be <max>/<windowSeconds> (e.g. 300/60) or off')
  .refine(
    (value) => value === 'off' || (Number(value.split('/')[0]) > 0 && Number(value.split('/')[1]) > 0 && Number(value.split('/')[1]) <= 86_400),
    'max and window must be positive (window at most 86400 s)',
  )
  .optional();

/** A setting as a limit: unset takes the production default in production and nothing elsewhere. */
function rateLimitFrom(value: string | undefined, production: boolean, fallback: string): RateLimit | undefined {
  const setting = value ?? (production ? fallback : 'off');
  if (setting === 'off') return undefined;
  const [max, windowSeconds] = setting.split('/').map(Number) as [number, number];
  return { max, windowSeconds };
}

/** TRUST_PROXY: true/false, a hop count, or comma-separated addresses/CIDRs of the proxies in front. */
function trustProxyFrom(value: string | undefined): boolean | number | string | undefined {
  if (value === undefined || value === '' || value === 'false') return undefined;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

const DEFAULT_ISSUER = `http://127.0.0.1:4100/realms/${DEMO_REALM}`;

const claimPath = z.string().regex(CLAIM_PATH, 'must be a claim name or a dotted path (e.g. realm_access.roles)');
/** A comma list of claim paths, `fallback` when unset. */
const claimPaths = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .pipe(z.array(claimPath).min(1));
/** `<value>=<level>` pairs, comma-separated: which values of the level claim mean VNeID level 1 or 2; `fallback` when unset. */
const levelValues = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, context) => {
      const pairs: [string, 1 | 2][] = [];
      for (const item of value.split(',').map((part) => part.trim())) {
        const at = item.lastIndexOf('=');
        const level = item.slice(at + 1);
        if (at <= 0 || (level !== '1' && level !== '2')) {
          context.addIssue({ code: 'custom', message: `"${item}" is not <value>=1 or <value>=2` });
          return z.NEVER;
        }
        pairs.push([item.slice(0, at), level === '2' ? 2 : 1]);
      }
      return Object.freeze(Object.fromEntries(pairs));
    })
    .refine((map) => Object.values(map).includes(2), 'no value maps to level 2: nothing could ever reach VNeID level 2');
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'] as const;

const subgraphUrlKeys = Object.fromEntries(
  SUBGRAPHS.map((subgraph) => [
    `${subgraph.envPrefix}_URL`,
    configFields.url.optional().describe(`URL of the ${subgraph.name} subgraph's /graphql; unset: the URL in schema/supergraph.graphql (${subgraph.defaultUrl}).`),
  ]),
);
const subgraphTimeoutKeys = Object.fromEntries(
  SUBGRAPHS.map((subgraph) => [
    `${subgraph.envPrefix}_TIMEOUT_MS`,
    z.coerce.number().int().positive().max(120_000).optional().describe(`Timeout of the ${subgraph.name} subgraph's requests; unset: SUBGRAPH_TIMEOUT_MS.`),
  ]),
);

/** The gateway's environment keys (exported for the generated configuration reference). */
export const GATEWAY_CONFIG_SCHEMA = z
  .object({
    GATEWAY_HOST: configFields.host.describe('Address the gateway listens on.'),
    GATEWAY_PORT: configFields.port(4000).describe('Port the gateway listens on.'),
    NODE_ENV: configFields.nodeEnv.describe('`production` turns GraphiQL, introspection and field suggestions off and the production rate limits on.'),
    LOG_LEVEL: configFields.logLevel.describe('pino log level.'),
    OIDC_ISSUER: configFields.url.default(DEFAULT_ISSUER).describe("Exact issuer of the realm's tokens (`https://id.example.gov.vn/realms/<realm>`); default: the embedded identity provider's realm."),
    OIDC_AUDIENCE: z.string().min(1).default(API_AUDIENCE).describe('Audience access tokens must carry in `aud` (a Keycloak *Audience* mapper on the portal and partner clients).'),
    OIDC_JWKS_URL: configFields.url.optional().describe("The realm's signing keys; unset: `<OIDC_ISSUER>/protocol/openid-connect/certs`."),
    OIDC_ALGORITHMS: z
      .string()
      .default('RS256,PS256,ES256')
      .transform((value) => value.split(',').map((item) => item.trim()))
      .pipe(z.array(z.enum(ALGORITHMS)).min(1))
      .describe('Accepted token signature algorithms, comma-separated (never `none` or HMAC).'),
    OIDC_ALLOWED_CLIENTS: z
      .string()
      .optional()
      .transform((value) =>
        value
          ?.split(',')
          .map((item) => item.trim())
          .filter(Boolean),
      )
      .describe('Comma list of accepted `azp` (client ids); unset: any client of the realm.'),
    OIDC_LOGOUT_CLIENTS: z
      .string()
      .default('portal-1022,portal-dichvucong')
      .transform((value) =>
        value
          .split(',')
          .map((item) => item.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string()).min(1))
      .describe('Clients (portals) whose back-channel logout tokens are accepted.'),
    OIDC_LEVEL_CLAIM: claimPath.default(KEYCLOAK_CLAIM_MAPPING.levelClaim).describe('The access-token claim (a dotted path for a nested one) that carries the VNeID level; Keycloak: `acr`.'),
    OIDC_LEVEL_VALUES: levelValues(
      Object.entries(KEYCLOAK_CLAIM_MAPPING.levelValues)
        .map(([value, level]) => `${value}=${level}`)
        .join(','),
    ).describe('Which values of OIDC_LEVEL_CLAIM mean VNeID level 1 and 2, as `<value>=<level>` pairs, comma-separated (e.g. `substantial=1,high=2`); any other value is level 0.'),
    OIDC_ROLE_CLAIMS: claimPaths(KEYCLOAK_CLAIM_MAPPING.roleClaims.join(',')).describe(
      "Claims holding role lists, comma-separated dotted paths (`{client}`: the token's client, `{audience}`: OIDC_AUDIENCE); the roles are their union. Default: Keycloak's realm and client roles.",
    ),
    OIDC_UNIT_CLAIM: claimPath.default(KEYCLOAK_CLAIM_MAPPING.unitClaim).describe("The claim with an officer's unit code."),
    OIDC_SCOPE_CLAIM: claimPath.default(KEYCLOAK_CLAIM_MAPPING.scopeClaim).describe('The claim with the granted scopes: a space-separated string (`scope`) or a list (e.g. `scp`).'),
    JWKS_COOLDOWN_MS: z.coerce.number().int().min(0).default(30_000).describe('Key rotation: a token with an unknown `kid` refetches the JWKS at most once per this many ms.'),
    JWKS_TIMEOUT_MS: z.coerce.number().int().positive().max(60_000).default(5_000).describe("Longest wait for the realm's JWKS."),
    TOKEN_MAX_LIFETIME_SECONDS: z.coerce.number().int().positive().default(86_400).describe('Tokens that live longer than this (`exp - iat`) are refused.'),
    CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(5).describe('Clock skew allowed when checking `exp`, `nbf` and `iat`.'),
    INTERNAL_SIGNING_JWK: configFields
      .json(z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), d: z.string(), x: z.string() }).passthrough())
      .optional()
      .describe('Private Ed25519 JWK (JSON) signing the internal tokens the subgraphs trust; unset: generated at each start (development). In production, from the secret store.'),
    SUPERGRAPH_FILE: z.string().min(1).default(SUPERGRAPH_FILE).describe('The composed supergraph the gateway serves (`npm run schema:compose` writes the committed one).'),
    REGISTRY_FILE: z
      .string()
      .min(1)
      .default(DEFAULT_REGISTRY_FILE)
      .describe('The registry of subgraphs (agencies joined without a release, schema changes published through the admin API), a JSON file; unset: `data/registry.json`.'),
    REGISTRY_DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional()
      .describe('The registry in PostgreSQL instead of REGISTRY_FILE, so that every gateway replica serves what one publishes (LISTEN/NOTIFY and polling).'),
    REGISTRY_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(5_000).describe('How often each replica checks the registry for a change (PostgreSQL also notifies at once).'),
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().max(120_000).default(10_000).describe('Longest wait for one subgraph request (`<NAME>_TIMEOUT_MS` overrides it per subgraph).'),
    BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(256 * 1024)
      .describe('Largest /graphql request body.'),
    SUBSCRIPTION_RECHECK_MS: z.coerce
      .number()
      .int()
      .min(100)
      .default(5_000)
      .describe(
        "How often each open subscription's access token is checked again against the revoked sessions (back-channel logout): a logged-out session's streams end within this time. Expiry ends them at the token's exp.",
      ),
    REST_BODY_LIMIT_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(12 * 1024 * 1024)
      .describe('Largest body of the REST routes forwarded to subgraphs (`/api/<subgraph>/…`: photo uploads, webhooks, Open311).'),
    GRAPHIQL: z.enum(['true', 'false', '1', '0']).optional().describe('GraphiQL at /graphiql (`true`/`false`); unset: on unless `NODE_ENV=production`.'),
    CLIENT_POLICIES: configFields
      .json(clientPoliciesSchema)
      .default({})
      .describe(
        'JSON by client id (`"*"` for all others): allowed operations, scope caps and rate limits, e.g. `{"city-app": {"operations": ["Catalogue"], "scopes": ["dossier:read"], "rateLimit": {"max": 600, "windowSeconds": 60}}}`.',
      ),
    LIMIT_MAX_DEPTH: z.coerce.number().int().positive().default(15).describe('Deepest field nesting of an operation (`MAX_DEPTH_LIMIT`).'),
    LIMIT_MAX_ALIASES: z.coerce.number().int().min(0).default(30).describe('Most aliases in an operation (`MAX_ALIASES_LIMIT`).'),
    LIMIT_MAX_ROOT_FIELDS: z.coerce.number().int().positive().default(20).describe('Most root fields in an operation (`MAX_ROOT_FIELDS_LIMIT`).'),
    LIMIT_MAX_DIRECTIVES: z.coerce.number().int().min(0).default(50).describe('Most directives in an operation (`MAX_DIRECTIVES_LIMIT`).'),
    LIMIT_MAX_TOKENS: z.coerce.number().int().positive().default(5_000).describe('Longest operation text, in tokens (`MAX_TOKENS_LIMIT`).'),
    LIMIT_MAX_COST: z.coerce
      .number()
      .int()
      .positive()
      .default(50_000)
      .describe('Highest estimated cost: objects fetched, each list multiplied by its `first`/`limit` or the default size (`COST_ESTIMATED_TOO_EXPENSIVE`).'),
    LIMIT_DEFAULT_LIST_SIZE: z.coerce.number().int().positive().default(10).describe('Size the cost estimate assumes for a list without `first`/`limit`.'),
    INTROSPECTION: z.enum(['true', 'false', '1', '0']).optional().describe('Schema introspection (`true`/`false`); unset: on unless `NODE_ENV=production`.'),
    FIELD_SUGGESTIONS: z.enum(['true', 'false', '1', '0']).optional().describe('"Did you mean …?" hints in validation errors (`true`/`false`); unset: on unless `NODE_ENV=production`.'),
    CSRF_PREVENTION: configFields.boolean(true).describe('A GET needs an `apollo-require-preflight` or `x-apollo-operation-name` header, and a POST must be JSON (`CSRF_PREVENTION`).'),
    PERSISTED_OPERATIONS_FILE: z.string().min(1).optional().describe('An Apollo persisted-query manifest (operations by id).'),
    SAFELIST: z
      .enum(['off', 'partners', 'all'])
      .default('off')
      .describe('`partners` or `all`: refuse operations not in PERSISTED_OPERATIONS_FILE from partner clients, or from every client (`OPERATION_NOT_IN_SAFELIST`).'),
    IP_RATE_LIMIT: rateLimitSetting.describe('Requests per client address, `<max>/<windowSeconds>` or `off`; unset: `3000/60` in production, else off.'),
    VIEWER_RATE_LIMIT: rateLimitSetting.describe('Requests per signed-in person (or client acting as itself), `<max>/<windowSeconds>` or `off`; unset: `600/60` in production, else off.'),
    CODE_LOOKUP_RATE_LIMIT: rateLimitSetting.describe(
      'Lookups by code (each alias counts, Open311 lookups by id too) per address and per person, `<max>/<windowSeconds>` or `off`; unset: `30/60` in production, else off.',
    ),
    TRUST_PROXY: z
      .string()
      .regex(/^(true|false|\d+|[0-9A-Fa-f.:/]+(\s*,\s*[0-9A-Fa-f.:/]+)*)$/, 'must be true, false, a hop count or comma-separated proxy addresses/CIDRs')
      .optional()
      .describe("Whose `X-Forwarded-For` is believed for the client address: `true`, a hop count, or the proxies' addresses/CIDRs (load balancer, portals); unset: the TCP peer is the client."),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
      .optional()
      .describe('Shared state for replicas (rate-limit counters, revoked sessions, used logout tokens); unset: kept in this process.'),
    REDIS_COMMAND_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(50)
      .max(10_000)
      .default(500)
      .describe('Longest wait for one Redis call before the stated fallback applies (docs/operations.md, "What happens when Redis fails").'),
    REVOCATION_FAIL_OPEN_SECONDS: z.coerce
      .number()
      .int()
      .min(0)
      .max(86_400)
      .default(600)
      .describe('While Redis is unreachable, sessions checked against it stay accepted this long after its last answer (`0`: never).'),
    SUBGRAPH_RETRIES: z.coerce.number().int().min(0).max(5).default(2).describe('Retries of a failed subgraph query (queries only, never mutations).'),
    SUBGRAPH_CONNECTIONS: z.coerce.number().int().positive().max(4096).default(128).describe('Connections per subgraph.'),
    CIRCUIT_FAILURE_THRESHOLD: z.coerce.number().int().positive().default(5).describe("Consecutive failures that open a subgraph's circuit breaker."),
    CIRCUIT_RESET_MS: z.coerce.number().int().positive().default(10_000).describe('How long an open circuit waits before trying the subgraph again.'),
    INBOUND_DEDUP: configFields.boolean(true).describe('Identical concurrent queries from the same token share one execution (never across viewers, never mutations).'),
    SUBGRAPH_DEDUP: configFields.boolean(true).describe('Identical in-flight subgraph fetches with the same internal token share one call (never across viewers, never mutations).'),
    SHUTDOWN_GRACE_MS: configFields.shutdownGraceMs,
    SHUTDOWN_DRAIN_MS: configFields.shutdownDrainMs,
    METRICS_TOKEN: configFields.metricsToken,
    OTEL_EXPORTER_OTLP_ENDPOINT: configFields.otlpEndpoint,
    OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: configFields.otlpTracesEndpoint,
    OTEL_TRACES_SAMPLER_ARG: configFields.tracesSampleRatio,
    ...subgraphUrlKeys,
    ...subgraphTimeoutKeys,
  })
  .transform((env): GatewayConfig => ({
    host: env.GATEWAY_HOST,
    port: env.GATEWAY_PORT,
    nodeEnv: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    oidcIssuer: env.OIDC_ISSUER,
    oidcAudience: env.OIDC_AUDIENCE,
    oidcJwksUrl: env.OIDC_JWKS_URL ?? `${env.OIDC_ISSUER}/protocol/openid-connect/certs`,
    oidcAlgorithms: env.OIDC_ALGORITHMS,
    tokenMaxLifetimeSeconds: env.TOKEN_MAX_LIFETIME_SECONDS,
    oidcAllowedClients: env.OIDC_ALLOWED_CLIENTS,
    oidcLogoutClients: env.OIDC_LOGOUT_CLIENTS,
    oidcClaims: Object.freeze({
      levelClaim: env.OIDC_LEVEL_CLAIM,
      levelValues: env.OIDC_LEVEL_VALUES,
      roleClaims: Object.freeze(env.OIDC_ROLE_CLAIMS),
      unitClaim: env.OIDC_UNIT_CLAIM,
      scopeClaim: env.OIDC_SCOPE_CLAIM,
    }),
    jwksCooldownMs: env.JWKS_COOLDOWN_MS,
    jwksTimeoutMs: env.JWKS_TIMEOUT_MS,
    clockToleranceSeconds: env.CLOCK_TOLERANCE_SECONDS,
    internalSigningJwk: env.INTERNAL_SIGNING_JWK,
    supergraphFile: env.SUPERGRAPH_FILE,
    registryFile: env.REGISTRY_FILE,
    registryDatabaseUrl: env.REGISTRY_DATABASE_URL,
    registryPollMs: env.REGISTRY_POLL_MS,
    subgraphUrls: Object.fromEntries(
      SUBGRAPHS.flatMap((subgraph) => {
        const url = (env as Record<string, unknown>)[`${subgraph.envPrefix}_URL`];
        return typeof url === 'string' ? [[subgraph.name, url]] : [];
      }),
    ),
    subgraphTimeoutMs: env.SUBGRAPH_TIMEOUT_MS,
    subgraphTimeouts: Object.fromEntries(
      SUBGRAPHS.flatMap((subgraph) => {
        const timeout = (env as Record<string, unknown>)[`${subgraph.envPrefix}_TIMEOUT_MS`];
        return typeof timeout === 'number' ? [[subgraph.name, timeout]] : [];
      }),
    ),
    subgraphRetries: env.SUBGRAPH_RETRIES,
    subgraphConnections: env.SUBGRAPH_CONNECTIONS,
    circuitFailureThreshold: env.CIRCUIT_FAILURE_THRESHOLD,
    circuitResetMs: env.CIRCUIT_RESET_MS,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    // A load balancer needs a few readiness probes to notice; on one machine nobody is listening for it.
    shutdownDrainMs: shutdownDrainMs(env.SHUTDOWN_DRAIN_MS, env.NODE_ENV),
    inboundDedup: env.INBOUND_DEDUP,
    subgraphDedup: env.SUBGRAPH_DEDUP,
    metricsToken: env.METRICS_TOKEN,
    tracing: tracingSettings(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, env.OTEL_EXPORTER_OTLP_ENDPOINT, env.OTEL_TRACES_SAMPLER_ARG),
    bodyLimitBytes: env.BODY_LIMIT_BYTES,
    restBodyLimitBytes: env.REST_BODY_LIMIT_BYTES,
    subscriptionRecheckMs: env.SUBSCRIPTION_RECHECK_MS,
    // GraphiQL is a development tool: on unless NODE_ENV=production, and GRAPHIQL overrides.
    graphiql: flag(env.GRAPHIQL, env.NODE_ENV !== 'production'),
    clientPolicies: env.CLIENT_POLICIES,
    redisUrl: env.REDIS_URL,
    redisCommandTimeoutMs: env.REDIS_COMMAND_TIMEOUT_MS,
    revocationFailOpenSeconds: env.REVOCATION_FAIL_OPEN_SECONDS,
    limits: {
      maxDepth: env.LIMIT_MAX_DEPTH,
      maxAliases: env.LIMIT_MAX_ALIASES,
      maxRootFields: env.LIMIT_MAX_ROOT_FIELDS,
      maxDirectives: env.LIMIT_MAX_DIRECTIVES,
      maxCost: env.LIMIT_MAX_COST,
      defaultListSize: env.LIMIT_DEFAULT_LIST_SIZE,
    },
    maxTokens: env.LIMIT_MAX_TOKENS,
    introspection: flag(env.INTROSPECTION, env.NODE_ENV !== 'production'),
    fieldSuggestions: flag(env.FIELD_SUGGESTIONS, env.NODE_ENV !== 'production'),
    csrfPrevention: env.CSRF_PREVENTION,
    persistedOperationsFile: env.PERSISTED_OPERATIONS_FILE,
    safelist: env.SAFELIST,
    ipRateLimit: rateLimitFrom(env.IP_RATE_LIMIT, env.NODE_ENV === 'production', PRODUCTION_RATE_LIMITS.IP_RATE_LIMIT),
    viewerRateLimit: rateLimitFrom(env.VIEWER_RATE_LIMIT, env.NODE_ENV === 'production', PRODUCTION_RATE_LIMITS.VIEWER_RATE_LIMIT),
    codeLookupRateLimit: rateLimitFrom(env.CODE_LOOKUP_RATE_LIMIT, env.NODE_ENV === 'production', PRODUCTION_RATE_LIMITS.CODE_LOOKUP_RATE_LIMIT),
    trustProxy: trustProxyFrom(env.TRUST_PROXY),
  }));

/** An optional true/false setting with an environment-dependent default. */
function flag(value: string | undefined, fallback: boolean): boolean {
  return value === undefined ? fallback : value === 'true' || value === '1';
}

/** Validate `env` (throws ConfigError listing every bad key). */
export function parseGatewayConfig(env: Record<string, string | undefined>): GatewayConfig {
  return parseConfig('gateway', GATEWAY_CONFIG_SCHEMA, env);
}

/** For main.ts: exit 1 listing every bad key. */
export function loadGatewayConfig(): GatewayConfig {
  return loadConfig('gateway', GATEWAY_CONFIG_SCHEMA);
}
