import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { useKbIndex } from '@/components/useKbIndex';
import { useNow } from '@/components/useNow';
import { getDb } from '@/utils/db';
import { languageBoost } from '@/utils/kb/search-rank';
import { suggestFromContext } from '@/utils/kb/suggest';
import { recordSearchMiss, usageBoost } from '@/utils/kb/usage';
import { localDay } from '@/utils/time/day';
import { emptySearchRows, type PaletteRow } from './rows';

/**
 * The palette's articles and result rows for `query`: search hits while the agent searches;
 * otherwise the empty-search groups (suggestions for the page context set with `setContext`,
 * pinned, recent, all). Pinned, often and recently used articles rank higher, and so do those in
 * the agent's `locale`. `current` is the article of the `selected` row (the last row when fewer
 * remain), `flagged` whether the agent flagged it outdated. A search that still finds nothing
 * after a pause is counted as a KB gap.
 */
export function usePaletteRows(query: string, selected: number, locale: string) {
  const articles = useLiveQuery(() => getDb().articles.toArray(), []);
  const usage = useLiveQuery(() => getDb().articleUsage.toArray(), []);
  // Page context sent by the background (see usePalettePrefill).
  const [context, setContext] = useState<string | null>(null);

  const byId = useMemo(() => new Map((articles ?? []).map((a) => [a.id, a])), [articles]);
  // One index for the palette's life, updated article by article as the KB changes.
  const { index, version } = useKbIndex(articles);
  const now = useNow(60_000);
  const today = localDay(new Date(now));
  // Pinned, often and recently used articles rise; so do those in the agent's language.
  const boost = useMemo(() => {
    const byArticle = new Map((usage ?? []).map((u) => [u.articleId, u]));
    return (id: string) => usageBoost(byArticle.get(id), now) * languageBoost(byId.get(id)?.lang, locale);
  }, [usage, byId, locale, now]);

  // Page context sent by the background: its best matches lead the empty-search list.
  const suggested = useMemo(
    () => (context && index && version > 0 ? suggestFromContext(context, (q) => index.search(q, { limit: 10 })) : []),
    [context, index, version],
  );
  const searching = query.trim() !== '';
  const rows: PaletteRow[] = useMemo(() => {
    if (!index || version === 0) return [];
    if (searching) return index.search(query, { limit: 50, boost }).map((h) => ({ ...h, group: null }));
    return emptySearchRows({
      suggested,
      usage: usage ?? [],
      rest: index.search('', { limit: 50, boost }),
      exists: (id) => byId.has(id),
      now,
    });
  }, [index, version, query, searching, boost, suggested, usage, byId, now]);
  const currentRow = rows[Math.min(selected, rows.length - 1)];
  const current = currentRow ? byId.get(currentRow.id) : undefined;
  const flagged = !!(usage ?? []).find((u) => u.articleId === current?.id)?.outdatedWeek;

  // A search that still finds nothing after the agent paused is a gap in the KB: count it (per
  // week, locally) for the anonymised gap report.
  const noResult = index !== null && rows.length === 0 && query.trim().length >= 2;
  useEffect(() => {
    if (!noResult) return;
    const timer = setTimeout(() => void recordSearchMiss(getDb(), query, Date.now()).catch(() => undefined), 1500);
    return () => clearTimeout(timer);
  }, [noResult, query]);

  return { articles, byId, rows, currentRow, current, flagged, searching, today, setContext };
}
