import { useId } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { CATEGORY_CATALOGUE, SEVERITY_CATALOGUE } from '@/utils/feedback/categories';
import { REPLY_STATUS_LABELS } from '@/utils/feedback/inbox-records';
import { isEditable, sortOutbox } from '@/utils/feedback/outbox';
import type { OutboxItem } from '@/utils/feedback/records';
import type { MessageKey } from '@/utils/i18n';

/** Longest excerpt of an item's text in the list. */
const EXCERPT = 220;

const STATUS_LABEL: Record<OutboxItem['status'], MessageKey> = {
  draft: 'feedback.page.status.draft',
  ready: 'feedback.page.status.ready',
  exported: 'feedback.page.status.exported',
  withdrawn: 'feedback.page.status.withdrawn',
};

/**
 * The local outbox: drafts and ready items (edit, withdraw), exported ones (with what managers
 * said), withdrawn ones (bring back, delete for good). Nothing here has left the browser except
 * the exported items.
 */
export function Outbox({
  items,
  editingId,
  onEdit,
  onWithdraw,
  onRestore,
  onDelete,
}: {
  items: readonly OutboxItem[];
  editingId: string | null;
  onEdit: (item: OutboxItem) => void;
  onWithdraw: (item: OutboxItem) => void;
  onRestore: (item: OutboxItem) => void;
  onDelete: (item: OutboxItem) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const sorted = sortOutbox(items);
  return (
    <section className="fb-card fb-outbox" id="outbox" aria-labelledby={`${id}-title`} data-testid="feedback-outbox">
      <h2 id={`${id}-title`}>{t('feedback.page.outboxTitle')}</h2>
      <p className="sm-muted fb-hint">{t('feedback.page.outboxHint')}</p>
      {sorted.length === 0 ? (
        <p className="sm-muted" data-testid="feedback-outbox-empty">
          {t('feedback.page.outboxEmpty')}
        </p>
      ) : (
        <ul className="fb-items">
          {sorted.map((item) => (
            <li
              key={item.id}
              className="fb-item"
              data-status={item.status}
              data-id={item.id}
              data-testid="feedback-outbox-item"
            >
              <div className="fb-item-meta">
                <span className={`fb-badge status-${item.status}`} data-testid="feedback-outbox-status">
                  {item.status === 'exported' && item.exportedWeek
                    ? t('feedback.page.status.exportedIn', { week: item.exportedWeek })
                    : t(STATUS_LABEL[item.status])}
                </span>
                <span className="fb-badge">{t(CATEGORY_CATALOGUE[item.category].label)}</span>
                {item.severity ? <span className="fb-badge">{t(SEVERITY_CATALOGUE[item.severity].label)}</span> : null}
                <span className="fb-badge">
                  {item.signedAs ? t('feedback.signedAs', { name: item.signedAs }) : t('feedback.anonymous')}
                </span>
                {item.reply ? (
                  <span className={`fb-badge reply-${item.reply.status}`} data-testid="feedback-outbox-reply">
                    {t(REPLY_STATUS_LABELS[item.reply.status])}
                  </span>
                ) : null}
                {item.id === editingId ? (
                  <span className="fb-badge editing">{t('feedback.page.beingEdited')}</span>
                ) : null}
              </div>
              <p className="fb-item-text">
                {item.restored && item.text === ''
                  ? t('feedback.page.restoredNoText', { week: item.week })
                  : item.text.length > EXCERPT
                    ? `${item.text.slice(0, EXCERPT)}…`
                    : item.text || <span className="sm-muted">{t('feedback.page.emptyDraft')}</span>}
              </p>
              {item.article ? (
                <p className="sm-muted fb-hint">{t('feedback.page.articleLinked', { title: item.article.title })}</p>
              ) : null}
              <div className="fb-row">
                {isEditable(item) && item.id !== editingId ? (
                  <button type="button" onClick={() => onEdit(item)} data-testid="feedback-outbox-edit">
                    {t('feedback.page.edit')}
                  </button>
                ) : null}
                {isEditable(item) ? (
                  <button
                    type="button"
                    className="danger"
                    onClick={() => onWithdraw(item)}
                    data-testid="feedback-outbox-withdraw"
                  >
                    {t('feedback.page.withdraw')}
                  </button>
                ) : null}
                {item.status === 'withdrawn' ? (
                  <>
                    <button type="button" onClick={() => onRestore(item)} data-testid="feedback-outbox-restore">
                      {t('feedback.page.bringBack')}
                    </button>
                    <button
                      type="button"
                      className="danger"
                      onClick={() => onDelete(item)}
                      data-testid="feedback-outbox-delete"
                    >
                      {t('feedback.page.deleteForGood')}
                    </button>
                  </>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
