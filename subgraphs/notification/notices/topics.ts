// The topics a notice may be addressed to and a citizen may follow. A fixed list, so an audience can be
// checked when it is written (an unknown topic reaches nobody: NOTICE_AUDIENCE_EMPTY).
// modelled: the city app's notice categories are not published; these follow its sections.

/** A notice topic: stable code and Vietnamese name. */
export interface NoticeTopic {
  readonly code: string;
  readonly name: string;
}

export const NOTICE_TOPICS: readonly NoticeTopic[] = [
  { code: 'TRAFFIC', name: 'Giao thông' },
  { code: 'FLOODING', name: 'Triều cường, ngập nước' },
  { code: 'WEATHER', name: 'Thời tiết, thiên tai' },
  { code: 'HEALTH', name: 'Y tế, dịch bệnh' },
  { code: 'ENVIRONMENT', name: 'Môi trường' },
  { code: 'UTILITIES', name: 'Điện, nước' },
  { code: 'PUBLIC_SERVICES', name: 'Thủ tục hành chính, dịch vụ công' },
  { code: 'EDUCATION', name: 'Giáo dục' },
];

const CODES = new Set(NOTICE_TOPICS.map((topic) => topic.code));

/** Whether `code` is a known topic. */
export function isNoticeTopic(code: string): boolean {
  return CODES.has(code);
}
