import { useEffect } from 'react';
import { useI18n } from '@/components/I18nProvider';
import type { StateEvent } from '@/utils/time/states';

/** How long a message (and its Undo) stays. */
const TOAST_MS = 10_000;

/** A message at the foot of the page; after a delete it carries the row Undo puts back. */
export interface DashToastMessage {
  id: number;
  text: string;
  error?: boolean;
  undo?: StateEvent;
}

/** Shows a message for ten seconds, with Undo when it carries a deleted row. */
export function Toast({
  message,
  onUndo,
  onClose,
}: {
  message: DashToastMessage;
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
      className={message.error ? 'dash-toast error' : 'dash-toast'}
      role={message.error ? 'alert' : 'status'}
      data-testid="dashboard-toast"
    >
      <span>{message.text}</span>
      {onUndo ? (
        <button type="button" className="primary" onClick={onUndo} data-testid="dashboard-undo">
          {t('dashboard.undo')}
        </button>
      ) : null}
      <button type="button" className="dash-toast-close" onClick={onClose} aria-label={t('dashboard.dismiss')}>
        ×
      </button>
    </div>
  );
}
