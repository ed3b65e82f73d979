/**
 * Suggestions from page context (the text of a page element a page rule names, e.g. the ticket
 * subject): the context is cut into short queries, each searched on its own, and articles are
 * ranked by the scores they collect. Pure; the caller passes its index's `search`.
 */

/** At most this many queries are run for one context. */
export const MAX_CONTEXT_QUERIES = 24;

/**
 * Short queries from free text: Latin words of 3+ letters, and Han runs (runs of up to four
 * characters as they are, longer runs as overlapping pairs). Digits-only tokens (order numbers)
 * are left out; duplicates once.
 */
export function contextQueries(context: string): string[] {
  const out: string[] = [];
  const add = (q: string) => {
    if (out.length < MAX_CONTEXT_QUERIES && !out.includes(q)) out.push(q);
  };
  for (const m of context.normalize('NFKC').matchAll(/[\p{Script=Han}]+|[\p{L}\p{N}'-]+/gu)) {
    const token = m[0];
    if (/\p{Script=Han}/u.test(token)) {
      if (token.length <= 4) add(token);
      else for (let i = 0; i + 2 <= token.length; i++) add(token.slice(i, i + 2));
    } else if (token.length >= 3 && !/^[\d'-]+$/.test(token)) add(token.toLowerCase());
  }
  return out;
}

/** Article ids best matching `context`, best first (summed scores over its queries). */
export function suggestFromContext(
  context: string,
  search: (query: string) => ReadonlyArray<{ id: string; score: number }>,
  limit = 5,
): string[] {
  const totals = new Map<string, number>();
  for (const q of contextQueries(context)) {
    for (const hit of search(q)) totals.set(hit.id, (totals.get(hit.id) ?? 0) + hit.score);
  }
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([id]) => id);
}
