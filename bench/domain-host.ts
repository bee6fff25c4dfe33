// Child process for the domain scenario: the embedded identity provider and our four real subgraphs
// (in-memory PGlite, demo seed), on loopback ports, as testing/hub.ts starts them, but without a
// gateway: the gateway under test runs as its own process. The subgraphs trust the internal-token
// public keys the harness passes in BENCH_INTERNAL_JWKS. Reports the addresses over IPC; exits when
// the harness disconnects.
import pino from 'pino';
import { DEMO_ACCOUNTS, DEMO_CLIENTS, DEMO_REALM } from '../auth/demo-realm.ts';
import { publicClient, startEmbeddedIdp } from '../auth/embedded-idp/index.ts';
import { preparePgliteTemplate } from '../subgraphs/kit/db.ts';
import { BENCH_CLIENT_ID, BENCH_REDIRECT_URI } from './common.ts';
import { HOSTED_SUBGRAPHS } from '../subgraphs/hosted.ts';

async function main(): Promise<void> {
  const jwks = JSON.parse(process.env['BENCH_INTERNAL_JWKS'] ?? 'null') as { keys: Record<string, unknown>[] } | null;
  if (!jwks) throw new Error('BENCH_INTERNAL_JWKS is not set');
  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await close().catch(() => {});
  };
  process.on('disconnect', () => {
    void closeAll().finally(() => process.exit(0));
  });

  const idp = await startEmbeddedIdp({
    host: '127.0.0.1',
    port: 0,
    realm: DEMO_REALM,
    accounts: DEMO_ACCOUNTS,
    clients: [...DEMO_CLIENTS, publicClient(BENCH_CLIENT_ID, [BENCH_REDIRECT_URI])],
    // Long enough for any benchmark run: the harness logs in once.
    accessTokenTtlSeconds: 4 * 3600,
  });
  closers.push(() => idp.close());

  await preparePgliteTemplate();
  const logger = pino({ level: 'error' });
  const subgraphUrls: Record<string, string> = {};
  for (const subgraph of HOSTED_SUBGRAPHS) {
    const config = { ...subgraph.parseConfig({ LOG_LEVEL: 'error' }), dataDir: 'memory://' };
    const { app } = await subgraph.build(config, { internalKeys: { jwks }, logger });
    closers.push(() => app.close());
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    subgraphUrls[subgraph.name] = `${address}/graphql`;
  }
  process.send?.({ type: 'ready', issuer: idp.issuer, subgraphUrls });
}

main().catch((error: unknown) => {
  process.send?.({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
