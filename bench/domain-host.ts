// Child process for the domain scenario: the embedded identity provider and our four real subgraphs
// (in-memory PGlite, demo seed), on loopback ports, as test/helpers/hub.ts starts them, but without a
// gateway: the gateway under test runs as its own process. The subgraphs trust the internal-token
// public keys the harness passes in BENCH_INTERNAL_JWKS. Reports the addresses over IPC; exits when
// the harness disconnects.
import pino from 'pino';
import { DEMO_ACCOUNTS, DEMO_CLIENTS, DEMO_REALM } from '../auth/demo-realm.ts';
import { publicClient, startEmbeddedIdp } from '../auth/embedded-idp.ts';
import { parseDossierConfig } from '../subgraphs/dossier/config.ts';
import { buildDossierSubgraph } from '../subgraphs/dossier/server.ts';
import { parseFeedbackConfig } from '../subgraphs/feedback/config.ts';
import { buildFeedbackSubgraph } from '../subgraphs/feedback/server.ts';
import { preparePgliteTemplate } from '../subgraphs/kit/db.ts';
import type { BuildOptions, SubgraphServer } from '../subgraphs/kit/server.ts';
import type { SubgraphConfig } from '../subgraphs/kit/subgraph-config.ts';
import { parseNotificationConfig } from '../subgraphs/notification/config.ts';
import { buildNotificationSubgraph } from '../subgraphs/notification/server.ts';
import { parsePlanningConfig } from '../subgraphs/planning/config.ts';
import { buildPlanningSubgraph } from '../subgraphs/planning/server.ts';
import { BENCH_CLIENT_ID, BENCH_REDIRECT_URI } from './common.ts';

type Builder = (config: SubgraphConfig, options?: BuildOptions) => Promise<SubgraphServer<{ $disconnect(): Promise<void> }>>;

const BUILDERS: readonly { name: string; parse: (env: Record<string, string | undefined>) => SubgraphConfig; build: Builder }[] = [
  { name: 'feedback', parse: parseFeedbackConfig, build: buildFeedbackSubgraph },
  { name: 'dossier', parse: parseDossierConfig, build: buildDossierSubgraph },
  { name: 'planning', parse: parsePlanningConfig, build: buildPlanningSubgraph },
  { name: 'notification', parse: parseNotificationConfig, build: buildNotificationSubgraph },
];

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
  for (const subgraph of BUILDERS) {
    const config = { ...subgraph.parse({ LOG_LEVEL: 'error' }), dataDir: 'memory://' };
    const { app } = await subgraph.build(config, { internalKeys: { jwks: jwks as never }, logger });
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
