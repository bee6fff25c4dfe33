// oidc-provider configured to look like a Keycloak realm: the same issuer layout (`<base>/realms/<realm>`),
// endpoint paths, token lifetimes and access-token shape (aud, typ JWT, azp, scope, sid, acr), so the
// gateway cannot tell the embedded identity provider from Keycloak. No consent screen (first-party clients).
import { randomBytes } from 'node:crypto';
import Provider, { errors } from 'oidc-provider';
import type { Client, Configuration, Grant, JWK, KoaContextWithOIDC } from 'oidc-provider';
import { API_AUDIENCE } from '../demo-realm.ts';
import { OIDC_CLAIMS, OIDC_SCOPES, keycloakClaims, toOidcAccount } from './claims.ts';
import type { RealmDirectory } from './claims.ts';
import { apiScopesOf, introspectionAllowed, revocationAllowed, toClientMetadata } from './clients.ts';
import { loginPolicy } from './interactions.ts';
import { HTML_SECURITY_HEADERS, renderMessagePage } from './login-page.ts';
import type { EmbeddedIdpOptions, IdpLogger } from './options.ts';
import { createMemoryAdapterFactory } from './storage.ts';

/**
 * Resource indicator (RFC 8707) of the API. oidc-provider requires an absolute URI here; the access
 * token's `aud` is API_AUDIENCE. Clients never need to send it: it is the default resource.
 */
export const API_RESOURCE_INDICATOR = 'urn:lien-thong:api';

/** Keycloak's endpoint paths, relative to the issuer. */
export const KEYCLOAK_ROUTES = {
  authorization: '/protocol/openid-connect/auth',
  token: '/protocol/openid-connect/token',
  jwks: '/protocol/openid-connect/certs',
  userinfo: '/protocol/openid-connect/userinfo',
  end_session: '/protocol/openid-connect/logout',
  introspection: '/protocol/openid-connect/token/introspect',
  revocation: '/protocol/openid-connect/revoke',
  pushed_authorization_request: '/protocol/openid-connect/ext/par/request',
} as const;

const SESSION_TTL_SECONDS = 10 * 60 * 60;
const ID_TOKEN_TTL_SECONDS = 300;
const INTERACTION_TTL_SECONDS = 30 * 60;

/** What buildProvider needs besides the caller's options: where it is, its keys and its logger. */
export interface BuildOptions extends EmbeddedIdpOptions {
  issuer: string;
  port: number;
  jwks: JWK[];
  logger: IdpLogger;
}

/** The oidc-provider instance for one realm (not mounted: its callback is served by server.ts). */
export function buildProvider(options: BuildOptions): Provider {
  const { accounts, clients, realm, logger } = options;
  const accessTokenTtl = options.accessTokenTtlSeconds ?? 300;
  const accountsBySub = new Map(accounts.map((account) => [account.sub, account]));
  const clientsById = new Map(clients.map((client) => [client.clientId, client]));
  const interactionBase = new URL(options.issuer).pathname;

  const directory: RealmDirectory = { accountsBySub, clientsById };

  const configuration: Configuration = {
    adapter: createMemoryAdapterFactory(),
    clients: clients.map(toClientMetadata),
    jwks: { keys: options.jwks },
    cookies: {
      // Browsers share cookies across ports of one host: name them per port so two providers don't collide.
      names: {
        session: `_session_${options.port}`,
        interaction: `_interaction_${options.port}`,
        resume: `_interaction_resume_${options.port}`,
      },
      keys: [randomBytes(32).toString('base64url')],
    },
    routes: { ...KEYCLOAK_ROUTES },
    scopes: [...OIDC_SCOPES],
    claims: {
      ...OIDC_CLAIMS,
      sid: null,
      iss: null,
    },
    acrValues: ['1', '2'],
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientDefaults: {
      grant_types: ['authorization_code'],
      id_token_signed_response_alg: 'RS256',
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    },
    interactions: {
      policy: loginPolicy(),
      url: (_ctx, interaction) => `${interactionBase}/login-actions/${interaction.uid}`,
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true, allowedPolicy: introspectionAllowed },
      revocation: { enabled: true, allowedPolicy: revocationAllowed },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          setHtml(
            ctx,
            renderMessagePage({
              realm,
              title: 'Đăng xuất · Sign out',
              message: 'Bạn có muốn đăng xuất khỏi tất cả các cổng thông tin không? (Sign out of every portal?)',
              extraHtml: `${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Đăng xuất khỏi tất cả · Sign out everywhere</button>
<button type="submit" form="op.logoutForm" class="vneid">Chỉ ứng dụng này · This application only</button>`,
            }),
          );
        },
        postLogoutSuccessSource: async (ctx) => {
          setHtml(ctx, renderMessagePage({ realm, title: 'Đã đăng xuất · Signed out', message: 'Bạn đã đăng xuất. (You have signed out.)' }));
        },
      },
      resourceIndicators: {
        enabled: true,
        // Every token is for the API unless the client asks otherwise (Keycloak: the audience mapper).
        defaultResource: async (_ctx, _client, oneOf) => {
          if (oneOf && oneOf.length > 0) return oneOf.includes(API_RESOURCE_INDICATOR) ? API_RESOURCE_INDICATOR : oneOf[0]!;
          return API_RESOURCE_INDICATOR;
        },
        // Without this an authorization_code / refresh_token request that carries the `openid` scope and no
        // `resource` parameter would get an opaque userinfo-only access token instead of the API JWT.
        useGrantedResource: async () => true,
        getResourceServerInfo: async (_ctx, resourceIndicator, client) => {
          if (resourceIndicator !== API_RESOURCE_INDICATOR) throw new errors.InvalidTarget();
          return {
            scope: apiScopesOf(clientsById, client.clientId).join(' '),
            audience: API_AUDIENCE,
            accessTokenFormat: 'jwt',
            accessTokenTTL: accessTokenTtl,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    extraTokenClaims: async (ctx, token) => keycloakClaims(ctx, token, directory),
    formats: {
      customizers: {
        jwt: async (ctx, token, parts) => {
          // Keycloak's access tokens carry `typ: JWT` in the header (oidc-provider: at+jwt, RFC 9068).
          parts.header = { ...parts.header, typ: 'JWT' };
          if (token.kind === 'AccessToken') {
            // Keycloak puts no client_id in user tokens (azp says who asked), and lists the OIDC scopes too.
            delete parts.payload.client_id;
            const source = ctx.oidc.entities.AuthorizationCode ?? ctx.oidc.entities.RefreshToken;
            const granted = (source?.scope ?? '').split(' ').filter((scope) => OIDC_SCOPES.has(scope));
            const api = typeof parts.payload.scope === 'string' ? parts.payload.scope.split(' ') : [];
            const scope = [...new Set([...granted, ...api])].join(' ');
            if (scope) parts.payload.scope = scope;
            else delete parts.payload.scope;
          } else if (ctx.oidc.params?.scope === undefined && token.resourceServer?.scope) {
            // client_credentials without a `scope` parameter: all the client's API scopes (Keycloak's default
            // client scopes). With one, oidc-provider has already dropped the scopes the client may not have.
            token.scope = token.resourceServer.scope;
            parts.payload.scope = token.scope;
          }
        },
      },
    },
    findAccount: async (_ctx, sub) => {
      const account = accountsBySub.get(sub);
      return account ? toOidcAccount(account) : undefined;
    },
    // First-party clients: no consent screen (Keycloak's consentRequired=false). The grant always
    // covers what this request asks for, within what the client may ask for.
    loadExistingGrant: async (ctx) => {
      const { oidc } = ctx;
      const accountId = oidc.session?.accountId;
      const client = oidc.client;
      if (!accountId || !client) return undefined;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(client.clientId);
      const existing = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
      const grant: Grant = existing && existing.accountId === accountId && existing.clientId === client.clientId ? existing : new oidc.provider.Grant({ accountId, clientId: client.clientId });
      grantRequested(ctx, grant);
      await grant.save();
      return grant;
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    ttl: {
      AccessToken: accessTokenTtl,
      ClientCredentials: accessTokenTtl,
      IdToken: ID_TOKEN_TTL_SECONDS,
      Session: SESSION_TTL_SECONDS,
      Grant: SESSION_TTL_SECONDS,
      Interaction: INTERACTION_TTL_SECONDS,
      RefreshToken: (ctx, token) => {
        const rotated = ctx?.oidc?.entities.RotatedRefreshToken;
        if (rotated) return Math.max(1, rotated.remainingTTL);
        return token.expiresWithSession ? SESSION_TTL_SECONDS : 30 * 24 * 60 * 60;
      },
    },
    clientBasedCORS: (_ctx, origin, client) => client.redirectUris?.some((uri) => URL.parse(uri)?.origin === origin) ?? false,
    renderError: async (ctx, out) => {
      setHtml(
        ctx,
        renderMessagePage({
          realm,
          title: 'Có lỗi xảy ra · Something went wrong',
          message: [out.error, out.error_description].filter(Boolean).join(': '),
        }),
      );
    },
    // Back-channel logout goes to statically configured URIs, often on 127.0.0.1: skip oidc-provider's
    // SSRF guard (it refuses loopback and private addresses), which protects dynamically registered clients.
    fetch: (url, init) => {
      const { dispatcher: _ignored, ...rest } = init as RequestInit & { dispatcher?: unknown };
      return globalThis.fetch(url, rest);
    },
  };

  const provider = new Provider(options.issuer, configuration);
  if (options.publicUrl) provider.proxy = true;
  // oidc-provider records a session id (`sid`) on codes, ID tokens and access tokens only for clients
  // with back-channel logout; Keycloak always does, and the gateway's revoked-session check needs it.
  // provider.Client is this provider's own class, so the override stays within this provider.
  Object.defineProperty((provider.Client as unknown as { prototype: object }).prototype, 'includeSid', {
    value: () => true,
    configurable: true,
    writable: true,
  });

  provider.on('server_error', (_ctx: unknown, err: Error) => logger.warn({ err }, 'oidc-provider server error'));
  provider.on('backchannel.error', (_ctx: unknown, err: Error, client: Client) => logger.warn({ err, clientId: client.clientId }, 'back-channel logout failed'));

  return provider;
}

/** Add what the authorization request asks for to the grant (scopes and claims the client may have). */
function grantRequested(ctx: KoaContextWithOIDC, grant: Grant): void {
  const { oidc } = ctx;
  const allowed = new Set(oidc.client?.scope?.split(' ') ?? []);
  const oidcScopes = [...oidc.requestParamOIDCScopes].filter((scope) => allowed.size === 0 || allowed.has(scope));
  if (oidcScopes.length) grant.addOIDCScope(oidcScopes);
  if (oidc.requestParamClaims.size) grant.addOIDCClaims(oidc.requestParamClaims);
  for (const [indicator, resourceServer] of Object.entries(oidc.resourceServers ?? {})) {
    const scopes = [...oidc.requestParamScopes].filter((scope) => resourceServer.scopes.has(scope));
    if (scopes.length) grant.addResourceScope(indicator, scopes);
  }
}

function setHtml(ctx: KoaContextWithOIDC, html: string): void {
  for (const [name, value] of Object.entries(HTML_SECURITY_HEADERS)) ctx.set(name, value);
  ctx.body = html;
}
