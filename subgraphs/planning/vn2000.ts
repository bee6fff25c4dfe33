// VN-2000 plane coordinates (as printed on a land-use certificate) to WGS 84, through proj4js.
// VN-2000 uses the WGS 84 ellipsoid, a transverse Mercator projection in 3° zones (k0 = 0.9999,
// false easting 500 km) on each province's central meridian (Circular 973/2001/TT-TCĐC), and the
// datum shift to WGS 84 of Decision 05/2007/QĐ-BTNMT (seven parameters: ΔX −191.90441429 m,
// ΔY −39.30318279 m, ΔZ −111.45032835 m, ω −0.00928836″, ψ 0.01975479″, ε −0.00427372″,
// k 1.000000252906278), given to proj4 in its position-vector +towgs84 order exactly as published.
// A certificate's x is the northing and y the easting (Vietnamese surveying order).
import proj4 from 'proj4';

const TOWGS84 = '-191.90441429,-39.30318279,-111.45032835,-0.00928836,0.01975479,-0.00427372,0.252906278';

/**
 * Each province's default central meridian (Circular 973/2001). After the 2025 mergers a certificate
 * keeps the meridian of the province that issued it — Bà Rịa – Vũng Tàu's 107°45′ inside today's
 * HCMC, Tiền Giang's 105°45′ inside Đồng Tháp — so a lookup may name the meridian it was printed with.
 */
export const DEFAULT_CENTRAL_MERIDIAN = { HCM: 105.75, DONG_THAP: 105 } as const;

/** Half the width of a 3° zone, in degrees of longitude. */
const HALF_ZONE = 1.5;

/** Whether `meridian` is one VN-2000 uses for 3° zones: 102°–109° in steps of 15′. */
export function isCentralMeridian(meridian: number): boolean {
  return Number.isFinite(meridian) && meridian >= 102 && meridian <= 109 && Number.isInteger(meridian * 4);
}

const projections = new Map<number, proj4.Converter>();

function projection(meridian: number): proj4.Converter {
  let converter = projections.get(meridian);
  if (!converter) {
    converter = proj4(`+proj=tmerc +lat_0=0 +lon_0=${meridian} +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 +towgs84=${TOWGS84} +units=m +no_defs`, 'WGS84');
    projections.set(meridian, converter);
  }
  return converter;
}

/** WGS 84 of a VN-2000 (x northing, y easting) point, or undefined when it is outside the meridian's zone. */
export function vn2000ToWgs84(x: number, y: number, meridian: number): { lat: number; lng: number } | undefined {
  // Việt Nam spans northings of about 0.9–2.6 million metres; a zone about ±170 km of easting.
  if (!Number.isFinite(x) || !Number.isFinite(y) || x < 800_000 || x > 2_700_000 || y < 300_000 || y > 700_000) return undefined;
  const [lng, lat] = projection(meridian).forward([y, x]);
  if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lng - meridian) > HALF_ZONE) return undefined;
  return { lat, lng };
}

/** VN-2000 (x northing, y easting) of a WGS 84 point on `meridian` (for tests and the import's checks). */
export function wgs84ToVn2000(lat: number, lng: number, meridian: number): { x: number; y: number } {
  const [y, x] = projection(meridian).inverse([lng, lat]);
  return { x, y };
}
