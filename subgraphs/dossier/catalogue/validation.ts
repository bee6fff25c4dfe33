// Checks of what clients send the catalogue: questions and search strings, procedure codes, the texts,
// lists and numbers of an edit, and an FAQ entry's validity window. Each failure is BAD_USER_INPUT with
// the field and a stable reason in its extensions, and never echoes what was sent (a question may hold
// a citizen's ID or phone number).
import { codedError } from '../../../schema/errors.ts';
import { foldedSyllables } from './search/normalize.ts';

/** Why an input was refused (extensions.reason). */
export type InputReason = 'EMPTY' | 'TOO_LONG' | 'TOO_SHORT' | 'TOO_MANY' | 'OUT_OF_RANGE' | 'INVALID_CODE' | 'VALIDITY_REVERSED' | 'UNKNOWN_AGENCY' | 'UNKNOWN_PROCEDURE' | 'NOT_ALLOWED';

/** The longest question `answer` takes: a few sentences; a pasted document is not a question. */
export const MAX_QUESTION_CHARS = 500;
/** The longest search string `procedures` and `faqEntries` take. */
export const MAX_SEARCH_CHARS = 200;

/** BAD_USER_INPUT for `field`, with a stable reason. */
export function badInput(message: string, field: string, reason: InputReason) {
  return codedError('BAD_USER_INPUT', message, { field, reason });
}

/**
 * A question or search string, trimmed: refused when empty, when it has no letter or digit at all
 * ("???"), or when longer than `max` characters.
 */
export function checkQuery(text: string, field: string, max: number): string {
  const trimmed = text.trim();
  if (trimmed.length === 0) throw badInput(`${field} is empty.`, field, 'EMPTY');
  if (trimmed.length > max) throw badInput(`${field} is longer than ${max} characters.`, field, 'TOO_LONG');
  if (foldedSyllables(trimmed).length === 0) throw badInput(`${field} has no words.`, field, 'EMPTY');
  return trimmed;
}

// The national database's procedure code with the province part: 1.000894.H29, 1.001193.000.00.00.H29.
const PROCEDURE_CODE = /^\d\.\d{6}(\.\d{3}\.\d{2}\.\d{2})?\.[A-Z]\d{2}$/;
const FAQ_CODE = /^HD-\d{4,6}$/;

/** A procedure code as the national database writes it, e.g. 1.000894.H29. */
export function checkProcedureCode(code: string, field = 'code'): string {
  const trimmed = code.trim();
  if (!PROCEDURE_CODE.test(trimmed)) throw badInput(`${field} is not a procedure code like 1.000894.H29.`, field, 'INVALID_CODE');
  return trimmed;
}

/** An FAQ entry's code, e.g. HD-0012. */
export function checkFaqCode(code: string, field = 'code'): string {
  const trimmed = code.trim();
  if (!FAQ_CODE.test(trimmed)) throw badInput(`${field} is not an FAQ code like HD-0012.`, field, 'INVALID_CODE');
  return trimmed;
}

/** A text of `min` to `max` characters, trimmed. */
export function checkText(value: string, field: string, min: number, max: number): string {
  const trimmed = value.trim();
  if (trimmed.length === 0) throw badInput(`${field} is empty.`, field, 'EMPTY');
  if (trimmed.length < min) throw badInput(`${field} is shorter than ${min} characters.`, field, 'TOO_SHORT');
  if (trimmed.length > max) throw badInput(`${field} is longer than ${max} characters.`, field, 'TOO_LONG');
  return trimmed;
}

/** A list of at most `maxItems` texts of 1 to `maxChars` characters each (trimmed), at least `minItems`. */
export function checkTexts(values: readonly string[], field: string, limits: { readonly minItems: number; readonly maxItems: number; readonly maxChars: number }): string[] {
  if (values.length < limits.minItems) throw badInput(`${field} needs at least ${limits.minItems} item(s).`, field, 'EMPTY');
  if (values.length > limits.maxItems) throw badInput(`${field} has more than ${limits.maxItems} items.`, field, 'TOO_MANY');
  return values.map((value, index) => checkText(value, `${field}[${index}]`, 1, limits.maxChars));
}

/** A whole number in [min, max]. */
export function checkInteger(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw badInput(`${field} must be a whole number from ${min} to ${max}.`, field, 'OUT_OF_RANGE');
  return value;
}

/** An FAQ entry's validity: `until`, when set, after `from`. */
export function checkValidity(from: Date, until: Date | null): void {
  if (until !== null && until.getTime() <= from.getTime()) throw badInput('validUntil must be after validFrom.', 'validUntil', 'VALIDITY_REVERSED');
}
