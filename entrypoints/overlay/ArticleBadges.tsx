import { useI18n } from '@/components/I18nProvider';
import { isStale, type Article } from '@/utils/kb/article';

/** Kind, category, stale (past its review-by day) and language (when not the UI's) badges. */
export function ArticleBadges({ article, today }: { article: Article; today: string }) {
  const { t, locale } = useI18n();
  const lang = t(article.lang === 'zh-CN' ? 'overlay.langs.zh' : 'overlay.langs.en');
  return (
    <>
      <span className={`badge kind-${article.kind}`} data-testid="palette-result-badge-kind">
        {t(`articleKinds.${article.kind}`)}
      </span>
      {article.category ? (
        <span className="badge category" data-testid="palette-result-badge-category">
          {article.category}
        </span>
      ) : null}
      {isStale(article, today) ? (
        <span
          className="badge stale"
          title={t('overlay.staleTitle', { date: article.reviewBy ?? '' })}
          data-testid="palette-result-badge-stale"
        >
          {t('overlay.stale')}
        </span>
      ) : null}
      {article.lang !== locale ? (
        <span className="badge lang" title={t('overlay.langTitle', { lang })} data-testid="palette-result-badge-lang">
          {lang}
        </span>
      ) : null}
    </>
  );
}
