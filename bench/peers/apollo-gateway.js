// Peer: @apollo/gateway on @apollo/server (standalone), as the public benchmark runs it.
// Env: HOST, PORT, SUPERGRAPH_FILE; BENCH_INTERNAL_SIGNING_JWK + BENCH_VIEWER in the domain scenario.
// Apollo Server has no inbound request deduplication: the harness reports dedup-on as n/a.
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { internalAuthorization } from './internal-auth.js';

process.env.APOLLO_TELEMETRY_DISABLED = 'true';
const authorization = await internalAuthorization();

class DataSource extends RemoteGraphQLDataSource {
  willSendRequest({ request }) {
    if (authorization) request.http.headers.set('authorization', authorization());
  }
}

const quiet = { debug() {}, info() {}, warn() {}, error: (...args) => console.error(...args) };
const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(process.env.SUPERGRAPH_FILE, 'utf8'),
  buildService: ({ url }) => new DataSource({ url }),
  logger: quiet,
});
const server = new ApolloServer({ gateway, logger: quiet });
const { url } = await startStandaloneServer(server, { listen: { host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT) } });
console.log(`apollo gateway ready at ${url}`);
