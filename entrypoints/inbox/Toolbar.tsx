import { useId, type ReactNode } from 'react';
import { useI18n } from '@/components/I18nProvider';
import {
  CATEGORY_OPTIONS,
  SEVERITY_OPTIONS,
  type FeedbackCategory,
  type FeedbackSeverity,
} from '@/utils/feedback/categories';
import { INBOX_STATUS_LABELS, INBOX_STATUSES, type InboxStatus } from '@/utils/feedback/inbox-records';
import { INBOX_SORTS, type InboxSort } from '@/utils/feedback/inbox-query';
import type { MessageKey } from '@/utils/i18n';

/** What the manager chose to see (one value per filter; empty is "any"). */
export interface ListChoice {
  query: string;
  category: FeedbackCategory | '';
  severity: FeedbackSeverity | 'none' | '';
  status: InboxStatus | '';
  fromWeek: string;
  toWeek: string;
  signed: 'signed' | 'anonymous' | '';
  sort: InboxSort;
  onlyNew: boolean;
}

export const NO_CHOICE: ListChoice = {
  query: '',
  category: '',
  severity: '',
  status: '',
  fromWeek: '',
  toWeek: '',
  signed: '',
  sort: 'relevance',
  onlyNew: false,
};

const SORT_LABELS: Record<InboxSort, MessageKey> = {
  relevance: 'feedback.inbox.sort.relevance',
  newest: 'feedback.inbox.sort.newest',
  oldest: 'feedback.inbox.sort.oldest',
  severity: 'feedback.inbox.sort.severity',
  status: 'feedback.inbox.sort.status',
  category: 'feedback.inbox.sort.category',
};

/** Search (fuzzy, Chinese, pinyin, English), filters and order of the inbox list. */
export function Toolbar({
  choice,
  onChange,
  hasNew,
}: {
  choice: ListChoice;
  onChange: (c: ListChoice) => void;
  /** The last import brought new items (offers "only what was new"). */
  hasNew: boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const set = (patch: Partial<ListChoice>) => onChange({ ...choice, ...patch });
  const field = (key: string, label: string, control: ReactNode) => (
    <label className="inbox-filter" htmlFor={`${id}-${key}`}>
      <span>{label}</span>
      {control}
    </label>
  );
  return (
    <div className="inbox-toolbar" role="search" aria-label={t('feedback.inbox.searchLabel')}>
      <div className="fb-row">
        <label htmlFor={`${id}-q`} className="sm-visually-hidden">
          {t('feedback.inbox.searchLabel')}
        </label>
        <input
          id={`${id}-q`}
          type="search"
          className="inbox-search"
          value={choice.query}
          placeholder={t('feedback.inbox.searchPlaceholder')}
          onChange={(e) => set({ query: e.target.value })}
          data-testid="inbox-search"
        />
      </div>
      <div className="fb-row inbox-filters">
        {field(
          'category',
          t('feedback.csv.category'),
          <select
            id={`${id}-category`}
            value={choice.category}
            onChange={(e) => set({ category: e.target.value as ListChoice['category'] })}
            data-testid="inbox-filter-category"
          >
            <option value="">{t('feedback.inbox.any')}</option>
            {CATEGORY_OPTIONS.map((c) => (
              <option key={c.value} value={c.value}>
                {t(c.label)}
              </option>
            ))}
          </select>,
        )}
        {field(
          'severity',
          t('feedback.csv.severity'),
          <select
            id={`${id}-severity`}
            value={choice.severity}
            onChange={(e) => set({ severity: e.target.value as ListChoice['severity'] })}
            data-testid="inbox-filter-severity"
          >
            <option value="">{t('feedback.inbox.any')}</option>
            {SEVERITY_OPTIONS.map((s) => (
              <option key={s.value} value={s.value}>
                {t(s.label)}
              </option>
            ))}
            <option value="none">{t('feedback.severities.none')}</option>
          </select>,
        )}
        {field(
          'status',
          t('feedback.csv.status'),
          <select
            id={`${id}-status`}
            value={choice.status}
            onChange={(e) => set({ status: e.target.value as ListChoice['status'] })}
            data-testid="inbox-filter-status"
          >
            <option value="">{t('feedback.inbox.any')}</option>
            {INBOX_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(INBOX_STATUS_LABELS[s])}
              </option>
            ))}
          </select>,
        )}
        {field(
          'signed',
          t('feedback.inbox.signedFilter'),
          <select
            id={`${id}-signed`}
            value={choice.signed}
            onChange={(e) => set({ signed: e.target.value as ListChoice['signed'] })}
            data-testid="inbox-filter-signed"
          >
            <option value="">{t('feedback.inbox.any')}</option>
            <option value="anonymous">{t('feedback.anonymous')}</option>
            <option value="signed">{t('feedback.inbox.signedOnly')}</option>
          </select>,
        )}
        {field(
          'from',
          t('feedback.inbox.fromWeek'),
          <input
            id={`${id}-from`}
            type="week"
            value={choice.fromWeek}
            onChange={(e) => set({ fromWeek: e.target.value })}
            data-testid="inbox-filter-from"
          />,
        )}
        {field(
          'to',
          t('feedback.inbox.toWeek'),
          <input
            id={`${id}-to`}
            type="week"
            value={choice.toWeek}
            onChange={(e) => set({ toWeek: e.target.value })}
            data-testid="inbox-filter-to"
          />,
        )}
        {field(
          'sort',
          t('feedback.inbox.sortLabel'),
          <select
            id={`${id}-sort`}
            value={choice.sort}
            onChange={(e) => set({ sort: e.target.value as InboxSort })}
            data-testid="inbox-sort"
          >
            {INBOX_SORTS.map((s) => (
              <option key={s} value={s}>
                {t(SORT_LABELS[s])}
              </option>
            ))}
          </select>,
        )}
        {hasNew ? (
          <label className="fb-choice">
            <input
              type="checkbox"
              checked={choice.onlyNew}
              onChange={(e) => set({ onlyNew: e.target.checked })}
              data-testid="inbox-filter-new"
            />
            {t('feedback.inbox.onlyNew')}
          </label>
        ) : null}
        <button
          type="button"
          onClick={() => onChange({ ...NO_CHOICE, sort: choice.sort })}
          data-testid="inbox-filter-reset"
        >
          {t('feedback.inbox.resetFilters')}
        </button>
      </div>
    </div>
  );
}
