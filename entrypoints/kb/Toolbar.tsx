import { useI18n } from '@/components/I18nProvider';
import { ARTICLE_KINDS, ARTICLE_SOURCES, type ArticleKind } from '@/utils/kb/article-kinds';
import type { FilterChoices, KbFilters } from './filters';
import { GapReport } from './GapReport';
import { ImportExport } from './ImportExport';

/** Search box, the list's filters, New article, and import/export. */
export function Toolbar({
  query,
  onQuery,
  filters,
  onFilters,
  choices,
  packNames,
  onNew,
}: {
  query: string;
  onQuery: (q: string) => void;
  filters: KbFilters;
  onFilters: (f: KbFilters) => void;
  choices: FilterChoices;
  packNames: ReadonlyMap<string, string>;
  onNew: () => void;
}) {
  const { t } = useI18n();
  const set = <K extends keyof KbFilters>(key: K, value: KbFilters[K]) => onFilters({ ...filters, [key]: value });
  return (
    <div className="kb-toolbar" role="search">
      <div className="kb-toolbar-row">
        <label className="sm-visually-hidden" htmlFor="kb-search">
          {t('kb.searchLabel')}
        </label>
        <input
          id="kb-search"
          type="search"
          className="kb-search"
          value={query}
          onChange={(e) => onQuery(e.target.value)}
          placeholder={t('kb.searchPlaceholder')}
          autoComplete="off"
          spellCheck={false}
          autoFocus
          data-testid="kb-search"
        />
        <button type="button" className="primary" onClick={onNew} data-testid="kb-new">
          {t('kb.new')}
        </button>
        <ImportExport />
        <GapReport />
      </div>
      <div className="kb-toolbar-row kb-filters">
        <label>
          <span>{t('kb.filters.kind')}</span>
          <select
            value={filters.kind}
            onChange={(e) => set('kind', e.target.value as ArticleKind | '')}
            data-testid="kb-filter-kind"
          >
            <option value="">{t('kb.filters.any')}</option>
            {ARTICLE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`articleKinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('kb.filters.category')}</span>
          <select
            value={filters.category}
            onChange={(e) => set('category', e.target.value)}
            data-testid="kb-filter-category"
          >
            <option value="">{t('kb.filters.any')}</option>
            {choices.categories.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('kb.filters.tag')}</span>
          <select value={filters.tag} onChange={(e) => set('tag', e.target.value)} data-testid="kb-filter-tag">
            <option value="">{t('kb.filters.any')}</option>
            {choices.tags.map((tag) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t('kb.filters.source')}</span>
          <select value={filters.source} onChange={(e) => set('source', e.target.value)} data-testid="kb-filter-source">
            <option value="">{t('kb.filters.any')}</option>
            {ARTICLE_SOURCES.filter((s) => s !== 'pack').map((s) => (
              <option key={s} value={s}>
                {t(`kb.sources.${s}`)}
              </option>
            ))}
            {choices.packIds.map((id) => (
              <option key={id} value={`pack:${id}`}>
                {t('kb.sources.pack', { name: packNames.get(id) ?? id })}
              </option>
            ))}
          </select>
        </label>
        <label className="kb-check">
          <input
            type="checkbox"
            checked={filters.staleOnly}
            onChange={(e) => set('staleOnly', e.target.checked)}
            data-testid="kb-filter-stale"
          />
          <span>{t('kb.filters.staleOnly')}</span>
        </label>
      </div>
    </div>
  );
}
