// An in-memory index of area features for "which one holds this point": a uniform grid over their
// extent, each cell listing the features whose bounding box meets it, then the exact test
// (geometry.ts) on those few. Built once; a lookup is a cell read and a handful of ring walks.
import { bboxHolds, bboxOf, geometryContains } from './geometry.ts';
import type { AreaGeometry, BBox } from './geometry.ts';

/** One indexed feature. */
export interface AreaFeature<T> {
  readonly value: T;
  readonly geometry: AreaGeometry;
}

/** Features by grid cell; `find` returns the one holding a point, if any. */
export class BoundaryIndex<T> {
  private readonly features: readonly (AreaFeature<T> & { readonly bbox: BBox })[];
  private readonly cells: readonly (readonly number[])[];
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
    for (const index of this.cells[row * this.columns + column] ?? []) {
      const feature = this.features[index];
      if (feature && bboxHolds(feature.bbox, lng, lat) && geometryContains(feature.geometry, lng, lat)) return feature.value;
    }
    return undefined;
  }
}
