// Administrative units after the 1 July 2025 reform: 34 provinces, no district level. HCMC (merged
// with Bình Dương and Bà Rịa – Vũng Tàu) has 168 units — 113 wards (phường), 54 communes (xã) and
// 1 special zone (đặc khu Côn Đảo). This module holds a subset: every sample place named in
// shared/DOMAIN.md plus enough surrounding units for realistic demo data. Đồng Tháp (merged with
// Tiền Giang) contributes its sample places only.
//
// `formerDistrict` keeps the mapping from the pre-2025 district (seeds from 2018–2022 still refer
// to the 24 districts); a new ward usually absorbed parts of several old wards, so it names the
// district most of it came from.

/** One post-2025 administrative unit (ward, commune or special zone). */
export interface Ward {
  /** Stable code: kind prefix + unaccented name, e.g. 'P-BEN-THANH', 'X-BA-DIEM', 'DK-CON-DAO'. */
  code: string;
  /** Official name with its kind, e.g. 'Phường Bến Thành'. */
  name: string;
  kind: 'PHUONG' | 'XA' | 'DAC_KHU';
  province: 'HCM' | 'DONG_THAP';
  /** Pre-2025 district (or town) it mostly came from, e.g. 'Quận 1'. */
  formerDistrict: string;
  /** Approximate centroid latitude (WGS 84). */
  lat: number;
  /** Approximate centroid longitude (WGS 84). */
  lng: number;
}

// Names and former districts: the 2025 reorganisation resolutions. Codes are ours.
// modelled: centroids are approximate (hand-placed near the unit's centre). A point's ward is decided by
// boundary, not by the nearest centre: ../geo/ward-boundaries.ts (wardAt).
export const WARDS: readonly Ward[] = [
  // — former Quận 1
  { code: 'P-SAI-GON', name: 'Phường Sài Gòn', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 1', lat: 10.7745, lng: 106.7025 },
  { code: 'P-TAN-DINH', name: 'Phường Tân Định', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 1', lat: 10.7905, lng: 106.6905 },
  { code: 'P-BEN-THANH', name: 'Phường Bến Thành', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 1', lat: 10.7705, lng: 106.6945 },
  { code: 'P-CAU-ONG-LANH', name: 'Phường Cầu Ông Lãnh', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 1', lat: 10.7615, lng: 106.693 },
  // — former Quận 3
  { code: 'P-BAN-CO', name: 'Phường Bàn Cờ', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 3', lat: 10.7715, lng: 106.6795 },
  { code: 'P-XUAN-HOA', name: 'Phường Xuân Hòa', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 3', lat: 10.779, lng: 106.6885 },
  { code: 'P-NHIEU-LOC', name: 'Phường Nhiêu Lộc', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 3', lat: 10.786, lng: 106.678 },
  // — former Quận 4
  { code: 'P-XOM-CHIEU', name: 'Phường Xóm Chiếu', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 4', lat: 10.7585, lng: 106.7075 },
  { code: 'P-KHANH-HOI', name: 'Phường Khánh Hội', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 4', lat: 10.7605, lng: 106.6985 },
  { code: 'P-VINH-HOI', name: 'Phường Vĩnh Hội', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 4', lat: 10.7545, lng: 106.7 },
  // — former Quận 5
  { code: 'P-CHO-QUAN', name: 'Phường Chợ Quán', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 5', lat: 10.758, lng: 106.68 },
  { code: 'P-AN-DONG', name: 'Phường An Đông', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 5', lat: 10.758, lng: 106.669 },
  { code: 'P-CHO-LON', name: 'Phường Chợ Lớn', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 5', lat: 10.753, lng: 106.658 },
  // — former Quận 6
  { code: 'P-BINH-TAY', name: 'Phường Bình Tây', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 6', lat: 10.7495, lng: 106.6455 },
  { code: 'P-BINH-TIEN', name: 'Phường Bình Tiên', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 6', lat: 10.743, lng: 106.6395 },
  { code: 'P-PHU-LAM', name: 'Phường Phú Lâm', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 6', lat: 10.7515, lng: 106.631 },
  // — former Quận 7
  { code: 'P-TAN-THUAN', name: 'Phường Tân Thuận', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 7', lat: 10.752, lng: 106.73 },
  { code: 'P-PHU-THUAN', name: 'Phường Phú Thuận', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 7', lat: 10.731, lng: 106.733 },
  { code: 'P-TAN-MY', name: 'Phường Tân Mỹ', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 7', lat: 10.738, lng: 106.717 },
  { code: 'P-TAN-HUNG', name: 'Phường Tân Hưng', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 7', lat: 10.746, lng: 106.7005 },
  // — former Quận 8
  { code: 'P-CHANH-HUNG', name: 'Phường Chánh Hưng', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 8', lat: 10.7395, lng: 106.68 },
  { code: 'P-PHU-DINH', name: 'Phường Phú Định', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 8', lat: 10.735, lng: 106.637 },
  { code: 'P-BINH-DONG', name: 'Phường Bình Đông', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 8', lat: 10.733, lng: 106.656 },
  // — former Quận 10
  { code: 'P-DIEN-HONG', name: 'Phường Diên Hồng', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 10', lat: 10.772, lng: 106.664 },
  { code: 'P-VUON-LAI', name: 'Phường Vườn Lài', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 10', lat: 10.7655, lng: 106.671 },
  { code: 'P-HOA-HUNG', name: 'Phường Hòa Hưng', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 10', lat: 10.7795, lng: 106.67 },
  // — former Quận 11
  { code: 'P-MINH-PHUNG', name: 'Phường Minh Phụng', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 11', lat: 10.7595, lng: 106.645 },
  { code: 'P-BINH-THOI', name: 'Phường Bình Thới', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 11', lat: 10.7655, lng: 106.6415 },
  { code: 'P-PHU-THO', name: 'Phường Phú Thọ', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 11', lat: 10.768, lng: 106.6545 },
  // — former Quận Bình Thạnh
  { code: 'P-GIA-DINH', name: 'Phường Gia Định', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận Bình Thạnh', lat: 10.803, lng: 106.698 },
  { code: 'P-BINH-THANH', name: 'Phường Bình Thạnh', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận Bình Thạnh', lat: 10.808, lng: 106.708 },
  { code: 'P-BINH-LOI-TRUNG', name: 'Phường Bình Lợi Trung', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận Bình Thạnh', lat: 10.82, lng: 106.703 },
  { code: 'P-THANH-MY-TAY', name: 'Phường Thạnh Mỹ Tây', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận Bình Thạnh', lat: 10.798, lng: 106.718 },
  { code: 'P-BINH-QUOI', name: 'Phường Bình Quới', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận Bình Thạnh', lat: 10.828, lng: 106.733 },
  // — former Quận Gò Vấp
  { code: 'P-HANH-THONG', name: 'Phường Hạnh Thông', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận Gò Vấp', lat: 10.8245, lng: 106.685 },
  { code: 'P-AN-NHON', name: 'Phường An Nhơn', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận Gò Vấp', lat: 10.84, lng: 106.678 },
  { code: 'P-GO-VAP', name: 'Phường Gò Vấp', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận Gò Vấp', lat: 10.838, lng: 106.662 },
  { code: 'P-AN-HOI-DONG', name: 'Phường An Hội Đông', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận Gò Vấp', lat: 10.8505, lng: 106.67 },
  { code: 'P-THONG-TAY-HOI', name: 'Phường Thông Tây Hội', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận Gò Vấp', lat: 10.833, lng: 106.655 },
  // — former Quận Phú Nhuận
  { code: 'P-DUC-NHUAN', name: 'Phường Đức Nhuận', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận Phú Nhuận', lat: 10.802, lng: 106.682 },
  { code: 'P-CAU-KIEU', name: 'Phường Cầu Kiệu', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận Phú Nhuận', lat: 10.795, lng: 106.683 },
  { code: 'P-PHU-NHUAN', name: 'Phường Phú Nhuận', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận Phú Nhuận', lat: 10.796, lng: 106.673 },
  // — former Quận Tân Bình, Quận Tân Phú
  { code: 'P-TAN-SON-NHAT', name: 'Phường Tân Sơn Nhất', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận Tân Bình', lat: 10.801, lng: 106.6645 },
  { code: 'P-TAN-BINH', name: 'Phường Tân Bình', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận Tân Bình', lat: 10.795, lng: 106.65 },
  { code: 'P-BAY-HIEN', name: 'Phường Bảy Hiền', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận Tân Bình', lat: 10.788, lng: 106.647 },
  { code: 'P-TAN-PHU', name: 'Phường Tân Phú', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận Tân Phú', lat: 10.775, lng: 106.635 },
  { code: 'P-PHU-THO-HOA', name: 'Phường Phú Thọ Hòa', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận Tân Phú', lat: 10.787, lng: 106.632 },
  // — former Quận 12, Quận Bình Tân
  { code: 'P-TAN-THOI-HIEP', name: 'Phường Tân Thới Hiệp', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 12', lat: 10.86, lng: 106.645 },
  { code: 'P-DONG-HUNG-THUAN', name: 'Phường Đông Hưng Thuận', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận 12', lat: 10.845, lng: 106.633 },
  { code: 'P-BINH-TAN', name: 'Phường Bình Tân', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận Bình Tân', lat: 10.77, lng: 106.595 },
  { code: 'P-AN-LAC', name: 'Phường An Lạc', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Quận Bình Tân', lat: 10.725, lng: 106.615 },
  // — former Thành phố Thủ Đức
  { code: 'P-THU-DUC', name: 'Phường Thủ Đức', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Thành phố Thủ Đức', lat: 10.85, lng: 106.755 },
  { code: 'P-LINH-TRUNG', name: 'Phường Linh Trung', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Thành phố Thủ Đức', lat: 10.87, lng: 106.78 },
  { code: 'P-HIEP-BINH', name: 'Phường Hiệp Bình', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Thành phố Thủ Đức', lat: 10.84, lng: 106.725 },
  { code: 'P-AN-KHANH', name: 'Phường An Khánh', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Thành phố Thủ Đức', lat: 10.788, lng: 106.735 },
  { code: 'P-TANG-NHON-PHU', name: 'Phường Tăng Nhơn Phú', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Thành phố Thủ Đức', lat: 10.84, lng: 106.785 },
  // — former Bình Dương and Bà Rịa – Vũng Tàu
  { code: 'P-THU-DAU-MOT', name: 'Phường Thủ Dầu Một', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Thành phố Thủ Dầu Một (Bình Dương)', lat: 10.98, lng: 106.655 },
  { code: 'P-VUNG-TAU', name: 'Phường Vũng Tàu', kind: 'PHUONG', province: 'HCM', formerDistrict: 'Thành phố Vũng Tàu (Bà Rịa – Vũng Tàu)', lat: 10.346, lng: 107.084 },
  // — communes (xã)
  { code: 'X-BA-DIEM', name: 'Xã Bà Điểm', kind: 'XA', province: 'HCM', formerDistrict: 'Huyện Hóc Môn', lat: 10.84, lng: 106.6 },
  { code: 'X-HOC-MON', name: 'Xã Hóc Môn', kind: 'XA', province: 'HCM', formerDistrict: 'Huyện Hóc Môn', lat: 10.885, lng: 106.595 },
  { code: 'X-CU-CHI', name: 'Xã Củ Chi', kind: 'XA', province: 'HCM', formerDistrict: 'Huyện Củ Chi', lat: 10.973, lng: 106.493 },
  { code: 'X-BINH-CHANH', name: 'Xã Bình Chánh', kind: 'XA', province: 'HCM', formerDistrict: 'Huyện Bình Chánh', lat: 10.685, lng: 106.575 },
  { code: 'X-NHA-BE', name: 'Xã Nhà Bè', kind: 'XA', province: 'HCM', formerDistrict: 'Huyện Nhà Bè', lat: 10.695, lng: 106.74 },
  { code: 'X-CAN-GIO', name: 'Xã Cần Giờ', kind: 'XA', province: 'HCM', formerDistrict: 'Huyện Cần Giờ', lat: 10.41, lng: 106.955 },
  { code: 'X-DAU-TIENG', name: 'Xã Dầu Tiếng', kind: 'XA', province: 'HCM', formerDistrict: 'Huyện Dầu Tiếng (Bình Dương)', lat: 11.27, lng: 106.36 },
  // — special zone
  { code: 'DK-CON-DAO', name: 'Đặc khu Côn Đảo', kind: 'DAC_KHU', province: 'HCM', formerDistrict: 'Huyện Côn Đảo (Bà Rịa – Vũng Tàu)', lat: 8.68, lng: 106.61 },
  // — Đồng Tháp (merged with Tiền Giang)
  { code: 'P-MY-THO', name: 'Phường Mỹ Tho', kind: 'PHUONG', province: 'DONG_THAP', formerDistrict: 'Thành phố Mỹ Tho (Tiền Giang)', lat: 10.36, lng: 106.36 },
  { code: 'P-CAO-LANH', name: 'Phường Cao Lãnh', kind: 'PHUONG', province: 'DONG_THAP', formerDistrict: 'Thành phố Cao Lãnh', lat: 10.46, lng: 105.63 },
  { code: 'P-SA-DEC', name: 'Phường Sa Đéc', kind: 'PHUONG', province: 'DONG_THAP', formerDistrict: 'Thành phố Sa Đéc', lat: 10.29, lng: 105.76 },
  { code: 'X-TRAM-CHIM', name: 'Xã Tràm Chim', kind: 'XA', province: 'DONG_THAP', formerDistrict: 'Huyện Tam Nông', lat: 10.67, lng: 105.57 },
];

const BY_CODE: ReadonlyMap<string, Ward> = new Map(WARDS.map((ward) => [ward.code, ward]));

/** Find a unit by its code. */
export function findWardByCode(code: string): Ward | undefined {
  return BY_CODE.get(code);
}
