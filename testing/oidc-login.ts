// Log in to the identity provider the way a portal does (authorization code + PKCE), driving the
// login form with fetch instead of a browser; and get client_credentials tokens. The form driving fits
// the embedded identity provider's login page (auth/embedded-idp/), not Keycloak's.

import {
  ClientSecretPost,
  None,
  allowInsecureRequests,
  authorizationCodeGrant,
  buildAuthorizationUrl,
  calculatePKCECodeChallenge,
  clientCredentialsGrant,
  discovery,
  randomPKCECodeVerifier,
  randomState,
} from 'openid-client';

/** Cookies by name, shared across the requests of one user agent. */
export type CookieJar = Map<string, string>;

export interface LoginOptions {
  issuer: string;
  clientId: string;
  redirectUri: string;
  username: string;
  password: string;
  scope?: string;
  /** Reuse a user agent's cookies (single sign-on, logout); a fresh jar when absent. */
  cookieJar?: CookieJar;
  /** Which form to use: the realm's username/password (acr "1") or the simulated VNeID broker (acr = the account's level). */
  method?: 'password' | 'vneid';
  /** `acr_values` of the authorization request, e.g. "2" to ask for VNeID level 2 (step-up). */
  acrValues?: string;
}

const MAX_REDIRECTS = 10;

export async function loginWithPkce(opts: LoginOptions): Promise<{ accessToken: string; idToken?: string; refreshToken?: string }> {
  const config = await discovery(new URL(opts.issuer), opts.clientId, undefined, None(), { execute: [allowInsecureRequests] });
  const jar = opts.cookieJar ?? new Map<string, string>();
  const codeVerifier = randomPKCECodeVerifier();
  const state = randomState();
  const authorizationUrl = buildAuthorizationUrl(config, {
    redirect_uri: opts.redirectUri,
    scope: opts.scope ?? 'openid profile',
    code_challenge: await calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    ...(opts.acrValues ? { acr_values: opts.acrValues } : {}),
  });

  // Follow redirects until either a login form is shown or the redirect_uri is reached (single sign-on).
  let response = await followRedirects(authorizationUrl.href, { method: 'GET' }, jar, opts.redirectUri);
  if (response.callback === undefined) {
    const page = response.response;
    if (page.status !== 200) {
      throw new Error(`login failed: expected the login page, got HTTP ${page.status}: ${(await page.text()).slice(0, 300)}`);
    }
    const html = await page.text();
    // The password form posts to .../login, the simulated VNeID broker to .../vneid.
    const wanted = opts.method === 'vneid' ? '/vneid' : '/login';
    const action = [...html.matchAll(/<form[^>]*\baction="([^"]+)"/gi)].map((m) => m[1] ?? '').find((candidate) => candidate.endsWith(wanted));
    if (!action) throw new Error(`login failed: no ${opts.method ?? 'password'} form on the login page`);
    const formUrl = new URL(decodeEntities(action), page.url).href;
    response = await followRedirects(
      formUrl,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ username: opts.username, password: opts.password }).toString(),
      },
      jar,
      opts.redirectUri,
    );
    if (response.callback === undefined) {
      const status = response.response.status;
      const body = await response.response.text();
      const message = /class="error"[^>]*>([^<]*)</.exec(body)?.[1] ?? /<main>\s*<h1>[^<]*<\/h1>\s*<p>([^<]*)</.exec(body)?.[1];
      throw new Error(`login failed for ${opts.username}: HTTP ${status}${message ? `: ${decodeEntities(message)}` : ''}`);
    }
  }

  const callback = response.callback;
  const error = callback.searchParams.get('error');
  if (error) {
    throw new Error(`login failed: ${error}: ${callback.searchParams.get('error_description') ?? ''}`);
  }
  const tokens = await authorizationCodeGrant(config, callback, { pkceCodeVerifier: codeVerifier, expectedState: state });
  return {
    accessToken: tokens.access_token,
    ...(tokens.id_token ? { idToken: tokens.id_token } : {}),
    ...(tokens.refresh_token ? { refreshToken: tokens.refresh_token } : {}),
  };
}

export async function clientCredentialsToken(opts: { issuer: string; clientId: string; clientSecret: string; scope?: string }): Promise<string> {
  const config = await discovery(new URL(opts.issuer), opts.clientId, undefined, ClientSecretPost(opts.clientSecret), {
    execute: [allowInsecureRequests],
  });
  const tokens = await clientCredentialsGrant(config, opts.scope ? { scope: opts.scope } : {});
  return tokens.access_token;
}

/**
 * Request `url` and follow redirects (with cookies) until a response that is not a redirect, or until
 * a redirect to `redirectUri`, which is captured and not requested.
 */
export async function followRedirects(
  url: string,
  init: RequestInit,
  jar: CookieJar,
  redirectUri: string,
): Promise<{ callback: URL; response?: undefined } | { callback?: undefined; response: Response }> {
  let current = url;
  let request = init;
  for (let i = 0; i <= MAX_REDIRECTS; i++) {
    const response = await fetch(current, { ...request, redirect: 'manual', headers: withCookies(request.headers, jar) });
    storeCookies(response, jar);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) {
      return { response };
    }
    await response.body?.cancel();
    const next = new URL(location, current);
    if (isRedirectUri(next, redirectUri)) return { callback: next };
    current = next.href;
    request = { method: 'GET' };
  }
  throw new Error(`too many redirects from ${url}`);
}

function isRedirectUri(candidate: URL, redirectUri: string): boolean {
  const expected = new URL(redirectUri);
  return candidate.origin === expected.origin && candidate.pathname === expected.pathname;
}

function withCookies(headers: RequestInit['headers'], jar: CookieJar): Headers {
  const result = new Headers(headers);
  if (jar.size > 0) {
    result.set('cookie', [...jar].map(([name, value]) => `${name}=${value}`).join('; '));
  }
  return result;
}

/** Store `set-cookie` headers in the jar (paths and domains ignored: one host per test). */
export function storeCookies(response: Response, jar: CookieJar): void {
  for (const header of response.headers.getSetCookie()) {
    const [pair = '', ...attributes] = header.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const expired = attributes.some((attribute) => {
      const [key = '', attributeValue = ''] = attribute.split('=');
      const k = key.trim().toLowerCase();
      return (k === 'max-age' && Number(attributeValue) <= 0) || (k === 'expires' && Date.parse(attributeValue) <= Date.now());
    });
    if (expired || value === '') jar.delete(name);
    else jar.set(name, value);
  }
}

function decodeEntities(value: string): string {
  return value.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&amp;', '&');
}
