// `npm run planning:import -- <file.geojson|file.shp> [--batch N] [--database-url postgresql://…]`: loads
// planning schemes, land-use zones and parcels from a GeoJSON FeatureCollection or a Shapefile (.shp and
// its .dbf, WGS 84; subgraphs/planning/import/shapefile.ts) into the planning
// database (PLANNING_DATABASE_URL, else the embedded PGlite under DATA_DIR/planning), migrating it first.
// Every bad feature is printed with its index, id and reason; the rest is imported, one transaction per
// batch; re-running the same file changes nothing (subgraphs/planning/import/import.ts).
// Exit status: 0 all imported, 2 some features refused (the rest imported), 1 nothing could be read.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openDatabase } from '../subgraphs/kit/db.ts';
import { migrate } from '../subgraphs/kit/migrate.ts';
import { parsePlanningConfig } from '../subgraphs/planning/config.ts';
import { importPlanningFeatures } from '../subgraphs/planning/import/import.ts';
import { readShapefile } from '../subgraphs/planning/import/shapefile.ts';
import type { ImportReport } from '../subgraphs/planning/import/import.ts';
import { PrismaClient } from '../subgraphs/planning/prisma/generated/client.ts';

const USAGE = `usage: npm run planning:import -- <file.geojson|file.shp> [--batch N] [--database-url postgresql://…]
  --batch N          features per transaction (1 to 50000, default 2000)
  --database-url U   PostgreSQL; default PLANNING_DATABASE_URL, else embedded PGlite in DATA_DIR/planning
Shapefiles: the .shp with its .dbf beside it, in WGS 84 (reproject first: ogr2ogr -t_srs EPSG:4326 out.shp in.shp)`;

/** Import `file` and return the report; throws on an unreadable file. */
export async function runPlanningImport(file: string, options: { batch: number; databaseUrl?: string | undefined }, env: Record<string, string | undefined> = process.env): Promise<ImportReport> {
  if (/\.zip$/i.test(file)) throw new Error(`Unzip the Shapefile first.\n${USAGE}`);
  const shapefile = /\.shp$/i.test(file);
  let collection: unknown;
  try {
    collection = shapefile ? await readShapefile(file) : JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file} is not a readable ${shapefile ? 'Shapefile' : 'GeoJSON file'}: ${(error as Error).message}`, { cause: error });
  }
  const config = parsePlanningConfig(env);
  const database = await openDatabase({ url: options.databaseUrl ?? config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(database, fileURLToPath(new URL('../subgraphs/planning/prisma/migrations/', import.meta.url)));
    const db = new PrismaClient({ adapter: database.adapter });
    try {
      // Parcels by COPY; on PostgreSQL two batches in flight (the server writes them while this process checks the next).
      return await importPlanningFeatures(db, collection, options.batch, database.kind === 'postgres' ? 2 : 1, database);
    } finally {
      await db.$disconnect();
    }
  } finally {
    await database.close();
  }
}

/** The report as lines for a terminal: one per refused feature, then the counts. */
export function formatReport(report: ImportReport): string[] {
  return [
    ...report.problems.map((problem) => `feature #${problem.index}${problem.id === undefined ? '' : ` (${problem.id})`}: ${problem.reason}`),
    `imported ${report.schemes} schemes, ${report.zones} zones, ${report.parcels} parcels; ${report.problems.length} features refused`,
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, strict: true, options: { batch: { type: 'string' }, 'database-url': { type: 'string' } } });
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exit(1);
  }
  const batch = Number(parsed.values.batch ?? 2000);
  const [file, ...rest] = parsed.positionals;
  if (file === undefined || rest.length > 0 || !Number.isInteger(batch) || batch < 1 || batch > 50_000) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(1);
  }
  try {
    const report = await runPlanningImport(file, { batch, databaseUrl: parsed.values['database-url'] });
    for (const line of formatReport(report)) process.stdout.write(`${line}\n`);
    process.exit(report.problems.length > 0 ? 2 : 0);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exit(1);
  }
}
