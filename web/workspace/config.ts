// Configuration of the staff workspace process, read once from the environment and validated. Each key's
// `.describe()` is its line in docs/configuration.md (`npm run docs:generate`). The realm, the gateway,
// Redis and the session secret are the same keys as the portals' (web/portal/config.ts).
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { configFields, loadConfig, parseConfig } from '../../platform/config.ts';
import { DEMO_REALM } from '../../auth/demo-realm.ts';
import { mapTileKeys, mapTilesFrom } from '../portal/config.ts';
import type { MapTiles } from '../portal/config.ts';

/** The workspace process's validated configuration. */
export interface WorkspaceConfig {
  readonly host: string;
  readonly port: number;
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly logLevel: string;
  /** OIDC client id in the realm. */
  readonly clientId: string;
  /** Public base URL (redirect URI `<publicUrl>/auth/callback`). */
  readonly publicUrl: string;
  /** Exact issuer of the realm. */
  readonly oidcIssuer: string;
  /** Base URL of the gateway (GraphQL at `<gatewayUrl>/graphql`). */
  readonly gatewayUrl: string;
  /** Sessions in Redis when set; in memory otherwise. */
  readonly redisUrl: string | undefined;
  /** Signs the session cookie and derives CSRF tokens. */
  readonly sessionSecret: string;
  /** Background tiles of the leaders' map; undefined: ward boundaries alone. */
  readonly mapTiles: MapTiles | undefined;
}

/** The workspace's environment keys (exported for the generated configuration reference). */
export const WORKSPACE_CONFIG_SCHEMA = z
  .object({
    WORKSPACE_HOST: configFields.host.describe('Address the staff workspace listens on.'),
    WORKSPACE_PORT: configFields.port(4030).describe('Port of the staff workspace.'),
    WORKSPACE_PUBLIC_URL: configFields.url
      .optional()
      .describe('Public base URL of the workspace (redirect URI `<url>/auth/callback`); unset: `http://<WORKSPACE_HOST>:<WORKSPACE_PORT>`. Required, https, in production.'),
    WORKSPACE_CLIENT_ID: z.string().min(1).default('workspace').describe('OIDC client of the workspace in the realm.'),
    OIDC_ISSUER: configFields.url.default(`http://127.0.0.1:4100/realms/${DEMO_REALM}`).describe('Exact issuer of the realm (as for the portals).'),
    GATEWAY_URL: configFields.url.default('http://127.0.0.1:4000').describe('Base URL of the gateway (GraphQL at `<url>/graphql`).'),
    REDIS_URL: z
      .url({ protocol: /^rediss?$/ })
      .optional()
      .describe('Server-side sessions in Redis (shared by replicas); unset: in memory.'),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional().describe('Signs the session cookie and CSRF tokens; required in production; unset elsewhere: random per start.'),
    ...mapTileKeys('WORKSPACE', {
      url: "Background tiles of the leaders' map (the city's tile server, or OpenStreetMap's), e.g. `https://tile.example.org/{z}/{x}/{y}.png`; unset: no tiles, the map draws ward boundaries alone.",
      attribution: "The tile server's attribution, shown on the leaders' map (plain text).",
    }),
    NODE_ENV: configFields.nodeEnv.describe('`production` requires SESSION_SECRET and https URLs.'),
    LOG_LEVEL: configFields.logLevel.describe('pino log level.'),
  })
  .superRefine((env, context) => {
    if (env.NODE_ENV !== 'production') return;
    if (!env.SESSION_SECRET) context.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'required in production' });
    if (!env.WORKSPACE_PUBLIC_URL?.startsWith('https://')) context.addIssue({ code: 'custom', path: ['WORKSPACE_PUBLIC_URL'], message: 'required in production, https' });
    if (!env.OIDC_ISSUER.startsWith('https://')) context.addIssue({ code: 'custom', path: ['OIDC_ISSUER'], message: 'must be https in production' });
  })
  .transform((env): WorkspaceConfig => ({
    host: env.WORKSPACE_HOST,
    port: env.WORKSPACE_PORT,
    nodeEnv: env.NODE_ENV,
    logLevel: env.LOG_LEVEL,
    clientId: env.WORKSPACE_CLIENT_ID,
    publicUrl: (env.WORKSPACE_PUBLIC_URL ?? `http://${env.WORKSPACE_HOST === '0.0.0.0' ? '127.0.0.1' : env.WORKSPACE_HOST}:${env.WORKSPACE_PORT}`).replace(/\/+$/, ''),
    oidcIssuer: env.OIDC_ISSUER,
    gatewayUrl: env.GATEWAY_URL.replace(/\/+$/, ''),
    redisUrl: env.REDIS_URL,
    // Development without a secret: a random one per start (in-memory sessions end with the process anyway).
    sessionSecret: env.SESSION_SECRET ?? randomBytes(32).toString('base64url'),
    mapTiles: mapTilesFrom(env.WORKSPACE_MAP_TILE_URL, env.WORKSPACE_MAP_TILE_ATTRIBUTION),
  }));

/** Parse the workspace configuration from `env`; throws a ConfigError listing every bad key. */
export function parseWorkspaceConfig(env: Record<string, string | undefined>): WorkspaceConfig {
  return parseConfig('workspace', WORKSPACE_CONFIG_SCHEMA, env);
}

/** Load the configuration of the running process; exits 1 with one message on bad config. */
export function loadWorkspaceConfig(): WorkspaceConfig {
  return loadConfig('workspace', WORKSPACE_CONFIG_SCHEMA);
}
