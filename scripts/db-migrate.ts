// `npm run db:migrate`: apply pending migrations to every subgraph's database (the same runner the
// subgraphs use at start), without starting any server. Reads the same configuration as the subgraphs.
import path from 'node:path';
import { REPOSITORY_ROOT, subgraphEntry } from '../schema/subgraphs.ts';
import { HOSTED_SUBGRAPHS } from '../subgraphs/hosted.ts';
import { openDatabase } from '../subgraphs/kit/db.ts';
import { migrate } from '../subgraphs/kit/migrate.ts';

const configs = HOSTED_SUBGRAPHS.map((subgraph) => ({ name: subgraph.name, config: subgraph.loadConfig() }));
let failed = false;
for (const { name, config } of configs) {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const result = await migrate(database, path.join(REPOSITORY_ROOT, subgraphEntry(name).migrationsDir));
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
