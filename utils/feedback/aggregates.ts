import { FEEDBACK_CATEGORIES, type FeedbackCategory } from './categories';
import type { InboxItem, InboxShare } from './inbox-records';
import { MOOD_LEVELS, type MoodCounts } from './records';
import type { LoopFigures } from './replies-format';
import { addWeeks, weeksBetween, type IsoWeek } from './week';

/**
 * Breakdowns of feedback for the inbox's charts, with a **minimum group size** `k` (default 5,
 * never below 3) that no view, and no arithmetic between views, can get under.
 *
 * The rule. Every number is a sum of *cells* of one partition that is fixed before any filter is
 * looked at, and a cell is **released** only when it describes at least `k` units; a withheld
 * cell is shown as "fewer than k" and is added into **no** total, ever.
 *
 * - Items: the partition is category × week bucket. Week buckets are runs of consecutive weeks
 *   merged (newest first) until each holds at least `k` items, computed over all items, not the
 *   filtered ones, so a filter cannot move a boundary.
 * - Mood and KB gaps: the partition is the week, and the unit is a contribution (one agent's
 *   section for that week; the share id makes a re-export replace, not add). Weeks are not merged
 *   here: the same agent contributes to every week, so merging weeks would count one person
 *   several times.
 * - Filters for breakdowns select whole cells (categories, buckets or weeks). Free-text search and
 *   status filters narrow the *list* of items, never a count.
 *
 * Why differencing fails: a view's figure is the sum of the released cells it selects. The
 * difference of two views, and the remainder of a filter (everything minus the filtered view),
 * is therefore again a sum of released cells (with signs), each of which describes ≥ k units and
 * is already shown on its own in the full breakdown. No combination of views reveals anything the
 * released cells did not, and a withheld cell cannot be recovered by subtracting shown cells from
 * a total, because no total contains it. (A naive "hide groups under k" that still added the
 * small group into the totals would leak it as total − rest: see the tests.)
 *
 * What it cannot do: the inbox lists each item (that is its point), with its category and week,
 * so counts are a convenience for charts and reports, not a secret from the manager. The rule
 * protects what is never listed (mood, KB gaps) and whatever leaves the inbox as figures. It also
 * cannot stop a manager comparing the breakdowns before and after importing a single file; that
 * is why the guide asks for files to be collected and imported together, weekly.
 */

/** The default minimum group size. */
export const DEFAULT_MIN_GROUP = 5;
/** The smallest minimum group size that can be set. */
export const MIN_GROUP_FLOOR = 3;

/** The group size to use: a whole number, at least {@link MIN_GROUP_FLOOR}; the default when unset. */
export function minGroupSize(k?: number): number {
  if (k === undefined || !Number.isFinite(k)) return DEFAULT_MIN_GROUP;
  return Math.max(MIN_GROUP_FLOOR, Math.floor(k));
}

/** A run of consecutive ISO weeks, both ends included. */
export interface WeekBucket {
  from: IsoWeek;
  to: IsoWeek;
}

/**
 * Consecutive weeks merged, newest first, until each bucket holds at least `k` units; the oldest
 * weeks left under `k` join the bucket after them. With fewer than `k` units in all, one bucket
 * covers everything (and its cells are all withheld). Oldest bucket first.
 */
export function weekBuckets(weeks: readonly IsoWeek[], k: number): WeekBucket[] {
  if (weeks.length === 0) return [];
  const counts = new Map<IsoWeek, number>();
  for (const w of weeks) counts.set(w, (counts.get(w) ?? 0) + 1);
  const sorted = [...counts.keys()].sort();
  const first = sorted[0]!;
  const span = weeksBetween(first, sorted[sorted.length - 1]!);
  const out: WeekBucket[] = [];
  let acc = 0;
  let to: IsoWeek | null = null;
  for (let i = span; i >= 0; i--) {
    const w = addWeeks(first, i);
    to ??= w;
    acc += counts.get(w) ?? 0;
    if (acc >= k) {
      out.unshift({ from: w, to });
      acc = 0;
      to = null;
    }
  }
  if (to !== null) {
    if (out.length > 0) out[0] = { from: first, to: out[0]!.to };
    else out.push({ from: first, to });
  }
  return out;
}

/** Index of the bucket holding `week`, or -1. */
export function bucketOf(buckets: readonly WeekBucket[], week: IsoWeek): number {
  return buckets.findIndex((b) => b.from <= week && week <= b.to);
}

/** A released figure, or null for a withheld one ("fewer than k"). */
export type Released = number | null;

/** A breakdown's total: the sum of released cells, and how many cells were withheld from it. */
export interface ViewTotal {
  shown: number;
  withheldCells: number;
}

/** Items by category × week bucket. */
export interface CategoryWeekTable {
  k: number;
  buckets: WeekBucket[];
  /** `cells[category][bucket]`. */
  cells: Record<FeedbackCategory, Released[]>;
}

/** A selection of whole cells: categories and bucket indexes (all when absent). */
export interface CellFilter {
  categories?: readonly FeedbackCategory[];
  buckets?: readonly number[];
}

/** The category × week-bucket table of `items` under the rule (see the module comment). */
export function categoryWeekTable(
  items: ReadonlyArray<Pick<InboxItem, 'category' | 'week'>>,
  k?: number,
): CategoryWeekTable {
  const size = minGroupSize(k);
  const buckets = weekBuckets(
    items.map((i) => i.week),
    size,
  );
  const raw = Object.fromEntries(FEEDBACK_CATEGORIES.map((c) => [c, buckets.map(() => 0)])) as Record<
    FeedbackCategory,
    number[]
  >;
  for (const i of items) raw[i.category][bucketOf(buckets, i.week)]!++;
  const cells = Object.fromEntries(
    FEEDBACK_CATEGORIES.map((c) => [c, raw[c].map((n) => (n >= size ? n : null))]),
  ) as Record<FeedbackCategory, Released[]>;
  return { k: size, buckets, cells };
}

/** The total of a cell-aligned view of the table: released cells only. */
export function viewTotal(table: CategoryWeekTable, filter: CellFilter = {}): ViewTotal {
  const cats = filter.categories ?? FEEDBACK_CATEGORIES;
  const idx = filter.buckets ?? table.buckets.map((_, i) => i);
  const total: ViewTotal = { shown: 0, withheldCells: 0 };
  for (const c of cats) {
    for (const b of idx) {
      const v = table.cells[c][b];
      if (v === undefined) continue;
      if (v === null) total.withheldCells++;
      else total.shown += v;
    }
  }
  return total;
}

/** Totals per category (over the selected buckets) and per bucket (over the selected categories). */
export function tableMargins(
  table: CategoryWeekTable,
  filter: CellFilter = {},
): { byCategory: Record<FeedbackCategory, ViewTotal>; byBucket: ViewTotal[] } {
  const cats = filter.categories ?? FEEDBACK_CATEGORIES;
  const idx = filter.buckets ?? table.buckets.map((_, i) => i);
  const byCategory = Object.fromEntries(
    FEEDBACK_CATEGORIES.map((c) => [c, viewTotal(table, { categories: [c], buckets: idx })]),
  ) as Record<FeedbackCategory, ViewTotal>;
  const byBucket = table.buckets.map((_, b) => viewTotal(table, { categories: cats, buckets: [b] }));
  return { byCategory, byBucket };
}

/** Mood check-ins of one week, released when at least `k` agents contributed. */
export interface MoodWeek {
  week: IsoWeek;
  /** Contributions that week when released, else null. */
  contributions: Released;
  counts: MoodCounts | null;
}

/** Mood counts per week under the rule, oldest first, and their total over released weeks. */
export function moodByWeek(shares: readonly InboxShare[], k?: number): { weeks: MoodWeek[]; total: MoodCounts } {
  const size = minGroupSize(k);
  const byWeek = new Map<IsoWeek, MoodCounts[]>();
  for (const s of shares) if (s.kind === 'mood') byWeek.set(s.week, [...(byWeek.get(s.week) ?? []), s.counts]);
  const total: MoodCounts = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
  const weeks: MoodWeek[] = [];
  for (const week of [...byWeek.keys()].sort()) {
    const list = byWeek.get(week)!;
    if (list.length < size) {
      weeks.push({ week, contributions: null, counts: null });
      continue;
    }
    const counts: MoodCounts = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
    for (const c of list) for (const l of MOOD_LEVELS) counts[l] += c[l];
    for (const l of MOOD_LEVELS) total[l] += counts[l];
    weeks.push({ week, contributions: list.length, counts });
  }
  return { weeks, total };
}

/** KB gaps summed over the released weeks (at least `k` contributions each). */
export interface KbGapSummary {
  /** Weeks whose reports were added, and weeks withheld for having fewer than `k`. */
  releasedWeeks: IsoWeek[];
  withheldWeeks: IsoWeek[];
  /** Searches with no result, most frequent first. */
  misses: Array<{ query: string; count: number }>;
  /** Queries the agents' reports had already left out (personal-looking or seen once). */
  withheld: number;
}

/** KB gap reports summed the same way as mood: per week, released weeks only. */
export function kbGapsByWeek(
  shares: readonly InboxShare[],
  options: { k?: number; weeks?: readonly IsoWeek[]; top?: number } = {},
): KbGapSummary {
  const size = minGroupSize(options.k);
  const byWeek = new Map<IsoWeek, Array<Extract<InboxShare, { kind: 'kbGaps' }>>>();
  for (const s of shares) if (s.kind === 'kbGaps') byWeek.set(s.week, [...(byWeek.get(s.week) ?? []), s]);
  const out: KbGapSummary = { releasedWeeks: [], withheldWeeks: [], misses: [], withheld: 0 };
  const totals = new Map<string, number>();
  for (const week of [...byWeek.keys()].sort()) {
    if (options.weeks && !options.weeks.includes(week)) continue;
    const list = byWeek.get(week)!;
    if (list.length < size) {
      out.withheldWeeks.push(week);
      continue;
    }
    out.releasedWeeks.push(week);
    for (const s of list) {
      out.withheld += s.withheld;
      for (const m of s.misses) totals.set(m.query, (totals.get(m.query) ?? 0) + m.count);
    }
  }
  out.misses = [...totals]
    .map(([query, count]) => ({ query, count }))
    .sort((a, b) => b.count - a.count || a.query.localeCompare(b.query))
    .slice(0, options.top ?? 50);
  return out;
}

const DAY_MS = 86_400_000;

/**
 * The loop closing: of all items, how many have a written answer, their share, and the median
 * days from import to first answer (one decimal). About the managers' answers, not the writers.
 */
export function loopFigures(items: ReadonlyArray<Pick<InboxItem, 'receivedAt' | 'answers'>>): LoopFigures {
  const days = items
    .filter((i) => i.answers.length > 0)
    .map((i) => Math.max(0, Math.min(...i.answers.map((a) => a.at)) - i.receivedAt) / DAY_MS)
    .sort((a, b) => a - b);
  const mid = Math.floor(days.length / 2);
  const median = days.length === 0 ? null : days.length % 2 ? days[mid]! : (days[mid - 1]! + days[mid]!) / 2;
  return {
    items: items.length,
    answered: days.length,
    answeredShare: items.length === 0 ? null : Math.round((days.length / items.length) * 1000) / 1000,
    medianDaysToAnswer: median === null ? null : Math.round(median * 10) / 10,
  };
}
