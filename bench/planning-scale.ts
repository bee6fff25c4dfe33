// `npm run bench:planning`: the planning subgraph at city scale on PostgreSQL (issue #14, Scale).
// Targets: 2.5 million parcels; point lookup p99 < 10 ms; a map box of one ward < 100 ms; import
// ≥ 20,000 parcels/s; ward-from-point < 0.2 ms. A benchmark, never a timed test.
//
//   npm run bench:planning -- [--database-url postgresql://…] [--parcels 2500000] [--lookups 2000] [--drop]
//
// The database (default postgresql://postgres@127.0.0.1:5432/lien_thong_planning_bench) is created if
// missing, migrated, and filled through the same import a city runs (subgraphs/planning/import/import.ts)
// with a modelled grid of 20 m × 25 m parcels over the HCMC wards, 20,000 features per transaction,
// unless it already holds --parcels bench parcels (kept for the next run; --drop deletes them at the end). Lookups call the subgraph's own lookup functions in
// this process: the gateway's share (parsing, planning, one subgraph fetch) is not measured here.
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { wardAt } from '../subgraphs/kit/geo/ward-boundaries.ts';
import { openDatabase } from '../subgraphs/kit/db.ts';
import { migrate } from '../subgraphs/kit/migrate.ts';
import { importPlanningFeatures } from '../subgraphs/planning/import/import.ts';
import { parcelsInBox, planningAt } from '../subgraphs/planning/lookups.ts';
import { PrismaClient } from '../subgraphs/planning/prisma/generated/client.ts';

const { values } = parseArgs({
  options: { 'database-url': { type: 'string' }, parcels: { type: 'string' }, lookups: { type: 'string' }, drop: { type: 'boolean' } },
});
const url = values['database-url'] ?? 'postgresql://postgres@127.0.0.1:5432/lien_thong_planning_bench';
const target = Number(values.parcels ?? 2_500_000);
const lookups = Number(values.lookups ?? 2000);
const BATCH = 20_000;
// The grid covers central HCMC and spreads north and west until it holds `target` parcels.
const [WEST, SOUTH] = [106.55, 10.7];
const [DX, DY] = [20 / 109_300, 25 / 110_574];
const COLUMNS = 4000;

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** The bench parcel at grid cell `index`, or undefined when its centre is inside no ward. */
function cell(index: number): { lng: number; lat: number; wardCode: string } | undefined {
  const [column, row] = [index % COLUMNS, Math.floor(index / COLUMNS)];
  const [lng, lat] = [WEST + column * DX, SOUTH + row * DY];
  const ward = wardAt(lat + DY / 2, lng + DX / 2);
  return ward && ward.province === 'HCM' && ward.code !== 'DK-CON-DAO' ? { lng, lat, wardCode: ward.code } : undefined;
}

async function ensureDatabase(): Promise<void> {
  const admin = new URL(url);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`);
  await client.end();
}

await ensureDatabase();
const database = await openDatabase({ url, dataDir: 'memory://' });
await migrate(database, fileURLToPath(new URL('../subgraphs/planning/prisma/migrations/', import.meta.url)));
const db = new PrismaClient({ adapter: database.adapter });
const zone = {
  type: 'Feature',
  id: 'BENCH-Z',
  properties: { kind: 'zone', code: 'BENCH-Z', schemeCode: 'BENCH-S', function: 'Đất ở (mô phỏng)', maxDensityPct: 80, maxStoreys: 6, maxFar: 4, roadSetbackM: 2 },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [106.7, 10.77],
        [106.701, 10.77],
        [106.701, 10.771],
        [106.7, 10.771],
        [106.7, 10.77],
      ],
    ],
  },
};
const scheme = {
  ...zone,
  id: 'BENCH-S',
  properties: { kind: 'scheme', code: 'BENCH-S', name: 'Bench (mô phỏng)', level: 'ZONING', scale: '1/2000', decisionNumber: 'BENCH/QĐ', decisionDate: '2025-01-01', authority: 'bench' },
};
await importPlanningFeatures(db, { type: 'FeatureCollection', features: [scheme, zone] });
const have = await db.parcel.count({ where: { featureId: { startsWith: 'bench-' } } });
const points: { lat: number; lng: number }[] = [];
if (have < target) {
  let index = 0;
  let written = have;
  let spent = 0;
  // Cells are numbered in a fixed order, so a partial run resumes where the parcels stop.
  let skip = have;
  while (written < target) {
    const features = [];
    while (features.length < BATCH && written + features.length < target) {
      const found = cell(index);
      index += 1;
      if (!found) continue;
      if (skip > 0) {
        skip -= 1;
        continue;
      }
      const { lng, lat, wardCode } = found;
      features.push({
        type: 'Feature',
        id: `bench-${index}`,
        properties: { kind: 'parcel', wardCode, formerWardName: 'mô phỏng', sheet: 10_000 + Math.floor(index / 1000), number: (index % 1000) + 1, zoneCode: 'BENCH-Z', address: 'mô phỏng' },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [lng, lat],
              [lng + DX, lat],
              [lng + DX, lat + DY],
              [lng, lat + DY],
              [lng, lat],
            ],
          ],
        },
      });
    }
    const started = performance.now();
    const report = await importPlanningFeatures(db, { type: 'FeatureCollection', features }, BATCH);
    spent += performance.now() - started;
    if (report.problems.length > 0) throw new Error(`bench import refused ${report.problems.length}: ${report.problems[0]?.reason}`);
    written += report.parcels;
    process.stdout.write(`\rimported ${written} parcels, ${Math.round((written - have) / (spent / 1000))} parcels/s (validation included)`);
  }
  process.stdout.write('\n');
}
for (let index = 0; points.length < lookups; index = (index + 7919) % (COLUMNS * 2000)) {
  const found = cell(index);
  if (found) points.push({ lat: found.lat + DY / 2, lng: found.lng + DX / 2 });
}
const pointMs: number[] = [];
for (const point of points) {
  const started = performance.now();
  await planningAt(db, point.lat, point.lng);
  pointMs.push(performance.now() - started);
}
const boxMs: number[] = [];
for (const point of points.slice(0, 200)) {
  const started = performance.now();
  await parcelsInBox(db, { west: point.lng - 0.005, south: point.lat - 0.005, east: point.lng + 0.005, north: point.lat + 0.005 }, 2000);
  boxMs.push(performance.now() - started);
}
const wardMs: number[] = [];
for (let round = 0; round < 50; round += 1) {
  const started = performance.now();
  for (const point of points) wardAt(point.lat, point.lng);
  wardMs.push((performance.now() - started) / points.length);
}
const total = await db.parcel.count();
process.stdout.write(
  [
    `parcels in the database: ${total}`,
    `point lookup (subgraph, no gateway): p50 ${percentile(pointMs, 50).toFixed(2)} ms, p99 ${percentile(pointMs, 99).toFixed(2)} ms over ${pointMs.length}`,
    `map box ~1.1 km × 1.1 km, up to 2000 parcels: p50 ${percentile(boxMs, 50).toFixed(1)} ms, p99 ${percentile(boxMs, 99).toFixed(1)} ms`,
    `ward from point: ${(percentile(wardMs, 99) * 1000).toFixed(2)} µs per lookup (p99 of 50 rounds)`,
  ].join('\n') + '\n',
);
if (values.drop) await db.parcel.deleteMany({ where: { featureId: { startsWith: 'bench-' } } });
await db.$disconnect();
await database.close();
