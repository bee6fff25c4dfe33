// Realm keys a test controls, and access tokens shaped like the realm's, so tests can give a viewer
// exactly the claims a case needs (level, roles, unit, scopes, lifetime) without a login dance.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT } from 'jose';
import type { JWK } from 'jose';
import { API_AUDIENCE, DEMO_ACCOUNTS } from '../auth/demo-realm.ts';
import { startHub, TEST_CLIENT_ID } from './hub.ts';
import type { Hub, HubOptions } from './hub.ts';

/** A realm signing key written as the embedded provider's keys file. */
export interface RealmKeys {
  readonly key: JWK;
  readonly keysFile: string;
  readonly folder: string;
}

/** Generate an RSA key and write it where startHub({ idpKeysFile }) will use it. */
export async function createRealmKeys(): Promise<RealmKeys> {
  const folder = await mkdtemp(path.join(tmpdir(), 'lien-thong-keys-'));
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const key: JWK = { ...(await exportJWK(privateKey)), kid: 'realm-test-key', alg: 'RS256', use: 'sig' };
  const keysFile = path.join(folder, 'idp-keys.json');
  await writeFile(keysFile, JSON.stringify({ keys: [key] }));
  return { key, keysFile, folder };
}

/** Claims of a demo viewer. */
export interface ViewerClaims {
  readonly sub: string;
  readonly acr?: '1' | '2';
  readonly roles?: readonly string[];
  readonly unit?: string;
  readonly scope?: string;
  readonly sid?: string;
  readonly [claim: string]: unknown;
}

const ALL_SCOPES = 'openid profile feedback:read feedback:write dossier:read planning:read notification:read';

/** Sign an access token as the realm would issue it (Keycloak shape), valid for five minutes by default. */
export async function mintAccessToken(key: JWK, issuer: string, claims: ViewerClaims, lifetime?: { iat: number; exp: number }): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const { roles = ['citizen'], ...rest } = claims;
  return new SignJWT({ typ: 'Bearer', azp: TEST_CLIENT_ID, scope: ALL_SCOPES, acr: '2', iss: issuer, aud: API_AUDIENCE, realm_access: { roles }, ...rest })
    .setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: key.kid })
    .setIssuedAt(lifetime?.iat ?? now)
    .setExpirationTime(lifetime?.exp ?? now + 300)
    .sign(await importJWK(key, 'RS256'));
}

/** A hub whose realm keys the test holds, so it can mint any viewer's token. */
export interface KeyedHub {
  readonly hub: Hub;
  readonly keys: RealmKeys;
  /** An access token for `claims`, signed by the realm. */
  token(claims: ViewerClaims): Promise<string>;
  close(): Promise<void>;
}

/** Start a hub with test-held realm keys (see startHub for the options). */
export async function startHubWithRealmKeys(options: Omit<HubOptions, 'idpKeysFile'> = {}): Promise<KeyedHub> {
  const keys = await createRealmKeys();
  try {
    const hub = await startHub({ ...options, idpKeysFile: keys.keysFile });
    return {
      hub,
      keys,
      token: (claims) => mintAccessToken(keys.key, hub.idp.issuer, claims),
      async close() {
        await hub.close();
        await rm(keys.folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(keys.folder, { recursive: true, force: true });
    throw error;
  }
}

/** The feedback cast: two citizens, the demo officer, an officer of another unit, the operator and the leader. */
export type FeedbackCast = Record<'an' | 'cuong' | 'officer' | 'otherOfficer' | 'operator' | 'leader', string>;

/** Tokens for the feedback cast, signed by the hub's realm (demo accounts' subjects, roles and units). */
export async function feedbackCastTokens(keyed: KeyedHub): Promise<FeedbackCast> {
  const byRole = (role: string) => DEMO_ACCOUNTS.find((account) => account.roles.includes(role))!;
  const [an, , cuong] = DEMO_ACCOUNTS;
  const officer = byRole('officer');
  const operator = byRole('operator');
  return {
    an: await keyed.token({ sub: an!.sub }),
    cuong: await keyed.token({ sub: cuong!.sub }),
    officer: await keyed.token({ sub: officer.sub, roles: ['officer'], unit: officer.unit }),
    otherOfficer: await keyed.token({ sub: '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e599', roles: ['officer'], unit: 'SAWACO' }),
    operator: await keyed.token({ sub: operator.sub, roles: ['operator'], unit: operator.unit }),
    leader: await keyed.token({ sub: byRole('leader').sub, roles: ['leader'] }),
  };
}
