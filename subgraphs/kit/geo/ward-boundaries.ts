// The one boundary lookup every subgraph uses to decide a ward from a point (feedback intake on every
// channel, the heat map's drill-down, planning). The boundaries here are MODELLED, not surveyed: no
// openly licensed set of the post-1/7/2025 ward boundaries is reachable from this project's build
// machines (only the npm registry and Debian's archive are). Each province is a hand-drawn convex
// outline (HCMC's includes some of Đồng Nai and Long An; Côn Đảo is its own island outline), cut into
// the Voronoi cells of the reference ward centres (../reference/wards.ts). Cells share their vertices
// bit for bit (each vertex is computed once, from the sites that define it), so the wards tile each
// province without gaps or overlaps and the boundary rule of geometry.ts gives every point one ward.
import { WARDS } from '../reference/wards.ts';
import type { Ward } from '../reference/wards.ts';
import { BoundaryIndex } from './boundary-index.ts';
import { bboxOf, orientation } from './geometry.ts';
import type { AreaGeometry, BBox, Position } from './geometry.ts';

/** A province of the hub's jurisdiction. */
export type ProvinceCode = Ward['province'];

interface Region {
  readonly province: ProvinceCode;
  /** Convex, counter-clockwise, not closed. modelled. */
  readonly outline: readonly Position[];
  readonly wardCodes: readonly string[];
}

const HCM_MAINLAND: readonly Position[] = [
  [106.45, 10.62],
  [106.72, 10.38],
  [107.08, 10.31],
  [107.58, 10.5],
  [107.58, 10.75],
  [106.95, 11.4],
  [106.7, 11.52],
  [106.3, 11.52],
  [106.22, 11.3],
];
const CON_DAO: readonly Position[] = [
  [106.53, 8.63],
  [106.7, 8.63],
  [106.7, 8.76],
  [106.53, 8.76],
];
const DONG_THAP: readonly Position[] = [
  [105.3, 10.45],
  [105.6, 10.22],
  [106.3, 10.2],
  [106.72, 10.28],
  [106.62, 10.42],
  [105.85, 10.88],
  [105.5, 10.98],
  [105.2, 10.92],
  [105.15, 10.7],
];

const REGIONS: readonly Region[] = [
  { province: 'HCM', outline: HCM_MAINLAND, wardCodes: WARDS.filter((ward) => ward.province === 'HCM' && ward.code !== 'DK-CON-DAO').map((ward) => ward.code) },
  { province: 'HCM', outline: CON_DAO, wardCodes: ['DK-CON-DAO'] },
  { province: 'DONG_THAP', outline: DONG_THAP, wardCodes: WARDS.filter((ward) => ward.province === 'DONG_THAP').map((ward) => ward.code) },
];

// Voronoi cells are computed on x = lng·cos(10.8°), y = lat, so that they are near-isotropic in metres.
const KX = Math.cos((10.8 * Math.PI) / 180);

/** A straight line a·x + b·y = c with a label that names it for the vertex cache. */
interface Line {
  readonly label: string;
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

interface Vertex {
  readonly x: number;
  readonly y: number;
  /** Label of the line from this vertex to the next. */
  readonly out: string;
}

function intersect(l: Line, m: Line): [number, number] {
  const det = l.a * m.b - m.a * l.b;
  return [(l.c * m.b - m.c * l.b) / det, (l.a * m.c - m.a * l.c) / det];
}

/** Build the modelled ward polygons: one Polygon per ward, vertices shared exactly between neighbours. */
function buildWardGeometries(): Map<string, AreaGeometry> {
  const result = new Map<string, AreaGeometry>();
  REGIONS.forEach((region, regionIndex) => {
    const outline = region.outline;
    for (let index = 0; index < outline.length; index += 1) {
      const [a, b, c] = [outline[index], outline[(index + 1) % outline.length], outline[(index + 2) % outline.length]] as [Position, Position, Position];
      if (orientation(a[0], a[1], b[0], b[1], c[0], c[1]) <= 0) throw new Error(`modelled outline ${regionIndex} is not convex and counter-clockwise at ${index + 1}`);
    }
    const sites = region.wardCodes.map((code) => {
      const ward = WARDS.find((candidate) => candidate.code === code) as Ward;
      return { code, x: ward.lng * KX, y: ward.lat };
    });
    const lines = new Map<string, Line>();
    const edgeLine = (index: number): Line => {
      const [p, q] = [outline[index], outline[(index + 1) % outline.length]] as [Position, Position];
      const [px, py, qx, qy] = [p[0] * KX, p[1], q[0] * KX, q[1]];
      return { label: `e${regionIndex}:${index}`, a: qy - py, b: px - qx, c: (qy - py) * px + (px - qx) * py };
    };
    const bisector = (i: number, j: number): Line => {
      const [lo, hi] = i < j ? [i, j] : [j, i];
      const label = `b${regionIndex}:${lo}:${hi}`;
      const known = lines.get(label);
      if (known) return known;
      const s = sites[lo] as { x: number; y: number };
      const t = sites[hi] as { x: number; y: number };
      const line = { label, a: t.x - s.x, b: t.y - s.y, c: (t.x * t.x + t.y * t.y - s.x * s.x - s.y * s.y) / 2 };
      lines.set(label, line);
      return line;
    };
    outline.forEach((_position, index) => lines.set(`e${regionIndex}:${index}`, edgeLine(index)));
    // Each vertex once, keyed by the two lines through it: neighbours get the same doubles.
    const vertices = new Map<string, Position>();
    const canonical = (incoming: string, outgoing: string): Position => {
      const [first, second] = [incoming, outgoing].sort() as [string, string];
      const key = `${first}|${second}`;
      const known = vertices.get(key);
      if (known) return known;
      let position: Position;
      if (incoming.startsWith('e') && outgoing.startsWith('e')) {
        position = outline[Number(outgoing.split(':')[1])] as Position;
      } else {
        const [x, y] = second.startsWith('b') ? circumcentre(first, second) : intersect(lines.get(first) as Line, lines.get(second) as Line);
        position = [Math.round((x / KX) * 1e7) / 1e7, Math.round(y * 1e7) / 1e7];
      }
      vertices.set(key, position);
      return position;
    };
    // Three sites meet at one point whichever two of their bisectors are crossed.
    const circumcentre = (first: string, second: string): [number, number] => {
      const ids = [...new Set([...first.split(':').slice(1), ...second.split(':').slice(1)].map(Number))].sort((p, q) => p - q);
      if (ids.length !== 3) throw new Error(`modelled boundary: ${first} and ${second} do not meet at one vertex`);
      return intersect(bisector(ids[0] as number, ids[1] as number), bisector(ids[0] as number, ids[2] as number));
    };
    sites.forEach((site, i) => {
      let cell: Vertex[] = outline.map((position, index) => ({ x: position[0] * KX, y: position[1], out: `e${regionIndex}:${index}` }));
      sites.forEach((_other, j) => {
        if (i === j) return;
        const line = bisector(i, j);
        // Keep the side nearer site i: a·x + b·y <= c when i is the lower index, >= otherwise.
        const sign = i < j ? 1 : -1;
        const inside = (v: { x: number; y: number }): boolean => sign * (line.a * v.x + line.b * v.y - line.c) <= 0;
        const next: Vertex[] = [];
        cell.forEach((vertex, index) => {
          const following = cell[(index + 1) % cell.length] as Vertex;
          const [vin, fin] = [inside(vertex), inside(following)];
          if (vin) next.push(vertex);
          if (vin !== fin) {
            const [x, y] = intersect(lines.get(vertex.out) as Line, line);
            // Entering the kept side: the new vertex continues along the old edge; leaving: along the bisector.
            next.push({ x, y, out: vin ? line.label : vertex.out });
          }
        });
        cell = next;
      });
      if (cell.length < 3) throw new Error(`modelled ward ${site.code} has no cell`);
      const ring = cell.map((vertex, index) => canonical((cell[(index - 1 + cell.length) % cell.length] as Vertex).out, vertex.out));
      result.set(site.code, { type: 'Polygon', coordinates: [[...ring, ring[0] as Position]] });
    });
  });
  return result;
}

let built: { geometries: Map<string, AreaGeometry>; index: BoundaryIndex<Ward>; provinces: Map<ProvinceCode, BBox> } | undefined;

function boundaries(): NonNullable<typeof built> {
  if (!built) {
    const geometries = buildWardGeometries();
    const features = WARDS.map((ward) => ({ value: ward, geometry: geometries.get(ward.code) as AreaGeometry }));
    const provinces = new Map<ProvinceCode, BBox>();
    for (const { value, geometry } of features) {
      const box = bboxOf(geometry);
      const known = provinces.get(value.province);
      provinces.set(
        value.province,
        known ? { west: Math.min(known.west, box.west), south: Math.min(known.south, box.south), east: Math.max(known.east, box.east), north: Math.max(known.north, box.north) } : box,
      );
    }
    built = { geometries, index: new BoundaryIndex(features), provinces };
  }
  return built;
}

/** The ward whose boundary holds (lat, lng), or undefined outside the hub's jurisdiction. */
export function wardAt(lat: number, lng: number): Ward | undefined {
  return boundaries().index.find(lng, lat);
}

/** A ward's boundary (modelled), as a GeoJSON geometry. */
export function wardBoundary(code: string): AreaGeometry | undefined {
  return boundaries().geometries.get(code);
}

/** The bounding box of a province's wards. */
export function provinceBounds(province: ProvinceCode): BBox | undefined {
  return boundaries().provinces.get(province);
}

/** Whether (lat, lng) is inside one of the hub's wards: the jurisdiction check of every intake channel. */
export function inJurisdiction(lat: number, lng: number): boolean {
  return wardAt(lat, lng) !== undefined;
}
