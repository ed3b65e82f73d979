/**
 * Knowledge-base search (baseline). Contract (DESIGN.md): `createKbIndex(articles)` returns an
 * index whose `search(query, { limit })` gives hits best first, each with the article `id`, a
 * `score` (higher is better) and highlight ranges for the title. Runs in Node with no browser
 * globals.
 *
 * This baseline matches normalised substrings (case- and width-insensitive) in title, tags and
 * body; every query term must match somewhere. Pinyin, initials and typo tolerance are not here.
 */

/** The least an article must carry to be searched. */
export interface SearchableArticle {
  id: string;
  title: string;
  body: string;
  tags: readonly string[];
}

/** One search result. `titleRanges` are [start, end) offsets into the original title. */
export interface KbHit {
  id: string;
  score: number;
  titleRanges: Array<[number, number]>;
}

export interface KbIndex {
  /** Hits best first; an empty or blank query returns the first `limit` articles in order. */
  search(query: string, options?: { limit?: number }): KbHit[];
  readonly size: number;
}

const WEIGHT_TITLE = 4;
const WEIGHT_TAG = 2;
const WEIGHT_BODY = 1;

/** Folds case and full-width forms so `ＲＥＦＵＮＤ`, `Refund` and `refund` meet. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

interface Entry {
  id: string;
  title: string;
  titleNorm: string;
  tagsNorm: string[];
  bodyNorm: string;
  order: number;
}

/** Builds a search index over the given articles (they are copied; later edits are not seen). */
export function createKbIndex(articles: readonly SearchableArticle[]): KbIndex {
  const entries: Entry[] = articles.map((a, order) => ({
    id: a.id,
    title: a.title,
    titleNorm: normalizeText(a.title),
    tagsNorm: a.tags.map(normalizeText),
    bodyNorm: normalizeText(a.body),
    order,
  }));

  function search(query: string, options: { limit?: number } = {}): KbHit[] {
    const limit = Math.max(0, options.limit ?? 20);
    const terms = normalizeText(query).split(/\s+/).filter(Boolean);
    if (terms.length === 0) {
      return entries.slice(0, limit).map((e) => ({ id: e.id, score: 0, titleRanges: [] }));
    }
    const hits: Array<KbHit & { order: number; titleLength: number }> = [];
    for (const e of entries) {
      let score = 0;
      let allMatched = true;
      const titleRanges: Array<[number, number]> = [];
      for (const term of terms) {
        let termScore = 0;
        const inTitle = e.titleNorm.indexOf(term);
        if (inTitle >= 0) {
          termScore += WEIGHT_TITLE + (inTitle === 0 ? 1 : 0);
          // NFKC can change lengths for a few characters; ranges are exact for the common case.
          titleRanges.push([inTitle, inTitle + term.length]);
        }
        if (e.tagsNorm.some((t) => t === term)) termScore += WEIGHT_TAG * 1.5;
        else if (e.tagsNorm.some((t) => t.includes(term))) termScore += WEIGHT_TAG;
        if (e.bodyNorm.includes(term)) termScore += WEIGHT_BODY;
        if (termScore === 0) {
          allMatched = false;
          break;
        }
        score += termScore;
      }
      if (allMatched) hits.push({ id: e.id, score, titleRanges, order: e.order, titleLength: e.title.length });
    }
    hits.sort((a, b) => b.score - a.score || a.titleLength - b.titleLength || a.order - b.order);
    return hits.slice(0, limit).map(({ id, score, titleRanges }) => ({ id, score, titleRanges }));
  }

  return { search, size: entries.length };
}
