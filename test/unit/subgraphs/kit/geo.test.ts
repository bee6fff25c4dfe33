// kit/geo: the exact point-in-polygon test and its boundary rule, the modelled ward tiling (every
// point of a shared edge or vertex in exactly one ward), geometry validation reasons, simplification,
// and the cost of a ward-from-point lookup (reported, not timed: CI machines vary).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { geometryContains, orientation, ringContains } from '../../../../subgraphs/kit/geo/geometry.ts';
import type { AreaGeometry, Position } from '../../../../subgraphs/kit/geo/geometry.ts';
import { simplifyGeometry } from '../../../../subgraphs/kit/geo/simplify.ts';
import { checkGeometry } from '../../../../subgraphs/kit/geo/validate.ts';
import { wardAt, wardBoundary } from '../../../../subgraphs/kit/geo/ward-boundaries.ts';
import { WARDS } from '../../../../subgraphs/kit/reference/wards.ts';

const VIETNAM = { west: 102, south: 8, east: 110, north: 23.5 };
const square = (west: number, south: number, east: number, north: number): Position[] => [
  [west, south],
  [east, south],
  [east, north],
  [west, north],
  [west, south],
];

function wardsHolding(lng: number, lat: number): string[] {
  return WARDS.filter((ward) => geometryContains(wardBoundary(ward.code) as AreaGeometry, lng, lat)).map((ward) => ward.code);
}

describe('kit/geo', () => {
  test('orientation is exact where floating point is not', () => {
    // Three points on one line whose double-precision determinant is not exactly zero.
    const [ax, ay, bx, by] = [106.1, 10.1, 106.3, 10.3];
    const t = 0.5;
    const [px, py] = [ax + t * (bx - ax), ay + t * (by - ay)];
    assert.equal(orientation(ax, ay, bx, by, px, py), -orientation(bx, by, ax, ay, px, py), 'antisymmetric');
    assert.equal(orientation(0.5, 0.5, 12, 12, 24, 24), 0);
    assert.equal(orientation(0, 0, 1, 0, 0.5, Number.MIN_VALUE), 1);
  });

  test('boundary rule: a shared edge belongs to the east side, an east–west edge to the north side', () => {
    const west = square(106, 10, 106.1, 10.1);
    const east = square(106.1, 10, 106.2, 10.1);
    const north = square(106, 10.1, 106.1, 10.2);
    assert.deepEqual([ringContains(west, 106.1, 10.05), ringContains(east, 106.1, 10.05)], [false, true]);
    assert.deepEqual([ringContains(west, 106.05, 10.1), ringContains(north, 106.05, 10.1)], [false, true]);
    // The outer corner of a lone square is outside it (east then north leaves it); the south-west corner is inside.
    assert.equal(ringContains(west, 106.1, 10.1), false);
    assert.equal(ringContains(west, 106, 10), true);
  });

  test('the modelled wards tile their provinces: each ward holds its centre; points on shared edges and vertices are in exactly one ward', () => {
    for (const ward of WARDS) assert.equal(wardAt(ward.lat, ward.lng)?.code, ward.code, ward.code);
    let checked = 0;
    for (const ward of WARDS) {
      const ring = (wardBoundary(ward.code) as unknown as { coordinates: Position[][] }).coordinates[0] as Position[];
      for (let index = 0; index + 1 < ring.length; index += 1) {
        const [a, b] = [ring[index] as Position, ring[index + 1] as Position];
        for (const [lng, lat] of [a, [a[0] + (b[0] - a[0]) / 2, a[1] + (b[1] - a[1]) / 2] as Position]) {
          const holders = wardsHolding(lng, lat);
          assert.ok(holders.length <= 1, `${lng},${lat} in ${holders.join(', ')}`);
          // Points strictly inside the province's outline (not on it) are in exactly one ward.
          if (wardsHolding(lng + 1e-9, lat + 1e-9).length + wardsHolding(lng - 1e-9, lat - 1e-9).length === 2) assert.equal(holders.length, 1, `${lng},${lat}`);
          assert.equal(wardAt(lat, lng)?.code, holders[0]);
          checked += 1;
        }
      }
    }
    assert.ok(checked > 500);
  });

  test('the index answers as walking every ward does, in settled cells and near edges alike', () => {
    // A lattice over HCMC and beyond its outline, its steps a quarter of the index's 0.01° cells.
    let inside = 0;
    for (let lat = 10.3; lat <= 11.2; lat += 0.0025) {
      for (let lng = 106.2; lng <= 107.1; lng += 0.0025) {
        const holders = wardsHolding(lng, lat);
        assert.equal(wardAt(lat, lng)?.code, holders[0], `${lng},${lat}`);
        if (holders.length > 0) inside += 1;
      }
    }
    assert.ok(inside > 10_000, `${inside} lattice points inside a ward`);
  });

  test('outside the jurisdiction there is no ward: Hà Nội, Phnom Penh, the sea, non-finite input', () => {
    for (const [lat, lng] of [
      [21.0285, 105.8542],
      [11.5564, 104.9282],
      [9.5, 107.5],
      [Number.NaN, 106.7],
      [10.77, Number.POSITIVE_INFINITY],
    ] as const) {
      assert.equal(wardAt(lat, lng), undefined, `${lat},${lng}`);
    }
  });

  test('ward-from-point costs well under 0.2 ms', () => {
    const started = performance.now();
    let found = 0;
    for (let index = 0; index < 20_000; index += 1) if (wardAt(10.6 + (index % 137) * 0.005, 106.4 + (index % 151) * 0.004)) found += 1;
    const perLookupMs = (performance.now() - started) / 20_000;
    assert.ok(found > 0);
    assert.ok(perLookupMs < 0.2, `${perLookupMs} ms per lookup`);
  });

  test('validation names what is wrong', () => {
    const reason = (geometry: unknown): string | undefined => {
      const checked = checkGeometry(geometry, VIETNAM);
      return checked.ok ? undefined : checked.reason;
    };
    // One ring as a flat list of lng, lat pairs.
    const ring = (...values: unknown[]): unknown => ({ type: 'Polygon', coordinates: [values.flatMap((value, index) => (index % 2 === 0 ? [[value, values[index + 1]]] : []))] });
    const cases: [unknown, string | undefined][] = [
      [{ type: 'Polygon', coordinates: [square(106, 10, 106.1, 10.1)] }, undefined],
      [{ type: 'Point', coordinates: [106, 10] }, 'geometry type must be Polygon or MultiPolygon'],
      [{ type: 'Polygon', coordinates: [square(106, 10, 106.1, 10.1).slice(0, 4)] }, 'ring not closed'],
      [ring(106, 10, 106.1, 10.1, 106.1, 10, 106, 10.05, 106, 10), 'self-intersection'],
      [{ type: 'Polygon', coordinates: [square(2, 48, 2.1, 48.1)] }, 'outside the province'],
      [{ type: 'Polygon', coordinates: [square(106, 10, 200, 10.1)] }, 'coordinate out of range'],
      [ring(106, 10, 106.1, 10, 106, 10), 'ring has fewer than 4 positions'],
      [ring(106, 10, 106.1, 10, 106.2, 10, 106, 10), 'ring has no area'],
      [ring(106, 10, 'x', 10, 106.2, 10, 106, 10), 'ring is not a list of [lng, lat] positions'],
    ];
    for (const [geometry, expected] of cases) assert.equal(reason(geometry), expected, JSON.stringify(geometry));
  });

  test('simplification drops vertices within the tolerance and keeps rings closed', () => {
    // A square with a 5 m bump on one side: 1 m keeps it, 20 m drops it.
    const bump: Position[] = [
      [106, 10],
      [106.001, 10],
      [106.0015, 10.000045],
      [106.002, 10],
      [106.002, 10.002],
      [106, 10.002],
      [106, 10],
    ];
    const geometry: AreaGeometry = { type: 'Polygon', coordinates: [bump] };
    assert.equal((simplifyGeometry(geometry, 1) as unknown as { coordinates: Position[][] }).coordinates[0]?.length, 7);
    const rough = (simplifyGeometry(geometry, 20) as unknown as { coordinates: Position[][] }).coordinates[0] as Position[];
    assert.equal(rough.length, 5);
    assert.deepEqual(rough[0], rough[rough.length - 1]);
  });
});
