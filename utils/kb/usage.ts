import { z } from 'zod';
import { storedArticleIdSchema } from './article';

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
