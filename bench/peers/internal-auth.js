// Domain scenario only: the internal token our subgraphs require, for a peer gateway. The harness
// passes the internal signing key (BENCH_INTERNAL_SIGNING_JWK) and the benchmark citizen's viewer
// (BENCH_VIEWER, derived from their real access token); this process signs with our own
// auth/internal-token.ts signer and keeps the token fresh (tokens live 60 s). The peer does not verify
// the client's access token: it forwards this one static identity for every request.
const jwk = process.env.BENCH_INTERNAL_SIGNING_JWK;
const viewerJson = process.env.BENCH_VIEWER;

/** Returns () => "Bearer <internal token>", or undefined when not in the domain scenario. */
export async function internalAuthorization() {
  if (!jwk || !viewerJson) return undefined;
  const { createInternalTokenSigner, GRAPHQL_PURPOSE, internalSigningKeyFromJwk } = await import(new URL('../../auth/internal-token.ts', import.meta.url).href);
  const signer = await createInternalTokenSigner(internalSigningKeyFromJwk(JSON.parse(jwk)));
  const viewer = JSON.parse(viewerJson);
  let current = `Bearer ${await signer.sign(viewer, 'bench-viewer', GRAPHQL_PURPOSE)}`;
  // The signer renews a token at half its lifetime; asking every 5 s keeps `current` valid.
  setInterval(async () => {
    current = `Bearer ${await signer.sign(viewer, 'bench-viewer', GRAPHQL_PURPOSE)}`;
  }, 5_000).unref();
  return () => current;
}
