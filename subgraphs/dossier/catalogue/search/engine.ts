// The catalogue's search engine: an in-memory index of procedures and FAQ entries over folded Vietnamese
// syllables (normalize.ts) after synonym rewriting (synonyms.ts), answering a question with the sources
// that match it and a confidence in [0, 1]. Built from the database and rebuilt after edits
// (../catalogue-index.ts); the README of the catalogue says why it is not in SQL.
//
// How a source is scored against a question:
// - recall: the share of the question's subject words (stop words aside, each weighted by its rarity
//   in the catalogue, idf) found in the source: in its title (procedure name, FAQ question) fully, in
//   its body (documents, steps, answer, field, agency) partly; a word typed with diacritics counts a
//   little less when the source has it only with other marks ("số" for "sổ"); a word the catalogue does
//   not know is matched to known words one or two edits away (typos), for less;
// - compounds: the share of the question's two-syllable words that the source has as such ("giấy
//   phép" together, not "giấy" here and "phép" there), counting only pairs the catalogue knows;
// - precision: the share of the title's own subject words the question covers, so that "khai sinh"
//   prefers "Đăng ký khai sinh" to "Đăng ký khai sinh có yếu tố nước ngoài".
// The confidence is a weighted sum of the three; a code (1.000894.H29, HD-0012) is an exact match.
import { findProcedureCode, foldDiacritics, hasDiacritics, syllablesOf } from './normalize.ts';
import type { Syllable } from './normalize.ts';
import { DEFAULT_CASE_PAIRS, DEFAULT_CASE_SYLLABLES, QUALIFIER_PAIRS, QUALIFIER_SYLLABLES, STOPWORDS } from './stopwords.ts';
import type { SynonymRewriter } from './synonyms.ts';

/** What a source is. */
export type DocumentKind = 'PROCEDURE' | 'FAQ';

/** A source as the index sees it. */
export interface SearchDocument {
  /** 'P:<procedure code>' or 'F:<FAQ code>'. */
  readonly id: string;
  readonly kind: DocumentKind;
  readonly code: string;
  /** Procedure name or FAQ question. */
  readonly title: string;
  /** Secondary texts: field, agency, documents, steps, legal basis, or the FAQ's answer. */
  readonly body: readonly string[];
  readonly field: string | null;
  /** FAQ entries only: when the answer holds. */
  readonly validFrom?: Date;
  readonly validUntil?: Date | null;
}

/** A source found for a question. */
export interface SearchHit {
  readonly document: SearchDocument;
  /** How well the source covers the question, in [0, 1]. */
  readonly confidence: number;
}

/** What to search and how much to return. */
export interface SearchOptions {
  /** Only these kinds (default: both). */
  readonly kinds?: ReadonlySet<DocumentKind>;
  /** Only this field (lĩnh vực). */
  readonly field?: string | undefined;
  readonly limit: number;
  /** Leave out sources below this confidence. */
  readonly minConfidence: number;
  /** FAQ entries not valid at this instant are left out (unless includeInvalid). */
  readonly now: Date;
  readonly includeInvalid?: boolean;
}

/** How much each part weighs (sums to 1 with and without compounds). */
const WEIGHTS = { recall: 0.55, compounds: 0.2, precision: 0.25, recallWithoutCompounds: 0.7, precisionWithoutCompounds: 0.3 } as const;
/** Credit of a word found only in a source's body, against its title. */
const BODY_CREDIT = 0.4;
/** Credit of a word typed with diacritics that the source has only with other marks. */
const ACCENT_MISMATCH = 0.5;
/** Credit of a word matched one or two edits away. */
const ONE_EDIT = 0.8;
const TWO_EDITS = 0.55;
/** Shorter words are not matched to near words: three letters one edit apart are mostly other words. */
const MIN_TYPO_LENGTH = 4;
/** Without an anchor, a source keeps this share of its confidence. */
const NO_ANCHOR = 0.7;
/** A word at least this rare (as an idf) anchors a match when a title has it exactly. */
const ANCHOR_IDF = 3.3;
/** How much more a qualifier the question does not ask for counts against a title than another word. */
const QUALIFIER_WEIGHT = 3;
/** Weight (as an idf) of a subject word the catalogue does not know at all: about a common word's. */
const UNKNOWN_WORD_WEIGHT = 1.5;
/** Confidence of a procedure found by its national code without the province part. */
const PARTIAL_CODE_CONFIDENCE = 0.95;
const FAQ_CODE = /\bhd-?(\d{1,4})\b/i;

interface IndexedText {
  /** Folded syllable → the accented forms it was written with. */
  readonly words: Map<string, Set<string>>;
  /** 'a b' for consecutive subject syllables. */
  readonly compounds: Set<string>;
}

interface IndexedDocument {
  readonly document: SearchDocument;
  readonly title: IndexedText;
  readonly body: IndexedText;
  /** Distinct folded subject words of the title. */
  readonly titleWords: readonly string[];
  /** The title's words that make it a variant (QUALIFIER_*). */
  readonly qualifiers: ReadonlySet<string>;
  /** The title's words that make it the default case (DEFAULT_CASE_*). */
  readonly defaultCase: ReadonlySet<string>;
  /** idf of each of titleWords, in order (filled when the index is built). */
  titleWeights: number[];
}

interface Alternative {
  readonly term: string;
  readonly factor: number;
}

interface QueryWord {
  /** Position in the question's syllables (compounds are of neighbours). */
  readonly position: number;
  readonly alternatives: readonly Alternative[];
  /** As typed, when typed with diacritics (else undefined: any marks match). */
  readonly accented: string | undefined;
  readonly weight: number;
}

const FOLDED_STOPWORDS = new Set([...STOPWORDS].map((word) => foldDiacritics(word)));

function emptyText(): IndexedText {
  return { words: new Map(), compounds: new Set() };
}

function isStop(syllable: Syllable): boolean {
  return STOPWORDS.has(syllable.accented);
}

function addText(target: IndexedText, syllables: readonly Syllable[]): void {
  let previous: string | undefined;
  for (const syllable of syllables) {
    let forms = target.words.get(syllable.folded);
    if (!forms) {
      forms = new Set();
      target.words.set(syllable.folded, forms);
    }
    forms.add(syllable.accented);
    // Compounds are neighbours only: a stop word between two words ("xây dựng đối với nhà ở") breaks them.
    if (isStop(syllable)) {
      previous = undefined;
      continue;
    }
    if (previous !== undefined) target.compounds.add(`${previous} ${syllable.folded}`);
    previous = syllable.folded;
  }
}

/** The folded syllables of a title that are one of `single` (accented) or part of one of `pairs` (folded). */
function marked(syllables: readonly Syllable[], single: ReadonlySet<string>, pairs: ReadonlySet<string>): Set<string> {
  const found = new Set<string>();
  syllables.forEach((syllable, index) => {
    if (single.has(syllable.accented)) found.add(syllable.folded);
    const next = syllables[index + 1];
    if (next && pairs.has(`${syllable.folded} ${next.folded}`)) {
      found.add(syllable.folded);
      found.add(next.folded);
    }
  });
  return found;
}

/** The single-character deletions of a word (SymSpell's trick: two words one edit apart share one). */
function deletionsOf(word: string): string[] {
  const result: string[] = [];
  for (let index = 0; index < word.length; index++) result.push(word.slice(0, index) + word.slice(index + 1));
  return result;
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), stopping above `max`. */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    let best = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = rows[i] as number[];
      const above = rows[i - 1] as number[];
      let value = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = value;
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/** The in-memory index of one version of the catalogue. */
export class SearchIndex {
  private readonly documents: IndexedDocument[] = [];
  private readonly documentFrequency = new Map<string, number>();
  private readonly compoundFrequency = new Map<string, number>();
  /** Deletion → the known words it comes from (typo matching). */
  private readonly deletions = new Map<string, Set<string>>();
  /** Folded words the catalogue uses as subject words (so not a stop word when typed without marks). */
  private readonly subjectWords = new Set<string>();
  private readonly byId = new Map<string, IndexedDocument>();
  /** Word → the positions (in `documents`) of the sources that have it. */
  private readonly postings = new Map<string, number[]>();
  /** Word → idf, filled once the index is built. */
  private readonly idfs = new Map<string, number>();
  private readonly rewriter: SynonymRewriter;

  private constructor(rewriter: SynonymRewriter) {
    this.rewriter = rewriter;
  }

  /** Index `documents` (one version of the catalogue). */
  static build(documents: readonly SearchDocument[], rewriter: SynonymRewriter): SearchIndex {
    const index = new SearchIndex(rewriter);
    for (const document of documents) index.add(document);
    for (const [word, frequency] of index.documentFrequency) index.idfs.set(word, Math.log(1 + index.documents.length / frequency));
    for (const entry of index.documents) entry.titleWeights = entry.titleWords.map((word) => index.idf(word));
    for (const word of index.documentFrequency.keys()) {
      if (word.length < MIN_TYPO_LENGTH) continue;
      for (const deletion of deletionsOf(word)) {
        let words = index.deletions.get(deletion);
        if (!words) {
          words = new Set();
          index.deletions.set(deletion, words);
        }
        words.add(word);
      }
    }
    return index;
  }

  /** How many sources the index holds. */
  get size(): number {
    return this.documents.length;
  }

  private analyze(text: string): Syllable[] {
    return this.rewriter.rewrite(syllablesOf(text));
  }

  private add(document: SearchDocument): void {
    const title = emptyText();
    const titleSyllables = this.analyze(document.title);
    addText(title, titleSyllables);
    const body = emptyText();
    for (const text of document.body) addText(body, this.analyze(text));
    const titleWords = [...new Set(titleSyllables.filter((syllable) => !isStop(syllable)).map((syllable) => syllable.folded))];
    const indexed: IndexedDocument = {
      document,
      title,
      body,
      titleWords,
      qualifiers: marked(titleSyllables, QUALIFIER_SYLLABLES, QUALIFIER_PAIRS),
      defaultCase: marked(titleSyllables, DEFAULT_CASE_SYLLABLES, DEFAULT_CASE_PAIRS),
      titleWeights: [],
    };
    const position = this.documents.length;
    this.documents.push(indexed);
    this.byId.set(document.id, indexed);
    for (const word of new Set([...title.words.keys(), ...body.words.keys()])) {
      this.documentFrequency.set(word, (this.documentFrequency.get(word) ?? 0) + 1);
      let positions = this.postings.get(word);
      if (!positions) {
        positions = [];
        this.postings.set(word, positions);
      }
      positions.push(position);
    }
    for (const compound of new Set([...title.compounds, ...body.compounds])) this.compoundFrequency.set(compound, (this.compoundFrequency.get(compound) ?? 0) + 1);
    for (const text of [title, body]) {
      for (const [word, forms] of text.words) if ([...forms].some((form) => !STOPWORDS.has(form))) this.subjectWords.add(word);
    }
  }

  private idf(word: string): number {
    return this.idfs.get(word) ?? UNKNOWN_WORD_WEIGHT;
  }

  private compoundIdf(compound: string): number {
    return Math.log(1 + this.documents.length / (this.compoundFrequency.get(compound) ?? 1));
  }

  /** Known words one edit (or, for long words, two) away from an unknown one. */
  private nearWords(word: string): Alternative[] {
    if (word.length < MIN_TYPO_LENGTH) return [];
    const candidates = new Set<string>(this.deletions.get(word) ?? []);
    for (const deletion of deletionsOf(word)) {
      if (this.documentFrequency.has(deletion)) candidates.add(deletion);
      for (const known of this.deletions.get(deletion) ?? []) candidates.add(known);
    }
    const max = word.length >= 7 ? 2 : 1;
    const found: Alternative[] = [];
    for (const candidate of candidates) {
      const distance = editDistance(word, candidate, max);
      if (distance <= max) found.push({ term: candidate, factor: distance === 1 ? ONE_EDIT : TWO_EDITS });
    }
    return found.sort((a, b) => b.factor - a.factor || this.idf(a.term) - this.idf(b.term));
  }

  private queryWords(syllables: readonly Syllable[]): QueryWord[] {
    // A question typed with diacritics has its unmarked words as typed ("cho" is "cho", not "chợ"); one
    // typed without any could mean either, and a stop word then stays a word if the catalogue uses it so.
    const withMarks = syllables.some(hasDiacritics);
    return syllables.flatMap((syllable, position): QueryWord[] => {
      const typedWithMarks = hasDiacritics(syllable);
      const stop = withMarks ? isStop(syllable) : FOLDED_STOPWORDS.has(syllable.folded) && !this.subjectWords.has(syllable.folded);
      if (stop) return [];
      if (this.documentFrequency.has(syllable.folded)) {
        return [{ position, alternatives: [{ term: syllable.folded, factor: 1 }], accented: typedWithMarks ? syllable.accented : undefined, weight: this.idf(syllable.folded) }];
      }
      const near = this.nearWords(syllable.folded);
      // A typo weighs what the word it stands for weighs; a word nobody uses here weighs a common word's.
      const weight = near.length > 0 ? Math.max(...near.map((alternative) => this.idf(alternative.term))) : UNKNOWN_WORD_WEIGHT;
      return [{ position, alternatives: near, accented: undefined, weight }];
    });
  }

  private credit(word: QueryWord, document: IndexedDocument): number {
    let best = 0;
    for (const alternative of word.alternatives) {
      const inTitle = document.title.words.get(alternative.term);
      const forms = inTitle ?? document.body.words.get(alternative.term);
      if (!forms) continue;
      const place = inTitle ? 1 : BODY_CREDIT;
      const marks = word.accented !== undefined && !forms.has(word.accented) ? ACCENT_MISMATCH : 1;
      best = Math.max(best, place * alternative.factor * marks);
    }
    return best;
  }

  private confidence(words: readonly QueryWord[], queryTerms: ReadonlySet<string>, compounds: readonly string[], document: IndexedDocument): number {
    let weighted = 0;
    let total = 0;
    // An anchor: a rare word in the title exactly as asked, or a compound of the question. Without one, a
    // match is only of common or look-alike words ("công thức nấu phở" against "mở công ty").
    let anchored = false;
    for (const word of words) {
      total += word.weight;
      const credit = this.credit(word, document);
      weighted += word.weight * credit;
      if (credit === 1 && word.weight >= ANCHOR_IDF) anchored = true;
    }
    const recall = total > 0 ? weighted / total : 0;
    if (recall === 0) return 0;
    let titleTotal = 0;
    let titleCovered = 0;
    // A title word the question has is in this title, so it was credited: the question's terms suffice.
    document.titleWords.forEach((word, position) => {
      const covered = queryTerms.has(word);
      const weight = (document.titleWeights[position] as number) * (covered ? 1 : document.qualifiers.has(word) ? QUALIFIER_WEIGHT : document.defaultCase.has(word) ? 0 : 1);
      titleTotal += weight;
      if (covered) titleCovered += weight;
    });
    const precision = titleTotal > 0 ? titleCovered / titleTotal : 0;
    let compoundTotal = 0;
    let compoundCovered = 0;
    for (const compound of compounds) {
      const weight = this.compoundIdf(compound);
      compoundTotal += weight;
      if (document.title.compounds.has(compound)) compoundCovered += weight;
      else if (document.body.compounds.has(compound)) compoundCovered += weight * BODY_CREDIT;
      else continue;
      anchored = true;
    }
    const score =
      compounds.length === 0
        ? WEIGHTS.recallWithoutCompounds * recall + WEIGHTS.precisionWithoutCompounds * precision
        : WEIGHTS.recall * recall + WEIGHTS.compounds * (compoundCovered / compoundTotal) + WEIGHTS.precision * precision;
    return anchored ? score : score * NO_ANCHOR;
  }

  private admits(document: SearchDocument, options: SearchOptions): boolean {
    if (options.kinds && !options.kinds.has(document.kind)) return false;
    if (options.field !== undefined && document.field !== options.field) return false;
    if (document.kind === 'FAQ' && !options.includeInvalid) {
      if (document.validFrom && options.now.getTime() < document.validFrom.getTime()) return false;
      if (document.validUntil && options.now.getTime() >= document.validUntil.getTime()) return false;
    }
    return true;
  }

  private byCode(question: string, options: SearchOptions): SearchHit[] | undefined {
    const faq = FAQ_CODE.exec(question);
    if (faq) {
      const found = this.byId.get(`F:HD-${(faq[1] as string).padStart(4, '0')}`);
      if (found && this.admits(found.document, options)) return [{ document: found.document, confidence: 1 }];
    }
    const code = findProcedureCode(question);
    if (!code) return undefined;
    if (code.full !== undefined) {
      const found = this.byId.get(`P:${code.full}`);
      return found && this.admits(found.document, options) ? [{ document: found.document, confidence: 1 }] : [];
    }
    return this.documents
      .filter((entry) => entry.document.kind === 'PROCEDURE' && entry.document.code.startsWith(`${code.national}.`) && this.admits(entry.document, options))
      .slice(0, options.limit)
      .map((entry) => ({ document: entry.document, confidence: PARTIAL_CODE_CONFIDENCE }));
  }

  /** The sources that answer `question`, best first, at least `minConfidence` each. */
  search(question: string, options: SearchOptions): SearchHit[] {
    const byCode = this.byCode(question, options);
    if (byCode && byCode.length > 0) return byCode.filter((hit) => hit.confidence >= options.minConfidence);
    const syllables = this.analyze(question);
    const words = this.queryWords(syllables);
    if (words.length === 0) return [];
    const compounds: string[] = [];
    for (let index = 1; index < words.length; index++) {
      const [left, right] = [words[index - 1] as QueryWord, words[index] as QueryWord];
      const compound = `${left.alternatives[0]?.term} ${right.alternatives[0]?.term}`;
      if (right.position === left.position + 1 && left.alternatives.length > 0 && right.alternatives.length > 0 && this.compoundFrequency.has(compound)) compounds.push(compound);
    }
    // Only sources that have at least one of the words can score.
    const candidates = new Set<number>();
    const queryTerms = new Set<string>();
    for (const word of words) {
      for (const alternative of word.alternatives) {
        queryTerms.add(alternative.term);
        for (const position of this.postings.get(alternative.term) ?? []) candidates.add(position);
      }
    }
    const hits: (SearchHit & { readonly titleLength: number })[] = [];
    for (const position of candidates) {
      const entry = this.documents[position] as IndexedDocument;
      if (!this.admits(entry.document, options)) continue;
      const confidence = this.confidence(words, queryTerms, compounds, entry);
      if (confidence >= options.minConfidence && confidence > 0) hits.push({ document: entry.document, confidence: Math.min(1, confidence), titleLength: entry.titleWords.length });
    }
    hits.sort((a, b) => b.confidence - a.confidence || a.titleLength - b.titleLength || a.document.id.localeCompare(b.document.id));
    return hits.slice(0, options.limit).map(({ document, confidence }) => ({ document, confidence }));
  }
}
