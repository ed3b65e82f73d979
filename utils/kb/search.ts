import {
  BODY_LENGTH,
  buildDoc,
  docAt,
  docWords,
  emptyChunk,
  fieldLength,
  fieldStart,
  fieldWeight,
  INNER_FACTOR,
  rebuildChunk,
  W_BODY,
  W_TITLE,
  type Chunk,
  type Doc,
  type SearchableArticle,
} from './search-doc';
import { editDistance, hasHan, isAlnum, isHan, normalizeText, queryTerms, syllablesOf } from './search-text';

/**
 * Knowledge-base search. Contract (DESIGN.md): `createKbIndex(articles)` returns an index whose
 * `search(query, { limit })` gives hits best first, each with the article `id`, a `score` (higher
 * is better) and highlight ranges for the title. Runs in Node with no browser globals.
 *
 * What an agent types, and how it is found:
 * - hanzi (`退保费用`): substring of title, keywords, tags, category or body;
 * - several words in any order (`费用 退保`): every term must match (with three or more terms, the
 *   articles matching all but one follow, lower, when too few match them all);
 * - pinyin initials (`tbfy`) and full pinyin (`tuibao`, or `tuib` while still typing): matched
 *   against pinyin computed once, at index time, for title, keywords, tags and category;
 * - a homophone slip from the IME (`退保费永`): the query's own pinyin is matched the same way,
 *   and hanzi typed out of order or with a wrong character match by character pairs;
 * - English words from an inverted index: whole words, a word still being typed (`refund pol`),
 *   and typos (`refnud`, `cancle`) within one edit (two for long words) of an indexed word;
 *   words typed in the article's own order (`go for che…`) earn a phrase bonus.
 * Title beats keywords beats tags and category beats body; exact and prefix beat fuzzy; a match
 * covering more of a short title beats one in a long title; rare terms weigh more than common
 * ones. Callers pass pins and frecency as `boost`. `#tag` terms filter by tag or category (also
 * by its pinyin or initials, `#tk` → 退款).
 *
 * Han text, pinyin and initials are scanned in chunks of articles; English words live in an
 * inverted index. `upsert` and `remove` touch one chunk and one article's words, never the whole
 * index.
 */

export type { SearchableArticle };
export { normalizeText };

/** One search result. `titleRanges` are [start, end) offsets into the original title. */
export interface KbHit {
  id: string;
  score: number;
  titleRanges: Array<[number, number]>;
}

export interface KbSearchOptions {
  /** At most this many hits (default 20). */
  limit?: number;
  /** Only these kinds (e.g. `['script']`). */
  kinds?: readonly string[];
  /**
   * Multiplier ≥ 1 per article id (pins, frecency), applied to matching articles; also orders
   * the articles returned for an empty query.
   */
  boost?: (id: string) => number;
}

export interface KbIndex {
  /** Hits best first; an empty or blank query returns articles by boost, then in index order. */
  search(query: string, options?: KbSearchOptions): KbHit[];
  /** Adds an article, or replaces the one with the same id. */
  upsert(article: SearchableArticle): void;
  /** Removes an article; no-op for an unknown id. */
  remove(id: string): void;
  readonly size: number;
}

const CHUNK_SIZE = 256;

// Match quality: how a term is found.
const Q_WHOLE = 1;
const Q_PREFIX = 0.85;
const Q_PINYIN = 0.8;
const Q_PINYIN_PARTIAL = 0.7;
const Q_INITIALS = 0.72;
const Q_HOMOPHONE = 0.65;
const Q_FUZZY = 0.6;
const Q_PARTIAL = 0.45;
/** Homophones of a Han term are looked for only when fewer articles have it as typed. */
const HOMOPHONE_WHEN_FEWER = 30;
/** How much a phrase typed in the article's own word order adds, per term. */
const PHRASE_BONUS = 0.5;

/**
 * A match's score: where × how × how much of that field it covers. Coverage counts most in the
 * title: a query that is most of a short title is a strong answer; a whole tag is less so.
 */
function matchScore(weight: number, quality: number, matched: number, fieldLen: number): number {
  const coverage = Math.min(1, matched / Math.max(1, fieldLen));
  return weight * quality * (1 + (weight === W_TITLE ? 0.5 : 0.2) * coverage);
}

/** Postings of one English word: the articles that have it, with the word's place in each. */
interface Postings {
  docs: number[];
  weights: number[];
  lengths: number[];
  /** Postings whose article was removed or replaced (dropped lazily). */
  dead: number;
}

/** Per-search scratch space, reused so a keystroke allocates almost nothing. */
class Scratch {
  termStamp = new Uint32Array(0);
  termBest = new Float64Array(0);
  docStamp = new Uint32Array(0);
  total = new Float64Array(0);
  count = new Uint16Array(0);
  stamp = 0;
  touchedTerm: number[] = [];
  touchedAll: number[] = [];

  ensure(n: number): void {
    if (this.termStamp.length >= n) return;
    const cap = Math.max(n, this.termStamp.length * 2, 1024);
    this.termStamp = new Uint32Array(cap);
    this.termBest = new Float64Array(cap);
    this.docStamp = new Uint32Array(cap);
    this.total = new Float64Array(cap);
    this.count = new Uint16Array(cap);
    this.stamp = 0;
  }

  next(): number {
    this.stamp++;
    if (this.stamp === 0xffffffff) {
      this.termStamp.fill(0);
      this.docStamp.fill(0);
      this.stamp = 1;
    }
    return this.stamp;
  }
}

type Hit = (d: number, score: number) => void;

/** Builds a search index over the given articles (copied; use `upsert`/`remove` for changes). */
export function createKbIndex(articles: readonly SearchableArticle[]): KbIndex {
  const docs: Doc[] = [];
  const chunks: Chunk[] = [];
  const byId = new Map<string, number>();
  const postings = new Map<string, Postings>();
  /** Every word ever indexed, sorted (for prefixes); words with no live article are skipped. */
  let vocabulary: string[] = [];
  /** Words indexed but not yet in `vocabulary`. */
  const pendingWords: string[] = [];
  /** Live articles per word, and words by length and first letter (for typo lookup). */
  const wordCount = new Map<string, number>();
  const wordsByShape = new Map<string, Set<string>>();
  const shape = (length: number, first: string) => `${length}:${first}`;
  /** Pinyin syllables of live heads, with counts: a term that is not made of them skips pinyin. */
  const syllableCount = new Map<string, number>();
  const scratch = new Scratch();
  let live = 0;

  function countWords(doc: Doc, words: Iterable<string>, delta: 1 | -1): void {
    for (const w of words) {
      const n = (wordCount.get(w) ?? 0) + delta;
      if (n <= 0) {
        wordCount.delete(w);
        wordsByShape.get(shape(w.length, w[0]!))?.delete(w);
      } else {
        if (n === 1) {
          let bucket = wordsByShape.get(shape(w.length, w[0]!));
          if (!bucket) wordsByShape.set(shape(w.length, w[0]!), (bucket = new Set()));
          bucket.add(w);
        }
        wordCount.set(w, n);
      }
    }
    for (const s of doc.syllables) {
      const n = (syllableCount.get(s) ?? 0) + delta;
      if (n <= 0) syllableCount.delete(s);
      else syllableCount.set(s, n);
    }
  }

  function remove(id: string): void {
    const d = byId.get(id);
    if (d === undefined) return;
    const doc = docs[d]!;
    doc.alive = false;
    byId.delete(id);
    const words = docWords(doc);
    countWords(doc, words, -1);
    for (const w of words) {
      const p = postings.get(w)!;
      p.dead++;
      if (p.dead > 8 && p.dead * 2 > p.docs.length) compact(w, p);
    }
    chunks[doc.chunk]!.dirty = true;
    live--;
  }

  /** Drops a word's dead postings. */
  function compact(word: string, p: Postings): void {
    const keep: Postings = { docs: [], weights: [], lengths: [], dead: 0 };
    p.docs.forEach((d, i) => {
      if (!docs[d]!.alive) return;
      keep.docs.push(d);
      keep.weights.push(p.weights[i]!);
      keep.lengths.push(p.lengths[i]!);
    });
    postings.set(word, keep);
  }

  function upsert(a: SearchableArticle): void {
    remove(a.id);
    let c = chunks.length - 1;
    if (c < 0 || chunks[c]!.docs.length >= CHUNK_SIZE) {
      chunks.push(emptyChunk());
      c = chunks.length - 1;
    }
    const d = docs.length;
    const doc = buildDoc(a, d, c);
    docs.push(doc);
    byId.set(a.id, d);
    chunks[c]!.docs.push(d);
    chunks[c]!.dirty = true;
    const words = doc.words!;
    doc.words = null;
    for (const [w, place] of words) {
      let p = postings.get(w);
      if (!p) {
        postings.set(w, (p = { docs: [], weights: [], lengths: [], dead: 0 }));
        pendingWords.push(w);
      }
      p.docs.push(d);
      p.weights.push(place.weight);
      p.lengths.push(place.fieldLength);
    }
    countWords(doc, words.keys(), 1);
    live++;
  }

  for (const a of articles) upsert(a);
  sortedVocabulary();

  function readyChunks(): Chunk[] {
    for (const chunk of chunks) if (chunk.dirty) rebuildChunk(chunk, docs);
    return chunks;
  }

  /**
   * The vocabulary, sorted. Words added since the last search are merged in here: a few by
   * insertion (an edit), many by one sort (a first build or a pack import).
   */
  function sortedVocabulary(): string[] {
    if (pendingWords.length > 64) {
      vocabulary = [...postings.keys()].sort();
    } else {
      for (const w of pendingWords) vocabulary.splice(lowerBound(vocabulary, w), 0, w);
    }
    pendingWords.length = 0;
    return vocabulary;
  }

  // ---- term matchers: each calls `hit(doc, score)` for every match it finds ----

  /** A Han (or mixed) `term` as a substring of title/keywords/tags/category and body. */
  function matchSubstring(term: string, hit: Hit): boolean {
    let found = false;
    for (const chunk of readyChunks()) {
      let from = 0;
      let pos = chunk.head.indexOf(term);
      while (pos >= 0) {
        from = docAt(chunk.headStarts, pos, from);
        const d = chunk.docs[from]!;
        const doc = docs[d]!;
        const off = pos - chunk.headStarts[from]!;
        const length = fieldLength(doc, off);
        const atStart = fieldStart(doc, off);
        const q = atStart && length === term.length ? Q_WHOLE : atStart ? Q_PREFIX : Q_PREFIX * INNER_FACTOR;
        hit(d, matchScore(fieldWeight(doc, off), q, term.length, length));
        found = true;
        // The first match is in the article's strongest field: go on from the next article.
        pos = chunk.head.indexOf(term, chunk.headStarts[from + 1]!);
      }
      if (!chunk.bodyHasHan && hasHan(term)) continue;
      from = 0;
      pos = chunk.body.indexOf(term);
      while (pos >= 0) {
        from = docAt(chunk.bodyStarts, pos, from);
        hit(chunk.docs[from]!, matchScore(W_BODY, Q_WHOLE, term.length, BODY_LENGTH));
        found = true;
        pos = chunk.body.indexOf(term, chunk.bodyStarts[from + 1]!);
      }
    }
    return found;
  }

  /** Hits every live article holding `word`, scored as a match of `matched` letters. */
  function hitPostings(word: string, quality: number, matched: number, hit: Hit): boolean {
    const p = postings.get(word);
    if (!p) return false;
    let found = false;
    for (let i = 0; i < p.docs.length; i++) {
      const d = p.docs[i]!;
      if (!docs[d]!.alive) continue;
      hit(d, matchScore(p.weights[i]!, quality, matched, p.lengths[i]!));
      found = true;
    }
    return found;
  }

  /** An English `term` as the start of longer words (a word still being typed). */
  function matchPrefix(term: string, quality: number, hit: Hit): void {
    const vocab = sortedVocabulary();
    for (let i = lowerBound(vocab, term); i < vocab.length && vocab[i]!.startsWith(term); i++) {
      if (vocab[i] !== term) hitPostings(vocab[i]!, Q_PREFIX * quality, term.length, hit);
    }
  }

  /** True when `letters` could be pinyin of indexed syllables (the last one may be unfinished). */
  function couldBePinyin(letters: string): boolean {
    const ok = new Uint8Array(letters.length + 1);
    ok[0] = 1;
    for (let i = 0; i < letters.length; i++) {
      if (!ok[i]) continue;
      for (let len = 1; len <= 6 && i + len <= letters.length; len++) {
        if (syllableCount.has(letters.slice(i, i + len))) ok[i + len] = 1;
      }
      // An unfinished last syllable: any prefix of an indexed syllable.
      if (!ok[letters.length]) {
        const rest = letters.slice(i);
        if (rest.length <= 5) for (const s of syllableCount.keys()) if (s.startsWith(rest)) return true;
      }
    }
    return ok[letters.length] === 1;
  }

  /**
   * `letters` in the head's pinyin, starting on a syllable. `complete` when the match must end on
   * a syllable boundary too (a homophone: whole syllables of the query's own pinyin). Only the
   * places where a syllable that could begin `letters` starts are tried.
   */
  function matchPinyin(letters: string, quality: number, complete: boolean, hit: Hit): number {
    const firsts = [...syllableCount.keys()].filter((s) => letters.startsWith(s) || s.startsWith(letters));
    let n = 0;
    for (const chunk of readyChunks()) {
      for (const syl of firsts) {
        for (const pos of chunk.syllableAt.get(syl) ?? []) {
          if (!chunk.pinyin.startsWith(letters, pos)) continue;
          const endPos = pos + letters.length;
          const endCode = chunk.pinyin.charCodeAt(endPos);
          const atBoundary = chunk.pinyinStart[endPos] === 1 || !(endCode >= 97 && endCode <= 122);
          if (!atBoundary && complete) continue;
          const i = findDoc(chunk.pinyinStarts, pos);
          const d = chunk.docs[i]!;
          const doc = docs[d]!;
          const startHead = chunk.pinyinHead[pos]!;
          const endHead = chunk.pinyinHead[endPos - 1]! + 1;
          let q = atBoundary ? quality : Q_PINYIN_PARTIAL * (quality / Q_PINYIN);
          if (!fieldStart(doc, startHead)) q *= INNER_FACTOR;
          hit(d, matchScore(fieldWeight(doc, startHead), q, endHead - startHead, fieldLength(doc, startHead)));
          n++;
        }
      }
    }
    return n;
  }

  /** `letters` as the pinyin initials of consecutive Han characters. */
  function matchInitials(letters: string, hit: Hit): void {
    const quality = letters.length >= 3 ? Q_INITIALS : Q_INITIALS * 0.85;
    const score = (chunk: Chunk, pos: number, i: number) => {
      const d = chunk.docs[i]!;
      const doc = docs[d]!;
      const off = pos - chunk.headStarts[i]!;
      const q = fieldStart(doc, off) ? quality : quality * INNER_FACTOR;
      hit(d, matchScore(fieldWeight(doc, off), q, letters.length, fieldLength(doc, off)));
    };
    const allHan = (chunk: Chunk, pos: number) => {
      for (let k = 0; k < letters.length; k++) if (!isHan(chunk.head.charCodeAt(pos + k))) return false;
      return true;
    };
    for (const chunk of readyChunks()) {
      if (letters.length >= 2) {
        // Places where two Han characters with the first two initials start.
        for (const pos of chunk.initialPairAt.get(letters.slice(0, 2)) ?? []) {
          if (chunk.initials.startsWith(letters, pos) && allHan(chunk, pos)) {
            score(chunk, pos, findDoc(chunk.headStarts, pos));
          }
        }
        continue;
      }
      let from = 0;
      let pos = chunk.initials.indexOf(letters);
      while (pos >= 0) {
        if (allHan(chunk, pos)) {
          from = docAt(chunk.headStarts, pos, from);
          score(chunk, pos, from);
        }
        pos = chunk.initials.indexOf(letters, pos + 1);
      }
    }
  }

  /**
   * Words of the vocabulary within one edit (two for long words) of `term`, closest first. Only
   * words starting with the term's first or second letter are tried (typists rarely miss the
   * first letter; a swap of the first two is covered), which keeps this fast on big vocabularies.
   */
  function corrections(term: string): Array<{ word: string; distance: number }> {
    const max = term.length >= 8 ? 2 : 1;
    const found: Array<{ word: string; distance: number; n: number }> = [];
    const firsts = new Set([term[0]!, term[1]!]);
    for (let len = term.length - max; len <= term.length + max; len++) {
      for (const first of firsts)
        for (const w of wordsByShape.get(shape(len, first)) ?? []) {
          const distance = editDistance(term, w, max);
          if (distance <= max) found.push({ word: w, distance, n: wordCount.get(w) ?? 0 });
        }
    }
    found.sort((a, b) => a.distance - b.distance || b.n - a.n);
    return found.slice(0, 6);
  }

  /** Han characters of `term` in pairs, found anywhere in the head (order and slips forgiven). */
  function matchPairs(term: string, hit: Hit): void {
    const pairs = new Set<string>();
    for (let i = 0; i + 1 < term.length; i++) pairs.add(term.slice(i, i + 2));
    if (pairs.size < 2) return;
    const counts = new Map<number, number>();
    for (const pair of pairs) {
      for (const chunk of readyChunks()) {
        let from = 0;
        let pos = chunk.head.indexOf(pair);
        while (pos >= 0) {
          from = docAt(chunk.headStarts, pos, from);
          const d = chunk.docs[from]!;
          counts.set(d, (counts.get(d) ?? 0) + 1);
          pos = chunk.head.indexOf(pair, chunk.headStarts[from + 1]!);
        }
      }
    }
    for (const [d, n] of counts) {
      const share = n / pairs.size;
      if (share >= 0.5) hit(d, matchScore(W_TITLE, Q_PARTIAL * share * share, term.length * share, docs[d]!.titleEnd));
    }
  }

  /**
   * Scores every article for one term. Only the last term of a query can be a word still being
   * typed; earlier ones match as prefixes only when they match nothing whole.
   */
  function scoreTerm(term: string, isLast: boolean, hit: Hit): void {
    let found = false;
    const seen: Hit = (d, s) => {
      found = true;
      hit(d, s);
    };
    if (hasHan(term)) {
      let exactDocs = 0;
      const exact = matchSubstring(term, (d, s) => {
        exactDocs++;
        seen(d, s);
      });
      const syllables = syllablesOf(term);
      // One character's homophones are everywhere; from two on, a slip is worth finding, unless
      // the term as typed is common (then it is what the agent meant).
      if (
        term.length >= 2 &&
        exactDocs < HOMOPHONE_WHEN_FEWER &&
        syllables.every((s, i) => s || isAlnum(term.charCodeAt(i)))
      ) {
        matchPinyin(syllables.map((s, i) => s || term[i]).join(''), Q_HOMOPHONE, true, seen);
      }
      if (!exact && term.length >= 3) matchPairs(term, seen);
      return;
    }
    if (!/^[a-z0-9]+$/.test(term)) {
      matchSubstring(term, seen);
      return;
    }
    const whole = hitPostings(term, Q_WHOLE, term.length, seen);
    if (isLast || !whole) matchPrefix(term, 1, seen);
    if (/^[a-z]+$/.test(term)) {
      if (term.length >= 2 && couldBePinyin(term)) matchPinyin(term, Q_PINYIN, false, seen);
      if (term.length <= 10) matchInitials(term, seen);
    }
    // A typo; or, for the word being typed, a slip that happens to start other words
    // (`ciga` → cigar…, meant cigna).
    if ((!found || (isLast && !whole)) && term.length >= 4 && /[a-z]/.test(term)) {
      for (const { word, distance } of corrections(term)) {
        const q = Q_FUZZY * (distance === 1 ? 1 : 0.8);
        hitPostings(word, q, word.length, hit);
        if (isLast) matchPrefix(word, q, hit);
      }
    }
  }

  function tagFilter(tag: string): (doc: Doc) => boolean {
    return (doc) => doc.labels.some((label) => label.startsWith(tag));
  }

  function search(query: string, options: KbSearchOptions = {}): KbHit[] {
    const limit = Math.max(0, options.limit ?? 20);
    const boost = options.boost;
    const kinds = options.kinds && options.kinds.length > 0 ? new Set(options.kinds) : null;
    const all = queryTerms(query);
    const filters = all.filter((t) => t.startsWith('#') && t.length > 1).map((t) => tagFilter(t.slice(1)));
    const terms = all.filter((t) => !t.startsWith('#'));
    const accept = (doc: Doc) => doc.alive && (!kinds || kinds.has(doc.kind)) && filters.every((f) => f(doc));

    if (terms.length === 0) {
      const listed = docs.filter(accept);
      if (boost) {
        const b = new Map(listed.map((doc) => [doc, boost(doc.id)]));
        listed.sort((x, y) => b.get(y)! - b.get(x)! || x.order - y.order);
      }
      return listed.slice(0, limit).map((doc) => ({ id: doc.id, score: 0, titleRanges: [] }));
    }

    scratch.ensure(docs.length);
    const everyTerm = scratch.next();
    scratch.touchedAll.length = 0;
    const { termStamp, termBest, docStamp, total, count } = scratch;
    terms.forEach((term, i) => {
      const stamp = scratch.next();
      scratch.touchedTerm.length = 0;
      scoreTerm(term, i === terms.length - 1, (d, s) => {
        if (termStamp[d] !== stamp) {
          termStamp[d] = stamp;
          termBest[d] = s;
          scratch.touchedTerm.push(d);
        } else if (s > termBest[d]!) termBest[d] = s;
      });
      // Rare terms count more than ones nearly every article has.
      const m = scratch.touchedTerm.length;
      const idf = 0.6 + (0.4 * Math.log((live + 1) / (m + 1))) / Math.log(live + 1);
      for (const d of scratch.touchedTerm) {
        if (docStamp[d] !== everyTerm) {
          docStamp[d] = everyTerm;
          total[d] = 0;
          count[d] = 0;
          scratch.touchedAll.push(d);
        }
        total[d] = total[d]! + termBest[d]! * idf;
        count[d] = count[d]! + 1;
      }
    });

    // Articles matching every term; if too few (and the query is long), those missing one term
    // follow at a discount.
    const n = terms.length;
    const phrase = n >= 2 && terms.every((t) => /^[a-z0-9]+$/.test(t)) ? ` ${terms.join(' ')}` : null;
    const top = new TopK(limit);
    let full = 0;
    for (const d of scratch.touchedAll) {
      const doc = docs[d]!;
      if (count[d] !== n || !accept(doc)) continue;
      let score = total[d]!;
      // Words typed in the article's own order (`go for che…`) earn a bonus.
      if (phrase) {
        if (doc.headWords.includes(phrase)) score += PHRASE_BONUS * n;
        else if (doc.bodyWords.includes(phrase)) score += PHRASE_BONUS * n * W_BODY;
      }
      top.push(d, score * (boost ? boost(doc.id) : 1), doc.order);
      full++;
    }
    if (full < limit && n >= 3) {
      for (const d of scratch.touchedAll) {
        if (count[d] === n - 1 && accept(docs[d]!)) {
          top.push(d, total[d]! * 0.5 * ((n - 1) / n) * (boost ? boost(docs[d]!.id) : 1), docs[d]!.order);
        }
      }
    }
    return top.sorted().map(({ d, score }) => ({
      id: docs[d]!.id,
      score,
      titleRanges: titleRanges(docs[d]!, terms),
    }));
  }

  /** Where the terms show in one title (computed only for the hits returned). */
  function titleRanges(doc: Doc, terms: string[]): Array<[number, number]> {
    const ranges: Array<[number, number]> = [];
    const title = doc.head.slice(0, doc.titleEnd);
    const titlePinyinEnd = doc.pinyinHead.findIndex((h) => h >= doc.titleEnd);
    const pinyinTitle = doc.pinyin.slice(0, titlePinyinEnd < 0 ? doc.pinyin.length : titlePinyinEnd);
    const initialsTitle = doc.initials.slice(0, doc.titleEnd);
    const add = (start: number, end: number) => {
      if (end > start) ranges.push([start, Math.min(end, doc.title.length)]);
    };
    const wordAt = (word: string) => {
      const at = ` ${doc.headWords.slice(1, doc.titleEnd + 1)}`.indexOf(` ${word}`);
      return at;
    };
    for (const term of terms) {
      const ascii = /^[a-z0-9]+$/.test(term);
      const at = ascii ? wordAt(term) : title.indexOf(term);
      if (at >= 0) {
        add(at, at + term.length);
        continue;
      }
      let letters = term;
      if (hasHan(term)) {
        letters = syllablesOf(term)
          .map((s, i) => s || term[i])
          .join('');
      } else if (/^[a-z]+$/.test(term)) {
        const ini = initialsTitle.indexOf(term);
        if (ini >= 0) {
          add(ini, ini + term.length);
          continue;
        }
      }
      let p = pinyinTitle.indexOf(letters);
      while (p >= 0 && doc.pinyinStart[p] !== 1) p = pinyinTitle.indexOf(letters, p + 1);
      if (p >= 0) {
        add(doc.pinyinHead[p]!, doc.pinyinHead[p + letters.length - 1]! + 1);
        continue;
      }
      if (ascii && term.length >= 4 && !wordCount.has(term)) {
        for (const { word } of corrections(term)) {
          const w = wordAt(word);
          if (w >= 0) {
            add(w, w + word.length);
            break;
          }
        }
      }
    }
    ranges.sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const r of ranges) {
      const last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    }
    return merged;
  }

  return {
    search,
    upsert,
    remove,
    get size() {
      return live;
    },
  };
}

/** Index of the article in `starts` that contains offset `pos` (binary search). */
function findDoc(starts: Int32Array, pos: number): number {
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** First index in sorted `list` whose value is not below `value`. */
function lowerBound(list: readonly string[], value: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The best `k` (doc, score) pairs; ties go to the article indexed first. */
class TopK {
  private items: Array<{ d: number; score: number; order: number }> = [];
  constructor(private readonly k: number) {}

  private worse(a: { score: number; order: number }, b: { score: number; order: number }): boolean {
    return a.score < b.score || (a.score === b.score && a.order > b.order);
  }

  push(d: number, score: number, order: number): void {
    if (this.k === 0) return;
    const item = { d, score, order };
    const h = this.items;
    if (h.length < this.k) {
      h.push(item);
      let i = h.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.worse(h[i]!, h[p]!)) break;
        [h[i], h[p]] = [h[p]!, h[i]!];
        i = p;
      }
      return;
    }
    if (!this.worse(h[0]!, item)) return;
    h[0] = item;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.worse(h[l]!, h[m]!)) m = l;
      if (r < h.length && this.worse(h[r]!, h[m]!)) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }

  sorted(): Array<{ d: number; score: number }> {
    return [...this.items].sort((a, b) => (this.worse(a, b) ? 1 : this.worse(b, a) ? -1 : 0));
  }
}
