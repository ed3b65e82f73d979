import { memo } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { isStale, type Article } from '@/utils/kb/article';
import { ArticleBadges } from './ArticleBadges';
import { HighlightedTitle } from '@/components/HighlightedTitle';

/** One article in the list: title, badges, category and tags, and a pin star. */
export const ArticleRow = memo(function ArticleRow({
  article: a,
  ranges,
  selected,
  pinned,
  packName,
  today,
  onSelect,
  onPin,
}: {
  article: Article;
  ranges: ReadonlyArray<[number, number]>;
  selected: boolean;
  pinned: boolean;
  packName: string | undefined;
  today: string;
  onSelect: (id: string) => void;
  onPin: (a: Article, pin: boolean) => void;
}) {
  const { t } = useI18n();
  return (
    <li
      className={selected ? 'kb-row selected' : 'kb-row'}
      data-testid="kb-row"
      data-article-id={a.id}
      data-stale={isStale(a, today)}
      aria-current={selected ? 'true' : undefined}
    >
      <button
        type="button"
        className="kb-row-pin"
        aria-pressed={pinned}
        aria-label={t(pinned ? 'kb.unpinLabel' : 'kb.pinLabel', { title: a.title })}
        title={t(pinned ? 'kb.unpin' : 'kb.pin')}
        onClick={() => onPin(a, !pinned)}
        data-testid="kb-row-pin"
      >
        {pinned ? '★' : '☆'}
      </button>
      <button type="button" className="kb-row-open" onClick={() => onSelect(a.id)} data-testid="kb-row-open">
        <span className="kb-row-title">
          <HighlightedTitle title={a.title} ranges={ranges} />
        </span>
        <span className="kb-row-meta">
          <ArticleBadges article={a} packName={packName} today={today} />
          {a.category ? <span className="kb-row-category">{a.category}</span> : null}
          {a.tags.length > 0 ? <span className="kb-row-tags">{a.tags.map((tag) => `#${tag}`).join(' ')}</span> : null}
        </span>
      </button>
    </li>
  );
});
