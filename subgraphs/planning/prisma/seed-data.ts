// Demo seed data for the planning subgraph (tra cứu quy hoạch): planning schemes, land-use zones,
// ~40 parcels in eight HCMC wards and the demo citizens' parcel watches. Plain data, no database
// code. Ward codes come from subgraphs/kit/reference/wards.ts; citizens are keyed by their subject
// in auth/demo-realm.ts.

/** An approved planning scheme (đồ án quy hoạch). */
export interface PlanningSchemeSeed {
  code: string;
  /** e.g. 'Quy hoạch phân khu tỷ lệ 1/2000 Khu trung tâm hiện hữu …'. */
  name: string;
  level: 'GENERAL' | 'ZONING' | 'DETAILED';
  /** e.g. '1/2000'. */
  scale: string;
  /** e.g. '6708/QĐ-UBND'. */
  decisionNumber: string;
  /** YYYY-MM-DD. */
  decisionDate: string;
  authority: string;
}

/** A land-use zone (ô phố / khu chức năng) of a scheme, with its limits. */
export interface LandUseZoneSeed {
  code: string;
  schemeCode: string;
  /** e.g. 'Đất ở hiện hữu', 'Đất công viên cây xanh', 'Đất giáo dục', 'Đất hỗn hợp', 'Đất giao thông'. */
  function: string;
  /** Maximum building density (mật độ xây dựng), percent. */
  maxDensityPct: number;
  maxStoreys: number;
  /** Maximum floor-area ratio (hệ số sử dụng đất). */
  maxFar: number;
  /** Setback from the road boundary (khoảng lùi so với lộ giới), metres. */
  roadSetbackM: number;
}

/** A land parcel (thửa đất), identified by ward + map sheet (tờ) + parcel number (thửa). */
export interface ParcelSeed {
  wardCode: string;
  /** Pre-2025 ward, e.g. 'Phường Bến Nghé, Quận 1'. */
  formerWardName: string;
  sheet: number;
  number: number;
  areaM2: number;
  zoneCode: string;
  address: string;
  lat: number;
  lng: number;
}

/** A citizen following changes to a parcel's planning. */
export interface ParcelWatchSeed {
  citizenSub: string;
  wardCode: string;
  sheet: number;
  number: number;
  note: string;
}

// Demo citizens (auth/demo-realm.ts).
const AN = '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e501'; // an.nguyen
const CUONG = '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e503'; // cuong.le

// The city general plan to 2040 (QĐ 1125/QĐ-TTg) and the 930 ha central-area zoning plan
// (QĐ 6708/QĐ-UBND, 29/12/2012) are public decisions.
// modelled: the other schemes, their names, decision numbers and dates.
export const PLANNING_SCHEMES: readonly PlanningSchemeSeed[] = [
  {
    code: 'QHC-HCM-2040',
    name: 'Điều chỉnh Quy hoạch chung Thành phố Hồ Chí Minh đến năm 2040, tầm nhìn đến năm 2060',
    level: 'GENERAL',
    scale: '1/25000',
    decisionNumber: '1125/QĐ-TTg',
    decisionDate: '2024-10-10',
    authority: 'Thủ tướng Chính phủ',
  },
  {
    code: 'QHPK-TTHH-930',
    name: 'Quy hoạch phân khu tỷ lệ 1/2000 Khu trung tâm hiện hữu Thành phố Hồ Chí Minh (930 ha)',
    level: 'ZONING',
    scale: '1/2000',
    decisionNumber: '6708/QĐ-UBND',
    decisionDate: '2012-12-29',
    authority: 'Ủy ban nhân dân TP.HCM',
  },
  {
    code: 'QHCT-BEN-THANH',
    name: 'Quy hoạch chi tiết tỷ lệ 1/500 khu vực chợ Bến Thành và phụ cận',
    level: 'DETAILED',
    scale: '1/500',
    decisionNumber: '2184/QĐ-UBND',
    decisionDate: '2019-06-14',
    authority: 'Ủy ban nhân dân TP.HCM',
  },
  {
    code: 'QHPK-TAN-DINH',
    name: 'Quy hoạch phân khu tỷ lệ 1/2000 khu dân cư phường Tân Định và phường Đa Kao (Quận 1 cũ)',
    level: 'ZONING',
    scale: '1/2000',
    decisionNumber: '4819/QĐ-UBND',
    decisionDate: '2014-09-30',
    authority: 'Ủy ban nhân dân TP.HCM',
  },
  {
    code: 'QHPK-CHO-LON',
    name: 'Quy hoạch phân khu tỷ lệ 1/2000 khu trung tâm Chợ Lớn (Quận 5 cũ)',
    level: 'ZONING',
    scale: '1/2000',
    decisionNumber: '3456/QĐ-UBND',
    decisionDate: '2016-07-05',
    authority: 'Ủy ban nhân dân TP.HCM',
  },
  {
    code: 'QHPK-GO-VAP',
    name: 'Quy hoạch phân khu tỷ lệ 1/2000 khu dân cư quận Gò Vấp (cũ)',
    level: 'ZONING',
    scale: '1/2000',
    decisionNumber: '5912/QĐ-UBND',
    decisionDate: '2017-11-08',
    authority: 'Ủy ban nhân dân TP.HCM',
  },
  {
    code: 'QHPK-GIA-DINH',
    name: 'Quy hoạch phân khu tỷ lệ 1/2000 khu dân cư phía Tây quận Bình Thạnh (cũ)',
    level: 'ZONING',
    scale: '1/2000',
    decisionNumber: '1047/QĐ-UBND',
    decisionDate: '2018-03-22',
    authority: 'Ủy ban nhân dân TP.HCM',
  },
  {
    code: 'QHPK-DHQG',
    name: 'Quy hoạch phân khu tỷ lệ 1/2000 Khu đô thị Đại học Quốc gia TP.HCM',
    level: 'ZONING',
    scale: '1/2000',
    decisionNumber: '2627/QĐ-UBND',
    decisionDate: '2020-07-20',
    authority: 'Ủy ban nhân dân TP.HCM',
  },
];

// modelled: zones and their limits (plausible values for each kind of area, not read off the plans).
export const LAND_USE_ZONES: readonly LandUseZoneSeed[] = [
  // — Khu trung tâm hiện hữu 930 ha (phường Sài Gòn, Bến Thành)
  { code: 'TTHH-TM1', schemeCode: 'QHPK-TTHH-930', function: 'Đất thương mại – dịch vụ', maxDensityPct: 60, maxStoreys: 40, maxFar: 13, roadSetbackM: 6 },
  { code: 'TTHH-HH1', schemeCode: 'QHPK-TTHH-930', function: 'Đất hỗn hợp', maxDensityPct: 60, maxStoreys: 30, maxFar: 10, roadSetbackM: 6 },
  { code: 'TTHH-O1', schemeCode: 'QHPK-TTHH-930', function: 'Đất ở hiện hữu', maxDensityPct: 85, maxStoreys: 8, maxFar: 5.5, roadSetbackM: 0 },
  { code: 'TTHH-GD1', schemeCode: 'QHPK-TTHH-930', function: 'Đất giáo dục', maxDensityPct: 40, maxStoreys: 5, maxFar: 2, roadSetbackM: 6 },
  { code: 'TTHH-CX1', schemeCode: 'QHPK-TTHH-930', function: 'Đất công viên cây xanh', maxDensityPct: 5, maxStoreys: 1, maxFar: 0.05, roadSetbackM: 0 },
  { code: 'TTHH-GT', schemeCode: 'QHPK-TTHH-930', function: 'Đất giao thông', maxDensityPct: 0, maxStoreys: 0, maxFar: 0, roadSetbackM: 0 },
  // — Chợ Bến Thành và phụ cận 1/500
  { code: 'BT500-TM', schemeCode: 'QHCT-BEN-THANH', function: 'Đất thương mại – dịch vụ (công trình chợ cần bảo tồn)', maxDensityPct: 70, maxStoreys: 2, maxFar: 1.4, roadSetbackM: 0 },
  { code: 'BT500-HH', schemeCode: 'QHCT-BEN-THANH', function: 'Đất hỗn hợp', maxDensityPct: 65, maxStoreys: 25, maxFar: 9, roadSetbackM: 6 },
  // — Tân Định, Đa Kao
  { code: 'TD-O1', schemeCode: 'QHPK-TAN-DINH', function: 'Đất ở hiện hữu', maxDensityPct: 80, maxStoreys: 7, maxFar: 4.5, roadSetbackM: 2 },
  { code: 'TD-GD1', schemeCode: 'QHPK-TAN-DINH', function: 'Đất giáo dục', maxDensityPct: 40, maxStoreys: 4, maxFar: 1.6, roadSetbackM: 6 },
  { code: 'TD-CC1', schemeCode: 'QHPK-TAN-DINH', function: 'Đất công trình công cộng', maxDensityPct: 40, maxStoreys: 5, maxFar: 2, roadSetbackM: 3 },
  { code: 'TD-CX1', schemeCode: 'QHPK-TAN-DINH', function: 'Đất công viên cây xanh', maxDensityPct: 5, maxStoreys: 1, maxFar: 0.05, roadSetbackM: 0 },
  // — Chợ Lớn
  { code: 'CL-O1', schemeCode: 'QHPK-CHO-LON', function: 'Đất ở hiện hữu', maxDensityPct: 85, maxStoreys: 6, maxFar: 4, roadSetbackM: 0 },
  { code: 'CL-HH1', schemeCode: 'QHPK-CHO-LON', function: 'Đất hỗn hợp', maxDensityPct: 60, maxStoreys: 15, maxFar: 6, roadSetbackM: 3 },
  { code: 'CL-TM1', schemeCode: 'QHPK-CHO-LON', function: 'Đất thương mại – dịch vụ (chợ)', maxDensityPct: 60, maxStoreys: 5, maxFar: 3, roadSetbackM: 3 },
  { code: 'CL-CX1', schemeCode: 'QHPK-CHO-LON', function: 'Đất công viên cây xanh', maxDensityPct: 5, maxStoreys: 1, maxFar: 0.05, roadSetbackM: 0 },
  // — Gò Vấp (phường Gò Vấp, Hạnh Thông)
  { code: 'GV-O1', schemeCode: 'QHPK-GO-VAP', function: 'Đất ở hiện hữu', maxDensityPct: 80, maxStoreys: 5, maxFar: 3.5, roadSetbackM: 2 },
  { code: 'GV-O2', schemeCode: 'QHPK-GO-VAP', function: 'Đất ở mới', maxDensityPct: 50, maxStoreys: 12, maxFar: 5, roadSetbackM: 6 },
  { code: 'GV-GD1', schemeCode: 'QHPK-GO-VAP', function: 'Đất giáo dục', maxDensityPct: 40, maxStoreys: 4, maxFar: 1.6, roadSetbackM: 6 },
  { code: 'GV-CX1', schemeCode: 'QHPK-GO-VAP', function: 'Đất công viên cây xanh', maxDensityPct: 5, maxStoreys: 1, maxFar: 0.05, roadSetbackM: 0 },
  { code: 'GV-GT', schemeCode: 'QHPK-GO-VAP', function: 'Đất giao thông', maxDensityPct: 0, maxStoreys: 0, maxFar: 0, roadSetbackM: 0 },
  // — Gia Định
  { code: 'GD-O1', schemeCode: 'QHPK-GIA-DINH', function: 'Đất ở hiện hữu', maxDensityPct: 80, maxStoreys: 6, maxFar: 4, roadSetbackM: 2 },
  { code: 'GD-HH1', schemeCode: 'QHPK-GIA-DINH', function: 'Đất hỗn hợp', maxDensityPct: 55, maxStoreys: 20, maxFar: 7, roadSetbackM: 6 },
  // — Khu đô thị Đại học Quốc gia (Linh Trung)
  { code: 'DHQG-GD1', schemeCode: 'QHPK-DHQG', function: 'Đất giáo dục (đại học)', maxDensityPct: 30, maxStoreys: 9, maxFar: 2.5, roadSetbackM: 10 },
  { code: 'DHQG-O1', schemeCode: 'QHPK-DHQG', function: 'Đất ở hiện hữu', maxDensityPct: 70, maxStoreys: 6, maxFar: 3.5, roadSetbackM: 3 },
  { code: 'DHQG-CX1', schemeCode: 'QHPK-DHQG', function: 'Đất công viên cây xanh', maxDensityPct: 5, maxStoreys: 1, maxFar: 0.05, roadSetbackM: 0 },
];

// modelled: parcels (sheet and parcel numbers, areas, addresses, coordinates).
export const PARCELS: readonly ParcelSeed[] = [
  // — Phường Bến Thành
  {
    wardCode: 'P-BEN-THANH',
    formerWardName: 'Phường Bến Thành, Quận 1',
    sheet: 8,
    number: 21,
    areaM2: 13056,
    zoneCode: 'BT500-TM',
    address: 'Chợ Bến Thành, Quảng trường Quách Thị Trang',
    lat: 10.7725,
    lng: 106.698,
  },
  {
    wardCode: 'P-BEN-THANH',
    formerWardName: 'Phường Bến Thành, Quận 1',
    sheet: 8,
    number: 57,
    areaM2: 312,
    zoneCode: 'BT500-HH',
    address: '36 Phan Bội Châu, phường Bến Thành',
    lat: 10.7731,
    lng: 106.6972,
  },
  {
    wardCode: 'P-BEN-THANH',
    formerWardName: 'Phường Phạm Ngũ Lão, Quận 1',
    sheet: 14,
    number: 112,
    areaM2: 58.2,
    zoneCode: 'TTHH-O1',
    address: '187 Bùi Viện, phường Bến Thành',
    lat: 10.7672,
    lng: 106.6928,
  },
  {
    wardCode: 'P-BEN-THANH',
    formerWardName: 'Phường Phạm Ngũ Lão, Quận 1',
    sheet: 14,
    number: 203,
    areaM2: 72.5,
    zoneCode: 'TTHH-O1',
    address: '64/12 Đề Thám, phường Bến Thành',
    lat: 10.7664,
    lng: 106.6951,
  },
  {
    wardCode: 'P-BEN-THANH',
    formerWardName: 'Phường Phạm Ngũ Lão, Quận 1',
    sheet: 10,
    number: 9,
    areaM2: 1450,
    zoneCode: 'TTHH-CX1',
    address: 'Công viên 23 Tháng 9, đường Phạm Ngũ Lão',
    lat: 10.769,
    lng: 106.693,
  },
  {
    wardCode: 'P-BEN-THANH',
    formerWardName: 'Phường Phạm Ngũ Lão, Quận 1',
    sheet: 15,
    number: 36,
    areaM2: 2180,
    zoneCode: 'TTHH-GD1',
    address: 'Trường tiểu học, đường Cống Quỳnh, phường Bến Thành',
    lat: 10.7668,
    lng: 106.6918,
  },
  // — Phường Sài Gòn
  { wardCode: 'P-SAI-GON', formerWardName: 'Phường Bến Nghé, Quận 1', sheet: 3, number: 14, areaM2: 1820, zoneCode: 'TTHH-TM1', address: '15 Đồng Khởi, phường Sài Gòn', lat: 10.777, lng: 106.704 },
  { wardCode: 'P-SAI-GON', formerWardName: 'Phường Bến Nghé, Quận 1', sheet: 3, number: 52, areaM2: 248.3, zoneCode: 'TTHH-HH1', address: '42 Nguyễn Huệ, phường Sài Gòn', lat: 10.774, lng: 106.7038 },
  { wardCode: 'P-SAI-GON', formerWardName: 'Phường Bến Nghé, Quận 1', sheet: 5, number: 88, areaM2: 136, zoneCode: 'TTHH-O1', address: '27 Thái Văn Lung, phường Sài Gòn', lat: 10.779, lng: 106.7045 },
  {
    wardCode: 'P-SAI-GON',
    formerWardName: 'Phường Nguyễn Thái Bình, Quận 1',
    sheet: 20,
    number: 61,
    areaM2: 64.8,
    zoneCode: 'TTHH-O1',
    address: '118 Calmette, phường Sài Gòn',
    lat: 10.769,
    lng: 106.701,
  },
  {
    wardCode: 'P-SAI-GON',
    formerWardName: 'Phường Nguyễn Thái Bình, Quận 1',
    sheet: 21,
    number: 7,
    areaM2: 410.5,
    zoneCode: 'TTHH-HH1',
    address: '9 Hàm Nghi, phường Sài Gòn',
    lat: 10.7712,
    lng: 106.703,
  },
  {
    wardCode: 'P-SAI-GON',
    formerWardName: 'Phường Bến Nghé, Quận 1',
    sheet: 2,
    number: 3,
    areaM2: 5400,
    zoneCode: 'TTHH-GT',
    address: 'Đường Lê Lợi (đoạn Pasteur – Nguyễn Huệ)',
    lat: 10.7738,
    lng: 106.7005,
  },
  // — Phường Tân Định
  {
    wardCode: 'P-TAN-DINH',
    formerWardName: 'Phường Tân Định, Quận 1',
    sheet: 4,
    number: 76,
    areaM2: 68,
    zoneCode: 'TD-O1',
    address: '32 Trần Quang Khải, phường Tân Định',
    lat: 10.7918,
    lng: 106.6895,
  },
  {
    wardCode: 'P-TAN-DINH',
    formerWardName: 'Phường Tân Định, Quận 1',
    sheet: 4,
    number: 133,
    areaM2: 92.3,
    zoneCode: 'TD-O1',
    address: '15/4 Trần Nhật Duật, phường Tân Định',
    lat: 10.793,
    lng: 106.691,
  },
  {
    wardCode: 'P-TAN-DINH',
    formerWardName: 'Phường Đa Kao, Quận 1',
    sheet: 9,
    number: 22,
    areaM2: 3150,
    zoneCode: 'TD-GD1',
    address: 'Trường trung học cơ sở, đường Đinh Tiên Hoàng, phường Tân Định',
    lat: 10.789,
    lng: 106.697,
  },
  {
    wardCode: 'P-TAN-DINH',
    formerWardName: 'Phường Tân Định, Quận 1',
    sheet: 6,
    number: 41,
    areaM2: 520,
    zoneCode: 'TD-CC1',
    address: '290 Hai Bà Trưng, phường Tân Định',
    lat: 10.7885,
    lng: 106.6915,
  },
  {
    wardCode: 'P-TAN-DINH',
    formerWardName: 'Phường Tân Định, Quận 1',
    sheet: 11,
    number: 5,
    areaM2: 860,
    zoneCode: 'TD-CX1',
    address: 'Mảng xanh bờ kè kênh Nhiêu Lộc – Thị Nghè, đường Trần Khánh Dư',
    lat: 10.7935,
    lng: 106.693,
  },
  // — Phường Chợ Lớn
  { wardCode: 'P-CHO-LON', formerWardName: 'Phường 11, Quận 5', sheet: 7, number: 94, areaM2: 55.6, zoneCode: 'CL-O1', address: '48 Lương Nhữ Học, phường Chợ Lớn', lat: 10.753, lng: 106.6595 },
  { wardCode: 'P-CHO-LON', formerWardName: 'Phường 12, Quận 5', sheet: 9, number: 18, areaM2: 76.2, zoneCode: 'CL-O1', address: '210 Hải Thượng Lãn Ông, phường Chợ Lớn', lat: 10.7508, lng: 106.6565 },
  { wardCode: 'P-CHO-LON', formerWardName: 'Phường 13, Quận 5', sheet: 12, number: 40, areaM2: 180.4, zoneCode: 'CL-HH1', address: '586 Trần Hưng Đạo, phường Chợ Lớn', lat: 10.7545, lng: 106.6605 },
  {
    wardCode: 'P-CHO-LON',
    formerWardName: 'Phường 13, Quận 5',
    sheet: 15,
    number: 2,
    areaM2: 2600,
    zoneCode: 'CL-TM1',
    address: 'Chợ Kim Biên, đường Hải Thượng Lãn Ông, phường Chợ Lớn',
    lat: 10.75,
    lng: 106.658,
  },
  {
    wardCode: 'P-CHO-LON',
    formerWardName: 'Phường 11, Quận 5',
    sheet: 8,
    number: 130,
    areaM2: 950,
    zoneCode: 'CL-CX1',
    address: 'Vườn hoa đường Châu Văn Liêm, phường Chợ Lớn',
    lat: 10.754,
    lng: 106.657,
  },
  // — Phường Gò Vấp
  {
    wardCode: 'P-GO-VAP',
    formerWardName: 'Phường 10, Quận Gò Vấp',
    sheet: 31,
    number: 215,
    areaM2: 64,
    zoneCode: 'GV-O1',
    address: '125/8 Nguyễn Văn Lượng, phường Gò Vấp',
    lat: 10.839,
    lng: 106.666,
  },
  { wardCode: 'P-GO-VAP', formerWardName: 'Phường 10, Quận Gò Vấp', sheet: 31, number: 287, areaM2: 80, zoneCode: 'GV-O1', address: '77 Quang Trung, phường Gò Vấp', lat: 10.835, lng: 106.664 },
  {
    wardCode: 'P-GO-VAP',
    formerWardName: 'Phường 17, Quận Gò Vấp',
    sheet: 44,
    number: 12,
    areaM2: 4200,
    zoneCode: 'GV-O2',
    address: 'Khu dân cư mới đường Lê Đức Thọ, phường Gò Vấp',
    lat: 10.842,
    lng: 106.661,
  },
  {
    wardCode: 'P-GO-VAP',
    formerWardName: 'Phường 17, Quận Gò Vấp',
    sheet: 45,
    number: 68,
    areaM2: 5100,
    zoneCode: 'GV-GD1',
    address: 'Trường tiểu học, đường Lê Văn Thọ, phường Gò Vấp',
    lat: 10.8405,
    lng: 106.658,
  },
  {
    wardCode: 'P-GO-VAP',
    formerWardName: 'Phường 16, Quận Gò Vấp',
    sheet: 52,
    number: 3,
    areaM2: 1750,
    zoneCode: 'GV-CX1',
    address: 'Mảng xanh ven đường Nguyễn Văn Lượng, phường Gò Vấp',
    lat: 10.8445,
    lng: 106.6655,
  },
  // — Phường Hạnh Thông
  {
    wardCode: 'P-HANH-THONG',
    formerWardName: 'Phường 3, Quận Gò Vấp',
    sheet: 18,
    number: 74,
    areaM2: 70.5,
    zoneCode: 'GV-O1',
    address: '214 Nguyễn Kiệm, phường Hạnh Thông',
    lat: 10.82,
    lng: 106.682,
  },
  {
    wardCode: 'P-HANH-THONG',
    formerWardName: 'Phường 1, Quận Gò Vấp',
    sheet: 22,
    number: 9,
    areaM2: 88,
    zoneCode: 'GV-O1',
    address: '47 Nguyễn Văn Bảo, phường Hạnh Thông',
    lat: 10.8225,
    lng: 106.687,
  },
  {
    wardCode: 'P-HANH-THONG',
    formerWardName: 'Phường 3, Quận Gò Vấp',
    sheet: 19,
    number: 150,
    areaM2: 35.5,
    zoneCode: 'GV-GT',
    address: '18 Phạm Ngũ Lão (phần nằm trong lộ giới), phường Hạnh Thông',
    lat: 10.826,
    lng: 106.684,
  },
  {
    wardCode: 'P-HANH-THONG',
    formerWardName: 'Phường 1, Quận Gò Vấp',
    sheet: 23,
    number: 46,
    areaM2: 3800,
    zoneCode: 'GV-GD1',
    address: 'Trường trung học cơ sở, đường Lê Lợi, phường Hạnh Thông',
    lat: 10.827,
    lng: 106.688,
  },
  // — Phường Gia Định
  {
    wardCode: 'P-GIA-DINH',
    formerWardName: 'Phường 7, Quận Bình Thạnh',
    sheet: 13,
    number: 58,
    areaM2: 62.4,
    zoneCode: 'GD-O1',
    address: '23 Bùi Hữu Nghĩa, phường Gia Định',
    lat: 10.801,
    lng: 106.698,
  },
  {
    wardCode: 'P-GIA-DINH',
    formerWardName: 'Phường 1, Quận Bình Thạnh',
    sheet: 5,
    number: 101,
    areaM2: 85,
    zoneCode: 'GD-O1',
    address: '11 Phan Đăng Lưu, phường Gia Định',
    lat: 10.8025,
    lng: 106.695,
  },
  {
    wardCode: 'P-GIA-DINH',
    formerWardName: 'Phường 2, Quận Bình Thạnh',
    sheet: 8,
    number: 19,
    areaM2: 640,
    zoneCode: 'GD-HH1',
    address: '182 Đinh Tiên Hoàng, phường Gia Định',
    lat: 10.8,
    lng: 106.699,
  },
  {
    wardCode: 'P-GIA-DINH',
    formerWardName: 'Phường 17, Quận Bình Thạnh',
    sheet: 21,
    number: 33,
    areaM2: 97,
    zoneCode: 'GD-O1',
    address: '88 Điện Biên Phủ, phường Gia Định',
    lat: 10.8012,
    lng: 106.7045,
  },
  // — Phường Linh Trung
  {
    wardCode: 'P-LINH-TRUNG',
    formerWardName: 'Phường Linh Trung, Thành phố Thủ Đức',
    sheet: 27,
    number: 12,
    areaM2: 24500,
    zoneCode: 'DHQG-GD1',
    address: 'Khu đô thị Đại học Quốc gia, đường Võ Trường Toản, phường Linh Trung',
    lat: 10.872,
    lng: 106.797,
  },
  {
    wardCode: 'P-LINH-TRUNG',
    formerWardName: 'Phường Linh Trung, Thành phố Thủ Đức',
    sheet: 41,
    number: 230,
    areaM2: 90,
    zoneCode: 'DHQG-O1',
    address: '35 Đường số 17, khu phố 3, phường Linh Trung',
    lat: 10.864,
    lng: 106.775,
  },
  {
    wardCode: 'P-LINH-TRUNG',
    formerWardName: 'Phường Linh Trung, Thành phố Thủ Đức',
    sheet: 41,
    number: 256,
    areaM2: 112.5,
    zoneCode: 'DHQG-O1',
    address: '12 Hoàng Diệu 2, phường Linh Trung',
    lat: 10.861,
    lng: 106.772,
  },
  {
    wardCode: 'P-LINH-TRUNG',
    formerWardName: 'Phường Linh Chiểu, Thành phố Thủ Đức',
    sheet: 15,
    number: 88,
    areaM2: 76,
    zoneCode: 'DHQG-O1',
    address: '64 Lê Văn Chí, phường Linh Trung',
    lat: 10.862,
    lng: 106.776,
  },
  {
    wardCode: 'P-LINH-TRUNG',
    formerWardName: 'Phường Linh Trung, Thành phố Thủ Đức',
    sheet: 45,
    number: 7,
    areaM2: 6300,
    zoneCode: 'DHQG-CX1',
    address: 'Mảng xanh ven Xa lộ Hà Nội, phường Linh Trung',
    lat: 10.868,
    lng: 106.779,
  },
];

// modelled: which parcels the demo citizens follow.
export const PARCEL_WATCHES: readonly ParcelWatchSeed[] = [
  {
    citizenSub: AN,
    wardCode: 'P-BEN-THANH',
    sheet: 14,
    number: 112,
    note: 'Nhà đang tìm mua trên đường Bùi Viện — theo dõi thay đổi quy hoạch và lộ giới trước khi đặt cọc.',
  },
  {
    citizenSub: AN,
    wardCode: 'P-TAN-DINH',
    sheet: 4,
    number: 76,
    note: 'Nhà của gia đình trên đường Trần Quang Khải — theo dõi điều chỉnh quy hoạch phân khu.',
  },
  {
    citizenSub: CUONG,
    wardCode: 'P-GO-VAP',
    sheet: 31,
    number: 215,
    note: 'Thửa đất đang xin giấy phép xây dựng nhà ở riêng lẻ — theo dõi chỉ tiêu tầng cao và khoảng lùi.',
  },
];
