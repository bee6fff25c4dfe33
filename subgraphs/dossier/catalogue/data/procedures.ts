// The demo procedure catalogue (thủ tục hành chính): a few hundred procedures of HCMC's departments,
// police offices and wards, named as on the national public-service portal (dichvucong.gov.vn), with
// their field, agency, online level, processing days, fees, required documents, legal basis and steps.
// The dossier seed's procedures (../../prisma/seed-data.ts) come first, unchanged, with steps and fees
// added; the rest are written here by family (one field, its legal basis, its usual steps and papers).
// Plain data and the small helpers that spell it out; the seed loads it (../../prisma/seed.ts).
//
// Real: the procedure names and the legal bases. modelled: the numeric parts of most codes, the agency
// each procedure is assigned to in the demo (a ward procedure is done at every ward; the demo files each
// with one), the processing days and the fees (plausible values, not looked up per procedure).
import { PROCEDURES } from '../../prisma/seed-data.ts';
import type { ProcedureSeed } from '../../prisma/seed-data.ts';
import * as A from './agencies.ts';

/** One fee item (phí, lệ phí). */
export interface FeeSeed {
  readonly description: string;
  readonly amountVnd: number;
}

/** A procedure of the catalogue: the dossier seed's shape plus its fees and steps. */
export interface CatalogueProcedureSeed extends ProcedureSeed {
  readonly fees: readonly FeeSeed[];
  readonly steps: readonly string[];
}

/** What every procedure of a family shares unless an entry says otherwise. */
interface Family {
  readonly field: string;
  readonly legalBasis: string;
  readonly steps: readonly string[];
  /** Papers every procedure of the family asks for, after the entry's own. */
  readonly documents: readonly string[];
  /** How the fee is called on the procedure page ("Lệ phí", "Phí thẩm định" …). */
  readonly feeLabel: string;
}

/** code (without the province suffix), name, agency, processing days, fee in đồng, online level, own papers. */
type Entry = readonly [code: string, name: string, agency: string, days: number, fee: number, level: 'FULL' | 'PARTIAL', documents: readonly string[]];

const WARD_STEPS = [
  'Nộp hồ sơ trực tuyến trên Cổng dịch vụ công, qua bưu chính hoặc tại Bộ phận Một cửa của Ủy ban nhân dân phường, xã, đặc khu',
  'Công chức tiếp nhận kiểm tra hồ sơ; hồ sơ chưa đầy đủ được hướng dẫn bổ sung một lần bằng văn bản',
  'Công chức chuyên môn thẩm định, trình Chủ tịch Ủy ban nhân dân ký kết quả',
  'Trả kết quả tại Bộ phận Một cửa, qua dịch vụ bưu chính công ích hoặc bản điện tử trên Cổng dịch vụ công',
];
const CITY_STEPS = [
  'Nộp hồ sơ trực tuyến trên Cổng dịch vụ công hoặc tại Trung tâm Phục vụ hành chính công Thành phố',
  'Tiếp nhận, kiểm tra tính đầy đủ của hồ sơ; hồ sơ chưa hợp lệ được hướng dẫn bổ sung một lần',
  'Cơ quan chuyên môn thẩm định hồ sơ, lấy ý kiến cơ quan liên quan khi cần',
  'Lãnh đạo cơ quan có thẩm quyền ký quyết định hoặc văn bản trả lời',
  'Trả kết quả trực tuyến, qua bưu chính hoặc tại nơi nộp hồ sơ',
];
const POLICE_STEPS = [
  'Nộp hồ sơ trực tuyến trên Cổng dịch vụ công, ứng dụng VNeID hoặc trực tiếp tại cơ quan công an có thẩm quyền',
  'Cán bộ công an kiểm tra, đối chiếu thông tin với Cơ sở dữ liệu quốc gia về dân cư; hướng dẫn bổ sung nếu thiếu',
  'Thủ trưởng cơ quan công an xem xét, giải quyết',
  'Trả kết quả trực tiếp, qua bưu chính hoặc thông báo trên ứng dụng VNeID',
];
const LAND_STEPS = [
  'Nộp hồ sơ tại Bộ phận Một cửa, Chi nhánh Văn phòng Đăng ký đất đai hoặc trực tuyến trên Cổng dịch vụ công',
  'Văn phòng Đăng ký đất đai kiểm tra hồ sơ, trích lục hoặc trích đo bản đồ địa chính khi cần',
  'Gửi thông tin địa chính đến cơ quan thuế để xác định nghĩa vụ tài chính (nếu có)',
  'Người sử dụng đất nộp nghĩa vụ tài chính; cơ quan có thẩm quyền ký Giấy chứng nhận hoặc xác nhận biến động',
  'Trả kết quả và cập nhật cơ sở dữ liệu đất đai',
];
const PERSONAL_PAPERS = ['Giấy tờ tùy thân có ảnh còn giá trị (hoặc thông tin định danh điện tử trên VNeID)'];

const HO_TICH: Family = { field: 'Hộ tịch', legalBasis: 'Luật Hộ tịch 2014; Nghị định 123/2015/NĐ-CP; Thông tư 04/2020/TT-BTP', steps: WARD_STEPS, documents: PERSONAL_PAPERS, feeLabel: 'Lệ phí hộ tịch' };
const HO_TICH_NN: Family = { ...HO_TICH, legalBasis: `${HO_TICH.legalBasis}; Nghị định 07/2025/NĐ-CP`, documents: [...PERSONAL_PAPERS, 'Giấy tờ của nước ngoài đã được hợp pháp hóa lãnh sự và dịch sang tiếng Việt'] };
const NUOI_CON_NUOI: Family = { field: 'Nuôi con nuôi', legalBasis: 'Luật Nuôi con nuôi 2010; Nghị định 19/2011/NĐ-CP; Nghị định 24/2019/NĐ-CP', steps: WARD_STEPS, documents: PERSONAL_PAPERS, feeLabel: 'Lệ phí đăng ký nuôi con nuôi' };
const CHUNG_THUC: Family = { field: 'Chứng thực', legalBasis: 'Nghị định 23/2015/NĐ-CP; Thông tư 01/2020/TT-BTP; Thông tư 226/2016/TT-BTC', steps: WARD_STEPS, documents: PERSONAL_PAPERS, feeLabel: 'Phí chứng thực' };
const CONG_CHUNG: Family = { field: 'Công chứng', legalBasis: 'Luật Công chứng 2024; Nghị định 104/2025/NĐ-CP', steps: CITY_STEPS, documents: PERSONAL_PAPERS, feeLabel: 'Phí thẩm định' };
const LUAT_SU: Family = { field: 'Luật sư', legalBasis: 'Luật Luật sư 2006 (sửa đổi 2012); Nghị định 123/2013/NĐ-CP', steps: CITY_STEPS, documents: [], feeLabel: 'Lệ phí' };
const LY_LICH: Family = { field: 'Lý lịch tư pháp', legalBasis: 'Luật Lý lịch tư pháp 2009; Nghị định 111/2010/NĐ-CP; Thông tư 244/2016/TT-BTC', steps: CITY_STEPS, documents: PERSONAL_PAPERS, feeLabel: 'Phí cung cấp thông tin lý lịch tư pháp' };
const QUOC_TICH: Family = { field: 'Quốc tịch', legalBasis: 'Luật Quốc tịch Việt Nam 2008 (sửa đổi 2025); Nghị định 16/2020/NĐ-CP', steps: CITY_STEPS, documents: [], feeLabel: 'Lệ phí quốc tịch' };
const TU_PHAP_KHAC: Family = { field: 'Bổ trợ tư pháp', legalBasis: 'Luật Đấu giá tài sản 2016 (sửa đổi 2024); Luật Giám định tư pháp 2012; Luật Trợ giúp pháp lý 2017', steps: CITY_STEPS, documents: [], feeLabel: 'Lệ phí' };
const CU_TRU: Family = { field: 'Cư trú', legalBasis: 'Luật Cư trú 2020; Nghị định 154/2024/NĐ-CP; Thông tư 55/2021/TT-BCA; Thông tư 75/2022/TT-BTC', steps: POLICE_STEPS, documents: ['Tờ khai thay đổi thông tin cư trú (CT01)'], feeLabel: 'Lệ phí đăng ký cư trú' };
const CAN_CUOC: Family = { field: 'Căn cước', legalBasis: 'Luật Căn cước 2023; Nghị định 70/2024/NĐ-CP; Thông tư 17/2024/TT-BCA; Thông tư 59/2019/TT-BTC', steps: POLICE_STEPS, documents: [], feeLabel: 'Lệ phí cấp thẻ căn cước' };
const XNC: Family = { field: 'Xuất nhập cảnh', legalBasis: 'Luật Xuất cảnh, nhập cảnh của công dân Việt Nam 2019 (sửa đổi 2023); Thông tư 25/2021/TT-BTC', steps: POLICE_STEPS, documents: ['Tờ khai đề nghị cấp hộ chiếu phổ thông (mẫu TK01)', 'Ảnh chân dung nền trắng, cỡ 4x6 cm'], feeLabel: 'Lệ phí' };
const XNC_NN: Family = { ...XNC, field: 'Quản lý xuất nhập cảnh của người nước ngoài', legalBasis: 'Luật Nhập cảnh, xuất cảnh, quá cảnh, cư trú của người nước ngoài tại Việt Nam 2014 (sửa đổi 2023)', documents: ['Hộ chiếu còn giá trị'] };
const DANG_KY_XE: Family = { field: 'Đăng ký, quản lý phương tiện giao thông', legalBasis: 'Luật Trật tự, an toàn giao thông đường bộ 2024; Thông tư 79/2024/TT-BCA; Thông tư 60/2023/TT-BTC', steps: POLICE_STEPS, documents: ['Giấy khai đăng ký xe', 'Chứng từ nguồn gốc xe và chứng từ lệ phí trước bạ'], feeLabel: 'Lệ phí đăng ký xe' };
const PCCC: Family = { field: 'Phòng cháy, chữa cháy', legalBasis: 'Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ 2024; Nghị định 105/2025/NĐ-CP', steps: POLICE_STEPS, documents: ['Văn bản đề nghị của chủ đầu tư hoặc cơ sở'], feeLabel: 'Phí thẩm định' };
const AN_NINH: Family = { field: 'Quản lý ngành nghề kinh doanh có điều kiện về an ninh, trật tự', legalBasis: 'Nghị định 96/2016/NĐ-CP; Nghị định 56/2023/NĐ-CP', steps: POLICE_STEPS, documents: ['Văn bản đề nghị cấp Giấy chứng nhận đủ điều kiện về an ninh, trật tự'], feeLabel: 'Phí thẩm định' };
const DAT_DAI: Family = { field: 'Đất đai', legalBasis: 'Luật Đất đai 2024; Nghị định 101/2024/NĐ-CP; Nghị định 102/2024/NĐ-CP; Nghị định 151/2025/NĐ-CP', steps: LAND_STEPS, documents: [], feeLabel: 'Lệ phí cấp Giấy chứng nhận' };
const DAT_DAI_XA: Family = { ...DAT_DAI, steps: WARD_STEPS };
const XAY_DUNG: Family = { field: 'Xây dựng', legalBasis: 'Luật Xây dựng 2014 (sửa đổi 2020); Nghị định 175/2024/NĐ-CP', steps: CITY_STEPS, documents: [], feeLabel: 'Lệ phí cấp giấy phép xây dựng' };
const XAY_DUNG_XA: Family = { ...XAY_DUNG, steps: WARD_STEPS };
const NHA_O: Family = { field: 'Nhà ở và kinh doanh bất động sản', legalBasis: 'Luật Nhà ở 2023; Luật Kinh doanh bất động sản 2023; Nghị định 95/2024/NĐ-CP; Nghị định 100/2024/NĐ-CP', steps: CITY_STEPS, documents: [], feeLabel: 'Phí' };
const QUY_HOACH: Family = { field: 'Quy hoạch - kiến trúc', legalBasis: 'Luật Quy hoạch đô thị và nông thôn 2024; Luật Kiến trúc 2019; Nghị định 85/2020/NĐ-CP', steps: CITY_STEPS, documents: [], feeLabel: 'Phí' };
const DUONG_BO: Family = { field: 'Đường bộ', legalBasis: 'Luật Đường bộ 2024; Luật Trật tự, an toàn giao thông đường bộ 2024; Thông tư 35/2024/TT-BGTVT', steps: CITY_STEPS, documents: [], feeLabel: 'Lệ phí' };
const DUONG_THUY: Family = { field: 'Đường thủy nội địa', legalBasis: 'Luật Giao thông đường thủy nội địa 2004 (sửa đổi 2014); Thông tư 75/2014/TT-BGTVT', steps: CITY_STEPS, documents: [], feeLabel: 'Lệ phí' };
const DKKD: Family = { field: 'Đăng ký kinh doanh', legalBasis: 'Luật Doanh nghiệp 2020; Nghị định 168/2025/NĐ-CP; Thông tư 47/2019/TT-BTC', steps: CITY_STEPS, documents: [], feeLabel: 'Lệ phí đăng ký doanh nghiệp' };
const HO_KINH_DOANH: Family = { ...DKKD, steps: WARD_STEPS, feeLabel: 'Lệ phí đăng ký hộ kinh doanh' };
const HOP_TAC_XA: Family = { field: 'Thành lập và hoạt động của hợp tác xã', legalBasis: 'Luật Hợp tác xã 2023; Nghị định 92/2024/NĐ-CP', steps: CITY_STEPS, documents: [], feeLabel: 'Lệ phí' };
const DAU_TU: Family = { field: 'Đầu tư tại Việt Nam', legalBasis: 'Luật Đầu tư 2020 (sửa đổi 2025); Nghị định 31/2021/NĐ-CP', steps: CITY_STEPS, documents: [], feeLabel: 'Lệ phí' };
const VIEC_LAM: Family = { field: 'Việc làm', legalBasis: 'Luật Việc làm 2013; Nghị định 28/2015/NĐ-CP; Nghị định 61/2020/NĐ-CP', steps: CITY_STEPS, documents: [], feeLabel: 'Lệ phí' };
const LAO_DONG: Family = { field: 'Lao động', legalBasis: 'Bộ luật Lao động 2019; Nghị định 152/2020/NĐ-CP; Nghị định 70/2023/NĐ-CP', steps: CITY_STEPS, documents: [], feeLabel: 'Lệ phí' };
const BAO_HIEM: Family = { field: 'Bảo hiểm xã hội, bảo hiểm y tế', legalBasis: 'Luật Bảo hiểm xã hội 2024; Luật Bảo hiểm y tế 2008 (sửa đổi 2024); Quyết định 896/QĐ-BHXH', steps: CITY_STEPS, documents: [], feeLabel: 'Lệ phí' };
const NGUOI_CO_CONG: Family = { field: 'Người có công', legalBasis: 'Pháp lệnh Ưu đãi người có công với cách mạng 2020; Nghị định 131/2021/NĐ-CP', steps: WARD_STEPS, documents: [], feeLabel: 'Lệ phí' };
const NOI_VU: Family = { field: 'Tổ chức hành chính, thi đua khen thưởng', legalBasis: 'Luật Thi đua, khen thưởng 2022; Nghị định 126/2024/NĐ-CP; Luật Cán bộ, công chức 2025', steps: CITY_STEPS, documents: [], feeLabel: 'Lệ phí' };
const TON_GIAO: Family = { field: 'Tín ngưỡng, tôn giáo', legalBasis: 'Luật Tín ngưỡng, tôn giáo 2016; Nghị định 95/2023/NĐ-CP', steps: CITY_STEPS, documents: ['Văn bản đề nghị hoặc thông báo theo mẫu'], feeLabel: 'Lệ phí' };
const BAO_TRO: Family = { field: 'Bảo trợ xã hội', legalBasis: 'Nghị định 20/2021/NĐ-CP; Nghị định 76/2024/NĐ-CP; Luật Người khuyết tật 2010', steps: WARD_STEPS, documents: [], feeLabel: 'Lệ phí' };
const TRE_EM: Family = { field: 'Trẻ em', legalBasis: 'Luật Trẻ em 2016; Nghị định 56/2017/NĐ-CP', steps: WARD_STEPS, documents: [], feeLabel: 'Lệ phí' };
const GIAM_NGHEO: Family = { field: 'Giảm nghèo', legalBasis: 'Nghị định 07/2021/NĐ-CP; Quyết định 24/2021/QĐ-TTg', steps: WARD_STEPS, documents: [], feeLabel: 'Lệ phí' };
const KHAM_CHUA_BENH: Family = { field: 'Khám bệnh, chữa bệnh', legalBasis: 'Luật Khám bệnh, chữa bệnh 2023; Nghị định 96/2023/NĐ-CP; Thông tư 59/2023/TT-BTC', steps: CITY_STEPS, documents: [], feeLabel: 'Phí thẩm định' };
const DUOC: Family = { field: 'Dược phẩm', legalBasis: 'Luật Dược 2016 (sửa đổi 2024); Nghị định 54/2017/NĐ-CP; Thông tư 277/2016/TT-BTC', steps: CITY_STEPS, documents: [], feeLabel: 'Phí thẩm định' };
const AN_TOAN_THUC_PHAM: Family = { field: 'An toàn thực phẩm', legalBasis: 'Luật An toàn thực phẩm 2010; Nghị định 15/2018/NĐ-CP; Thông tư 67/2021/TT-BTC', steps: CITY_STEPS, documents: [], feeLabel: 'Phí thẩm định' };
const THIET_BI_Y_TE: Family = { field: 'Trang thiết bị y tế và mỹ phẩm', legalBasis: 'Nghị định 98/2021/NĐ-CP; Nghị định 93/2016/NĐ-CP', steps: CITY_STEPS, documents: [], feeLabel: 'Phí thẩm định' };
const GIAO_DUC: Family = { field: 'Giáo dục và đào tạo', legalBasis: 'Luật Giáo dục 2019; Thông tư 32/2020/TT-BGDĐT; Nghị định 125/2024/NĐ-CP', steps: CITY_STEPS, documents: [], feeLabel: 'Lệ phí' };
const VAN_BANG: Family = { field: 'Văn bằng, chứng chỉ', legalBasis: 'Thông tư 21/2019/TT-BGDĐT; Nghị định 23/2015/NĐ-CP', steps: CITY_STEPS, documents: PERSONAL_PAPERS, feeLabel: 'Phí' };
const THI_TUYEN_SINH: Family = { field: 'Thi, tuyển sinh', legalBasis: 'Luật Giáo dục 2019; Thông tư 24/2024/TT-BGDĐT; Thông tư 30/2024/TT-BGDĐT', steps: CITY_STEPS, documents: [], feeLabel: 'Lệ phí' };
const THUONG_MAI: Family = { field: 'Lưu thông hàng hóa trong nước', legalBasis: 'Luật Thương mại 2005; Nghị định 105/2017/NĐ-CP; Nghị định 67/2013/NĐ-CP; Thông tư 168/2016/TT-BTC', steps: CITY_STEPS, documents: [], feeLabel: 'Phí thẩm định' };
const NANG_LUONG: Family = { field: 'Kinh doanh khí và xăng dầu', legalBasis: 'Nghị định 87/2018/NĐ-CP; Nghị định 83/2014/NĐ-CP (sửa đổi 2024)', steps: CITY_STEPS, documents: [], feeLabel: 'Phí thẩm định' };
const THUONG_MAI_QT: Family = { field: 'Thương mại quốc tế', legalBasis: 'Luật Quản lý ngoại thương 2017; Nghị định 09/2018/NĐ-CP; Nghị định 07/2016/NĐ-CP', steps: CITY_STEPS, documents: [], feeLabel: 'Lệ phí' };
const HOA_CHAT: Family = { field: 'Hóa chất và vật liệu nổ công nghiệp', legalBasis: 'Luật Hóa chất 2007; Nghị định 113/2017/NĐ-CP; Nghị định 71/2018/NĐ-CP', steps: CITY_STEPS, documents: [], feeLabel: 'Phí thẩm định' };
const VAN_HOA: Family = { field: 'Văn hóa', legalBasis: 'Nghị định 54/2019/NĐ-CP; Nghị định 144/2020/NĐ-CP; Luật Quảng cáo 2012 (sửa đổi 2025)', steps: CITY_STEPS, documents: [], feeLabel: 'Phí thẩm định' };
const THE_THAO: Family = { field: 'Thể dục thể thao', legalBasis: 'Luật Thể dục, thể thao 2006 (sửa đổi 2018); Nghị định 36/2019/NĐ-CP', steps: CITY_STEPS, documents: [], feeLabel: 'Phí thẩm định' };
const DU_LICH: Family = { field: 'Du lịch', legalBasis: 'Luật Du lịch 2017; Nghị định 168/2017/NĐ-CP; Thông tư 33/2018/TT-BTC', steps: CITY_STEPS, documents: [], feeLabel: 'Phí thẩm định' };
const THONG_TIN: Family = { field: 'Thông tin, truyền thông và xuất bản', legalBasis: 'Luật Xuất bản 2012; Nghị định 60/2014/NĐ-CP; Nghị định 147/2024/NĐ-CP', steps: CITY_STEPS, documents: [], feeLabel: 'Lệ phí' };
const KHOA_HOC: Family = { field: 'Khoa học và công nghệ', legalBasis: 'Luật Khoa học, công nghệ và đổi mới sáng tạo 2025; Luật Năng lượng nguyên tử 2008; Nghị định 142/2020/NĐ-CP', steps: CITY_STEPS, documents: [], feeLabel: 'Phí thẩm định' };
const MOI_TRUONG: Family = { field: 'Môi trường', legalBasis: 'Luật Bảo vệ môi trường 2020; Nghị định 08/2022/NĐ-CP; Nghị định 05/2025/NĐ-CP', steps: CITY_STEPS, documents: [], feeLabel: 'Phí thẩm định' };
const MOI_TRUONG_XA: Family = { ...MOI_TRUONG, steps: WARD_STEPS };
const TAI_NGUYEN_NUOC: Family = { field: 'Tài nguyên nước', legalBasis: 'Luật Tài nguyên nước 2023; Nghị định 54/2024/NĐ-CP', steps: CITY_STEPS, documents: [], feeLabel: 'Phí thẩm định' };
const NONG_NGHIEP: Family = { field: 'Nông nghiệp, thú y và bảo vệ thực vật', legalBasis: 'Luật Thú y 2015; Luật Bảo vệ và kiểm dịch thực vật 2013; Luật Trồng trọt 2018; Luật Chăn nuôi 2018', steps: CITY_STEPS, documents: [], feeLabel: 'Phí' };
const THUY_LOI: Family = { field: 'Thủy lợi và thủy sản', legalBasis: 'Luật Thủy lợi 2017; Luật Thủy sản 2017; Nghị định 26/2019/NĐ-CP', steps: CITY_STEPS, documents: [], feeLabel: 'Phí' };
const KHIEU_NAI: Family = { field: 'Tiếp công dân, khiếu nại, tố cáo', legalBasis: 'Luật Khiếu nại 2011; Luật Tố cáo 2018; Luật Tiếp công dân 2013; Nghị định 124/2020/NĐ-CP', steps: CITY_STEPS, documents: ['Đơn khiếu nại hoặc tố cáo (ghi rõ họ tên, địa chỉ, nội dung)', 'Tài liệu, chứng cứ liên quan (nếu có)'], feeLabel: 'Lệ phí' };
const NGOAI_VU: Family = { field: 'Ngoại vụ', legalBasis: 'Quyết định 06/2020/QĐ-TTg; Quyết định 45/2006/QĐ-TTg', steps: CITY_STEPS, documents: [], feeLabel: 'Lệ phí' };
const HOI: Family = { field: 'Tổ chức phi chính phủ', legalBasis: 'Nghị định 45/2010/NĐ-CP; Nghị định 33/2012/NĐ-CP; Nghị định 93/2019/NĐ-CP', steps: CITY_STEPS, documents: [], feeLabel: 'Lệ phí' };
const LUU_TRU: Family = { field: 'Văn thư và lưu trữ', legalBasis: 'Luật Lưu trữ 2024; Thông tư 09/2014/TT-BNV', steps: CITY_STEPS, documents: PERSONAL_PAPERS, feeLabel: 'Phí' };

const FAMILY_BY_FIELD: Readonly<Record<string, Family>> = Object.fromEntries([HO_TICH, CHUNG_THUC, CU_TRU, LY_LICH, XAY_DUNG, DAT_DAI, DKKD, KHAM_CHUA_BENH, DUOC, MOI_TRUONG].map((family) => [family.field, family]));

function fees(family: Family, fee: number): FeeSeed[] {
  return fee > 0 ? [{ description: family.feeLabel, amountVnd: fee }] : [];
}

function spell(family: Family, [code, name, agencyCode, processingDays, feeVnd, onlineLevel, documents]: Entry): CatalogueProcedureSeed {
  return {
    code: `${code}.H29`,
    name,
    field: family.field,
    agencyCode,
    onlineLevel,
    processingDays,
    feeVnd,
    fees: fees(family, feeVnd),
    requiredDocuments: [...documents, ...family.documents.filter((paper) => !documents.includes(paper))],
    legalBasis: family.legalBasis,
    // A department's procedure assigned to a ward is filed at the ward's counter.
    steps: family.steps === CITY_STEPS && !agencyCode.startsWith('000.00.') ? WARD_STEPS : family.steps,
  };
}

function family(of: Family, entries: readonly Entry[]): CatalogueProcedureSeed[] {
  return entries.map((entry) => spell(of, entry));
}

// The dossier seed's procedures, with the fee items of their field's family and the steps of where they
// are filed: a ward, the police, the Land Registration Office or a department.
function stepsAt(agencyCode: string): readonly string[] {
  if (agencyCode === A.CONG_AN) return POLICE_STEPS;
  if (agencyCode === A.VP_DKDD) return LAND_STEPS;
  return agencyCode.startsWith('000.00.') ? CITY_STEPS : WARD_STEPS;
}
const FROM_DOSSIER_SEED: CatalogueProcedureSeed[] = PROCEDURES.map((procedure) => ({
  ...procedure,
  fees: fees(FAMILY_BY_FIELD[procedure.field] ?? DKKD, procedure.feeVnd),
  steps: stepsAt(procedure.agencyCode),
}));

const F = 'FULL';
const P = 'PARTIAL';

const WRITTEN: CatalogueProcedureSeed[] = [
  ...family(HO_TICH, [
    ['1.001695', 'Đăng ký lại khai sinh', A.P_BEN_THANH, 5, 0, P, ['Tờ khai đăng ký lại khai sinh', 'Bản sao giấy tờ có thông tin khai sinh (nếu có)']],
    ['1.004772', 'Đăng ký lại kết hôn', A.P_BEN_THANH, 5, 0, P, ['Tờ khai đăng ký lại kết hôn', 'Bản sao Giấy chứng nhận kết hôn được cấp trước đây (nếu có)']],
    ['1.005461', 'Đăng ký lại khai tử', A.P_BEN_THANH, 5, 0, P, ['Tờ khai đăng ký lại khai tử', 'Bản sao giấy tờ liên quan đến việc khai tử (nếu có)']],
    ['1.004884', 'Đăng ký khai sinh kết hợp nhận cha, mẹ, con', A.P_BEN_THANH, 3, 0, P, ['Tờ khai đăng ký khai sinh và nhận cha, mẹ, con', 'Giấy chứng sinh', 'Chứng cứ chứng minh quan hệ cha, mẹ, con']],
    ['1.000593', 'Đăng ký giám hộ', A.P_SAI_GON, 3, 0, P, ['Tờ khai đăng ký giám hộ', 'Văn bản cử người giám hộ']],
    ['1.000547', 'Đăng ký chấm dứt giám hộ', A.P_SAI_GON, 2, 0, P, ['Tờ khai đăng ký chấm dứt giám hộ', 'Giấy tờ làm căn cứ chấm dứt giám hộ']],
    ['1.000419', 'Đăng ký khai sinh lưu động', A.P_GIA_DINH, 5, 0, P, ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh']],
    ['1.000110', 'Đăng ký kết hôn lưu động', A.P_GIA_DINH, 5, 0, P, ['Tờ khai đăng ký kết hôn của hai bên nam, nữ']],
    ['1.000122', 'Đăng ký khai tử lưu động', A.P_GIA_DINH, 5, 0, P, ['Tờ khai đăng ký khai tử', 'Giấy báo tử']],
    ['1.001766', 'Xác định lại dân tộc', A.P_TAN_DINH, 3, 15000, P, ['Tờ khai đăng ký xác định lại dân tộc', 'Giấy tờ chứng minh dân tộc của cha, mẹ']],
    ['1.003583', 'Đăng ký khai sinh cho người đã có hồ sơ, giấy tờ cá nhân', A.P_BEN_THANH, 3, 0, P, ['Tờ khai đăng ký khai sinh', 'Bản sao giấy tờ cá nhân có thông tin khai sinh']],
    ['1.011572', 'Liên thông thủ tục hành chính về đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi', A.P_BEN_THANH, 5, 0, F, ['Tờ khai điện tử liên thông (trên Cổng dịch vụ công hoặc VNeID)', 'Giấy chứng sinh (bản chụp)']],
    ['1.011573', 'Liên thông thủ tục hành chính về đăng ký khai tử, xóa đăng ký thường trú, hưởng chế độ tử tuất, hỗ trợ chi phí mai táng', A.P_BEN_THANH, 5, 0, F, ['Tờ khai điện tử liên thông', 'Giấy báo tử (bản chụp)']],
    ['2.000528', 'Cấp lại bản chính Giấy khai sinh', A.P_SAI_GON, 3, 0, P, ['Tờ khai cấp lại bản chính Giấy khai sinh', 'Bản chính Giấy khai sinh cũ (nếu bị hư hỏng)']],
    ['2.000547', 'Ghi vào Sổ hộ tịch việc ly hôn, hủy việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài', A.SO_TU_PHAP, 12, 75000, P, ['Tờ khai ghi chú ly hôn, hủy việc kết hôn', 'Bản sao giấy tờ ly hôn đã được hợp pháp hóa lãnh sự']],
  ]),
  ...family(HO_TICH_NN, [
    ['1.001632', 'Đăng ký khai sinh có yếu tố nước ngoài', A.P_BEN_THANH, 15, 0, P, ['Tờ khai đăng ký khai sinh', 'Giấy chứng sinh', 'Văn bản thỏa thuận lựa chọn quốc tịch cho con (nếu cha hoặc mẹ là người nước ngoài)']],
    ['1.000884', 'Đăng ký kết hôn có yếu tố nước ngoài', A.P_BEN_THANH, 15, 0, P, ['Tờ khai đăng ký kết hôn', 'Giấy xác nhận tình trạng hôn nhân của người nước ngoài', 'Giấy xác nhận không mắc bệnh tâm thần']],
    ['1.001702', 'Đăng ký khai tử có yếu tố nước ngoài', A.P_BEN_THANH, 3, 0, P, ['Tờ khai đăng ký khai tử', 'Giấy báo tử']],
    ['2.000779', 'Đăng ký nhận cha, mẹ, con có yếu tố nước ngoài', A.P_BEN_THANH, 15, 0, P, ['Tờ khai đăng ký nhận cha, mẹ, con', 'Chứng cứ chứng minh quan hệ cha, mẹ, con']],
    ['2.000756', 'Thay đổi, cải chính, bổ sung thông tin hộ tịch có yếu tố nước ngoài', A.P_BEN_THANH, 3, 28000, P, ['Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch', 'Giấy tờ làm căn cứ thay đổi, cải chính']],
    ['1.001669', 'Ghi vào Sổ hộ tịch việc kết hôn của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài', A.P_BEN_THANH, 5, 75000, P, ['Tờ khai ghi chú kết hôn', 'Bản sao giấy tờ chứng nhận việc kết hôn do nước ngoài cấp']],
    ['1.001808', 'Ghi vào Sổ hộ tịch việc hộ tịch khác của công dân Việt Nam đã được giải quyết tại cơ quan có thẩm quyền của nước ngoài (khai sinh, giám hộ, nhận cha mẹ con, nuôi con nuôi, khai tử)', A.P_BEN_THANH, 5, 0, P, ['Tờ khai ghi vào Sổ hộ tịch', 'Bản sao giấy tờ hộ tịch do nước ngoài cấp']],
    ['1.004746', 'Đăng ký giám hộ có yếu tố nước ngoài', A.P_BEN_THANH, 5, 0, P, ['Tờ khai đăng ký giám hộ', 'Văn bản cử người giám hộ']],
  ]),
  ...family(NUOI_CON_NUOI, [
    ['1.003005', 'Đăng ký việc nuôi con nuôi trong nước', A.P_HANH_THONG, 30, 400000, P, ['Đơn xin nhận con nuôi', 'Giấy khám sức khỏe của người nhận con nuôi', 'Phiếu lý lịch tư pháp của người nhận con nuôi', 'Giấy khai sinh và ảnh của người được nhận làm con nuôi']],
    ['1.003976', 'Đăng ký lại việc nuôi con nuôi trong nước', A.P_HANH_THONG, 5, 0, P, ['Tờ khai đăng ký lại việc nuôi con nuôi', 'Bản sao giấy tờ chứng minh việc nuôi con nuôi đã được đăng ký']],
    ['1.004878', 'Đăng ký nuôi con nuôi thực tế', A.P_HANH_THONG, 30, 0, P, ['Tờ khai đăng ký nuôi con nuôi thực tế', 'Giấy tờ chứng minh quan hệ nuôi con nuôi thực tế']],
    ['1.003160', 'Giải quyết việc người nước ngoài thường trú ở Việt Nam nhận trẻ em Việt Nam làm con nuôi', A.SO_TU_PHAP, 90, 4500000, P, ['Đơn xin nhận con nuôi', 'Hộ chiếu và thẻ thường trú', 'Văn bản điều tra về tâm lý, gia đình']],
  ]),
  ...family(CHUNG_THUC, [
    ['2.000913', 'Chứng thực hợp đồng, giao dịch liên quan đến thực hiện các quyền của người sử dụng đất theo quy định của Luật Đất đai', A.P_TAN_DINH, 2, 50000, P, ['Dự thảo hợp đồng, giao dịch', 'Bản sao Giấy chứng nhận quyền sử dụng đất']],
    ['2.000942', 'Chứng thực hợp đồng, giao dịch về nhà ở', A.P_TAN_DINH, 2, 50000, P, ['Dự thảo hợp đồng, giao dịch về nhà ở', 'Bản sao giấy chứng nhận quyền sở hữu nhà ở']],
    ['2.001019', 'Chứng thực di chúc', A.P_TAN_DINH, 2, 50000, P, ['Dự thảo di chúc', 'Bản sao giấy tờ chứng minh quyền sở hữu tài sản (nếu di chúc liên quan đến tài sản)']],
    ['2.001016', 'Chứng thực văn bản từ chối nhận di sản', A.P_TAN_DINH, 2, 50000, P, ['Dự thảo văn bản từ chối nhận di sản']],
    ['2.001009', 'Chứng thực văn bản thỏa thuận phân chia di sản mà di sản là động sản, quyền sử dụng đất, nhà ở', A.P_TAN_DINH, 2, 50000, P, ['Dự thảo văn bản thỏa thuận phân chia di sản', 'Giấy chứng tử của người để lại di sản', 'Giấy tờ chứng minh quan hệ giữa người để lại di sản và người được hưởng di sản']],
    ['2.001008', 'Chứng thực văn bản khai nhận di sản mà di sản là động sản, quyền sử dụng đất, nhà ở', A.P_TAN_DINH, 2, 50000, P, ['Dự thảo văn bản khai nhận di sản', 'Giấy chứng tử của người để lại di sản']],
    ['2.000992', 'Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch', A.P_TAN_DINH, 2, 30000, P, ['Dự thảo văn bản sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch', 'Hợp đồng, giao dịch đã được chứng thực']],
    ['2.000927', 'Sửa lỗi sai sót trong hợp đồng, giao dịch', A.P_TAN_DINH, 1, 25000, P, ['Hợp đồng, giao dịch đã được chứng thực có lỗi sai sót']],
    ['2.000908', 'Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực', A.P_TAN_DINH, 1, 2000, P, ['Văn bản đề nghị cấp bản sao']],
    ['2.000843', 'Chứng thực chữ ký người dịch mà người dịch là cộng tác viên dịch thuật', A.P_SAI_GON, 1, 10000, P, ['Bản dịch và giấy tờ, văn bản cần dịch']],
    ['2.001052', 'Chứng thực chữ ký trong giấy ủy quyền đối với trường hợp ủy quyền không có thù lao, không có nghĩa vụ bồi thường của bên được ủy quyền', A.P_SAI_GON, 1, 10000, F, ['Giấy ủy quyền']],
    ['2.000815.000.00.00', 'Chứng thực bản sao điện tử từ bản chính', A.P_SAI_GON, 1, 2000, F, ['Bản chính giấy tờ, văn bản cần chứng thực bản sao điện tử']],
  ]),
  ...family(CONG_CHUNG, [
    ['1.001071', 'Thành lập Văn phòng công chứng', A.SO_TU_PHAP, 20, 1000000, P, ['Đơn đề nghị thành lập Văn phòng công chứng', 'Đề án thành lập Văn phòng công chứng', 'Bản sao quyết định bổ nhiệm công chứng viên']],
    ['1.001665', 'Đăng ký hoạt động Văn phòng công chứng', A.SO_TU_PHAP, 10, 1000000, P, ['Đơn đăng ký hoạt động', 'Giấy tờ chứng minh về trụ sở']],
    ['1.001756', 'Đăng ký hành nghề và cấp Thẻ công chứng viên', A.SO_TU_PHAP, 10, 0, P, ['Đơn đề nghị đăng ký hành nghề', 'Ảnh chân dung 2x3 cm', 'Quyết định bổ nhiệm công chứng viên']],
    ['1.001800', 'Cấp lại Thẻ công chứng viên', A.SO_TU_PHAP, 5, 0, P, ['Đơn đề nghị cấp lại Thẻ công chứng viên', 'Ảnh chân dung 2x3 cm']],
    ['1.001125', 'Thay đổi nội dung đăng ký hoạt động của Văn phòng công chứng', A.SO_TU_PHAP, 10, 500000, P, ['Đơn đề nghị thay đổi nội dung đăng ký hoạt động']],
    ['1.001153', 'Chuyển nhượng Văn phòng công chứng', A.SO_TU_PHAP, 20, 1000000, P, ['Hợp đồng chuyển nhượng Văn phòng công chứng', 'Đơn đề nghị cho phép chuyển nhượng']],
  ]),
  ...family(LUAT_SU, [
    ['1.002032', 'Đăng ký hoạt động của tổ chức hành nghề luật sư', A.SO_TU_PHAP, 10, 100000, P, ['Giấy đề nghị đăng ký hoạt động', 'Điều lệ của công ty luật (đối với công ty luật)', 'Giấy tờ chứng minh về trụ sở']],
    ['1.002055', 'Thay đổi nội dung đăng ký hoạt động của tổ chức hành nghề luật sư', A.SO_TU_PHAP, 10, 50000, P, ['Giấy đề nghị thay đổi nội dung đăng ký hoạt động']],
    ['1.002079', 'Đăng ký hành nghề luật sư với tư cách cá nhân', A.SO_TU_PHAP, 7, 100000, P, ['Giấy đề nghị đăng ký hành nghề luật sư với tư cách cá nhân', 'Bản sao Chứng chỉ hành nghề luật sư và Thẻ luật sư']],
    ['1.002099', 'Đăng ký hoạt động của chi nhánh của tổ chức hành nghề luật sư', A.SO_TU_PHAP, 7, 100000, P, ['Giấy đề nghị đăng ký hoạt động của chi nhánh', 'Quyết định thành lập chi nhánh']],
  ]),
  ...family(LY_LICH, [['2.000522', 'Cấp Phiếu lý lịch tư pháp cho cơ quan tiến hành tố tụng', A.SO_TU_PHAP, 10, 0, P, ['Văn bản yêu cầu cấp Phiếu lý lịch tư pháp của cơ quan tiến hành tố tụng']]]),
  ...family(QUOC_TICH, [
    ['1.001961', 'Xin nhập quốc tịch Việt Nam', A.SO_TU_PHAP, 115, 3000000, P, ['Đơn xin nhập quốc tịch Việt Nam', 'Bản khai lý lịch', 'Phiếu lý lịch tư pháp', 'Giấy tờ chứng minh trình độ tiếng Việt']],
    ['1.001995', 'Xin trở lại quốc tịch Việt Nam ở trong nước', A.SO_TU_PHAP, 85, 2500000, P, ['Đơn xin trở lại quốc tịch Việt Nam', 'Bản khai lý lịch', 'Giấy tờ chứng minh người đó đã từng có quốc tịch Việt Nam']],
    ['1.002005', 'Xin thôi quốc tịch Việt Nam ở trong nước', A.SO_TU_PHAP, 65, 2500000, P, ['Đơn xin thôi quốc tịch Việt Nam', 'Bản khai lý lịch', 'Giấy tờ xác nhận về việc người đó đang làm thủ tục nhập quốc tịch nước ngoài']],
    ['1.002010', 'Cấp Giấy xác nhận có quốc tịch Việt Nam ở trong nước', A.SO_TU_PHAP, 20, 100000, P, ['Tờ khai đề nghị xác nhận có quốc tịch Việt Nam', 'Giấy tờ làm căn cứ xác định có quốc tịch Việt Nam']],
    ['1.002017', 'Cấp Giấy xác nhận là người gốc Việt Nam ở trong nước', A.SO_TU_PHAP, 20, 100000, P, ['Tờ khai đề nghị xác nhận là người gốc Việt Nam', 'Giấy tờ chứng minh đã từng có quốc tịch Việt Nam của bản thân hoặc cha mẹ, ông bà']],
  ]),
  ...family(TU_PHAP_KHAC, [
    ['2.001680', 'Yêu cầu trợ giúp pháp lý', A.SO_TU_PHAP, 2, 0, F, ['Đơn yêu cầu trợ giúp pháp lý', 'Giấy tờ chứng minh là người được trợ giúp pháp lý', 'Giấy tờ, tài liệu liên quan đến vụ việc']],
    ['2.001725', 'Cấp thẻ cộng tác viên trợ giúp pháp lý', A.SO_TU_PHAP, 5, 0, P, ['Giấy đề nghị làm cộng tác viên', 'Ảnh 2x3 cm']],
    ['1.001815', 'Đăng ký hoạt động của doanh nghiệp đấu giá tài sản', A.SO_TU_PHAP, 7, 500000, P, ['Đơn đề nghị đăng ký hoạt động', 'Điều lệ doanh nghiệp', 'Danh sách đấu giá viên']],
    ['1.001827', 'Cấp Thẻ đấu giá viên', A.SO_TU_PHAP, 5, 100000, P, ['Đơn đề nghị cấp Thẻ đấu giá viên', 'Ảnh 2x3 cm']],
    ['1.001859', 'Bổ nhiệm giám định viên tư pháp', A.SO_TU_PHAP, 20, 0, P, ['Văn bản đề nghị bổ nhiệm', 'Bản sao văn bằng chuyên môn', 'Sơ yếu lý lịch và Phiếu lý lịch tư pháp']],
    ['2.002165', 'Giải quyết yêu cầu bồi thường tại cơ quan trực tiếp quản lý người thi hành công vụ gây thiệt hại', A.SO_TU_PHAP, 90, 0, P, ['Văn bản yêu cầu bồi thường', 'Văn bản làm căn cứ yêu cầu bồi thường', 'Tài liệu, chứng cứ về thiệt hại']],
  ]),
  ...family(CU_TRU, [
    ['1.004206', 'Xóa đăng ký thường trú', A.CONG_AN, 1, 0, F, ['Giấy tờ, tài liệu chứng minh thuộc trường hợp xóa đăng ký thường trú']],
    ['1.010066', 'Xóa đăng ký tạm trú', A.CONG_AN, 1, 0, F, ['Giấy tờ, tài liệu chứng minh thuộc trường hợp xóa đăng ký tạm trú']],
    ['1.010061', 'Tách hộ', A.CONG_AN, 5, 10000, F, ['Văn bản đồng ý của chủ hộ cho tách hộ (nếu thuộc trường hợp phải có)']],
    ['1.010062', 'Điều chỉnh thông tin về cư trú trong Cơ sở dữ liệu về cư trú', A.CONG_AN, 3, 0, F, ['Giấy tờ, tài liệu chứng minh việc điều chỉnh thông tin']],
    ['1.010064', 'Gia hạn tạm trú', A.CONG_AN, 3, 15000, F, ['Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp còn hiệu lực']],
    ['1.010065', 'Thông báo lưu trú', A.CONG_AN, 1, 0, F, ['Thông tin người lưu trú (họ tên, số định danh cá nhân, thời gian lưu trú)']],
    ['1.010068', 'Khai báo thông tin về cư trú đối với người chưa đủ điều kiện đăng ký thường trú, đăng ký tạm trú', A.CONG_AN, 3, 0, F, ['Thông tin khai báo về nơi ở hiện tại']],
  ]),
  ...family(CAN_CUOC, [
    ['1.012101', 'Cấp thẻ căn cước cho công dân Việt Nam từ đủ 14 tuổi trở lên', A.CONG_AN, 7, 0, P, ['Không yêu cầu giấy tờ khi thông tin đã có trong Cơ sở dữ liệu quốc gia về dân cư (thu nhận ảnh, vân tay, mống mắt tại cơ quan công an)']],
    ['1.012102', 'Cấp thẻ căn cước cho công dân Việt Nam dưới 14 tuổi', A.CONG_AN, 7, 0, F, ['Đề nghị của cha, mẹ hoặc người giám hộ (trên VNeID hoặc tại cơ quan công an)']],
    ['1.012103', 'Cấp đổi thẻ căn cước', A.CONG_AN, 7, 50000, P, ['Thẻ căn cước hoặc thẻ căn cước công dân đang sử dụng']],
    ['1.012104', 'Cấp lại thẻ căn cước', A.CONG_AN, 7, 70000, P, ['Thông tin định danh để đối chiếu (khi thẻ bị mất)']],
    ['1.012105', 'Cấp giấy chứng nhận căn cước cho người gốc Việt Nam chưa xác định được quốc tịch', A.CONG_AN, 30, 0, P, ['Tờ khai thu thập thông tin', 'Giấy tờ chứng minh nơi ở hiện tại']],
    ['1.012106', 'Xác nhận số Chứng minh nhân dân 9 số, số định danh cá nhân', A.CONG_AN, 1, 0, F, ['Đề nghị xác nhận (trên VNeID hoặc Cổng dịch vụ công)']],
    ['1.012107', 'Cấp tài khoản định danh điện tử mức độ 2 đối với công dân Việt Nam', A.CONG_AN, 3, 0, P, ['Thẻ căn cước hoặc thẻ căn cước công dân gắn chip', 'Điện thoại thông minh có số thuê bao chính chủ']],
    ['1.012108', 'Khóa, mở khóa tài khoản định danh điện tử', A.CONG_AN, 1, 0, F, ['Yêu cầu khóa hoặc mở khóa (qua tổng đài, VNeID hoặc trực tiếp)']],
  ]),
  ...family(XNC, [
    ['1.003334', 'Cấp hộ chiếu phổ thông ở trong nước', A.CA_XNC, 8, 200000, F, []],
    ['1.003335', 'Cấp lại hộ chiếu phổ thông ở trong nước (hộ chiếu hết hạn, bị mất, hư hỏng)', A.CA_XNC, 8, 400000, F, ['Đơn trình báo mất hộ chiếu (nếu bị mất)']],
    ['1.003336', 'Trình báo mất hộ chiếu phổ thông', A.CA_XNC, 1, 0, F, ['Đơn trình báo mất hộ chiếu phổ thông (mẫu TK05)']],
    ['1.003337', 'Khôi phục giá trị sử dụng hộ chiếu phổ thông', A.CA_XNC, 5, 0, P, ['Tờ khai đề nghị khôi phục giá trị sử dụng hộ chiếu', 'Hộ chiếu đã được thông báo mất']],
  ]),
  ...family(XNC_NN, [
    ['1.003338', 'Cấp thị thực cho người nước ngoài tại Việt Nam', A.CA_XNC, 5, 550000, P, ['Tờ khai đề nghị cấp thị thực (NA5)', 'Văn bản bảo lãnh của cơ quan, tổ chức, cá nhân']],
    ['1.003339', 'Gia hạn tạm trú cho người nước ngoài tại Việt Nam', A.CA_XNC, 5, 250000, P, ['Văn bản đề nghị gia hạn tạm trú (NA5)']],
    ['1.003340', 'Cấp thẻ tạm trú cho người nước ngoài tại Việt Nam', A.CA_XNC, 5, 1450000, P, ['Văn bản đề nghị cấp thẻ tạm trú (NA6, NA8)', 'Giấy phép lao động hoặc giấy tờ chứng minh mục đích ở lại', 'Ảnh 2x3 cm']],
    ['1.003341', 'Cấp thẻ thường trú cho người nước ngoài tại Việt Nam', A.CA_XNC, 120, 100000, P, ['Đơn xin thường trú (NA12)', 'Phiếu lý lịch tư pháp do nước ngoài cấp', 'Công hàm của cơ quan đại diện nước mà người đó là công dân']],
  ]),
  ...family(DANG_KY_XE, [
    ['1.012200', 'Đăng ký, cấp biển số xe lần đầu', A.CA_GIAO_THONG, 2, 150000, F, ['Hóa đơn, chứng từ chuyển quyền sở hữu xe', 'Phiếu kiểm tra chất lượng xuất xưởng hoặc chứng từ nhập khẩu']],
    ['1.012201', 'Đăng ký sang tên xe (di chuyển trong cùng tỉnh hoặc từ tỉnh khác chuyển đến)', A.CA_GIAO_THONG, 2, 150000, F, ['Chứng từ chuyển quyền sở hữu xe', 'Chứng nhận đăng ký xe của chủ cũ']],
    ['1.012202', 'Thu hồi chứng nhận đăng ký xe, biển số xe', A.CA_GIAO_THONG, 2, 0, F, ['Chứng nhận đăng ký xe và biển số xe']],
    ['1.012203', 'Cấp đổi chứng nhận đăng ký xe, biển số xe', A.CA_GIAO_THONG, 2, 100000, F, ['Chứng nhận đăng ký xe hoặc biển số xe cần đổi']],
    ['1.012204', 'Cấp lại chứng nhận đăng ký xe, biển số xe bị mất', A.CA_GIAO_THONG, 30, 100000, P, []],
    ['1.012205', 'Đăng ký xe tạm thời', A.CA_GIAO_THONG, 1, 50000, F, ['Chứng từ nguồn gốc xe']],
  ]),
  ...family(PCCC, [
    ['1.012300', 'Thẩm định thiết kế về phòng cháy và chữa cháy', A.CA_PCCC, 15, 0, P, ['Bản vẽ và thuyết minh thiết kế phòng cháy, chữa cháy', 'Văn bản thẩm định thiết kế cơ sở (nếu có)']],
    ['1.012301', 'Kiểm tra kết quả nghiệm thu về phòng cháy và chữa cháy', A.CA_PCCC, 10, 0, P, ['Văn bản nghiệm thu của chủ đầu tư', 'Bản vẽ hoàn công hệ thống phòng cháy, chữa cháy']],
    ['1.012302', 'Cấp Giấy chứng nhận huấn luyện nghiệp vụ phòng cháy, chữa cháy và cứu nạn, cứu hộ', A.CA_PCCC, 7, 0, P, ['Danh sách người đề nghị cấp', 'Ảnh 3x4 cm']],
  ]),
  ...family(AN_NINH, [
    ['1.012350', 'Cấp Giấy chứng nhận đủ điều kiện về an ninh, trật tự để kinh doanh ngành, nghề có điều kiện', A.CONG_AN, 5, 300000, F, ['Bản sao giấy chứng nhận đăng ký doanh nghiệp hoặc hộ kinh doanh', 'Bản khai nhân sự của người chịu trách nhiệm về an ninh, trật tự']],
    ['1.012351', 'Đăng ký mẫu con dấu mới', A.CONG_AN, 2, 0, F, ['Văn bản đề nghị đăng ký mẫu con dấu', 'Bản sao quyết định thành lập hoặc giấy chứng nhận đăng ký']],
  ]),
  ...family(DAT_DAI, [
    ['1.012761', 'Cấp lại Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do bị mất', A.VP_DKDD, 10, 50000, P, ['Đơn đề nghị cấp lại Giấy chứng nhận (Mẫu 11/ĐK)', 'Giấy xác nhận của Ủy ban nhân dân cấp xã về việc đã niêm yết thông báo mất trong 15 ngày']],
    ['1.012762', 'Đính chính Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất đã cấp', A.VP_DKDD, 10, 0, P, ['Đơn đề nghị đính chính', 'Bản gốc Giấy chứng nhận đã cấp']],
    ['1.012763', 'Tách thửa hoặc hợp thửa đất', A.VP_DKDD, 15, 50000, P, ['Đơn đề nghị tách thửa, hợp thửa đất (Mẫu 11/ĐK)', 'Bản gốc Giấy chứng nhận đã cấp', 'Bản vẽ tách thửa, hợp thửa đất']],
    ['1.012764', 'Xóa đăng ký thế chấp quyền sử dụng đất, tài sản gắn liền với đất', A.VP_DKDD, 1, 20000, F, ['Phiếu yêu cầu xóa đăng ký thế chấp', 'Văn bản đồng ý xóa thế chấp của bên nhận thế chấp']],
    ['1.012765', 'Đăng ký thay đổi nội dung biện pháp bảo đảm bằng quyền sử dụng đất, tài sản gắn liền với đất', A.VP_DKDD, 1, 60000, F, ['Phiếu yêu cầu đăng ký thay đổi', 'Hợp đồng sửa đổi, bổ sung đã công chứng']],
    ['1.012766', 'Cung cấp thông tin, dữ liệu đất đai', A.VP_DKDD, 3, 150000, F, ['Phiếu yêu cầu cung cấp thông tin, dữ liệu đất đai']],
    ['1.012767', 'Đăng ký biến động đất đai do đổi tên, thay đổi thông tin về người sử dụng đất, chủ sở hữu tài sản gắn liền với đất', A.VP_DKDD, 7, 30000, F, ['Đơn đăng ký biến động (Mẫu 11/ĐK)', 'Giấy tờ chứng minh việc thay đổi thông tin']],
    ['1.012768', 'Đăng ký biến động đất đai do thay đổi hình dạng, kích thước, diện tích thửa đất', A.VP_DKDD, 10, 30000, P, ['Đơn đăng ký biến động (Mẫu 11/ĐK)', 'Mảnh trích đo địa chính thửa đất']],
    ['1.012769', 'Đăng ký quyền sử dụng hạn chế thửa đất liền kề', A.VP_DKDD, 10, 30000, P, ['Đơn đăng ký (Mẫu 11/ĐK)', 'Hợp đồng hoặc văn bản thỏa thuận về quyền sử dụng hạn chế thửa đất liền kề']],
    ['1.012770', 'Chuyển mục đích sử dụng đất phải được phép của cơ quan nhà nước có thẩm quyền đối với hộ gia đình, cá nhân', A.SO_NN_MT, 15, 0, P, ['Đơn xin chuyển mục đích sử dụng đất (Mẫu 02c)', 'Bản gốc Giấy chứng nhận đã cấp']],
    ['1.012771', 'Gia hạn sử dụng đất', A.SO_NN_MT, 7, 0, P, ['Đơn xin gia hạn sử dụng đất', 'Bản gốc Giấy chứng nhận đã cấp']],
    ['1.012772', 'Xác định lại diện tích đất ở', A.VP_DKDD, 15, 0, P, ['Đơn đề nghị xác định lại diện tích đất ở', 'Bản gốc Giấy chứng nhận đã cấp']],
    ['1.012773', 'Giao đất, cho thuê đất không thông qua đấu giá quyền sử dụng đất, không đấu thầu dự án có sử dụng đất', A.SO_NN_MT, 20, 0, P, ['Đơn xin giao đất, thuê đất', 'Văn bản chấp thuận chủ trương đầu tư (nếu có)']],
    ['1.012774', 'Cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất cho người mua nhà ở thuộc dự án phát triển nhà ở', A.VP_DKDD, 15, 100000, P, ['Đơn đăng ký (Mẫu 04/ĐK)', 'Hợp đồng mua bán nhà ở', 'Biên bản bàn giao nhà']],
    ['1.012776', 'Giải quyết tranh chấp đất đai thuộc thẩm quyền của Chủ tịch Ủy ban nhân dân cấp tỉnh', A.SO_NN_MT, 45, 0, P, ['Đơn yêu cầu giải quyết tranh chấp đất đai', 'Biên bản hòa giải tại Ủy ban nhân dân cấp xã', 'Giấy tờ chứng minh quyền sử dụng đất (nếu có)']],
    ['1.012777', 'Đăng ký biến động đối với trường hợp chuyển mục đích sử dụng đất không phải xin phép cơ quan nhà nước có thẩm quyền', A.VP_DKDD, 7, 30000, F, ['Đơn đăng ký biến động (Mẫu 11/ĐK)', 'Bản gốc Giấy chứng nhận đã cấp']],
  ]),
  ...family(DAT_DAI_XA, [
    ['1.012778', 'Hòa giải tranh chấp đất đai', A.P_LINH_TRUNG, 30, 0, P, ['Đơn yêu cầu hòa giải tranh chấp đất đai', 'Giấy tờ, tài liệu liên quan đến thửa đất tranh chấp']],
    ['1.012779', 'Xác nhận hiện trạng sử dụng đất, nguồn gốc sử dụng đất', A.P_LINH_TRUNG, 10, 0, P, ['Đơn đề nghị xác nhận', 'Sơ đồ thửa đất hoặc trích lục bản đồ địa chính']],
  ]),
  ...family(XAY_DUNG_XA, [
    ['1.009996', 'Cấp giấy phép di dời đối với nhà ở riêng lẻ', A.P_GO_VAP, 15, 75000, P, ['Đơn đề nghị cấp giấy phép di dời', 'Giấy tờ về quyền sử dụng đất nơi công trình sẽ di dời đến', 'Phương án di dời']],
    ['1.009998', 'Điều chỉnh giấy phép xây dựng đối với nhà ở riêng lẻ', A.P_GO_VAP, 15, 75000, F, ['Đơn đề nghị điều chỉnh giấy phép xây dựng', 'Bản chính giấy phép xây dựng đã được cấp', 'Bản vẽ thiết kế điều chỉnh']],
    ['1.009999', 'Gia hạn giấy phép xây dựng đối với nhà ở riêng lẻ', A.P_GO_VAP, 5, 15000, F, ['Đơn đề nghị gia hạn giấy phép xây dựng', 'Bản chính giấy phép xây dựng đã được cấp']],
    ['1.010000', 'Cấp lại giấy phép xây dựng đối với nhà ở riêng lẻ', A.P_GO_VAP, 5, 15000, F, ['Đơn đề nghị cấp lại giấy phép xây dựng', 'Bản chính giấy phép xây dựng (trường hợp bị rách, nát)']],
    ['1.010001', 'Cấp giấy phép xây dựng có thời hạn đối với nhà ở riêng lẻ', A.P_GO_VAP, 15, 75000, F, ['Đơn đề nghị cấp giấy phép xây dựng có thời hạn', 'Giấy chứng nhận quyền sử dụng đất', 'Bản vẽ thiết kế xây dựng', 'Cam kết tự phá dỡ công trình khi Nhà nước thực hiện quy hoạch']],
    ['1.010002', 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ tại đặc khu', A.DK_CON_DAO, 15, 75000, P, ['Đơn đề nghị cấp giấy phép xây dựng', 'Giấy chứng nhận quyền sử dụng đất', 'Bản vẽ thiết kế xây dựng']],
  ]),
  ...family(XAY_DUNG, [
    ['1.010003', 'Cấp giấy phép sửa chữa, cải tạo đối với công trình cấp II, cấp III', A.SO_XAY_DUNG, 20, 150000, P, ['Đơn đề nghị cấp giấy phép sửa chữa, cải tạo', 'Giấy tờ chứng minh quyền sở hữu công trình', 'Bản vẽ hiện trạng và thiết kế sửa chữa, cải tạo']],
    ['1.010004', 'Cấp giấy phép di dời đối với công trình cấp II, cấp III', A.SO_XAY_DUNG, 20, 150000, P, ['Đơn đề nghị cấp giấy phép di dời', 'Phương án di dời công trình']],
    ['1.010005', 'Điều chỉnh giấy phép xây dựng đối với công trình cấp II, cấp III', A.SO_XAY_DUNG, 20, 150000, P, ['Đơn đề nghị điều chỉnh giấy phép xây dựng', 'Bản chính giấy phép xây dựng đã được cấp']],
    ['1.010006', 'Gia hạn giấy phép xây dựng đối với công trình cấp II, cấp III', A.SO_XAY_DUNG, 5, 15000, F, ['Đơn đề nghị gia hạn giấy phép xây dựng', 'Bản chính giấy phép xây dựng đã được cấp']],
    ['1.010007', 'Cấp lại giấy phép xây dựng đối với công trình cấp II, cấp III', A.SO_XAY_DUNG, 5, 15000, F, ['Đơn đề nghị cấp lại giấy phép xây dựng']],
    ['1.010008', 'Cấp giấy phép xây dựng mới đối với công trình theo tuyến trong đô thị', A.SO_XAY_DUNG, 20, 150000, P, ['Đơn đề nghị cấp giấy phép xây dựng', 'Văn bản chấp thuận hướng tuyến', 'Hồ sơ thiết kế xây dựng']],
    ['1.010009', 'Cấp giấy phép xây dựng mới đối với công trình tín ngưỡng, công trình tôn giáo', A.SO_XAY_DUNG, 20, 150000, P, ['Đơn đề nghị cấp giấy phép xây dựng', 'Văn bản chấp thuận của cơ quan quản lý tôn giáo', 'Hồ sơ thiết kế xây dựng']],
    ['1.010010', 'Cấp giấy phép xây dựng mới đối với công trình quảng cáo', A.SO_XAY_DUNG, 15, 150000, P, ['Đơn đề nghị cấp giấy phép xây dựng công trình quảng cáo', 'Bản vẽ kết cấu và vị trí biển quảng cáo', 'Hợp đồng thuê đất hoặc thuê vị trí đặt biển']],
    ['1.010011', 'Thẩm định Báo cáo nghiên cứu khả thi đầu tư xây dựng', A.SO_XAY_DUNG, 30, 0, P, ['Tờ trình thẩm định', 'Báo cáo nghiên cứu khả thi', 'Hồ sơ khảo sát và thiết kế cơ sở']],
    ['1.010012', 'Thẩm định thiết kế xây dựng triển khai sau thiết kế cơ sở', A.SO_XAY_DUNG, 30, 0, P, ['Tờ trình thẩm định thiết kế', 'Hồ sơ thiết kế kỹ thuật hoặc thiết kế bản vẽ thi công']],
    ['1.010013', 'Kiểm tra công tác nghiệm thu hoàn thành công trình xây dựng', A.SO_XAY_DUNG, 20, 0, P, ['Báo cáo hoàn thành thi công xây dựng', 'Hồ sơ hoàn thành công trình']],
    ['1.010014', 'Cấp chứng chỉ năng lực hoạt động xây dựng hạng II, hạng III', A.SO_XAY_DUNG, 20, 1000000, F, ['Đơn đề nghị cấp chứng chỉ năng lực', 'Giấy chứng nhận đăng ký doanh nghiệp', 'Danh sách nhân sự chủ chốt và chứng chỉ hành nghề']],
    ['1.010015', 'Cấp lại chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III', A.SO_XAY_DUNG, 10, 150000, F, ['Đơn đề nghị cấp lại chứng chỉ hành nghề', 'Ảnh màu 4x6 cm']],
    ['1.010016', 'Điều chỉnh, bổ sung nội dung chứng chỉ hành nghề hoạt động xây dựng', A.SO_XAY_DUNG, 20, 150000, F, ['Đơn đề nghị điều chỉnh, bổ sung', 'Bản khai kinh nghiệm công việc chuyên môn']],
    ['1.010017', 'Cấp giấy phép hoạt động xây dựng cho nhà thầu nước ngoài', A.SO_XAY_DUNG, 20, 2000000, P, ['Đơn đề nghị cấp giấy phép hoạt động xây dựng', 'Văn bản kết quả đấu thầu hoặc quyết định chọn thầu', 'Giấy phép thành lập của nhà thầu']],
  ]),
  ...family(NHA_O, [
    ['1.010100', 'Thông báo nhà ở hình thành trong tương lai đủ điều kiện được bán, cho thuê mua', A.SO_XAY_DUNG, 15, 0, P, ['Văn bản đề nghị của chủ đầu tư', 'Giấy tờ về quyền sử dụng đất và hồ sơ dự án', 'Biên bản nghiệm thu hoàn thành phần móng']],
    ['1.010101', 'Công nhận chủ đầu tư dự án xây dựng nhà ở', A.SO_XAY_DUNG, 30, 0, P, ['Văn bản đề nghị công nhận chủ đầu tư', 'Hồ sơ năng lực tài chính của nhà đầu tư']],
    ['1.010102', 'Đăng ký mua, thuê, thuê mua nhà ở xã hội', A.SO_XAY_DUNG, 30, 0, P, ['Đơn đăng ký mua, thuê, thuê mua nhà ở xã hội', 'Giấy tờ chứng minh đối tượng được hưởng chính sách', 'Giấy tờ chứng minh điều kiện về nhà ở và thu nhập']],
    ['1.010103', 'Cấp chứng chỉ hành nghề môi giới bất động sản', A.SO_XAY_DUNG, 10, 200000, F, ['Đơn đề nghị cấp chứng chỉ', 'Giấy chứng nhận kết quả sát hạch', 'Ảnh màu 4x6 cm']],
    ['1.010104', 'Thuê nhà ở công vụ', A.SO_XAY_DUNG, 30, 0, P, ['Đơn đề nghị thuê nhà ở công vụ', 'Quyết định điều động, luân chuyển công tác']],
    ['1.010105', 'Bán nhà ở cũ thuộc tài sản công', A.SO_XAY_DUNG, 45, 0, P, ['Đơn đề nghị mua nhà ở cũ', 'Hợp đồng thuê nhà ở đang sử dụng', 'Giấy tờ chứng minh đã nộp tiền thuê nhà']],
  ]),
  ...family(QUY_HOACH, [
    ['1.010200', 'Cung cấp thông tin về quy hoạch xây dựng', A.SO_QH_KT, 10, 0, F, ['Phiếu yêu cầu cung cấp thông tin quy hoạch', 'Sơ đồ vị trí khu đất']],
    ['1.010201', 'Cấp giấy phép quy hoạch dự án đầu tư xây dựng', A.SO_QH_KT, 30, 2000000, P, ['Đơn đề nghị cấp giấy phép quy hoạch', 'Sơ đồ vị trí địa điểm', 'Thuyết minh nội dung đề nghị cấp phép']],
    ['1.010202', 'Thẩm định nhiệm vụ và đồ án quy hoạch chi tiết xây dựng', A.SO_QH_KT, 25, 0, P, ['Tờ trình thẩm định', 'Thuyết minh và bản vẽ đồ án quy hoạch']],
    ['1.010203', 'Cung cấp thông tin về kiến trúc', A.SO_QH_KT, 10, 0, F, ['Phiếu yêu cầu cung cấp thông tin kiến trúc']],
    ['1.010204', 'Cấp chứng chỉ hành nghề kiến trúc', A.SO_QH_KT, 15, 300000, F, ['Đơn đề nghị cấp chứng chỉ hành nghề kiến trúc', 'Văn bằng chuyên môn', 'Giấy chứng nhận kết quả sát hạch']],
    ['1.010205', 'Gia hạn chứng chỉ hành nghề kiến trúc', A.SO_QH_KT, 10, 150000, F, ['Đơn đề nghị gia hạn chứng chỉ hành nghề kiến trúc', 'Giấy chứng nhận hoàn thành chương trình phát triển nghề nghiệp liên tục']],
    ['1.010206', 'Chấp thuận bản vẽ tổng mặt bằng, phương án kiến trúc công trình', A.SO_QH_KT, 15, 0, P, ['Văn bản đề nghị chấp thuận', 'Bản vẽ tổng mặt bằng và phương án kiến trúc']],
  ]),
  ...family(DUONG_BO, [
    ['1.002804', 'Cấp đổi giấy phép lái xe do ngành Giao thông vận tải cấp', A.CA_GIAO_THONG, 5, 135000, F, ['Đơn đề nghị đổi giấy phép lái xe', 'Giấy khám sức khỏe của người lái xe (trừ hạng A1, A)', 'Giấy phép lái xe đang sử dụng']],
    ['1.002809', 'Cấp lại giấy phép lái xe', A.CA_GIAO_THONG, 10, 135000, F, ['Đơn đề nghị cấp lại giấy phép lái xe', 'Giấy khám sức khỏe của người lái xe']],
    ['1.002793', 'Cấp giấy phép lái xe quốc tế', A.CA_GIAO_THONG, 5, 135000, F, ['Tờ khai đề nghị cấp giấy phép lái xe quốc tế', 'Ảnh màu 3x4 cm', 'Giấy phép lái xe quốc gia còn giá trị']],
    ['1.002820', 'Đổi giấy phép lái xe do nước ngoài cấp', A.CA_GIAO_THONG, 5, 135000, P, ['Đơn đề nghị đổi giấy phép lái xe', 'Bản dịch giấy phép lái xe nước ngoài có chứng thực', 'Bản sao hộ chiếu và thị thực hoặc thẻ cư trú']],
    ['1.002835', 'Cấp giấy phép xe tập lái', A.SO_XAY_DUNG, 2, 0, P, ['Văn bản đề nghị của cơ sở đào tạo lái xe', 'Giấy chứng nhận đăng ký xe']],
    ['1.002861', 'Cấp phép thi công công trình trong phạm vi đất dành cho đường bộ đối với đường bộ đang khai thác', A.SO_XAY_DUNG, 7, 0, P, ['Đơn đề nghị cấp phép thi công', 'Hồ sơ thiết kế và biện pháp tổ chức thi công bảo đảm an toàn giao thông']],
    ['1.002872', 'Cấp giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn, xe bánh xích trên đường bộ', A.SO_XAY_DUNG, 2, 0, F, ['Đơn đề nghị cấp giấy phép lưu hành xe', 'Giấy chứng nhận đăng ký xe và kiểm định']],
    ['1.002880', 'Cấp Giấy phép kinh doanh vận tải bằng xe ô tô', A.SO_XAY_DUNG, 5, 200000, F, ['Giấy đề nghị cấp giấy phép kinh doanh', 'Bản sao văn bằng của người điều hành vận tải', 'Phương án kinh doanh vận tải']],
    ['1.002891', 'Cấp phù hiệu xe ô tô kinh doanh vận tải (xe taxi, xe hợp đồng, xe tải)', A.SO_XAY_DUNG, 2, 50000, F, ['Giấy đề nghị cấp phù hiệu', 'Bản sao giấy đăng ký xe ô tô']],
    ['1.002900', 'Cấp phép sử dụng tạm thời một phần lòng đường, hè phố không vào mục đích giao thông', A.P_BEN_THANH, 5, 0, F, ['Đơn đề nghị sử dụng tạm thời lòng đường, hè phố', 'Sơ đồ vị trí, diện tích sử dụng', 'Thời gian đề nghị sử dụng']],
  ]),
  ...family(DUONG_THUY, [
    ['1.003010', 'Đăng ký phương tiện thủy nội địa lần đầu', A.SO_XAY_DUNG, 3, 70000, P, ['Tờ khai đăng ký phương tiện thủy nội địa', 'Giấy chứng nhận an toàn kỹ thuật và bảo vệ môi trường', 'Giấy tờ chứng minh quyền sở hữu phương tiện']],
    ['1.003011', 'Đăng ký lại phương tiện thủy nội địa (chuyển quyền sở hữu)', A.SO_XAY_DUNG, 3, 70000, P, ['Tờ khai đăng ký lại phương tiện', 'Hợp đồng mua bán phương tiện']],
    ['1.003012', 'Cấp giấy chứng nhận khả năng chuyên môn thuyền trưởng, máy trưởng', A.SO_XAY_DUNG, 10, 50000, P, ['Đơn đề nghị cấp giấy chứng nhận', 'Giấy khám sức khỏe', 'Ảnh màu 3x4 cm']],
  ]),
  ...family(DKKD, [
    ['2.001199', 'Đăng ký thành lập doanh nghiệp tư nhân', A.SO_TAI_CHINH, 3, 50000, F, ['Giấy đề nghị đăng ký doanh nghiệp tư nhân']],
    ['2.002003', 'Đăng ký thành lập công ty TNHH hai thành viên trở lên', A.SO_TAI_CHINH, 3, 50000, F, ['Giấy đề nghị đăng ký doanh nghiệp', 'Điều lệ công ty', 'Danh sách thành viên', 'Giấy tờ pháp lý của các thành viên']],
    ['2.002010', 'Đăng ký thành lập công ty cổ phần', A.SO_TAI_CHINH, 3, 50000, F, ['Giấy đề nghị đăng ký doanh nghiệp', 'Điều lệ công ty', 'Danh sách cổ đông sáng lập', 'Giấy tờ pháp lý của cổ đông sáng lập']],
    ['2.002017', 'Đăng ký thành lập công ty hợp danh', A.SO_TAI_CHINH, 3, 50000, F, ['Giấy đề nghị đăng ký doanh nghiệp', 'Điều lệ công ty', 'Danh sách thành viên hợp danh']],
    ['2.002033', 'Đăng ký thay đổi địa chỉ trụ sở chính của doanh nghiệp', A.SO_TAI_CHINH, 3, 50000, F, ['Thông báo thay đổi địa chỉ trụ sở chính', 'Nghị quyết, quyết định về việc thay đổi địa chỉ']],
    ['2.002040', 'Đăng ký đổi tên doanh nghiệp', A.SO_TAI_CHINH, 3, 50000, F, ['Thông báo thay đổi tên doanh nghiệp', 'Nghị quyết, quyết định về việc đổi tên']],
    ['2.002047', 'Đăng ký thay đổi người đại diện theo pháp luật của công ty', A.SO_TAI_CHINH, 3, 50000, F, ['Thông báo thay đổi người đại diện theo pháp luật', 'Nghị quyết, quyết định về việc thay đổi']],
    ['2.002054', 'Đăng ký thay đổi vốn điều lệ, thay đổi tỷ lệ phần vốn góp', A.SO_TAI_CHINH, 3, 50000, F, ['Thông báo thay đổi vốn điều lệ', 'Nghị quyết, quyết định về việc thay đổi vốn điều lệ']],
    ['2.002061', 'Đăng ký thay đổi thành viên công ty TNHH hai thành viên trở lên', A.SO_TAI_CHINH, 3, 50000, F, ['Thông báo thay đổi thành viên', 'Hợp đồng chuyển nhượng phần vốn góp']],
    ['2.002068', 'Đăng ký thay đổi chủ sở hữu công ty TNHH một thành viên', A.SO_TAI_CHINH, 3, 50000, F, ['Thông báo thay đổi chủ sở hữu', 'Hợp đồng chuyển nhượng vốn']],
    ['2.002075', 'Thông báo thay đổi ngành, nghề kinh doanh', A.SO_TAI_CHINH, 3, 50000, F, ['Thông báo thay đổi ngành, nghề kinh doanh']],
    ['2.002082', 'Thông báo thay đổi thông tin của cổ đông sáng lập công ty cổ phần', A.SO_TAI_CHINH, 3, 50000, F, ['Thông báo thay đổi thông tin cổ đông sáng lập']],
    ['2.002089', 'Thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của doanh nghiệp', A.SO_TAI_CHINH, 3, 0, F, ['Thông báo tạm ngừng hoặc tiếp tục kinh doanh', 'Nghị quyết, quyết định về việc tạm ngừng kinh doanh']],
    ['2.002096', 'Giải thể doanh nghiệp', A.SO_TAI_CHINH, 5, 0, F, ['Thông báo về việc giải thể doanh nghiệp', 'Báo cáo thanh lý tài sản và danh sách chủ nợ đã thanh toán', 'Xác nhận của cơ quan thuế về việc hoàn thành nghĩa vụ thuế']],
    ['2.002103', 'Cấp lại Giấy chứng nhận đăng ký doanh nghiệp', A.SO_TAI_CHINH, 3, 50000, F, ['Giấy đề nghị cấp lại Giấy chứng nhận đăng ký doanh nghiệp']],
    ['2.002110', 'Hiệu đính thông tin trong Giấy chứng nhận đăng ký doanh nghiệp', A.SO_TAI_CHINH, 3, 0, F, ['Giấy đề nghị hiệu đính thông tin']],
    ['2.002117', 'Đăng ký hoạt động chi nhánh, văn phòng đại diện của doanh nghiệp', A.SO_TAI_CHINH, 3, 50000, F, ['Thông báo về việc đăng ký hoạt động chi nhánh, văn phòng đại diện', 'Quyết định thành lập chi nhánh, văn phòng đại diện']],
    ['2.002124', 'Thông báo lập địa điểm kinh doanh', A.SO_TAI_CHINH, 3, 0, F, ['Thông báo lập địa điểm kinh doanh']],
    ['2.002131', 'Chấm dứt hoạt động chi nhánh, văn phòng đại diện, địa điểm kinh doanh', A.SO_TAI_CHINH, 3, 0, F, ['Thông báo chấm dứt hoạt động', 'Quyết định chấm dứt hoạt động']],
    ['2.002138', 'Chuyển đổi công ty TNHH một thành viên thành công ty cổ phần', A.SO_TAI_CHINH, 3, 50000, F, ['Giấy đề nghị đăng ký doanh nghiệp', 'Điều lệ công ty chuyển đổi', 'Danh sách cổ đông']],
    ['2.002145', 'Chuyển đổi doanh nghiệp tư nhân thành công ty TNHH', A.SO_TAI_CHINH, 3, 50000, F, ['Giấy đề nghị đăng ký doanh nghiệp', 'Điều lệ công ty', 'Cam kết của chủ doanh nghiệp tư nhân về các khoản nợ']],
    ['2.002152', 'Đăng ký doanh nghiệp đối với công ty được thành lập trên cơ sở chia, tách, hợp nhất, sáp nhập', A.SO_TAI_CHINH, 3, 50000, F, ['Giấy đề nghị đăng ký doanh nghiệp', 'Nghị quyết chia, tách, hợp nhất, sáp nhập']],
    ['2.002159', 'Cung cấp thông tin về đăng ký doanh nghiệp', A.SO_TAI_CHINH, 1, 150000, F, ['Phiếu yêu cầu cung cấp thông tin doanh nghiệp']],
  ]),
  ...family(HO_KINH_DOANH, [
    ['2.000575', 'Đăng ký thay đổi nội dung đăng ký hộ kinh doanh', A.P_CHO_LON, 3, 50000, F, ['Thông báo thay đổi nội dung đăng ký hộ kinh doanh', 'Bản gốc Giấy chứng nhận đăng ký hộ kinh doanh']],
    ['2.000583', 'Thông báo tạm ngừng kinh doanh, tiếp tục kinh doanh trước thời hạn đã thông báo của hộ kinh doanh', A.P_CHO_LON, 3, 0, F, ['Thông báo tạm ngừng hoặc tiếp tục kinh doanh']],
    ['2.000591', 'Chấm dứt hoạt động hộ kinh doanh', A.P_CHO_LON, 3, 0, F, ['Thông báo chấm dứt hoạt động hộ kinh doanh', 'Thông báo của cơ quan thuế về việc hoàn thành nghĩa vụ thuế', 'Bản gốc Giấy chứng nhận đăng ký hộ kinh doanh']],
    ['2.000599', 'Cấp lại Giấy chứng nhận đăng ký hộ kinh doanh', A.P_CHO_LON, 3, 50000, F, ['Giấy đề nghị cấp lại Giấy chứng nhận đăng ký hộ kinh doanh']],
    ['2.000607', 'Đăng ký thành lập hộ kinh doanh tại đặc khu', A.DK_CON_DAO, 3, 100000, P, ['Giấy đề nghị đăng ký hộ kinh doanh', 'Bản sao hợp đồng thuê địa điểm kinh doanh']],
  ]),
  ...family(HOP_TAC_XA, [
    ['2.002200', 'Đăng ký thành lập hợp tác xã', A.SO_TAI_CHINH, 3, 100000, F, ['Giấy đề nghị đăng ký hợp tác xã', 'Điều lệ hợp tác xã', 'Phương án sản xuất, kinh doanh', 'Danh sách thành viên']],
    ['2.002201', 'Đăng ký thay đổi tên, địa chỉ trụ sở chính, ngành, nghề sản xuất, kinh doanh, vốn điều lệ của hợp tác xã', A.SO_TAI_CHINH, 3, 50000, F, ['Giấy đề nghị đăng ký thay đổi', 'Nghị quyết của đại hội thành viên']],
    ['2.002202', 'Giải thể tự nguyện hợp tác xã', A.SO_TAI_CHINH, 5, 0, P, ['Thông báo về việc giải thể', 'Nghị quyết giải thể của đại hội thành viên']],
  ]),
  ...family(DAU_TU, [
    ['1.009645', 'Cấp Giấy chứng nhận đăng ký đầu tư đối với dự án không thuộc diện chấp thuận chủ trương đầu tư', A.SO_TAI_CHINH, 15, 0, P, ['Văn bản đề nghị thực hiện dự án đầu tư', 'Tài liệu về tư cách pháp lý của nhà đầu tư', 'Đề xuất dự án đầu tư', 'Báo cáo tài chính 2 năm gần nhất của nhà đầu tư']],
    ['1.009646', 'Điều chỉnh Giấy chứng nhận đăng ký đầu tư', A.SO_TAI_CHINH, 10, 0, P, ['Văn bản đề nghị điều chỉnh dự án đầu tư', 'Báo cáo tình hình triển khai dự án']],
    ['1.009647', 'Chấp thuận chủ trương đầu tư của Ủy ban nhân dân cấp tỉnh', A.SO_TAI_CHINH, 35, 0, P, ['Văn bản đề nghị thực hiện dự án đầu tư', 'Đề xuất dự án đầu tư', 'Tài liệu về tư cách pháp lý của nhà đầu tư']],
    ['1.009648', 'Đăng ký góp vốn, mua cổ phần, mua phần vốn góp của nhà đầu tư nước ngoài', A.SO_TAI_CHINH, 15, 0, F, ['Văn bản đăng ký góp vốn, mua cổ phần, mua phần vốn góp', 'Văn bản thỏa thuận nguyên tắc về việc góp vốn']],
    ['1.009649', 'Thành lập văn phòng điều hành của nhà đầu tư nước ngoài trong hợp đồng BCC', A.SO_TAI_CHINH, 15, 0, P, ['Văn bản đăng ký thành lập văn phòng điều hành', 'Quyết định bổ nhiệm trưởng văn phòng điều hành']],
    ['1.009650', 'Cấp Giấy chứng nhận đăng ký đầu tư cho dự án trong khu chế xuất, khu công nghiệp', A.BQL_KCX, 15, 0, P, ['Văn bản đề nghị thực hiện dự án đầu tư', 'Đề xuất dự án đầu tư', 'Hợp đồng thuê lại đất trong khu công nghiệp']],
  ]),
  ...family(VIEC_LAM, [
    ['1.000401', 'Giải quyết hưởng trợ cấp thất nghiệp', A.TT_VIEC_LAM, 20, 0, F, ['Đề nghị hưởng trợ cấp thất nghiệp (mẫu 03)', 'Quyết định thôi việc hoặc hợp đồng lao động đã hết hạn', 'Sổ bảo hiểm xã hội']],
    ['1.000402', 'Tạm dừng hưởng trợ cấp thất nghiệp', A.TT_VIEC_LAM, 3, 0, F, ['Thông báo về việc tìm kiếm việc làm']],
    ['1.000403', 'Thông báo về việc tìm kiếm việc làm hằng tháng', A.TT_VIEC_LAM, 1, 0, F, ['Thông báo tìm kiếm việc làm (mẫu 16)']],
    ['1.000404', 'Hỗ trợ học nghề cho người đang hưởng trợ cấp thất nghiệp', A.TT_VIEC_LAM, 20, 0, F, ['Đề nghị hỗ trợ học nghề (mẫu 01)']],
    ['1.000405', 'Chuyển nơi hưởng trợ cấp thất nghiệp', A.TT_VIEC_LAM, 3, 0, F, ['Đề nghị chuyển nơi hưởng trợ cấp thất nghiệp (mẫu 10)']],
    ['1.000406', 'Cấp giấy phép hoạt động dịch vụ việc làm của doanh nghiệp', A.SO_NOI_VU, 7, 0, P, ['Văn bản đề nghị cấp giấy phép', 'Giấy chứng nhận tiền ký quỹ hoạt động dịch vụ việc làm', 'Giấy tờ chứng minh địa điểm hoạt động']],
  ]),
  ...family(LAO_DONG, [
    ['1.000105', 'Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam', A.SO_NOI_VU, 10, 600000, F, ['Văn bản đề nghị cấp giấy phép lao động', 'Giấy chứng nhận sức khỏe', 'Phiếu lý lịch tư pháp', 'Văn bằng chuyên môn hoặc giấy tờ chứng minh kinh nghiệm']],
    ['1.000106', 'Cấp lại giấy phép lao động cho người lao động nước ngoài', A.SO_NOI_VU, 5, 450000, F, ['Văn bản đề nghị cấp lại giấy phép lao động', 'Giấy phép lao động còn hiệu lực (trường hợp bị hỏng)']],
    ['1.000107', 'Gia hạn giấy phép lao động cho người lao động nước ngoài', A.SO_NOI_VU, 5, 450000, F, ['Văn bản đề nghị gia hạn giấy phép lao động', 'Giấy phép lao động còn thời hạn ít nhất 5 ngày']],
    ['1.000108', 'Xác nhận người lao động nước ngoài không thuộc diện cấp giấy phép lao động', A.SO_NOI_VU, 5, 0, F, ['Văn bản đề nghị xác nhận', 'Giấy tờ chứng minh thuộc trường hợp không phải cấp giấy phép lao động']],
    ['1.000109', 'Đăng ký nội quy lao động của doanh nghiệp', A.SO_NOI_VU, 7, 0, F, ['Văn bản đề nghị đăng ký nội quy lao động', 'Nội quy lao động', 'Văn bản góp ý của tổ chức đại diện người lao động']],
    ['1.000111', 'Cấp giấy phép hoạt động cho thuê lại lao động', A.SO_NOI_VU, 20, 0, P, ['Văn bản đề nghị cấp giấy phép', 'Giấy chứng nhận đã thực hiện ký quỹ', 'Lý lịch của người đại diện theo pháp luật']],
    ['1.000112', 'Gửi thỏa ước lao động tập thể', A.SO_NOI_VU, 10, 0, F, ['Thỏa ước lao động tập thể đã ký kết']],
  ]),
  ...family(BAO_HIEM, [
    ['1.000200', 'Cấp lại, đổi, điều chỉnh thông tin trên sổ bảo hiểm xã hội, thẻ bảo hiểm y tế', A.BHXH, 5, 0, F, ['Tờ khai tham gia, điều chỉnh thông tin bảo hiểm xã hội, bảo hiểm y tế (TK1-TS)']],
    ['1.000201', 'Đăng ký tham gia bảo hiểm xã hội tự nguyện', A.BHXH, 5, 0, F, ['Tờ khai tham gia, điều chỉnh thông tin bảo hiểm xã hội, bảo hiểm y tế (TK1-TS)']],
    ['1.000202', 'Giải quyết hưởng bảo hiểm xã hội một lần', A.BHXH, 10, 0, F, ['Đơn đề nghị hưởng bảo hiểm xã hội một lần (mẫu 14-HSB)', 'Sổ bảo hiểm xã hội']],
    ['1.000203', 'Giải quyết hưởng chế độ thai sản', A.BHXH, 6, 0, F, ['Bản sao giấy khai sinh hoặc trích lục khai sinh của con', 'Giấy chứng nhận nghỉ việc hưởng bảo hiểm xã hội (nếu có)']],
    ['1.000204', 'Giải quyết hưởng chế độ tử tuất', A.BHXH, 12, 0, F, ['Sổ bảo hiểm xã hội của người chết', 'Bản sao giấy chứng tử hoặc trích lục khai tử', 'Tờ khai của thân nhân (mẫu 09-HSB)']],
    ['1.000205', 'Đăng ký tham gia bảo hiểm y tế theo hộ gia đình', A.BHXH, 5, 0, F, ['Tờ khai tham gia bảo hiểm y tế (TK1-TS)', 'Danh sách người tham gia bảo hiểm y tế theo hộ gia đình']],
    ['1.000206', 'Giải quyết hưởng lương hưu', A.BHXH, 20, 0, P, ['Sổ bảo hiểm xã hội', 'Quyết định nghỉ việc hưởng chế độ hưu trí', 'Đơn đề nghị hưởng lương hưu (đối với người tự đóng)']],
  ]),
  ...family(NGUOI_CO_CONG, [
    ['1.010801', 'Giải quyết chế độ trợ cấp thờ cúng liệt sĩ', A.P_CHANH_HUNG, 12, 0, P, ['Bản khai đề nghị giải quyết chế độ thờ cúng liệt sĩ', 'Biên bản ủy quyền thờ cúng liệt sĩ (nếu có)']],
    ['1.010802', 'Cấp giấy chứng nhận thân nhân liệt sĩ', A.SO_NOI_VU, 20, 0, P, ['Bản khai cá nhân', 'Giấy tờ chứng minh quan hệ với liệt sĩ']],
    ['1.010803', 'Giải quyết chế độ ưu đãi đối với thương binh, người hưởng chính sách như thương binh', A.SO_NOI_VU, 30, 0, P, ['Bản khai cá nhân', 'Giấy chứng nhận bị thương', 'Biên bản giám định thương tật']],
    ['1.010804', 'Hỗ trợ người có công với cách mạng cải thiện nhà ở', A.P_CHANH_HUNG, 30, 0, P, ['Đơn đề nghị hỗ trợ cải thiện nhà ở', 'Giấy tờ chứng minh là người có công']],
    ['1.010805', 'Di chuyển hồ sơ người có công với cách mạng khi thay đổi nơi thường trú', A.SO_NOI_VU, 5, 0, F, ['Đơn đề nghị di chuyển hồ sơ']],
    ['1.010806', 'Giải quyết trợ cấp mai táng phí khi người có công với cách mạng từ trần', A.P_CHANH_HUNG, 10, 0, P, ['Bản khai của thân nhân', 'Giấy chứng tử hoặc trích lục khai tử']],
  ]),
  ...family(NOI_VU, [
    ['1.000901', 'Tặng Bằng khen của Chủ tịch Ủy ban nhân dân Thành phố', A.SO_NOI_VU, 20, 0, P, ['Tờ trình đề nghị khen thưởng', 'Báo cáo thành tích của tập thể hoặc cá nhân']],
    ['1.000902', 'Tặng danh hiệu Chiến sĩ thi đua cấp Thành phố', A.SO_NOI_VU, 20, 0, P, ['Tờ trình đề nghị', 'Báo cáo thành tích', 'Biên bản họp Hội đồng thi đua, khen thưởng']],
    ['1.000903', 'Thi tuyển công chức', A.SO_NOI_VU, 90, 500000, P, ['Phiếu đăng ký dự tuyển']],
    ['1.000904', 'Xét tuyển viên chức', A.SO_NOI_VU, 60, 500000, P, ['Phiếu đăng ký dự tuyển']],
    ['1.000905', 'Thẩm định việc thành lập đơn vị sự nghiệp công lập', A.SO_NOI_VU, 30, 0, P, ['Tờ trình đề nghị thành lập', 'Đề án thành lập đơn vị sự nghiệp công lập']],
  ]),
  ...family(HOI, [
    ['1.000950', 'Công nhận ban vận động thành lập hội', A.SO_NOI_VU, 30, 0, P, ['Đơn đề nghị công nhận ban vận động thành lập hội', 'Danh sách và sơ yếu lý lịch của thành viên ban vận động']],
    ['1.000951', 'Thành lập hội', A.SO_NOI_VU, 30, 0, P, ['Đơn đề nghị thành lập hội', 'Dự thảo điều lệ hội', 'Danh sách người đăng ký tham gia thành lập hội']],
    ['1.000952', 'Phê duyệt điều lệ hội', A.SO_NOI_VU, 30, 0, P, ['Văn bản đề nghị phê duyệt điều lệ', 'Điều lệ và biên bản thông qua điều lệ']],
    ['1.000953', 'Công nhận quỹ đủ điều kiện hoạt động và công nhận thành viên hội đồng quản lý quỹ', A.SO_NOI_VU, 30, 0, P, ['Đơn đề nghị công nhận', 'Điều lệ quỹ', 'Văn bản xác nhận tài sản đóng góp thành lập quỹ']],
  ]),
  ...family(TON_GIAO, [
    ['1.001090', 'Đăng ký sinh hoạt tôn giáo tập trung', A.P_HANH_THONG, 20, 0, P, ['Bản tóm tắt giáo lý, giáo luật, lễ nghi', 'Danh sách người tham gia sinh hoạt tôn giáo tập trung', 'Giấy tờ chứng minh địa điểm hợp pháp']],
    ['1.001091', 'Thông báo tổ chức lễ hội tín ngưỡng', A.P_HANH_THONG, 15, 0, F, ['Văn bản thông báo (tên lễ hội, thời gian, địa điểm, quy mô)']],
    ['1.001092', 'Đề nghị tổ chức cuộc lễ ngoài cơ sở tôn giáo, địa điểm hợp pháp đã đăng ký', A.SO_DT_TG, 15, 0, P, ['Văn bản đề nghị (tên cuộc lễ, người chủ trì, nội dung, thời gian, địa điểm)']],
    ['1.001093', 'Đăng ký người được bổ nhiệm, bầu cử, suy cử làm chức việc', A.SO_DT_TG, 20, 0, P, ['Văn bản đăng ký', 'Sơ yếu lý lịch và Phiếu lý lịch tư pháp của người được bổ nhiệm']],
    ['1.001094', 'Đề nghị sửa chữa, cải tạo, nâng cấp công trình tín ngưỡng, công trình tôn giáo', A.SO_DT_TG, 15, 0, P, ['Văn bản đề nghị', 'Bản vẽ thiết kế sửa chữa, cải tạo']],
  ]),
  ...family(BAO_TRO, [
    ['1.001776', 'Trợ giúp xã hội thường xuyên đối với đối tượng bảo trợ xã hội', A.P_GO_VAP, 20, 0, F, ['Tờ khai đề nghị trợ giúp xã hội', 'Giấy xác nhận khuyết tật (đối với người khuyết tật)']],
    ['1.001758', 'Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội', A.P_GO_VAP, 5, 0, F, ['Tờ khai đề nghị hỗ trợ chi phí mai táng', 'Giấy báo tử hoặc trích lục khai tử']],
    ['1.001699', 'Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận khuyết tật', A.P_GO_VAP, 25, 0, P, ['Đơn đề nghị xác định mức độ khuyết tật', 'Bản sao các giấy tờ y tế chứng minh khuyết tật (nếu có)']],
    ['1.001653', 'Đổi, cấp lại Giấy xác nhận khuyết tật', A.P_GO_VAP, 5, 0, F, ['Đơn đề nghị đổi, cấp lại Giấy xác nhận khuyết tật']],
    ['1.001731', 'Tiếp nhận đối tượng bảo trợ xã hội có hoàn cảnh đặc biệt khó khăn vào cơ sở trợ giúp xã hội', A.SO_Y_TE, 10, 0, P, ['Đơn đề nghị tiếp nhận', 'Sơ yếu lý lịch của đối tượng', 'Giấy khám sức khỏe']],
    ['1.001739', 'Trợ giúp xã hội khẩn cấp về hỗ trợ làm nhà ở, sửa chữa nhà ở', A.P_GO_VAP, 10, 0, P, ['Tờ khai đề nghị hỗ trợ về nhà ở', 'Biên bản xác định mức độ thiệt hại về nhà ở']],
    ['1.001747', 'Hỗ trợ kinh phí nhận chăm sóc đối tượng cần bảo vệ khẩn cấp', A.P_GO_VAP, 5, 0, P, ['Tờ khai nhận chăm sóc, nuôi dưỡng']],
  ]),
  ...family(TRE_EM, [
    ['2.001947', 'Áp dụng biện pháp can thiệp khẩn cấp hoặc tạm thời cách ly trẻ em khỏi môi trường hoặc người gây tổn hại cho trẻ em', A.P_GIA_DINH, 1, 0, P, ['Thông tin, tố giác về trẻ em bị xâm hại hoặc có nguy cơ bị xâm hại']],
    ['2.001944', 'Đăng ký nhận chăm sóc thay thế cho trẻ em đối với cá nhân, người đại diện gia đình nhận chăm sóc thay thế không phải là người thân thích', A.P_GIA_DINH, 15, 0, P, ['Đơn đăng ký nhận chăm sóc thay thế', 'Phiếu lý lịch tư pháp', 'Giấy khám sức khỏe']],
    ['2.001942', 'Chấm dứt việc chăm sóc thay thế cho trẻ em', A.P_GIA_DINH, 5, 0, P, ['Đơn đề nghị chấm dứt việc chăm sóc thay thế']],
    ['2.001940', 'Phê duyệt kế hoạch hỗ trợ, can thiệp đối với trẻ em bị xâm hại hoặc có nguy cơ bị bạo lực, bóc lột, bỏ rơi', A.P_GIA_DINH, 10, 0, P, ['Báo cáo đánh giá nguy cơ', 'Kế hoạch hỗ trợ, can thiệp']],
  ]),
  ...family(GIAM_NGHEO, [
    ['1.010680', 'Công nhận hộ nghèo, hộ cận nghèo phát sinh trong năm', A.X_BA_DIEM, 15, 0, P, ['Giấy đề nghị xét duyệt hộ nghèo, hộ cận nghèo']],
    ['1.010681', 'Công nhận hộ thoát nghèo, hộ thoát cận nghèo trong năm', A.X_BA_DIEM, 15, 0, P, ['Giấy đề nghị công nhận hộ thoát nghèo, hộ thoát cận nghèo']],
    ['1.010682', 'Công nhận hộ làm nông nghiệp, lâm nghiệp, ngư nghiệp có mức sống trung bình', A.X_BA_DIEM, 15, 0, P, ['Giấy đề nghị công nhận hộ có mức sống trung bình']],
  ]),
  ...family(KHAM_CHUA_BENH, [
    ['1.012249', 'Cấp lại giấy phép hành nghề khám bệnh, chữa bệnh', A.SO_Y_TE, 10, 150000, F, ['Đơn đề nghị cấp lại giấy phép hành nghề', 'Ảnh chân dung 4x6 cm']],
    ['1.012250', 'Gia hạn giấy phép hành nghề khám bệnh, chữa bệnh', A.SO_Y_TE, 20, 150000, F, ['Đơn đề nghị gia hạn giấy phép hành nghề', 'Giấy tờ chứng minh đã cập nhật kiến thức y khoa liên tục']],
    ['1.012251', 'Điều chỉnh giấy phép hành nghề khám bệnh, chữa bệnh', A.SO_Y_TE, 10, 150000, F, ['Đơn đề nghị điều chỉnh giấy phép hành nghề', 'Giấy tờ chứng minh nội dung đề nghị điều chỉnh']],
    ['1.012252', 'Cấp mới giấy phép hoạt động đối với phòng khám đa khoa', A.SO_Y_TE, 60, 5700000, P, ['Đơn đề nghị cấp giấy phép hoạt động', 'Danh sách người hành nghề', 'Giấy tờ chứng minh cơ sở vật chất, thiết bị y tế']],
    ['1.012253', 'Cấp mới giấy phép hoạt động đối với phòng khám chuyên khoa', A.SO_Y_TE, 60, 4300000, P, ['Đơn đề nghị cấp giấy phép hoạt động', 'Danh sách người hành nghề', 'Giấy tờ chứng minh cơ sở vật chất, thiết bị y tế']],
    ['1.012254', 'Cấp lại giấy chứng sinh đối với trường hợp bị mất hoặc hư hỏng', A.SO_Y_TE, 3, 0, P, ['Đơn đề nghị cấp lại giấy chứng sinh', 'Bản sao hồ sơ sinh tại cơ sở khám bệnh, chữa bệnh']],
    ['1.012255', 'Cấp giấy chứng nhận đủ sức khỏe để hành nghề hoặc lái xe (khám sức khỏe định kỳ)', A.SO_Y_TE, 1, 0, P, ['Ảnh chân dung 4x6 cm', 'Tờ khai tiền sử bệnh']],
  ]),
  ...family(DUOC, [
    ['1.002953', 'Cấp lại Chứng chỉ hành nghề dược', A.SO_Y_TE, 5, 500000, F, ['Đơn đề nghị cấp lại Chứng chỉ hành nghề dược', 'Ảnh chân dung 4x6 cm']],
    ['1.002954', 'Điều chỉnh nội dung Chứng chỉ hành nghề dược', A.SO_Y_TE, 10, 500000, F, ['Đơn đề nghị điều chỉnh', 'Giấy tờ chứng minh nội dung thay đổi']],
    ['1.002955', 'Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược cho cơ sở bán lẻ thuốc (nhà thuốc)', A.SO_Y_TE, 20, 1000000, F, ['Đơn đề nghị cấp Giấy chứng nhận', 'Tài liệu kỹ thuật về địa điểm, khu vực bảo quản', 'Bản sao Chứng chỉ hành nghề dược của người phụ trách chuyên môn']],
    ['1.002956', 'Cấp Giấy chứng nhận đủ điều kiện kinh doanh dược cho cơ sở bán lẻ thuốc (quầy thuốc)', A.SO_Y_TE, 20, 500000, F, ['Đơn đề nghị cấp Giấy chứng nhận', 'Tài liệu kỹ thuật về địa điểm', 'Bản sao Chứng chỉ hành nghề dược']],
    ['1.002957', 'Cấp giấy xác nhận nội dung quảng cáo thuốc', A.SO_Y_TE, 10, 1600000, F, ['Đơn đề nghị xác nhận nội dung quảng cáo', 'Mẫu nội dung quảng cáo']],
  ]),
  ...family(AN_TOAN_THUC_PHAM, [
    ['1.003100', 'Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh dịch vụ ăn uống', A.SO_Y_TE, 20, 700000, F, ['Đơn đề nghị cấp Giấy chứng nhận', 'Bản thuyết minh về cơ sở vật chất, trang thiết bị', 'Giấy xác nhận đủ sức khỏe và xác nhận kiến thức an toàn thực phẩm của chủ cơ sở và người trực tiếp chế biến']],
    ['1.003101', 'Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất thực phẩm', A.SO_Y_TE, 20, 2500000, F, ['Đơn đề nghị cấp Giấy chứng nhận', 'Bản thuyết minh về cơ sở vật chất, quy trình sản xuất']],
    ['1.003102', 'Đăng ký bản công bố sản phẩm thực phẩm', A.SO_Y_TE, 7, 1500000, F, ['Bản công bố sản phẩm', 'Phiếu kết quả kiểm nghiệm an toàn thực phẩm trong 12 tháng', 'Bằng chứng khoa học chứng minh công dụng (nếu có)']],
    ['1.003103', 'Cấp giấy xác nhận nội dung quảng cáo thực phẩm', A.SO_Y_TE, 10, 1100000, F, ['Đơn đề nghị xác nhận nội dung quảng cáo', 'Mẫu nội dung quảng cáo']],
    ['1.003104', 'Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở sản xuất, kinh doanh nông, lâm, thủy sản', A.SO_NN_MT, 15, 700000, F, ['Đơn đề nghị cấp Giấy chứng nhận', 'Bản thuyết minh về cơ sở vật chất, trang thiết bị']],
    ['1.003105', 'Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở kinh doanh thực phẩm thuộc ngành Công Thương', A.SO_CONG_THUONG, 15, 1000000, F, ['Đơn đề nghị cấp Giấy chứng nhận', 'Bản thuyết minh về cơ sở vật chất', 'Giấy xác nhận tập huấn kiến thức an toàn thực phẩm']],
  ]),
  ...family(THIET_BI_Y_TE, [
    ['1.003200', 'Công bố đủ điều kiện sản xuất trang thiết bị y tế', A.SO_Y_TE, 3, 3000000, F, ['Văn bản công bố đủ điều kiện sản xuất', 'Bản kê khai nhân sự', 'Hồ sơ hệ thống quản lý chất lượng']],
    ['1.003201', 'Công bố đủ điều kiện mua bán trang thiết bị y tế', A.SO_Y_TE, 3, 0, F, ['Văn bản công bố đủ điều kiện mua bán', 'Bản kê khai nhân sự']],
    ['1.003202', 'Cấp số tiếp nhận Phiếu công bố sản phẩm mỹ phẩm sản xuất trong nước', A.SO_Y_TE, 3, 500000, F, ['Phiếu công bố sản phẩm mỹ phẩm', 'Giấy chứng nhận đủ điều kiện sản xuất mỹ phẩm']],
  ]),
  ...family(GIAO_DUC, [
    ['1.005092', 'Chuyển trường đối với học sinh trung học phổ thông', A.SO_GD_DT, 3, 0, P, ['Đơn xin chuyển trường của cha, mẹ hoặc người giám hộ', 'Học bạ', 'Giấy giới thiệu chuyển trường của trường nơi đi']],
    ['1.005093', 'Chuyển trường đối với học sinh trung học cơ sở', A.P_HANH_THONG, 3, 0, P, ['Đơn xin chuyển trường', 'Học bạ', 'Giấy giới thiệu chuyển trường']],
    ['1.005094', 'Chuyển trường đối với học sinh tiểu học', A.P_HANH_THONG, 3, 0, P, ['Đơn xin chuyển trường', 'Học bạ']],
    ['1.005095', 'Xin học lại tại trường khác đối với học sinh trung học', A.SO_GD_DT, 3, 0, P, ['Đơn xin học lại', 'Học bạ', 'Giấy xác nhận không vi phạm pháp luật của địa phương']],
    ['1.005096', 'Cho phép trung tâm ngoại ngữ, tin học hoạt động giáo dục', A.SO_GD_DT, 20, 0, P, ['Tờ trình đề nghị cho phép hoạt động giáo dục', 'Quyết định thành lập trung tâm', 'Danh sách giáo viên và chương trình giảng dạy']],
    ['1.005097', 'Cấp phép hoạt động giáo dục kỹ năng sống và hoạt động giáo dục ngoài giờ chính khóa', A.SO_GD_DT, 20, 0, P, ['Tờ trình đề nghị cấp phép', 'Chương trình, nội dung hoạt động giáo dục kỹ năng sống']],
    ['1.005098', 'Thành lập trường mầm non tư thục', A.P_HANH_THONG, 20, 0, P, ['Tờ trình đề nghị thành lập trường', 'Đề án thành lập trường', 'Giấy tờ chứng minh quyền sử dụng đất hoặc thuê đất']],
    ['1.005099', 'Đăng ký tổ chức hoạt động dạy thêm, học thêm ngoài nhà trường', A.P_HANH_THONG, 5, 0, F, ['Thông báo tổ chức dạy thêm, học thêm', 'Danh sách người dạy thêm', 'Giấy chứng nhận đăng ký kinh doanh']],
    ['1.005100', 'Hỗ trợ chi phí học tập và miễn, giảm học phí', A.P_HANH_THONG, 10, 0, F, ['Đơn đề nghị miễn, giảm học phí và hỗ trợ chi phí học tập', 'Giấy tờ chứng minh thuộc đối tượng miễn, giảm']],
  ]),
  ...family(VAN_BANG, [
    ['1.005081', 'Cấp bản sao văn bằng, chứng chỉ từ sổ gốc', A.SO_GD_DT, 1, 0, F, ['Đơn đề nghị cấp bản sao từ sổ gốc']],
    ['1.005082', 'Chỉnh sửa nội dung văn bằng, chứng chỉ', A.SO_GD_DT, 5, 0, P, ['Đơn đề nghị chỉnh sửa văn bằng, chứng chỉ', 'Văn bằng, chứng chỉ đề nghị chỉnh sửa', 'Quyết định thay đổi hoặc cải chính hộ tịch']],
    ['1.005083', 'Công nhận văn bằng tốt nghiệp các cấp học phổ thông do cơ sở giáo dục nước ngoài cấp', A.SO_GD_DT, 20, 0, P, ['Đơn đề nghị công nhận văn bằng', 'Bản sao văn bằng và bảng điểm có dịch công chứng']],
    ['1.005084', 'Cấp bằng tốt nghiệp trung học cơ sở', A.P_HANH_THONG, 10, 0, P, ['Danh sách học sinh đủ điều kiện công nhận tốt nghiệp']],
  ]),
  ...family(THI_TUYEN_SINH, [
    ['1.005070', 'Đăng ký dự thi tốt nghiệp trung học phổ thông', A.SO_GD_DT, 30, 0, F, ['Phiếu đăng ký dự thi', 'Giấy tờ ưu tiên, khuyến khích (nếu có)']],
    ['1.005071', 'Phúc khảo bài thi tốt nghiệp trung học phổ thông', A.SO_GD_DT, 15, 0, F, ['Đơn phúc khảo bài thi']],
    ['1.005072', 'Tuyển sinh trung học cơ sở', A.P_HANH_THONG, 30, 0, F, ['Đơn đăng ký dự tuyển', 'Học bạ tiểu học']],
    ['1.005073', 'Tuyển sinh vào lớp 10 trung học phổ thông', A.SO_GD_DT, 45, 0, F, ['Phiếu đăng ký dự tuyển', 'Học bạ trung học cơ sở']],
    ['1.005074', 'Xét tuyển sinh vào trường phổ thông dân tộc nội trú', A.SO_GD_DT, 30, 0, P, ['Đơn đăng ký dự tuyển', 'Giấy xác nhận thường trú tại vùng có điều kiện kinh tế - xã hội đặc biệt khó khăn']],
  ]),
  ...family(THUONG_MAI, [
    ['2.000620', 'Cấp Giấy phép bán lẻ rượu', A.P_CHO_LON, 10, 400000, F, ['Đơn đề nghị cấp Giấy phép bán lẻ rượu', 'Bản sao hợp đồng thuê địa điểm hoặc giấy tờ chứng minh quyền sử dụng địa điểm', 'Văn bản giới thiệu của thương nhân sản xuất, bán buôn rượu']],
    ['2.000621', 'Cấp Giấy phép bán lẻ sản phẩm thuốc lá', A.P_CHO_LON, 15, 400000, F, ['Đơn đề nghị cấp Giấy phép bán lẻ sản phẩm thuốc lá', 'Bản sao hợp đồng thuê địa điểm', 'Văn bản giới thiệu của thương nhân phân phối thuốc lá']],
    ['2.000622', 'Cấp Giấy phép bán buôn rượu', A.SO_CONG_THUONG, 15, 1200000, F, ['Đơn đề nghị cấp Giấy phép bán buôn rượu', 'Hợp đồng nguyên tắc với thương nhân sản xuất, phân phối rượu', 'Bản cam kết kho hàng đủ điều kiện']],
    ['2.000623', 'Cấp lại Giấy phép bán lẻ rượu', A.P_CHO_LON, 7, 200000, F, ['Đơn đề nghị cấp lại', 'Bản sao Giấy phép đã được cấp (nếu có)']],
    ['2.000624', 'Thông báo thực hiện khuyến mại', A.SO_CONG_THUONG, 1, 0, F, ['Thông báo thực hiện khuyến mại (mẫu 01)']],
    ['2.000625', 'Đăng ký thực hiện khuyến mại theo hình thức mang tính may rủi', A.SO_CONG_THUONG, 5, 0, F, ['Đơn đề nghị đăng ký khuyến mại', 'Thể lệ chương trình khuyến mại', 'Mẫu vé số dự thưởng']],
    ['2.000626', 'Đăng ký hợp đồng theo mẫu, điều kiện giao dịch chung', A.SO_CONG_THUONG, 15, 0, F, ['Đơn đăng ký hợp đồng theo mẫu', 'Dự thảo hợp đồng theo mẫu']],
    ['2.000627', 'Đăng ký tổ chức hội chợ, triển lãm thương mại', A.SO_CONG_THUONG, 7, 0, F, ['Văn bản đăng ký tổ chức hội chợ, triển lãm thương mại']],
    ['2.000628', 'Cấp Giấy phép kinh doanh cho tổ chức kinh tế có vốn đầu tư nước ngoài thực hiện hoạt động mua bán hàng hóa', A.SO_CONG_THUONG, 10, 0, P, ['Đơn đề nghị cấp Giấy phép kinh doanh', 'Bản giải trình có nội dung về điều kiện cấp phép', 'Báo cáo tài chính năm gần nhất']],
  ]),
  ...family(NANG_LUONG, [
    ['2.000640', 'Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu', A.SO_CONG_THUONG, 15, 1200000, P, ['Đơn đề nghị cấp Giấy chứng nhận', 'Bản kê trang thiết bị của cửa hàng', 'Văn bản nghiệm thu về phòng cháy, chữa cháy']],
    ['2.000641', 'Cấp Giấy chứng nhận đủ điều kiện cửa hàng bán lẻ LPG chai', A.SO_CONG_THUONG, 15, 1200000, P, ['Đơn đề nghị cấp Giấy chứng nhận', 'Tài liệu chứng minh cửa hàng đáp ứng điều kiện an toàn', 'Văn bản nghiệm thu về phòng cháy, chữa cháy']],
    ['2.000642', 'Cấp lại Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu', A.SO_CONG_THUONG, 10, 600000, P, ['Đơn đề nghị cấp lại']],
  ]),
  ...family(THUONG_MAI_QT, [
    ['2.000650', 'Cấp Giấy phép thành lập Văn phòng đại diện của thương nhân nước ngoài tại Việt Nam', A.SO_CONG_THUONG, 7, 3000000, P, ['Đơn đề nghị cấp Giấy phép thành lập Văn phòng đại diện', 'Bản sao giấy đăng ký kinh doanh của thương nhân nước ngoài đã hợp pháp hóa', 'Báo cáo tài chính có kiểm toán năm gần nhất']],
    ['2.000651', 'Cấp Giấy chứng nhận xuất xứ hàng hóa (C/O) ưu đãi', A.BQL_KCX, 1, 0, F, ['Đơn đề nghị cấp C/O', 'Mẫu C/O đã khai hoàn chỉnh', 'Tờ khai hải quan xuất khẩu']],
    ['2.000652', 'Cho phép sử dụng thẻ đi lại của doanh nhân APEC (ABTC)', A.SO_NGOAI_VU, 15, 0, P, ['Văn bản đề nghị cho phép sử dụng thẻ ABTC', 'Hợp đồng ngoại thương hoặc chứng từ giao dịch với đối tác APEC']],
  ]),
  ...family(HOA_CHAT, [
    ['2.000660', 'Cấp Giấy chứng nhận đủ điều kiện sản xuất, kinh doanh hóa chất sản xuất, kinh doanh có điều kiện', A.SO_CONG_THUONG, 12, 1200000, P, ['Văn bản đề nghị cấp Giấy chứng nhận', 'Bản kê khai địa điểm kinh doanh, kho chứa', 'Kế hoạch phòng ngừa, ứng phó sự cố hóa chất']],
    ['2.000661', 'Cấp giấy phép sử dụng vật liệu nổ công nghiệp', A.SO_CONG_THUONG, 10, 0, P, ['Văn bản đề nghị cấp giấy phép', 'Thiết kế nổ mìn và phương án an toàn', 'Danh sách người chỉ huy nổ mìn, thợ mìn']],
    ['2.000662', 'Huấn luyện và cấp Giấy chứng nhận huấn luyện kỹ thuật an toàn hóa chất', A.SO_CONG_THUONG, 10, 0, P, ['Văn bản đề nghị huấn luyện', 'Danh sách người tham gia huấn luyện']],
  ]),
  ...family(VAN_HOA, [
    ['1.001840', 'Cấp Giấy phép kinh doanh dịch vụ karaoke', A.P_SAI_GON, 5, 4000000, F, ['Đơn đề nghị cấp giấy phép kinh doanh dịch vụ karaoke', 'Bản sao Giấy chứng nhận đăng ký doanh nghiệp hoặc hộ kinh doanh', 'Giấy chứng nhận đủ điều kiện về an ninh, trật tự và phòng cháy, chữa cháy']],
    ['1.001841', 'Cấp Giấy phép kinh doanh dịch vụ vũ trường', A.SO_VH_TT, 5, 12000000, P, ['Đơn đề nghị cấp giấy phép kinh doanh dịch vụ vũ trường', 'Bản sao Giấy chứng nhận đăng ký doanh nghiệp']],
    ['1.001842', 'Tiếp nhận thông báo tổ chức biểu diễn nghệ thuật', A.SO_VH_TT, 5, 0, F, ['Văn bản thông báo tổ chức biểu diễn nghệ thuật', 'Danh mục tác phẩm, người biểu diễn']],
    ['1.001843', 'Cấp giấy phép tổ chức triển lãm do tổ chức, cá nhân tại địa phương đưa ra nước ngoài', A.SO_VH_TT, 7, 0, P, ['Văn bản đề nghị cấp giấy phép triển lãm', 'Danh sách tác phẩm dự kiến triển lãm']],
    ['1.001844', 'Thông báo sản phẩm quảng cáo trên bảng quảng cáo, băng-rôn', A.SO_VH_TT, 5, 0, F, ['Văn bản thông báo sản phẩm quảng cáo', 'Ma-két sản phẩm quảng cáo in màu', 'Giấy tờ chứng minh sự phù hợp của hàng hóa, dịch vụ quảng cáo']],
    ['1.001845', 'Cấp giấy phép nhập khẩu văn hóa phẩm không nhằm mục đích kinh doanh', A.SO_VH_TT, 3, 0, F, ['Đơn đề nghị cấp giấy phép nhập khẩu văn hóa phẩm', 'Bản sao vận đơn hoặc giấy báo nhận hàng']],
    ['1.001846', 'Đăng ký tổ chức lễ hội truyền thống', A.SO_VH_TT, 15, 0, P, ['Văn bản đăng ký tổ chức lễ hội', 'Kế hoạch tổ chức lễ hội']],
    ['1.001847', 'Cấp giấy phép kinh doanh dịch vụ karaoke tại đặc khu', A.DK_CON_DAO, 5, 2000000, P, ['Đơn đề nghị cấp giấy phép kinh doanh dịch vụ karaoke', 'Giấy chứng nhận đủ điều kiện về an ninh, trật tự và phòng cháy, chữa cháy']],
  ]),
  ...family(THE_THAO, [
    ['1.001810', 'Cấp Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao', A.SO_VH_TT, 7, 500000, F, ['Đơn đề nghị cấp Giấy chứng nhận', 'Bản tóm tắt tình hình chuẩn bị các điều kiện kinh doanh', 'Danh sách người hướng dẫn, huấn luyện viên']],
    ['1.001811', 'Đăng cai tổ chức giải thi đấu thể thao thành tích cao cấp địa phương', A.SO_VH_TT, 15, 0, P, ['Văn bản đề nghị đăng cai tổ chức giải', 'Điều lệ giải thi đấu', 'Phương án bảo đảm an ninh, y tế']],
  ]),
  ...family(DU_LICH, [
    ['1.004550', 'Cấp giấy phép kinh doanh dịch vụ lữ hành nội địa', A.SO_DU_LICH, 10, 3000000, F, ['Đơn đề nghị cấp giấy phép kinh doanh dịch vụ lữ hành nội địa', 'Giấy chứng nhận ký quỹ kinh doanh dịch vụ lữ hành', 'Văn bằng của người phụ trách kinh doanh dịch vụ lữ hành']],
    ['1.004551', 'Cấp giấy phép kinh doanh dịch vụ lữ hành quốc tế', A.SO_DU_LICH, 10, 3000000, F, ['Đơn đề nghị cấp giấy phép kinh doanh dịch vụ lữ hành quốc tế', 'Giấy chứng nhận ký quỹ', 'Văn bằng của người phụ trách kinh doanh']],
    ['1.004552', 'Cấp thẻ hướng dẫn viên du lịch nội địa', A.SO_DU_LICH, 10, 650000, F, ['Đơn đề nghị cấp thẻ hướng dẫn viên du lịch', 'Sơ yếu lý lịch', 'Giấy chứng nhận sức khỏe', 'Chứng chỉ nghiệp vụ hướng dẫn du lịch nội địa', 'Ảnh chân dung 3x4 cm']],
    ['1.004553', 'Cấp thẻ hướng dẫn viên du lịch quốc tế', A.SO_DU_LICH, 10, 650000, F, ['Đơn đề nghị cấp thẻ hướng dẫn viên du lịch', 'Chứng chỉ nghiệp vụ hướng dẫn du lịch quốc tế', 'Giấy tờ chứng minh sử dụng thành thạo ngoại ngữ']],
    ['1.004554', 'Công nhận hạng cơ sở lưu trú du lịch hạng 1 sao, 2 sao, 3 sao', A.SO_DU_LICH, 30, 1500000, P, ['Đơn đề nghị công nhận hạng', 'Bản tự đánh giá chất lượng cơ sở lưu trú du lịch', 'Danh sách người quản lý và nhân viên']],
    ['1.004555', 'Cấp đổi thẻ hướng dẫn viên du lịch', A.SO_DU_LICH, 10, 650000, F, ['Đơn đề nghị cấp đổi thẻ', 'Thẻ hướng dẫn viên du lịch đã được cấp']],
  ]),
  ...family(THONG_TIN, [
    ['1.003700', 'Cấp giấy phép xuất bản bản tin', A.SO_KH_CN, 15, 0, P, ['Đơn đề nghị cấp giấy phép xuất bản bản tin', 'Mẫu trình bày tên gọi bản tin']],
    ['1.003701', 'Cấp giấy phép hoạt động in', A.SO_KH_CN, 10, 0, P, ['Đơn đề nghị cấp giấy phép hoạt động in', 'Giấy tờ chứng minh thiết bị in và mặt bằng sản xuất']],
    ['1.003702', 'Đăng ký hoạt động cơ sở in', A.SO_KH_CN, 5, 0, F, ['Tờ khai đăng ký hoạt động cơ sở in', 'Bản sao giấy tờ chứng minh sở hữu thiết bị in']],
    ['1.003703', 'Cấp giấy phép thiết lập trang thông tin điện tử tổng hợp', A.SO_KH_CN, 10, 0, F, ['Đơn đề nghị cấp giấy phép', 'Đề án hoạt động trang thông tin điện tử tổng hợp', 'Văn bản chấp thuận nguồn tin']],
    ['1.003704', 'Cấp Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng', A.P_TAN_DINH, 5, 200000, F, ['Đơn đề nghị cấp Giấy chứng nhận', 'Bản sao Giấy chứng nhận đăng ký kinh doanh', 'Giấy tờ chứng minh địa điểm cách trường học từ 200 m trở lên']],
    ['1.003705', 'Cấp giấy phép nhập khẩu xuất bản phẩm không kinh doanh', A.SO_KH_CN, 10, 0, F, ['Đơn đề nghị cấp giấy phép nhập khẩu xuất bản phẩm', 'Danh mục xuất bản phẩm nhập khẩu']],
  ]),
  ...family(KHOA_HOC, [
    ['1.003750', 'Đăng ký hoạt động khoa học và công nghệ', A.SO_KH_CN, 15, 0, P, ['Đơn đăng ký hoạt động khoa học và công nghệ', 'Quyết định thành lập tổ chức', 'Điều lệ tổ chức khoa học và công nghệ']],
    ['1.003751', 'Cấp Giấy chứng nhận doanh nghiệp khoa học và công nghệ', A.SO_KH_CN, 15, 0, P, ['Đơn đề nghị cấp Giấy chứng nhận', 'Văn bản xác nhận quyền sở hữu kết quả khoa học và công nghệ']],
    ['1.003752', 'Cấp giấy phép tiến hành công việc bức xạ (sử dụng thiết bị X-quang chẩn đoán trong y tế)', A.SO_KH_CN, 15, 2000000, F, ['Đơn đề nghị cấp giấy phép', 'Báo cáo đánh giá an toàn bức xạ', 'Chứng chỉ nhân viên bức xạ của người phụ trách an toàn']],
    ['1.003753', 'Cấp chứng chỉ nhân viên bức xạ', A.SO_KH_CN, 10, 200000, F, ['Đơn đề nghị cấp chứng chỉ', 'Giấy chứng nhận đào tạo an toàn bức xạ', 'Ảnh 3x4 cm']],
    ['1.003754', 'Đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ không sử dụng ngân sách nhà nước', A.SO_KH_CN, 10, 0, F, ['Phiếu đăng ký kết quả thực hiện nhiệm vụ', 'Báo cáo tổng hợp kết quả']],
  ]),
  ...family(MOI_TRUONG, [
    ['1.010728', 'Thẩm định báo cáo đánh giá tác động môi trường', A.SO_NN_MT, 25, 0, P, ['Văn bản đề nghị thẩm định', 'Báo cáo đánh giá tác động môi trường', 'Báo cáo nghiên cứu khả thi của dự án']],
    ['1.010729', 'Cấp đổi, điều chỉnh, cấp lại giấy phép môi trường (cấp tỉnh)', A.SO_NN_MT, 15, 0, P, ['Văn bản đề nghị cấp đổi, điều chỉnh hoặc cấp lại giấy phép môi trường']],
    ['1.010730', 'Đăng ký cấp giấy phép xử lý chất thải nguy hại', A.SO_NN_MT, 30, 0, P, ['Đơn đăng ký cấp giấy phép', 'Báo cáo vận hành thử nghiệm xử lý chất thải']],
  ]),
  ...family(MOI_TRUONG_XA, [
    ['1.010731', 'Đăng ký môi trường', A.P_LINH_TRUNG, 15, 0, F, ['Phiếu đăng ký môi trường (mẫu 47)', 'Thuyết minh công nghệ sản xuất và biện pháp xử lý chất thải']],
    ['1.010732', 'Cấp giấy phép môi trường (cấp xã)', A.P_LINH_TRUNG, 30, 0, P, ['Văn bản đề nghị cấp giấy phép môi trường', 'Báo cáo đề xuất cấp giấy phép môi trường']],
  ]),
  ...family(TAI_NGUYEN_NUOC, [
    ['1.004200', 'Cấp giấy phép khai thác nước dưới đất', A.SO_NN_MT, 30, 1500000, P, ['Đơn đề nghị cấp giấy phép khai thác nước dưới đất', 'Báo cáo kết quả thăm dò hoặc hiện trạng khai thác', 'Kết quả phân tích chất lượng nguồn nước']],
    ['1.004201', 'Cấp giấy phép thăm dò nước dưới đất', A.SO_NN_MT, 30, 1000000, P, ['Đơn đề nghị cấp giấy phép thăm dò', 'Đề án thăm dò nước dưới đất']],
    ['1.004202', 'Cấp giấy phép xả nước thải vào nguồn nước', A.SO_NN_MT, 30, 2000000, P, ['Đơn đề nghị cấp giấy phép xả nước thải', 'Đề án xả nước thải vào nguồn nước', 'Kết quả phân tích chất lượng nước thải']],
    ['1.004203', 'Đăng ký khai thác nước dưới đất (giếng khoan hộ gia đình, cơ sở nhỏ)', A.P_LINH_TRUNG, 10, 0, F, ['Tờ khai đăng ký khai thác nước dưới đất']],
    ['1.004204', 'Gia hạn, điều chỉnh giấy phép khai thác nước dưới đất', A.SO_NN_MT, 25, 750000, P, ['Đơn đề nghị gia hạn, điều chỉnh', 'Báo cáo hiện trạng khai thác nước dưới đất']],
  ]),
  ...family(NONG_NGHIEP, [
    ['1.004350', 'Cấp Giấy chứng nhận đủ điều kiện buôn bán thuốc bảo vệ thực vật', A.SO_NN_MT, 15, 500000, F, ['Đơn đề nghị cấp Giấy chứng nhận', 'Bản thuyết minh điều kiện buôn bán', 'Giấy chứng nhận bồi dưỡng chuyên môn về thuốc bảo vệ thực vật']],
    ['1.004351', 'Cấp Giấy chứng nhận kiểm dịch động vật, sản phẩm động vật vận chuyển ra khỏi địa bàn cấp tỉnh', A.SO_NN_MT, 1, 0, F, ['Đơn đăng ký kiểm dịch']],
    ['1.004352', 'Cấp chứng chỉ hành nghề thú y (tiêm phòng, chữa bệnh, phẫu thuật động vật)', A.SO_NN_MT, 5, 0, F, ['Đơn đề nghị cấp chứng chỉ hành nghề thú y', 'Văn bằng chuyên môn', 'Ảnh 4x6 cm']],
    ['1.004353', 'Cấp Giấy chứng nhận cơ sở an toàn dịch bệnh động vật', A.SO_NN_MT, 15, 0, P, ['Văn bản đề nghị công nhận', 'Báo cáo điều kiện cơ sở chăn nuôi']],
    ['1.004354', 'Kê khai hoạt động chăn nuôi quy mô nhỏ', A.X_BA_DIEM, 1, 0, F, ['Phiếu kê khai hoạt động chăn nuôi']],
    ['1.004355', 'Cấp giấy xác nhận kinh tế trang trại', A.X_BA_DIEM, 5, 0, P, ['Bản kê khai tiêu chí kinh tế trang trại']],
  ]),
  ...family(THUY_LOI, [
    ['1.004400', 'Cấp giấy phép cho các hoạt động trong phạm vi bảo vệ công trình thủy lợi', A.SO_NN_MT, 15, 0, P, ['Đơn đề nghị cấp giấy phép', 'Bản vẽ vị trí, mặt bằng khu vực hoạt động']],
    ['1.004401', 'Đăng ký tàu cá', A.DK_CON_DAO, 3, 0, P, ['Tờ khai đăng ký tàu cá', 'Giấy tờ chứng minh quyền sở hữu tàu cá', 'Biên bản kiểm tra an toàn kỹ thuật tàu cá']],
    ['1.004402', 'Cấp giấy phép khai thác thủy sản', A.DK_CON_DAO, 5, 0, P, ['Đơn đề nghị cấp giấy phép khai thác thủy sản', 'Giấy chứng nhận đăng ký tàu cá']],
  ]),
  ...family(KHIEU_NAI, [
    ['2.002300', 'Giải quyết khiếu nại lần đầu tại cấp tỉnh', A.THANH_TRA, 45, 0, P, []],
    ['2.002301', 'Giải quyết khiếu nại lần hai tại cấp tỉnh', A.THANH_TRA, 60, 0, P, ['Quyết định giải quyết khiếu nại lần đầu']],
    ['2.002302', 'Giải quyết tố cáo tại cấp tỉnh', A.THANH_TRA, 60, 0, P, []],
    ['2.002303', 'Tiếp công dân tại Trụ sở tiếp công dân Thành phố', A.THANH_TRA, 1, 0, P, ['Giấy tờ tùy thân']],
    ['2.002304', 'Giải quyết khiếu nại lần đầu tại cấp xã', A.P_CHANH_HUNG, 30, 0, P, []],
    ['2.002305', 'Giải quyết tố cáo tại cấp xã', A.P_CHANH_HUNG, 30, 0, P, []],
  ]),
  ...family(NGOAI_VU, [
    ['2.002400', 'Cho phép tổ chức hội nghị, hội thảo quốc tế thuộc thẩm quyền của Chủ tịch Ủy ban nhân dân Thành phố', A.SO_NGOAI_VU, 15, 0, P, ['Văn bản đề nghị tổ chức hội nghị, hội thảo quốc tế', 'Đề án tổ chức', 'Danh sách đại biểu nước ngoài']],
    ['2.002401', 'Thủ tục cho phép cán bộ, công chức đi nước ngoài việc riêng', A.SO_NGOAI_VU, 5, 0, P, ['Đơn xin phép đi nước ngoài việc riêng']],
  ]),
  ...family(LUU_TRU, [
    ['2.002500', 'Phục vụ việc sử dụng tài liệu của độc giả tại phòng đọc Lưu trữ lịch sử', A.SO_NOI_VU, 1, 0, P, ['Phiếu yêu cầu đọc tài liệu', 'Giấy giới thiệu hoặc văn bản đề nghị (đối với cơ quan, tổ chức)']],
    ['2.002501', 'Cấp bản sao và chứng thực tài liệu lưu trữ', A.SO_NOI_VU, 3, 0, P, ['Phiếu yêu cầu sao tài liệu']],
    ['2.002502', 'Cấp chứng chỉ hành nghề lưu trữ', A.SO_NOI_VU, 15, 0, P, ['Đơn đề nghị cấp chứng chỉ hành nghề lưu trữ', 'Văn bằng chuyên môn', 'Giấy xác nhận thời gian làm việc về lưu trữ']],
  ]),
];


/** The whole demo catalogue: the dossier seed's procedures first, then the families above. */
export const CATALOGUE_PROCEDURES: readonly CatalogueProcedureSeed[] = [...FROM_DOSSIER_SEED, ...WRITTEN];
