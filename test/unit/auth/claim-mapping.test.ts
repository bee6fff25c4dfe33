// Configuration for another realm: the gateway's claim mapping (which claims carry the VNeID level,
// roles, unit and scopes; Keycloak's by default) and the portals' OIDC client settings (client
// authentication, redirect and post-logout URIs), each validated at start with every bad key named.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { viewerFromAccessToken } from '../../../auth/access-token.ts';
import { KEYCLOAK_CLAIM_MAPPING } from '../../../auth/claim-mapping.ts';
import { parseGatewayConfig } from '../../../gateway/config.ts';
import { ConfigError } from '../../../platform/config.ts';
import { parsePortalConfig } from '../../../web/portal/config.ts';

const AUDIENCE = 'lien-thong-api';

test('Keycloak-shaped claims map as before when nothing is configured', () => {
  assert.deepEqual(parseGatewayConfig({}).oidcClaims, KEYCLOAK_CLAIM_MAPPING);
  const viewer = viewerFromAccessToken(
    {
      sub: 'u1',
      typ: 'Bearer',
      azp: 'portal-1022',
      acr: '2',
      scope: 'openid feedback:read',
      unit: 'UBND-Q1',
      realm_access: { roles: ['citizen'] },
      resource_access: { 'portal-1022': { roles: ['x'] }, [AUDIENCE]: { roles: ['y'] } },
    },
    AUDIENCE,
  );
  assert.equal(viewer.subject, 'u1');
  assert.equal(viewer.level, 2);
  assert.deepEqual([...viewer.roles].sort(), ['citizen', 'x', 'y']);
  assert.deepEqual(viewer.scopes, ['openid', 'feedback:read']);
  assert.equal(viewer.unit, 'UBND-Q1');
});

test('another realm: the level in a claim of its own, roles in groups, scopes as a list, a nested unit', () => {
  const { oidcClaims } = parseGatewayConfig({
    OIDC_LEVEL_CLAIM: 'vneid.loa',
    OIDC_LEVEL_VALUES: 'substantial=1, high=2, urn:vn:loa:3=2',
    OIDC_ROLE_CLAIMS: 'groups',
    OIDC_UNIT_CLAIM: 'org.unit',
    OIDC_SCOPE_CLAIM: 'scp',
  });
  const viewer = (claims: Record<string, unknown>) => viewerFromAccessToken({ sub: 'u2', client_id: 'portal', ...claims }, AUDIENCE, oidcClaims);
  const high = viewer({ vneid: { loa: 'high' }, groups: ['citizen', 7], scp: ['feedback:read'], org: { unit: 'P-BN' }, acr: '1' });
  assert.equal(high.subject, 'u2', 'an RFC 9068 user token (client_id and a sub of its own) is a person');
  assert.equal(high.level, 2, 'the configured claim, not acr');
  assert.deepEqual(high.roles, ['citizen']);
  assert.deepEqual(high.scopes, ['feedback:read']);
  assert.equal(high.unit, 'P-BN');
  assert.equal(viewer({ vneid: { loa: 'substantial' } }).level, 1);
  assert.equal(viewer({ vneid: { loa: ['substantial', 'urn:vn:loa:3'] } }).level, 2, 'a list: the highest');
  assert.equal(viewer({ vneid: { loa: 'low' } }).level, 0, 'an unmapped value is no level');
  assert.equal(viewer({ vneid: 'high' }).level, 0, 'the wrong shape is no level');
  assert.equal(viewerFromAccessToken({ sub: 'portal', client_id: 'portal' }, AUDIENCE, oidcClaims).subject, undefined, 'a client_credentials token (sub = client_id) acts for the client');
});

test('bad claim mapping keys are refused at start, every one named', () => {
  assert.throws(
    () => parseGatewayConfig({ OIDC_LEVEL_CLAIM: 'a..b', OIDC_LEVEL_VALUES: 'high=3', OIDC_ROLE_CLAIMS: ' , ', OIDC_SCOPE_CLAIM: 'scope with space' }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      for (const key of ['OIDC_LEVEL_CLAIM', 'OIDC_LEVEL_VALUES', 'OIDC_ROLE_CLAIMS', 'OIDC_SCOPE_CLAIM']) assert.match(error.message, new RegExp(key));
      return true;
    },
  );
  assert.throws(() => parseGatewayConfig({ OIDC_LEVEL_VALUES: 'substantial=1' }), /no value maps to level 2/);
});

test('portal client settings: defaults, a confidential client, and bad combinations named key by key', () => {
  const defaults = parsePortalConfig({});
  assert.deepEqual(defaults.portal1022.clientAuth, { method: 'none' });
  assert.equal(defaults.portal1022.redirectUri, 'http://127.0.0.1:4010/auth/callback');
  assert.equal(defaults.portalDvc.postLogoutRedirectUri, 'http://127.0.0.1:4020/');

  const configured = parsePortalConfig({
    PORTAL_1022_CLIENT_AUTH: 'client_secret_post',
    PORTAL_1022_CLIENT_SECRET: 'a-secret-of-enough-length',
    PORTAL_1022_REDIRECT_URI: 'http://127.0.0.1:4010/dang-nhap/xong',
    PORTAL_1022_POST_LOGOUT_REDIRECT_URI: 'http://127.0.0.1:4010/tam-biet',
    PORTAL_DVC_CLIENT_AUTH: 'private_key_jwt',
    PORTAL_DVC_CLIENT_PRIVATE_JWK: JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'x', y: 'y', d: 'd', kid: 'k1' }),
  });
  assert.deepEqual(configured.portal1022.clientAuth, { method: 'client_secret_post', secret: 'a-secret-of-enough-length' });
  assert.equal(configured.portal1022.redirectUri, 'http://127.0.0.1:4010/dang-nhap/xong');
  assert.equal(configured.portalDvc.clientAuth.method, 'private_key_jwt');

  assert.throws(
    () =>
      parsePortalConfig({
        PORTAL_1022_CLIENT_AUTH: 'client_secret_basic',
        PORTAL_DVC_CLIENT_AUTH: 'private_key_jwt',
        PORTAL_DVC_CLIENT_SECRET: 'a-secret-of-enough-length',
        PORTAL_1022_REDIRECT_URI: 'not a url',
      }),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.match(error.message, /PORTAL_1022_CLIENT_SECRET.*required with PORTAL_1022_CLIENT_AUTH=client_secret_basic/);
      assert.match(error.message, /PORTAL_DVC_CLIENT_PRIVATE_JWK.*required/);
      assert.match(error.message, /PORTAL_DVC_CLIENT_SECRET.*not used/);
      assert.match(error.message, /PORTAL_1022_REDIRECT_URI/);
      assert.doesNotMatch(error.message, /a-secret-of-enough-length/, 'a secret never in the message');
      return true;
    },
  );
  assert.throws(() => parsePortalConfig({ PORTAL_1022_CLIENT_AUTH: 'client_secret_jwt' }), /PORTAL_1022_CLIENT_AUTH/);
  assert.throws(() => parsePortalConfig({ PORTAL_DVC_CLIENT_AUTH: 'private_key_jwt', PORTAL_DVC_CLIENT_PRIVATE_JWK: '{"kty":"EC"}' }), /PORTAL_DVC_CLIENT_PRIVATE_JWK/, 'a public key only');
});
