// Words that carry the shape of a question, not its subject ("tôi muốn hỏi … ở đâu, mất bao lâu?"):
// they neither make a source match nor count against it. Listed with their diacritics, because folded
// they often collide with subject words ("bao" in "bao lâu" is "bảo" in "bảo hiểm"; "có" is "cơ" in
// "cơ sở"): a word typed without diacritics is a stop word only when nothing in the catalogue folds to
// the same syllable (the index decides that, search/engine.ts).
export const STOPWORDS: ReadonlySet<string> = new Set([
  // who asks
  'tôi',
  'tui',
  'mình',
  'em',
  'anh',
  'chị',
  'bạn',
  'ơi',
  'ạ',
  'à',
  'nhé',
  'nha',
  'vậy',
  // how they ask
  'cho',
  'hỏi',
  'xin',
  'giúp',
  'muốn',
  'cần',
  'phải',
  'được',
  'đc',
  'có',
  'không',
  'ko',
  'k',
  'làm',
  'thế',
  'nào',
  'sao',
  'gì',
  'ở',
  'đâu',
  'bao',
  'lâu',
  'nhiêu',
  'mấy',
  'ai',
  'khi',
  'thì',
  'là',
  'mà',
  'nếu',
  'còn',
  'cũng',
  'nhưng',
  'bị',
  'đã',
  'đang',
  'sẽ',
  'rồi',
  'nên',
  'hay',
  'hoặc',
  // glue in names and questions
  'của',
  'với',
  'và',
  'để',
  'như',
  'này',
  'những',
  'các',
  'về',
  'tại',
  'theo',
  'từ',
  'trong',
  'trên',
  'đối',
  'việc',
  'thủ',
  'tục',
]);

/**
 * Words that make a procedure a variant of another one: the action (cấp lại, gia hạn, điều chỉnh, tạm
 * dừng, thu hồi …) or the case (có yếu tố nước ngoài, lưu động, bị mất). A title with one the question
 * does not ask for is about something else than what was asked ("giấy phép lao động" is the first
 * permit, not its renewal), so the search counts it against the title more than an ordinary word.
 * Single syllables with their diacritics ("lại", not "lái"); pairs folded.
 */
export const QUALIFIER_SYLLABLES: ReadonlySet<string> = new Set(['lại', 'đổi', 'xóa', 'hủy', 'mất']);
export const QUALIFIER_PAIRS: ReadonlySet<string> = new Set(['gia han', 'dieu chinh', 'tam dung', 'tam ngung', 'cham dut', 'thu hoi', 'di doi', 'dinh chinh', 'luu dong', 'nuoc ngoai', 'sua doi']);

/**
 * Words that mark a procedure as the default case of its family: "cấp … mới", "… lần đầu". A question
 * that names no action means that case, so these never count against a title the question does not
 * repeat them for.
 */
export const DEFAULT_CASE_SYLLABLES: ReadonlySet<string> = new Set(['mới']);
export const DEFAULT_CASE_PAIRS: ReadonlySet<string> = new Set(['lan dau']);
