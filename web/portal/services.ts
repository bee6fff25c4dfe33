// The services of one portal, built once by buildPortal and passed to its session plugin and route
// modules: its options and brand, where browsers reach it, its relying party at the realm, the realm's
// keys for logout tokens, and the gateway client. Nothing lives at module level: two portals in one
// process share nothing. The staff workspace (web/workspace/) builds the same services (createSiteServices).
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { createRealmKeySet } from '../../auth/access-token.ts';
import type { RealmKeySet } from '../../auth/access-token.ts';
import { createGatewayClient } from './gateway-client.ts';
import type { GatewayClient } from './gateway-client.ts';
import { PORTALS } from './options.ts';
import type { PortalOptions, SiteBrand, SiteOptions } from './options.ts';
import type { PortalBrand } from './pages/layout.ts';
import { createRelyingParty, insecureIssuerAllowed } from './relying-party.ts';
import type { RelyingParty } from './relying-party.ts';

/** What the parts of one web application (a portal, the workspace) share. */
export interface SiteServices<Options extends SiteOptions = SiteOptions> {
  readonly options: Options;
  readonly brand: PortalBrand;
  /** Reads and writes through the gateway as the signed-in citizen. */
  readonly gateway: GatewayClient;
  /** Signature algorithms accepted on logout tokens. */
  readonly algorithms: readonly string[];
  /** Base URL browsers use, no trailing slash (the listening address when publicUrl is absent). */
  publicUrl(): string;
  /** The registered redirect URI (default `<publicUrl>/auth/callback`). */
  redirectUri(): string;
  /** The registered post-logout redirect URI (default `<publicUrl>/`). */
  postLogoutRedirectUri(): string;
  /** The relying party at the realm (made on first use: its redirect URI needs publicUrl). */
  relyingParty(): RelyingParty;
  /** The realm's keys, for logout tokens (fetched on first use). */
  logoutTokenKeys(): Promise<RealmKeySet>;
}

/** What the parts of one portal share. */
export type PortalServices = SiteServices<PortalOptions>;

/** Build the services of the portal served by `app` (nothing is fetched yet: the realm may start later). */
export function createPortalServices(app: FastifyInstance, options: PortalOptions): PortalServices {
  return createSiteServices(app, options, PORTALS[options.kind]);
}

/** Build the services of the web application served by `app`, with its brand and scope. */
export function createSiteServices<Options extends SiteOptions>(app: FastifyInstance, options: Options, { brand, scope }: SiteBrand): SiteServices<Options> {
  // Where the portal is, and its relying party: both known once listening when publicUrl is absent.
  const publicUrl = (): string => {
    if (options.publicUrl) return options.publicUrl.replace(/\/+$/, '');
    const address = app.server.address() as AddressInfo | null;
    if (!address || typeof address !== 'object') throw new Error('the application is not listening yet');
    const host = address.family === 'IPv6' ? `[${address.address === '::' ? '::1' : address.address}]` : address.address === '0.0.0.0' ? '127.0.0.1' : address.address;
    return `http://${host}:${address.port}`;
  };
  const redirectUri = (): string => options.redirectUri ?? `${publicUrl()}/auth/callback`;
  let relyingParty: RelyingParty | undefined;
  const rp = (): RelyingParty => {
    relyingParty ??= createRelyingParty({
      issuer: options.issuer,
      clientId: options.clientId,
      redirectUri: redirectUri(),
      clientAuth: options.clientAuth ?? { method: 'none' },
      scope,
      allowInsecure: insecureIssuerAllowed(options.issuer, options.production),
    });
    return relyingParty;
  };
  let realmKeys: RealmKeySet | undefined;
  return {
    options,
    brand,
    gateway: createGatewayClient(options.gatewayUrl),
    algorithms: options.algorithms ?? ['RS256', 'PS256', 'ES256'],
    publicUrl,
    redirectUri,
    postLogoutRedirectUri: () => options.postLogoutRedirectUri ?? `${publicUrl()}/`,
    relyingParty: rp,
    async logoutTokenKeys() {
      realmKeys ??= createRealmKeySet(await rp().jwksUrl());
      return realmKeys;
    },
  };
}

/** An error for a log line: name, message and code, never a token. */
export function describeError(error: unknown): { name?: string; message?: string; code?: unknown } {
  if (!(error instanceof Error)) return { message: String(error) };
  return { name: error.name, message: error.message, code: (error as { code?: unknown }).code };
}
