// The userinfo endpoint of the embedded identity provider, served here rather than by oidc-provider:
// oidc-provider refuses access tokens that carry an audience (and cannot find JWT access tokens, which
// it does not store), so it would refuse every token we issue. Keycloak accepts them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { jwtVerify } from 'jose';
import type { createLocalJWKSet } from 'jose';
import { API_AUDIENCE } from '../demo-realm.ts';
import type { DemoAccount } from '../demo-realm.ts';
import { OIDC_CLAIMS, toOidcAccount } from './claims.ts';
import { sendJson } from './http.ts';

/** Answer a userinfo request: the claims of the token's scopes, for a valid API access token of a user. */
export async function handleUserinfo(
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
  const claims = toOidcAccount(account).claims('userinfo', [...scopes].join(' '), {}, []) as Record<string, unknown>;
  const released: Record<string, unknown> = { sub: account.sub };
  for (const [scope, names] of Object.entries(OIDC_CLAIMS)) {
    if (!scopes.has(scope)) continue;
    for (const name of names) if (claims[name] !== undefined) released[name] = claims[name];
  }
  res.setHeader('cache-control', 'no-store');
  sendJson(res, 200, released);
}
