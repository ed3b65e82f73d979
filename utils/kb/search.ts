import type { Doc, SearchableArticle } from './search-doc';
import { scoreTerm } from './search-match';
import { titleRanges } from './search-highlight';
import { nearMissScore, PHRASE_BONUS, termWeight, TopK, W_BODY } from './search-rank';
import { KbStore } from './search-store';
import { normalizeText, queryTerms } from './search-text';

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
 * The parts: the index data and its updates (search-store.ts), one matcher per kind of term
 * (search-match.ts), ranking constants and boosts (search-rank.ts), title highlights
 * (search-highlight.ts); this file combines the terms of a query.
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

/** Builds a search index over the given articles (copied; use `upsert`/`remove` for changes). */
export function createKbIndex(articles: readonly SearchableArticle[]): KbIndex {
  const store = new KbStore();
  const { docs } = store;
  const scratch = new Scratch();
  for (const a of articles) store.upsert(a);
  store.sortedVocabulary();

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
      scoreTerm(store, term, i === terms.length - 1, (d, s) => {
        if (termStamp[d] !== stamp) {
          termStamp[d] = stamp;
          termBest[d] = s;
          scratch.touchedTerm.push(d);
        } else if (s > termBest[d]!) termBest[d] = s;
      });
      // Rare terms count more than ones nearly every article has.
      const idf = termWeight(scratch.touchedTerm.length, store.live);
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
          top.push(d, nearMissScore(total[d]!, n) * (boost ? boost(docs[d]!.id) : 1), docs[d]!.order);
        }
      }
    }
    return top.sorted().map(({ d, score }) => ({
      id: docs[d]!.id,
      score,
      titleRanges: titleRanges(store, docs[d]!, terms),
    }));
  }

  return {
    search,
    upsert: (a) => store.upsert(a),
    remove: (id) => store.remove(id),
    get size() {
      return store.live;
    },
  };
}
