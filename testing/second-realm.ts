// A second OpenID provider for tests, configured independently of the embedded realm (auth/embedded-idp/):
// plain oidc-provider with its own endpoint layout (`/auth`, `/token`, `/jwks`, `/session/end`), a consent
// screen, confidential clients only (client_secret_basic, client_secret_post, private_key_jwt), ES256
// keys, and access tokens that are not Keycloak-shaped — the VNeID level in `vneid_loa`
// ("substantial"/"high"), the roles in `groups`. It shows that the portals and the gateway work against
// any realm through configuration alone (web/portal/config.ts, the gateway's OIDC_*_CLAIM keys).
//
//   const realm = await startSecondRealm({ clients: [...], accounts: [...] });
//   // realm.issuer, realm.jwksUrl, realm.gatewayEnv(...) ; await realm.close()
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import type { ClientMetadata, Configuration, KoaContextWithOIDC } from 'oidc-provider';
import { API_AUDIENCE } from '../auth/demo-realm.ts';

/** The API's resource indicator at this realm (its access tokens' `aud` is API_AUDIENCE, as the gateway expects). */
const API_RESOURCE = 'urn:second-realm:lien-thong-api';
const API_SCOPES = ['feedback:read', 'feedback:write', 'notification:read', 'dossier:read'];

/** A person of the second realm; `level` is what its `vneid_loa` claim says. */
export interface SecondRealmAccount {
  readonly sub: string;
  readonly username: string;
  readonly name: string;
  readonly level: 'substantial' | 'high';
  readonly groups: readonly string[];
}

/** A confidential client of the second realm (a portal). */
export interface SecondRealmClient {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly postLogoutRedirectUri: string;
  readonly backchannelLogoutUri: string;
  /** client_secret_basic / client_secret_post with `secret`, or private_key_jwt with the public `jwk`. */
  readonly auth: { readonly method: 'client_secret_basic' | 'client_secret_post'; readonly secret: string } | { readonly method: 'private_key_jwt'; readonly jwk: Record<string, unknown> };
}

export interface SecondRealm {
  readonly issuer: string;
  readonly jwksUrl: string;
  /** The gateway's environment for this realm: issuer, keys, the claim mapping, and the portals' logout tokens. */
  gatewayEnv(logoutClients: readonly string[]): Record<string, string>;
  close(): Promise<void>;
}

/** A new ES256 key pair as JWKs (the private one with `kid`), e.g. for a private_key_jwt client. */
export async function es256KeyPair(): Promise<{ privateJwk: Record<string, unknown>; publicJwk: Record<string, unknown> }> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const kid = randomUUID();
  return { privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' }, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

/** Start the second realm on a free loopback port. */
export async function startSecondRealm(options: { clients: readonly SecondRealmClient[]; accounts: readonly SecondRealmAccount[] }): Promise<SecondRealm> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const accounts = new Map(options.accounts.map((account) => [account.sub, account]));
  const signing = await es256KeyPair();

  const clients: ClientMetadata[] = options.clients.map((client) => ({
    client_id: client.clientId,
    ...(client.auth.method === 'private_key_jwt'
      ? { token_endpoint_auth_method: 'private_key_jwt', token_endpoint_auth_signing_alg: 'ES256', jwks: { keys: [client.auth.jwk] } }
      : { token_endpoint_auth_method: client.auth.method, client_secret: client.auth.secret }),
    redirect_uris: [client.redirectUri],
    post_logout_redirect_uris: [client.postLogoutRedirectUri],
    backchannel_logout_uri: client.backchannelLogoutUri,
    backchannel_logout_session_required: true,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    id_token_signed_response_alg: 'ES256',
    scope: ['openid', 'profile', 'offline_access', ...API_SCOPES].join(' '),
  }));

  const configuration: Configuration = {
    clients,
    jwks: { keys: [signing.privateJwk] },
    cookies: { keys: [randomBytes(32).toString('base64url')], names: { session: '_second_session', interaction: '_second_interaction', resume: '_second_resume' } },
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'] },
    scopes: ['openid', 'profile', 'offline_access', ...API_SCOPES],
    pkce: { required: () => true },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      backchannelLogout: { enabled: true },
      rpInitiatedLogout: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => API_RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async () => ({ scope: API_SCOPES.join(' '), audience: API_AUDIENCE, accessTokenFormat: 'jwt', accessTokenTTL: 300, jwt: { sign: { alg: 'ES256' } } }),
      },
    },
    // Not Keycloak's shape: the level and the roles in claims of this realm's own.
    extraTokenClaims: async (_ctx: KoaContextWithOIDC, token) => {
      if (token.kind !== 'AccessToken') return undefined;
      const account = accounts.get(token.accountId);
      return account ? { vneid_loa: account.level, groups: [...account.groups], ...(token.sid ? { sid: token.sid } : {}) } : undefined;
    },
    findAccount: async (_ctx, sub) => {
      const account = accounts.get(sub);
      return account ? { accountId: sub, claims: () => ({ sub, name: account.name, preferred_username: account.username }) } : undefined;
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    // Back-channel logout to the portals on 127.0.0.1: oidc-provider's SSRF guard refuses loopback.
    fetch: (url, init) => {
      const { dispatcher: _ignored, ...rest } = init as RequestInit & { dispatcher?: unknown };
      return globalThis.fetch(url, rest);
    },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/interaction\/([\w-]+)(\/(login|consent))?$/.exec(new URL(req.url ?? '/', issuer).pathname);
    if (!match) return void callback(req, res);
    interaction(provider, accounts, req, res, match[3]).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });

  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    gatewayEnv: (logoutClients) => ({
      OIDC_ISSUER: issuer,
      OIDC_JWKS_URL: `${issuer}/jwks`,
      OIDC_LOGOUT_CLIENTS: logoutClients.join(','),
      OIDC_LEVEL_CLAIM: 'vneid_loa',
      OIDC_LEVEL_VALUES: 'substantial=1,high=2',
      OIDC_ROLE_CLAIMS: 'groups',
    }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The login form (a username: this realm trusts its test users) and the consent form. */
async function interaction(provider: Provider, accounts: ReadonlyMap<string, SecondRealmAccount>, req: IncomingMessage, res: ServerResponse, action: string | undefined): Promise<void> {
  const details = await provider.interactionDetails(req, res);
  if (req.method === 'GET') {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end(
      details.prompt.name === 'login'
        ? `<!doctype html><title>Second realm</title><form id="login" method="post" action="/interaction/${details.uid}/login"><label>Username <input name="username"></label><button>Sign in</button></form>`
        : `<!doctype html><title>Second realm</title><form id="consent" method="post" action="/interaction/${details.uid}/consent"><button>Allow</button></form>`,
    );
    return;
  }
  const body = new URLSearchParams(
    await new Promise<string>((resolve) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      req.on('end', () => resolve(text));
    }),
  );
  if (action === 'login') {
    const account = [...accounts.values()].find((candidate) => candidate.username === body.get('username'));
    if (!account) return void (await provider.interactionFinished(req, res, { error: 'access_denied' }));
    return void (await provider.interactionFinished(req, res, { login: { accountId: account.sub } }, { mergeWithLastSubmission: false }));
  }
  // Consent: grant what the request asks for.
  const grant =
    (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ?? new provider.Grant({ accountId: details.session?.accountId ?? '', clientId: String(details.params['client_id']) });
  const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
  if (missing.missingOIDCScope?.length) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims?.length) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
  await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
}
