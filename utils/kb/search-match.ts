import { docAt, fieldLength, fieldStart, fieldWeight, type Chunk } from './search-doc';
import {
  BODY_LENGTH,
  HOMOPHONE_WHEN_FEWER,
  INNER_FACTOR,
  matchScore,
  Q_FUZZY,
  Q_FUZZY_TWO_EDITS_FACTOR,
  Q_HOMOPHONE,
  Q_INITIALS,
  Q_INITIALS_SHORT_FACTOR,
  Q_PARTIAL,
  Q_PINYIN,
  Q_PINYIN_PARTIAL,
  Q_PREFIX,
  Q_WHOLE,
  W_BODY,
  W_TITLE,
} from './search-rank';
import { findDoc, lowerBound, type KbStore } from './search-store';
import { hasHan, isAlnum, isHan, syllablesOf } from './search-text';

/**
 * The term matchers: one per way an agent types a term (hanzi, English words, prefixes, pinyin,
 * initials, homophones, character pairs, typos). Each calls `hit(doc, score)` for every match it
 * finds; `scoreTerm` chooses which to run for a term. Scores come from search-rank.ts.
 */

/** Called for every match: the article's index and the match's score. */
export type Hit = (d: number, score: number) => void;

/** A Han (or mixed) `term` as a substring of title/keywords/tags/category and body. */
function matchSubstring(store: KbStore, term: string, hit: Hit): boolean {
  let found = false;
  for (const chunk of store.readyChunks()) {
    let from = 0;
    let pos = chunk.head.indexOf(term);
    while (pos >= 0) {
      from = docAt(chunk.headStarts, pos, from);
      const d = chunk.docs[from]!;
      const doc = store.docs[d]!;
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
function hitPostings(store: KbStore, word: string, quality: number, matched: number, hit: Hit): boolean {
  const p = store.postings.get(word);
  if (!p) return false;
  let found = false;
  for (let i = 0; i < p.docs.length; i++) {
    const d = p.docs[i]!;
    if (!store.docs[d]!.alive) continue;
    hit(d, matchScore(p.weights[i]!, quality, matched, p.lengths[i]!));
    found = true;
  }
  return found;
}

/** An English `term` as the start of longer words (a word still being typed). */
function matchPrefix(store: KbStore, term: string, quality: number, hit: Hit): void {
  const vocab = store.sortedVocabulary();
  for (let i = lowerBound(vocab, term); i < vocab.length && vocab[i]!.startsWith(term); i++) {
    if (vocab[i] !== term) hitPostings(store, vocab[i]!, Q_PREFIX * quality, term.length, hit);
  }
}

/** True when `letters` could be pinyin of indexed syllables (the last one may be unfinished). */
function couldBePinyin(store: KbStore, letters: string): boolean {
  const ok = new Uint8Array(letters.length + 1);
  ok[0] = 1;
  for (let i = 0; i < letters.length; i++) {
    if (!ok[i]) continue;
    for (let len = 1; len <= 6 && i + len <= letters.length; len++) {
      if (store.syllableCount.has(letters.slice(i, i + len))) ok[i + len] = 1;
    }
    // An unfinished last syllable: any prefix of an indexed syllable.
    if (!ok[letters.length]) {
      const rest = letters.slice(i);
      if (rest.length <= 5) for (const s of store.syllableCount.keys()) if (s.startsWith(rest)) return true;
    }
  }
  return ok[letters.length] === 1;
}

/**
 * `letters` in the head's pinyin, starting on a syllable. `complete` when the match must end on
 * a syllable boundary too (a homophone: whole syllables of the query's own pinyin). Only the
 * places where a syllable that could begin `letters` starts are tried.
 */
function matchPinyin(store: KbStore, letters: string, quality: number, complete: boolean, hit: Hit): number {
  const firsts = [...store.syllableCount.keys()].filter((s) => letters.startsWith(s) || s.startsWith(letters));
  let n = 0;
  for (const chunk of store.readyChunks()) {
    for (const syl of firsts) {
      for (const pos of chunk.syllableAt.get(syl) ?? []) {
        if (!chunk.pinyin.startsWith(letters, pos)) continue;
        const endPos = pos + letters.length;
        const endCode = chunk.pinyin.charCodeAt(endPos);
        const atBoundary = chunk.pinyinStart[endPos] === 1 || !(endCode >= 97 && endCode <= 122);
        if (!atBoundary && complete) continue;
        const i = findDoc(chunk.pinyinStarts, pos);
        const d = chunk.docs[i]!;
        const doc = store.docs[d]!;
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
function matchInitials(store: KbStore, letters: string, hit: Hit): void {
  const quality = letters.length >= 3 ? Q_INITIALS : Q_INITIALS * Q_INITIALS_SHORT_FACTOR;
  const score = (chunk: Chunk, pos: number, i: number) => {
    const d = chunk.docs[i]!;
    const doc = store.docs[d]!;
    const off = pos - chunk.headStarts[i]!;
    const q = fieldStart(doc, off) ? quality : quality * INNER_FACTOR;
    hit(d, matchScore(fieldWeight(doc, off), q, letters.length, fieldLength(doc, off)));
  };
  const allHan = (chunk: Chunk, pos: number) => {
    for (let k = 0; k < letters.length; k++) if (!isHan(chunk.head.charCodeAt(pos + k))) return false;
    return true;
  };
  for (const chunk of store.readyChunks()) {
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

/** Han characters of `term` in pairs, found anywhere in the head (order and slips forgiven). */
function matchPairs(store: KbStore, term: string, hit: Hit): void {
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < term.length; i++) pairs.add(term.slice(i, i + 2));
  if (pairs.size < 2) return;
  const counts = new Map<number, number>();
  for (const pair of pairs) {
    for (const chunk of store.readyChunks()) {
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
    if (share >= 0.5)
      hit(d, matchScore(W_TITLE, Q_PARTIAL * share * share, term.length * share, store.docs[d]!.titleEnd));
  }
}

/**
 * Scores every article for one term. Only the last term of a query can be a word still being
 * typed; earlier ones match as prefixes only when they match nothing whole.
 */
export function scoreTerm(store: KbStore, term: string, isLast: boolean, hit: Hit): void {
  let found = false;
  const seen: Hit = (d, s) => {
    found = true;
    hit(d, s);
  };
  if (hasHan(term)) {
    let exactDocs = 0;
    const exact = matchSubstring(store, term, (d, s) => {
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
      matchPinyin(store, syllables.map((s, i) => s || term[i]).join(''), Q_HOMOPHONE, true, seen);
    }
    if (!exact && term.length >= 3) matchPairs(store, term, seen);
    return;
  }
  if (!/^[a-z0-9]+$/.test(term)) {
    matchSubstring(store, term, seen);
    return;
  }
  const whole = hitPostings(store, term, Q_WHOLE, term.length, seen);
  if (isLast || !whole) matchPrefix(store, term, 1, seen);
  if (/^[a-z]+$/.test(term)) {
    if (term.length >= 2 && couldBePinyin(store, term)) matchPinyin(store, term, Q_PINYIN, false, seen);
    if (term.length <= 10) matchInitials(store, term, seen);
  }
  // A typo; or, for the word being typed, a slip that happens to start other words
  // (`ciga` → cigar…, meant cigna).
  if ((!found || (isLast && !whole)) && term.length >= 4 && /[a-z]/.test(term)) {
    for (const { word, distance } of store.corrections(term)) {
      const q = Q_FUZZY * (distance === 1 ? 1 : Q_FUZZY_TWO_EDITS_FACTOR);
      hitPostings(store, word, q, word.length, hit);
      if (isLast) matchPrefix(store, word, q, hit);
    }
  }
}
