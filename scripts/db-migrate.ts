// `npm run db:migrate`: apply pending migrations to every subgraph's database (the same runner the
// subgraphs use at start), without starting any server. Reads the same configuration as the subgraphs.
import { fileURLToPath } from 'node:url';
import { HOSTED_SUBGRAPHS } from '../subgraphs/hosted.ts';
import { openDatabase } from '../subgraphs/kit/db.ts';
import { migrate } from '../subgraphs/kit/migrate.ts';

const configs = HOSTED_SUBGRAPHS.map((subgraph) => subgraph.loadConfig());
let failed = false;
for (const config of configs) {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const result = await migrate(database, fileURLToPath(new URL(`../subgraphs/${config.name}/prisma/migrations/`, import.meta.url)));
    const where = config.databaseUrl ? 'PostgreSQL' : config.dataDir;
    process.stdout.write(`${config.name} (${where}): ${result.applied.length ? `applied ${result.applied.join(', ')}` : 'up to date'}\n`);
  } catch (error) {
    failed = true;
    process.stderr.write(`${config.name}: ${(error as Error).message}\n`);
  } finally {
    await database.close();
  }
}
process.exit(failed ? 1 : 0);
