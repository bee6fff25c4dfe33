// Configuration of the portal process (both portals), read once from the environment and validated.
// Each key's `.describe()` is its line in docs/configuration.md (`npm run docs:generate`).
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { configFields, loadConfig, parseConfig } from '../../platform/config.ts';
import { DEMO_REALM } from '../../auth/demo-realm.ts';
import { CLIENT_AUTH_METHODS } from './options.ts';
import type { ClientAuthentication } from './options.ts';

/** One portal's place in the world: its OIDC client and where browsers reach it. */
export interface PortalSiteConfig {
  readonly port: number;
  /** OIDC client id in the realm. */
  readonly clientId: string;
  /** Public base URL; default http://<host>:<port>. */
  readonly publicUrl: string;
  /** How the portal authenticates at the realm's token endpoint (`none`: a public client, PKCE only). */
  readonly clientAuth: ClientAuthentication;
  /** Registered redirect URI; default `<publicUrl>/auth/callback` (the portal serves its path). */
  readonly redirectUri: string;
  /** Registered post-logout redirect URI; default `<publicUrl>/`. */
  readonly postLogoutRedirectUri: string;
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

/** A tile server for the maps: a URL template ({s}, {z}, {x}, {y}) and its attribution. */
export interface MapTiles {
  readonly url: string;
  readonly attribution: string;
}

/** A tile URL template: http(s), a host (which may hold {s}), and {z}, {x}, {y} in the path. */
export const TILE_TEMPLATE = /^https?:\/\/[a-z0-9.{}-]+(:\d+)?\/[^\s"'<>]*\{z\}[^\s"'<>]*\{x\}[^\s"'<>]*\{y\}[^\s"'<>]*$/i;

const DEFAULT_ISSUER = `http://127.0.0.1:4100/realms/${DEMO_REALM}`;

/** A private signing JWK (RSA, EC or OKP, with its private part `d`) for private_key_jwt. */
const PRIVATE_JWK = z.looseObject({ kty: z.enum(['RSA', 'EC', 'OKP']), d: z.string().min(1), kid: z.string().min(1).max(128).optional(), alg: z.string().optional() });

/** The OIDC client keys of one portal (`PORTAL_1022_…`, `PORTAL_DVC_…`): the same shape for both. */
function clientKeys<Prefix extends string>(prefix: Prefix, label: string) {
  const fields = {
    CLIENT_AUTH: z
      .enum(CLIENT_AUTH_METHODS)
      .default('none')
      .describe(
        `How ${label} authenticates at the token endpoint: \`none\` (a public client, PKCE only), \`client_secret_basic\`, \`client_secret_post\` (with ${prefix}_CLIENT_SECRET) or \`private_key_jwt\` (with ${prefix}_CLIENT_PRIVATE_JWK).`,
      ),
    CLIENT_SECRET: z.string().min(16, 'must be at least 16 characters').optional().describe(`The client secret of ${label} (client_secret_basic, client_secret_post); from the secret store.`),
    CLIENT_PRIVATE_JWK: configFields
      .json(PRIVATE_JWK)
      .optional()
      .describe(`The private JWK (JSON) ${label} signs its client assertions with (private_key_jwt); the realm holds the public part. From the secret store.`),
    REDIRECT_URI: configFields.url.optional().describe(`Redirect URI of ${label} as registered in the realm (the portal serves its path); unset: \`<public URL>/auth/callback\`.`),
    POST_LOGOUT_REDIRECT_URI: configFields.url.optional().describe(`Post-logout redirect URI of ${label} as registered in the realm; unset: \`<public URL>/\`.`),
  };
  return prefixKeys(prefix, fields);
}

/** `fields` with each key under `<prefix>_`: one family of keys declared once for every process or site that has it. */
function prefixKeys<Prefix extends string, Fields extends Record<string, z.ZodType>>(prefix: Prefix, fields: Fields) {
  return Object.fromEntries(Object.entries(fields).map(([key, schema]) => [`${prefix}_${key}`, schema])) as { [Key in keyof Fields & string as `${Prefix}_${Key}`]: Fields[Key] };
}

/** The background-tile keys of one process's map (`<prefix>_MAP_TILE_URL`, `<prefix>_MAP_TILE_ATTRIBUTION`); the descriptions say which map. */
export function mapTileKeys<Prefix extends string>(prefix: Prefix, describe: { readonly url: string; readonly attribution: string }) {
  return prefixKeys(prefix, {
    MAP_TILE_URL: z.string().regex(TILE_TEMPLATE, 'must be an http(s) tile URL template with {z}, {x} and {y}').optional().describe(describe.url),
    MAP_TILE_ATTRIBUTION: z.string().max(300).default('').describe(describe.attribution),
  });
}

/** The map tiles of a process from its two keys; none without a URL. */
export function mapTilesFrom(url: string | undefined, attribution: string): MapTiles | undefined {
  return url ? { url, attribution } : undefined;
}

/** Each portal's key prefix, for the checks that concern both. */
const SITE_PREFIXES = { '1022': 'PORTAL_1022', dvc: 'PORTAL_DVC' } as const;

/** The portal process's environment keys (exported for the generated configuration reference). */
export const PORTAL_CONFIG_SCHEMA = z
  .object({
    PORTAL_HOST: configFields.host.describe('Address both portals listen on.'),
    PORTAL_1022_PORT: configFields.port(4010).describe('Port of Cổng 1022 (citizen feedback).'),
    PORTAL_DVC_PORT: configFields.port(4020).describe('Port of Cổng dịch vụ công (public services).'),
    PORTAL_1022_PUBLIC_URL: configFields.url.optional().describe('Public base URL of Cổng 1022; unset: `http://<PORTAL_HOST>:<port>`. Required, https, in production.'),
    PORTAL_DVC_PUBLIC_URL: configFields.url.optional().describe('Public base URL of Cổng dịch vụ công; unset: `http://<PORTAL_HOST>:<port>`. Required, https, in production.'),
    PORTAL_1022_CLIENT_ID: z.string().min(1).default('portal-1022').describe('OIDC client of Cổng 1022 in the realm.'),
    PORTAL_DVC_CLIENT_ID: z.string().min(1).default('portal-dichvucong').describe('OIDC client of Cổng dịch vụ công in the realm.'),
    ...clientKeys('PORTAL_1022', 'Cổng 1022'),
    ...clientKeys('PORTAL_DVC', 'Cổng dịch vụ công'),
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
    ...mapTileKeys('PORTAL', {
      url: 'Background tiles of the planning map (Cổng dịch vụ công), e.g. `https://{s}.tile.example.org/{z}/{x}/{y}.png`; unset: no tiles, the map draws ward, zone and parcel boundaries alone.',
      attribution: "The tile server's attribution, shown on the map (plain text).",
    }),
    NODE_ENV: configFields.nodeEnv.describe('`production` requires SESSION_SECRET and https public URLs.'),
    LOG_LEVEL: configFields.logLevel.describe('pino log level.'),
  })
  .superRefine((env, context) => {
    // Each portal's client authentication comes with exactly what it needs, and nothing it would ignore.
    for (const site of env.PORTALS) {
      const prefix = SITE_PREFIXES[site];
      const method = env[`${prefix}_CLIENT_AUTH`];
      const secretKey = `${prefix}_CLIENT_SECRET` as const;
      const jwkKey = `${prefix}_CLIENT_PRIVATE_JWK` as const;
      const needsSecret = method === 'client_secret_basic' || method === 'client_secret_post';
      if (needsSecret && env[secretKey] === undefined) context.addIssue({ code: 'custom', path: [secretKey], message: `required with ${prefix}_CLIENT_AUTH=${method}` });
      if (!needsSecret && env[secretKey] !== undefined) context.addIssue({ code: 'custom', path: [secretKey], message: `not used with ${prefix}_CLIENT_AUTH=${method}` });
      if (method === 'private_key_jwt' && env[jwkKey] === undefined) context.addIssue({ code: 'custom', path: [jwkKey], message: `required with ${prefix}_CLIENT_AUTH=private_key_jwt` });
      if (method !== 'private_key_jwt' && env[jwkKey] !== undefined) context.addIssue({ code: 'custom', path: [jwkKey], message: `not used with ${prefix}_CLIENT_AUTH=${method}` });
      if (env.NODE_ENV === 'production') {
        for (const key of [`${prefix}_REDIRECT_URI`, `${prefix}_POST_LOGOUT_REDIRECT_URI`] as const) {
          if (env[key]?.startsWith('http://')) context.addIssue({ code: 'custom', path: [key], message: 'must be https in production' });
        }
      }
    }
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
    const site = (port: number, clientId: string, publicUrl: string | undefined, prefix: (typeof SITE_PREFIXES)[keyof typeof SITE_PREFIXES]): PortalSiteConfig => {
      const base = (publicUrl ?? `http://${env.PORTAL_HOST === '0.0.0.0' ? '127.0.0.1' : env.PORTAL_HOST}:${port}`).replace(/\/+$/, '');
      const method = env[`${prefix}_CLIENT_AUTH`];
      const secret = env[`${prefix}_CLIENT_SECRET`] ?? '';
      const privateJwk = env[`${prefix}_CLIENT_PRIVATE_JWK`] ?? { kty: 'RSA', d: '' };
      return {
        port,
        clientId,
        publicUrl: base,
        clientAuth: method === 'none' ? { method } : method === 'private_key_jwt' ? { method, privateJwk } : { method, secret },
        redirectUri: env[`${prefix}_REDIRECT_URI`] ?? `${base}/auth/callback`,
        postLogoutRedirectUri: env[`${prefix}_POST_LOGOUT_REDIRECT_URI`] ?? `${base}/`,
      };
    };
    return {
      host: env.PORTAL_HOST,
      nodeEnv: env.NODE_ENV,
      logLevel: env.LOG_LEVEL,
      oidcIssuer: env.OIDC_ISSUER,
      gatewayUrl: env.GATEWAY_URL.replace(/\/+$/, ''),
      redisUrl: env.REDIS_URL,
      // Development without a secret: a random one per start (in-memory sessions end with the process anyway).
      sessionSecret: env.SESSION_SECRET ?? randomBytes(32).toString('base64url'),
      portal1022: site(env.PORTAL_1022_PORT, env.PORTAL_1022_CLIENT_ID, env.PORTAL_1022_PUBLIC_URL, 'PORTAL_1022'),
      portalDvc: site(env.PORTAL_DVC_PORT, env.PORTAL_DVC_CLIENT_ID, env.PORTAL_DVC_PUBLIC_URL, 'PORTAL_DVC'),
      portals: env.PORTALS,
      mapTiles: mapTilesFrom(env.PORTAL_MAP_TILE_URL, env.PORTAL_MAP_TILE_ATTRIBUTION),
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
