// Demo seed data for the 1022 feedback subgraph (phản ánh kiến nghị, PAKN): categories, handling units,
// routing rules and a dozen items from the demo citizens. Plain data, no database code; a seed script
// writes it through Prisma. Citizens are keyed by their subject in auth/demo-realm.ts — never by
// name, ID number or phone.

import { WARDS } from '../../kit/reference/wards.ts';

/** A feedback category (lĩnh vực phản ánh). */
export interface CategorySeed {
  /** SCREAMING_SNAKE code, e.g. 'GIAO_THONG'. */
  code: string;
  /** Display name, e.g. 'Giao thông'. */
  name: string;
  /** Working hours to a result or a progress report. */
  deadlineHours: 8 | 48;
}

/** A handling unit (đơn vị xử lý): ward committee, department, utility, police or the coordinator. */
export interface UnitSeed {
  /** e.g. 'UBND-P-BEN-THANH', 'SO-XAY-DUNG', 'SAWACO'. */
  code: string;
  name: string;
  kind: 'WARD_COMMITTEE' | 'DEPARTMENT' | 'UTILITY' | 'POLICE' | 'COORDINATOR';
  /** Ward code (subgraphs/kit/reference/wards.ts) for ward committees. */
  wardCode?: string;
}

/** Automatic routing: items of a category (in a ward, or any ward) go to a unit. */
export interface RoutingRuleSeed {
  categoryCode: string;
  /** Undefined = any ward. */
  wardCode?: string;
  unitCode: string;
}

/** A demo feedback item. */
export interface FeedbackSeed {
  /** 'PHA' + YYMM + 8 random-looking digits, e.g. 'PHA261100384716'. */
  code: string;
  /** Demo account subject; undefined for phone-in items from citizens without an account. */
  citizenSub?: string;
  channel: 'WEB' | 'APP' | 'PHONE' | 'SMS' | 'EMAIL' | 'ZALO' | 'FACEBOOK' | 'VIBER' | 'CHAT';
  categoryCode: string;
  title: string;
  content: string;
  wardCode: string;
  lat: number;
  lng: number;
  isAnonymous: boolean;
  isPublic: boolean;
  status: 'RECEIVED' | 'ROUTED' | 'IN_PROGRESS' | 'RESOLVED' | 'PUBLISHED' | 'CLOSED' | 'REJECTED';
  unitCode?: string;
  /** ISO 8601 with +07:00. */
  receivedAt: string;
  resultText?: string;
}

// Demo citizens (auth/demo-realm.ts).
const AN = '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e501'; // an.nguyen
const BINH = '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e502'; // binh.tran
const CUONG = '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e503'; // cuong.le

// The first 19 categories are from the portals [seed]. modelled: the 8/48 working-hour split — Đồng Tháp
// answers within 8 or 48 working hours [seed]; which categories count as urgent is ours (traffic and
// the utilities whose failure stops daily life: water, power, flooding).
export const CATEGORIES: readonly CategorySeed[] = [
  { code: 'GIAO_THONG', name: 'Giao thông', deadlineHours: 8 },
  { code: 'CAP_NUOC', name: 'Cấp nước', deadlineHours: 8 },
  { code: 'THOAT_NUOC', name: 'Thoát nước – ngập nước', deadlineHours: 8 },
  { code: 'CAY_XANH', name: 'Cây xanh', deadlineHours: 48 },
  { code: 'CHIEU_SANG', name: 'Chiếu sáng công cộng', deadlineHours: 48 },
  { code: 'DIEN_LUC', name: 'Điện lực', deadlineHours: 8 },
  { code: 'VIEN_THONG', name: 'Viễn thông', deadlineHours: 48 },
  { code: 'XE_BUYT', name: 'Xe buýt – vận tải công cộng', deadlineHours: 48 },
  { code: 'MOI_TRUONG', name: 'Môi trường', deadlineHours: 48 },
  { code: 'TRAT_TU_DO_THI', name: 'Trật tự đô thị', deadlineHours: 48 },
  { code: 'TIENG_ON', name: 'Tiếng ồn', deadlineHours: 48 },
  { code: 'XAY_DUNG', name: 'Xây dựng', deadlineHours: 48 },
  { code: 'DAT_DAI', name: 'Đất đai', deadlineHours: 48 },
  { code: 'HANG_GIA', name: 'Hàng giả – buôn lậu', deadlineHours: 48 },
  { code: 'VAT_TU_NONG_NGHIEP', name: 'Vật tư nông nghiệp', deadlineHours: 48 },
  { code: 'HANH_CHINH_CONG', name: 'Hành chính công', deadlineHours: 48 },
  { code: 'Y_TE', name: 'Y tế', deadlineHours: 48 },
  { code: 'DU_LICH', name: 'Du lịch', deadlineHours: 48 },
  { code: 'GOP_Y_HIEN_KE', name: 'Góp ý – hiến kế', deadlineHours: 48 },
  // modelled: reports of wrong planning data from the planning lookup (thửa, khu chức năng, đồ án),
  // filed at the parcel's point; not one of the portals' 19.
  { code: 'QUY_HOACH', name: 'Thông tin quy hoạch – sai sót dữ liệu', deadlineHours: 48 },
];

/** Focal points (cán bộ đầu mối) across the 86 units [seed, 2022]. */
export const FOCAL_POINT_COUNT = 625;

function lowerFirst(text: string): string {
  return text.charAt(0).toLocaleLowerCase('vi') + text.slice(1);
}

/** Code of the ward committee (UBND) of a ward. */
export function wardCommitteeCode(wardCode: string): string {
  return `UBND-${wardCode}`;
}

const HCMC_WARDS = WARDS.filter((ward) => ward.province === 'HCM');

// The city-level units. Names after the 2025 merger of departments (Sở Giao thông Công trình and
// Sở Xây dựng → Sở Xây dựng; Sở Tài nguyên và Môi trường and Sở Nông nghiệp → Sở Nông nghiệp và Môi
// trường; Sở Kế hoạch và Đầu tư → Sở Tài chính; Sở Thông tin và Truyền thông → Sở Khoa học và Công nghệ).
// modelled: the selection of departments and utilities, and their codes.
const CITY_UNITS: readonly UnitSeed[] = [
  { code: 'SO-XAY-DUNG', name: 'Sở Xây dựng TP.HCM', kind: 'DEPARTMENT' },
  { code: 'SO-NONG-NGHIEP-MOI-TRUONG', name: 'Sở Nông nghiệp và Môi trường TP.HCM', kind: 'DEPARTMENT' },
  { code: 'SO-Y-TE', name: 'Sở Y tế TP.HCM', kind: 'DEPARTMENT' },
  { code: 'SO-DU-LICH', name: 'Sở Du lịch TP.HCM', kind: 'DEPARTMENT' },
  { code: 'SO-CONG-THUONG', name: 'Sở Công Thương TP.HCM', kind: 'DEPARTMENT' },
  { code: 'SO-TU-PHAP', name: 'Sở Tư pháp TP.HCM', kind: 'DEPARTMENT' },
  { code: 'SO-NOI-VU', name: 'Sở Nội vụ TP.HCM', kind: 'DEPARTMENT' },
  { code: 'SO-KHOA-HOC-CONG-NGHE', name: 'Sở Khoa học và Công nghệ TP.HCM', kind: 'DEPARTMENT' },
  { code: 'SO-TAI-CHINH', name: 'Sở Tài chính TP.HCM', kind: 'DEPARTMENT' },
  { code: 'CHI-CUC-QLTT', name: 'Chi cục Quản lý thị trường TP.HCM', kind: 'DEPARTMENT' },
  { code: 'CONG-AN-TP', name: 'Công an TP.HCM', kind: 'POLICE' },
  { code: 'SAWACO', name: 'Tổng Công ty Cấp nước Sài Gòn (SAWACO)', kind: 'UTILITY' },
  { code: 'EVNHCMC', name: 'Tổng Công ty Điện lực TP.HCM (EVNHCMC)', kind: 'UTILITY' },
  { code: 'THOAT-NUOC', name: 'Công ty TNHH MTV Thoát nước đô thị TP.HCM', kind: 'UTILITY' },
  { code: 'CONG-VIEN-CAY-XANH', name: 'Công ty TNHH MTV Công viên cây xanh TP.HCM', kind: 'UTILITY' },
  { code: 'CHIEU-SANG', name: 'Công ty TNHH MTV Chiếu sáng công cộng TP.HCM (SAPULICO)', kind: 'UTILITY' },
  { code: 'TT-QLGTCC', name: 'Trung tâm Quản lý giao thông công cộng TP.HCM', kind: 'UTILITY' },
  { code: 'VNPT-HCM', name: 'VNPT TP. Hồ Chí Minh', kind: 'UTILITY' },
  { code: 'VIETTEL-HCM', name: 'Viettel TP. Hồ Chí Minh', kind: 'UTILITY' },
  { code: 'TT-1022', name: 'Trung tâm 1022 TP.HCM', kind: 'COORDINATOR' },
];

/**
 * 86 units [seed]: one ward committee per HCMC unit in WARDS (66) plus the 20 city-level units.
 * modelled: which units make up the 86 (the 2022 count predates the 2025 reform).
 */
export const UNITS: readonly UnitSeed[] = [
  ...HCMC_WARDS.map((ward): UnitSeed => ({
    code: wardCommitteeCode(ward.code),
    name: `Ủy ban nhân dân ${lowerFirst(ward.name)}`,
    kind: 'WARD_COMMITTEE',
    wardCode: ward.code,
  })),
  ...CITY_UNITS,
];

/** Unit that receives anything no rule matches (and classifies it by hand). */
export const DEFAULT_UNIT_CODE = 'TT-1022';

/** Categories handled by the ward committee of the ward where the problem is. */
const WARD_LEVEL_CATEGORIES = ['TRAT_TU_DO_THI', 'TIENG_ON', 'XAY_DUNG'] as const;

// modelled: the routing table (HCMC's actual assignment lists are not published). A rule without a
// ward applies everywhere; GOP_Y_HIEN_KE and unmatched items go to DEFAULT_UNIT_CODE.
export const ROUTING_RULES: readonly RoutingRuleSeed[] = [
  ...WARD_LEVEL_CATEGORIES.flatMap((categoryCode) => HCMC_WARDS.map((ward): RoutingRuleSeed => ({ categoryCode, wardCode: ward.code, unitCode: wardCommitteeCode(ward.code) }))),
  { categoryCode: 'GIAO_THONG', unitCode: 'SO-XAY-DUNG' },
  { categoryCode: 'CAP_NUOC', unitCode: 'SAWACO' },
  { categoryCode: 'THOAT_NUOC', unitCode: 'THOAT-NUOC' },
  { categoryCode: 'CAY_XANH', unitCode: 'CONG-VIEN-CAY-XANH' },
  { categoryCode: 'CHIEU_SANG', unitCode: 'CHIEU-SANG' },
  { categoryCode: 'DIEN_LUC', unitCode: 'EVNHCMC' },
  { categoryCode: 'VIEN_THONG', unitCode: 'SO-KHOA-HOC-CONG-NGHE' },
  { categoryCode: 'XE_BUYT', unitCode: 'TT-QLGTCC' },
  { categoryCode: 'MOI_TRUONG', unitCode: 'SO-NONG-NGHIEP-MOI-TRUONG' },
  { categoryCode: 'DAT_DAI', unitCode: 'SO-NONG-NGHIEP-MOI-TRUONG' },
  { categoryCode: 'HANG_GIA', unitCode: 'CHI-CUC-QLTT' },
  { categoryCode: 'VAT_TU_NONG_NGHIEP', unitCode: 'SO-NONG-NGHIEP-MOI-TRUONG' },
  { categoryCode: 'HANH_CHINH_CONG', unitCode: 'SO-NOI-VU' },
  { categoryCode: 'Y_TE', unitCode: 'SO-Y-TE' },
  { categoryCode: 'DU_LICH', unitCode: 'SO-DU-LICH' },
  // Planning and architecture were merged into the Department of Construction in 2025.
  { categoryCode: 'QUY_HOACH', unitCode: 'SO-XAY-DUNG' },
];

// modelled: the items, their codes (random-looking, not a counter) and their histories.
export const DEMO_FEEDBACK: readonly FeedbackSeed[] = [
  // — an.nguyen
  {
    code: 'PHA261000483917',
    citizenSub: AN,
    channel: 'APP',
    categoryCode: 'GIAO_THONG',
    title: 'Ổ gà lớn trên đường Lê Lợi gần chợ Bến Thành',
    content:
      'Trên đường Lê Lợi, đoạn từ đường Pasteur về phía chợ Bến Thành, có một ổ gà sâu khoảng 15 cm, rộng gần 1 m ngay làn xe máy. ' +
      'Buổi tối trời tối rất khó thấy, sáng nay đã có hai xe máy bị té. Đề nghị cơ quan chức năng sớm vá lại mặt đường.',
    wardCode: 'P-BEN-THANH',
    lat: 10.7722,
    lng: 106.6975,
    isAnonymous: false,
    isPublic: true,
    status: 'RESOLVED',
    unitCode: 'SO-XAY-DUNG',
    receivedAt: '2026-10-06T07:42:10+07:00',
    resultText: 'Sở Xây dựng đã chỉ đạo đơn vị duy tu thảm bê tông nhựa nóng xử lý ổ gà trong đêm 06/10/2026; mặt đường đã êm thuận, ' + 'lưu thông bình thường.',
  },
  {
    code: 'PHA261000729150',
    citizenSub: AN,
    channel: 'WEB',
    categoryCode: 'TRAT_TU_DO_THI',
    title: 'Lấn chiếm vỉa hè đường Phạm Ngũ Lão',
    content:
      'Nhiều quán ăn trên đường Phạm Ngũ Lão (đoạn gần công viên 23 Tháng 9) bày bàn ghế, dựng mái che kín vỉa hè từ chiều đến khuya, ' +
      'người đi bộ phải xuống lòng đường rất nguy hiểm. Tình trạng kéo dài nhiều tháng.',
    wardCode: 'P-BEN-THANH',
    lat: 10.7683,
    lng: 106.6935,
    isAnonymous: false,
    isPublic: true,
    status: 'IN_PROGRESS',
    unitCode: 'UBND-P-BEN-THANH',
    receivedAt: '2026-10-21T20:15:33+07:00',
  },
  {
    code: 'PHA261000351268',
    citizenSub: AN,
    channel: 'APP',
    categoryCode: 'CAY_XANH',
    title: 'Cây xanh nghiêng có nguy cơ ngã trên đường Điện Biên Phủ',
    content:
      'Cây dầu lớn trước nhà số 48 đường Điện Biên Phủ bị nghiêng hẳn ra lòng đường sau trận mưa giông, rễ bật lên làm nứt vỉa hè. ' +
      'Khu vực có trường học, đề nghị kiểm tra, gia cố hoặc đốn hạ kịp thời trước khi có mưa lớn.',
    wardCode: 'P-GIA-DINH',
    lat: 10.8011,
    lng: 106.6962,
    isAnonymous: false,
    isPublic: true,
    status: 'PUBLISHED',
    unitCode: 'CONG-VIEN-CAY-XANH',
    receivedAt: '2026-10-14T16:05:48+07:00',
    resultText:
      'Công ty Công viên cây xanh đã khảo sát, cắt tỉa nhánh nặng và chằng chống gốc cây ngày 15/10/2026; cây sẽ được theo dõi ' +
      'định kỳ trong mùa mưa. Vỉa hè hư hỏng đã chuyển đơn vị duy tu sửa chữa.',
  },
  {
    code: 'PHA261100216584',
    citizenSub: AN,
    channel: 'APP',
    categoryCode: 'CHIEU_SANG',
    title: 'Đèn đường hỏng trên đường Hai Bà Trưng',
    content:
      'Khoảng 5 trụ đèn chiếu sáng trên đường Hai Bà Trưng, đoạn gần chợ Tân Định, không sáng đã gần một tuần. ' + 'Buổi tối đoạn đường tối om, người dân lo ngại mất an toàn giao thông và trộm cắp.',
    wardCode: 'P-TAN-DINH',
    lat: 10.7898,
    lng: 106.6908,
    isAnonymous: false,
    isPublic: true,
    status: 'ROUTED',
    unitCode: 'CHIEU-SANG',
    receivedAt: '2026-11-09T19:28:02+07:00',
  },
  {
    code: 'PHA261100905342',
    citizenSub: AN,
    channel: 'ZALO',
    categoryCode: 'TIENG_ON',
    title: 'Tiếng ồn karaoke sau 22 giờ',
    content:
      'Một quán karaoke trong hẻm đường Trần Quang Khải hát lớn đến 1–2 giờ sáng gần như mỗi đêm, loa hướng ra ngoài. ' +
      'Nhà tôi có người già và trẻ nhỏ không ngủ được. Mong được giữ kín thông tin người phản ánh.',
    wardCode: 'P-TAN-DINH',
    lat: 10.7921,
    lng: 106.6889,
    isAnonymous: true,
    isPublic: false,
    status: 'RECEIVED',
    receivedAt: '2026-11-21T23:47:19+07:00',
  },
  // — binh.tran
  {
    code: 'PHA261000618243',
    citizenSub: BINH,
    channel: 'FACEBOOK',
    categoryCode: 'THOAT_NUOC',
    title: 'Ngập nước sau mưa trên đường Hải Thượng Lãn Ông',
    content:
      'Mỗi lần mưa lớn khoảng 30 phút là đường Hải Thượng Lãn Ông, đoạn gần chợ Kim Biên, ngập sâu 30–40 cm, nước tràn vào nhà dân ' +
      'và phải 2–3 giờ sau mới rút. Miệng cống có dấu hiệu bị rác bịt kín.',
    wardCode: 'P-CHO-LON',
    lat: 10.7502,
    lng: 106.6569,
    isAnonymous: false,
    isPublic: true,
    status: 'CLOSED',
    unitCode: 'THOAT-NUOC',
    receivedAt: '2026-10-12T15:32:41+07:00',
    resultText: 'Công ty Thoát nước đô thị đã nạo vét 120 m cống dọc tuyến, thay 4 lưới chắn rác ở hố ga. Kiểm tra lại trong cơn mưa ngày ' + '18/10/2026, nước rút sau khoảng 20 phút.',
  },
  {
    code: 'PHA261100074925',
    citizenSub: BINH,
    channel: 'APP',
    categoryCode: 'CAP_NUOC',
    title: 'Mất nước sinh hoạt hai ngày không báo trước',
    content:
      'Khu dân cư đường Trần Hưng Đạo (đoạn gần đường Châu Văn Liêm) mất nước hoàn toàn từ sáng 03/11, đến nay vẫn chưa có nước, ' +
      'không có thông báo cúp nước trước. Nhiều hộ phải mua nước bình để sinh hoạt.',
    wardCode: 'P-CHO-LON',
    lat: 10.7546,
    lng: 106.6601,
    isAnonymous: false,
    isPublic: true,
    status: 'IN_PROGRESS',
    unitCode: 'SAWACO',
    receivedAt: '2026-11-04T08:10:05+07:00',
  },
  {
    code: 'PHA261100452790',
    citizenSub: BINH,
    channel: 'WEB',
    categoryCode: 'XE_BUYT',
    title: 'Xe buýt không dừng đón khách tại trạm',
    content:
      'Chiều ngày 16/11 khoảng 17 giờ, xe buýt tuyến 01 (Bến Thành – Bến xe Chợ Lớn) chạy thẳng qua trạm trên đường Hải Thượng Lãn Ông ' +
      'dù có nhiều người vẫy xe, trong đó có người cao tuổi. Đề nghị nhắc nhở tài xế.',
    wardCode: 'P-CHO-LON',
    lat: 10.7509,
    lng: 106.6553,
    isAnonymous: false,
    isPublic: true,
    status: 'RESOLVED',
    unitCode: 'TT-QLGTCC',
    receivedAt: '2026-11-16T18:22:37+07:00',
    resultText: 'Trung tâm Quản lý giao thông công cộng đã trích xuất hành trình, xác định xe không dừng đúng trạm; doanh nghiệp vận tải ' + 'đã xử lý kỷ luật tài xế và tổ chức nhắc nhở toàn tuyến.',
  },
  // — cuong.le
  {
    code: 'PHA261000947316',
    citizenSub: CUONG,
    channel: 'APP',
    categoryCode: 'XAY_DUNG',
    title: 'Công trình xây dựng không che chắn, vật liệu rơi xuống hẻm',
    content:
      'Công trình nhà 5 tầng trong hẻm đường Nguyễn Văn Lượng thi công không có lưới che chắn, xà bần và vữa rơi xuống hẻm, ' +
      'xe chở vật liệu đậu chắn lối đi cả ngày. Đề nghị kiểm tra giấy phép xây dựng và an toàn thi công.',
    wardCode: 'P-GO-VAP',
    lat: 10.8384,
    lng: 106.6655,
    isAnonymous: false,
    isPublic: true,
    status: 'IN_PROGRESS',
    unitCode: 'UBND-P-GO-VAP',
    receivedAt: '2026-10-27T10:03:56+07:00',
  },
  {
    code: 'PHA261100562087',
    citizenSub: CUONG,
    channel: 'CHAT',
    categoryCode: 'MOI_TRUONG',
    title: 'Rác thải tồn đọng ven kênh, bốc mùi hôi',
    content:
      'Đoạn kênh gần đường Phạm Văn Chiêu có nhiều rác thải sinh hoạt, xà bần bị đổ trộm, bốc mùi hôi nồng nặc, ruồi muỗi nhiều. ' +
      'Mùa này dễ phát sinh sốt xuất huyết, mong được thu gom và xử lý người đổ trộm.',
    wardCode: 'P-THONG-TAY-HOI',
    lat: 10.8352,
    lng: 106.6528,
    isAnonymous: true,
    isPublic: true,
    status: 'ROUTED',
    unitCode: 'SO-NONG-NGHIEP-MOI-TRUONG',
    receivedAt: '2026-11-12T09:41:22+07:00',
  },
  {
    code: 'PHA261100139658',
    citizenSub: CUONG,
    channel: 'SMS',
    categoryCode: 'GOP_Y_HIEN_KE',
    title: 'Hỏi về tranh chấp thừa kế trong gia đình',
    content: 'Gia đình tôi đang có tranh chấp về chia thừa kế căn nhà của cha mẹ để lại, nhờ tổng đài cho biết nên giải quyết thế nào.',
    wardCode: 'P-HANH-THONG',
    lat: 10.8241,
    lng: 106.6857,
    isAnonymous: false,
    isPublic: false,
    status: 'REJECTED',
    unitCode: 'TT-1022',
    receivedAt: '2026-11-18T14:55:09+07:00',
    resultText:
      'Từ chối tiếp nhận: tranh chấp dân sự về thừa kế không thuộc phạm vi phản ánh kiến nghị của Hệ thống 1022. ' +
      'Đề nghị ông liên hệ Tòa án nhân dân khu vực có thẩm quyền hoặc Trung tâm Trợ giúp pháp lý nhà nước (Sở Tư pháp) để được hướng dẫn.',
  },
  // — phone-in items from citizens without an account
  {
    code: 'PHA261000270493',
    channel: 'PHONE',
    categoryCode: 'DIEN_LUC',
    title: 'Dây điện võng thấp sau mưa giông',
    content: 'Người dân gọi tổng đài báo dây điện hạ thế trên đường Hoàng Diệu 2 bị võng thấp, cách mặt đất khoảng 2 m sau trận mưa giông, ' + 'xe tải đi qua có thể vướng. Đề nghị kiểm tra khẩn.',
    wardCode: 'P-LINH-TRUNG',
    lat: 10.8606,
    lng: 106.7712,
    isAnonymous: false,
    isPublic: true,
    status: 'RESOLVED',
    unitCode: 'EVNHCMC',
    receivedAt: '2026-10-09T17:18:44+07:00',
    resultText: 'Điện lực Thủ Đức đã cử tổ thao tác đến hiện trường trong 45 phút, căng lại dây và thay một kẹp treo bị gãy; không phải cắt điện.',
  },
  {
    code: 'PHA261100698731',
    channel: 'PHONE',
    categoryCode: 'GIAO_THONG',
    title: 'Đèn tín hiệu giao thông ngưng hoạt động tại giao lộ',
    content: 'Người dân gọi tổng đài báo đèn tín hiệu tại giao lộ Phạm Thế Hiển – Tạ Quang Bửu tắt từ sáng, giờ cao điểm kẹt xe kéo dài, ' + 'chưa thấy lực lượng điều tiết.',
    wardCode: 'P-CHANH-HUNG',
    lat: 10.7398,
    lng: 106.6807,
    isAnonymous: false,
    isPublic: true,
    status: 'CLOSED',
    unitCode: 'SO-XAY-DUNG',
    receivedAt: '2026-11-02T07:05:31+07:00',
    resultText: 'Đơn vị quản lý hệ thống đèn tín hiệu đã thay bộ điều khiển hỏng, đèn hoạt động lại lúc 09 giờ 40 cùng ngày; ' + 'Công an phường đã điều tiết giao thông trong thời gian sửa chữa.',
  },
];

/** A demo directive (chỉ đạo điều hành) and its addressed units, as issueDirective would resolve them. */
export interface DirectiveSeed {
  /** 'CD' + YYMM + 8 random-looking digits. */
  code: string;
  /** The leader's subject (auth/demo-realm.ts). */
  leaderSub: string;
  targetKind: 'UNIT' | 'CATEGORY' | 'WARD' | 'ITEM';
  targetCode: string;
  content: string;
  /** ISO 8601 with +07:00. */
  createdAt: string;
  dueAt: string;
  recipients: readonly { unitCode: string; repliedAt?: string; reply?: string; repliedBySub?: string }[];
}

const EM = '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e520'; // em.vo, leader
const DUNG = '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e510'; // dung.pham, officer of UBND-P-BEN-THANH

// modelled: the directives. One answered, one open (due mid-2027) and one overdue, for the dashboard.
export const DEMO_DIRECTIVES: readonly DirectiveSeed[] = [
  {
    code: 'CD261104817265',
    leaderSub: EM,
    targetKind: 'UNIT',
    targetCode: 'UBND-P-BEN-THANH',
    content: 'Đề nghị UBND phường Bến Thành ra quân lập lại trật tự vỉa hè khu vực chợ Bến Thành và phố đi bộ Nguyễn Huệ, báo cáo kết quả trước ngày 09/11/2026.',
    createdAt: '2026-11-02T08:30:00+07:00',
    dueAt: '2026-11-09T17:00:00+07:00',
    recipients: [
      {
        unitCode: 'UBND-P-BEN-THANH',
        repliedAt: '2026-11-06T15:20:00+07:00',
        reply: 'Phường đã phối hợp công an phường ra quân 3 đợt, nhắc nhở 42 hộ kinh doanh, lập biên bản 7 trường hợp tái phạm; vỉa hè khu vực chợ đã thông thoáng.',
        repliedBySub: DUNG,
      },
    ],
  },
  {
    code: 'CD261109352048',
    leaderSub: EM,
    targetKind: 'CATEGORY',
    targetCode: 'CHIEU_SANG',
    content: 'Rà soát toàn bộ trụ đèn chiếu sáng hư hỏng trên các tuyến đường chính, khắc phục và báo cáo trước ngày 17/11/2026.',
    createdAt: '2026-11-10T09:00:00+07:00',
    dueAt: '2026-11-17T17:00:00+07:00',
    recipients: [{ unitCode: 'CHIEU-SANG' }],
  },
  {
    code: 'CD261106640391',
    leaderSub: EM,
    targetKind: 'ITEM',
    targetCode: 'PHA261000729150',
    content: 'Phản ánh lấn chiếm vỉa hè đường Phạm Ngũ Lão kéo dài nhiều tháng: đề nghị phường xử lý dứt điểm và báo cáo phương án quản lý lâu dài.',
    createdAt: '2026-11-20T10:15:00+07:00',
    dueAt: '2027-06-30T17:00:00+07:00',
    recipients: [{ unitCode: 'UBND-P-BEN-THANH' }],
  },
];

/** What a leader oversees, for the Friday summary: the city (province code), a unit, a ward or a category. */
export interface LeaderScopeSeed {
  /** The leader's subject (auth/demo-realm.ts). */
  leaderSub: string;
  kind: 'CITY' | 'UNIT' | 'WARD' | 'CATEGORY';
  code: string;
}

// em.vo, the demo city leader, oversees the whole of Ho Chi Minh City.
export const LEADER_SCOPES: readonly LeaderScopeSeed[] = [{ leaderSub: '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e520', kind: 'CITY', code: 'HCM' }];
