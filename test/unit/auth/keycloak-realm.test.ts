// The Keycloak realm export (auth/keycloak/realm-export.json) matches the embedded realm: the same
// clients, redirect and back-channel logout URIs, roles (every demo account's), scopes and claim mappers, the acr → LoA map,
// and a VNeID identity-provider entry with placeholders only (no secrets).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { AGENCY_SCOPES, API_AUDIENCE, API_SCOPES, DEMO_ACCOUNTS, DEMO_CLIENTS, DEMO_REALM } from '../../../auth/demo-realm.ts';

interface Mapper {
  name: string;
  protocolMapper: string;
  config: Record<string, string>;
}
interface ClientScope {
  name: string;
  protocolMappers?: Mapper[];
}
interface Client {
  clientId: string;
  protocolMappers?: Mapper[];
  publicClient: boolean;
  standardFlowEnabled: boolean;
  implicitFlowEnabled: boolean;
  directAccessGrantsEnabled: boolean;
  serviceAccountsEnabled: boolean;
  redirectUris: string[];
  attributes: Record<string, string>;
  defaultClientScopes: string[];
  optionalClientScopes: string[];
  secret?: string;
}
interface RealmExport {
  realm: string;
  attributes: Record<string, string>;
  roles: { realm: { name: string }[]; client: Record<string, { name: string }[]> };
  clientScopes: ClientScope[];
  clients: Client[];
  users: { username: string; serviceAccountClientId?: string; clientRoles?: Record<string, string[]> }[];
  identityProviders: { alias: string; providerId: string; config: Record<string, string> }[];
  identityProviderMappers: { identityProviderAlias: string; identityProviderMapper: string; config: Record<string, string> }[];
}

const text = readFileSync(new URL('../../../auth/keycloak/realm-export.json', import.meta.url), 'utf8');
const realm = JSON.parse(text) as RealmExport;
const client = (id: string): Client => {
  const found = realm.clients.find((candidate) => candidate.clientId === id);
  assert.ok(found, `client ${id}`);
  return found;
};
const scope = (name: string): ClientScope => {
  const found = realm.clientScopes.find((candidate) => candidate.name === name);
  assert.ok(found, `client scope ${name}`);
  return found;
};

test('the realm, its roles and the acr → LoA map', () => {
  assert.equal(realm.realm, DEMO_REALM);
  assert.deepEqual(JSON.parse(realm.attributes['acr.loa.map'] ?? '{}'), { 1: 1, 2: 2 });
  const roles = realm.roles.realm.map((role) => role.name);
  for (const role of ['citizen', 'officer', 'leader']) assert.ok(roles.includes(role), role);
  // Every role a demo account holds exists in the realm (an account added with a new role needs it there).
  for (const role of new Set(DEMO_ACCOUNTS.flatMap((account) => account.roles))) assert.ok(roles.includes(role), `realm role ${role}`);
  assert.deepEqual(
    realm.roles.client['city-app']?.map((role) => role.name),
    ['partner'],
  );
});

test('the portals and the staff workspace: public, PKCE S256, standard flow only, the embedded realm’s URIs and back-channel logout', () => {
  const signedInApps = DEMO_CLIENTS.filter((candidate) => candidate.clientId.startsWith('portal-') || candidate.clientId === 'workspace');
  assert.ok(
    signedInApps.some((candidate) => candidate.clientId === 'workspace'),
    'the workspace is a client of the realm',
  );
  for (const demo of signedInApps) {
    const exported = client(demo.clientId);
    assert.equal(exported.publicClient, true);
    assert.equal(exported.attributes['pkce.code.challenge.method'], 'S256');
    assert.equal(exported.standardFlowEnabled, true);
    assert.equal(exported.implicitFlowEnabled, false);
    assert.equal(exported.directAccessGrantsEnabled, false);
    assert.equal(exported.serviceAccountsEnabled, false);
    for (const uri of demo.redirectUris) assert.ok(exported.redirectUris.includes(uri), `${demo.clientId} redirect ${uri}`);
    const postLogout = (exported.attributes['post.logout.redirect.uris'] ?? '').split('##');
    for (const uri of demo.postLogoutRedirectUris) assert.ok(postLogout.includes(uri), `${demo.clientId} post-logout ${uri}`);
    assert.ok(demo.backchannelLogoutUri);
    assert.equal(exported.attributes['backchannel.logout.url'], demo.backchannelLogoutUri);
    assert.equal(exported.attributes['backchannel.logout.session.required'], 'true');
    for (const name of ['lien-thong-api-audience', 'acr', 'roles', 'basic', 'unit']) assert.ok(exported.defaultClientScopes.includes(name), `${demo.clientId} scope ${name}`);
  }
  assert.deepEqual(
    client('portal-1022')
      .optionalClientScopes.filter((name) => name.includes(':'))
      .sort(),
    // notification:read: the inbox and its live updates.
    ['feedback:read', 'feedback:write', 'notification:read'],
  );
  assert.deepEqual(
    client('portal-dichvucong')
      .optionalClientScopes.filter((name) => name.includes(':'))
      .sort(),
    // feedback:write: a signed-in citizen reports wrong planning data from the planning page (a 1022 item).
    ['dossier:read', 'feedback:write', 'notification:read'],
  );
  assert.deepEqual(
    client('workspace')
      .optionalClientScopes.filter((name) => name.includes(':'))
      .sort(),
    // Staff read items (roles decide what); notification:read: directives and summaries in their inbox.
    ['feedback:read', 'notification:read'],
  );
  assert.equal(client('lien-thong-dev').publicClient, true);
});

test('city-app: confidential, service account with the partner role, no secret in the file', () => {
  const cityApp = client('city-app');
  assert.equal(cityApp.publicClient, false);
  assert.equal(cityApp.serviceAccountsEnabled, true);
  assert.equal(cityApp.standardFlowEnabled, false);
  assert.equal(cityApp.secret, undefined);
  const demo = DEMO_CLIENTS.find((candidate) => candidate.clientId === 'city-app');
  assert.deepEqual([...cityApp.defaultClientScopes.filter((name) => name.includes(':'))].sort(), [...(demo?.scopes ?? [])].sort());
  const serviceAccount = realm.users.find((user) => user.serviceAccountClientId === 'city-app');
  assert.deepEqual(serviceAccount?.clientRoles?.['city-app'], ['partner']);
});

test('agency systems: confidential service accounts with the agency role, dossier:write, and their agency codes as a hardcoded claim', () => {
  for (const demo of DEMO_CLIENTS.filter((candidate) => candidate.serviceAccountAgencyCodes !== undefined)) {
    const exported = client(demo.clientId);
    assert.equal(exported.publicClient, false);
    assert.equal(exported.serviceAccountsEnabled, true);
    assert.equal(exported.standardFlowEnabled, false);
    assert.deepEqual(
      exported.defaultClientScopes.filter((name) => name.includes(':')),
      [...demo.scopes],
    );
    const mapper = exported.protocolMappers?.find((candidate) => candidate.config['claim.name'] === 'agency_codes');
    assert.equal(mapper?.protocolMapper, 'oidc-hardcoded-claim-mapper');
    assert.equal(mapper?.config['jsonType.label'], 'JSON');
    assert.deepEqual(JSON.parse(mapper?.config['claim.value'] ?? 'null'), demo.serviceAccountAgencyCodes);
    assert.equal(mapper?.config['access.token.claim'], 'true');
    const serviceAccount = realm.users.find((user) => user.serviceAccountClientId === demo.clientId);
    assert.deepEqual(serviceAccount?.clientRoles?.[demo.clientId], demo.serviceAccountRoles);
  }
  for (const agencyScope of AGENCY_SCOPES) scope(agencyScope);
  // No portal or person's client may ask for an agency scope.
  for (const other of realm.clients.filter((candidate) => !candidate.serviceAccountsEnabled)) {
    for (const agencyScope of AGENCY_SCOPES) assert.ok(![...other.defaultClientScopes, ...other.optionalClientScopes].includes(agencyScope), `${other.clientId} ${agencyScope}`);
  }
});

test('mappers: audience lien-thong-api, unit, realm and client roles, acr', () => {
  const audience = scope('lien-thong-api-audience').protocolMappers?.find((mapper) => mapper.protocolMapper === 'oidc-audience-mapper');
  assert.equal(audience?.config['included.custom.audience'], API_AUDIENCE);
  assert.equal(audience?.config['access.token.claim'], 'true');
  const unit = scope('unit').protocolMappers?.[0];
  assert.equal(unit?.protocolMapper, 'oidc-usermodel-attribute-mapper');
  assert.equal(unit?.config['user.attribute'], 'unit');
  assert.equal(unit?.config['claim.name'], 'unit');
  const roles = scope('roles').protocolMappers ?? [];
  assert.ok(roles.some((mapper) => mapper.config['claim.name'] === 'realm_access.roles'));
  assert.ok(roles.some((mapper) => mapper.config['claim.name'] === 'resource_access.${client_id}.roles'));
  assert.ok(scope('acr').protocolMappers?.some((mapper) => mapper.protocolMapper === 'oidc-acr-mapper'));
  assert.ok(scope('basic').protocolMappers?.some((mapper) => mapper.protocolMapper === 'oidc-sub-mapper'));
  for (const apiScope of API_SCOPES) scope(apiScope);
});

test('the VNeID identity provider is an OIDC broker with placeholders, and no secret anywhere', () => {
  const vneid = realm.identityProviders.find((provider) => provider.alias === 'vneid');
  assert.ok(vneid);
  assert.equal(vneid.providerId, 'oidc');
  for (const key of ['issuer', 'authorizationUrl', 'tokenUrl', 'jwksUrl', 'clientId']) assert.match(vneid.config[key] ?? '', /REPLACE-ME/, key);
  assert.equal(vneid.config['clientSecret'], '${vault.vneid_client_secret}', 'the secret comes from the Keycloak vault');
  assert.equal(vneid.config['pkceEnabled'], 'true');
  assert.ok(realm.identityProviderMappers.some((mapper) => mapper.identityProviderAlias === 'vneid' && mapper.config['user.attribute'] === 'vneid_level'));
  assert.doesNotMatch(text, /city-app-demo-secret|"secret"\s*:/);
});
