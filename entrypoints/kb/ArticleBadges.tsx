import { useI18n } from '@/components/I18nProvider';
import { isStale, type Article } from '@/utils/kb/article';
import { insertsWholeBody } from '@/utils/kb/article-reply';

/** Kind, source and (when past its review-by day) stale badges of an article. */
export function ArticleBadges({
  article,
  packName,
  today,
}: {
  article: Article;
  packName: string | undefined;
  today: string;
}) {
  const { t } = useI18n();
  return (
    <>
      <span className={`kb-badge kind-${article.kind}`} data-testid="kb-kind-badge">
        {t(`articleKinds.${article.kind}`)}
      </span>
      <span className="kb-badge source" data-testid="kb-source-badge">
        {article.source === 'pack'
          ? t('kb.sources.pack', { name: packName ?? article.packId ?? '' })
          : t(`kb.sources.${article.source}`)}
      </span>
      {isStale(article, today) ? (
        <span
          className="kb-badge stale"
          title={t('kb.staleTitle', { date: article.reviewBy ?? '' })}
          data-testid="kb-stale-badge"
        >
          {t('kb.stale')}
        </span>
      ) : null}
      {insertsWholeBody(article) ? (
        <span className="kb-badge stale" title={t('kb.view.legacyTitle')} data-testid="kb-legacy-badge">
          {t('kb.view.legacyBadge')}
        </span>
      ) : null}
    </>
  );
}
