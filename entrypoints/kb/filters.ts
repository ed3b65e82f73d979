import { isStale, type Article, type ArticleKind } from '@/utils/kb/article';

/** The list's dropdown filters; '' means any. `source` is `local`, `sample` or `pack:<packId>`. */
export interface KbFilters {
  kind: ArticleKind | '';
  category: string;
  tag: string;
  source: string;
  staleOnly: boolean;
}

export const NO_FILTERS: KbFilters = { kind: '', category: '', tag: '', source: '', staleOnly: false };

/** The value of the source filter that selects `a`. */
export function sourceKey(a: Pick<Article, 'source' | 'packId'>): string {
  return a.source === 'pack' ? `pack:${a.packId ?? ''}` : a.source;
}

/** Whether `a` passes every filter set, on `today` (`YYYY-MM-DD`). */
export function passesFilters(a: Article, f: KbFilters, today: string): boolean {
  return (
    (!f.kind || a.kind === f.kind) &&
    (!f.category || a.category === f.category) &&
    (!f.tag || a.tags.includes(f.tag)) &&
    (!f.source || sourceKey(a) === f.source) &&
    (!f.staleOnly || isStale(a, today))
  );
}

/** What the dropdowns offer. */
export interface FilterChoices {
  categories: string[];
  tags: string[];
  packIds: string[];
}

/** Distinct categories, tags and pack ids of the articles, sorted for the dropdowns. */
export function filterChoices(articles: readonly Article[], locale: string): FilterChoices {
  const categories = new Set<string>();
  const tags = new Set<string>();
  const packIds = new Set<string>();
  for (const a of articles) {
    if (a.category) categories.add(a.category);
    for (const tag of a.tags) tags.add(tag);
    if (a.source === 'pack' && a.packId) packIds.add(a.packId);
  }
  const sort = (s: Set<string>) => [...s].sort((x, y) => x.localeCompare(y, locale));
  return { categories: sort(categories), tags: sort(tags), packIds: sort(packIds) };
}
