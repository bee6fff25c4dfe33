// The planning import a city runs (npm run planning:import), on the hub's own planning database and
// checked through the gateway: a good file is imported and looked up; running it again changes nothing
// and a changed feature is updated in place (keyed by feature id); a bad file has each bad feature
// reported with its index and reason while the good ones are imported and the bad ones leave no trace.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { formatReport } from '../../scripts/planning-import.ts';
import { importPlanningFeatures } from '../../subgraphs/planning/import/import.ts';
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

describe('planning import', () => {
  let hub: Hub;
  let db: PrismaClient;

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
  });
  after(() => hub?.close());

  test('a good file is imported and answered through the gateway; importing it again changes nothing', async () => {
    const file = { type: 'FeatureCollection', features: [parcel(1), parcel(2), parcel(3), zone, scheme] };
    const report = await importPlanningFeatures(db, file);
    assert.deepEqual(report, { schemes: 1, zones: 1, parcels: 3, problems: [] });
    const answer = await lookup(LAT + STEP / 2, LNG + 1.5 * STEP);
    assert.deepEqual(answer?.['parcel'], { sheet: 77, number: 2, address: '2 Hoàng Văn Thụ', areaM2: (answer?.['parcel'] as { areaM2: number }).areaM2 });
    const area = (answer?.['parcel'] as { areaM2: number }).areaM2;
    assert.ok(area > 400 && area < 560, `about 22 m × 22 m, got ${area}`);
    assert.deepEqual(answer?.['zone'], { code: 'T-O1', maxFar: 3.5 });
    assert.deepEqual(answer?.['scheme'], { decisionNumber: '123/QĐ-UBND', documents: [{ url: 'https://example.gov.vn/qd-123.pdf' }] });

    const rows = async () => db.parcel.findMany({ where: { featureId: { startsWith: 'T-P-' } }, orderBy: { featureId: 'asc' }, select: { id: true, featureId: true, address: true } });
    const first = await rows();
    assert.deepEqual(await importPlanningFeatures(db, file, 2), { schemes: 1, zones: 1, parcels: 3, problems: [] });
    assert.deepEqual(await rows(), first, 'same rows, same ids');
    // A corrected feature is updated in place, keyed by its id.
    await importPlanningFeatures(db, { type: 'FeatureCollection', features: [parcel(2, { address: '2A Hoàng Văn Thụ' })] });
    const after = await rows();
    assert.deepEqual(
      after.map((row) => row.id),
      first.map((row) => row.id),
    );
    assert.equal(after[1]?.address, '2A Hoàng Văn Thụ');
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
    ];
    const report = await importPlanningFeatures(db, { type: 'FeatureCollection', features });
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
      ],
    );
    assert.equal(report.problems[12]?.id, 'T-P-21');
    const written = await db.parcel.findMany({ where: { featureId: { in: features.map((feature) => String((feature as { id?: unknown }).id)) } }, select: { featureId: true } });
    assert.deepEqual(
      written.map((row) => row.featureId),
      ['T-P-10'],
    );
    const seedParcel = await db.parcel.findUnique({ where: { wardCode_sheet_number: { wardCode: 'P-BEN-THANH', sheet: 14, number: 112 } } });
    assert.notEqual(seedParcel?.featureId, 'T-OTHER', 'the seed parcel is not taken over');
    assert.deepEqual(formatReport(report).slice(0, 2), ['feature #1: not a GeoJSON Feature', 'feature #2: feature id missing (a text or an integer): re-imports are matched by it']);
    assert.equal(formatReport(report).at(-1), 'imported 0 schemes, 0 zones, 1 parcels; 13 features refused');
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

  test('what is not a FeatureCollection is refused whole', async () => {
    assert.deepEqual(await importPlanningFeatures(db, { type: 'Feature' }), { schemes: 0, zones: 0, parcels: 0, problems: [{ index: -1, reason: 'not a GeoJSON FeatureCollection' }] });
  });
});
