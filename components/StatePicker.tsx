import { useI18n } from './I18nProvider';
import { allOtherCodes, codeLabel } from './stateLabel';
import { sendToBackground } from '@/utils/messaging';
import { BUTTON_STATES } from '@/utils/time/state-catalogue';
import type { StateEvent } from '@/utils/time/states';

/** The states an agent sets with a button (`other` has its own picker of codes). */
const PICKABLE = BUTTON_STATES;

/**
 * Asks the background (the ledger's one writer) to record the agent's choice. The background
 * stamps the time, so a click and a page rule never race.
 */
export function pickState(state: StateEvent['state'], code?: string): Promise<unknown> {
  if (state === 'unknown') return Promise.resolve();
  return sendToBackground(
    code !== undefined
      ? { type: 'ledger/set', state, code, source: 'manual' }
      : { type: 'ledger/set', state, source: 'manual' },
  );
}

/** Buttons for each state plus a list of `other` codes; the current one is pressed. */
export function StatePicker({ current, onPicked }: { current: StateEvent | null; onPicked?: () => void }) {
  const { t, settings } = useI18n();
  const custom = settings?.settings.otherCodes ?? [];
  const pick = (state: StateEvent['state'], code?: string) => void pickState(state, code).then(() => onPicked?.());
  return (
    <div className="state-picker" role="group" aria-label={t('popup.stateButtonsLabel')}>
      <div className="state-grid">
        {PICKABLE.map((s) => (
          <button
            key={s}
            type="button"
            className={current?.state === s ? 'primary' : undefined}
            aria-pressed={current?.state === s}
            data-testid={`state-button-${s}`}
            data-state={s}
            onClick={() => pick(s)}
          >
            {t(`states.${s}`)}
          </button>
        ))}
        <select
          aria-label={t('states.other')}
          data-testid="state-other"
          className={current?.state === 'other' ? 'state-other primary' : 'state-other'}
          value={current?.state === 'other' ? (current.code ?? '') : ''}
          onChange={(e) => e.target.value && pick('other', e.target.value)}
        >
          <option value="">{t('states.other')}…</option>
          {allOtherCodes(custom).map((c) => (
            <option key={c} value={c}>
              {codeLabel(t, c, custom)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
