import { useI18n } from '@/components/I18nProvider';
import type { Article } from '@/utils/kb/article';
import { ArticleRow } from './ArticleRow';

/**
 * The list of matching articles. Renders the first `visibleCount` only (a KB may hold tens of
 * thousands); "Show more" renders more.
 */
export function ArticleList({
  loading,
  searching,
  indexProgress,
  capped,
  query,
  total,
  rows,
  visibleCount,
  ranges,
  selectedId,
  pinned,
  packNames,
  today,
  onSelect,
  onPin,
  onShowMore,
}: {
  loading: boolean;
  searching: boolean;
  /** 0–1: how much of the KB the search index holds yet. */
  indexProgress: number;
  /** The search returned as many hits as asked for; there may be more, less relevant ones. */
  capped: boolean;
  query: string;
  total: number;
  rows: readonly Article[];
  visibleCount: number;
  ranges: ReadonlyMap<string, Array<[number, number]>>;
  selectedId: string | null;
  pinned: ReadonlySet<string>;
  packNames: ReadonlyMap<string, string>;
  today: string;
  onSelect: (id: string) => void;
  onPin: (a: Article, pin: boolean) => void;
  onShowMore: () => void;
}) {
  const { t } = useI18n();
  const visible = rows.slice(0, visibleCount);
  let empty: string | null = null;
  if (loading) empty = t('kb.loading');
  else if (searching) empty = t('kb.indexing', { count: total, percent: Math.floor(indexProgress * 100) });
  else if (total === 0) empty = t('kb.emptyKb');
  else if (rows.length === 0) empty = query ? t('kb.noMatch', { query }) : t('kb.noFilterMatch');

  return (
    <section className="kb-list" aria-label={t('kb.listLabel')}>
      <p className="kb-count sm-muted" data-testid="kb-count" aria-live="polite">
        {loading || searching
          ? '…'
          : capped
            ? t('kb.countCapped', { shown: rows.length, total })
            : t('kb.count', { shown: rows.length, total })}
      </p>
      {empty ? (
        <p className="kb-empty sm-muted" data-testid="kb-empty">
          {empty}
        </p>
      ) : (
        <ul className="kb-rows" data-testid="kb-list">
          {visible.map((a) => (
            <ArticleRow
              key={a.id}
              article={a}
              ranges={ranges.get(a.id) ?? []}
              selected={a.id === selectedId}
              pinned={pinned.has(a.id)}
              packName={a.packId ? packNames.get(a.packId) : undefined}
              today={today}
              onSelect={onSelect}
              onPin={onPin}
            />
          ))}
        </ul>
      )}
      {rows.length > visible.length ? (
        <button type="button" className="kb-show-more" onClick={onShowMore} data-testid="kb-show-more">
          {t('kb.showMore', { count: rows.length - visible.length })}
        </button>
      ) : null}
    </section>
  );
}
