import { useState } from 'react';
import { useI18n } from '@/components/I18nProvider';
import type { MessageKey } from '@/utils/i18n';
import { sendToBackground } from '@/utils/messaging';

const RESULT_KEYS: Record<'marked' | 'already' | 'no-call', MessageKey> = {
  marked: 'wellbeing.tough.marked',
  already: 'wellbeing.tough.already',
  'no-call': 'wellbeing.tough.noCall',
};

/**
 * "That was a tough call", in the palette's state menu: marks the call that just ended (or is on)
 * — a private count, and a minute of paced breathing offered before the next call.
 */
export function ToughCallButton() {
  const { t } = useI18n();
  const [result, setResult] = useState<MessageKey | null>(null);
  const mark = () =>
    void sendToBackground({ type: 'wellbeing/tough' })
      .then((r) => setResult(RESULT_KEYS[r.outcome]))
      .catch(() => setResult('wellbeing.tough.failed'));
  return (
    <div className="tough-call">
      <button type="button" onClick={mark} data-testid="overlay-tough-call">
        {t('wellbeing.tough.button')}
      </button>
      {result ? (
        <span className="sm-muted" role="status" data-testid="overlay-tough-result">
          {t(result)}
        </span>
      ) : null}
    </div>
  );
}
