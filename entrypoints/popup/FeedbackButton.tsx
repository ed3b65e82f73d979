import { useLiveQuery } from 'dexie-react-hooks';
import { browser } from 'wxt/browser';
import { useI18n } from '@/components/I18nProvider';
import { getDb } from '@/utils/db';
import { unreadCount } from '@/utils/feedback/replies-match';

/**
 * Opens the feedback page; the badge counts managers' answers to the agent's own items not read
 * yet (a click with answers waiting opens the page at them).
 */
export function FeedbackButton() {
  const { t } = useI18n();
  // `read` is a boolean, which IndexedDB cannot index: the few stored answers are counted here.
  const unread = useLiveQuery(async () => unreadCount(await getDb().replies.toArray()), []) ?? 0;
  const open = () =>
    void browser.tabs.create({ url: browser.runtime.getURL(unread > 0 ? '/feedback.html#replies' : '/feedback.html') });
  return (
    <button
      type="button"
      className="popup-feedback"
      onClick={open}
      aria-label={
        unread > 0 ? `${t('feedback.popup.button')} (${t('feedback.popup.unread', { n: unread })})` : undefined
      }
      data-testid="popup-open-feedback"
    >
      <span>{t('feedback.popup.button')}</span>
      {unread > 0 ? (
        <span className="popup-badge" aria-hidden="true" data-testid="popup-feedback-badge">
          {unread}
        </span>
      ) : null}
    </button>
  );
}
