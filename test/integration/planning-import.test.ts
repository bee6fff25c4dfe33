// The planning import a city runs (npm run planning:import), on the hub's own planning database and
// checked through the gateway: a good file is imported and looked up; running it again changes nothing
// and a changed feature is updated in place (keyed by feature id); a bad file has each bad feature
// reported with its index and reason while the good ones are imported and the bad ones leave no trace.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatReport, runPlanningImport } from '../../scripts/planning-import.ts';
import { importPlanningFeatures } from '../../subgraphs/planning/import/import.ts';
import { readShapefile } from '../../subgraphs/planning/import/shapefile.ts';
import type { PrismaClient } from '../../subgraphs/planning/prisma/generated/client.ts';
import { startHub } from '../../testing/hub.ts';
import type { Hub } from '../../testing/hub.ts';

type Position = [number, number];
// A small block in Phường Tân Bình (its modelled boundary holds 10.795, 106.65).
const [LNG, LAT] = [106.65, 10.795];
const STEP = 0.0002;

function rect(west: number, south: number, east: number, north: number): { type: 'Polygon'; coordinates: Position[][] } {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [west, south],
        [east, south],
        [east, north],
        [west, north],
        [west, south],
      ],
    ],
  };
}

const scheme = {
  type: 'Feature',
  id: 'T-QH-TAN-BINH',
  properties: {
    kind: 'scheme',
    code: 'T-QH-TAN-BINH',
    name: 'Quy hoạch thử nghiệm',
    level: 'DETAILED',
    scale: '1/500',
    decisionNumber: '123/QĐ-UBND',
    decisionDate: '2025-03-04',
    authority: 'Ủy ban nhân dân phường Tân Bình',
    documents: [{ title: 'Quyết định phê duyệt', url: 'https://example.gov.vn/qd-123.pdf' }],
  },
  geometry: rect(LNG - STEP, LAT - STEP, LNG + 4 * STEP, LAT + 2 * STEP),
};
const zone = {
  type: 'Feature',
  id: 'T-O1',
  properties: { kind: 'zone', code: 'T-O1', schemeCode: 'T-QH-TAN-BINH', function: 'Đất ở hiện hữu', maxDensityPct: 75, maxStoreys: 5, maxFar: 3.5, roadSetbackM: 2.5 },
  geometry: rect(LNG, LAT, LNG + 3 * STEP, LAT + STEP),
};
const parcel = (number: number, overrides: Record<string, unknown> = {}) => ({
  type: 'Feature',
  id: `T-P-${number}`,
  properties: { kind: 'parcel', wardCode: 'P-TAN-BINH', formerWardName: 'Phường 2, Quận Tân Bình', sheet: 77, number, zoneCode: 'T-O1', address: `${number} Hoàng Văn Thụ`, ...overrides },
  geometry: rect(LNG + (number - 1) * STEP, LAT, LNG + number * STEP, LAT + STEP),
});

/** A .dbf field: name (≤ 10 characters), character or numeric, width in bytes. */
type DbfField = { name: string; type: 'C' | 'N'; length: number };

/**
 * Write `base`.shp and `base`.dbf (ESRI Shapefile, polygons; dBASE III, UTF-8 text) by hand, byte by
 * byte after the ESRI Shapefile Technical Description (1998): the reader under test is the maintained one.
 */
async function writeShapefile(base: string, fields: DbfField[], records: { ring: Position[]; values: Record<string, string | number> }[]): Promise<void> {
  const all = records.flatMap((record) => record.ring);
  const box = [Math.min(...all.map((p) => p[0])), Math.min(...all.map((p) => p[1])), Math.max(...all.map((p) => p[0])), Math.max(...all.map((p) => p[1]))];
  const contents = records.map(({ ring }) => {
    const content = Buffer.alloc(44 + 4 + 16 * ring.length);
    content.writeInt32LE(5, 0); // polygon
    const xs = ring.map((p) => p[0]);
    const ys = ring.map((p) => p[1]);
    [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((value, index) => content.writeDoubleLE(value, 4 + 8 * index));
    content.writeInt32LE(1, 36); // one part
    content.writeInt32LE(ring.length, 40);
    content.writeInt32LE(0, 44); // the part starts at point 0
    ring.forEach(([x, y], index) => {
      content.writeDoubleLE(x, 48 + 16 * index);
      content.writeDoubleLE(y, 56 + 16 * index);
    });
    return content;
  });
  const header = Buffer.alloc(100);
  header.writeInt32BE(9994, 0);
  header.writeInt32BE((100 + contents.reduce((sum, content) => sum + 8 + content.length, 0)) / 2, 24);
  header.writeInt32LE(1000, 28);
  header.writeInt32LE(5, 32);
  box.forEach((value, index) => header.writeDoubleLE(value, 36 + 8 * index));
  const shp = [header];
  contents.forEach((content, index) => {
    const recordHeader = Buffer.alloc(8);
    recordHeader.writeInt32BE(index + 1, 0);
    recordHeader.writeInt32BE(content.length / 2, 4);
    shp.push(recordHeader, content);
  });
  await writeFile(`${base}.shp`, Buffer.concat(shp));

  const recordLength = 1 + fields.reduce((sum, field) => sum + field.length, 0);
  const dbfHeader = Buffer.alloc(32 + 32 * fields.length + 1);
  dbfHeader.writeUInt8(3, 0);
  dbfHeader.writeUInt8(125, 1); // 2025
  dbfHeader.writeUInt8(7, 2);
  dbfHeader.writeUInt8(1, 3);
  dbfHeader.writeUInt32LE(records.length, 4);
  dbfHeader.writeUInt16LE(dbfHeader.length, 8);
  dbfHeader.writeUInt16LE(recordLength, 10);
  fields.forEach((field, index) => {
    const at = 32 + 32 * index;
    dbfHeader.write(field.name, at, 'latin1');
    dbfHeader.write(field.type, at + 11, 'latin1');
    dbfHeader.writeUInt8(field.length, at + 16);
  });
  dbfHeader.writeUInt8(0x0d, dbfHeader.length - 1);
  const rows = records.map(({ values }) => {
    const row = Buffer.alloc(recordLength, 0x20);
    let at = 1;
    for (const field of fields) {
      const value = Buffer.from(String(values[field.name] ?? ''), 'utf8').subarray(0, field.length);
      value.copy(row, field.type === 'N' ? at + field.length - value.length : at);
      at += field.length;
    }
    return row;
  });
  await writeFile(`${base}.dbf`, Buffer.concat([dbfHeader, ...rows, Buffer.from([0x1a])]));
}

/** A rectangle as a Shapefile ring: clockwise (south-west, north-west, north-east, south-east). */
const clockwise = (west: number, south: number, east: number, north: number): Position[] => [
  [west, south],
  [west, north],
  [east, north],
  [east, south],
  [west, south],
];

describe('planning import', () => {
  let hub: Hub;
  let db: PrismaClient;
  /** The import as `npm run planning:import` runs it: parcels by COPY on the subgraph's database. */
  let importFile: (file: unknown, batch?: number, concurrency?: number) => ReturnType<typeof importPlanningFeatures>;

  async function lookup(lat: number, lng: number): Promise<Record<string, unknown> | undefined> {
    const { body } = await hub.graphql(
      'query($lat: Float!, $lng: Float!) { planningAt(lat: $lat, lng: $lng) { parcel { sheet number address areaM2 } zone { code maxFar } scheme { decisionNumber documents { url } } } }',
      {
        variables: { lat, lng },
      },
    );
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data?.['planningAt'] as Record<string, unknown>;
  }

  before(async () => {
    hub = await startHub();
    db = hub.subgraphs['planning']!.db as unknown as PrismaClient;
    const database = hub.subgraphs['planning']!.database;
    importFile = (file, batch = 2000, concurrency = 1) => importPlanningFeatures(db, file, batch, concurrency, database);
  });
  after(() => hub?.close());

  test('a good file is imported and answered through the gateway; importing it again changes nothing', async () => {
    const file = { type: 'FeatureCollection', features: [parcel(1), parcel(2), parcel(3), zone, scheme] };
    const report = await importFile(file);
    assert.deepEqual(report, { schemes: 1, zones: 1, parcels: 3, problems: [] });
    const answer = await lookup(LAT + STEP / 2, LNG + 1.5 * STEP);
    assert.deepEqual(answer?.['parcel'], { sheet: 77, number: 2, address: '2 Hoàng Văn Thụ', areaM2: (answer?.['parcel'] as { areaM2: number }).areaM2 });
    const area = (answer?.['parcel'] as { areaM2: number }).areaM2;
    assert.ok(area > 400 && area < 560, `about 22 m × 22 m, got ${area}`);
    assert.deepEqual(answer?.['zone'], { code: 'T-O1', maxFar: 3.5 });
    assert.deepEqual(answer?.['scheme'], { decisionNumber: '123/QĐ-UBND', documents: [{ url: 'https://example.gov.vn/qd-123.pdf' }] });

    const rows = async () => db.parcel.findMany({ where: { featureId: { startsWith: 'T-P-' } }, orderBy: { featureId: 'asc' }, select: { id: true, featureId: true, address: true } });
    const first = await rows();
    assert.deepEqual(await importFile(file, 2), { schemes: 1, zones: 1, parcels: 3, problems: [] });
    assert.deepEqual(await rows(), first, 'same rows, same ids');
    // The seed's way (multi-row INSERT through Prisma, no COPY) finds the same rows and keeps them.
    assert.deepEqual(await importPlanningFeatures(db, file, 2), { schemes: 1, zones: 1, parcels: 3, problems: [] });
    assert.deepEqual(await rows(), first, 'same rows, same ids');
    // A corrected feature is updated in place, keyed by its id.
    // COPY's escapes: a backslash and a tab survive as they were.
    await importFile({ type: 'FeatureCollection', features: [parcel(2, { address: '2A Hoàng Văn Thụ (ngõ 3\\5)\tlầu 2' })] });
    const after = await rows();
    assert.deepEqual(
      after.map((row) => row.id),
      first.map((row) => row.id),
    );
    assert.equal(after[1]?.address, '2A Hoàng Văn Thụ (ngõ 3\\5)\tlầu 2');
  });

  test('a bad file: each bad feature reported by index and reason, the good ones imported, the bad ones nowhere', async () => {
    const HA_NOI: Position = [105.8542, 21.0285];
    const features: unknown[] = [
      parcel(10),
      { type: 'Point', coordinates: [LNG, LAT] },
      { ...parcel(11), id: undefined },
      { ...parcel(12), properties: { ...parcel(12).properties, kind: 'road' } },
      {
        ...parcel(13),
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [LNG, LAT],
              [LNG + STEP, LAT],
              [LNG + STEP, LAT + STEP],
              [LNG, LAT + STEP],
            ],
          ],
        },
      },
      {
        ...parcel(14),
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [LNG, LAT],
              [LNG + STEP, LAT + STEP],
              [LNG + STEP, LAT],
              [LNG, LAT + STEP / 2],
              [LNG, LAT],
            ],
          ],
        },
      },
      { ...parcel(15), geometry: rect(HA_NOI[0], HA_NOI[1], HA_NOI[0] + STEP, HA_NOI[1] + STEP) },
      {
        ...parcel(16),
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [LNG, LAT],
              [LNG, 95],
              [LNG + STEP, LAT],
              [LNG, LAT],
            ],
          ],
        },
      },
      {
        ...parcel(17),
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [LNG, LAT],
              ['NaN', LAT],
              [LNG + STEP, LAT + STEP],
              [LNG, LAT],
            ],
          ],
        },
      },
      parcel(18, { wardCode: 'P-KHONG-CO' }),
      parcel(19, { zoneCode: 'NO-SUCH-ZONE' }),
      parcel(10),
      { ...parcel(20), id: 'T-OTHER', properties: { ...parcel(20).properties, wardCode: 'P-BEN-THANH', sheet: 14, number: 112 }, geometry: rect(106.698, 10.7725, 106.6982, 10.7727) },
      parcel(21, { sheet: 1.5 }),
      { ...parcel(22), id: 'T-P-22\u0000' },
    ];
    // Two features per transaction; on PostgreSQL two transactions at a time, as planning:import runs there.
    const report = await importFile({ type: 'FeatureCollection', features }, 2, hub.databaseKind === 'postgres' ? 2 : 1);
    assert.equal(report.parcels, 1);
    assert.deepEqual(
      report.problems.map((problem) => [problem.index, problem.reason]),
      [
        [1, 'not a GeoJSON Feature'],
        [2, 'feature id missing (a text or an integer): re-imports are matched by it'],
        [3, 'properties.kind must be scheme, zone or parcel'],
        [4, 'ring not closed'],
        [5, 'self-intersection'],
        [6, 'outside the province'],
        [7, 'coordinate out of range'],
        [8, 'ring is not a list of [lng, lat] positions'],
        [9, 'unknown ward'],
        [10, 'unknown zone'],
        [11, 'duplicate of feature 0'],
        [12, 'ward, sheet and number already belong to another feature'],
        [13, 'properties.sheet must be an integer from 1 to 100000'],
        [14, 'feature id missing (a text or an integer): re-imports are matched by it'],
      ],
    );
    assert.equal(report.problems[12]?.id, 'T-P-21');
    // The seed's way (no COPY) refuses the same features for the same reasons.
    const again = await importPlanningFeatures(db, { type: 'FeatureCollection', features }, 2);
    assert.deepEqual(again.problems, report.problems);
    assert.equal(again.parcels, 1);
    // (An id with a NUL cannot even be asked for: PostgreSQL's text has no NUL.)
    const ids = features.map((feature) => String((feature as { id?: unknown }).id)).filter((id) => !id.includes('\u0000'));
    const written = await db.parcel.findMany({ where: { featureId: { in: ids } }, select: { featureId: true } });
    assert.deepEqual(
      written.map((row) => row.featureId),
      ['T-P-10'],
    );
    const seedParcel = await db.parcel.findUnique({ where: { wardCode_sheet_number: { wardCode: 'P-BEN-THANH', sheet: 14, number: 112 } } });
    assert.notEqual(seedParcel?.featureId, 'T-OTHER', 'the seed parcel is not taken over');
    assert.deepEqual(formatReport(report).slice(0, 2), ['feature #1: not a GeoJSON Feature', 'feature #2: feature id missing (a text or an integer): re-imports are matched by it']);
    assert.equal(formatReport(report).at(-1), 'imported 0 schemes, 0 zones, 1 parcels; 14 features refused');
  });

  test('a changed scheme raises planning.scheme-changed for each followed parcel it covers, with codes only; an unchanged re-import raises nothing', async () => {
    // The demo citizen An follows P-BEN-THANH 14/112 (prisma/seed-data.ts).
    const { body } = await hub.graphql('{ parcelByNumber(ward: "P-BEN-THANH", sheet: 14, number: 112) { id zone { scheme { code name level scale decisionNumber decisionDate authority } } } }');
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    const followed = body.data?.['parcelByNumber'] as { id: string; zone: { scheme: Record<string, string> } };
    const { code, decisionNumber, ...rest } = followed.zone.scheme;
    const revised = (number: string) => ({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', id: code, properties: { kind: 'scheme', code, ...rest, decisionNumber: number }, geometry: rect(106.69, 10.765, 106.705, 10.78) }],
    });
    const events = () => db.outbox.findMany({ where: { topic: 'planning.scheme-changed' }, orderBy: { id: 'asc' } });
    const before = (await events()).length;
    await importPlanningFeatures(db, revised(`${decisionNumber}-ĐC1`));
    const raised = (await events()).slice(before);
    const mine = raised.filter((event) => (event.payload as { parcelId: string }).parcelId === followed.id);
    assert.equal(mine.length, 1);
    assert.deepEqual(Object.keys(mine[0]?.payload as object).sort(), ['citizenId', 'decisionNumber', 'number', 'parcelId', 'schemeCode', 'sheet', 'wardCode']);
    assert.deepEqual(mine[0]?.payload, {
      citizenId: '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e501',
      parcelId: followed.id,
      wardCode: 'P-BEN-THANH',
      sheet: 14,
      number: 112,
      schemeCode: code,
      decisionNumber: `${decisionNumber}-ĐC1`,
    });
    // The relay publishes it.
    for (let attempt = 0; attempt < 50 && !(await db.outbox.findUnique({ where: { eventId: mine[0]?.eventId ?? '' } }))?.publishedAt; attempt += 1)
      await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok((await db.outbox.findUnique({ where: { eventId: mine[0]?.eventId ?? '' } }))?.publishedAt);
    const count = (await events()).length;
    await importPlanningFeatures(db, revised(`${decisionNumber}-ĐC1`));
    assert.equal((await events()).length, count, 'the same scheme again: no event');
  });

  test('a Shapefile (.shp and .dbf) is read with the maintained reader: short field names, UTF-8 text, bad features reported by index', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'planning-shp-'));
    try {
      const base = path.join(folder, 'ban-do-dia-chinh');
      const fields: DbfField[] = [
        { name: 'id', type: 'C', length: 20 },
        { name: 'kind', type: 'C', length: 8 },
        { name: 'code', type: 'C', length: 20 },
        { name: 'schemeCode', type: 'C', length: 20 },
        { name: 'function', type: 'C', length: 60 },
        { name: 'maxDensPct', type: 'N', length: 6 },
        { name: 'maxStoreys', type: 'N', length: 4 },
        { name: 'maxFar', type: 'N', length: 6 },
        { name: 'roadSetbkM', type: 'N', length: 6 },
        { name: 'wardCode', type: 'C', length: 20 },
        { name: 'formerWard', type: 'C', length: 60 },
        { name: 'sheet', type: 'N', length: 6 },
        { name: 'number', type: 'N', length: 8 },
        { name: 'zoneCode', type: 'C', length: 20 },
        { name: 'address', type: 'C', length: 80 },
      ];
      const north = [LAT + STEP, LAT + 2 * STEP] as const;
      const parcelValues = (number: number) => ({
        id: `SHP-P-${number}`,
        kind: 'parcel',
        wardCode: 'P-TAN-BINH',
        formerWard: 'Phường 2, Quận Tân Bình',
        sheet: 78,
        number,
        zoneCode: 'T-O2',
        address: `${number} Cộng Hòa`,
      });
      await writeShapefile(base, fields, [
        {
          ring: clockwise(LNG, north[0], LNG + 3 * STEP, north[1]),
          values: { id: 'SHP-Z-O2', kind: 'zone', code: 'T-O2', schemeCode: 'T-QH-TAN-BINH', function: 'Đất thương mại – dịch vụ', maxDensPct: 60, maxStoreys: 12, maxFar: 7.5, roadSetbkM: 6 },
        },
        { ring: clockwise(LNG, north[0], LNG + STEP, north[1]), values: parcelValues(1) },
        { ring: clockwise(LNG + STEP, north[0], LNG + 2 * STEP, north[1]), values: parcelValues(2) },
        // A bow tie: its edges cross.
        {
          ring: [
            [LNG + 2 * STEP, north[0]],
            [LNG + 3 * STEP, north[1]],
            [LNG + 3 * STEP, north[0]],
            [LNG + 2 * STEP, north[0] + STEP / 2],
            [LNG + 2 * STEP, north[0]],
          ],
          values: parcelValues(3),
        },
        { ring: clockwise(LNG + 2 * STEP, north[0], LNG + 3 * STEP, north[1]), values: { ...parcelValues(4), id: '' } },
      ]);
      const collection = await readShapefile(`${base}.shp`);
      const report = await importFile(collection);
      assert.deepEqual([report.zones, report.parcels], [1, 2]);
      assert.deepEqual(
        report.problems.map((problem) => [problem.index, problem.reason]),
        [
          [3, 'self-intersection'],
          [4, 'feature id missing (a text or an integer): re-imports are matched by it'],
        ],
      );
      const found = await lookup(LAT + 1.5 * STEP, LNG + 1.5 * STEP);
      assert.deepEqual(found?.['parcel'], { sheet: 78, number: 2, address: '2 Cộng Hòa', areaM2: (found?.['parcel'] as { areaM2: number }).areaM2 });
      assert.deepEqual(found?.['zone'], { code: 'T-O2', maxFar: 7.5 });
      // Again: nothing changes (keyed by the id field).
      assert.deepEqual((await importFile(await readShapefile(`${base}.shp`))).problems.length, 2);
      assert.equal(await db.parcel.count({ where: { featureId: { startsWith: 'SHP-' } } }), 2);
      // A .shp without its .dbf is refused whole, before any database is opened.
      await rm(`${base}.dbf`);
      await assert.rejects(runPlanningImport(`${base}.shp`, { batch: 10 }), /ban-do-dia-chinh\.dbf is missing/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  test('what is not a FeatureCollection is refused whole', async () => {
    assert.deepEqual(await importPlanningFeatures(db, { type: 'Feature' }), { schemes: 0, zones: 0, parcels: 0, problems: [{ index: -1, reason: 'not a GeoJSON FeatureCollection' }] });
  });
});
