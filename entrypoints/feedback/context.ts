import { webCryptoRandom } from '@/utils/feedback/random';
import { OutboxError, type OutboxContext } from '@/utils/feedback/outbox';
import type { Translate } from '@/utils/i18n';

/** The clock, the agent's zone and strong randomness, for an outbox transition made now. */
export function outboxContext(): OutboxContext {
  const now = Date.now();
  return { now, tzOffsetMinutes: -new Date(now).getTimezoneOffset(), random: webCryptoRandom };
}

/**
 * What the agent is told when an outbox write failed: the item was withdrawn, changed or deleted
 * meanwhile (the newer change stands), or the write itself failed.
 */
export function outboxFailureText(t: Translate, e: unknown): string {
  return e instanceof OutboxError && (e.code === 'notEditable' || e.code === 'missing')
    ? t('feedback.page.changedInOutbox')
    : t('feedback.page.saveFailed', { detail: String(e) });
}

/**
 * Runs saves one after another in the order they were asked for (a draft is saved on every
 * keystroke; a later save must never be overtaken by an earlier one). `flush` resolves when every
 * save asked for so far has finished; a failed save is reported to `onError` and the queue goes on.
 */
export function createSaveQueue(onError: (e: unknown) => void) {
  let tail: Promise<void> = Promise.resolve();
  return {
    run(job: () => Promise<void>): Promise<void> {
      tail = tail.then(job).catch(onError);
      return tail;
    },
    flush(): Promise<void> {
      return tail;
    },
  };
}
