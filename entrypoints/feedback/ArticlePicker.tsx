import { useId, useMemo, useState } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { articleRefFor } from '@/utils/feedback/outbox';
import type { ArticleRef } from '@/utils/feedback/records';
import type { Article } from '@/utils/kb/article';
import { foldText } from '@/utils/kb/search-text';

/** Articles offered at a time (the filter narrows them). */
const SHOWN = 50;

/**
 * An optional link to a team or sample KB article (a personal article is never offered: its id and
 * title are the agent's own words). A filter box narrows the list.
 */
export function ArticlePicker({
  articles,
  value,
  onChange,
}: {
  articles: ReadonlyArray<Pick<Article, 'id' | 'title' | 'source'>>;
  value: ArticleRef | null;
  onChange: (ref: ArticleRef | null) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [filter, setFilter] = useState('');
  const options = useMemo(() => {
    const q = foldText(filter.trim());
    const linkable = articles.filter((a) => a.source !== 'local');
    const hits = q ? linkable.filter((a) => foldText(a.title).includes(q)) : linkable;
    const shown = [...hits].sort((a, b) => a.title.localeCompare(b.title)).slice(0, SHOWN);
    if (value && !shown.some((a) => a.id === value.id))
      shown.unshift({ id: value.id, title: value.title, source: 'pack' });
    return shown;
  }, [articles, filter, value]);

  return (
    <fieldset className="fb-article">
      <legend>{t('feedback.page.article')}</legend>
      <p className="sm-muted fb-hint">{t('feedback.page.articleHint')}</p>
      <div className="fb-row">
        <label htmlFor={`${id}-filter`} className="sm-visually-hidden">
          {t('feedback.page.articleFilter')}
        </label>
        <input
          id={`${id}-filter`}
          type="search"
          value={filter}
          placeholder={t('feedback.page.articleFilter')}
          onChange={(e) => setFilter(e.target.value)}
          data-testid="feedback-article-filter"
        />
        <label htmlFor={`${id}-select`} className="sm-visually-hidden">
          {t('feedback.page.article')}
        </label>
        <select
          id={`${id}-select`}
          value={value?.id ?? ''}
          onChange={(e) => {
            const a = articles.find((x) => x.id === e.target.value);
            onChange(a ? articleRefFor(a) : null);
          }}
          data-testid="feedback-article"
        >
          <option value="">{t('feedback.page.articleNone')}</option>
          {options.map((a) => (
            <option key={a.id} value={a.id}>
              {a.title}
            </option>
          ))}
        </select>
      </div>
    </fieldset>
  );
}
