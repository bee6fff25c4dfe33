// Planar geometry on WGS 84 longitude/latitude, exact where answers must agree: which polygon holds a
// point. Positions are GeoJSON's [lng, lat]. The point-in-polygon test uses an exact orientation sign
// (a floating-point filter, then exact BigInt arithmetic when the filter cannot decide), so the same
// input gives the same answer on every machine and every database — the database only narrows the
// candidates by bounding box (see subgraphs/planning/README.md, "Engine").
//
// Boundary rule: a point is treated as if moved an infinitesimal step east, then an even smaller step
// north. A point on an edge shared by two polygons therefore belongs to exactly one of them — the one
// to its east; on an east–west edge, the one to its north; at a shared vertex, the one its east-then-
// north neighbourhood falls in. A point on the outer boundary of a tiling belongs to it only when that
// step lands inside.

/** [lng, lat] in decimal degrees (RFC 7946 order). */
export type Position = readonly [number, number];
/** A closed ring: first and last positions equal, at least four positions. */
export type Ring = readonly Position[];
/** A polygon's rings: the shell first, then holes. */
export type PolygonRings = readonly Ring[];

/** The GeoJSON geometries this hub stores: polygons and multipolygons. */
export type AreaGeometry = { readonly type: 'Polygon'; readonly coordinates: PolygonRings } | { readonly type: 'MultiPolygon'; readonly coordinates: readonly PolygonRings[] };

/** A bounding box: west, south, east, north. */
export interface BBox {
  readonly west: number;
  readonly south: number;
  readonly east: number;
  readonly north: number;
}

// Shewchuk's bound for orient2d computed in doubles (ccwerrboundA = (3 + 16ε)ε, ε = 2^-53).
const EPSILON = 2 ** -53;
const ORIENT_BOUND = (3 + 16 * EPSILON) * EPSILON;

/** A double as m·2^e with m an integer (exact). */
function decompose(value: number): { m: bigint; e: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const high = view.getUint32(0);
  const low = view.getUint32(4);
  const exponent = (high >>> 20) & 0x7ff;
  let mantissa = (BigInt(high & 0xfffff) << 32n) | BigInt(low);
  if (exponent !== 0) mantissa |= 1n << 52n;
  const e = exponent === 0 ? -1074 : exponent - 1075;
  return { m: high >>> 31 ? -mantissa : mantissa, e };
}

function exactOrient(ax: number, ay: number, bx: number, by: number, px: number, py: number): number {
  const parts = [ax, ay, bx, by, px, py].map(decompose);
  const base = Math.min(...parts.map((part) => part.e));
  const [eax, eay, ebx, eby, epx, epy] = parts.map((part) => part.m << BigInt(part.e - base)) as [bigint, bigint, bigint, bigint, bigint, bigint];
  const det = (eax - epx) * (eby - epy) - (eay - epy) * (ebx - epx);
  return det > 0n ? 1 : det < 0n ? -1 : 0;
}

/** Sign of the turn a → b → p: 1 left (counter-clockwise), -1 right, 0 collinear. Exact. */
export function orientation(ax: number, ay: number, bx: number, by: number, px: number, py: number): number {
  const left = (ax - px) * (by - py);
  const right = (ay - py) * (bx - px);
  const det = left - right;
  const bound = ORIENT_BOUND * (Math.abs(left) + Math.abs(right));
  if (det > bound) return 1;
  if (-det > bound) return -1;
  return exactOrient(ax, ay, bx, by, px, py);
}

/** Whether (lng, lat) is inside `ring` under the boundary rule (crossing count of the ray eastwards). */
export function ringContains(ring: Ring, lng: number, lat: number): boolean {
  let inside = false;
  for (let index = 0; index + 1 < ring.length; index += 1) {
    const [ax, ay] = ring[index] as Position;
    const [bx, by] = ring[index + 1] as Position;
    // Half-open in latitude: a vertex exactly at `lat` counts as below (the point is nudged north).
    if (ay > lat === by > lat) continue;
    const turn = orientation(ax, ay, bx, by, lng, lat);
    // The edge crosses strictly east of the point: left of an upward edge, right of a downward one.
    // On the edge (turn 0) it does not count: the point is nudged east, past it.
    if (by > ay ? turn > 0 : turn < 0) inside = !inside;
  }
  return inside;
}

/** Whether a polygon (shell minus holes) holds the point under the boundary rule. */
export function polygonContains(rings: PolygonRings, lng: number, lat: number): boolean {
  const [shell, ...holes] = rings;
  if (!shell || !ringContains(shell, lng, lat)) return false;
  return !holes.some((hole) => ringContains(hole, lng, lat));
}

/** Whether a Polygon or MultiPolygon holds the point under the boundary rule. */
export function geometryContains(geometry: AreaGeometry, lng: number, lat: number): boolean {
  if (geometry.type === 'Polygon') return polygonContains(geometry.coordinates, lng, lat);
  return geometry.coordinates.some((polygon) => polygonContains(polygon, lng, lat));
}

/** The polygons of a geometry, whatever its type. */
export function polygonsOf(geometry: AreaGeometry): readonly PolygonRings[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** The bounding box of a geometry's shells. */
export function bboxOf(geometry: AreaGeometry): BBox {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const polygon of polygonsOf(geometry)) {
    for (const [lng, lat] of polygon[0] ?? []) {
      if (lng < west) west = lng;
      if (lng > east) east = lng;
      if (lat < south) south = lat;
      if (lat > north) north = lat;
    }
  }
  return { west, south, east, north };
}

/** Whether a box holds the point (edges included: boxes only pick candidates). */
export function bboxHolds(box: BBox, lng: number, lat: number): boolean {
  return lng >= box.west && lng <= box.east && lat >= box.south && lat <= box.north;
}

/** Area of a ring in square metres (shoelace on a local equirectangular projection; sign dropped). */
export function ringAreaM2(ring: Ring): number {
  const [x0, y0] = ring[0] ?? [0, 0];
  const kx = 111_320 * Math.cos((y0 * Math.PI) / 180);
  const ky = 110_574;
  let twice = 0;
  for (let index = 0; index + 1 < ring.length; index += 1) {
    const [ax, ay] = ring[index] as Position;
    const [bx, by] = ring[index + 1] as Position;
    // Relative to the first vertex, so the products stay small and precise.
    twice += (ax - x0) * kx * ((by - y0) * ky) - (bx - x0) * kx * ((ay - y0) * ky);
  }
  return Math.abs(twice) / 2;
}

/** A point inside a polygon's shell (and outside its holes): the middle of the widest span across the scanline through its middle latitude. */
export function interiorPoint(rings: PolygonRings): Position {
  const shell = rings[0] ?? [];
  const box = bboxOf({ type: 'Polygon', coordinates: rings });
  const lat = (box.south + box.north) / 2;
  const crossings: number[] = [];
  for (const ring of rings) {
    for (let index = 0; index + 1 < ring.length; index += 1) {
      const [ax, ay] = ring[index] as Position;
      const [bx, by] = ring[index + 1] as Position;
      if (ay > lat !== by > lat) crossings.push(ax + ((lat - ay) * (bx - ax)) / (by - ay));
    }
  }
  crossings.sort((a, b) => a - b);
  let best: Position = shell[0] ?? [0, 0];
  let width = -1;
  for (let index = 0; index + 1 < crossings.length; index += 2) {
    const [west, east] = [crossings[index] as number, crossings[index + 1] as number];
    if (east - west > width) {
      width = east - west;
      best = [(west + east) / 2, lat];
    }
  }
  return best;
}
