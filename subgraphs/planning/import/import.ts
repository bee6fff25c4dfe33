// Loads planning data from a GeoJSON FeatureCollection: schemes, land-use zones and parcels
// (`properties.kind`). Every feature is checked first — its geometry (kit/geo/validate.ts: closed
// rings, no self-intersection, coordinates in range, every vertex inside the hub's wards) and its
// properties — and each bad one is reported with its index and reason; the rest are written in one
// transaction per batch (all of a batch or none of it), upserted by key: a scheme or zone by its code,
// a parcel by its feature id. Running the same file again changes nothing.
import { bboxOf, geometryContains, interiorPoint, polygonsOf, ringAreaM2 } from '../../kit/geo/geometry.ts';
import type { AreaGeometry, BBox } from '../../kit/geo/geometry.ts';
import { checkGeometry } from '../../kit/geo/validate.ts';
import { wardAt } from '../../kit/geo/ward-boundaries.ts';
import { notifyOutboxWrite, writeOutbox } from '../../kit/events/outbox.ts';
import { findWardByCode } from '../../kit/reference/wards.ts';
import type { PrismaClient } from '../prisma/generated/client.ts';

/** A feature that was not imported, and why. */
export interface FeatureProblem {
  /** Position of the feature in the file's `features`, from 0. */
  readonly index: number;
  readonly id?: string;
  readonly reason: string;
}

/** What an import did. */
export interface ImportReport {
  readonly schemes: number;
  readonly zones: number;
  readonly parcels: number;
  readonly problems: readonly FeatureProblem[];
}

interface SchemeRow {
  code: string;
  name: string;
  level: string;
  scale: string;
  decision_number: string;
  decision_date: string;
  authority: string;
  documents: { title: string; url: string }[];
}
interface ZoneRow {
  code: string;
  scheme_code: string;
  function: string;
  max_density_pct: number;
  max_storeys: number;
  max_far: number;
  road_setback_m: number;
}
interface ParcelRow {
  feature_id: string;
  ward_code: string;
  former_ward_name: string;
  sheet: number;
  number: number;
  area_m2: number;
  zone_code: string;
  address: string;
  lat: number;
  lng: number;
}
type Shape = { geometry: AreaGeometry; west: number; south: number; east: number; north: number };
type Checked = { index: number; id: string } & ({ kind: 'scheme'; row: SchemeRow & Shape } | { kind: 'zone'; row: ZoneRow & Shape } | { kind: 'parcel'; row: ParcelRow & Shape });

class Bad extends Error {}

function text(properties: Record<string, unknown>, key: string, max = 300): string {
  const value = properties[key];
  if (typeof value !== 'string' || value.trim() === '' || value.length > max || value.includes('\u0000')) throw new Bad(`properties.${key} must be a text of 1 to ${max} characters`);
  return value.trim();
}

function number(properties: Record<string, unknown>, key: string, min: number, max: number, integer = false): number {
  const value = properties[key];
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    throw new Bad(`properties.${key} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
  }
  return value;
}

const JURISDICTION: BBox = { west: 102, south: 8, east: 110, north: 23.5 };

/** The geometry, valid and with every vertex inside one of the hub's wards. */
function shape(value: unknown): Shape {
  const checked = checkGeometry(value, JURISDICTION);
  if (!checked.ok) throw new Bad(checked.reason);
  for (const polygon of polygonsOf(checked.geometry)) {
    for (const [lng, lat] of polygon[0] ?? []) if (wardAt(lat, lng) === undefined) throw new Bad('outside the province');
  }
  return { geometry: checked.geometry, ...bboxOf(checked.geometry) };
}

function checkFeature(feature: unknown, index: number): Checked {
  const input = feature as { type?: unknown; id?: unknown; properties?: unknown; geometry?: unknown } | null;
  if (typeof input !== 'object' || input === null || input.type !== 'Feature') throw new Bad('not a GeoJSON Feature');
  const id = typeof input.id === 'number' && Number.isSafeInteger(input.id) ? String(input.id) : input.id;
  if (typeof id !== 'string' || id === '' || id.length > 200) throw new Bad('feature id missing (a text or an integer): re-imports are matched by it');
  const properties = (typeof input.properties === 'object' && input.properties !== null ? input.properties : {}) as Record<string, unknown>;
  const kind = properties['kind'];
  if (kind === 'scheme') {
    const level = properties['level'];
    if (level !== 'GENERAL' && level !== 'ZONING' && level !== 'DETAILED') throw new Bad('properties.level must be GENERAL, ZONING or DETAILED');
    const date = text(properties, 'decisionDate', 10);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) throw new Bad('properties.decisionDate must be YYYY-MM-DD');
    const documents = properties['documents'] ?? [];
    if (!Array.isArray(documents) || documents.length > 50) throw new Bad('properties.documents must be a list of at most 50 { title, url }');
    const links = documents.map((document: unknown) => {
      const entry = (typeof document === 'object' && document !== null ? document : {}) as Record<string, unknown>;
      const url = text(entry, 'url', 2000);
      if (!/^https:\/\/[^\s]+$/.test(url)) throw new Bad('a document url must be https');
      return { title: text(entry, 'title'), url };
    });
    const row = {
      code: text(properties, 'code', 100),
      name: text(properties, 'name', 500),
      level,
      scale: text(properties, 'scale', 20),
      decision_number: text(properties, 'decisionNumber', 100),
      decision_date: date,
      authority: text(properties, 'authority'),
      documents: links,
    };
    return { index, id, kind, row: { ...row, ...shape(input.geometry) } };
  }
  if (kind === 'zone') {
    const row = {
      code: text(properties, 'code', 100),
      scheme_code: text(properties, 'schemeCode', 100),
      function: text(properties, 'function'),
      max_density_pct: number(properties, 'maxDensityPct', 0, 100),
      max_storeys: number(properties, 'maxStoreys', 0, 200, true),
      max_far: number(properties, 'maxFar', 0, 100),
      road_setback_m: number(properties, 'roadSetbackM', 0, 500),
    };
    return { index, id, kind, row: { ...row, ...shape(input.geometry) } };
  }
  if (kind === 'parcel') {
    const wardCode = text(properties, 'wardCode', 100);
    if (!findWardByCode(wardCode)) throw new Bad('unknown ward');
    const checked = shape(input.geometry);
    const [lng, lat] = interiorPoint(polygonsOf(checked.geometry)[0] ?? []);
    if (!geometryContains(checked.geometry, lng, lat)) throw new Bad('no interior point found');
    const area = polygonsOf(checked.geometry).reduce((sum, rings) => sum + ringAreaM2(rings[0] ?? []) - rings.slice(1).reduce((holes, hole) => holes + ringAreaM2(hole), 0), 0);
    const row = {
      feature_id: id,
      ward_code: wardCode,
      former_ward_name: text(properties, 'formerWardName'),
      sheet: number(properties, 'sheet', 1, 100_000, true),
      number: number(properties, 'number', 1, 1_000_000, true),
      area_m2: properties['areaM2'] === undefined ? Math.round(area * 10) / 10 : number(properties, 'areaM2', 0.1, 1e9),
      zone_code: text(properties, 'zoneCode', 100),
      address: text(properties, 'address', 500),
      lat,
      lng,
    };
    return { index, id, kind, row: { ...row, ...checked } };
  }
  throw new Bad('properties.kind must be scheme, zone or parcel');
}

const ORDER = { scheme: 0, zone: 1, parcel: 2 } as const;

/**
 * Import a parsed FeatureCollection; `batchSize` features per transaction. Schemes and zones are written
 * first, one batch after another; then the parcels, `concurrency` batches at a time (each its own
 * transaction on its own connection, so the server works on one while this process prepares the next —
 * PostgreSQL only: PGlite has one connection, keep 1). Parcels of one file never share an id or a
 * cadastral number (checked above), so concurrent batches cannot collide.
 */
export async function importPlanningFeatures(db: PrismaClient, collection: unknown, batchSize = 2000, concurrency = 1): Promise<ImportReport> {
  const input = collection as { type?: unknown; features?: unknown } | null;
  if (typeof input !== 'object' || input === null || input.type !== 'FeatureCollection' || !Array.isArray(input.features)) {
    return { schemes: 0, zones: 0, parcels: 0, problems: [{ index: -1, reason: 'not a GeoJSON FeatureCollection' }] };
  }
  const problems: FeatureProblem[] = [];
  const good: Checked[] = [];
  const seen = new Map<string, number>();
  (input.features as unknown[]).forEach((feature, index) => {
    try {
      const checked = checkFeature(feature, index);
      const key = checked.kind === 'parcel' ? `parcel:${checked.id}` : `${checked.kind}:${checked.row.code}`;
      const cadastral = checked.kind === 'parcel' ? `cadastral:${checked.row.ward_code}/${checked.row.sheet}/${checked.row.number}` : undefined;
      if (seen.has(key) || (cadastral && seen.has(cadastral))) throw new Bad(`duplicate of feature ${seen.get(key) ?? seen.get(cadastral ?? '')}`);
      seen.set(key, index);
      if (cadastral) seen.set(cadastral, index);
      good.push(checked);
    } catch (error) {
      if (!(error instanceof Bad)) throw error;
      const id = (feature as { id?: unknown } | null)?.id;
      problems.push({ index, ...(typeof id === 'string' || typeof id === 'number' ? { id: String(id).slice(0, 200) } : {}), reason: error.message });
    }
  });
  good.sort((a, b) => ORDER[a.kind] - ORDER[b.kind] || a.index - b.index);
  const counts = { scheme: 0, zone: 0, parcel: 0 };
  const batches = (items: readonly Checked[]) => Array.from({ length: Math.ceil(items.length / batchSize) }, (_, index) => items.slice(index * batchSize, (index + 1) * batchSize));
  const write = async (batch: readonly Checked[]) => {
    const written = await writeBatch(db, batch, problems);
    for (const kind of ['scheme', 'zone', 'parcel'] as const) counts[kind] += written.filter((item) => item.kind === kind).length;
  };
  const firstParcel = good.findIndex((item) => item.kind === 'parcel');
  const [plans, parcels] = firstParcel < 0 ? [good, []] : [good.slice(0, firstParcel), good.slice(firstParcel)];
  for (const batch of batches(plans)) await write(batch);
  const queue = batches(parcels);
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, async () => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) await write(batch);
    }),
  );
  problems.sort((a, b) => a.index - b.index);
  return { schemes: counts.scheme, zones: counts.zone, parcels: counts.parcel, problems };
}

/** The topic of the event a changed scheme raises for each followed parcel it covers. */
export const SCHEME_CHANGED_TOPIC = 'planning.scheme-changed';

/** One outbox event per watch of a parcel in a zone of the changed schemes: ids and codes only. */
async function announceSchemeChanges(tx: Parameters<Parameters<PrismaClient['$transaction']>[0]>[0], schemeCodes: readonly string[]): Promise<void> {
  const watches = await tx.$queryRaw<{ citizenId: string; parcelId: string; wardCode: string; sheet: number; number: number; schemeCode: string; decisionNumber: string }[]>`
    SELECT w.citizen_id AS "citizenId", p.id::text AS "parcelId", p.ward_code AS "wardCode", p.sheet, p.number, z.scheme_code AS "schemeCode", s.decision_number AS "decisionNumber"
    FROM parcel_watch w JOIN parcel p ON p.id = w.parcel_id JOIN land_use_zone z ON z.code = p.zone_code JOIN planning_scheme s ON s.code = z.scheme_code
    WHERE z.scheme_code IN (SELECT jsonb_array_elements_text(${JSON.stringify(schemeCodes)}::jsonb)) ORDER BY w.id`;
  for (const watch of watches) await writeOutbox(tx, { topic: SCHEME_CHANGED_TOPIC, payload: { ...watch } });
  if (watches.length > 0) notifyOutboxWrite();
}

/** One column of `rows` as an array: a typed-array parameter for `unnest`. */
function column<K extends keyof ParcelRow>(rows: readonly ParcelRow[], key: K): ParcelRow[K][] {
  return rows.map((row) => row[key]);
}

/** Write one batch in one transaction, after dropping (and reporting) what the database refuses. */
async function writeBatch(db: PrismaClient, batch: readonly Checked[], problems: FeatureProblem[]): Promise<Checked[]> {
  return db.$transaction(
    async (tx) => {
      const schemes = batch.flatMap((item) => (item.kind === 'scheme' ? [item.row] : []));
      const zoneItems = batch.filter((item): item is Checked & { kind: 'zone' } => item.kind === 'zone');
      const parcelItems = batch.filter((item): item is Checked & { kind: 'parcel' } => item.kind === 'parcel');
      const keep: Checked[] = batch.filter((item) => item.kind === 'scheme');
      const codes = JSON.stringify(schemes.map((row) => row.code));
      const fingerprints = (): Promise<{ code: string; fingerprint: string }[]> =>
        tx.$queryRaw`SELECT code, md5(concat_ws('|', name, level::text, scale, decision_number, decision_date::text, authority, documents::text, geometry::text)) AS fingerprint
          FROM planning_scheme WHERE code IN (SELECT jsonb_array_elements_text(${codes}::jsonb))`;
      const before = schemes.length > 0 ? new Map((await fingerprints()).map((row) => [row.code, row.fingerprint])) : new Map<string, string>();
      if (schemes.length > 0) {
        await tx.$executeRaw`INSERT INTO planning_scheme (code, name, level, scale, decision_number, decision_date, authority, documents, geometry, bbox)
        SELECT r.code, r.name, r.level::"PlanningLevel", r.scale, r.decision_number, r.decision_date::date, r.authority, r.documents, r.geometry, box(point(r.west, r.south), point(r.east, r.north))
        FROM jsonb_to_recordset(${JSON.stringify(schemes)}::jsonb) AS r(code text, name text, level text, scale text, decision_number text, decision_date text, authority text, documents jsonb, geometry jsonb, west float8, south float8, east float8, north float8)
        ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level, scale = EXCLUDED.scale, decision_number = EXCLUDED.decision_number,
          decision_date = EXCLUDED.decision_date, authority = EXCLUDED.authority, documents = EXCLUDED.documents, geometry = EXCLUDED.geometry, bbox = EXCLUDED.bbox`;
      }
      // A scheme that existed and now differs: every citizen following a parcel it covers is told (codes only).
      const changed = schemes.length > 0 ? (await fingerprints()).filter((row) => before.has(row.code) && before.get(row.code) !== row.fingerprint).map((row) => row.code) : [];
      if (changed.length > 0) await announceSchemeChanges(tx, changed);
      const knownSchemes = new Set(
        (await tx.planningScheme.findMany({ where: { code: { in: [...new Set(zoneItems.map((item) => item.row.scheme_code))] } }, select: { code: true } })).map((row) => row.code),
      );
      const zones = zoneItems.filter((item) => {
        if (knownSchemes.has(item.row.scheme_code)) return true;
        problems.push({ index: item.index, id: item.id, reason: 'unknown scheme' });
        return false;
      });
      if (zones.length > 0) {
        await tx.$executeRaw`INSERT INTO land_use_zone (code, scheme_code, function, max_density_pct, max_storeys, max_far, road_setback_m, geometry, bbox)
        SELECT r.code, r.scheme_code, r.function, r.max_density_pct, r.max_storeys, r.max_far, r.road_setback_m, r.geometry, box(point(r.west, r.south), point(r.east, r.north))
        FROM jsonb_to_recordset(${JSON.stringify(zones.map((item) => item.row))}::jsonb) AS r(code text, scheme_code text, function text, max_density_pct float8, max_storeys int, max_far float8, road_setback_m float8, geometry jsonb, west float8, south float8, east float8, north float8)
        ON CONFLICT (code) DO UPDATE SET scheme_code = EXCLUDED.scheme_code, function = EXCLUDED.function, max_density_pct = EXCLUDED.max_density_pct, max_storeys = EXCLUDED.max_storeys,
          max_far = EXCLUDED.max_far, road_setback_m = EXCLUDED.road_setback_m, geometry = EXCLUDED.geometry, bbox = EXCLUDED.bbox`;
      }
      keep.push(...zones);
      const knownZones = new Set(
        (await tx.landUseZone.findMany({ where: { code: { in: [...new Set(parcelItems.map((item) => item.row.zone_code))] } }, select: { code: true } })).map((row) => row.code),
      );
      // A cadastral number already held by another feature is refused, not taken over. Columns go as
      // typed arrays (unnest): one parameter each, whatever the batch size, and far cheaper for the
      // server to read than one JSON document of the batch.
      const candidates = parcelItems.map((item) => item.row);
      const holders = await tx.$queryRaw<{ wardCode: string; sheet: number; number: number; featureId: string | null }[]>`
      SELECT p.ward_code AS "wardCode", p.sheet, p.number, p.feature_id AS "featureId"
      FROM parcel p JOIN unnest(${column(candidates, 'ward_code')}::text[], ${column(candidates, 'sheet')}::int[], ${column(candidates, 'number')}::int[]) AS r(ward_code, sheet, number)
        ON p.ward_code = r.ward_code AND p.sheet = r.sheet AND p.number = r.number`;
      const holder = new Map(holders.map((row) => [`${row.wardCode}/${row.sheet}/${row.number}`, row.featureId]));
      const parcels = parcelItems.filter((item) => {
        const current = holder.get(`${item.row.ward_code}/${item.row.sheet}/${item.row.number}`);
        if (current !== undefined && current !== item.id) problems.push({ index: item.index, id: item.id, reason: 'ward, sheet and number already belong to another feature' });
        else if (!knownZones.has(item.row.zone_code)) problems.push({ index: item.index, id: item.id, reason: 'unknown zone' });
        else return true;
        return false;
      });
      if (parcels.length > 0) {
        const rows = parcels.map((item) => item.row);
        await tx.$executeRaw`INSERT INTO parcel (id, feature_id, ward_code, former_ward_name, sheet, number, area_m2, zone_code, address, lat, lng, geometry, bbox)
        SELECT gen_random_uuid(), r.feature_id, r.ward_code, r.former_ward_name, r.sheet, r.number, r.area_m2, r.zone_code, r.address, r.lat, r.lng, r.geometry::jsonb, box(point(r.west, r.south), point(r.east, r.north))
        FROM unnest(${column(rows, 'feature_id')}::text[], ${column(rows, 'ward_code')}::text[], ${column(rows, 'former_ward_name')}::text[], ${column(rows, 'sheet')}::int[], ${column(rows, 'number')}::int[],
          ${column(rows, 'area_m2')}::float8[], ${column(rows, 'zone_code')}::text[], ${column(rows, 'address')}::text[], ${column(rows, 'lat')}::float8[], ${column(rows, 'lng')}::float8[],
          ${rows.map((row) => JSON.stringify(row.geometry))}::text[], ${rows.map((row) => row.west)}::float8[], ${rows.map((row) => row.south)}::float8[], ${rows.map((row) => row.east)}::float8[], ${rows.map((row) => row.north)}::float8[])
          AS r(feature_id, ward_code, former_ward_name, sheet, number, area_m2, zone_code, address, lat, lng, geometry, west, south, east, north)
        ON CONFLICT (feature_id) DO UPDATE SET ward_code = EXCLUDED.ward_code, former_ward_name = EXCLUDED.former_ward_name, sheet = EXCLUDED.sheet, number = EXCLUDED.number,
          area_m2 = EXCLUDED.area_m2, zone_code = EXCLUDED.zone_code, address = EXCLUDED.address, lat = EXCLUDED.lat, lng = EXCLUDED.lng, geometry = EXCLUDED.geometry, bbox = EXCLUDED.bbox`;
      }
      keep.push(...parcels);
      return keep;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}
