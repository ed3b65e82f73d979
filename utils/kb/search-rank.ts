/**
 * How search results are ranked, in one place: the quality of each kind of match, how a match's
 * field and coverage count, how rare terms weigh more, what a phrase or a near-miss is worth, and
 * the boosts callers apply (pins and frecency, the agent's own language). A change to ranking
 * touches this file only. Pure, and imports nothing: the palette reads its boosts without loading
 * the search engine or its pinyin dictionary (useKbIndex loads those later).
 */

// Field weights: where a term is found.
export const W_TITLE = 1;
export const W_KEYWORD = 0.9;
export const W_TAG = 0.75;
export const W_BODY = 0.4;
/** Field length assumed for body matches (bodies are long; coverage barely counts there). */
export const BODY_LENGTH = 200;
/** A match not at the start of its field counts a little less. */
export const INNER_FACTOR = 0.92;

// Match quality: how a term was found.
export const Q_WHOLE = 1;
export const Q_PREFIX = 0.85;
export const Q_PINYIN = 0.8;
export const Q_PINYIN_PARTIAL = 0.7;
export const Q_INITIALS = 0.72;
/** Initials of one or two characters are weaker evidence than three or more. */
export const Q_INITIALS_SHORT_FACTOR = 0.85;
export const Q_HOMOPHONE = 0.65;
export const Q_FUZZY = 0.6;
/** A typo two edits away counts this much of one edit away. */
export const Q_FUZZY_TWO_EDITS_FACTOR = 0.8;
export const Q_PARTIAL = 0.45;

/** Homophones of a Han term are looked for only when fewer articles have it as typed. */
export const HOMOPHONE_WHEN_FEWER = 30;
/** How much a phrase typed in the article's own word order adds, per term. */
export const PHRASE_BONUS = 0.5;
/** Articles matching all but one of three or more terms follow at this share of their score. */
export const NEAR_MISS_FACTOR = 0.5;

/**
 * A match's score: where × how × how much of that field it covers. Coverage counts most in the
 * title: a query that is most of a short title is a strong answer; a whole tag is less so.
 */
export function matchScore(weight: number, quality: number, matched: number, fieldLen: number): number {
  const coverage = Math.min(1, matched / Math.max(1, fieldLen));
  return weight * quality * (1 + (weight === W_TITLE ? 0.5 : 0.2) * coverage);
}

/** How much a term counts: rare terms (in `matching` of `live` articles) more than common ones. */
export function termWeight(matching: number, live: number): number {
  return 0.6 + (0.4 * Math.log((live + 1) / (matching + 1))) / Math.log(live + 1);
}

/** The score of an article that matched all but one of `terms` terms. */
export function nearMissScore(total: number, terms: number): number {
  return total * NEAR_MISS_FACTOR * ((terms - 1) / terms);
}

/** A pinned article's boost (see `usageBoost` in usage.ts). */
export const PINNED_BOOST = 1.6;
/** The most that frequent and recent use add to an article's boost (see `usageBoost` in usage.ts). */
export const USED_BOOST = 0.3;

/** Articles in the agent's own language rise a little above the same match in the other one. */
export const SAME_LANGUAGE_BOOST = 1.1;

/** The boost of an article in `lang` for an agent reading `locale`. */
export function languageBoost(lang: string | undefined, locale: string): number {
  return lang === locale ? SAME_LANGUAGE_BOOST : 1;
}

/** The best `k` (doc, score) pairs; ties go to the article indexed first. */
export class TopK {
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
