// From a channel message to what intake needs: a title, the content, a category and a point.
// A message may name its category with a hashtag (#giaothong, #cap_nuoc, #ngapnuoc…) and its place with
// a shared location, a map link or a "lat, lng" pair; otherwise the configured defaults apply.
import { createHash } from 'node:crypto';
import { decodeUtf8, findInputViolation } from '../../../../platform/input-bounds.ts';
import { inJurisdiction } from '../../../kit/geo/ward-boundaries.ts';

/** One user message from any channel, before it becomes a feedback item. */
export interface InboundMessage {
  readonly channel: 'EMAIL' | 'ZALO' | 'FACEBOOK' | 'VIBER';
  /** The platform's id for the message: the idempotency key of its item. */
  readonly messageId: string;
  readonly text: string;
  /** E-mail subject. */
  readonly subject?: string | undefined;
  /** A shared location, when the platform sent one. */
  readonly location?: { readonly lat: number; readonly lng: number } | undefined;
  /** Who sent it (personal data: stored apart for staff, never logged). */
  readonly sender: { readonly platformId?: string | undefined; readonly name?: string | undefined; readonly email?: string | undefined };
}

/** What a delivery holds: user messages, and how many other events (receipts, seen…) were skipped. */
export interface ParsedDelivery {
  readonly messages: InboundMessage[];
  readonly ignored: number;
}

/** A body that is not the platform's format (BAD_REQUEST), or breaks the input bounds (BAD_USER_INPUT for U+0000). */
export class PayloadError extends Error {
  readonly code: 'BAD_REQUEST' | 'BAD_USER_INPUT';
  constructor(message: string, code: 'BAD_REQUEST' | 'BAD_USER_INPUT' = 'BAD_REQUEST') {
    super(message);
    this.code = code;
  }
}

const TITLE_LENGTH = 60;
const CONTENT_MAX = 5000;
/** Shorter than intake's minimum content: a greeting or a sticker caption, not a report. */
export const CONTENT_MIN = 10;

/** A coordinate sent as a number or a numeric string (Zalo sends strings). */
export function coordinate(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
  return Number.isFinite(number) ? number : undefined;
}

/** Text without control characters (tabs and line breaks kept), its lines trimmed of trailing space. */
export function cleanText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/[ \t]+\n/g, '\n')
    .trim();
}

/** Cut `text` at `max` characters, on a word boundary when one is near, with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A title from the message: its first sentence (or line), at most 60 characters. */
export function deriveTitle(text: string): string {
  const withoutTags = text
    .replace(/#[\p{L}\p{N}_]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const first = withoutTags.split(/(?<=[.!?…])\s|\n/u)[0]?.trim() ?? '';
  const title = first.length >= 5 ? first : withoutTags;
  return truncate(title, TITLE_LENGTH);
}

/** The content intake stores: the message, at most 5000 characters. */
export function deriveContent(text: string): string {
  return truncate(text, CONTENT_MAX);
}

/** Lower-case ASCII letters and digits only: "Thoát nước – ngập nước" → "thoatnuocngapnuoc". */
export function keyword(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * The hashtags that name each category: its code ("#giaothong", "#giao_thong") and each part of its
 * name ("Thoát nước – ngập nước" → "#thoatnuoc", "#ngapnuoc").
 */
export function categoryKeywords(categories: readonly { code: string; name: string }[]): Map<string, string> {
  const keywords = new Map<string, string>();
  for (const category of categories) {
    keywords.set(keyword(category.code), category.code);
    for (const part of category.name.split(/[–—\-/,]/)) {
      const word = keyword(part);
      if (word.length >= 3 && !keywords.has(word)) keywords.set(word, category.code);
    }
  }
  return keywords;
}

/** The category named by the first hashtag of `text` that names one. */
export function categoryFromHashtags(text: string, keywords: ReadonlyMap<string, string>): string | undefined {
  for (const match of text.matchAll(/#([\p{L}\p{N}_]+)/gu)) {
    const code = keywords.get(keyword(match[1] as string));
    if (code !== undefined) return code;
  }
  return undefined;
}

/**
 * A point written in the text: a map link (…@10.77,106.69… or …q=10.77,106.69…) or a decimal pair
 * ("10.7725, 106.698") with at least three decimals, inside the city's wards (a point elsewhere is no usable point: the message waits to be located).
 */
export function locationFromText(text: string): { lat: number; lng: number } | undefined {
  const patterns = [/[@=](-?\d{1,2}\.\d{3,}),\s*(-?\d{2,3}\.\d{3,})/g, /(?<![\d.])(\d{1,2}\.\d{3,})\s*[,;]\s*(\d{2,3}\.\d{3,})(?![\d.])/g];
  for (const pattern of patterns) {
    for (const match of text.matchAll(pattern)) {
      const lat = Number(match[1]);
      const lng = Number(match[2]);
      if (inJurisdiction(lat, lng)) return { lat, lng };
    }
  }
  return undefined;
}

/**
 * Parse a JSON body, keeping integers too large for a double as their exact digits (Viber's
 * message_token is a 64-bit number). Throws PayloadError when the bytes are not UTF-8 or not JSON, or
 * break the hub's input bounds (nesting, U+0000): the same checks the shared server makes on JSON bodies
 * it parses itself, made here because a signed body is kept as bytes until its signature is checked.
 */
export function parseJson(raw: Buffer | string): unknown {
  const text = typeof raw === 'string' ? raw : decodeUtf8(raw);
  if (text === undefined) throw new PayloadError('The body is not valid UTF-8.');
  let plain: unknown;
  try {
    plain = JSON.parse(text);
  } catch {
    throw new PayloadError('The body is not JSON.');
  }
  const violation = findInputViolation(plain, 'body', undefined, 'The field');
  if (violation) throw new PayloadError(violation.message, violation.code);
  // JSON.parse with a reviver recurses, so it runs only on bounded input, and only when a long integer may need it.
  if (!/\d{16}/.test(text)) return plain;
  const reviver = (_key: string, value: unknown, context?: { source?: string }) =>
    typeof value === 'number' && !Number.isSafeInteger(value) && context?.source !== undefined && /^-?\d+$/.test(context.source) ? context.source : value;
  return (JSON.parse as (text: string, reviver: (key: string, value: unknown, context?: { source?: string }) => unknown) => unknown)(text, reviver);
}

/**
 * An idempotency key from a platform id: as is when it is 1–200 printable ASCII characters, otherwise
 * (an e-mail Message-ID with odd characters, say) its SHA-256.
 */
export function idempotencyKeyOf(id: string): string {
  return /^[\x21-\x7e]{1,200}$/.test(id) ? id : `sha256:${createHash('sha256').update(id).digest('base64url')}`;
}

/** A plain object, or undefined. */
export function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** A non-empty string, or undefined. */
export function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim().length > 0 ? value : undefined;
}

/** An id sent as a string or a number. */
export function id(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim().length > 0) return value.trim();
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  return undefined;
}
