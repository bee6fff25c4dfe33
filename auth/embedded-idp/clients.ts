// The client registry of the embedded identity provider: realm clients as oidc-provider metadata,
// the API scopes each client may receive, who may introspect or revoke which token, and publicClient
// for tests that need their own redirect URI.
import { errors } from 'oidc-provider';
import type { Client, ClientMetadata, KoaContextWithOIDC } from 'oidc-provider';
import { AGENCY_SCOPES, API_SCOPES } from '../demo-realm.ts';
import { OIDC_SCOPES } from './claims.ts';
import type { EmbeddedIdpClient } from './options.ts';

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

const API_SCOPE_SET: ReadonlySet<string> = new Set([...API_SCOPES, ...AGENCY_SCOPES]);

/** API scopes a client may receive (Keycloak: the client's assigned client scopes). */
export function apiScopesOf(clientsById: ReadonlyMap<string, EmbeddedIdpClient>, clientId: string): string[] {
  return (clientsById.get(clientId)?.scopes ?? []).filter((scope) => API_SCOPE_SET.has(scope));
}

/** A realm client as oidc-provider's client metadata. */
export function toClientMetadata(client: EmbeddedIdpClient): ClientMetadata {
  const authorizationCode = client.grantTypes.includes('authorization_code');
  const staticScopes = client.scopes.filter((scope) => OIDC_SCOPES.has(scope));
  return {
    client_id: client.clientId,
    ...(client.clientSecret ? { client_secret: client.clientSecret, token_endpoint_auth_method: 'client_secret_basic' } : { token_endpoint_auth_method: 'none' }),
    grant_types: [...client.grantTypes],
    response_types: authorizationCode ? ['code'] : [],
    redirect_uris: [...client.redirectUris],
    post_logout_redirect_uris: [...client.postLogoutRedirectUris],
    // Allow-list of OIDC scopes. A client with none (client_credentials only) may ask for none of them.
    scope: staticScopes.length ? staticScopes.join(' ') : 'offline_access',
    ...(client.backchannelLogoutUri ? { backchannel_logout_uri: client.backchannelLogoutUri, backchannel_logout_session_required: true } : {}),
  };
}

/** Introspection policy: public clients may only introspect their own tokens. */
export async function introspectionAllowed(ctx: KoaContextWithOIDC, client: Client, token: { clientId?: string | undefined }): Promise<boolean> {
  // Public clients may only introspect their own tokens.
  return !(client.clientAuthMethod === 'none' && token.clientId !== ctx.oidc.client?.clientId);
}

/** Revocation policy: a client revokes its own tokens; a confidential client asking for another's gets an error. */
export async function revocationAllowed(_ctx: KoaContextWithOIDC, client: Client, token: { clientId?: string | undefined }): Promise<boolean> {
  if (token.clientId === client.clientId) return true;
  if (client.clientAuthMethod === 'none') return false;
  throw new errors.InvalidRequest('client is not authorized to revoke the presented token');
}
