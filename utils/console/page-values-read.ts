/**
 * Placeholders filled from the page: the console content script reads the text of the elements a
 * console site maps to placeholder keys (`orderNumber` → `#order-id`), so the placeholder form
 * opens with what the agent already sees. Bounded, because it runs on the console page's thread:
 * at most {@link MAX_PAGE_VALUES} selectors, {@link MAX_PAGE_VALUE_LENGTH} characters each, and a
 * time budget. Values go only to the palette (never stored, never logged). Pure and zod-free: the
 * page is reached through the `query` function the caller passes.
 */

/** At most this many placeholder keys are read from the page at once. */
export const MAX_PAGE_VALUES = 20;
/** A value read from the page is cut to this many characters. */
export const MAX_PAGE_VALUE_LENGTH = 200;
/** Reading stops after this many milliseconds; the keys not reached by then are reported. */
export const PAGE_VALUES_BUDGET_MS = 50;

/** Why a key has no value: its selector is not valid CSS, matches nothing (or only blank text), or time ran out. */
export const PAGE_VALUE_PROBLEMS = ['invalid-selector', 'not-found', 'timeout'] as const;
export type PageValueProblem = (typeof PAGE_VALUE_PROBLEMS)[number];

/** One mapping: the placeholder key and the CSS selector of the element that shows its value. */
export interface PageValueField {
  key: string;
  selector: string;
}

/** What was read: values by key, and the keys that got none (with why). */
export interface PageValues {
  values: Record<string, string>;
  problems: { key: string; problem: PageValueProblem }[];
}

/** An element's text as a value: whitespace runs made one space, trimmed, cut to the maximum length. */
export function cleanPageValue(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, MAX_PAGE_VALUE_LENGTH);
}

/**
 * Reads the fields, in order, through `query` (the text of the first element matching a selector,
 * null when none matches; it throws for an invalid selector). The first mapping of a key wins.
 * Stops at the time budget measured with `now` (milliseconds).
 */
export function readPageValues(
  fields: readonly PageValueField[],
  query: (selector: string) => string | null,
  now: () => number,
  budgetMs = PAGE_VALUES_BUDGET_MS,
): PageValues {
  const out: PageValues = { values: {}, problems: [] };
  const started = now();
  const seen = new Set<string>();
  for (const { key, selector } of fields.slice(0, MAX_PAGE_VALUES)) {
    if (seen.has(key)) continue;
    seen.add(key);
    if (now() - started > budgetMs) {
      out.problems.push({ key, problem: 'timeout' });
      continue;
    }
    let text: string | null;
    try {
      text = query(selector);
    } catch {
      out.problems.push({ key, problem: 'invalid-selector' });
      continue;
    }
    const value = text === null ? '' : cleanPageValue(text);
    if (value) out.values[key] = value;
    else out.problems.push({ key, problem: 'not-found' });
  }
  return out;
}
