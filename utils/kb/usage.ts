import { z } from 'zod';
import type { SeatmateDb } from '../db';
import { isoWeek } from '../time/day';
import { storedArticleIdSchema } from './article';
import { normalizeText } from './normalize';
import { PINNED_BOOST, USED_BOOST } from './search-rank';

/**
 * How the agent uses an article: pinned or not, and a frecency score (uses that decay with a
 * half-life), so pinned and frequently used articles rise in search. Kept apart from the article
 * so a pack update never resets it.
 */
export const articleUsageSchema = z.object({
  articleId: storedArticleIdSchema,
  pinned: z.boolean(),
  uses: z.number().int().nonnegative(),
  /** ms since epoch of the last insert or copy; 0 if never used. */
  lastUsedAt: z.number().int().nonnegative(),
  /** Decayed use count as of `lastUsedAt` (see {@link frecencyAt}). */
  frecency: z.number().nonnegative(),
  /**
   * The ISO week the agent flagged the article as outdated (never a finer time), for the KB gap
   * report; absent when not flagged.
   */
  outdatedWeek: z
    .string()
    .regex(/^\d{4}-W\d{2}$/)
    .optional(),
});
export type ArticleUsage = z.infer<typeof articleUsageSchema>;

/** Half-life of a use: a use a week ago counts half as much as one today. */
export const FRECENCY_HALF_LIFE_MS = 7 * 24 * 3600 * 1000;

/** The usage's frecency decayed to `now`. */
export function frecencyAt(u: Pick<ArticleUsage, 'frecency' | 'lastUsedAt'>, now: number): number {
  if (u.frecency === 0) return 0;
  const age = Math.max(0, now - u.lastUsedAt);
  return u.frecency * Math.pow(0.5, age / FRECENCY_HALF_LIFE_MS);
}

/** The usage after one more use at `now`. */
export function withUse(u: ArticleUsage | undefined, articleId: string, now: number): ArticleUsage {
  const base = u ?? { articleId, pinned: false, uses: 0, lastUsedAt: 0, frecency: 0 };
  return { ...base, uses: base.uses + 1, lastUsedAt: now, frecency: frecencyAt(base, now) + 1 };
}

/**
 * A search that found nothing, counted per ISO week (never finer), for the anonymised KB gap
 * report. `key` is `<week> <normalised query>`.
 */
export const searchMissSchema = z.object({
  key: z.string().min(1).max(220),
  /** ISO week, e.g. `2026-W47`. */
  week: z.string().regex(/^\d{4}-W\d{2}$/),
  query: z.string().min(1).max(200),
  count: z.number().int().positive(),
});
export type SearchMiss = z.infer<typeof searchMissSchema>;

/** A search query folded for counting: trimmed, single-spaced, lower case, full-width folded. */
export function normalizeMissQuery(query: string): string {
  return normalizeText(query).replace(/\s+/g, ' ').trim().slice(0, 200);
}

/**
 * True when a query may carry customer data and must never leave the browser in a report:
 * 4+ digits (phone, order, card, policy numbers), an e-mail address, or a long string.
 */
export function looksPersonal(query: string): boolean {
  return /\d[\d\s-]{2,}\d/.test(query) || /\S+@\S+/.test(query) || query.length > 40;
}

/** Records one use (insert or copy) of an article, for frecency. */
export async function recordUse(db: SeatmateDb, articleId: string, now: number): Promise<void> {
  const id = storedArticleIdSchema.parse(articleId);
  await db.transaction('rw', db.articleUsage, async () => {
    const next = articleUsageSchema.parse(withUse(await db.articleUsage.get(id), id, now));
    await db.articleUsage.put(next);
  });
}

/**
 * Flags an article as outdated in the week of `now` (`on`), or takes the flag back. Local only;
 * the KB gap report lists flagged articles so a team lead learns which scripts are wrong.
 */
export async function flagOutdated(db: SeatmateDb, articleId: string, on: boolean, now: number): Promise<void> {
  const id = storedArticleIdSchema.parse(articleId);
  await db.transaction('rw', db.articleUsage, async () => {
    const base = (await db.articleUsage.get(id)) ?? {
      articleId: id,
      pinned: false,
      uses: 0,
      lastUsedAt: 0,
      frecency: 0,
    };
    const { outdatedWeek: _old, ...rest } = base;
    await db.articleUsage.put(articleUsageSchema.parse(on ? { ...rest, outdatedWeek: isoWeek(new Date(now)) } : rest));
  });
}

/** Counts a search that found nothing, in the week of `now` (nothing finer is kept). */
export async function recordSearchMiss(db: SeatmateDb, query: string, now: number): Promise<void> {
  const q = normalizeMissQuery(query);
  if (q.length < 2) return;
  const week = isoWeek(new Date(now));
  const key = `${week} ${q}`;
  await db.transaction('rw', db.searchMisses, async () => {
    const known = await db.searchMisses.get(key);
    await db.searchMisses.put(searchMissSchema.parse({ key, week, query: q, count: (known?.count ?? 0) + 1 }));
  });
}

/** Boost for search ranking: pinned articles first, then frequently and recently used ones. */
export function usageBoost(u: ArticleUsage | undefined, now: number): number {
  if (!u) return 1;
  const used = Math.min(1, Math.log2(1 + frecencyAt(u, now)) / 4);
  return (u.pinned ? PINNED_BOOST : 1) + USED_BOOST * used;
}

/** The anonymised KB gap report: what agents searched for and did not find. */
export interface KbGapReport {
  format: 'seatmate-kb-gaps';
  schemaVersion: 1;
  /** First and last ISO week covered. */
  weeks: { from: string; to: string } | null;
  /** Searches with no result, most frequent first, counts only. */
  misses: Array<{ query: string; count: number }>;
  /** How many distinct queries were left out because they looked personal or were seen once. */
  withheld: number;
  /** Articles the agent flagged as outdated, with the week they were flagged (oldest first). */
  outdated: Array<{ articleId: string; title: string; week: string }>;
}

/** An article flagged as outdated, as the gap report lists it. */
export interface OutdatedFlag {
  articleId: string;
  title: string;
  week: string;
}

/**
 * Builds the KB gap report from recorded misses: counts per query over the given weeks, without
 * any timestamp finer than a week. Queries that look like customer data, and queries seen only
 * once (a one-off can identify who typed it), are withheld and only counted.
 */
export function buildKbGapReport(
  misses: readonly SearchMiss[],
  options: { top?: number; outdated?: readonly OutdatedFlag[] } = {},
): KbGapReport {
  const totals = new Map<string, number>();
  const weeks = [...misses.map((m) => m.week), ...(options.outdated ?? []).map((o) => o.week)].sort();
  for (const m of misses) totals.set(m.query, (totals.get(m.query) ?? 0) + m.count);
  let withheld = 0;
  const kept: Array<{ query: string; count: number }> = [];
  for (const [query, count] of totals) {
    if (count < 2 || looksPersonal(query)) withheld++;
    else kept.push({ query, count });
  }
  kept.sort((a, b) => b.count - a.count || a.query.localeCompare(b.query));
  return {
    format: 'seatmate-kb-gaps',
    schemaVersion: 1,
    weeks: weeks.length > 0 ? { from: weeks[0]!, to: weeks[weeks.length - 1]! } : null,
    misses: kept.slice(0, options.top ?? 50),
    withheld,
    outdated: [...(options.outdated ?? [])].sort(
      (a, b) => a.week.localeCompare(b.week) || a.title.localeCompare(b.title),
    ),
  };
}
