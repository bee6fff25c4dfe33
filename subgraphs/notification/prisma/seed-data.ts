// Demo seed data for the notification subgraph: official notices, the demo citizens' inbox messages
// (referring to their dossiers and feedback items in the other subgraphs' seed data) and their
// channel preferences. Plain data, no database code. Citizens are keyed by their subject in
// auth/demo-realm.ts; messages never carry an ID number (CCCD) or a phone number.

/** An official notice from the city, to everyone or to one ward. */
export interface NoticeSeed {
  title: string;
  body: string;
  kind: 'NEWS' | 'POLICY' | 'EMERGENCY';
  audience: 'ALL' | 'WARDS';
  /** Ward codes (subgraphs/kit/reference/wards.ts) when audience is 'WARDS'. */
  wardCodes?: readonly string[];
  /** ISO 8601 with +07:00; the notice is valid from then. */
  publishedAt: string;
  /** ISO 8601 with +07:00: the end of its validity (none: until withdrawn). */
  validUntil?: string;
}

/** A message in one citizen's inbox. */
export interface MessageSeed {
  recipientSub: string;
  title: string;
  body: string;
  kind: 'DOSSIER_RECEIVED' | 'DOSSIER_SUPPLEMENT' | 'DOSSIER_RESULT' | 'DOSSIER_LATE_APOLOGY' | 'FEEDBACK_ROUTED' | 'FEEDBACK_RESOLVED' | 'NOTICE';
  read: boolean;
  /** ISO 8601 with +07:00. */
  createdAt: string;
  /** A dossier or feedback code the message is about. */
  link?: string;
}

/** A citizen's delivery channels. */
export interface PreferenceSeed {
  citizenSub: string;
  inApp: boolean;
  sms: boolean;
  email: boolean;
  zalo: boolean;
  /** Wards whose notices the citizen's feed shows. */
  wardCodes?: readonly string[];
  /** Notice topics the citizen follows (notices/topics.ts). */
  topics?: readonly string[];
}

// Demo citizens (auth/demo-realm.ts).
const AN = '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e501'; // an.nguyen
const BINH = '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e502'; // binh.tran
const CUONG = '5f0d3c1e-2a4b-4c6d-8e9f-a1b2c3d4e503'; // cuong.le

// modelled: the notices (topics typical of the city's announcements; dates, figures and wording ours).
export const NOTICES: readonly NoticeSeed[] = [
  {
    title: 'Cảnh báo triều cường đạt đỉnh từ ngày 25 đến 28/10/2026',
    body:
      'Theo dự báo, triều cường tại trạm Phú An đạt đỉnh khoảng 1,70–1,75 m vào chiều tối các ngày 25–28/10/2026, có thể gây ngập ' +
      'các tuyến đường thấp trũng như Hải Thượng Lãn Ông, Lương Nhữ Học, Phùng Hưng. Người dân chủ động kê cao tài sản, ' +
      'hạn chế di chuyển qua khu vực ngập từ 17 giờ đến 21 giờ, không để trẻ em chơi gần cống, kênh rạch. ' +
      'Khi cần hỗ trợ, gọi tổng đài 1022 hoặc liên hệ Ủy ban nhân dân phường.',
    kind: 'EMERGENCY',
    audience: 'WARDS',
    wardCodes: ['P-CHO-LON'],
    publishedAt: '2026-10-23T16:00:00+07:00',
    validUntil: '2026-10-29T00:00:00+07:00',
  },
  {
    title: 'Tiếp tục giảm 50% lệ phí khi nộp hồ sơ trực tuyến',
    body:
      'Người dân, doanh nghiệp nộp hồ sơ thủ tục hành chính qua Cổng Dịch vụ công quốc gia hoặc Cổng dịch vụ công TP.HCM tiếp tục ' +
      'được giảm 50% mức lệ phí đối với các thủ tục áp dụng, đồng thời được thanh toán trực tuyến và nhận kết quả điện tử. ' +
      'Danh mục thủ tục được giảm phí được công khai trên Cổng dịch vụ công.',
    kind: 'POLICY',
    audience: 'ALL',
    publishedAt: '2026-10-01T08:00:00+07:00',
  },
  {
    title: 'Chủ động phòng chống sốt xuất huyết trong mùa mưa',
    body:
      'Sở Y tế TP.HCM ghi nhận số ca sốt xuất huyết tăng trong các tuần gần đây. Đề nghị người dân mỗi tuần dành 10 phút diệt lăng quăng, ' +
      'đậy kín dụng cụ chứa nước, thu gom vật dụng phế thải đọng nước; khi sốt cao liên tục từ 2 ngày trở lên cần đến cơ sở y tế gần nhất, ' +
      'không tự ý truyền dịch tại nhà.',
    kind: 'NEWS',
    audience: 'ALL',
    publishedAt: '2026-10-08T09:30:00+07:00',
  },
  {
    title: 'Thông báo bảo vệ dữ liệu cá nhân khi gửi phản ánh, kiến nghị',
    body:
      'Thực hiện Luật Bảo vệ dữ liệu cá nhân (Luật số 91/2025/QH15), thông tin cá nhân của người phản ánh chỉ được dùng để xử lý ' +
      'phản ánh và phản hồi kết quả; thông tin công khai trên Cổng 1022 không kèm họ tên, số định danh, số điện thoại hay vị trí nhà riêng. ' +
      'Người dân có thể chọn gửi ẩn danh hoặc không công khai nội dung phản ánh.',
    kind: 'POLICY',
    audience: 'ALL',
    publishedAt: '2026-10-15T10:00:00+07:00',
  },
  {
    title: 'Tổng đài 1022 tiếp nhận phản ánh qua Zalo, Facebook và Viber',
    body:
      'Ngoài điện thoại, tin nhắn, thư điện tử, Cổng thông tin và ứng dụng Công dân số, người dân có thể gửi phản ánh qua tài khoản ' +
      'Zalo OA, trang Facebook và kênh Viber chính thức của Tổng đài 1022. Phản ánh qua mọi kênh được theo dõi tiến độ trên cùng một mã số.',
    kind: 'NEWS',
    audience: 'ALL',
    publishedAt: '2026-11-02T08:00:00+07:00',
  },
  {
    title: 'Cảnh báo mưa lớn, gió giật mạnh do ảnh hưởng áp thấp nhiệt đới',
    body:
      'Từ chiều 06/11 đến hết ngày 08/11/2026, TP.HCM có mưa vừa đến mưa to, có nơi trên 100 mm, kèm dông và gió giật mạnh. ' +
      'Người dân không trú mưa dưới cây xanh lớn, biển quảng cáo; tránh các tuyến đường ngập sâu; kiểm tra, gia cố nhà ở. ' +
      'Phản ánh cây ngã, ngập nước, sự cố điện qua tổng đài 1022 để được xử lý khẩn.',
    kind: 'EMERGENCY',
    audience: 'ALL',
    publishedAt: '2026-11-06T11:00:00+07:00',
  },
  {
    title: 'Tạm ngưng các chuyến tàu cao tốc ra Côn Đảo do sóng lớn',
    body:
      'Do ảnh hưởng của áp thấp nhiệt đới, biển động mạnh, các chuyến tàu cao tốc giữa Côn Đảo và đất liền tạm ngưng từ ngày 06/11/2026 ' +
      'cho đến khi có thông báo mới. Người dân và du khách theo dõi thông tin từ Ủy ban nhân dân đặc khu và các hãng tàu.',
    kind: 'NEWS',
    audience: 'WARDS',
    wardCodes: ['DK-CON-DAO'],
    publishedAt: '2026-11-06T14:30:00+07:00',
  },
  {
    title: 'Phân luồng giao thông quanh khu vực chợ Bến Thành',
    body:
      'Để phục vụ thi công cải tạo vỉa hè, từ 22 giờ ngày 16/11 đến 5 giờ ngày 30/11/2026, phương tiện lưu thông trên đường Lê Lợi ' +
      '(đoạn Pasteur – Quách Thị Trang) đi theo hướng dẫn của biển báo; xe buýt các tuyến qua trạm chợ Bến Thành điều chỉnh điểm dừng tạm.',
    kind: 'NEWS',
    audience: 'WARDS',
    wardCodes: ['P-BEN-THANH'],
    publishedAt: '2026-11-13T15:00:00+07:00',
  },
  {
    title: 'Lịch tiếp nhận hồ sơ dịp Tết Nguyên đán Đinh Mùi 2027',
    body:
      'Bộ phận Một cửa các cơ quan, đơn vị nghỉ Tết theo lịch nghỉ chính thức của cán bộ, công chức; lịch cụ thể sẽ được thông báo sau khi ' +
      'phương án nghỉ Tết được phê duyệt. Trong thời gian nghỉ, Cổng dịch vụ công vẫn tiếp nhận hồ sơ trực tuyến; thời hạn giải quyết ' +
      'được tính từ ngày làm việc đầu tiên sau Tết. Tổng đài 1022 hoạt động 24/7 cả trong dịp Tết.',
    kind: 'NEWS',
    audience: 'ALL',
    publishedAt: '2026-11-25T09:00:00+07:00',
  },
];

// modelled: the inbox messages, matching the dossiers and feedback items in
// subgraphs/dossier/prisma/seed-data.ts and subgraphs/feedback/prisma/seed-data.ts.
export const MESSAGES: readonly MessageSeed[] = [
  // — an.nguyen
  {
    recipientSub: AN,
    title: 'Phiếu lý lịch tư pháp đã có kết quả',
    body:
      'Hồ sơ 000.00.12.H29-260915-0187 (Cấp Phiếu lý lịch tư pháp) đã giải quyết xong. Ông/bà nhận kết quả điện tử trên Cổng dịch vụ công ' +
      'hoặc nhận bản giấy tại Sở Tư pháp theo hình thức đã đăng ký.',
    kind: 'DOSSIER_RESULT',
    read: true,
    createdAt: '2026-09-25T15:31:00+07:00',
    link: '000.00.12.H29-260915-0187',
  },
  {
    recipientSub: AN,
    title: 'Thư xin lỗi: hồ sơ đăng ký biến động đất đai trễ hẹn',
    body:
      'Văn phòng Đăng ký đất đai TP.HCM chân thành xin lỗi ông/bà vì hồ sơ 000.00.15.H29-261005-0942 chưa có kết quả đúng ngày hẹn ' +
      '19/10/2026 do cần thêm thời gian đối soát dữ liệu địa chính. Ngày hẹn trả kết quả mới: 23/10/2026.',
    kind: 'DOSSIER_LATE_APOLOGY',
    read: true,
    createdAt: '2026-10-19T16:30:00+07:00',
    link: '000.00.15.H29-261005-0942',
  },
  {
    recipientSub: AN,
    title: 'Phản ánh của bạn đã được giải quyết',
    body: 'Phản ánh PHA261000483917 (ổ gà trên đường Lê Lợi) đã được Sở Xây dựng xử lý. Mời bạn xem kết quả và đánh giá mức độ hài lòng.',
    kind: 'FEEDBACK_RESOLVED',
    read: true,
    createdAt: '2026-10-07T08:10:00+07:00',
    link: 'PHA261000483917',
  },
  {
    recipientSub: AN,
    title: 'Phản ánh đã được chuyển đơn vị xử lý',
    body: 'Phản ánh PHA261100216584 (đèn đường hỏng trên đường Hai Bà Trưng) đã được chuyển đến Công ty Chiếu sáng công cộng TP.HCM.',
    kind: 'FEEDBACK_ROUTED',
    read: false,
    createdAt: '2026-11-09T19:40:00+07:00',
    link: 'PHA261100216584',
  },
  {
    recipientSub: AN,
    title: 'Yêu cầu bổ sung hồ sơ đăng ký thường trú',
    body:
      'Hồ sơ 000.00.30.H29-261110-1318 cần bổ sung văn bản đồng ý của chủ hộ và hợp đồng cho ở nhờ hoặc thuê nhà đã công chứng, chứng thực. ' +
      'Vui lòng bổ sung trực tuyến trên Cổng dịch vụ công; thời hạn giải quyết tính lại từ ngày nhận đủ hồ sơ.',
    kind: 'DOSSIER_SUPPLEMENT',
    read: false,
    createdAt: '2026-11-12T10:05:00+07:00',
    link: '000.00.30.H29-261110-1318',
  },
  // — binh.tran
  {
    recipientSub: BINH,
    title: 'Phản ánh ngập nước đã có kết quả',
    body: 'Phản ánh PHA261000618243 (ngập nước trên đường Hải Thượng Lãn Ông) đã được Công ty Thoát nước đô thị xử lý: nạo vét cống, ' + 'thay lưới chắn rác. Cảm ơn bạn đã đồng hành cùng thành phố.',
    kind: 'FEEDBACK_RESOLVED',
    read: true,
    createdAt: '2026-10-19T09:00:00+07:00',
    link: 'PHA261000618243',
  },
  {
    recipientSub: BINH,
    title: 'Giấy chứng nhận đăng ký hộ kinh doanh đã sẵn sàng',
    body: 'Hồ sơ 000.05.03.H29-261019-0233 (Đăng ký thành lập hộ kinh doanh) đã có kết quả. Bạn có thể tải bản điện tử hoặc nhận bản giấy ' + 'tại Bộ phận Một cửa Ủy ban nhân dân phường Chợ Lớn.',
    kind: 'DOSSIER_RESULT',
    read: true,
    createdAt: '2026-10-22T09:16:00+07:00',
    link: '000.05.03.H29-261019-0233',
  },
  {
    recipientSub: BINH,
    title: 'Cảnh báo triều cường khu vực phường Chợ Lớn',
    body: 'Triều cường dự báo đạt đỉnh vào chiều tối các ngày 25–28/10/2026. Hạn chế di chuyển qua các tuyến đường thấp trũng từ 17 giờ đến 21 giờ.',
    kind: 'NOTICE',
    read: true,
    createdAt: '2026-10-23T16:01:00+07:00',
  },
  {
    recipientSub: BINH,
    title: 'Phản ánh mất nước đã được chuyển đơn vị xử lý',
    body: 'Phản ánh PHA261100074925 (mất nước sinh hoạt) đã được chuyển đến Tổng Công ty Cấp nước Sài Gòn để xử lý khẩn.',
    kind: 'FEEDBACK_ROUTED',
    read: false,
    createdAt: '2026-11-04T08:25:00+07:00',
    link: 'PHA261100074925',
  },
  // — cuong.le
  {
    recipientSub: CUONG,
    title: 'Kết quả hồ sơ cấp chứng chỉ hành nghề dược',
    body: 'Hồ sơ 000.00.17.H29-260921-0512 không được chấp thuận do chưa đủ thời gian thực hành chuyên môn theo quy định. ' + 'Văn bản trả lời nêu rõ lý do được đính kèm trên Cổng dịch vụ công.',
    kind: 'DOSSIER_RESULT',
    read: true,
    createdAt: '2026-10-14T16:05:00+07:00',
    link: '000.00.17.H29-260921-0512',
  },
  {
    recipientSub: CUONG,
    title: 'Phản ánh đã được chuyển đơn vị xử lý',
    body: 'Phản ánh PHA261000947316 (công trình xây dựng không che chắn) đã được chuyển đến Ủy ban nhân dân phường Gò Vấp.',
    kind: 'FEEDBACK_ROUTED',
    read: true,
    createdAt: '2026-10-27T10:20:00+07:00',
    link: 'PHA261000947316',
  },
  {
    recipientSub: CUONG,
    title: 'Đã tiếp nhận hồ sơ cấp giấy phép xây dựng',
    body: 'Hồ sơ 000.12.03.H29-261109-0148 (Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ) đã được tiếp nhận. Ngày hẹn trả kết quả: 30/11/2026.',
    kind: 'DOSSIER_RECEIVED',
    read: true,
    createdAt: '2026-11-09T09:50:00+07:00',
    link: '000.12.03.H29-261109-0148',
  },
  {
    recipientSub: CUONG,
    title: 'Phản ánh về rác thải đã được chuyển đơn vị xử lý',
    body: 'Phản ánh PHA261100562087 (rác thải tồn đọng ven kênh) đã được chuyển đến Sở Nông nghiệp và Môi trường TP.HCM.',
    kind: 'FEEDBACK_ROUTED',
    read: false,
    createdAt: '2026-11-12T09:55:00+07:00',
    link: 'PHA261100562087',
  },
];

// modelled: each demo citizen's channel choices (in-app always on).
export const PREFERENCES: readonly PreferenceSeed[] = [
  { citizenSub: AN, inApp: true, sms: false, email: true, zalo: true, wardCodes: ['P-BEN-THANH'], topics: ['TRAFFIC'] },
  { citizenSub: BINH, inApp: true, sms: true, email: false, zalo: true },
  { citizenSub: CUONG, inApp: true, sms: true, email: true, zalo: false },
];
