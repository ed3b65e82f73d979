import { useEffect } from 'react';
import { useI18n } from '@/components/I18nProvider';
import type { DeletedArticles } from '@/utils/kb/store';

/** How long a toast (and its Undo) stays. */
export const TOAST_MS = 10_000;

/** A message at the foot of the page; after a delete it carries what Undo restores. */
export interface ToastMessage {
  id: number;
  text: string;
  error?: boolean;
  undo?: DeletedArticles;
}

/** Shows a message for {@link TOAST_MS}, with Undo when the message offers it. */
export function Toast({
  message,
  onUndo,
  onClose,
}: {
  message: ToastMessage;
  onUndo?: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  useEffect(() => {
    const timer = setTimeout(onClose, TOAST_MS);
    return () => clearTimeout(timer);
  }, [onClose]);
  return (
    <div
      className={message.error ? 'kb-toast error' : 'kb-toast'}
      role={message.error ? 'alert' : 'status'}
      data-testid="kb-toast"
    >
      <span>{message.text}</span>
      {onUndo ? (
        <button type="button" className="primary" onClick={onUndo} data-testid="kb-undo">
          {t('kb.undo')}
        </button>
      ) : null}
      <button type="button" className="kb-toast-close" onClick={onClose} aria-label={t('kb.dismiss')}>
        ×
      </button>
    </div>
  );
}
