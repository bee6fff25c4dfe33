// The workspace's checks on what a browser sends: item and directive codes, list filters, dates, free text.
// Anything else is refused here with BAD_USER_INPUT before the gateway is asked.

/** An item code (PHA261100384716) or a directive code (CD261112345678). */
const CODE = /^[A-Z]{2,4}[0-9]{6,20}$/;
/** A category, ward or unit code as the reference data writes them (TIENG_ON, P-BEN-THANH, UBND-P-BEN-THANH). */
const REFERENCE_CODE = /^[A-Z0-9][A-Z0-9_-]{0,63}$/;
/** A date from a date input. */
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `value` is an item or directive code. */
export function isCode(value: unknown): value is string {
  return typeof value === 'string' && CODE.test(value);
}

/** A reference code, '' when absent, undefined when malformed. */
export function referenceCode(value: unknown): string | undefined {
  if (value === undefined || value === '') return '';
  return typeof value === 'string' && REFERENCE_CODE.test(value) ? value : undefined;
}

/** A calendar date (YYYY-MM-DD) that exists, as the start of that day in Việt Nam; undefined otherwise. */
export function vietnamDay(value: unknown): Date | undefined {
  if (typeof value !== 'string' || !DATE.test(value)) return undefined;
  const date = new Date(`${value}T00:00:00+07:00`);
  return Number.isNaN(date.getTime()) || new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 10) !== value ? undefined : date;
}

/** Free text from a form, trimmed, within `min`–`max` characters; undefined otherwise. */
export function formText(value: unknown, min: number, max: number): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  return text.length >= min && text.length <= max ? text : undefined;
}
