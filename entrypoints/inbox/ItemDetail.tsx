import { useId, useState } from 'react';
import { HighlightedTitle } from '@/components/HighlightedTitle';
import { useI18n } from '@/components/I18nProvider';
import { getDb } from '@/utils/db';
import { CATEGORY_CATALOGUE, SEVERITY_CATALOGUE } from '@/utils/feedback/categories';
import { addAnswer, editAnswer, removeAnswer, setStatus } from '@/utils/feedback/inbox';
import { INBOX_STATUS_LABELS, INBOX_STATUSES, type InboxItem, type InboxStatus } from '@/utils/feedback/inbox-records';
import { updateInboxItem } from '@/utils/feedback/inbox-store';
import { inboxStamp } from './stamp';

/** Longest answer (the replies file's limit). */
const ANSWER_MAX = 10_000;

/**
 * One item: its text (matches marked), what it carries, the manager's status, the answers written
 * (edit, remove with Undo) and a box to write one. Agents see the answers after the replies are
 * published.
 */
export function ItemDetail({
  item,
  ranges,
  onRemoved,
  onError,
}: {
  item: InboxItem;
  ranges: Array<[number, number]>;
  /** An answer was removed: `before` is the item as it was (for Undo). */
  onRemoved: (before: InboxItem) => void;
  onError: (text: string) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [draft, setDraft] = useState('');
  const [editing, setEditing] = useState<{ id: string; body: string } | null>(null);
  const [empty, setEmpty] = useState(false);

  async function update(change: (i: InboxItem) => InboxItem): Promise<boolean> {
    try {
      await updateInboxItem(getDb(), item.id, change);
      return true;
    } catch (e) {
      onError(t('feedback.inbox.saveFailed', { detail: e instanceof Error ? e.message : String(e) }));
      return false;
    }
  }

  async function answer() {
    if (draft.trim() === '') {
      setEmpty(true);
      return;
    }
    if (await update((i) => addAnswer(i, draft, inboxStamp()))) setDraft('');
  }

  return (
    <section
      className="fb-card inbox-detail"
      aria-labelledby={`${id}-title`}
      data-id={item.id}
      data-testid="inbox-detail"
    >
      <h2 id={`${id}-title`}>{t(CATEGORY_CATALOGUE[item.category].label)}</h2>
      <div className="fb-item-meta">
        <span className="fb-badge">{item.week}</span>
        <span className="fb-badge">
          {item.severity ? t(SEVERITY_CATALOGUE[item.severity].label) : t('feedback.severities.none')}
        </span>
        <span className="fb-badge">
          {item.signedBy ? t('feedback.signedAs', { name: item.signedBy }) : t('feedback.anonymous')}
        </span>
      </div>
      <p className="fb-item-text inbox-detail-text" data-testid="inbox-detail-text">
        <HighlightedTitle title={item.text} ranges={ranges} />
      </p>
      {item.article ? (
        <p className="sm-muted fb-hint">{t('feedback.page.articleLinked', { title: item.article.title })}</p>
      ) : null}
      <div className="fb-field">
        <label htmlFor={`${id}-status`}>{t('feedback.csv.status')}</label>
        <select
          id={`${id}-status`}
          value={item.status}
          aria-describedby={`${id}-status-hint`}
          onChange={(e) => {
            // Read now: the select is controlled, so React puts its old value back before the update runs.
            const status = e.target.value as InboxStatus;
            void update((i) => setStatus(i, status, inboxStamp()));
          }}
          data-testid="inbox-status"
        >
          {INBOX_STATUSES.map((s) => (
            <option key={s} value={s} disabled={s === 'answered' && item.answers.length === 0}>
              {t(INBOX_STATUS_LABELS[s])}
            </option>
          ))}
        </select>
        <p id={`${id}-status-hint`} className="sm-muted fb-hint">
          {t('feedback.inbox.statusHint')}
        </p>
      </div>
      {item.answers.length > 0 ? (
        <ul className="fb-items" aria-label={t('feedback.inbox.answers')}>
          {item.answers.map((a) => (
            <li key={a.id} className="fb-answer" data-testid="inbox-answer">
              <span className="sm-muted fb-hint">{t('feedback.page.answeredOn', { day: a.day })}</span>
              {editing?.id === a.id ? (
                <>
                  <label htmlFor={`${id}-edit`} className="sm-visually-hidden">
                    {t('feedback.inbox.editAnswer')}
                  </label>
                  <textarea
                    id={`${id}-edit`}
                    rows={3}
                    maxLength={ANSWER_MAX}
                    value={editing.body}
                    onChange={(e) => setEditing({ id: a.id, body: e.target.value })}
                    data-testid="inbox-answer-edit-text"
                  />
                  <div className="fb-row">
                    <button
                      type="button"
                      className="primary"
                      disabled={editing.body.trim() === ''}
                      onClick={() =>
                        void update((i) => editAnswer(i, a.id, editing.body, inboxStamp())).then(
                          (ok) => ok && setEditing(null),
                        )
                      }
                      data-testid="inbox-answer-save"
                    >
                      {t('feedback.inbox.saveAnswer')}
                    </button>
                    <button type="button" onClick={() => setEditing(null)} data-testid="inbox-answer-cancel">
                      {t('feedback.inbox.cancel')}
                    </button>
                  </div>
                </>
              ) : (
                <>
                  <p>{a.body}</p>
                  <div className="fb-row">
                    <button
                      type="button"
                      onClick={() => setEditing({ id: a.id, body: a.body })}
                      data-testid="inbox-answer-edit"
                    >
                      {t('feedback.page.edit')}
                    </button>
                    <button
                      type="button"
                      className="danger"
                      onClick={() =>
                        void update((i) => removeAnswer(i, a.id, inboxStamp())).then((ok) => ok && onRemoved(item))
                      }
                      data-testid="inbox-answer-remove"
                    >
                      {t('feedback.inbox.removeAnswer')}
                    </button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="fb-field">
        <label htmlFor={`${id}-reply`}>{t('feedback.inbox.reply')}</label>
        <textarea
          id={`${id}-reply`}
          rows={4}
          maxLength={ANSWER_MAX}
          value={draft}
          placeholder={t('feedback.inbox.replyPlaceholder')}
          aria-invalid={empty}
          aria-describedby={`${id}-reply-hint`}
          onChange={(e) => {
            setDraft(e.target.value);
            setEmpty(false);
          }}
          data-testid="inbox-reply"
        />
        <p
          id={`${id}-reply-hint`}
          className={empty ? 'sm-error fb-hint' : 'sm-muted fb-hint'}
          role={empty ? 'alert' : undefined}
        >
          {empty ? t('feedback.inbox.replyEmpty') : t('feedback.inbox.replyHint')}
        </p>
        <div className="fb-row">
          <button type="button" className="primary" onClick={() => void answer()} data-testid="inbox-reply-save">
            {t('feedback.inbox.sendAnswer')}
          </button>
        </div>
      </div>
    </section>
  );
}
