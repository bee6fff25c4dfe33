// Demo seed data for the dossier subgraph (thủ tục hành chính and hồ sơ): agencies, ~30 procedures
// and the demo citizens' dossiers. Plain data, no database code. Citizens are keyed by their subject
// in auth/demo-realm.ts.

/** An agency that receives dossiers. */
export interface AgencySeed {
  /** Agency code in the national one-stop system style; HCMC is H29, e.g. '000.00.12.H29'. */
  code: string;
  name: string;
}

/** An administrative procedure (thủ tục hành chính, TTHC). */
export interface ProcedureSeed {
  /** Short national-database form 'N.NNNNNN.H29'. */
  code: string;
  name: string;
  /** Field (lĩnh vực), e.g. 'Hộ tịch'. */
  field: string;
  agencyCode: string;
  onlineLevel: 'FULL' | 'PARTIAL';
  /** Processing time in working days. */
  processingDays: number;
  /** Fee (phí, lệ phí) in VND; 0 = free. */
  feeVnd: number;
  requiredDocuments: readonly string[];
  legalBasis: string;
}

/** One of our dossier statuses. */
export type DossierStatusSeedValue = DossierStatusSeed;
type DossierStatusSeed = 'NEW' | 'RECEIVING' | 'WAITING_SUPPLEMENT' | 'PAYING' | 'PROCESSING' | 'INTER_AGENCY' | 'RELEASING' | 'DONE' | 'UNRESOLVED' | 'CANCELLED' | 'DENIED';

/** One entry of a demo dossier's timeline (subgraphs/dossier/lifecycle/timeline.ts). */
export interface TimelineSeed {
  /** ISO 8601 with +07:00. */
  at: string;
  /** The status after this entry. */
  status: DossierStatusSeed;
  /** The step as the agency names it. */
  step?: string;
  /** Where it happened; default the dossier's agency. */
  agencyCode?: string;
  /** Recorded by the owner (a withdrawal, a supplement) instead of the agency. */
  byOwner?: boolean;
  /** What the statuses cannot say: a withdrawal or an apology for lateness. */
  kind?: 'WITHDRAWN' | 'LATE_APOLOGY';
  /** The step's own due date, ISO 8601. */
  stepDueAt?: string;
  /** LATE_APOLOGY: the new date promised, ISO 8601. */
  newDueAt?: string;
  /** Shown only on the owner's timeline (default: public). */
  private?: boolean;
  /** Owner-only text (what a supplement request asks). */
  note?: string;
}

/** A dossier (hồ sơ) filed by a demo citizen. */
export interface DossierSeed {
  /** '<agency-code>-<YYMMDD>-<seq 4 digits>', e.g. '000.00.12.H29-260915-0187'. */
  code: string;
  ownerSub: string;
  procedureCode: string;
  channel: 'ONLINE' | 'COUNTER' | 'POST';
  /** The status the timeline ends in. */
  status: DossierStatusSeed;
  /** ISO 8601 with +07:00. */
  receivedAt: string;
  /** Appointment date (ngày hẹn trả): the procedure's working days on the kit's calendar, ISO 8601 with +07:00. */
  dueAt: string;
  /** What the timeline's latest step names. */
  currentStep: string;
  supplementRequest?: string;
  returnedAt?: string;
  /** The 6-digit PIN printed on the demo receipt (stored only as an HMAC). */
  receiptPin: string;
  /** Oldest first; the first entry is the receipt. */
  timeline: readonly TimelineSeed[];
}

// Demo citizens (auth/demo-realm.ts).
const AN = '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e501'; // an.nguyen
const BINH = '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e502'; // binh.tran
const CUONG = '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e503'; // cuong.le

// Agency names follow the 2025 reorganisation (no district level; Sở Kế hoạch và Đầu tư merged into
// Sở Tài chính, Sở Tài nguyên và Môi trường into Sở Nông nghiệp và Môi trường).
// modelled: the agency codes (format 000.xx.yy.H29 as in the one-stop system; numbers ours).
export const AGENCIES: readonly AgencySeed[] = [
  { code: '000.00.12.H29', name: 'Sở Tư pháp TP.HCM' },
  { code: '000.00.13.H29', name: 'Sở Xây dựng TP.HCM' },
  { code: '000.00.14.H29', name: 'Sở Nông nghiệp và Môi trường TP.HCM' },
  { code: '000.00.15.H29', name: 'Văn phòng Đăng ký đất đai TP.HCM (Sở Nông nghiệp và Môi trường)' },
  { code: '000.00.16.H29', name: 'Sở Tài chính TP.HCM (đăng ký kinh doanh)' },
  { code: '000.00.17.H29', name: 'Sở Y tế TP.HCM' },
  { code: '000.00.30.H29', name: 'Công an TP.HCM (quản lý cư trú)' },
  { code: '000.01.01.H29', name: 'Ủy ban nhân dân phường Sài Gòn' },
  { code: '000.01.02.H29', name: 'Ủy ban nhân dân phường Tân Định' },
  { code: '000.01.03.H29', name: 'Ủy ban nhân dân phường Bến Thành' },
  { code: '000.05.03.H29', name: 'Ủy ban nhân dân phường Chợ Lớn' },
  { code: '000.12.03.H29', name: 'Ủy ban nhân dân phường Gò Vấp' },
];

const SO_TU_PHAP = '000.00.12.H29';
const SO_XAY_DUNG = '000.00.13.H29';
const SO_NN_MT = '000.00.14.H29';
const VP_DKDD = '000.00.15.H29';
const SO_TAI_CHINH = '000.00.16.H29';
const SO_Y_TE = '000.00.17.H29';
const CONG_AN = '000.00.30.H29';
const P_SAI_GON = '000.01.01.H29';
const P_TAN_DINH = '000.01.02.H29';
const P_BEN_THANH = '000.01.03.H29';
const P_CHO_LON = '000.05.03.H29';
const P_GO_VAP = '000.12.03.H29';

const HO_TICH = 'Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP; Thông tư 04/2020/TT-BTP';
const CHUNG_THUC = 'Nghị định 23/2015/NĐ-CP; Thông tư 01/2020/TT-BTP; Thông tư 226/2016/TT-BTC';
const CU_TRU = 'Luật Cư trú 2020; Nghị định 154/2024/NĐ-CP; Thông tư 55/2021/TT-BCA';
const DAT_DAI = 'Luật Đất đai 2024; Nghị định 101/2024/NĐ-CP; Nghị định 102/2024/NĐ-CP';
const XAY_DUNG = 'Luật Xây dựng 2014 (sửa đổi 2020); Nghị định 175/2024/NĐ-CP';
const DKKD = 'Luật Doanh nghiệp 2020; Nghị định 168/2025/NĐ-CP';

// Procedure names and legal bases follow the national procedure database.
// modelled: the numeric parts of the codes, the agency each is assigned to in the demo, and the
// processing days and fees (plausible values, not looked up per procedure).
export const PROCEDURES: readonly ProcedureSeed[] = [
  // — Hộ tịch
  {
    code: '1.001193.H29',
    name: 'Đăng ký khai sinh',
    field: 'Hộ tịch',
    agencyCode: P_BEN_THANH,
    onlineLevel: 'FULL',
    processingDays: 1,
    feeVnd: 0,
    requiredDocuments: ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh (hoặc văn bản của người làm chứng)'],
    legalBasis: HO_TICH,
  },
  {
    code: '1.000894.H29',
    name: 'Đăng ký kết hôn',
    field: 'Hộ tịch',
    agencyCode: P_BEN_THANH,
    onlineLevel: 'PARTIAL',
    processingDays: 1,
    feeVnd: 0,
    requiredDocuments: ['Tờ khai đăng ký kết hôn', 'Giấy xác nhận tình trạng hôn nhân (nếu đăng ký ở nơi không thường trú)'],
    legalBasis: HO_TICH,
  },
  {
    code: '1.000656.H29',
    name: 'Đăng ký khai tử',
    field: 'Hộ tịch',
    agencyCode: P_BEN_THANH,
    onlineLevel: 'FULL',
    processingDays: 1,
    feeVnd: 0,
    requiredDocuments: ['Tờ khai đăng ký khai tử', 'Giấy báo tử hoặc giấy tờ thay thế giấy báo tử'],
    legalBasis: HO_TICH,
  },
  {
    code: '1.004873.H29',
    name: 'Cấp Giấy xác nhận tình trạng hôn nhân',
    field: 'Hộ tịch',
    agencyCode: P_BEN_THANH,
    onlineLevel: 'FULL',
    processingDays: 3,
    feeVnd: 0,
    requiredDocuments: ['Tờ khai cấp Giấy xác nhận tình trạng hôn nhân', 'Bản án, quyết định ly hôn (nếu đã ly hôn)'],
    legalBasis: HO_TICH,
  },
  {
    code: '1.001022.H29',
    name: 'Đăng ký nhận cha, mẹ, con',
    field: 'Hộ tịch',
    agencyCode: P_BEN_THANH,
    onlineLevel: 'PARTIAL',
    processingDays: 3,
    feeVnd: 15000,
    requiredDocuments: ['Tờ khai đăng ký nhận cha, mẹ, con', 'Chứng cứ chứng minh quan hệ cha, mẹ, con (văn bản giám định ADN hoặc tương đương)'],
    legalBasis: HO_TICH,
  },
  {
    code: '1.000689.H29',
    name: 'Thay đổi, cải chính, bổ sung thông tin hộ tịch',
    field: 'Hộ tịch',
    agencyCode: P_BEN_THANH,
    onlineLevel: 'PARTIAL',
    processingDays: 3,
    feeVnd: 15000,
    requiredDocuments: ['Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch', 'Giấy tờ làm căn cứ thay đổi, cải chính'],
    legalBasis: HO_TICH,
  },
  {
    code: '2.000635.H29',
    name: 'Cấp bản sao trích lục hộ tịch',
    field: 'Hộ tịch',
    agencyCode: P_SAI_GON,
    onlineLevel: 'FULL',
    processingDays: 1,
    feeVnd: 8000,
    requiredDocuments: ['Tờ khai cấp bản sao trích lục hộ tịch'],
    legalBasis: `${HO_TICH}; Thông tư 281/2016/TT-BTC`,
  },
  // — Chứng thực
  {
    code: '2.000815.H29',
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản',
    field: 'Chứng thực',
    agencyCode: P_SAI_GON,
    onlineLevel: 'PARTIAL',
    processingDays: 1,
    feeVnd: 2000,
    requiredDocuments: ['Bản chính giấy tờ, văn bản cần chứng thực', 'Bản sao cần chứng thực'],
    legalBasis: CHUNG_THUC,
  },
  {
    code: '2.000884.H29',
    name: 'Chứng thực chữ ký trong các giấy tờ, văn bản',
    field: 'Chứng thực',
    agencyCode: P_TAN_DINH,
    onlineLevel: 'PARTIAL',
    processingDays: 1,
    feeVnd: 10000,
    requiredDocuments: ['Giấy tờ tùy thân còn giá trị sử dụng', 'Giấy tờ, văn bản sẽ ký'],
    legalBasis: CHUNG_THUC,
  },
  {
    code: '2.001035.H29',
    name: 'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản',
    field: 'Chứng thực',
    agencyCode: P_TAN_DINH,
    onlineLevel: 'PARTIAL',
    processingDays: 2,
    feeVnd: 50000,
    requiredDocuments: ['Dự thảo hợp đồng, giao dịch', 'Giấy tờ tùy thân của người yêu cầu', 'Giấy tờ chứng minh quyền sở hữu tài sản'],
    legalBasis: CHUNG_THUC,
  },
  // — Cư trú
  {
    code: '1.004194.H29',
    name: 'Đăng ký thường trú',
    field: 'Cư trú',
    agencyCode: CONG_AN,
    onlineLevel: 'FULL',
    processingDays: 7,
    feeVnd: 20000,
    requiredDocuments: ['Tờ khai thay đổi thông tin cư trú (CT01)', 'Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp', 'Văn bản đồng ý của chủ hộ (nếu nhập vào hộ đã có)'],
    legalBasis: `${CU_TRU}; Thông tư 75/2022/TT-BTC`,
  },
  {
    code: '1.004222.H29',
    name: 'Đăng ký tạm trú',
    field: 'Cư trú',
    agencyCode: CONG_AN,
    onlineLevel: 'FULL',
    processingDays: 3,
    feeVnd: 15000,
    requiredDocuments: ['Tờ khai thay đổi thông tin cư trú (CT01)', 'Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp (hợp đồng thuê nhà…)'],
    legalBasis: `${CU_TRU}; Thông tư 75/2022/TT-BTC`,
  },
  {
    code: '1.010063.H29',
    name: 'Khai báo tạm vắng',
    field: 'Cư trú',
    agencyCode: CONG_AN,
    onlineLevel: 'FULL',
    processingDays: 1,
    feeVnd: 0,
    requiredDocuments: ['Tờ khai thay đổi thông tin cư trú (CT01)'],
    legalBasis: CU_TRU,
  },
  {
    code: '1.010067.H29',
    name: 'Xác nhận thông tin về cư trú',
    field: 'Cư trú',
    agencyCode: CONG_AN,
    onlineLevel: 'FULL',
    processingDays: 1,
    feeVnd: 0,
    requiredDocuments: ['Tờ khai thay đổi thông tin cư trú (CT01)'],
    legalBasis: CU_TRU,
  },
  // — Lý lịch tư pháp
  {
    code: '2.000488.H29',
    name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam',
    field: 'Lý lịch tư pháp',
    agencyCode: SO_TU_PHAP,
    onlineLevel: 'FULL',
    processingDays: 10,
    feeVnd: 200000,
    requiredDocuments: ['Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', 'Bản chụp giấy tờ tùy thân (nếu nộp trực tiếp)'],
    legalBasis: 'Luật Lý lịch tư pháp 2009; Nghị định 111/2010/NĐ-CP; Thông tư 244/2016/TT-BTC',
  },
  {
    code: '2.000505.H29',
    name: 'Cấp Phiếu lý lịch tư pháp cho người nước ngoài đang cư trú tại Việt Nam',
    field: 'Lý lịch tư pháp',
    agencyCode: SO_TU_PHAP,
    onlineLevel: 'FULL',
    processingDays: 10,
    feeVnd: 200000,
    requiredDocuments: ['Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp', 'Bản chụp hộ chiếu', 'Bản chụp thẻ thường trú hoặc thẻ tạm trú'],
    legalBasis: 'Luật Lý lịch tư pháp 2009; Nghị định 111/2010/NĐ-CP; Thông tư 244/2016/TT-BTC',
  },
  // — Xây dựng
  {
    code: '1.009994.H29',
    name: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ',
    field: 'Xây dựng',
    agencyCode: P_GO_VAP,
    onlineLevel: 'FULL',
    processingDays: 15,
    feeVnd: 75000,
    requiredDocuments: ['Đơn đề nghị cấp giấy phép xây dựng', 'Giấy chứng nhận quyền sử dụng đất', 'Bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt đứng, móng)'],
    legalBasis: XAY_DUNG,
  },
  {
    code: '1.009995.H29',
    name: 'Cấp giấy phép sửa chữa, cải tạo đối với nhà ở riêng lẻ',
    field: 'Xây dựng',
    agencyCode: P_GO_VAP,
    onlineLevel: 'FULL',
    processingDays: 15,
    feeVnd: 75000,
    requiredDocuments: ['Đơn đề nghị cấp giấy phép sửa chữa, cải tạo', 'Giấy tờ chứng minh quyền sở hữu nhà', 'Ảnh chụp hiện trạng công trình', 'Bản vẽ thiết kế sửa chữa, cải tạo'],
    legalBasis: XAY_DUNG,
  },
  {
    code: '1.009997.H29',
    name: 'Cấp giấy phép xây dựng mới đối với công trình cấp II, cấp III',
    field: 'Xây dựng',
    agencyCode: SO_XAY_DUNG,
    onlineLevel: 'PARTIAL',
    processingDays: 20,
    feeVnd: 150000,
    requiredDocuments: ['Đơn đề nghị cấp giấy phép xây dựng', 'Giấy tờ về quyền sử dụng đất', 'Quyết định phê duyệt dự án', 'Văn bản thẩm định thiết kế', 'Hồ sơ thiết kế xây dựng'],
    legalBasis: XAY_DUNG,
  },
  {
    code: '1.009878.H29',
    name: 'Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III',
    field: 'Xây dựng',
    agencyCode: SO_XAY_DUNG,
    onlineLevel: 'FULL',
    processingDays: 20,
    feeVnd: 300000,
    requiredDocuments: ['Đơn đề nghị cấp chứng chỉ hành nghề', 'Ảnh màu 4x6 cm', 'Văn bằng đào tạo chuyên môn', 'Bản khai kinh nghiệm công việc chuyên môn'],
    legalBasis: `${XAY_DUNG}; Thông tư 38/2022/TT-BTC`,
  },
  // — Đất đai
  {
    code: '1.012757.H29',
    name: 'Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất (chuyển nhượng, tặng cho, thừa kế)',
    field: 'Đất đai',
    agencyCode: VP_DKDD,
    onlineLevel: 'PARTIAL',
    processingDays: 10,
    feeVnd: 50000,
    requiredDocuments: ['Đơn đăng ký biến động đất đai, tài sản gắn liền với đất (Mẫu 11/ĐK)', 'Hợp đồng, văn bản chuyển quyền đã công chứng, chứng thực', 'Giấy chứng nhận đã cấp'],
    legalBasis: DAT_DAI,
  },
  {
    code: '1.012758.H29',
    name: 'Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất lần đầu',
    field: 'Đất đai',
    agencyCode: VP_DKDD,
    onlineLevel: 'PARTIAL',
    processingDays: 20,
    feeVnd: 100000,
    requiredDocuments: ['Đơn đăng ký đất đai, tài sản gắn liền với đất (Mẫu 04/ĐK)', 'Giấy tờ về quyền sử dụng đất (nếu có)', 'Mảnh trích đo bản đồ địa chính'],
    legalBasis: DAT_DAI,
  },
  {
    code: '1.012760.H29',
    name: 'Cấp đổi Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất',
    field: 'Đất đai',
    agencyCode: VP_DKDD,
    onlineLevel: 'PARTIAL',
    processingDays: 7,
    feeVnd: 50000,
    requiredDocuments: ['Đơn đăng ký biến động đất đai (Mẫu 11/ĐK)', 'Bản gốc Giấy chứng nhận đã cấp'],
    legalBasis: DAT_DAI,
  },
  {
    code: '1.012775.H29',
    name: 'Đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất',
    field: 'Đất đai',
    agencyCode: VP_DKDD,
    onlineLevel: 'FULL',
    processingDays: 1,
    feeVnd: 80000,
    requiredDocuments: ['Phiếu yêu cầu đăng ký thế chấp', 'Hợp đồng thế chấp đã công chứng, chứng thực', 'Bản gốc Giấy chứng nhận'],
    legalBasis: `${DAT_DAI}; Nghị định 99/2022/NĐ-CP`,
  },
  // — Đăng ký kinh doanh
  {
    code: '2.000720.H29',
    name: 'Đăng ký thành lập hộ kinh doanh',
    field: 'Đăng ký kinh doanh',
    agencyCode: P_CHO_LON,
    onlineLevel: 'FULL',
    processingDays: 3,
    feeVnd: 100000,
    requiredDocuments: ['Giấy đề nghị đăng ký hộ kinh doanh', 'Biên bản họp thành viên hộ gia đình (nếu các thành viên cùng thành lập)', 'Bản sao hợp đồng thuê địa điểm kinh doanh'],
    legalBasis: DKKD,
  },
  {
    code: '2.001610.H29',
    name: 'Đăng ký thành lập công ty TNHH một thành viên',
    field: 'Đăng ký kinh doanh',
    agencyCode: SO_TAI_CHINH,
    onlineLevel: 'FULL',
    processingDays: 3,
    feeVnd: 50000,
    requiredDocuments: ['Giấy đề nghị đăng ký doanh nghiệp', 'Điều lệ công ty', 'Giấy tờ pháp lý của chủ sở hữu'],
    legalBasis: `${DKKD}; Thông tư 47/2019/TT-BTC`,
  },
  {
    code: '2.002024.H29',
    name: 'Đăng ký thay đổi nội dung đăng ký doanh nghiệp',
    field: 'Đăng ký kinh doanh',
    agencyCode: SO_TAI_CHINH,
    onlineLevel: 'FULL',
    processingDays: 3,
    feeVnd: 50000,
    requiredDocuments: ['Thông báo thay đổi nội dung đăng ký doanh nghiệp', 'Nghị quyết, quyết định về việc thay đổi'],
    legalBasis: `${DKKD}; Thông tư 47/2019/TT-BTC`,
  },
  // — Y tế
  {
    code: '1.012248.H29',
    name: 'Cấp mới giấy phép hành nghề khám bệnh, chữa bệnh',
    field: 'Khám bệnh, chữa bệnh',
    agencyCode: SO_Y_TE,
    onlineLevel: 'FULL',
    processingDays: 30,
    feeVnd: 360000,
    requiredDocuments: ['Đơn đề nghị cấp giấy phép hành nghề', 'Văn bằng chuyên môn', 'Giấy chứng nhận đủ sức khỏe hành nghề', 'Văn bản xác nhận hoàn thành thực hành'],
    legalBasis: 'Luật Khám bệnh, chữa bệnh 2023; Nghị định 96/2023/NĐ-CP',
  },
  {
    code: '1.002952.H29',
    name: 'Cấp Chứng chỉ hành nghề dược',
    field: 'Dược phẩm',
    agencyCode: SO_Y_TE,
    onlineLevel: 'FULL',
    processingDays: 20,
    feeVnd: 500000,
    requiredDocuments: ['Đơn đề nghị cấp Chứng chỉ hành nghề dược', 'Văn bằng chuyên môn', 'Giấy xác nhận thời gian thực hành chuyên môn', 'Giấy chứng nhận đủ sức khỏe'],
    legalBasis: 'Luật Dược 2016; Nghị định 54/2017/NĐ-CP',
  },
  // — Môi trường
  {
    code: '1.010727.H29',
    name: 'Cấp giấy phép môi trường (cấp tỉnh)',
    field: 'Môi trường',
    agencyCode: SO_NN_MT,
    onlineLevel: 'PARTIAL',
    processingDays: 30,
    feeVnd: 0,
    requiredDocuments: ['Văn bản đề nghị cấp giấy phép môi trường', 'Báo cáo đề xuất cấp giấy phép môi trường', 'Bản sao báo cáo nghiên cứu khả thi hoặc tài liệu tương đương'],
    legalBasis: 'Luật Bảo vệ môi trường 2020; Nghị định 08/2022/NĐ-CP',
  },
];

// modelled: the dossiers, their sequence numbers and their histories. Due dates count working days
// (Mon–Fri, no public holidays fall in these periods).
// modelled: the timelines (steps, times, inter-agency hops) follow the one-stop workflow of each procedure.
const SUPPLEMENT_THUONG_TRU =
  'Đề nghị bổ sung: (1) văn bản đồng ý cho đăng ký thường trú của chủ hộ; (2) hợp đồng cho ở nhờ hoặc thuê nhà đã được công chứng, ' +
  'chứng thực theo quy định. Thời hạn giải quyết được tính lại từ ngày nhận đủ hồ sơ.';
const LATE_LAND = 'Đã trả kết quả (trễ hạn, đã gửi thư xin lỗi và hẹn lại ngày 23/10/2026)';
const GPXD_STEP = 'Thẩm định hồ sơ và kiểm tra hiện trạng khu đất';
const DENIED_DUOC = 'Đã trả kết quả: từ chối (chưa đủ thời gian thực hành chuyên môn theo quy định)';

export const DEMO_DOSSIERS: readonly DossierSeed[] = [
  // — an.nguyen
  {
    code: '000.00.12.H29-260915-0187',
    ownerSub: AN,
    procedureCode: '2.000488.H29',
    channel: 'ONLINE',
    status: 'DONE',
    receivedAt: '2026-09-15T09:12:40+07:00',
    dueAt: '2026-09-29T17:00:00+07:00',
    currentStep: 'Đã trả kết quả',
    returnedAt: '2026-09-25T15:30:00+07:00',
    receiptPin: '481926',
    timeline: [
      { at: '2026-09-15T09:12:40+07:00', status: 'NEW', step: 'Nộp hồ sơ trực tuyến', byOwner: true },
      { at: '2026-09-15T14:05:00+07:00', status: 'RECEIVING', step: 'Bộ phận một cửa kiểm tra, tiếp nhận hồ sơ' },
      { at: '2026-09-15T14:20:00+07:00', status: 'PAYING', step: 'Chờ nộp lệ phí cấp Phiếu lý lịch tư pháp' },
      { at: '2026-09-15T16:02:00+07:00', status: 'PROCESSING', step: 'Phòng Lý lịch tư pháp tra cứu, xác minh' },
      { at: '2026-09-17T09:00:00+07:00', status: 'INTER_AGENCY', step: 'Xác minh thông tin án tích', agencyCode: CONG_AN, stepDueAt: '2026-09-23T17:00:00+07:00' },
      { at: '2026-09-23T10:30:00+07:00', status: 'PROCESSING', step: 'Lập Phiếu lý lịch tư pháp' },
      { at: '2026-09-24T08:30:00+07:00', status: 'PROCESSING', step: 'Trình lãnh đạo Sở ký', private: true },
      { at: '2026-09-24T16:00:00+07:00', status: 'RELEASING', step: 'Có kết quả, chờ trả tại bộ phận một cửa' },
      { at: '2026-09-25T15:30:00+07:00', status: 'DONE', step: 'Đã trả kết quả' },
    ],
  },
  {
    code: '000.00.15.H29-261005-0942',
    ownerSub: AN,
    procedureCode: '1.012757.H29',
    channel: 'COUNTER',
    status: 'DONE',
    receivedAt: '2026-10-05T08:47:15+07:00',
    dueAt: '2026-10-19T17:00:00+07:00',
    currentStep: LATE_LAND,
    returnedAt: '2026-10-23T10:05:00+07:00',
    receiptPin: '730514',
    timeline: [
      { at: '2026-10-05T08:47:15+07:00', status: 'RECEIVING', step: 'Tiếp nhận tại bộ phận một cửa' },
      { at: '2026-10-05T10:00:00+07:00', status: 'PROCESSING', step: 'Văn phòng Đăng ký đất đai thẩm định hồ sơ' },
      { at: '2026-10-07T14:00:00+07:00', status: 'INTER_AGENCY', step: 'Trình Sở Nông nghiệp và Môi trường xác nhận biến động', agencyCode: SO_NN_MT, stepDueAt: '2026-10-14T17:00:00+07:00' },
      { at: '2026-10-16T09:30:00+07:00', status: 'PROCESSING', step: 'Cập nhật biến động, chỉnh lý hồ sơ địa chính' },
      {
        at: '2026-10-20T08:30:00+07:00',
        status: 'PROCESSING',
        kind: 'LATE_APOLOGY',
        step: 'Thư xin lỗi vì trễ hạn, hẹn lại ngày 23/10/2026',
        newDueAt: '2026-10-23T17:00:00+07:00',
      },
      { at: '2026-10-22T15:00:00+07:00', status: 'RELEASING', step: 'Có kết quả, chờ trả tại bộ phận một cửa' },
      { at: '2026-10-23T10:05:00+07:00', status: 'DONE', step: LATE_LAND },
    ],
  },
  {
    code: '000.00.30.H29-261110-1318',
    ownerSub: AN,
    procedureCode: '1.004194.H29',
    channel: 'ONLINE',
    status: 'WAITING_SUPPLEMENT',
    receivedAt: '2026-11-10T20:31:02+07:00',
    dueAt: '2026-11-19T17:00:00+07:00',
    currentStep: 'Chờ công dân bổ sung hồ sơ',
    supplementRequest: SUPPLEMENT_THUONG_TRU,
    receiptPin: '205873',
    timeline: [
      { at: '2026-11-10T20:31:02+07:00', status: 'NEW', step: 'Nộp hồ sơ trực tuyến', byOwner: true },
      { at: '2026-11-11T08:15:00+07:00', status: 'RECEIVING', step: 'Công an phường kiểm tra hồ sơ' },
      { at: '2026-11-12T09:40:00+07:00', status: 'WAITING_SUPPLEMENT', step: 'Chờ công dân bổ sung hồ sơ', note: SUPPLEMENT_THUONG_TRU },
    ],
  },
  {
    code: '000.01.01.H29-261123-0056',
    ownerSub: AN,
    procedureCode: '2.000635.H29',
    channel: 'ONLINE',
    status: 'PAYING',
    receivedAt: '2026-11-23T07:58:44+07:00',
    dueAt: '2026-11-24T17:00:00+07:00',
    currentStep: 'Chờ thanh toán phí trực tuyến',
    receiptPin: '916402',
    timeline: [
      { at: '2026-11-23T07:58:44+07:00', status: 'NEW', step: 'Nộp hồ sơ trực tuyến', byOwner: true },
      { at: '2026-11-23T08:30:00+07:00', status: 'RECEIVING', step: 'Tiếp nhận, kiểm tra hồ sơ' },
      { at: '2026-11-23T08:45:00+07:00', status: 'PAYING', step: 'Chờ thanh toán phí trực tuyến' },
    ],
  },
  // — binh.tran
  {
    code: '000.05.03.H29-261019-0233',
    ownerSub: BINH,
    procedureCode: '2.000720.H29',
    channel: 'ONLINE',
    status: 'DONE',
    receivedAt: '2026-10-19T10:20:09+07:00',
    dueAt: '2026-10-22T17:00:00+07:00',
    currentStep: 'Đã trả kết quả',
    returnedAt: '2026-10-22T09:15:00+07:00',
    receiptPin: '358190',
    timeline: [
      { at: '2026-10-19T10:20:09+07:00', status: 'NEW', step: 'Nộp hồ sơ trực tuyến', byOwner: true },
      { at: '2026-10-19T13:30:00+07:00', status: 'RECEIVING', step: 'Tiếp nhận hồ sơ' },
      { at: '2026-10-19T14:00:00+07:00', status: 'PROCESSING', step: 'Thẩm định hồ sơ đăng ký hộ kinh doanh' },
      { at: '2026-10-21T16:00:00+07:00', status: 'RELEASING', step: 'Cấp Giấy chứng nhận đăng ký hộ kinh doanh, chờ trả' },
      { at: '2026-10-22T09:15:00+07:00', status: 'DONE', step: 'Đã trả kết quả' },
    ],
  },
  {
    code: '000.01.01.H29-261103-0391',
    ownerSub: BINH,
    procedureCode: '2.000815.H29',
    channel: 'COUNTER',
    status: 'DONE',
    receivedAt: '2026-11-03T08:35:27+07:00',
    dueAt: '2026-11-04T17:00:00+07:00',
    currentStep: 'Đã trả kết quả',
    returnedAt: '2026-11-03T10:20:00+07:00',
    receiptPin: '642057',
    timeline: [
      { at: '2026-11-03T08:35:27+07:00', status: 'RECEIVING', step: 'Tiếp nhận tại bộ phận một cửa' },
      { at: '2026-11-03T08:40:00+07:00', status: 'PROCESSING', step: 'Chứng thực bản sao từ bản chính' },
      { at: '2026-11-03T10:05:00+07:00', status: 'RELEASING', step: 'Có kết quả, chờ trả' },
      { at: '2026-11-03T10:20:00+07:00', status: 'DONE', step: 'Đã trả kết quả' },
    ],
  },
  {
    code: '000.01.03.H29-261117-0074',
    ownerSub: BINH,
    procedureCode: '1.000894.H29',
    channel: 'ONLINE',
    status: 'CANCELLED',
    receivedAt: '2026-11-17T14:02:51+07:00',
    dueAt: '2026-11-18T17:00:00+07:00',
    currentStep: 'Công dân rút hồ sơ',
    receiptPin: '097331',
    timeline: [
      { at: '2026-11-17T14:02:51+07:00', status: 'NEW', step: 'Nộp hồ sơ trực tuyến', byOwner: true },
      { at: '2026-11-17T15:10:00+07:00', status: 'RECEIVING', step: 'Tiếp nhận hồ sơ đăng ký kết hôn' },
      { at: '2026-11-18T08:05:00+07:00', status: 'CANCELLED', kind: 'WITHDRAWN', step: 'Công dân rút hồ sơ', byOwner: true },
    ],
  },
  // — cuong.le
  {
    code: '000.12.03.H29-261109-0148',
    ownerSub: CUONG,
    procedureCode: '1.009994.H29',
    channel: 'ONLINE',
    status: 'PROCESSING',
    receivedAt: '2026-11-09T09:44:18+07:00',
    dueAt: '2026-11-30T17:00:00+07:00',
    currentStep: GPXD_STEP,
    receiptPin: '563820',
    timeline: [
      { at: '2026-11-09T09:44:18+07:00', status: 'NEW', step: 'Nộp hồ sơ trực tuyến', byOwner: true },
      { at: '2026-11-09T14:00:00+07:00', status: 'RECEIVING', step: 'Bộ phận một cửa kiểm tra, tiếp nhận hồ sơ' },
      { at: '2026-11-10T08:30:00+07:00', status: 'PROCESSING', step: 'Thẩm định hồ sơ' },
      { at: '2026-11-13T10:00:00+07:00', status: 'INTER_AGENCY', step: 'Lấy ý kiến Sở Xây dựng về chỉ giới xây dựng', agencyCode: SO_XAY_DUNG, stepDueAt: '2026-11-20T17:00:00+07:00' },
      { at: '2026-11-20T10:00:00+07:00', status: 'PROCESSING', step: GPXD_STEP },
      {
        at: '2026-12-01T08:30:00+07:00',
        status: 'PROCESSING',
        kind: 'LATE_APOLOGY',
        step: 'Thư xin lỗi vì trễ hạn, hẹn lại ngày 08/12/2026',
        newDueAt: '2026-12-08T17:00:00+07:00',
      },
    ],
  },
  {
    code: '000.00.30.H29-261124-2065',
    ownerSub: CUONG,
    procedureCode: '1.004222.H29',
    channel: 'ONLINE',
    status: 'RECEIVING',
    receivedAt: '2026-11-24T21:16:37+07:00',
    dueAt: '2026-11-27T17:00:00+07:00',
    currentStep: 'Cán bộ một cửa kiểm tra, tiếp nhận hồ sơ',
    receiptPin: '804617',
    timeline: [
      { at: '2026-11-24T21:16:37+07:00', status: 'NEW', step: 'Nộp hồ sơ trực tuyến', byOwner: true },
      { at: '2026-11-25T08:10:00+07:00', status: 'RECEIVING', step: 'Cán bộ một cửa kiểm tra, tiếp nhận hồ sơ' },
    ],
  },
  {
    code: '000.00.17.H29-260921-0512',
    ownerSub: CUONG,
    procedureCode: '1.002952.H29',
    channel: 'ONLINE',
    status: 'DENIED',
    receivedAt: '2026-09-21T15:08:33+07:00',
    dueAt: '2026-10-19T17:00:00+07:00',
    currentStep: DENIED_DUOC,
    returnedAt: '2026-10-14T16:00:00+07:00',
    receiptPin: '219468',
    timeline: [
      { at: '2026-09-21T15:08:33+07:00', status: 'NEW', step: 'Nộp hồ sơ trực tuyến', byOwner: true },
      { at: '2026-09-22T09:00:00+07:00', status: 'RECEIVING', step: 'Tiếp nhận hồ sơ' },
      { at: '2026-09-22T14:00:00+07:00', status: 'PROCESSING', step: 'Hội đồng tư vấn cấp chứng chỉ hành nghề dược xem xét' },
      { at: '2026-10-14T16:00:00+07:00', status: 'DENIED', step: DENIED_DUOC },
    ],
  },
];
