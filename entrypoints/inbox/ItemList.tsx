import { useI18n } from '@/components/I18nProvider';
import { HighlightedTitle } from '@/components/HighlightedTitle';
import { CATEGORY_CATALOGUE, SEVERITY_CATALOGUE } from '@/utils/feedback/categories';
import { INBOX_STATUS_LABELS } from '@/utils/feedback/inbox-records';
import type { InboxRow } from '@/utils/feedback/inbox-query';

/**
 * The inbox list: one row per item (category, severity, week, status, signed, the text with the
 * search matches marked). Rows are buttons: Enter or a click opens the item beside the list.
 */
export function ItemList({
  rows,
  total,
  visible,
  selectedId,
  newIds,
  searching,
  onSelect,
  onMore,
}: {
  rows: readonly InboxRow[];
  total: number;
  visible: number;
  selectedId: string | null;
  newIds: ReadonlySet<string>;
  searching: boolean;
  onSelect: (id: string) => void;
  onMore: () => void;
}) {
  const { t, locale } = useI18n();
  const num = new Intl.NumberFormat(locale);
  return (
    <section className="fb-card inbox-list" aria-label={t('feedback.inbox.listLabel')} data-testid="inbox-list">
      <p className="sm-muted fb-hint" aria-live="polite" data-testid="inbox-count" data-shown={rows.length}>
        {searching
          ? t('feedback.inbox.searching')
          : t('feedback.inbox.count', { shown: num.format(rows.length), total: num.format(total) })}
      </p>
      {total === 0 ? (
        <p className="sm-muted" data-testid="inbox-empty">
          {t('feedback.inbox.empty')}
        </p>
      ) : rows.length === 0 ? (
        <p className="sm-muted" data-testid="inbox-no-match">
          {t('feedback.inbox.noMatch')}
        </p>
      ) : (
        <ul className="fb-items">
          {rows.slice(0, visible).map(({ item, ranges }) => (
            <li key={item.id}>
              <button
                type="button"
                className={item.id === selectedId ? 'inbox-row selected' : 'inbox-row'}
                aria-current={item.id === selectedId ? 'true' : undefined}
                onClick={() => onSelect(item.id)}
                data-id={item.id}
                data-status={item.status}
                data-testid="inbox-row"
              >
                <span className="fb-item-meta">
                  <span className={`fb-badge inbox-status-${item.status}`}>{t(INBOX_STATUS_LABELS[item.status])}</span>
                  <span className="fb-badge">{t(CATEGORY_CATALOGUE[item.category].label)}</span>
                  {item.severity ? (
                    <span className="fb-badge">{t(SEVERITY_CATALOGUE[item.severity].label)}</span>
                  ) : null}
                  <span className="fb-badge">{item.week}</span>
                  {item.signedBy ? (
                    <span className="fb-badge">{t('feedback.signedAs', { name: item.signedBy })}</span>
                  ) : null}
                  {newIds.has(item.id) ? <span className="fb-badge new">{t('feedback.inbox.newHere')}</span> : null}
                </span>
                <span className="inbox-row-text" data-testid="inbox-row-text">
                  <HighlightedTitle title={item.text} ranges={ranges} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {rows.length > visible ? (
        <button type="button" onClick={onMore} data-testid="inbox-show-more">
          {t('feedback.inbox.showMore', { n: num.format(rows.length - visible) })}
        </button>
      ) : null}
    </section>
  );
}
