// Planning lookups through the gateway, as a citizen's map or a certificate holder would make them:
// by GPS point, by VN-2000 certificate coordinates (checked against published conversion pairs), by
// ward + sheet + parcel with the new or the pre-2025 ward, and by map box; the shapes as GeoJSON,
// simplified on request; the boundary rule on shared edges; and every bad input a coded error.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startHub } from '../../testing/hub.ts';
import type { GraphQLBody, Hub } from '../../testing/hub.ts';
import { wgs84ToVn2000 } from '../../subgraphs/planning/vn2000.ts';

type Ring = [number, number][];
/** A rectangle's ring: south-west, south-east, north-east, north-west, south-west. */
type Rectangle = [[number, number], [number, number], [number, number], [number, number], [number, number]];
interface ParcelView {
  sheet: number;
  number: number;
  formerWardName: string;
  ward: { code: string };
  geometry: { type: string; coordinates: Ring[] };
}

const LOOKUP_FIELDS = `point { lat lng } ward { code name formerDistrict }
  parcel { sheet number ward { code } formerWardName areaM2 }
  zone { code function maxDensityPct maxStoreys maxFar roadSetbackM }
  scheme { code decisionNumber decisionDate authority scale documents { title url } }`;

function errorCode(body: GraphQLBody): unknown {
  return body.errors?.[0]?.extensions?.['code'];
}

describe('planning lookups', () => {
  let hub: Hub;
  // The middle parcel of the modelled grid in Phường Bàn Cờ (sheet 204 is the centre block).
  let centre: ParcelView;

  async function query(text: string, variables?: unknown): Promise<GraphQLBody> {
    return (await hub.graphql(text, { variables })).body;
  }

  async function parcel(ward: string, sheet: number, number: number): Promise<ParcelView> {
    const body = await query(
      `query($ward: String!, $sheet: Int!, $number: Int!) { parcelByNumber(ward: $ward, sheet: $sheet, number: $number) { sheet number formerWardName ward { code } geometry } }`,
      { ward, sheet, number },
    );
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    return body.data?.['parcelByNumber'] as ParcelView;
  }

  async function at(lat: number, lng: number): Promise<GraphQLBody> {
    return query(`query($lat: Float!, $lng: Float!) { planningAt(lat: $lat, lng: $lng) { ${LOOKUP_FIELDS} } }`, { lat, lng });
  }

  before(async () => {
    hub = await startHub();
    centre = await parcel('P-BAN-CO', 204, 7);
  });
  after(() => hub?.close());

  test('a GPS point answers the parcel, its zone and limits, the scheme and its documents', async () => {
    const [[west, south], , [east, north]] = centre.geometry.coordinates[0] as Rectangle;
    const body = await at((south + north) / 2, (west + east) / 2);
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    const answer = body.data?.['planningAt'] as Record<string, Record<string, unknown>>;
    assert.equal(answer['ward']?.['code'], 'P-BAN-CO');
    assert.deepEqual([answer['parcel']?.['sheet'], answer['parcel']?.['number']], [204, 7]);
    assert.equal(answer['zone']?.['code'], 'QHPK-MP-BAN-CO-O5');
    for (const limit of ['maxDensityPct', 'maxStoreys', 'maxFar', 'roadSetbackM']) assert.equal(typeof answer['zone']?.[limit], 'number', limit);
    assert.deepEqual([answer['scheme']?.['decisionNumber'], answer['scheme']?.['decisionDate'], answer['scheme']?.['scale']], ['MP-1000/QĐ-UBND', '2024-06-28', '1/2000']);
    assert.match(String(answer['scheme']?.['authority']), /Ủy ban nhân dân/);
    const documents = answer['scheme']?.['documents'] as { url: string }[];
    assert.ok(documents.length > 0 && documents.every((document) => document.url.startsWith('https://')));
  });

  test('shapes come as closed GeoJSON polygons, simplified to the tolerance asked', async () => {
    assert.equal(centre.geometry.type, 'Polygon');
    const ring = centre.geometry.coordinates[0] as Ring;
    assert.deepEqual(ring[0], ring[ring.length - 1]);
    const body = await query(`{ wards(province: HCM) { code full: geometry rough: geometry(toleranceMeters: 1000) } }`);
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    const wards = body.data?.['wards'] as { code: string; full: { coordinates: Ring[] }; rough: { coordinates: Ring[] } }[];
    const vertices = (geometry: { coordinates: Ring[] }): number => (geometry.coordinates[0] as Ring).length;
    assert.ok(wards.every((ward) => vertices(ward.rough) <= vertices(ward.full) && vertices(ward.rough) >= 4));
    assert.ok(
      wards.some((ward) => vertices(ward.rough) < vertices(ward.full)),
      'a 1 km tolerance drops some vertex',
    );
    const bad = await query(`{ wards { geometry(toleranceMeters: -1) } }`);
    assert.equal(errorCode(bad), 'BAD_USER_INPUT');
  });

  test('a point on an edge shared by two parcels belongs to the east one; on an east–west edge, to the north one', async () => {
    const east = await parcel('P-BAN-CO', 204, 8);
    const north = await parcel('P-BAN-CO', 204, 12);
    const [[, south], [sharedX], [, top]] = centre.geometry.coordinates[0] as Rectangle;
    // The shared vertical edge: the centre's east side is exactly its east neighbour's west side.
    assert.equal((east.geometry.coordinates[0] as Ring)[0]?.[0], sharedX);
    const onVertical = await at((south + top) / 2, sharedX);
    assert.equal((onVertical.data?.['planningAt'] as { parcel: { number: number } }).parcel.number, 8);
    const [[west], [eastX]] = centre.geometry.coordinates[0] as Rectangle;
    assert.equal((north.geometry.coordinates[0] as Ring)[0]?.[1], top);
    const onHorizontal = await at(top, (west + eastX) / 2);
    assert.equal((onHorizontal.data?.['planningAt'] as { parcel: { number: number } }).parcel.number, 12);
    // The shared corner of four parcels: east, then north of it — parcel 13.
    const corner = await at(top, sharedX);
    assert.equal((corner.data?.['planningAt'] as { parcel: { number: number } }).parcel.number, 13);
  });

  test('VN-2000 certificate coordinates: the published conversion pairs, and the same parcel as by GPS', async () => {
    // Published pairs (x northing, y easting ↔ WGS 84), from open-source converters' documented
    // examples — no surveyed control-point list is reachable from this project's machines:
    // HCMC, meridian 105°45′: dart_vn2000 README (pub.dev/packages/dart_vn2000), x 1189964, y 600997
    // ↔ 10.75909134, 106.67523783. Đồng Tháp, meridian 105°00′: namlunkaka/vn2000-converter
    // test/spec.js, x 1142228.861, y 557975.802 ↔ 10.32843706, 105.53115606. Both follow Decision
    // 05/2007/QĐ-BTNMT; 1e-6° is about 11 cm.
    const pairs = [
      { x: 1189964, y: 600997, province: 'HCM', lat: 10.75909134, lng: 106.67523783 },
      { x: 1142228.861, y: 557975.802, province: 'DONG_THAP', lat: 10.32843706, lng: 105.53115606 },
    ];
    for (const pair of pairs) {
      const body = await query(`query($x: Float!, $y: Float!, $p: Province!) { planningAtVn2000(x: $x, y: $y, province: $p) { point { lat lng } ward { code } } }`, {
        x: pair.x,
        y: pair.y,
        p: pair.province,
      });
      assert.equal(body.errors, undefined, JSON.stringify(body.errors));
      const point = (body.data?.['planningAtVn2000'] as { point: { lat: number; lng: number } }).point;
      assert.ok(Math.abs(point.lat - pair.lat) < 1e-6 && Math.abs(point.lng - pair.lng) < 1e-6, `${JSON.stringify(point)} vs ${pair.lat}, ${pair.lng}`);
    }
    const [[west, south], , [east, north]] = centre.geometry.coordinates[0] as Rectangle;
    const printed = wgs84ToVn2000((south + north) / 2, (west + east) / 2, 105.75);
    const body = await query(`query($x: Float!, $y: Float!) { planningAtVn2000(x: $x, y: $y) { parcel { sheet number } } }`, {
      x: Math.round(printed.x * 1000) / 1000,
      y: Math.round(printed.y * 1000) / 1000,
    });
    assert.deepEqual(body.data?.['planningAtVn2000'], { parcel: { sheet: 204, number: 7 } });
  });

  test('ward + sheet + parcel, with the new ward or the pre-2025 one; unknown parts are NOT_FOUND by field', async () => {
    assert.equal(centre.ward.code, 'P-BAN-CO');
    const byFormer = await parcel(centre.formerWardName, 204, 7);
    assert.deepEqual([byFormer.ward.code, byFormer.sheet, byFormer.number], ['P-BAN-CO', 204, 7]);
    const lookup = `query($ward: String!, $sheet: Int!, $number: Int!) { parcelByNumber(ward: $ward, sheet: $sheet, number: $number) { number } }`;
    const cases = [
      { ward: 'P-KHONG-CO', sheet: 204, number: 7, field: 'ward' },
      { ward: 'Phường 99, Quận 3', sheet: 204, number: 7, field: 'ward' },
      { ward: 'P-BAN-CO', sheet: 9999, number: 7, field: 'sheet' },
      { ward: 'P-BAN-CO', sheet: 204, number: 999, field: 'number' },
    ];
    for (const { field, ...variables } of cases) {
      const body = await query(lookup, variables);
      assert.equal(errorCode(body), 'NOT_FOUND', JSON.stringify(variables));
      assert.equal(body.errors?.[0]?.extensions?.['field'], field);
    }
    assert.equal(errorCode(await query(lookup, { ward: 'P-BAN-CO', sheet: 0, number: 7 })), 'BAD_USER_INPUT');
  });

  test('a map box returns the parcels in it with their shapes; too large or malformed boxes are refused', async () => {
    const [[west, south], , [east, north]] = centre.geometry.coordinates[0] as Rectangle;
    const box = { west: west - 0.001, south: south - 0.001, east: east + 0.001, north: north + 0.001 };
    const text = `query($box: MapBox!, $first: Int) { parcelsInBox(box: $box, first: $first) { sheet number geometry(toleranceMeters: 1) } }`;
    const body = await query(text, { box, first: 200 });
    assert.equal(body.errors, undefined, JSON.stringify(body.errors));
    const parcels = body.data?.['parcelsInBox'] as { sheet: number; number: number; geometry: { type: string } }[];
    assert.ok(parcels.some((row) => row.sheet === 204 && row.number === 7) && parcels.every((row) => row.geometry.type === 'Polygon'));
    const capped = await query(text, { box, first: 3 });
    assert.equal((capped.data?.['parcelsInBox'] as unknown[]).length, 3);
    const huge = await query(text, { box: { west: 106, south: 10, east: 107.5, north: 11.5 } });
    assert.equal(errorCode(huge), 'MAP_BOX_TOO_LARGE');
    assert.equal(errorCode(await query(text, { box: { ...box, west: box.east, east: box.west } })), 'BAD_USER_INPUT');
    assert.equal(errorCode(await query(text, { box, first: 5000 })), 'BAD_USER_INPUT');
  });

  test('bad points: outside the provinces, outside Việt Nam, not finite, outside the VN-2000 zone — coded, echoing nothing', async () => {
    const hanoi = await at(21.0285, 105.8542);
    assert.equal(errorCode(hanoi), 'LOCATION_OUTSIDE_JURISDICTION');
    assert.ok(!JSON.stringify(hanoi.errors).includes('21.0285'));
    assert.equal(errorCode(await at(48.8584, 2.2945)), 'LOCATION_OUTSIDE_JURISDICTION');
    assert.equal(errorCode(await at(95, 106.7)), 'BAD_USER_INPUT');
    // JSON has no NaN; 1e400 parses as Infinity, and a string is no Float.
    const infinite = await hub.graphql('query($lat: Float!) { planningAt(lat: $lat, lng: 106.7) { ward { code } } }', { variables: { lat: 'NaN' } });
    assert.equal(errorCode(infinite.body), 'BAD_USER_INPUT');
    const raw = await fetch(`${hub.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query":"query($lat: Float!) { planningAt(lat: $lat, lng: 106.7) { ward { code } } }","variables":{"lat":1e400}}',
    });
    assert.equal(errorCode((await raw.json()) as GraphQLBody), 'BAD_USER_INPUT');
    const vn = `query($x: Float!, $y: Float!, $p: Province!, $m: Float) { planningAtVn2000(x: $x, y: $y, province: $p, centralMeridian: $m) { ward { code } } }`;
    assert.equal(errorCode(await query(vn, { x: 1189964, y: 900000, p: 'HCM' })), 'VN2000_OUTSIDE_ZONE');
    assert.equal(errorCode(await query(vn, { x: 50, y: 600997, p: 'HCM' })), 'VN2000_OUTSIDE_ZONE');
    assert.equal(errorCode(await query(vn, { x: 1189964, y: 600997, p: 'HCM', m: 105.1 })), 'BAD_USER_INPUT');
    // Đồng Tháp's certificate read as HCMC's: a point in Đồng Tháp, outside HCMC.
    assert.equal(errorCode(await query(vn, { x: 1142228.861, y: 557975.802, p: 'HCM' })), 'LOCATION_OUTSIDE_JURISDICTION');
  });
});
