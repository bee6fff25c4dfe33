// Peer: the mercurius gateway (@mercuriusjs/gateway 5.2, Federation 1 only) on Fastify, as the public
// benchmark runs it (jit: 1). It reads each subgraph's SDL from `_service { sdl }`, so the harness
// points it at the Federation 1 variants of the subgraphs.
// Env: HOST, PORT, BENCH_SERVICES (JSON: [{ name, url }]). No inbound request deduplication.
import Fastify from 'fastify';
import mercuriusGateway from '@mercuriusjs/gateway';

const services = JSON.parse(process.env.BENCH_SERVICES ?? '[]').map((service) => ({ ...service, mandatory: true }));
const app = Fastify({ logger: false });
await app.register(mercuriusGateway, { graphiql: false, jit: 1, path: '/graphql', gateway: { services } });
await app.listen({ host: process.env.HOST ?? '127.0.0.1', port: Number(process.env.PORT) });
console.log(`mercurius gateway ready on port ${process.env.PORT}`);
