// Checks a GeoJSON Polygon/MultiPolygon before it is stored: structure, coordinates in range, rings
// closed and long enough, no zero-area ring, no ring crossing or touching itself or its siblings.
// Returns the first reason found (a short English phrase, safe to show: it names no data).
import { orientation, ringAreaM2 } from './geometry.ts';
import type { AreaGeometry, Position, Ring } from './geometry.ts';

/** A valid geometry, or why not. */
export type GeometryCheck = { readonly ok: true; readonly geometry: AreaGeometry } | { readonly ok: false; readonly reason: string };

function isPosition(value: unknown): value is Position {
  return Array.isArray(value) && value.length >= 2 && value.length <= 3 && value.every((item) => typeof item === 'number');
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
      if (!Array.isArray(ring) || !ring.every(isPosition)) return { ok: false, reason: 'ring is not a list of [lng, lat] positions' };
      for (const [lng, lat] of ring) {
        if (!Number.isFinite(lng) || !Number.isFinite(lat) || lng < -180 || lng > 180 || lat < -90 || lat > 90) return { ok: false, reason: 'coordinate out of range' };
        if (lng < bounds.west || lng > bounds.east || lat < bounds.south || lat > bounds.north) return { ok: false, reason: 'outside the province' };
      }
      // Repeated consecutive positions add nothing: dropped (GeoJSON allows them).
      const positions = ring.map(([lng, lat]) => [lng, lat] as const).filter((position, index, all) => index === 0 || position[0] !== all[index - 1]?.[0] || position[1] !== all[index - 1]?.[1]);
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

function onSegment(s: Segment, px: number, py: number): boolean {
  return Math.min(s.ax, s.bx) <= px && px <= Math.max(s.ax, s.bx) && Math.min(s.ay, s.by) <= py && py <= Math.max(s.ay, s.by);
}

/** Whether two segments meet (touching counts). */
function meet(s: Segment, t: Segment): boolean {
  const o1 = orientation(s.ax, s.ay, s.bx, s.by, t.ax, t.ay);
  const o2 = orientation(s.ax, s.ay, s.bx, s.by, t.bx, t.by);
  const o3 = orientation(t.ax, t.ay, t.bx, t.by, s.ax, s.ay);
  const o4 = orientation(t.ax, t.ay, t.bx, t.by, s.bx, s.by);
  if (o1 * o2 < 0 && o3 * o4 < 0) return true;
  return (o1 === 0 && onSegment(s, t.ax, t.ay)) || (o2 === 0 && onSegment(s, t.bx, t.by)) || (o3 === 0 && onSegment(t, s.ax, s.ay)) || (o4 === 0 && onSegment(t, s.bx, s.by));
}

/**
 * Whether any two edges of a polygon's rings meet other than consecutive edges at their shared vertex:
 * a sweep over edges sorted by west end, so only edges overlapping in longitude are compared.
 */
function crossingRings(rings: readonly Ring[]): boolean {
  const segments: Segment[] = [];
  rings.forEach((ring, ringIndex) => {
    for (let index = 0; index + 1 < ring.length; index += 1) {
      const [ax, ay] = ring[index] as Position;
      const [bx, by] = ring[index + 1] as Position;
      segments.push({ ring: ringIndex, index, ax, ay, bx, by, minX: Math.min(ax, bx), maxX: Math.max(ax, bx) });
    }
  });
  const edges = (ring: number): number => (rings[ring]?.length ?? 1) - 1;
  segments.sort((s, t) => s.minX - t.minX);
  for (let i = 0; i < segments.length; i += 1) {
    const s = segments[i] as Segment;
    for (let j = i + 1; j < segments.length; j += 1) {
      const t = segments[j] as Segment;
      if (t.minX > s.maxX) break;
      if (s.ring === t.ring) {
        const gap = Math.abs(s.index - t.index);
        if (gap === 1 || gap === edges(s.ring) - 1) {
          // Consecutive edges share one vertex; they are bad only if they fold back over each other.
          const [first, second] = s.index < t.index === (gap === 1) ? [s, t] : [t, s];
          if (orientation(first.ax, first.ay, first.bx, first.by, second.bx, second.by) === 0 && onSegment(first, second.bx, second.by)) return true;
          if (orientation(second.ax, second.ay, second.bx, second.by, first.ax, first.ay) === 0 && onSegment(second, first.ax, first.ay)) return true;
          continue;
        }
      }
      if (meet(s, t)) return true;
    }
  }
  return false;
}
