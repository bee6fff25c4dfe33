// Peer: Hive Gateway, programmatically: createGatewayRuntime from @graphql-hive/gateway-runtime (the
// runtime that @graphql-hive/gateway 2.15's CLI serves) on node:http, as `hive-gateway supergraph` does.
// Env: HOST, PORT, SUPERGRAPH_FILE;
//   HIVE_PLANNER=js (default, @graphql-tools/federation) | rust (@graphql-hive/router-runtime's planner);
//   HIVE_JIT=true|false (graphql-jit via @graphql-mesh/plugin-jit, what the CLI's `jit: true` loads);
//   BENCH_DEDUP=true|false (the runtime's inboundInflightRequestDeduplication);
//   BENCH_INTERNAL_SIGNING_JWK + BENCH_VIEWER in the domain scenario.
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { internalAuthorization } from './internal-auth.js';

const authorization = await internalAuthorization();
const plugins = [];
if (process.env.HIVE_JIT === 'true') {
  const { useJIT } = await import('@graphql-mesh/plugin-jit');
  plugins.push(useJIT());
}
const extra = {};
if (process.env.HIVE_PLANNER === 'rust') {
  const { unifiedGraphHandler } = await import('@graphql-hive/router-runtime');
  extra.unifiedGraphHandler = unifiedGraphHandler;
}
if (authorization) {
  extra.propagateHeaders = { fromClientToSubgraphs: () => ({ authorization: authorization() }) };
}

const runtime = createGatewayRuntime({
  supergraph: process.env.SUPERGRAPH_FILE,
  logging: 'error',
  landingPage: false,
  graphiql: false,
  inboundInflightRequestDeduplication: process.env.BENCH_DEDUP === 'true',
  plugins: () => plugins,
  ...extra,
});
const server = createServer(runtime);
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1', () => {
  console.log(`hive gateway ready on port ${process.env.PORT}`);
});
const stop = () => server.close(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
