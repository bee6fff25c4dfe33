// Runs the example water subgraph: `node examples/yoga-subgraph/main.js` (GATEWAY_JWKS_URL, PORT, HOST, CUSTOMERS);
// `node examples/yoga-subgraph/main.js --sdl` prints the SDL to publish instead.
import { startWaterSubgraph, WATER_SDL } from './server.js';

if (process.argv.includes('--sdl')) {
  process.stdout.write(WATER_SDL);
} else {
  const { url } = await startWaterSubgraph({
    jwksUrl: process.env['GATEWAY_JWKS_URL'] ?? 'http://127.0.0.1:4000/.well-known/jwks.json',
    host: process.env['HOST'] ?? '127.0.0.1',
    port: Number(process.env['PORT'] ?? '4090'),
    // Customer numbers by the person's id, as JSON (a demo: the utility's own database in real life).
    customers: JSON.parse(process.env['CUSTOMERS'] ?? '{}'),
  });
  process.stdout.write(`water subgraph (graphql-yoga) on ${url}\n`);
}
