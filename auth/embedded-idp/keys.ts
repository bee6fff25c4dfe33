// Signing keys of the embedded identity provider: loaded from a JWKS file (private parts included),
// or generated (RS256, 2048 bits) and written there once so that tokens survive a restart; in memory
// when no file is given. Two processes starting together end up with the same key.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose';
import type { JWK as JoseJwk } from 'jose';
import type { JWK } from 'oidc-provider';
import type { IdpLogger } from './options.ts';

/** The signing keys from `keysFile`, or a new key (written to `keysFile` when given). */
export async function loadOrCreateSigningKeys(keysFile: string | undefined, logger: IdpLogger): Promise<JWK[]> {
  if (keysFile) {
    const existing = await readKeysFile(keysFile);
    if (existing) return existing;
  }
  const { privateKey } = await generateKeyPair('RS256', { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  const key = { ...jwk, kid: await calculateJwkThumbprint(jwk), alg: 'RS256', use: 'sig' } as JWK;
  if (!keysFile) return [key];

  await mkdir(dirname(keysFile), { recursive: true });
  try {
    await writeFile(keysFile, `${JSON.stringify({ keys: [key] }, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
    logger.info({ keysFile, kid: key.kid }, 'embedded identity provider: generated signing key');
    return [key];
  } catch (err) {
    // Another process wrote it first: use theirs.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      const written = await readKeysFile(keysFile);
      if (written) return written;
    }
    throw err;
  }
}

async function readKeysFile(keysFile: string): Promise<JWK[] | undefined> {
  let text: string;
  try {
    text = await readFile(keysFile, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const parsed = JSON.parse(text) as { keys?: unknown };
  if (!Array.isArray(parsed.keys) || parsed.keys.length === 0) throw new Error(`${keysFile}: expected a JWKS with at least one key`);
  const keys = parsed.keys as JWK[];
  for (const key of keys) {
    if (key.kty !== 'RSA' || typeof key.d !== 'string') throw new Error(`${keysFile}: expected RSA private keys (JWK with "d")`);
  }
  return Promise.all(
    keys.map(async (key) => ({
      ...key,
      kid: key.kid ?? (await calculateJwkThumbprint(key as JoseJwk)),
      alg: key.alg ?? 'RS256',
      use: key.use ?? 'sig',
    })),
  );
}

/** The public part of a signing key (for verifying tokens locally). */
export function publicJwk(key: JWK): JoseJwk {
  const { kty, n, e, kid, alg, use } = key;
  return { kty, n, e, kid, alg, use };
}
