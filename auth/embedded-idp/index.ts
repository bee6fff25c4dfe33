// The embedded identity provider (oidc-provider shaped like a Keycloak realm, for one-machine setups,
// development and tests): what its users import. See README.md for the files behind it.
export type { EmbeddedIdp, EmbeddedIdpClient, EmbeddedIdpOptions } from './options.ts';
export { startEmbeddedIdp } from './server.ts';
export { publicClient } from './clients.ts';
export { API_RESOURCE_INDICATOR, KEYCLOAK_ROUTES } from './provider.ts';
export { requestedLevel } from './claims.ts';
