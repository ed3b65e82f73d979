import { useEffect } from 'react';

/** How long a toast (and its Undo) stays. */
export const TOAST_MS = 10_000;

/** A message at the foot of a page; after a delete it carries what Undo restores. */
export interface ToastMessage<U> {
  id: number;
  text: string;
  error?: boolean;
  undo?: U;
}

/**
 * Shows a message for {@link TOAST_MS}, with Undo when the message offers it. `testId` names the
 * page's hooks (`<testId>-toast`, `<testId>-undo`).
 */
export function Toast<U>({
  message,
  onUndo,
  onClose,
  testId,
  undoLabel,
  dismissLabel,
}: {
  message: ToastMessage<U>;
  onUndo: (undo: U) => void;
  onClose: () => void;
  testId: string;
  undoLabel: string;
  dismissLabel: string;
}) {
  useEffect(() => {
    const timer = setTimeout(onClose, TOAST_MS);
    return () => clearTimeout(timer);
  }, [onClose]);
  const undo = message.undo;
  return (
    <div
      className={message.error ? 'sm-toast error' : 'sm-toast'}
      role={message.error ? 'alert' : 'status'}
      data-testid={`${testId}-toast`}
    >
      <span>{message.text}</span>
      {undo !== undefined ? (
        <button type="button" className="primary" onClick={() => onUndo(undo)} data-testid={`${testId}-undo`}>
          {undoLabel}
        </button>
      ) : null}
      <button type="button" className="sm-toast-close" onClick={onClose} aria-label={dismissLabel}>
        ×
      </button>
    </div>
  );
}
