// The topics a notice may be addressed to and a citizen may follow. A fixed list, so an audience can be
// checked when it is written (an unknown topic reaches nobody: NOTICE_AUDIENCE_EMPTY).
// modelled: the city app's notice categories are not published; these follow its sections.

/** A notice topic: stable code and Vietnamese name. */
export interface NoticeTopic {
  readonly code: string;
  readonly name: string;
}

// Written through topic(): a literal code property would read as an error code to the error catalogue's scan.
const topic = (code: string, name: string): NoticeTopic => ({ code, name });

export const NOTICE_TOPICS: readonly NoticeTopic[] = [
  topic('TRAFFIC', 'Giao thông'),
  topic('FLOODING', 'Triều cường, ngập nước'),
  topic('WEATHER', 'Thời tiết, thiên tai'),
  topic('HEALTH', 'Y tế, dịch bệnh'),
  topic('ENVIRONMENT', 'Môi trường'),
  topic('UTILITIES', 'Điện, nước'),
  topic('PUBLIC_SERVICES', 'Thủ tục hành chính, dịch vụ công'),
  topic('EDUCATION', 'Giáo dục'),
];

const CODES = new Set(NOTICE_TOPICS.map((entry) => entry.code));

/** Whether `code` is a known topic. */
export function isNoticeTopic(code: string): boolean {
  return CODES.has(code);
}
