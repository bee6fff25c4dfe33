// Rewrites the variants of the synonym table (../data/synonyms.ts) into their canonical words, on folded
// syllables, longest match first. The same rewriting runs over the catalogue's texts and over a
// question, so "sổ đỏ", "so do" and "giấy chứng nhận quyền sử dụng đất" all meet as the same words.
import type { SynonymGroup } from '../data/synonyms.ts';
import { syllablesOf } from './normalize.ts';
import type { Syllable } from './normalize.ts';

interface Node {
  readonly next: Map<string, Node>;
  /** The canonical syllables when a variant ends here. */
  replacement?: readonly Syllable[];
}

function newNode(): Node {
  return { next: new Map() };
}

/** Longest-match rewriting of variants into canonical syllables. */
export class SynonymRewriter {
  private readonly root: Node = newNode();

  constructor(groups: readonly SynonymGroup[]) {
    for (const group of groups) {
      const canonical = syllablesOf(group.canonical);
      // The canonical wording maps to itself, so that a shorter variant inside it ("ủy ban" in "ủy ban
      // nhân dân") never matches there.
      for (const phrase of [group.canonical, ...group.variants]) this.add(syllablesOf(phrase), canonical);
    }
  }

  private add(phrase: readonly Syllable[], canonical: readonly Syllable[]): void {
    if (phrase.length === 0) return;
    let node = this.root;
    for (const syllable of phrase) {
      let child = node.next.get(syllable.folded);
      if (!child) {
        child = newNode();
        node.next.set(syllable.folded, child);
      }
      node = child;
    }
    // The first group that claims a wording keeps it: the table is read top-down.
    node.replacement ??= canonical;
  }

  /**
   * Rewrite a sequence of syllables. Two passes, so that a variant made of another group's canonical
   * words ("rút BHXH" → "rút bảo hiểm xã hội" → "hưởng bảo hiểm xã hội một lần") resolves too.
   */
  rewrite(syllables: readonly Syllable[]): Syllable[] {
    return this.pass(this.pass(syllables));
  }

  private pass(syllables: readonly Syllable[]): Syllable[] {
    const result: Syllable[] = [];
    let index = 0;
    while (index < syllables.length) {
      let node: Node | undefined = this.root;
      let matchEnd = -1;
      let replacement: readonly Syllable[] | undefined;
      for (let cursor = index; cursor < syllables.length; cursor++) {
        node = node.next.get((syllables[cursor] as Syllable).folded);
        if (!node) break;
        if (node.replacement) {
          matchEnd = cursor + 1;
          replacement = node.replacement;
        }
      }
      if (replacement && matchEnd > index) {
        // A canonical phrase typed as such keeps the syllables as typed (and their accents).
        const same = replacement.length === matchEnd - index && replacement.every((syllable, offset) => syllable.folded === (syllables[index + offset] as Syllable).folded);
        result.push(...(same ? syllables.slice(index, matchEnd) : replacement));
        index = matchEnd;
      } else {
        result.push(syllables[index] as Syllable);
        index += 1;
      }
    }
    return result;
  }
}
