// An in-memory index of area features for "which one holds this point": a uniform grid over their
// extent, each cell listing the features whose bounding box meets it, then the exact test
// (geometry.ts) on those few. Built once; a lookup is a cell read and a handful of ring walks — or,
// in a cell that no feature's edge comes near, only the cell read: such a cell lies wholly inside
// one feature (or none), found once at build time by the same exact test on its centre.
import { bboxHolds, bboxOf, geometryContains, polygonsOf } from './geometry.ts';
import type { AreaGeometry, BBox, Position } from './geometry.ts';

/** Margin (degrees, about 0.1 mm) by which a cell is widened before asking whether an edge meets it: far above rounding. */
const MARGIN = 1e-9;

/** Whether segment a–b meets the box (Liang–Barsky clipping; edges and corners count). */
function segmentMeetsBox(ax: number, ay: number, bx: number, by: number, box: BBox): boolean {
  let low = 0;
  let high = 1;
  const dx = bx - ax;
  const dy = by - ay;
  for (const [p, q] of [
    [-dx, ax - box.west],
    [dx, box.east - ax],
    [-dy, ay - box.south],
    [dy, box.north - ay],
  ] as const) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) low = Math.max(low, t);
      else high = Math.min(high, t);
      if (low > high) return false;
    }
  }
  return true;
}

/** One indexed feature. */
export interface AreaFeature<T> {
  readonly value: T;
  readonly geometry: AreaGeometry;
}

/** Features by grid cell; `find` returns the one holding a point, if any. */
export class BoundaryIndex<T> {
  private readonly features: readonly (AreaFeature<T> & { readonly bbox: BBox })[];
  private readonly cells: readonly (readonly number[])[];
  /** Per cell: the feature holding all of it, -1 when none does, -2 when an edge comes near (walk the candidates). */
  private readonly settled: Int32Array;
  private readonly extent: BBox;
  private readonly columns: number;
  private readonly rows: number;
  private readonly cellSize: number;

  /** Index `features` on a grid of `cellSize` degrees. Order matters only for overlapping input. */
  constructor(features: readonly AreaFeature<T>[], cellSize = 0.01) {
    this.features = features.map((feature) => ({ ...feature, bbox: bboxOf(feature.geometry) }));
    this.cellSize = cellSize;
    const boxes = this.features.map((feature) => feature.bbox);
    this.extent = {
      west: Math.min(...boxes.map((box) => box.west)),
      south: Math.min(...boxes.map((box) => box.south)),
      east: Math.max(...boxes.map((box) => box.east)),
      north: Math.max(...boxes.map((box) => box.north)),
    };
    this.columns = Math.max(1, Math.ceil((this.extent.east - this.extent.west) / cellSize) + 1);
    this.rows = Math.max(1, Math.ceil((this.extent.north - this.extent.south) / cellSize) + 1);
    const cells: number[][] = Array.from({ length: this.columns * this.rows }, () => []);
    this.features.forEach((feature, index) => {
      const [c0, r0] = this.cellOf(feature.bbox.west, feature.bbox.south);
      const [c1, r1] = this.cellOf(feature.bbox.east, feature.bbox.north);
      for (let row = r0; row <= r1; row += 1) for (let column = c0; column <= c1; column += 1) cells[row * this.columns + column]?.push(index);
    });
    this.cells = cells;
    this.settled = new Int32Array(cells.length).fill(-2);
    cells.forEach((candidates, index) => {
      const column = index % this.columns;
      const row = Math.floor(index / this.columns);
      const west = this.extent.west + column * cellSize;
      const south = this.extent.south + row * cellSize;
      // The last column and row take every point beyond them (cellOf clamps): never settled.
      if (column === this.columns - 1 || row === this.rows - 1) return;
      const box = { west: west - MARGIN, south: south - MARGIN, east: west + cellSize + MARGIN, north: south + cellSize + MARGIN };
      const near = candidates.some((candidate) =>
        polygonsOf(this.features[candidate]!.geometry).some((rings) =>
          rings.some((ring) => ring.some((position, at) => at + 1 < ring.length && segmentMeetsBox(position[0], position[1], (ring[at + 1] as Position)[0], (ring[at + 1] as Position)[1], box))),
        ),
      );
      if (near) return;
      // No edge meets the (widened) cell: every point of it is where its centre is.
      const [lng, lat] = [west + cellSize / 2, south + cellSize / 2];
      this.settled[index] = candidates.find((candidate) => geometryContains(this.features[candidate]!.geometry, lng, lat)) ?? -1;
    });
  }

  private cellOf(lng: number, lat: number): [number, number] {
    const column = Math.min(this.columns - 1, Math.max(0, Math.floor((lng - this.extent.west) / this.cellSize)));
    const row = Math.min(this.rows - 1, Math.max(0, Math.floor((lat - this.extent.south) / this.cellSize)));
    return [column, row];
  }

  /** The feature holding (lng, lat) under the boundary rule, or undefined. */
  find(lng: number, lat: number): T | undefined {
    if (!Number.isFinite(lng) || !Number.isFinite(lat) || !bboxHolds(this.extent, lng, lat)) return undefined;
    const [column, row] = this.cellOf(lng, lat);
    const settled = this.settled[row * this.columns + column] ?? -2;
    if (settled >= 0) return this.features[settled]?.value;
    if (settled === -1) return undefined;
    for (const index of this.cells[row * this.columns + column] ?? []) {
      const feature = this.features[index];
      if (feature && bboxHolds(feature.bbox, lng, lat) && geometryContains(feature.geometry, lng, lat)) return feature.value;
    }
    return undefined;
  }
}
