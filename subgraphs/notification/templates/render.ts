// Template text with named placeholders (`{{code}}`), checked when a template is saved (every
// placeholder must be one its event kind offers) and when it is rendered (every placeholder must have a
// value: a missing one is TEMPLATE_PLACEHOLDER_MISSING, never an empty string). HTML parts escape values.
// SMS length follows GSM 03.38: text entirely in the GSM-7 alphabet takes 160 characters in one segment
// (153 per segment when split); anything else — Vietnamese with its diacritics — is UCS-2: 70 (67).
import { codedError } from '../../../schema/errors.ts';
import { escapeHtml } from '../../../platform/html.ts';

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;
// A brace pair that is not a well-formed placeholder (`{{ 1x }}`, `{{code`): refused, not sent as is.
const STRAY = /\{\{|\}\}/;

/** The placeholder names a text uses, in order of first use. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[1] as string))];
}

/** Refuse a text with a placeholder outside `allowed`, or braces that are not a placeholder. */
export function checkPlaceholders(text: string, allowed: ReadonlySet<string>, field: string): void {
  const unknown = placeholdersOf(text).filter((name) => !allowed.has(name));
  if (unknown.length > 0) {
    throw codedError('TEMPLATE_PLACEHOLDER_UNKNOWN', `Unknown placeholders in ${field}: ${unknown.join(', ')}.`, { field, unknown, allowed: [...allowed].sort() });
  }
  if (STRAY.test(text.replace(PLACEHOLDER, ''))) throw codedError('TEMPLATE_PLACEHOLDER_UNKNOWN', `${field} has braces that are not a {{placeholder}}.`, { field, unknown: [] });
}

/** Values for a render; absent and null are both missing. */
export type TemplateValues = Readonly<Record<string, string | number | null | undefined>>;

/** Fill `text`'s placeholders; `escape` is applied to each value (HTML parts). */
export function fill(text: string, values: TemplateValues, escape: (value: string) => string = (value) => value): string {
  const missing = placeholdersOf(text).filter((name) => values[name] === undefined || values[name] === null || String(values[name]).trim() === '');
  if (missing.length > 0) throw codedError('TEMPLATE_PLACEHOLDER_MISSING', `No value for ${missing.join(', ')}.`, { missing });
  return text.replace(PLACEHOLDER, (_match, name: string) => escape(String(values[name])));
}

/** Fill an HTML part: values are escaped, the template's own markup is kept. */
export function fillHtml(html: string, values: TemplateValues): string {
  return fill(html, values, escapeHtml);
}

// GSM 03.38 basic alphabet, and the extension table whose characters take two septets each.
const GSM7_BASIC = new Set('@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà');
const GSM7_EXTENDED = new Set('^{}\\[~]|€\f');

/** How an SMS text is encoded and how many segments it takes. */
export interface SmsLength {
  readonly encoding: 'GSM-7' | 'UCS-2';
  /** Length in the encoding's units (septets for GSM-7, UTF-16 code units for UCS-2). */
  readonly units: number;
  readonly segments: number;
  /** Units per segment at this length (single or concatenated). */
  readonly perSegment: number;
}

/** The encoding and segment count of `text` as an SMS. */
export function smsLength(text: string): SmsLength {
  let septets = 0;
  let gsm = true;
  for (const char of text) {
    if (GSM7_BASIC.has(char)) septets += 1;
    else if (GSM7_EXTENDED.has(char)) septets += 2;
    else {
      gsm = false;
      break;
    }
  }
  const [units, single, multi] = gsm ? [septets, 160, 153] : [text.length, 70, 67];
  const segments = units === 0 ? 1 : units <= single ? 1 : Math.ceil(units / multi);
  return { encoding: gsm ? 'GSM-7' : 'UCS-2', units, segments, perSegment: segments === 1 ? single : multi };
}
