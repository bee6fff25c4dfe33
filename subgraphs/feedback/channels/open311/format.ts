// GeoReport v2's two formats. XML (required by the spec, and what FixMyStreet speaks): a root element of
// repeated records, every value a text element, no attributes or namespace, UTF-8 with the declaration.
// JSON: the Spark mapping of the same document — the root list becomes an array of objects.
// https://wiki.open311.org/GeoReport_v2/#format-support
import { vietnamWallClock } from '../../../../platform/vietnam-time.ts';

/** A value of a record field: text, number, flag, or empty. */
export type Scalar = string | number | boolean | null;

/** A repeated element: nested records (service_definition's attributes) or plain values (discovery's formats). */
export type Open311List = { readonly element: string; readonly items: readonly Open311Record[] } | { readonly element: string; readonly values: readonly Scalar[] };

/** One record: field name → value, or a list. */
export interface Open311Record {
  readonly [field: string]: Scalar | Open311List;
}

export type Open311Format = 'xml' | 'json';

export const CONTENT_TYPES: Readonly<Record<Open311Format, string>> = {
  xml: 'text/xml; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/**
 * Text safe inside an XML element: the five special characters escaped, and characters XML 1.0
 * forbids (controls other than tab and line breaks, lone surrogates, U+FFFE/U+FFFF) removed.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[character] as string);
}

function xmlValue(value: Open311Record[string]): string {
  if (value === null) return '';
  if (typeof value === 'object' && 'values' in value) return value.values.map((item) => `<${value.element}>${item === null ? '' : escapeXml(String(item))}</${value.element}>`).join('');
  if (typeof value === 'object') return value.items.map((item) => xmlRecord(value.element, item)).join('');
  return escapeXml(String(value));
}

function xmlRecord(element: string, record: Open311Record): string {
  const fields = Object.entries(record).map(([name, value]) => `<${name}>${xmlValue(value)}</${name}>`);
  return `<${element}>${fields.join('')}</${element}>`;
}

function jsonRecord(record: Open311Record): Record<string, unknown> {
  const json = (value: Open311Record[string]) => (value === null || typeof value !== 'object' ? value : 'values' in value ? value.values : value.items.map(jsonRecord));
  return Object.fromEntries(Object.entries(record).map(([name, value]) => [name, json(value)]));
}

const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n';

/** A list document: <root><element>…</element>…</root>, or a JSON array. */
export function renderList(format: Open311Format, root: string, element: string, records: readonly Open311Record[]): string {
  if (format === 'json') return JSON.stringify(records.map(jsonRecord));
  return `${XML_DECLARATION}<${root}>${records.map((record) => xmlRecord(element, record)).join('')}</${root}>\n`;
}

/** A single-record document: <root>fields</root>, or a JSON object (service_definition). */
export function renderOne(format: Open311Format, root: string, record: Open311Record): string {
  if (format === 'json') return JSON.stringify(jsonRecord(record));
  const fields = Object.entries(record).map(([name, value]) => `<${name}>${xmlValue(value)}</${name}>`);
  return `${XML_DECLARATION}<${root}>${fields.join('')}</${root}>\n`;
}

/** The spec's error document: <errors><error><code>…</code><description>…</description></error></errors>. */
export function renderErrors(format: Open311Format, errors: readonly { code: number; description: string }[]): string {
  return renderList(format, 'errors', 'error', errors);
}

/** A w3 datetime in Việt Nam's time: 2026-11-24T14:05:09+07:00 (the spec requires the offset). */
export function w3Datetime(date: Date): string {
  return `${vietnamWallClock(date).toISOString().slice(0, 19)}+07:00`;
}

/** Parse a w3 datetime that carries its offset (Z or ±hh:mm); undefined when it is not one. */
export function parseW3Datetime(text: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
