// Configuration of the portal process (both portals), read once from the environment and validated.
// Each key's `.describe()` is its line in docs/configuration.md (`npm run docs:generate`).
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { configFields, loadConfig, parseConfig } from '../../platform/config.ts';
import { DEMO_REALM } from '../../auth/demo-realm.ts';

/** One portal's place in the world: its OIDC client and where browsers reach it. */
export interface PortalSiteConfig {
  readonly port: number;
  /** OIDC client id in the realm. */
  readonly clientId: string;
  /** Public base URL (redirect URIs are `<publicUrl>/auth/callback`); default http://<host>:<port>. */
  readonly publicUrl: string;
}

/** The portal process's validated configuration. */
export interface PortalConfig {
  readonly host: string;
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly logLevel: string;
  /** Exact issuer of the realm (Keycloak: `https://<host>/realms/<realm>`). */
  readonly oidcIssuer: string;
  /** Base URL of the gateway (GraphQL at `<gatewayUrl>/graphql`). */
  readonly gatewayUrl: string;
  /** Sessions in Redis when set; in memory otherwise. */
  readonly redisUrl: string | undefined;
  /** Signs the session cookie and derives CSRF tokens. */
  readonly sessionSecret: string;
  readonly portal1022: PortalSiteConfig;
  readonly portalDvc: PortalSiteConfig;
  /** Which portals this process serves (default both; one each in a deployment that scales them apart). */
  readonly portals: readonly ('1022' | 'dvc')[];
  /** Background tiles of the planning map; none by default (the map draws the boundaries alone). */
  readonly mapTiles: MapTiles | undefined;
}

/** A tile server for the planning map: a URL template ({s}, {z}, {x}, {y}) and its attribution. */
export interface MapTiles {
  readonly url: string;
  readonly attribution: string;
}

/** A tile URL template: http(s), a host (which may hold {s}), and {z}, {x}, {y} in the path. */
const TILE_TEMPLATE = /^https?:\/\/[a-z0-9.{}-]+(:\d+)?\/[^\s"'<>]*\{z\}[^\s"'<>]*\{x\}[^\s"'<>]*\{y\}[^\s"'<>]*$/i;

const DEFAULT_ISSUER = `http://127.0.0.1:4100/realms/${DEMO_REALM}`;

/** The portal process's environment keys (exported for the generated configuration reference). */
export const PORTAL_CONFIG_SCHEMA = z
  .object({
    PORTAL_HOST: configFields.host.describe('Address both portals listen on.'),
    PORTAL_1022_PORT: configFields.port(4010).describe('Port of Cổng 1022 (citizen feedback).'),
    PORTAL_DVC_PORT: configFields.port(4020).describe('Port of Cổng dịch vụ công (public services).'),
    PORTAL_1022_PUBLIC_URL: configFields.url
      .optional()
      .describe('Public base URL of Cổng 1022 (redirect URI `<url>/auth/callback`); unset: `http://<PORTAL_HOST>:<port>`. Required, https, in production.'),
    PORTAL_DVC_PUBLIC_URL: configFields.url.optional().describe('Public base URL of Cổng dịch vụ công; unset: `http://<PORTAL_HOST>:<port>`. Required, https, in production.'),
    PORTAL_1022_CLIENT_ID: z.string().min(1).default('portal-1022').describe('OIDC client of Cổng 1022 in the realm.'),
    PORTAL_DVC_CLIENT_ID: z.string().min(1).default('portal-dichvucong').describe('OIDC client of Cổng dịch vụ công in the realm.'),
    OIDC_ISSUER: configFields.url
      .default(DEFAULT_ISSUER)
      .describe("Exact issuer of the realm (Keycloak: `https://<host>/realms/<realm>`; https in production); default: the embedded identity provider's realm."),
    GATEWAY_URL: configFields.url.default('http://127.0.0.1:4000').describe('Base URL of the gateway (GraphQL at `<url>/graphql`).'),
    REDIS_URL: z
      .url({ protocol: /^rediss?$/ })
      .optional()
      .describe('Server-side sessions in Redis (shared by replicas); unset: in memory.'),
    SESSION_SECRET: z
      .string()
      .min(32, 'must be at least 32 characters')
      .optional()
      .describe('Signs the session cookie and derives CSRF tokens (at least 32 characters); required in production; unset elsewhere: random per start.'),
    PORTALS: z
      .string()
      .default('1022,dvc')
      .transform((value) => [
        ...new Set(
          value
            .split(',')
            .map((item) => item.trim())
            .filter(Boolean),
        ),
      ])
      .pipe(z.array(z.enum(['1022', 'dvc'])).min(1))
      .describe('Which portals this process serves (`1022`, `dvc`, or both).'),
    PORTAL_MAP_TILE_URL: z
      .string()
      .regex(TILE_TEMPLATE, 'must be an http(s) tile URL template with {z}, {x} and {y}')
      .optional()
      .describe(
        'Background tiles of the planning map (Cổng dịch vụ công), e.g. `https://{s}.tile.example.org/{z}/{x}/{y}.png`; unset: no tiles, the map draws ward, zone and parcel boundaries alone.',
      ),
    PORTAL_MAP_TILE_ATTRIBUTION: z.string().max(300).default('').describe("The tile server's attribution, shown on the map (plain text)."),
    NODE_ENV: configFields.nodeEnv.describe('`production` requires SESSION_SECRET and https public URLs.'),
    LOG_LEVEL: configFields.logLevel.describe('pino log level.'),
  })
  .superRefine((env, context) => {
    if (env.NODE_ENV !== 'production') return;
    // Production: a fixed secret (sessions in Redis outlive a process) and TLS everywhere the browser or tokens go.
    if (!env.SESSION_SECRET) context.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'required in production' });
    const served = { OIDC_ISSUER: true, PORTAL_1022_PUBLIC_URL: env.PORTALS.includes('1022'), PORTAL_DVC_PUBLIC_URL: env.PORTALS.includes('dvc') };
    for (const key of ['OIDC_ISSUER', 'PORTAL_1022_PUBLIC_URL', 'PORTAL_DVC_PUBLIC_URL'] as const) {
      const value = env[key];
      if (!served[key]) continue;
      if (value === undefined) {
        if (key !== 'OIDC_ISSUER') context.addIssue({ code: 'custom', path: [key], message: 'required in production (the https URL browsers use)' });
      } else if (!value.startsWith('https://')) {
        context.addIssue({ code: 'custom', path: [key], message: 'must be https in production' });
      }
    }
  })
  .transform((env): PortalConfig => {
    const site = (port: number, clientId: string, publicUrl: string | undefined): PortalSiteConfig => ({
      port,
      clientId,
      publicUrl: (publicUrl ?? `http://${env.PORTAL_HOST === '0.0.0.0' ? '127.0.0.1' : env.PORTAL_HOST}:${port}`).replace(/\/+$/, ''),
    });
    return {
      host: env.PORTAL_HOST,
      nodeEnv: env.NODE_ENV,
      logLevel: env.LOG_LEVEL,
      oidcIssuer: env.OIDC_ISSUER,
      gatewayUrl: env.GATEWAY_URL.replace(/\/+$/, ''),
      redisUrl: env.REDIS_URL,
      // Development without a secret: a random one per start (in-memory sessions end with the process anyway).
      sessionSecret: env.SESSION_SECRET ?? randomBytes(32).toString('base64url'),
      portal1022: site(env.PORTAL_1022_PORT, env.PORTAL_1022_CLIENT_ID, env.PORTAL_1022_PUBLIC_URL),
      portalDvc: site(env.PORTAL_DVC_PORT, env.PORTAL_DVC_CLIENT_ID, env.PORTAL_DVC_PUBLIC_URL),
      portals: env.PORTALS,
      mapTiles: env.PORTAL_MAP_TILE_URL ? { url: env.PORTAL_MAP_TILE_URL, attribution: env.PORTAL_MAP_TILE_ATTRIBUTION } : undefined,
    };
  });

/** Parse the portal configuration from `env`; throws a ConfigError listing every bad key. */
export function parsePortalConfig(env: Record<string, string | undefined>): PortalConfig {
  return parseConfig('portal', PORTAL_CONFIG_SCHEMA, env);
}

/** Load the configuration of the running process; exits 1 with one message on bad config. */
export function loadPortalConfig(): PortalConfig {
  return loadConfig('portal', PORTAL_CONFIG_SCHEMA);
}
