import { HighlightedTitle } from '@/components/HighlightedTitle';
import { useI18n } from '@/components/I18nProvider';
import type { Article } from '@/utils/kb/article';
import { ArticleBadges } from './ArticleBadges';

/** One result: number (first nine rows), highlighted title, badges, tags. */
export function ResultRow({
  article,
  ranges,
  index,
  selected,
  today,
  onHover,
  onPick,
}: {
  article: Article;
  ranges: ReadonlyArray<readonly [number, number]>;
  index: number;
  selected: boolean;
  today: string;
  onHover: () => void;
  onPick: () => void;
}) {
  const { t } = useI18n();
  const n = index + 1;
  return (
    <li
      id={`hit-${article.id}`}
      role="option"
      aria-selected={selected}
      data-testid="palette-result"
      data-article-id={article.id}
      onMouseEnter={onHover}
      onClick={onPick}
    >
      <span className="hit-line">
        {n <= 9 ? (
          <kbd className="hit-number" title={t('overlay.numberTitle', { n })} data-testid="palette-result-number">
            {n}
          </kbd>
        ) : null}
        <span className="hit-title">
          <HighlightedTitle title={article.title} ranges={ranges} />
        </span>
      </span>
      <span className="hit-meta">
        <ArticleBadges article={article} today={today} />
        {article.tags.length > 0 ? <span className="hit-tags">{article.tags.slice(0, 3).join(' · ')}</span> : null}
      </span>
    </li>
  );
}
