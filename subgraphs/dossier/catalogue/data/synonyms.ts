// The synonym table of the catalogue's search: abbreviations, colloquial names and old names that
// citizens and operators use for what the national procedure database calls otherwise. Plain data, in
// Vietnamese as people write it; the search folds both sides (search/normalize.ts) and rewrites every
// variant into its canonical words, in questions and in the catalogue alike (search/synonyms.ts).
//
// What belongs here: a wording that many people use for one thing ("sổ đỏ" for the land-use right
// certificate), never a phrase taken from one expected question. Keep each group to one meaning; a
// variant that can mean two things (the bare word "hộ khẩu"; "nhập khẩu", which is also "import") is left out.

/** One meaning: the catalogue's words for it and the other ways people say it. */
export interface SynonymGroup {
  /** The wording the catalogue itself uses. */
  readonly canonical: string;
  readonly variants: readonly string[];
}

export const SYNONYMS: readonly SynonymGroup[] = [
  // Abbreviations used in forms, counters and chat.
  { canonical: 'căn cước công dân', variants: ['CCCD'] },
  { canonical: 'chứng minh nhân dân', variants: ['CMND', 'CMT', 'chứng minh thư'] },
  { canonical: 'giấy phép xây dựng', variants: ['GPXD', 'giấy phép xd', 'xin phép xây dựng'] },
  { canonical: 'giấy phép lái xe', variants: ['GPLX', 'bằng lái xe', 'bằng lái'] },
  { canonical: 'giấy phép kinh doanh', variants: ['GPKD'] },
  { canonical: 'đăng ký kinh doanh', variants: ['ĐKKD', 'DKKD'] },
  { canonical: 'hộ kinh doanh', variants: ['HKD', 'hộ cá thể', 'hộ kinh doanh cá thể'] },
  { canonical: 'quyền sử dụng đất', variants: ['QSDĐ', 'QSD đất'] },
  { canonical: 'giấy chứng nhận', variants: ['GCN'] },
  { canonical: 'ủy ban nhân dân', variants: ['UBND', 'ủy ban'] },
  { canonical: 'bảo hiểm xã hội', variants: ['BHXH'] },
  { canonical: 'bảo hiểm y tế', variants: ['BHYT'] },
  { canonical: 'bảo hiểm thất nghiệp', variants: ['BHTN'] },
  { canonical: 'lý lịch tư pháp', variants: ['LLTP'] },
  { canonical: 'phòng cháy chữa cháy', variants: ['PCCC'] },
  { canonical: 'an toàn thực phẩm', variants: ['ATTP', 'ATVSTP', 'vệ sinh an toàn thực phẩm'] },
  { canonical: 'trung học phổ thông', variants: ['THPT', 'cấp 3', 'cấp ba'] },
  { canonical: 'trung học cơ sở', variants: ['THCS', 'cấp 2', 'cấp hai'] },
  { canonical: 'tiểu học', variants: ['cấp 1', 'cấp một'] },
  { canonical: 'bất động sản', variants: ['BĐS'] },
  { canonical: 'trách nhiệm hữu hạn', variants: ['TNHH'] },
  { canonical: 'dịch vụ công', variants: ['DVC'] },
  { canonical: 'xuất nhập cảnh', variants: ['XNC'] },
  // Colloquial and old names.
  { canonical: 'giấy chứng nhận quyền sử dụng đất', variants: ['sổ đỏ', 'sổ hồng', 'bìa đỏ', 'bìa hồng', 'giấy đỏ'] },
  { canonical: 'đăng ký thường trú', variants: ['nhập hộ khẩu', 'chuyển hộ khẩu', 'đăng ký hộ khẩu'] },
  { canonical: 'xóa đăng ký thường trú', variants: ['cắt hộ khẩu', 'cắt khẩu', 'xóa hộ khẩu'] },
  { canonical: 'tách hộ', variants: ['tách hộ khẩu', 'tách khẩu'] },
  { canonical: 'chứng nhận đăng ký xe', variants: ['cà vẹt', 'cavet', 'cà vẹt xe', 'giấy đăng ký xe'] },
  { canonical: 'hộ chiếu', variants: ['passport'] },
  { canonical: 'thị thực', variants: ['visa'] },
  { canonical: 'giấy phép lao động', variants: ['work permit'] },
  { canonical: 'khai tử', variants: ['giấy chứng tử', 'chứng tử', 'báo tử'] },
  { canonical: 'xác nhận tình trạng hôn nhân', variants: ['xác nhận độc thân', 'giấy độc thân', 'giấy xác nhận độc thân'] },
  { canonical: 'kết hôn', variants: ['cưới', 'cưới vợ', 'cưới chồng', 'lấy vợ', 'lấy chồng', 'đăng ký cưới'] },
  { canonical: 'chứng thực bản sao', variants: ['photo công chứng', 'sao y', 'sao y bản chính', 'bản sao công chứng'] },
  { canonical: 'cấp lại', variants: ['làm lại', 'xin lại'] },
  { canonical: 'cấp', variants: ['xin cấp'] },
  { canonical: 'trực tuyến', variants: ['online', 'qua mạng', 'trên mạng'] },
  { canonical: 'người cao tuổi', variants: ['người già', 'người lớn tuổi'] },
  { canonical: 'nhà ở riêng lẻ', variants: ['nhà phố', 'nhà riêng', 'nhà dân'] },
  { canonical: 'xây dựng nhà ở', variants: ['xây nhà', 'cất nhà'] },
  { canonical: 'sửa chữa nhà ở', variants: ['sửa nhà'] },
  { canonical: 'văn bằng tốt nghiệp', variants: ['bằng tốt nghiệp'] },
  { canonical: 'hưởng bảo hiểm xã hội một lần', variants: ['rút bảo hiểm xã hội', 'rút bảo hiểm'] },
  { canonical: 'thuê nhà', variants: ['thuê trọ', 'nhà trọ', 'phòng trọ'] },
  { canonical: 'định danh điện tử', variants: ['tài khoản VNeID', 'định danh mức 2'] },
  { canonical: 'khám bệnh, chữa bệnh', variants: ['khám chữa bệnh'] },
];
