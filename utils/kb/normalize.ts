/**
 * Folds case and full-width forms so `ＲＥＦＵＮＤ`, `Refund` and `refund` meet. Kept apart from
 * search-text.ts (which loads the pinyin dictionary), so pages that only need this stay light.
 */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}
