import {
  buildDoc,
  docWords,
  emptyChunk,
  rebuildChunk,
  type Chunk,
  type Doc,
  type SearchableArticle,
} from './search-doc';
import { editDistance } from './search-text';

/**
 * The search index's data: articles as `Doc`s in chunks (Han text, pinyin, initials), English
 * words in an inverted index with a sorted vocabulary, and the counts the matchers use to decide
 * what is worth trying. `upsert` and `remove` touch one chunk and one article's words, never the
 * whole index. Matching lives in search-match.ts, ranking in search-rank.ts.
 */

const CHUNK_SIZE = 256;

/** Postings of one English word: the articles that have it, with the word's place in each. */
export interface Postings {
  docs: number[];
  weights: number[];
  lengths: number[];
  /** Postings whose article was removed or replaced (dropped lazily). */
  dead: number;
}

const shape = (length: number, first: string) => `${length}:${first}`;

export class KbStore {
  readonly docs: Doc[] = [];
  private readonly chunks: Chunk[] = [];
  private readonly byId = new Map<string, number>();
  readonly postings = new Map<string, Postings>();
  /** Every word ever indexed, sorted (for prefixes); words with no live article are skipped. */
  private vocabulary: string[] = [];
  /** Words indexed but not yet in `vocabulary`. */
  private readonly pendingWords: string[] = [];
  /** Live articles per word, and words by length and first letter (for typo lookup). */
  readonly wordCount = new Map<string, number>();
  private readonly wordsByShape = new Map<string, Set<string>>();
  /** Pinyin syllables of live heads, with counts: a term that is not made of them skips pinyin. */
  readonly syllableCount = new Map<string, number>();
  /** Live articles. */
  live = 0;

  private countWords(doc: Doc, words: Iterable<string>, delta: 1 | -1): void {
    for (const w of words) {
      const n = (this.wordCount.get(w) ?? 0) + delta;
      if (n <= 0) {
        this.wordCount.delete(w);
        this.wordsByShape.get(shape(w.length, w[0]!))?.delete(w);
      } else {
        if (n === 1) {
          let bucket = this.wordsByShape.get(shape(w.length, w[0]!));
          if (!bucket) this.wordsByShape.set(shape(w.length, w[0]!), (bucket = new Set()));
          bucket.add(w);
        }
        this.wordCount.set(w, n);
      }
    }
    for (const s of doc.syllables) {
      const n = (this.syllableCount.get(s) ?? 0) + delta;
      if (n <= 0) this.syllableCount.delete(s);
      else this.syllableCount.set(s, n);
    }
  }

  /** Removes an article; no-op for an unknown id. */
  remove(id: string): void {
    const d = this.byId.get(id);
    if (d === undefined) return;
    const doc = this.docs[d]!;
    doc.alive = false;
    this.byId.delete(id);
    const words = docWords(doc);
    this.countWords(doc, words, -1);
    for (const w of words) {
      const p = this.postings.get(w)!;
      p.dead++;
      if (p.dead > 8 && p.dead * 2 > p.docs.length) this.compact(w, p);
    }
    this.chunks[doc.chunk]!.dirty = true;
    this.live--;
  }

  /** Drops a word's dead postings. */
  private compact(word: string, p: Postings): void {
    const keep: Postings = { docs: [], weights: [], lengths: [], dead: 0 };
    p.docs.forEach((d, i) => {
      if (!this.docs[d]!.alive) return;
      keep.docs.push(d);
      keep.weights.push(p.weights[i]!);
      keep.lengths.push(p.lengths[i]!);
    });
    this.postings.set(word, keep);
  }

  /** Adds an article, or replaces the one with the same id. */
  upsert(a: SearchableArticle): void {
    this.remove(a.id);
    let c = this.chunks.length - 1;
    if (c < 0 || this.chunks[c]!.docs.length >= CHUNK_SIZE) {
      this.chunks.push(emptyChunk());
      c = this.chunks.length - 1;
    }
    const d = this.docs.length;
    const doc = buildDoc(a, d, c);
    this.docs.push(doc);
    this.byId.set(a.id, d);
    this.chunks[c]!.docs.push(d);
    this.chunks[c]!.dirty = true;
    const words = doc.words!;
    doc.words = null;
    for (const [w, place] of words) {
      let p = this.postings.get(w);
      if (!p) {
        this.postings.set(w, (p = { docs: [], weights: [], lengths: [], dead: 0 }));
        this.pendingWords.push(w);
      }
      p.docs.push(d);
      p.weights.push(place.weight);
      p.lengths.push(place.fieldLength);
    }
    this.countWords(doc, words.keys(), 1);
    this.live++;
  }

  /** The chunks, each rebuilt first if an article in it changed. */
  readyChunks(): Chunk[] {
    for (const chunk of this.chunks) if (chunk.dirty) rebuildChunk(chunk, this.docs);
    return this.chunks;
  }

  /**
   * The vocabulary, sorted. Words added since the last search are merged in here: a few by
   * insertion (an edit), many by one sort (a first build or a pack import).
   */
  sortedVocabulary(): string[] {
    if (this.pendingWords.length > 64) {
      this.vocabulary = [...this.postings.keys()].sort();
    } else {
      for (const w of this.pendingWords) this.vocabulary.splice(lowerBound(this.vocabulary, w), 0, w);
    }
    this.pendingWords.length = 0;
    return this.vocabulary;
  }

  /**
   * Words of the vocabulary within one edit (two for long words) of `term`, closest first. Only
   * words starting with the term's first or second letter are tried (typists rarely miss the
   * first letter; a swap of the first two is covered), which keeps this fast on big vocabularies.
   */
  corrections(term: string): Array<{ word: string; distance: number }> {
    const max = term.length >= 8 ? 2 : 1;
    const found: Array<{ word: string; distance: number; n: number }> = [];
    const firsts = new Set([term[0]!, term[1]!]);
    for (let len = term.length - max; len <= term.length + max; len++) {
      for (const first of firsts)
        for (const w of this.wordsByShape.get(shape(len, first)) ?? []) {
          const distance = editDistance(term, w, max);
          if (distance <= max) found.push({ word: w, distance, n: this.wordCount.get(w) ?? 0 });
        }
    }
    found.sort((a, b) => a.distance - b.distance || b.n - a.n);
    return found.slice(0, 6);
  }
}

/** First index in sorted `list` whose value is not below `value`. */
export function lowerBound(list: readonly string[], value: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the article in `starts` that contains offset `pos` (binary search). */
export function findDoc(starts: Int32Array, pos: number): number {
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
