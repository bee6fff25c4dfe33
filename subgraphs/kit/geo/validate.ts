// Checks a GeoJSON Polygon/MultiPolygon before it is stored: structure, coordinates in range, rings
// closed and long enough, no zero-area ring, no ring crossing or touching itself or its siblings.
// Returns the first reason found (a short English phrase, safe to show: it names no data).
import { orientation, ringAreaM2 } from './geometry.ts';
import type { AreaGeometry, Position, Ring } from './geometry.ts';

/** A valid geometry, or why not. */
export type GeometryCheck = { readonly ok: true; readonly geometry: AreaGeometry } | { readonly ok: false; readonly reason: string };

function isPosition(value: unknown): value is Position {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3) return false;
  for (let index = 0; index < value.length; index += 1) if (typeof value[index] !== 'number') return false;
  return true;
}

/**
 * The ring's positions without repeated consecutive ones (GeoJSON allows them; they add nothing) and
 * without a third coordinate: `ring` itself when it has neither, which is the usual case (no copy).
 */
function cleanRing(ring: readonly Position[]): Position[] {
  let clean = true;
  for (let index = 0; index < ring.length && clean; index += 1) {
    const position = ring[index] as Position;
    const previous = ring[index - 1];
    if (position.length !== 2 || (previous !== undefined && position[0] === previous[0] && position[1] === previous[1])) clean = false;
  }
  if (clean) return ring as Position[];
  const positions: Position[] = [];
  for (const [lng, lat] of ring) {
    const previous = positions[positions.length - 1];
    if (previous === undefined || lng !== previous[0] || lat !== previous[1]) positions.push([lng, lat]);
  }
  return positions;
}

/** Parse and validate `value` as a Polygon or MultiPolygon with coordinates inside `bounds`. */
export function checkGeometry(value: unknown, bounds: { west: number; south: number; east: number; north: number }): GeometryCheck {
  const input = value as { type?: unknown; coordinates?: unknown } | null;
  if (typeof input !== 'object' || input === null) return { ok: false, reason: 'geometry missing' };
  if (input.type !== 'Polygon' && input.type !== 'MultiPolygon') return { ok: false, reason: `geometry type must be Polygon or MultiPolygon` };
  const polygons = input.type === 'Polygon' ? [input.coordinates] : input.coordinates;
  if (!Array.isArray(polygons) || polygons.length === 0) return { ok: false, reason: 'coordinates missing' };
  const cleaned: Position[][][] = [];
  for (const polygon of polygons as unknown[]) {
    if (!Array.isArray(polygon) || polygon.length === 0) return { ok: false, reason: 'polygon without rings' };
    const rings: Position[][] = [];
    for (const ring of polygon as unknown[]) {
      if (!Array.isArray(ring)) return { ok: false, reason: 'ring is not a list of [lng, lat] positions' };
      for (let index = 0; index < ring.length; index += 1) if (!isPosition(ring[index])) return { ok: false, reason: 'ring is not a list of [lng, lat] positions' };
      for (let index = 0; index < ring.length; index += 1) {
        const [lng, lat] = ring[index] as Position;
        if (!Number.isFinite(lng) || !Number.isFinite(lat) || lng < -180 || lng > 180 || lat < -90 || lat > 90) return { ok: false, reason: 'coordinate out of range' };
        if (lng < bounds.west || lng > bounds.east || lat < bounds.south || lat > bounds.north) return { ok: false, reason: 'outside the province' };
      }
      const positions = cleanRing(ring as Position[]);
      const first = positions[0];
      const last = positions[positions.length - 1];
      if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) return { ok: false, reason: 'ring not closed' };
      if (positions.length < 4) return { ok: false, reason: 'ring has fewer than 4 positions' };
      if (ringAreaM2(positions) === 0) return { ok: false, reason: 'ring has no area' };
      rings.push(positions);
    }
    if (crossingRings(rings)) return { ok: false, reason: 'self-intersection' };
    cleaned.push(rings);
  }
  const geometry: AreaGeometry = input.type === 'Polygon' ? { type: 'Polygon', coordinates: cleaned[0] as Position[][] } : { type: 'MultiPolygon', coordinates: cleaned };
  return { ok: true, geometry };
}

interface Segment {
  readonly ring: number;
  readonly index: number;
  readonly ax: number;
  readonly ay: number;
  readonly bx: number;
  readonly by: number;
  readonly minX: number;
  readonly maxX: number;
}

/** Whether (px, py), known to be collinear with a–b, lies on the segment a–b. */
function onSegment(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return Math.min(ax, bx) <= px && px <= Math.max(ax, bx) && Math.min(ay, by) <= py && py <= Math.max(ay, by);
}

/** Whether segments a–b and c–d meet (touching counts). */
function meet(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const o1 = orientation(ax, ay, bx, by, cx, cy);
  const o2 = orientation(ax, ay, bx, by, dx, dy);
  const o3 = orientation(cx, cy, dx, dy, ax, ay);
  const o4 = orientation(cx, cy, dx, dy, bx, by);
  if (o1 * o2 < 0 && o3 * o4 < 0) return true;
  return (
    (o1 === 0 && onSegment(ax, ay, bx, by, cx, cy)) ||
    (o2 === 0 && onSegment(ax, ay, bx, by, dx, dy)) ||
    (o3 === 0 && onSegment(cx, cy, dx, dy, ax, ay)) ||
    (o4 === 0 && onSegment(cx, cy, dx, dy, bx, by))
  );
}

/** Whether edge a–b, then edge b–c (consecutive, sharing b), fold back over each other. */
function foldsBack(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): boolean {
  return (orientation(ax, ay, bx, by, cx, cy) === 0 && onSegment(ax, ay, bx, by, cx, cy)) || (orientation(bx, by, cx, cy, ax, ay) === 0 && onSegment(bx, by, cx, cy, ax, ay));
}

/**
 * Whether edge `i` of ring `r` and edge `j` of ring `q` meet other than as consecutive edges at their
 * shared vertex. Nothing is allocated: this runs for every pair of a parcel's edges.
 */
function edgesMeet(rings: readonly Ring[], r: number, i: number, q: number, j: number): boolean {
  const ring = rings[r] as Ring;
  const other = rings[q] as Ring;
  const [ax, ay] = ring[i] as Position;
  const [bx, by] = ring[i + 1] as Position;
  const [cx, cy] = other[j] as Position;
  const [dx, dy] = other[j + 1] as Position;
  // Edges apart in longitude or latitude cannot meet: the common case, decided without orientation tests.
  if (Math.max(ax, bx) < Math.min(cx, dx) || Math.max(cx, dx) < Math.min(ax, bx) || Math.max(ay, by) < Math.min(cy, dy) || Math.max(cy, dy) < Math.min(ay, by)) return false;
  if (r === q) {
    const edges = ring.length - 1;
    const gap = Math.abs(i - j);
    // Consecutive edges share one vertex; they are bad only if they fold back over each other.
    if (gap === 1) return i < j ? foldsBack(ax, ay, bx, by, dx, dy) : foldsBack(cx, cy, dx, dy, bx, by);
    if (gap === edges - 1) return i < j ? foldsBack(cx, cy, dx, dy, bx, by) : foldsBack(ax, ay, bx, by, dx, dy);
  }
  return meet(ax, ay, bx, by, cx, cy, dx, dy);
}

/** Up to this many edges in all, every pair is compared directly (a parcel has 4 to a few dozen); above it, the sweep. */
const DIRECT_PAIRS_UP_TO = 64;

/**
 * Whether any two edges of a polygon's rings meet other than consecutive edges at their shared vertex.
 * Few edges: every pair, with a bounding-box test first. Many: a sweep over edges sorted by west end,
 * so only edges overlapping in longitude are compared.
 */
function crossingRings(rings: readonly Ring[]): boolean {
  let total = 0;
  for (const ring of rings) total += ring.length - 1;
  if (total <= DIRECT_PAIRS_UP_TO) {
    for (let r = 0; r < rings.length; r += 1) {
      const edges = (rings[r] as Ring).length - 1;
      for (let i = 0; i < edges; i += 1) {
        for (let j = i + 1; j < edges; j += 1) if (edgesMeet(rings, r, i, r, j)) return true;
        for (let q = r + 1; q < rings.length; q += 1) {
          const others = (rings[q] as Ring).length - 1;
          for (let j = 0; j < others; j += 1) if (edgesMeet(rings, r, i, q, j)) return true;
        }
      }
    }
    return false;
  }
  const segments: Segment[] = [];
  rings.forEach((ring, ringIndex) => {
    for (let index = 0; index + 1 < ring.length; index += 1) {
      const [ax, ay] = ring[index] as Position;
      const [bx, by] = ring[index + 1] as Position;
      segments.push({ ring: ringIndex, index, ax, ay, bx, by, minX: Math.min(ax, bx), maxX: Math.max(ax, bx) });
    }
  });
  segments.sort((s, t) => s.minX - t.minX);
  for (let i = 0; i < segments.length; i += 1) {
    const s = segments[i] as Segment;
    for (let j = i + 1; j < segments.length; j += 1) {
      const t = segments[j] as Segment;
      if (t.minX > s.maxX) break;
      if (edgesMeet(rings, s.ring, s.index, t.ring, t.index)) return true;
    }
  }
  return false;
}
