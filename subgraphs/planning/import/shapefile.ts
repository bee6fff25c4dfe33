// Reads a Shapefile (.shp with its .dbf beside it) as the GeoJSON FeatureCollection the import takes,
// through the maintained `shapefile` reader (BSD-3-Clause). Coordinates must be WGS 84 longitude/latitude
// (reproject first otherwise: ogr2ogr -t_srs EPSG:4326); anything else fails the import's range and
// province checks, feature by feature. The .dbf's text is read as UTF-8.
//
// A .dbf field name has at most 10 characters, so the import's longer property names have short
// forms (SHORT_NAMES); a field with the full name is read as is. The feature id is the `id` field.
// `documents` (schemes) is a JSON list of { title, url } in one text field.
import { existsSync } from 'node:fs';
import { open } from 'shapefile';

/** 10-character .dbf field names → the import's property names. */
export const SHORT_NAMES: Readonly<Record<string, string>> = {
  maxDensPct: 'maxDensityPct',
  roadSetbkM: 'roadSetbackM',
  decisionNo: 'decisionNumber',
  decisionDt: 'decisionDate',
  formerWard: 'formerWardName',
};

/** A record's properties under the import's names; a blank field is absent (dBASE pads with spaces). */
function properties(record: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(record)) {
    if (field === 'id' || value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) continue;
    const name = SHORT_NAMES[field] ?? field;
    if (name === 'documents' && typeof value === 'string') {
      try {
        result[name] = JSON.parse(value) as unknown;
      } catch {
        result[name] = value; // refused by the import with its reason
      }
    } else result[name] = typeof value === 'string' ? value.trim() : value;
  }
  return result;
}

/** The features of `shpPath` (its .dbf is the same path ending in .dbf). Throws when either file cannot be read. */
export async function readShapefile(shpPath: string): Promise<{ type: 'FeatureCollection'; features: unknown[] }> {
  const dbfPath = shpPath.replace(/\.shp$/i, '.dbf');
  if (!existsSync(dbfPath)) throw new Error(`${dbfPath} is missing: a Shapefile's attributes (kind, code, …) are in its .dbf`);
  const source = await open(shpPath, dbfPath, { encoding: 'utf-8' });
  const features: unknown[] = [];
  for (let next = await source.read(); !next.done; next = await source.read()) {
    const record = (next.value.properties ?? {}) as Record<string, unknown>;
    const id = record['id'];
    features.push({
      type: 'Feature',
      ...(typeof id === 'number' || (typeof id === 'string' && id.trim() !== '') ? { id: typeof id === 'string' ? id.trim() : id } : {}),
      properties: properties(record),
      geometry: next.value.geometry,
    });
  }
  return { type: 'FeatureCollection', features };
}
