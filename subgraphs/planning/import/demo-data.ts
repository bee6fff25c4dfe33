// The demo planning data as one GeoJSON FeatureCollection, fed to the same import a city runs.
// MODELLED, not surveyed: (1) the seed's parcels (prisma/seed-data.ts) as squares of their recorded
// area around their recorded point, their zones as the box around their parcels, their schemes as the
// box around their zones; (2) a generated grid over four real wards — per ward one scheme, 3 × 3
// blocks (one land-use zone each) of 5 × 4 parcels, 14 m roads between blocks. Names, decisions and
// numbers of the grid say "mô phỏng" (modelled) so nobody mistakes them for real planning.
import { findWardByCode } from '../../kit/reference/wards.ts';
import { wardAt } from '../../kit/geo/ward-boundaries.ts';
import { LAND_USE_ZONES, PARCELS, PLANNING_SCHEMES } from '../prisma/seed-data.ts';

type Position = [number, number];
interface Feature {
  type: 'Feature';
  id: string;
  properties: Record<string, unknown>;
  geometry: { type: 'Polygon'; coordinates: Position[][] };
}

const M_PER_DEG_LAT = 110_574;
const round = (value: number): number => Math.round(value * 1e7) / 1e7;
const metresPerDegreeLng = (lat: number): number => 111_320 * Math.cos((lat * Math.PI) / 180);

function rectangle(west: number, south: number, east: number, north: number): { type: 'Polygon'; coordinates: Position[][] } {
  const [w, s, e, n] = [round(west), round(south), round(east), round(north)];
  return {
    type: 'Polygon',
    coordinates: [
      [
        [w, s],
        [e, s],
        [e, n],
        [w, n],
        [w, s],
      ],
    ],
  };
}

function around(boxes: readonly { west: number; south: number; east: number; north: number }[], marginM: number, lat: number): { west: number; south: number; east: number; north: number } {
  const dLat = marginM / M_PER_DEG_LAT;
  const dLng = marginM / metresPerDegreeLng(lat);
  return {
    west: Math.min(...boxes.map((box) => box.west)) - dLng,
    south: Math.min(...boxes.map((box) => box.south)) - dLat,
    east: Math.max(...boxes.map((box) => box.east)) + dLng,
    north: Math.max(...boxes.map((box) => box.north)) + dLat,
  };
}

/** The seed's parcels, zones and schemes with modelled shapes. */
function seedFeatures(): Feature[] {
  const features: Feature[] = [];
  const parcelBoxes = new Map<string, { west: number; south: number; east: number; north: number }[]>();
  for (const parcel of PARCELS) {
    const half = Math.min(Math.sqrt(parcel.areaM2), 80) / 2;
    const box = {
      west: parcel.lng - half / metresPerDegreeLng(parcel.lat),
      south: parcel.lat - half / M_PER_DEG_LAT,
      east: parcel.lng + half / metresPerDegreeLng(parcel.lat),
      north: parcel.lat + half / M_PER_DEG_LAT,
    };
    parcelBoxes.set(parcel.zoneCode, [...(parcelBoxes.get(parcel.zoneCode) ?? []), box]);
    const { lat: _lat, lng: _lng, ...properties } = parcel;
    features.push({
      type: 'Feature',
      id: `seed-${parcel.wardCode}-${parcel.sheet}-${parcel.number}`,
      properties: { kind: 'parcel', ...properties },
      geometry: rectangle(box.west, box.south, box.east, box.north),
    });
  }
  const zoneBoxes = new Map<string, { west: number; south: number; east: number; north: number }[]>();
  for (const zone of LAND_USE_ZONES) {
    const boxes = parcelBoxes.get(zone.code);
    if (!boxes) continue;
    const box = around(boxes, 15, boxes[0]?.south ?? 10.8);
    zoneBoxes.set(zone.schemeCode, [...(zoneBoxes.get(zone.schemeCode) ?? []), box]);
    features.push({ type: 'Feature', id: zone.code, properties: { kind: 'zone', ...zone }, geometry: rectangle(box.west, box.south, box.east, box.north) });
  }
  for (const scheme of PLANNING_SCHEMES) {
    const boxes = zoneBoxes.get(scheme.code);
    if (!boxes) continue;
    const box = around(boxes, 100, boxes[0]?.south ?? 10.8);
    features.unshift({ type: 'Feature', id: scheme.code, properties: { kind: 'scheme', ...scheme, documents: [] }, geometry: rectangle(box.west, box.south, box.east, box.north) });
  }
  return features;
}

// The grid's wards and the pre-2025 wards their western and eastern halves came from (modelled split).
const GRID_WARDS: readonly { code: string; former: readonly [string, string] }[] = [
  { code: 'P-BAN-CO', former: ['Phường 1, Quận 3', 'Phường 2, Quận 3'] },
  { code: 'P-XUAN-HOA', former: ['Phường 6, Quận 3', 'Phường 7, Quận 3'] },
  { code: 'P-CHO-QUAN', former: ['Phường 1, Quận 5', 'Phường 2, Quận 5'] },
  { code: 'P-AN-NHON', former: ['Phường 5, Quận Gò Vấp', 'Phường 6, Quận Gò Vấp'] },
];
const ZONE_TYPES = [
  { function: 'Đất ở hiện hữu', maxDensityPct: 80, maxStoreys: 6, maxFar: 4, roadSetbackM: 2 },
  { function: 'Đất hỗn hợp', maxDensityPct: 60, maxStoreys: 15, maxFar: 6, roadSetbackM: 3 },
  { function: 'Đất ở mới', maxDensityPct: 70, maxStoreys: 8, maxFar: 4.5, roadSetbackM: 3 },
  { function: 'Đất giáo dục', maxDensityPct: 40, maxStoreys: 4, maxFar: 1.6, roadSetbackM: 6 },
  { function: 'Đất công viên cây xanh', maxDensityPct: 5, maxStoreys: 1, maxFar: 0.05, roadSetbackM: 0 },
] as const;
const BLOCK_W = 150;
const BLOCK_H = 110;
const ROAD = 14;
const COLUMNS = 5;
const ROWS = 4;

/** Every grid feature of one ward: a scheme, 9 zones, up to 180 parcels. */
function gridFeatures(wardCode: string, former: readonly [string, string], wardIndex: number): Feature[] {
  const ward = findWardByCode(wardCode);
  if (!ward) throw new Error(`demo grid: unknown ward ${wardCode}`);
  const kx = metresPerDegreeLng(ward.lat);
  const span = 3 * BLOCK_W + 2 * ROAD;
  const spanN = 3 * BLOCK_H + 2 * ROAD;
  const lng = (metres: number): number => round(ward.lng + (metres - span / 2) / kx);
  const lat = (metres: number): number => round(ward.lat + (metres - spanN / 2) / M_PER_DEG_LAT);
  const scheme = `QHPK-MP-${wardCode.slice(2)}`;
  const features: Feature[] = [
    {
      type: 'Feature',
      id: scheme,
      properties: {
        kind: 'scheme',
        code: scheme,
        name: `(Mô phỏng) Quy hoạch phân khu tỷ lệ 1/2000 ${ward.name}`,
        level: 'ZONING',
        scale: '1/2000',
        decisionNumber: `MP-${1000 + wardIndex}/QĐ-UBND`,
        decisionDate: '2024-06-28',
        authority: 'Ủy ban nhân dân Thành phố Hồ Chí Minh (mô phỏng)',
        documents: [{ title: 'Bản đồ quy hoạch tổng mặt bằng sử dụng đất (mô phỏng)', url: `https://thongtinquyhoach.hochiminhcity.gov.vn/demo/${scheme}.pdf` }],
      },
      geometry: rectangle(lng(-20), lat(-20), lng(span + 20), lat(spanN + 20)),
    },
  ];
  for (let row = 0; row < 3; row += 1) {
    for (let column = 0; column < 3; column += 1) {
      const block = row * 3 + column;
      const [x0, y0] = [column * (BLOCK_W + ROAD), row * (BLOCK_H + ROAD)];
      const zone = `${scheme}-O${block + 1}`;
      features.push({
        type: 'Feature',
        id: zone,
        properties: { kind: 'zone', code: zone, schemeCode: scheme, ...ZONE_TYPES[(block + wardIndex) % ZONE_TYPES.length] },
        geometry: rectangle(lng(x0), lat(y0), lng(x0 + BLOCK_W), lat(y0 + BLOCK_H)),
      });
      for (let j = 0; j < ROWS; j += 1) {
        for (let i = 0; i < COLUMNS; i += 1) {
          const geometry = rectangle(lng(x0 + (i * BLOCK_W) / COLUMNS), lat(y0 + (j * BLOCK_H) / ROWS), lng(x0 + ((i + 1) * BLOCK_W) / COLUMNS), lat(y0 + ((j + 1) * BLOCK_H) / ROWS));
          const ring = geometry.coordinates[0] as Position[];
          const [cx, cy] = [((ring[0] as Position)[0] + (ring[2] as Position)[0]) / 2, ((ring[0] as Position)[1] + (ring[2] as Position)[1]) / 2];
          // Only parcels that fall inside their own (modelled) ward.
          if (wardAt(cy, cx)?.code !== wardCode) continue;
          const number = j * COLUMNS + i + 1;
          features.push({
            type: 'Feature',
            id: `${wardCode}-${200 + block}-${number}`,
            properties: {
              kind: 'parcel',
              wardCode,
              formerWardName: former[column < 2 ? 0 : 1],
              sheet: 200 + block,
              number,
              zoneCode: zone,
              address: `Thửa ${number}, tờ ${200 + block} (mô phỏng), ${ward.name}`,
            },
            geometry,
          });
        }
      }
    }
  }
  return features;
}

/** The whole demo: seed shapes, then the grid. */
export function demoPlanningFeatures(): { type: 'FeatureCollection'; features: Feature[] } {
  return { type: 'FeatureCollection', features: [...seedFeatures(), ...GRID_WARDS.flatMap((ward, index) => gridFeatures(ward.code, ward.former, index))] };
}
