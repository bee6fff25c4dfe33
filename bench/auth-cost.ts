// `node bench/auth-cost.ts`: what the gateway's auth costs per request, measured in this process with
// the gateway's own code: verifying the citizen's access token (RS256, realm JWKS, claim checks,
// revoked-session check) and signing the internal token for the subgraphs (Ed25519), for a token
// seen for the first time and for one already verified (cached), and amortised over a token's life.
import { createLocalJWKSet } from 'jose';
import { createAccessTokenVerifier } from '../auth/access-token.ts';
import { API_AUDIENCE } from '../auth/demo-realm.ts';
import { createInternalTokenSigner, generateInternalSigningKey, GRAPHQL_PURPOSE } from '../auth/internal-token.ts';
import { createMemoryRevokedSessions } from '../auth/revocation.ts';
import { createRealmKeys, mintAccessToken } from '../testing/tokens.ts';

const ISSUER = 'http://127.0.0.1:4100/realms/lien-thong';
/** Lifetimes: the realm's access tokens (ACCESS_TOKEN_TTL_SECONDS) and the internal token's renewal. */
const ACCESS_TOKEN_SECONDS = 300;
const INTERNAL_RENEW_SECONDS = 30;

const realm = await createRealmKeys();
const { kid, alg, use, n, e, kty } = realm.key;
const verify = createAccessTokenVerifier(
  { issuer: ISSUER, audience: API_AUDIENCE, jwksUrl: `${ISSUER}/certs`, algorithms: ['RS256'], maxLifetimeSeconds: 86_400, clockToleranceSeconds: 5, revokedSessions: createMemoryRevokedSessions() },
  createLocalJWKSet({ keys: [{ kid, alg, use, n, e, kty }] }),
);
const signer = await createInternalTokenSigner(await generateInternalSigningKey());

async function medianMicros(count: number, work: (index: number) => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await work(i);
    times.push((performance.now() - started) * 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

// First sight: every token new (each verification and each signature really happens).
const fresh = await Promise.all(Array.from({ length: 400 }, (_, i) => mintAccessToken(realm.key, ISSUER, { sub: `citizen-${i}`, sid: `session-${i}` })));
await verify(fresh[0]!);
const verifyCold = await medianMicros(fresh.length - 1, (i) => verify(fresh[i + 1]!));
const viewers = await Promise.all(fresh.map((token) => verify(token)));
const signCold = await medianMicros(viewers.length, (i) => signer.sign(viewers[i]!.viewer, `fresh-${i}`, GRAPHQL_PURPOSE));

// Every later request of the same viewer: both come from their caches.
const token = fresh[0]!;
const warmCount = 200_000;
const started = performance.now();
for (let i = 0; i < warmCount; i++) {
  const { viewer } = await verify(token);
  await signer.sign(viewer, token, GRAPHQL_PURPOSE);
}
const warm = ((performance.now() - started) * 1000) / warmCount;

const amortised = (requestsPerSecond: number) => warm + verifyCold / (requestsPerSecond * ACCESS_TOKEN_SECONDS) + signCold / (requestsPerSecond * INTERNAL_RENEW_SECONDS);
const lines = [
  `| auth step | µs |`,
  `|---|---:|`,
  `| verify a new access token (RS256 + claims + revocation check), median | ${verifyCold.toFixed(0)} |`,
  `| sign a new internal token (Ed25519), median | ${signCold.toFixed(0)} |`,
  `| a request with a known token (both cached), mean of ${warmCount.toLocaleString('en')} | ${warm.toFixed(2)} |`,
  `| amortised, a viewer sending 1 request/s (token ${ACCESS_TOKEN_SECONDS} s, internal token renewed every ${INTERNAL_RENEW_SECONDS} s) | ${amortised(1).toFixed(2)} |`,
  `| amortised, the domain benchmark (one viewer, 100 requests/s or more) | ${amortised(100).toFixed(2)} |`,
  `| worst case: every request a new viewer (nothing cached) | ${(verifyCold + signCold).toFixed(0)} |`,
];
process.stdout.write(`${lines.join('\n')}\n`);
