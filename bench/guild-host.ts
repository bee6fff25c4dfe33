// Child process: serves the Guild scenario's four subgraphs on one loopback port and reports it to the
// harness over IPC. Exits when the harness disconnects.
import { buildGuildSubgraphsApp } from '../testing/guild-subgraphs.ts';

const app = await buildGuildSubgraphsApp();
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.send?.({ type: 'ready', url: address });
process.on('disconnect', () => {
  void app.close().finally(() => process.exit(0));
});
