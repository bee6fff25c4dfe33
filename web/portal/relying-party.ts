// The portal as an OIDC relying party of the realm (openid-client 6): discovery, authorization code
// with PKCE (S256), state and nonce, refresh, and RP-initiated logout; a public client or a confidential
// one (client_secret_basic, client_secret_post, private_key_jwt). Works with the embedded provider, with
// Keycloak and with any other OpenID provider that publishes its discovery document.
import { importJWK } from 'jose';
import type { JWK } from 'jose';
import {
  AuthorizationResponseError,
  ClientSecretBasic,
  ClientSecretPost,
  None,
  PrivateKeyJwt,
  ResponseBodyError,
  allowInsecureRequests,
  authorizationCodeGrant,
  buildAuthorizationUrl,
  buildEndSessionUrl,
  calculatePKCECodeChallenge,
  discovery,
  randomNonce,
  randomPKCECodeVerifier,
  randomState,
  refreshTokenGrant,
} from 'openid-client';
import type { ClientAuth, Configuration, TokenEndpointResponse, TokenEndpointResponseHelpers } from 'openid-client';
import type { ClientAuthentication } from './options.ts';
import type { PendingLogin, SignedInUser } from './session-store.ts';

export interface RelyingPartyOptions {
  readonly issuer: string;
  readonly clientId: string;
  /** Registered in the realm (default `<portal>/auth/callback`). */
  readonly redirectUri: string;
  /** How the portal authenticates at the token endpoint. */
  readonly clientAuth: ClientAuthentication;
  /** Scopes to ask for (OIDC and API scopes). */
  readonly scope: string;
  /** Plain-http issuer on loopback, outside production (openid-client refuses http otherwise). */
  readonly allowInsecure: boolean;
}

/** An authorization request to send the browser to, and what to remember until the callback. */
export interface AuthorizationStart {
  readonly url: URL;
  readonly state: string;
  readonly pending: PendingLogin;
}

/** The realm answered the authorization request with an error (RFC 6749 §4.1.2.1). */
export class AuthorizationDenied extends Error {
  override readonly name = 'AuthorizationDenied';
  readonly error: string;
  constructor(error: string, description: string | undefined) {
    super(description ? `${error}: ${description}` : error);
    this.error = error;
  }
}

/** The realm refused the refresh token (expired, revoked, session ended): the portal session is over. */
export class RefreshRefused extends Error {
  override readonly name = 'RefreshRefused';
}

export interface RelyingParty {
  /** Discovery result (cached; retried on the next call after a failure). */
  configuration(): Promise<Configuration>;
  /** The realm's JWKS URL and issuer, for verifying logout tokens. */
  jwksUrl(): Promise<string>;
  startAuthorization(input: { returnTo: string; acr?: string; silent: boolean }): Promise<AuthorizationStart>;
  /** Exchange the code in `callbackUrl` (state already matched to `pending`); throws AuthorizationDenied on an error response. */
  finishAuthorization(callbackUrl: URL, state: string, pending: PendingLogin): Promise<SignedInUser>;
  /** New tokens for `user` from its refresh token; RefreshRefused when the realm says no (other errors: try later). */
  refresh(user: SignedInUser): Promise<SignedInUser>;
  /** The realm's end-session URL (RP-initiated logout) for `idToken`. */
  endSessionUrl(idToken: string, postLogoutRedirectUri: string): Promise<URL>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether plain http to `issuer` may be allowed: loopback only, never in production. */
export function insecureIssuerAllowed(issuer: string, production: boolean): boolean {
  const url = URL.parse(issuer);
  return !production && url?.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

/** The default signature algorithm of a private JWK without `alg`: what every provider supports for its key type. */
function signingAlgorithm(jwk: Readonly<Record<string, unknown>>): string {
  if (typeof jwk['alg'] === 'string') return jwk['alg'];
  if (jwk['kty'] === 'EC') return jwk['crv'] === 'P-384' ? 'ES384' : jwk['crv'] === 'P-521' ? 'ES512' : 'ES256';
  if (jwk['kty'] === 'OKP') return 'Ed25519';
  return 'RS256';
}

/** openid-client's client authentication for a configured method (the private key imported once). */
async function clientAuthentication(auth: ClientAuthentication): Promise<ClientAuth> {
  switch (auth.method) {
    case 'none':
      return None();
    case 'client_secret_basic':
      return ClientSecretBasic(auth.secret);
    case 'client_secret_post':
      return ClientSecretPost(auth.secret);
    case 'private_key_jwt': {
      const key = await importJWK(auth.privateJwk as JWK, signingAlgorithm(auth.privateJwk));
      if (key instanceof Uint8Array) throw new Error('private_key_jwt needs an asymmetric private key');
      const kid = typeof auth.privateJwk['kid'] === 'string' ? auth.privateJwk['kid'] : undefined;
      return PrivateKeyJwt(kid ? { key, kid } : key);
    }
  }
}

/** Create the relying party; nothing is fetched until the first call (the realm may start later). */
export function createRelyingParty(options: RelyingPartyOptions): RelyingParty {
  let discovered: Promise<Configuration> | undefined;
  const configuration = (): Promise<Configuration> => {
    discovered ??= clientAuthentication(options.clientAuth)
      .then((auth) =>
        discovery(new URL(options.issuer), options.clientId, undefined, auth, {
          ...(options.allowInsecure ? { execute: [allowInsecureRequests] } : {}),
          timeout: 10,
        }),
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };

  const toUser = (tokens: TokenEndpointResponse & TokenEndpointResponseHelpers, previous?: SignedInUser): SignedInUser => {
    const claims = tokens.claims();
    const idToken = tokens.id_token ?? previous?.idToken;
    const sub = claims?.sub ?? previous?.sub;
    if (!idToken || !sub) throw new Error('the token response has no ID token');
    const expiresIn = tokens.expiresIn() ?? 60;
    const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);
    const name = text(claims?.['name']) ?? previous?.name;
    const username = text(claims?.['preferred_username']) ?? previous?.username;
    const sid = text(claims?.['sid']) ?? previous?.sid;
    const refreshToken = tokens.refresh_token ?? previous?.refreshToken;
    return {
      sub,
      acr: text(claims?.acr) ?? previous?.acr ?? '1',
      idToken,
      accessToken: tokens.access_token,
      accessTokenExpiresAt: Date.now() + expiresIn * 1000,
      ...(name ? { name } : {}),
      ...(username ? { username } : {}),
      ...(sid ? { sid } : {}),
      ...(refreshToken ? { refreshToken } : {}),
    };
  };

  return {
    configuration,
    async jwksUrl() {
      const uri = (await configuration()).serverMetadata().jwks_uri;
      if (!uri) throw new Error('the realm publishes no jwks_uri');
      return uri;
    },
    async startAuthorization({ returnTo, acr, silent }) {
      const config = await configuration();
      const codeVerifier = randomPKCECodeVerifier();
      const state = randomState();
      const nonce = randomNonce();
      const url = buildAuthorizationUrl(config, {
        redirect_uri: options.redirectUri,
        scope: options.scope,
        code_challenge: await calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
        ...(acr ? { acr_values: acr } : {}),
        ...(silent ? { prompt: 'none' } : {}),
      });
      return { url, state, pending: { codeVerifier, nonce, returnTo, silent, createdAt: Date.now(), ...(acr ? { acr } : {}) } };
    },
    async finishAuthorization(callbackUrl, state, pending) {
      const config = await configuration();
      try {
        const tokens = await authorizationCodeGrant(config, callbackUrl, {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        });
        return toUser(tokens);
      } catch (error) {
        if (error instanceof AuthorizationResponseError) throw new AuthorizationDenied(error.error, error.error_description);
        throw error;
      }
    },
    async refresh(user) {
      if (!user.refreshToken) throw new RefreshRefused('no refresh token');
      try {
        const tokens = await refreshTokenGrant(await configuration(), user.refreshToken);
        return toUser(tokens, user);
      } catch (error) {
        if (error instanceof ResponseBodyError) throw new RefreshRefused(error.error);
        throw error;
      }
    },
    async endSessionUrl(idToken, postLogoutRedirectUri) {
      return buildEndSessionUrl(await configuration(), { id_token_hint: idToken, post_logout_redirect_uri: postLogoutRedirectUri });
    },
  };
}
