// The embedded identity provider: oidc-provider shaped like a Keycloak realm, for one-machine setups,
// development and tests. Same issuer layout (`<base>/realms/<realm>`), same endpoint paths and the same
// access-token claims as the Keycloak realm in auth/keycloak/, so the gateway cannot tell them apart.
//
// It runs on a plain node:http server; oidc-provider handles everything under /realms/<realm> except
// the login pages (/login-actions/<uid>) and the userinfo endpoint, which are served here.

import { timingSafeEqual, createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import type { JWK as JoseJwk } from 'jose';
import Provider, { errors, interactionPolicy } from 'oidc-provider';
import type {
  Account,
  AccessToken,
  Adapter,
  AdapterFactory,
  AdapterPayload,
  Client,
  ClientCredentials,
  ClientMetadata,
  Configuration,
  Grant,
  JWK,
  KoaContextWithOIDC,
} from 'oidc-provider';
import { API_AUDIENCE, API_SCOPES } from '../demo-realm.ts';
import type { DemoAccount, DemoClient, VneidLevel } from '../demo-realm.ts';
import { HTML_SECURITY_HEADERS, STEP_UP_MESSAGE, escapeHtml, renderLoginPage, renderMessagePage } from './login-page.ts';

/** A realm client (`backchannelLogoutUri` optionally receives OIDC back-channel logout tokens). */
export type EmbeddedIdpClient = DemoClient;

export interface EmbeddedIdpOptions {
  host: string;
  port: number;
  realm: string;
  accounts: readonly DemoAccount[];
  clients: readonly EmbeddedIdpClient[];
  /** persisted signing keys (JWKS with private parts); generated and written here if absent. undefined = in-memory keys */
  keysFile?: string;
  /** public base URL if different from http://host:port (behind a proxy that sets X-Forwarded-Host/Proto;
   *  a path in it, e.g. https://city.example/auth, must reach this server unchanged) */
  publicUrl?: string;
  logger?: { info(obj: object, msg?: string): void; warn(obj: object, msg?: string): void };
  accessTokenTtlSeconds?: number;
}

export interface EmbeddedIdp {
  issuer: string;
  url: string;
  close(): Promise<void>;
}

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

/** A public (PKCE) authorization-code client, e.g. for a test with its own redirect URI. */
export function publicClient(
  clientId: string,
  redirectUris: readonly string[],
  options: { scopes?: readonly string[]; postLogoutRedirectUris?: readonly string[]; backchannelLogoutUri?: string } = {},
): EmbeddedIdpClient {
  return {
    clientId,
    grantTypes: ['authorization_code', 'refresh_token'],
    redirectUris,
    postLogoutRedirectUris: options.postLogoutRedirectUris ?? [],
    scopes: options.scopes ?? ['openid', 'profile', 'email', 'offline_access', ...API_SCOPES],
    ...(options.backchannelLogoutUri ? { backchannelLogoutUri: options.backchannelLogoutUri } : {}),
  };
}

const SESSION_TTL_SECONDS = 10 * 60 * 60;
const ID_TOKEN_TTL_SECONDS = 300;
const INTERACTION_TTL_SECONDS = 30 * 60;
const LOGIN_BODY_LIMIT_BYTES = 8 * 1024;
/** Scopes that are OIDC scopes (not API scopes): the claims each one releases. */
const OIDC_CLAIMS = {
  // acr and auth_time always go in the ID token, as with Keycloak (oidc-provider: only when requested).
  openid: ['sub', 'acr', 'auth_time'],
  profile: ['name', 'given_name', 'family_name', 'preferred_username'],
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
} as const;
const OIDC_SCOPES: ReadonlySet<string> = new Set([...Object.keys(OIDC_CLAIMS), 'offline_access']);
const API_SCOPE_SET: ReadonlySet<string> = new Set(API_SCOPES);

type RequestWithOriginalUrl = IncomingMessage & { originalUrl?: string };
type Logger = NonNullable<EmbeddedIdpOptions['logger']>;

const silentLogger: Logger = { info() {}, warn() {} };

/** Start the embedded identity provider. Listens first (port may be 0), then builds the provider. */
export async function startEmbeddedIdp(options: EmbeddedIdpOptions): Promise<EmbeddedIdp> {
  const logger = options.logger ?? silentLogger;
  const jwks = await loadOrCreateSigningKeys(options.keysFile, logger);

  let handler: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  const server = createServer((req, res) => {
    if (!handler) {
      sendJson(res, 503, { error: 'temporarily_unavailable', error_description: 'starting' });
      return;
    }
    handler(req, res).catch((err: unknown) => {
      logger.warn({ err }, 'embedded identity provider: request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'server_error' });
      else res.destroy();
    });
  });
  await listen(server, options.port, options.host);

  const { port } = server.address() as AddressInfo;
  const url = (options.publicUrl ?? `http://${hostForUrl(options.host)}:${port}`).replace(/\/+$/, '');
  const issuer = `${url}/realms/${encodeURIComponent(options.realm)}`;
  const prefix = new URL(issuer).pathname;

  let provider: Provider;
  try {
    provider = buildProvider({ ...options, issuer, port, jwks, logger });
  } catch (err) {
    server.close();
    throw err;
  }
  const providerCallback = provider.callback();
  const publicKeys = createLocalJWKSet({ keys: jwks.map(publicJwk) });

  handler = async (req, res) => {
    const rawUrl = req.url ?? '/';
    const pathname = rawUrl.split('?', 1)[0] ?? '/';
    if (pathname !== prefix && !pathname.startsWith(`${prefix}/`)) {
      sendJson(res, 404, { error: 'not_found' });
      return;
    }
    const tail = rawUrl.slice(prefix.length);
    const rest = tail.startsWith('/') ? tail : `/${tail}`;
    const restPath = pathname.slice(prefix.length) || '/';

    if (restPath.startsWith('/login-actions/')) {
      await handleInteraction(req, res, restPath, { provider, options, prefix, logger });
      return;
    }
    if (restPath === KEYCLOAK_ROUTES.userinfo) {
      await handleUserinfo(req, res, { issuer, publicKeys, accounts: options.accounts });
      return;
    }
    // oidc-provider derives its mount path (for the URLs it advertises) from originalUrl vs url.
    (req as RequestWithOriginalUrl).originalUrl = rawUrl;
    req.url = rest;
    await providerCallback(req, res);
  };

  logger.info({ issuer, realm: options.realm, clients: options.clients.map((c) => c.clientId) }, 'embedded identity provider listening');

  return {
    issuer,
    url,
    async close() {
      handler = undefined;
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Provider configuration

interface BuildOptions extends EmbeddedIdpOptions {
  issuer: string;
  port: number;
  jwks: JWK[];
  logger: Logger;
}

function buildProvider(options: BuildOptions): Provider {
  const { accounts, clients, realm, logger } = options;
  const accessTokenTtl = options.accessTokenTtlSeconds ?? 300;
  const accountsBySub = new Map(accounts.map((account) => [account.sub, account]));
  const clientsById = new Map(clients.map((client) => [client.clientId, client]));
  const interactionBase = new URL(options.issuer).pathname;

  /** API scopes a client may receive (Keycloak: the client's assigned client scopes). */
  const apiScopesOf = (clientId: string): string[] =>
    (clientsById.get(clientId)?.scopes ?? []).filter((scope) => API_SCOPE_SET.has(scope));

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
          setHtml(ctx, renderMessagePage({
            realm,
            title: 'Đăng xuất · Sign out',
            message: 'Bạn có muốn đăng xuất khỏi tất cả các cổng thông tin không? (Sign out of every portal?)',
            extraHtml: `${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes" autofocus>Đăng xuất khỏi tất cả · Sign out everywhere</button>
<button type="submit" form="op.logoutForm" class="vneid">Chỉ ứng dụng này · This application only</button>`,
          }));
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
            scope: apiScopesOf(client.clientId).join(' '),
            audience: API_AUDIENCE,
            accessTokenFormat: 'jwt',
            accessTokenTTL: accessTokenTtl,
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
    extraTokenClaims: async (ctx, token) => keycloakClaims(ctx, token),
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
      const grant: Grant = existing && existing.accountId === accountId && existing.clientId === client.clientId
        ? existing
        : new oidc.provider.Grant({ accountId, clientId: client.clientId });
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
      setHtml(ctx, renderMessagePage({
        realm,
        title: 'Có lỗi xảy ra · Something went wrong',
        message: [out.error, out.error_description].filter(Boolean).join(': '),
      }));
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
  provider.on('backchannel.error', (_ctx: unknown, err: Error, client: Client) =>
    logger.warn({ err, clientId: client.clientId }, 'back-channel logout failed'));

  return provider;

  function keycloakClaims(ctx: KoaContextWithOIDC, token: AccessToken | ClientCredentials): Record<string, unknown> {
    const clientId = token.clientId ?? token.client?.clientId ?? '';
    if (token.kind === 'ClientCredentials') {
      return {
        typ: 'Bearer',
        azp: clientId,
        preferred_username: `service-account-${clientId}`,
        realm_access: { roles: [] },
        resource_access: { [clientId]: { roles: [...(clientsById.get(clientId)?.serviceAccountRoles ?? [])] } },
      };
    }
    const account = accountsBySub.get(token.accountId);
    if (!account) throw new Error('access token for an unknown account');
    const source = ctx.oidc.entities.AuthorizationCode ?? ctx.oidc.entities.RefreshToken;
    // Never the CCCD, phone, name or email here: access tokens travel further than ID tokens.
    return {
      typ: 'Bearer',
      azp: clientId,
      ...(token.sid ? { sid: token.sid } : {}),
      // The session's level (password: "1", VNeID: the account's verified level); never more than it proved.
      acr: source?.acr ?? '1',
      preferred_username: account.username,
      realm_access: { roles: [...account.roles] },
      resource_access: {},
      ...(account.unit ? { unit: account.unit } : {}),
    };
  }
}

/**
 * oidc-provider's default prompts, plus step-up: a request whose `acr_values` ask for a higher VNeID
 * level than the session has shows the login page again (only the VNeID path can raise the level).
 * With `prompt=none` the client gets `login_required`.
 */
function loginPolicy(): interactionPolicy.DefaultPolicy {
  const policy = interactionPolicy.base();
  policy.get('login')?.checks.add(new interactionPolicy.Check(
    'vneid_level',
    'the requested VNeID level (acr) needs a new authentication',
    'login_required',
    (ctx) => {
      const { session, params } = ctx.oidc;
      const required = requestedLevel(params?.['acr_values']);
      if (required === 0 || !session?.accountId) return interactionPolicy.Check.NO_NEED_TO_PROMPT;
      const current = session.acr === '2' ? 2 : session.acr === '1' ? 1 : 0;
      return current >= required ? interactionPolicy.Check.NO_NEED_TO_PROMPT : interactionPolicy.Check.REQUEST_PROMPT;
    },
  ));
  return policy;
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

function toClientMetadata(client: EmbeddedIdpClient): ClientMetadata {
  const authorizationCode = client.grantTypes.includes('authorization_code');
  const staticScopes = client.scopes.filter((scope) => OIDC_SCOPES.has(scope));
  return {
    client_id: client.clientId,
    ...(client.clientSecret
      ? { client_secret: client.clientSecret, token_endpoint_auth_method: 'client_secret_basic' }
      : { token_endpoint_auth_method: 'none' }),
    grant_types: [...client.grantTypes],
    response_types: authorizationCode ? ['code'] : [],
    redirect_uris: [...client.redirectUris],
    post_logout_redirect_uris: [...client.postLogoutRedirectUris],
    // Allow-list of OIDC scopes. A client with none (client_credentials only) may ask for none of them.
    scope: staticScopes.length ? staticScopes.join(' ') : 'offline_access',
    ...(client.backchannelLogoutUri
      ? { backchannel_logout_uri: client.backchannelLogoutUri, backchannel_logout_session_required: true }
      : {}),
  };
}

function toOidcAccount(account: DemoAccount): Account {
  return {
    accountId: account.sub,
    // oidc-provider releases only the claims of the granted scopes (see OIDC_CLAIMS); phone only with `phone`.
    claims: (_use, scope) => ({
      sub: account.sub,
      name: account.name,
      given_name: account.givenName,
      family_name: account.familyName,
      preferred_username: account.username,
      email: account.email,
      email_verified: true,
      ...(scope.split(' ').includes('phone') ? { phone_number: account.phone, phone_number_verified: true } : {}),
    }),
  };
}

async function introspectionAllowed(ctx: KoaContextWithOIDC, client: Client, token: { clientId?: string | undefined }): Promise<boolean> {
  // Public clients may only introspect their own tokens.
  return !(client.clientAuthMethod === 'none' && token.clientId !== ctx.oidc.client?.clientId);
}

async function revocationAllowed(_ctx: KoaContextWithOIDC, client: Client, token: { clientId?: string | undefined }): Promise<boolean> {
  if (token.clientId === client.clientId) return true;
  if (client.clientAuthMethod === 'none') return false;
  throw new errors.InvalidRequest('client is not authorized to revoke the presented token');
}

function setHtml(ctx: KoaContextWithOIDC, html: string): void {
  for (const [name, value] of Object.entries(HTML_SECURITY_HEADERS)) ctx.set(name, value);
  ctx.body = html;
}

// ---------------------------------------------------------------------------------------------------
// Login pages (interactions)

interface InteractionContext {
  provider: Provider;
  options: EmbeddedIdpOptions;
  prefix: string;
  logger: Logger;
}

const INTERACTION_PATH = /^\/login-actions\/([A-Za-z0-9_-]+)(?:\/(login|vneid|abort))?$/;

/** What a POST to an interaction does: realm-local login, the simulated VNeID broker, or giving up. */
type InteractionAction = 'login' | 'vneid' | 'abort';

async function handleInteraction(req: IncomingMessage, res: ServerResponse, restPath: string, ic: InteractionContext): Promise<void> {
  const { provider, options, prefix, logger } = ic;
  const match = INTERACTION_PATH.exec(restPath);
  const uid = match?.[1];
  const action = match?.[2] as InteractionAction | undefined;
  if (!match || !uid) {
    sendJson(res, 404, { error: 'not_found' });
    return;
  }
  const expectedMethod = action ? 'POST' : 'GET';
  if (req.method !== expectedMethod) {
    res.setHeader('allow', expectedMethod);
    sendJson(res, 405, { error: 'method_not_allowed' });
    return;
  }

  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch (err) {
    if (err instanceof errors.SessionNotFound) {
      sendHtml(res, 400, renderMessagePage({
        realm: options.realm,
        title: 'Phiên đăng nhập đã hết hạn · Login session expired',
        message: 'Vui lòng quay lại ứng dụng và đăng nhập lại. (Please go back to the application and sign in again.)',
      }));
      return;
    }
    throw err;
  }
  if (details.uid !== uid) {
    sendHtml(res, 400, renderMessagePage({ realm: options.realm, title: 'Yêu cầu không hợp lệ · Invalid request', message: 'Liên kết đăng nhập không khớp. (Login link mismatch.)' }));
    return;
  }

  const clientId = typeof details.params.client_id === 'string' ? details.params.client_id : undefined;
  const base = `${prefix}/login-actions/${uid}`;

  if (details.prompt.name === 'consent') {
    // Only reached if the grant could not be prepared up front: grant what is missing, like Keycloak without consent.
    const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined)
      ?? new provider.Grant({ accountId: details.session?.accountId, clientId });
    const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
    if (missing.missingOIDCScope?.length) grant.addOIDCScope(missing.missingOIDCScope);
    if (missing.missingOIDCClaims?.length) grant.addOIDCClaims(missing.missingOIDCClaims);
    for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes);
    const grantId = await grant.save();
    await provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    return;
  }
  if (details.prompt.name !== 'login') {
    sendHtml(res, 400, renderMessagePage({ realm: options.realm, title: 'Yêu cầu không hợp lệ · Invalid request', message: `Unsupported prompt ${details.prompt.name}` }));
    return;
  }

  const requiredLevel = requestedLevel(details.params['acr_values']);
  const sessionAccount = details.session?.accountId ? options.accounts.find((account) => account.sub === details.session?.accountId) : undefined;
  const loginPage = (extra: { error?: string; username?: string } = {}) => renderLoginPage({
    realm: options.realm,
    action: `${base}/login`,
    vneidAction: `${base}/vneid`,
    abortAction: `${base}/abort`,
    ...(clientId ? { clientId } : {}),
    demoUsernames: options.accounts.map((account) => account.username),
    requiredLevel,
    ...(sessionAccount ? { username: sessionAccount.username } : {}),
    ...extra,
  });

  if (!action) {
    sendHtml(res, 200, loginPage());
    return;
  }

  const form = await readUrlencodedBody(req, LOGIN_BODY_LIMIT_BYTES);
  if (!form) {
    sendHtml(res, 400, loginPage({ error: 'Yêu cầu không hợp lệ. (Invalid request.)' }));
    return;
  }

  if (action === 'abort') {
    // The client gets an error response (RFC 6749 §4.1.2.1; OpenID Connect Core §3.1.2.6 for the acr case).
    const result = form.get('reason') === 'unmet'
      ? { error: 'unmet_authentication_requirements', error_description: 'VNeID level 2 is required; the account is verified at level 1 only' }
      : { error: 'access_denied', error_description: 'the user cancelled the sign-in' };
    logger.info({ clientId, error: result.error }, 'embedded identity provider: sign-in abandoned');
    await provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
    return;
  }

  const username = (form.get('username') ?? '').trim();
  const password = form.get('password') ?? '';
  if (action === 'login' && requiredLevel >= 2) {
    // A realm-local login is LoA 1: it can never satisfy a level-2 request.
    sendHtml(res, 400, loginPage({ username, error: `${STEP_UP_MESSAGE}: hãy đăng nhập bằng VNeID. (Level 2 needs the VNeID sign-in.)` }));
    return;
  }
  const account = checkCredentials(options.accounts, username, password);
  if (!account) {
    logger.warn({ username, clientId, method: action }, 'embedded identity provider: login failed');
    sendHtml(res, 401, loginPage({ username, error: 'Tên đăng nhập hoặc mật khẩu không đúng. (Invalid username or password.)' }));
    return;
  }
  if (sessionAccount && requiredLevel >= 2 && account.sub !== sessionAccount.sub) {
    // Step-up re-authenticates the signed-in person; it does not switch accounts.
    sendHtml(res, 403, loginPage({ username: sessionAccount.username, error: 'Tài khoản VNeID không khớp với người đang đăng nhập. (The VNeID account does not match the signed-in user.)' }));
    return;
  }

  // Keycloak brokering VNeID: a realm-local login is LoA 1; the VNeID broker maps the account's verified level.
  const level: VneidLevel = action === 'vneid' ? account.level : 1;
  if (level < requiredLevel) {
    logger.info({ sub: account.sub, clientId, requiredLevel }, 'embedded identity provider: VNeID level too low for the request');
    sendHtml(res, 403, renderMessagePage({
      realm: options.realm,
      title: 'Chưa đạt định danh mức 2 · Level 2 not reached',
      message: 'Tài khoản VNeID này mới được định danh mức 1 nên không thể xác thực mức 2. Hãy nâng cấp lên định danh mức 2 (tại công an cấp xã) rồi thử lại. '
        + '(This VNeID account is verified at level 1 only, so it cannot reach level 2.)',
      extraHtml: `<form method="post" action="${escapeHtml(`${base}/abort`)}"><input type="hidden" name="reason" value="unmet"><button type="submit">Quay lại ứng dụng <span class="en" style="color:#fee2e2">Back to the application</span></button></form>`,
    }));
    return;
  }

  logger.info({ sub: account.sub, clientId, method: action, acr: String(level) }, 'embedded identity provider: login');
  await provider.interactionFinished(
    req,
    res,
    { login: { accountId: account.sub, acr: String(level), amr: action === 'vneid' ? ['vneid'] : ['pwd'] } },
    { mergeWithLastSubmission: false },
  );
}

/**
 * The lowest VNeID level among the requested `acr_values` ("1", "2"); 0 when none is requested.
 * Like Keycloak's ACR-to-LoA mapping, a higher level satisfies a lower request.
 */
export function requestedLevel(acrValues: unknown): number {
  if (typeof acrValues !== 'string') return 0;
  const levels = acrValues.split(' ').filter((value) => value === '1' || value === '2').map(Number);
  return levels.length ? Math.min(...levels) : 0;
}

/** Constant-time check of username and password (compares digests, and a dummy for unknown users). */
function checkCredentials(accounts: readonly DemoAccount[], username: string, password: string): DemoAccount | undefined {
  const given = digest(password);
  let found: DemoAccount | undefined;
  for (const account of accounts) {
    const userMatches = timingSafeEqual(digest(account.username), digest(username));
    const passwordMatches = timingSafeEqual(digest(account.password), given);
    if (userMatches && passwordMatches) found = account;
  }
  return found;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** Read an application/x-www-form-urlencoded body; undefined when it is not one or exceeds `limit`. */
async function readUrlencodedBody(req: IncomingMessage, limit: number): Promise<URLSearchParams | undefined> {
  const type = (req.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded') {
    req.resume();
    return undefined;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      req.resume();
      return undefined;
    }
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

// ---------------------------------------------------------------------------------------------------
// Userinfo: oidc-provider refuses access tokens that carry an audience (and cannot find JWT access
// tokens, which it does not store), so it would refuse every token we issue. Keycloak accepts them.

async function handleUserinfo(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: { issuer: string; publicKeys: ReturnType<typeof createLocalJWKSet>; accounts: readonly DemoAccount[] },
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'POST') {
    sendJson(res, 405, { error: 'invalid_request' });
    return;
  }
  req.resume();
  const authorization = req.headers.authorization ?? '';
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/i.exec(authorization);
  const unauthorized = (error: string, description: string) => {
    res.setHeader('www-authenticate', `Bearer realm="userinfo", error="${error}", error_description="${description}"`);
    sendJson(res, 401, { error, error_description: description });
  };
  if (!match?.[1]) {
    unauthorized('invalid_request', 'missing bearer token');
    return;
  }
  let payload;
  try {
    ({ payload } = await jwtVerify(match[1], ctx.publicKeys, { issuer: ctx.issuer, audience: API_AUDIENCE, algorithms: ['RS256'] }));
  } catch {
    unauthorized('invalid_token', 'invalid access token');
    return;
  }
  const account = ctx.accounts.find((candidate) => candidate.sub === payload.sub);
  if (!account) {
    unauthorized('invalid_token', 'token is not for a user');
    return;
  }
  const scopes = new Set(typeof payload.scope === 'string' ? payload.scope.split(' ') : []);
  const claims = (toOidcAccount(account).claims('userinfo', [...scopes].join(' '), {}, []) as Record<string, unknown>);
  const released: Record<string, unknown> = { sub: account.sub };
  for (const [scope, names] of Object.entries(OIDC_CLAIMS)) {
    if (!scopes.has(scope)) continue;
    for (const name of names) if (claims[name] !== undefined) released[name] = claims[name];
  }
  res.setHeader('cache-control', 'no-store');
  sendJson(res, 200, released);
}

// ---------------------------------------------------------------------------------------------------
// Signing keys

async function loadOrCreateSigningKeys(keysFile: string | undefined, logger: Logger): Promise<JWK[]> {
  if (keysFile) {
    const existing = await readKeysFile(keysFile);
    if (existing) return existing;
  }
  const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  const key = { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' } as JWK;
  if (!keysFile) return [key];

  await mkdir(dirname(keysFile), { recursive: true });
  try {
    await writeFile(keysFile, `${JSON.stringify({ keys: [key] }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    logger.info({ keysFile, kid: key.kid }, 'embedded identity provider: generated signing key');
    return [key];
  } catch (err) {
    // Another process wrote it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      const written = await readKeysFile(keysFile);
      if (written) return written;
    }
    throw err;
  }
}

async function readKeysFile(keysFile: string): Promise<JWK[] | undefined> {
  let text: string;
  try {
    text = await readFile(keysFile, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const parsed = JSON.parse(text) as { keys?: unknown };
  if (!Array.isArray(parsed.keys) || parsed.keys.length === 0) throw new Error(`${keysFile}: expected a JWKS with at least one key`);
  const keys = parsed.keys as JWK[];
  for (const key of keys) {
    if (key.kty !== 'RSA' || typeof key.d !== 'string') throw new Error(`${keysFile}: expected RSA private keys (JWK with "d")`);
  }
  return Promise.all(keys.map(async (key) => ({
    ...key,
    kid: key.kid ?? (await calculateJwkThumbprint(key as JoseJwk)),
    alg: key.alg ?? 'RS256',
    use: key.use ?? 'sig',
  })));
}

function publicJwk(key: JWK): JoseJwk {
  const { kty, n, e, kid, alg, use } = key;
  return { kty, n, e, kid, alg, use } as JoseJwk;
}

// ---------------------------------------------------------------------------------------------------
// In-memory storage (instead of oidc-provider's development adapter, which is process-global and warns)

function createMemoryAdapterFactory(): AdapterFactory {
  const entries = new Map<string, { payload: AdapterPayload; expiresAt: number }>();
  const byUid = new Map<string, string>();
  const byUserCode = new Map<string, string>();
  const byGrant = new Map<string, Set<string>>();
  let writes = 0;

  const live = (key: string | undefined): AdapterPayload | undefined => {
    if (key === undefined) return undefined;
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry.payload;
  };
  const sweep = () => {
    const now = Date.now();
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key);
    for (const index of [byUid, byUserCode]) for (const [k, key] of index) if (!entries.has(key)) index.delete(k);
    for (const [grantId, keys] of byGrant) {
      for (const key of keys) if (!entries.has(key)) keys.delete(key);
      if (keys.size === 0) byGrant.delete(grantId);
    }
  };

  return (model: string): Adapter => {
    const keyFor = (id: string) => `${model}:${id}`;
    return {
      async upsert(id, payload, expiresIn) {
        const key = keyFor(id);
        const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY;
        entries.set(key, { payload, expiresAt });
        if (model === 'Session' && payload.uid) byUid.set(payload.uid, key);
        if (payload.userCode) byUserCode.set(payload.userCode, key);
        if (payload.grantId) {
          const keys = byGrant.get(payload.grantId) ?? new Set<string>();
          keys.add(key);
          byGrant.set(payload.grantId, keys);
        }
        if (++writes % 500 === 0) sweep();
      },
      async find(id) {
        return live(keyFor(id));
      },
      async findByUid(uid) {
        return live(byUid.get(uid));
      },
      async findByUserCode(userCode) {
        return live(byUserCode.get(userCode));
      },
      async consume(id) {
        const payload = live(keyFor(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        entries.delete(keyFor(id));
      },
      async revokeByGrantId(grantId) {
        for (const key of byGrant.get(grantId) ?? []) entries.delete(key);
        byGrant.delete(grantId);
      },
    };
  };
}

// ---------------------------------------------------------------------------------------------------
// HTTP helpers

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { ...HTML_SECURITY_HEADERS, 'content-length': Buffer.byteLength(html) });
  res.end(html);
}
