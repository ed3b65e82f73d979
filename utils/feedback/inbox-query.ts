import { FEEDBACK_CATEGORIES, severityRank, type FeedbackCategory, type FeedbackSeverity } from './categories';
import { INBOX_STATUSES, type InboxItem, type InboxStatus } from './inbox-records';
import type { InboxSearch } from './inbox-search';

/**
 * The inbox list: filter, search and sort items. These narrow what the manager reads; they never
 * produce counts for charts (those go through aggregates.ts and its group-size rule).
 */

/** What the list shows. Every field left out means "any". */
export interface InboxFilter {
  categories?: readonly FeedbackCategory[];
  /** `none` is an item without a severity. */
  severities?: ReadonlyArray<FeedbackSeverity | 'none'>;
  statuses?: readonly InboxStatus[];
  /** ISO weeks, both ends included. */
  fromWeek?: string;
  toWeek?: string;
  signed?: 'signed' | 'anonymous';
  /** Fuzzy text search (needs the search index). */
  query?: string;
}

/** List orders. `relevance` applies with a query (otherwise it is `newest`). */
export const INBOX_SORTS = ['relevance', 'newest', 'oldest', 'severity', 'status', 'category'] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];

/** One row of the list, with highlight ranges in its text when a query matched. */
export interface InboxRow {
  item: InboxItem;
  ranges: Array<[number, number]>;
  score: number;
}

function matchesFilter(i: InboxItem, f: InboxFilter): boolean {
  if (f.categories && !f.categories.includes(i.category)) return false;
  if (f.severities && !f.severities.includes(i.severity ?? 'none')) return false;
  if (f.statuses && !f.statuses.includes(i.status)) return false;
  if (f.fromWeek && i.week < f.fromWeek) return false;
  if (f.toWeek && i.week > f.toWeek) return false;
  if (f.signed === 'signed' && i.signedBy === undefined) return false;
  if (f.signed === 'anonymous' && i.signedBy !== undefined) return false;
  return true;
}

const STATUS_RANK = new Map(INBOX_STATUSES.map((s, i) => [s, i]));
const CATEGORY_RANK = new Map(FEEDBACK_CATEGORIES.map((c, i) => [c, i]));

/** Newest week first; ties by id, which is random, so the order says nothing about files. */
function byNewest(a: InboxItem, b: InboxItem): number {
  return a.week < b.week ? 1 : a.week > b.week ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const COMPARE: Record<Exclude<InboxSort, 'relevance'>, (a: InboxItem, b: InboxItem) => number> = {
  newest: byNewest,
  oldest: (a, b) => -byNewest(a, b),
  severity: (a, b) => severityRank(b.severity) - severityRank(a.severity) || byNewest(a, b),
  status: (a, b) => STATUS_RANK.get(a.status)! - STATUS_RANK.get(b.status)! || byNewest(a, b),
  category: (a, b) => CATEGORY_RANK.get(a.category)! - CATEGORY_RANK.get(b.category)! || byNewest(a, b),
};

/** The list for a filter and order. With a query, only matching items, with their ranges. */
export function queryInbox(
  items: readonly InboxItem[],
  filter: InboxFilter,
  sort: InboxSort,
  search?: InboxSearch,
): InboxRow[] {
  const q = filter.query?.trim() ?? '';
  const hits = q && search ? new Map(search.search(q).map((h) => [h.id, h])) : null;
  const rows: InboxRow[] = [];
  for (const item of items) {
    if (!matchesFilter(item, filter)) continue;
    if (hits) {
      const h = hits.get(item.id);
      if (!h) continue;
      rows.push({ item, ranges: h.ranges, score: h.score });
    } else rows.push({ item, ranges: [], score: 0 });
  }
  if (sort === 'relevance' && hits) rows.sort((a, b) => b.score - a.score || byNewest(a.item, b.item));
  else rows.sort((a, b) => COMPARE[sort === 'relevance' ? 'newest' : sort](a.item, b.item));
  return rows;
}
