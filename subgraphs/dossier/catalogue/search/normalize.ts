// Vietnamese text as the catalogue's search compares it: lower case, tone and vowel marks removed
// (NFD, combining marks stripped, đ → d), anything but letters and digits a separator, and the i/y
// spelling variants after a consonant made one ("ký"/"kí", "lý"/"lí"). Callers often type without
// diacritics, or with some, so every comparison happens on this folded form; the accented form is kept
// beside it so that a question typed with diacritics can prefer the exact word ("sổ" over "số").

/** One syllable of a text: as typed (lower case) and folded. */
export interface Syllable {
  /** Lower case, with its diacritics (NFC). */
  readonly accented: string;
  /** Diacritics removed, i/y unified: what matching compares. */
  readonly folded: string;
}

const MARKS = /\p{M}/gu;
const SEPARATORS = /[^a-z0-9]+/;
// A final y after a consonant (ký, lý, mỹ, quy) is spelled i as well (kí, lí, mĩ, qui): one form.
const FINAL_Y = /^([bcdghklmnpqrstvx]+|qu)y$/;

/** Remove diacritics: NFD, combining marks dropped, đ → d, lower case. */
export function foldDiacritics(text: string): string {
  return text.normalize('NFD').replace(MARKS, '').replace(/đ/g, 'd').replace(/Đ/g, 'd').toLowerCase();
}

function unifyFinalY(syllable: string): string {
  const match = FINAL_Y.exec(syllable);
  return match ? `${match[1]}i` : syllable;
}

/** The syllables of a text, accented and folded, in order. */
export function syllablesOf(text: string): Syllable[] {
  const accentedWords = text
    .normalize('NFC')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u);
  const result: Syllable[] = [];
  for (const word of accentedWords) {
    if (word === '') continue;
    // A word with inner punctuation folded apart ("x-quang" → "x", "quang") keeps its accented form per piece.
    const folded = foldDiacritics(word)
      .split(SEPARATORS)
      .filter((piece) => piece !== '');
    if (folded.length === 1) result.push({ accented: word, folded: unifyFinalY(folded[0] as string) });
    else for (const piece of folded) result.push({ accented: piece, folded: unifyFinalY(piece) });
  }
  return result;
}

/** The folded syllables of a text. */
export function foldedSyllables(text: string): string[] {
  return syllablesOf(text).map((syllable) => syllable.folded);
}

/** Whether a syllable was typed with diacritics (then its accented form can be compared too). */
export function hasDiacritics(syllable: Syllable): boolean {
  return foldDiacritics(syllable.accented) !== syllable.accented;
}

// A procedure code as the national database writes it: 1.000894, 1.000894.H29, 1.001193.000.00.00.H29.
const CODE = /(?<![\d.])(\d\.\d{6})(?:\.(\d{3}\.\d{2}\.\d{2}))?(?:\.([a-zA-Z]\d{2}))?(?![\d])/;

/** A procedure code found in a question: the national part (1.000894) and, when given, the rest. */
export interface CodeInText {
  readonly national: string;
  /** The whole code in upper case when a province suffix was given, e.g. 1.000894.H29. */
  readonly full?: string;
}

/** The first procedure code written in a text, if any. */
export function findProcedureCode(text: string): CodeInText | undefined {
  const match = CODE.exec(text);
  if (!match) return undefined;
  const [, national, middle, suffix] = match as unknown as [string, string, string | undefined, string | undefined];
  if (suffix === undefined) return { national };
  return { national, full: [national, middle, suffix.toUpperCase()].filter((part) => part !== undefined).join('.') };
}
