import { useCallback, useEffect, useMemo, useState } from 'react';

/** How long a toast (and its Undo) stays. */
export const TOAST_MS = 10_000;

/** A message at the foot of a page; after a delete it carries what Undo restores. */
export interface ToastMessage<U> {
  id: number;
  text: string;
  error?: boolean;
  undo?: U;
}

/** A page's toast: the message showing (or null), and the ways to show and close one. */
export interface PageToast<U> {
  message: ToastMessage<U> | null;
  /** Shows `text`, with Undo restoring `undo` when given. */
  say: (text: string, undo?: U) => void;
  /** Shows `text` as an error (read out at once by screen readers). */
  fail: (text: string) => void;
  close: () => void;
}

let lastId = 0;

/** The toast state of a page; `say`, `fail` and `close` keep their identity for its life. */
export function useToast<U = never>(): PageToast<U> {
  const [message, setMessage] = useState<ToastMessage<U> | null>(null);
  // A new id for each message, so a second one in the same millisecond still restarts the timer.
  const say = useCallback(
    (text: string, undo?: U) => setMessage({ id: ++lastId, text, ...(undo !== undefined ? { undo } : {}) }),
    [],
  );
  const fail = useCallback((text: string) => setMessage({ id: ++lastId, text, error: true }), []);
  const close = useCallback(() => setMessage(null), []);
  return useMemo(() => ({ message, say, fail, close }), [message, say, fail, close]);
}

/**
 * The page's toast, when it has a message: shown for {@link TOAST_MS}, with Undo when the message
 * offers it. `testId` names the page's hooks (`<testId>-toast`, `<testId>-undo`).
 */
export function Toast<U>({
  toast,
  onUndo,
  testId,
  undoLabel,
  dismissLabel,
}: {
  toast: PageToast<U>;
  onUndo?: (undo: U) => void;
  testId: string;
  undoLabel: string;
  dismissLabel: string;
}) {
  const message = toast.message;
  if (!message) return null;
  return (
    <ToastBar
      key={message.id}
      message={message}
      onUndo={onUndo}
      onClose={toast.close}
      testId={testId}
      undoLabel={undoLabel}
      dismissLabel={dismissLabel}
    />
  );
}

function ToastBar<U>({
  message,
  onUndo,
  onClose,
  testId,
  undoLabel,
  dismissLabel,
}: {
  message: ToastMessage<U>;
  onUndo?: (undo: U) => void;
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
      {undo !== undefined && onUndo ? (
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
