// `npm run bench:planning`: the planning subgraph at city scale on PostgreSQL (issue #14, Scale).
// Targets: 2.5 million parcels; point lookup p99 < 10 ms; a map box of one ward < 100 ms; import
// ≥ 20,000 parcels/s; ward-from-point < 0.2 ms. A benchmark, never a timed test.
//
//   npm run bench:planning -- [--database-url postgresql://…] [--parcels 2500000] [--lookups 2000] [--drop] [--drop-database]
//
// The database (default postgresql://postgres@127.0.0.1:5432/lien_thong_planning_bench) is created if
// missing, migrated, and filled through the same import a city runs (subgraphs/planning/import/import.ts,
// parcels by COPY as `planning:import` does) with a modelled grid of 20 m × 25 m parcels over the HCMC
// wards, 200,000 features per import call, 20,000 per transaction, two transactions in flight, unless it
// already holds --parcels bench parcels (kept for the next run; --drop deletes them at the end,
// --drop-database drops the whole database). Lookups are measured twice: through the subgraph's own
// lookup functions in this process, and through the real gateway — the hub of the other scale benches
// (bench/scale-hub.ts: identity provider and gateway in this process, the four subgraphs in a child
// process, planning on the bench database), on loopback, one request at a time.
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { percentile } from './common.ts';
import { ensureDatabase, startScaleHub, timedGraphql, withPgClient } from './scale-hub.ts';
import { wgs84ToVn2000 } from '../subgraphs/planning/vn2000.ts';
import { wardAt } from '../subgraphs/kit/geo/ward-boundaries.ts';
import { openDatabase } from '../subgraphs/kit/db.ts';
import { migrate } from '../subgraphs/kit/migrate.ts';
import { importPlanningFeatures } from '../subgraphs/planning/import/import.ts';
import { parcelsInBox, planningAt } from '../subgraphs/planning/lookups.ts';
import { PrismaClient } from '../subgraphs/planning/prisma/generated/client.ts';

/** Ascending copy of `samples`. */
const sorted = (samples: readonly number[]) => [...samples].sort((a, b) => a - b);

const { values } = parseArgs({
  options: {
    'database-url': { type: 'string', default: 'postgresql://postgres@127.0.0.1:5432/lien_thong_planning_bench' },
    parcels: { type: 'string', default: '2500000' },
    lookups: { type: 'string', default: '2000' },
    drop: { type: 'boolean' },
    'drop-database': { type: 'boolean' },
  },
});
const url = values['database-url'];
const target = Number(values.parcels);
const lookups = Number(values.lookups);
if (![target, lookups].every((value) => Number.isInteger(value) && value > 0) || !/^postgres(ql)?:\/\//.test(url)) {
  process.stderr.write('bench:planning: --parcels and --lookups must be whole numbers > 0, --database-url a postgresql:// URL\n');
  process.exit(2);
}
const log = (message: string) => process.stdout.write(`${message}\n`);
/** The machine's load average (1, 5, 15 min), for the report: the figures follow the run queue. */
const load = () =>
  `load average ${loadavg()
    .map((value) => value.toFixed(2))
    .join(', ')}`;
const BATCH = 20_000;
/** Features handed to one import call (a file of the city's): its parcels go in BATCH-sized transactions, two at a time. */
const CHUNK = 200_000;
// The grid covers central HCMC and spreads north and west until it holds `target` parcels.
const [WEST, SOUTH] = [106.55, 10.7];
const [DX, DY] = [20 / 109_300, 25 / 110_574];
const COLUMNS = 4000;

/** The bench parcel at grid cell `index`, or undefined when its centre is inside no ward. */
function cell(index: number): { lng: number; lat: number; wardCode: string } | undefined {
  const [column, row] = [index % COLUMNS, Math.floor(index / COLUMNS)];
  const [lng, lat] = [WEST + column * DX, SOUTH + row * DY];
  const ward = wardAt(lat + DY / 2, lng + DX / 2);
  return ward && ward.province === 'HCM' && ward.code !== 'DK-CON-DAO' ? { lng, lat, wardCode: ward.code } : undefined;
}

/** Milliseconds per request of `query` through the gateway, one at a time; fails on any GraphQL error. */
async function timeThroughGateway(graphqlUrl: string, query: string, variables: readonly Record<string, unknown>[]): Promise<number[]> {
  const samples: number[] = [];
  for (const [index, values] of variables.entries()) {
    const { ms, body } = await timedGraphql(graphqlUrl, query, values);
    // The first requests warm the gateway's plan cache and the connection pools: not counted.
    if (index >= 20) samples.push(ms);
    if (body.errors) throw new Error(`gateway answered ${body.errors[0]?.message}`);
  }
  return samples;
}

/** p50 and p99 of `samples`, for the report. */
function summary(samples: number[], digits = 2): string {
  return `p50 ${percentile(sorted(samples), 50).toFixed(digits)} ms, p99 ${percentile(sorted(samples), 99).toFixed(digits)} ms over ${samples.length}`;
}

await ensureDatabase(url, log);
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
    while (features.length < CHUNK && written + features.length < target) {
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
    const report = await importPlanningFeatures(db, { type: 'FeatureCollection', features }, BATCH, 2, database);
    spent += performance.now() - started;
    if (report.problems.length > 0) throw new Error(`bench import refused ${report.problems.length}: ${report.problems[0]?.reason}`);
    written += report.parcels;
    process.stdout.write(`\rimported ${written} parcels, ${Math.round((written - have) / (spent / 1000))} parcels/s (validation included)`);
  }
  process.stdout.write(`\n${load()}\n`);
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
/** A ward-sized box around a point: `span` degrees a side (0.01° ≈ 1.1 km; 0.05°, the largest the API takes). */
const boxAround = (point: { lat: number; lng: number }, span: number) => ({ west: point.lng - span / 2, south: point.lat - span / 2, east: point.lng + span / 2, north: point.lat + span / 2 });
const boxMs: number[] = [];
for (const point of points.slice(0, 200)) {
  const started = performance.now();
  await parcelsInBox(db, boxAround(point, 0.01), 2000);
  boxMs.push(performance.now() - started);
}
// Per lookup, the mean of a round over every point (one call is below the clock's resolution).
const wardMs: number[] = [];
for (let round = 0; round < 50; round += 1) {
  const started = performance.now();
  for (const point of points) wardAt(point.lat, point.lng);
  wardMs.push((performance.now() - started) / points.length);
}
const total = await db.parcel.count();
process.stdout.write(
  [
    `parcels in the database: ${total}; ${load()}`,
    `in process — point lookup: ${summary(pointMs)}`,
    `in process — map box ~1.1 km × 1.1 km, up to 2000 parcels: ${summary(boxMs, 1)}`,
    `ward from point (the intake's check): ${(percentile(sorted(wardMs), 50) * 1000).toFixed(2)} µs per lookup (median of 50 rounds of ${points.length}; slowest round ${(Math.max(...wardMs) * 1000).toFixed(2)} µs)`,
  ].join('\n') + '\n',
);
const hub = await startScaleHub({ databases: { planning: url }, subgraphEnv: { planning: { SEED_DEMO_DATA: 'false' } } });
try {
  const LOOKUP = 'query($lat: Float!, $lng: Float!) { planningAt(lat: $lat, lng: $lng) { ward { code } parcel { sheet number areaM2 } zone { code maxStoreys } scheme { decisionNumber } } }';
  const VN2000 =
    'query($x: Float!, $y: Float!, $meridian: Float) { planningAtVn2000(x: $x, y: $y, province: HCM, centralMeridian: $meridian) { ward { code } parcel { sheet number areaM2 } zone { code maxStoreys } scheme { decisionNumber } } }';
  const BOX = 'query($box: MapBox!) { parcelsInBox(box: $box, first: 2000) { sheet number geometry(toleranceMeters: 0.5) } }';
  const gatewayPoint = await timeThroughGateway(hub.gatewayUrl, LOOKUP, points);
  const gatewayVn2000 = await timeThroughGateway(
    hub.gatewayUrl,
    VN2000,
    // East of 107°15′ (former Bà Rịa – Vũng Tàu) certificates are printed on its meridian, 107°45′.
    points.map((point) => {
      const meridian = point.lng > 107.25 ? 107.75 : 105.75;
      return { ...wgs84ToVn2000(point.lat, point.lng, meridian), meridian };
    }),
  );
  const gatewayBox = await timeThroughGateway(
    hub.gatewayUrl,
    BOX,
    points.slice(0, 220).map((point) => ({ box: boxAround(point, 0.01) })),
  );
  const gatewayLargeBox = await timeThroughGateway(
    hub.gatewayUrl,
    BOX,
    points.slice(0, 70).map((point) => ({ box: boxAround(point, 0.0499) })),
  );
  process.stdout.write(
    [
      `gateway, ${load()}`,
      `gateway — point lookup (planningAt): ${summary(gatewayPoint)}`,
      `gateway — VN-2000 lookup (planningAtVn2000): ${summary(gatewayVn2000)}`,
      `gateway — map box ~1.1 km × 1.1 km with geometry, up to 2000 parcels: ${summary(gatewayBox, 1)}`,
      `gateway — map box 0.0499° (~5.5 km, about the largest the API takes) with geometry, first 2000: ${summary(gatewayLargeBox, 1)}`,
    ].join('\n') + '\n',
  );
} finally {
  await hub.close();
}
if (values.drop) await db.parcel.deleteMany({ where: { featureId: { startsWith: 'bench-' } } });
await db.$disconnect();
await database.close();
if (values['drop-database']) {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  await withPgClient(admin.toString(), (client) => client.query(`DROP DATABASE IF EXISTS "${decodeURIComponent(new URL(url).pathname.slice(1)).replaceAll('"', '""')}" WITH (FORCE)`));
}
