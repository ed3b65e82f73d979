import { useEffect, useId, useRef, useState } from 'react';
import { useI18n } from './I18nProvider';
import { allOtherCodes, codeLabel, stateLabel } from './stateLabel';
import { useStateConfirm, type PickedState } from './useStateConfirm';
import { sendToBackground } from '@/utils/messaging';
import { AGENT_STATES, BUTTON_STATES, STATE_CATALOGUE } from '@/utils/time/state-catalogue';
import type { StateEvent } from '@/utils/time/states';

/** The state whose choices are codes (`other`), from the catalogue. */
const CODES_STATE = AGENT_STATES.find((s) => STATE_CATALOGUE[s].picker === 'codes');

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

/**
 * A button for each state (from the catalogue) and, behind an "Other…" disclosure button, one
 * for each `other` code; the current one is pressed. Every control is a plain button: the state
 * changes on Enter or a click only, never on arrow keys or while browsing. A change that ends a
 * call asks for a second Enter or click first (see `useStateConfirm`).
 *
 * `current` is `undefined` while it loads: nothing is picked until it is known. With `autoFocus`
 * (the palette's state menu) the control of the current state takes focus once it is known.
 */
export function StatePicker({
  current,
  onPicked,
  autoFocus = false,
}: {
  current: StateEvent | null | undefined;
  onPicked?: () => void;
  autoFocus?: boolean;
}) {
  const { t, settings } = useI18n();
  const custom = settings?.settings.otherCodes ?? [];
  const { armed, isArmed, activate, disarm } = useStateConfirm(current);
  // Open while the agent is in an `other` code, unless they closed it.
  const [codesToggled, setCodesToggled] = useState<boolean | null>(null);
  const codesOpen = codesToggled ?? (!!CODES_STATE && current?.state === CODES_STATE);
  const root = useRef<HTMLDivElement>(null);
  const codesId = useId();
  const confirmId = useId();

  // The palette's menu opens on the current state, once it has loaded (never on a guess).
  const focusedOnce = useRef(false);
  const loaded = current !== undefined;
  useEffect(() => {
    if (!autoFocus || !loaded || focusedOnce.current) return;
    focusedOnce.current = true;
    const el = root.current;
    const own = current
      ? current.code !== undefined
        ? el?.querySelector<HTMLElement>(`[data-code="${CSS.escape(current.code)}"]`)
        : el?.querySelector<HTMLElement>(`[data-state="${current.state}"]`)
      : null;
    (own ?? el?.querySelector<HTMLElement>('button'))?.focus();
  }, [autoFocus, loaded, current]);

  const onActivate = (picked: PickedState) => {
    if (activate(picked) !== 'pick') return;
    void pickState(picked.state, picked.code).then(() => onPicked?.());
  };
  /** The props every state control shares: pressed, armed, activation and lapse. */
  const control = (picked: PickedState, pressed: boolean) => {
    const waiting = isArmed(picked);
    return {
      type: 'button' as const,
      className: [pressed ? 'primary' : '', waiting ? 'armed' : ''].filter(Boolean).join(' ') || undefined,
      'aria-pressed': pressed,
      'aria-describedby': waiting ? confirmId : undefined,
      'data-armed': waiting ? 'true' : undefined,
      // Nothing to pick against until the current state is known.
      disabled: !loaded,
      onClick: () => onActivate(picked),
      onBlur: () => disarm(picked),
    };
  };

  return (
    <div
      className="state-picker"
      role="group"
      aria-label={t('popup.stateButtonsLabel')}
      aria-busy={!loaded}
      data-loaded={loaded}
      ref={root}
    >
      <div className="state-grid">
        {BUTTON_STATES.map((s) => (
          <button
            key={s}
            {...control({ state: s }, current?.state === s)}
            data-testid={`state-button-${s}`}
            data-state={s}
          >
            {t(`states.${s}`)}
          </button>
        ))}
        {CODES_STATE ? (
          <button
            type="button"
            className={current?.state === CODES_STATE ? 'state-other primary' : 'state-other'}
            aria-expanded={codesOpen}
            aria-controls={codesId}
            data-testid="state-other"
            disabled={!loaded}
            onClick={() => setCodesToggled(!codesOpen)}
          >
            {current?.state === CODES_STATE && current.code
              ? t('stateChange.otherCurrent', { code: codeLabel(t, current.code, custom) })
              : `${t('states.other')}…`}
          </button>
        ) : null}
      </div>
      {CODES_STATE ? (
        <div
          className="state-codes"
          id={codesId}
          role="group"
          aria-label={t('stateChange.codesLabel')}
          hidden={!codesOpen}
        >
          {allOtherCodes(custom).map((c) => (
            <button
              key={c}
              {...control({ state: CODES_STATE, code: c }, current?.state === CODES_STATE && current.code === c)}
              data-testid={`state-code-${c}`}
              data-code={c}
            >
              {codeLabel(t, c, custom)}
            </button>
          ))}
        </div>
      ) : null}
      <p className="state-confirm" id={confirmId} role="alert" data-testid="state-confirm">
        {armed ? t('stateChange.confirm', { state: stateLabel(t, armed, custom) }) : ''}
      </p>
    </div>
  );
}
