// What buildPortal takes: which portal, its OIDC client, the realm, the gateway, the session store and
// secret; and the brand and OIDC scope of each of the two portals. SiteOptions is the part every web
// application of the realm shares (the portals and the staff workspace, web/workspace/).
import type { Logger } from '../../platform/logger.ts';
import type { PortalBrand, PortalLink } from './pages/layout.ts';
import type { MapTiles } from './config.ts';
import type { SessionStore } from './session-store.ts';

/** Which of the two portals. */
export type PortalKind = 'feedback' | 'services';

/** How a portal authenticates at the realm's token endpoint (`none`: a public client, PKCE only). */
export const CLIENT_AUTH_METHODS = ['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'] as const;

/** A portal's client authentication and what it needs (a secret, or a private JWK the realm knows the public part of). */
export type ClientAuthentication =
  | { readonly method: 'none' }
  | { readonly method: 'client_secret_basic' | 'client_secret_post'; readonly secret: string }
  | { readonly method: 'private_key_jwt'; readonly privateJwk: Readonly<Record<string, unknown>> };

/** What every signed-in web application of the realm needs (buildSite): its client, the realm, the gateway, sessions. */
export interface SiteOptions {
  /** The application's OIDC client id in the realm (portal-1022, portal-dichvucong, workspace). */
  readonly clientId: string;
  /** Base URL browsers use; default: the address the app listens on (tests on port 0). */
  readonly publicUrl?: string | undefined;
  /** Client authentication at the token endpoint; default none (a public client). */
  readonly clientAuth?: ClientAuthentication | undefined;
  /** Registered redirect URI; default `<publicUrl>/auth/callback`. The portal serves its path. */
  readonly redirectUri?: string | undefined;
  /** Registered post-logout redirect URI; default `<publicUrl>/`. */
  readonly postLogoutRedirectUri?: string | undefined;
  /** Exact issuer of the realm. */
  readonly issuer: string;
  /** Base URL of the gateway. */
  readonly gatewayUrl: string;
  readonly sessions: SessionStore;
  /** Signs the session cookie and derives CSRF tokens (≥ 32 characters). */
  readonly sessionSecret: string;
  /** Secure cookies (`__Host-` prefix), no plain-http issuer. */
  readonly production: boolean;
  /** Links to the city's other portals, shown in the header. */
  readonly links?: readonly PortalLink[];
  /** Signature algorithms accepted on logout tokens (default RS256, PS256, ES256). */
  readonly algorithms?: readonly string[];
  readonly logger?: Logger;
  /** Background tiles of the maps (planning, public reports, the leaders' dashboard); none: boundaries alone. */
  readonly mapTiles?: MapTiles | undefined;
}

/** What buildPortal needs. */
export interface PortalOptions extends SiteOptions {
  readonly kind: PortalKind;
}

/** A web application's look and what it asks the realm for. */
export interface SiteBrand {
  readonly brand: PortalBrand;
  /** OIDC and API scopes asked for at sign-in. */
  readonly scope: string;
}

/** The brand and OIDC scope of each portal. */
export const PORTALS: Readonly<Record<PortalKind, SiteBrand>> = {
  feedback: {
    brand: { kind: 'feedback', name: 'Cổng 1022', tagline: 'Phản ánh kiến nghị · Citizen feedback', mark: '1022', accent: '#0f5f8c' },
    // notification:read: the inbox (/thong-bao) and its live updates, on both portals.
    scope: 'openid profile feedback:read feedback:write notification:read',
  },
  services: {
    brand: { kind: 'services', name: 'Cổng dịch vụ công', tagline: 'Thủ tục hành chính · Public services', mark: 'DVC', accent: '#9b1c2e' },
    // feedback:write: a signed-in citizen reports wrong planning data from the planning page (a 1022 item).
    scope: 'openid profile dossier:read notification:read feedback:write',
  },
};
