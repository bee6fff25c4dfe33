// The agencies of the demo catalogue: the departments, police offices and wards of HCMC that the
// procedures in procedures.ts are filed with. The first twelve are the dossier seed's own
// (../../prisma/seed-data.ts, seeded there); the rest are added by the catalogue seed. Plain data.
//
// Names follow the 2025 reorganisation: no district level; Sở Kế hoạch và Đầu tư merged into Sở Tài chính,
// Sở Giao thông vận tải into Sở Xây dựng, Sở Lao động – Thương binh và Xã hội split between Sở Nội vụ
// (labour, employment, people with merit) and Sở Y tế (social protection, children), Sở Thông tin và
// Truyền thông into Sở Khoa học và Công nghệ. modelled: the numeric parts of the agency codes.
import type { AgencySeed } from '../../prisma/seed-data.ts';

// The dossier seed's agencies, by the names the catalogue uses for them.
export const SO_TU_PHAP = '000.00.12.H29';
export const SO_XAY_DUNG = '000.00.13.H29';
export const SO_NN_MT = '000.00.14.H29';
export const VP_DKDD = '000.00.15.H29';
export const SO_TAI_CHINH = '000.00.16.H29';
export const SO_Y_TE = '000.00.17.H29';
export const CONG_AN = '000.00.30.H29';
export const P_SAI_GON = '000.01.01.H29';
export const P_TAN_DINH = '000.01.02.H29';
export const P_BEN_THANH = '000.01.03.H29';
export const P_CHO_LON = '000.05.03.H29';
export const P_GO_VAP = '000.12.03.H29';

// The catalogue's own.
export const SO_NOI_VU = '000.00.10.H29';
export const SO_GD_DT = '000.00.11.H29';
export const SO_CONG_THUONG = '000.00.18.H29';
export const SO_VH_TT = '000.00.19.H29';
export const SO_DU_LICH = '000.00.20.H29';
export const SO_KH_CN = '000.00.21.H29';
export const SO_QH_KT = '000.00.22.H29';
export const SO_DT_TG = '000.00.23.H29';
export const SO_NGOAI_VU = '000.00.24.H29';
export const THANH_TRA = '000.00.25.H29';
export const BQL_KCX = '000.00.26.H29';
export const TT_VIEC_LAM = '000.00.27.H29';
export const CA_XNC = '000.00.31.H29';
export const CA_GIAO_THONG = '000.00.32.H29';
export const CA_PCCC = '000.00.33.H29';
export const BHXH = '000.00.40.H29';
export const P_GIA_DINH = '000.02.01.H29';
export const P_HANH_THONG = '000.13.01.H29';
export const P_CHANH_HUNG = '000.08.01.H29';
export const P_LINH_TRUNG = '000.20.01.H29';
export const X_BA_DIEM = '000.22.01.H29';
export const DK_CON_DAO = '000.24.01.H29';

/** Agencies the catalogue seed adds to the dossier seed's twelve. */
export const CATALOGUE_AGENCIES: readonly AgencySeed[] = [
  { code: SO_NOI_VU, name: 'Sở Nội vụ TP.HCM' },
  { code: SO_GD_DT, name: 'Sở Giáo dục và Đào tạo TP.HCM' },
  { code: SO_CONG_THUONG, name: 'Sở Công Thương TP.HCM' },
  { code: SO_VH_TT, name: 'Sở Văn hóa và Thể thao TP.HCM' },
  { code: SO_DU_LICH, name: 'Sở Du lịch TP.HCM' },
  { code: SO_KH_CN, name: 'Sở Khoa học và Công nghệ TP.HCM' },
  { code: SO_QH_KT, name: 'Sở Quy hoạch - Kiến trúc TP.HCM' },
  { code: SO_DT_TG, name: 'Sở Dân tộc và Tôn giáo TP.HCM' },
  { code: SO_NGOAI_VU, name: 'Sở Ngoại vụ TP.HCM' },
  { code: THANH_TRA, name: 'Thanh tra Thành phố Hồ Chí Minh' },
  { code: BQL_KCX, name: 'Ban Quản lý các Khu chế xuất và công nghiệp TP.HCM' },
  { code: TT_VIEC_LAM, name: 'Trung tâm Dịch vụ việc làm TP.HCM (Sở Nội vụ)' },
  { code: CA_XNC, name: 'Phòng Quản lý xuất nhập cảnh, Công an TP.HCM' },
  { code: CA_GIAO_THONG, name: 'Phòng Cảnh sát giao thông, Công an TP.HCM' },
  { code: CA_PCCC, name: 'Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ, Công an TP.HCM' },
  { code: BHXH, name: 'Bảo hiểm xã hội TP.HCM' },
  { code: P_GIA_DINH, name: 'Ủy ban nhân dân phường Gia Định' },
  { code: P_HANH_THONG, name: 'Ủy ban nhân dân phường Hạnh Thông' },
  { code: P_CHANH_HUNG, name: 'Ủy ban nhân dân phường Chánh Hưng' },
  { code: P_LINH_TRUNG, name: 'Ủy ban nhân dân phường Linh Trung' },
  { code: X_BA_DIEM, name: 'Ủy ban nhân dân xã Bà Điểm' },
  { code: DK_CON_DAO, name: 'Ủy ban nhân dân đặc khu Côn Đảo' },
];
