// Accounts and claims of the embedded identity provider: which claims each OIDC scope releases, the
// Keycloak-shaped access-token claims (realm and client roles, the sign-in's VNeID level as acr), the
// requested VNeID level of an authorization request, and the constant-time password check.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Account, AccessToken, ClientCredentials, KoaContextWithOIDC } from 'oidc-provider';
import type { DemoAccount } from '../demo-realm.ts';
import type { EmbeddedIdpClient } from './options.ts';

/** Scopes that are OIDC scopes (not API scopes): the claims each one releases. */
export const OIDC_CLAIMS = {
  // acr and auth_time always go in the ID token, as with Keycloak (oidc-provider: only when requested).
  openid: ['sub', 'acr', 'auth_time'],
  profile: ['name', 'given_name', 'family_name', 'preferred_username'],
  email: ['email', 'email_verified'],
  phone: ['phone_number', 'phone_number_verified'],
} as const;
/** The OIDC scopes (with offline_access): everything else a client asks for is an API scope. */
export const OIDC_SCOPES: ReadonlySet<string> = new Set([...Object.keys(OIDC_CLAIMS), 'offline_access']);

/** The realm's accounts and clients, looked up by subject and by client id. */
export interface RealmDirectory {
  readonly accountsBySub: ReadonlyMap<string, DemoAccount>;
  readonly clientsById: ReadonlyMap<string, EmbeddedIdpClient>;
}

/** The claims Keycloak puts in an access token: a user's realm roles and acr, or a service account's client roles. */
export function keycloakClaims(ctx: KoaContextWithOIDC, token: AccessToken | ClientCredentials, realm: RealmDirectory): Record<string, unknown> {
  const { accountsBySub, clientsById } = realm;
  const clientId = token.clientId ?? token.client?.clientId ?? '';
  if (token.kind === 'ClientCredentials') {
    const agencyCodes = clientsById.get(clientId)?.serviceAccountAgencyCodes;
    return {
      ...(agencyCodes?.length ? { agency_codes: [...agencyCodes] } : {}),
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

/** An account as oidc-provider sees it (ID token and userinfo claims). */
export function toOidcAccount(account: DemoAccount): Account {
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

/**
 * The lowest VNeID level among the requested `acr_values` ("1", "2"); 0 when none is requested.
 * Like Keycloak's ACR-to-LoA mapping, a higher level satisfies a lower request.
 */
export function requestedLevel(acrValues: unknown): number {
  if (typeof acrValues !== 'string') return 0;
  const levels = acrValues
    .split(' ')
    .filter((value) => value === '1' || value === '2')
    .map(Number);
  return levels.length ? Math.min(...levels) : 0;
}

/** Constant-time check of username and password (compares digests, and a dummy for unknown users). */
export function checkCredentials(accounts: readonly DemoAccount[], username: string, password: string): DemoAccount | undefined {
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
