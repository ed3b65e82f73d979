import type { Translate } from '@/utils/i18n';
import { useI18n } from '@/components/I18nProvider';
import { allOtherCodes, codeLabel } from '@/components/stateLabel';
import { LedgerEditError, type LedgerEditReason } from '@/utils/time/ledger-edits';
import { AGENT_STATES, tzOffsetAt, type LedgerState } from '@/utils/time/states';
import { instantOf } from './format';

/** The fields of a correction (time, state and code) and the agent's language for a refused one. */

/** Which field a correction error belongs to (`id`: the row as a whole). */
export type ErrorField = 'at' | 'state' | 'code' | 'id';
export type FieldErrors = Partial<Record<ErrorField, string>>;

/** The agent's language for a refused correction. */
export function editErrorText(t: Translate, e: unknown): { field: ErrorField; text: string } {
  if (!(e instanceof LedgerEditError)) return { field: 'id', text: t('dashboard.errors.other', { detail: String(e) }) };
  const texts: Record<LedgerEditReason, () => string> = {
    future: () => t('dashboard.errors.future'),
    'same-time': () => t('dashboard.errors.sameTime'),
    order: () => t('dashboard.errors.order'),
    gone: () => t('dashboard.errors.gone'),
    'bad-time': () => t('dashboard.errors.badTime'),
    code: () => t('dashboard.errors.code'),
    invalid: () => t('dashboard.errors.other', { detail: e.message }),
  };
  const text = texts[e.reason]();
  return { field: e.field, text };
}

/** The local instant of `HH:MM[:SS]` on `day` in this browser's time zone (new rows), or null. */
export function localInstant(day: string, time: string): number | null {
  const guess = instantOf(day, time, 0);
  if (guess === null) return null;
  // Two passes settle the offset even on a day when it changes (DST).
  const first = instantOf(day, time, tzOffsetAt(guess))!;
  return instantOf(day, time, tzOffsetAt(first));
}

/** A state picker: the state, and for `other` its code. */
export function StateFields({
  idPrefix,
  state,
  code,
  allowUnknown,
  errors,
  onChange,
}: {
  idPrefix: string;
  state: LedgerState;
  code: string;
  allowUnknown: boolean;
  errors: FieldErrors;
  onChange: (state: LedgerState, code: string) => void;
}) {
  const { t, settings } = useI18n();
  const custom = settings?.settings.otherCodes ?? [];
  const states: LedgerState[] = allowUnknown ? [...AGENT_STATES, 'unknown'] : [...AGENT_STATES];
  return (
    <>
      <span className="dash-field">
        <select
          aria-label={t('dashboard.corrections.state')}
          value={state}
          onChange={(e) => onChange(e.target.value as LedgerState, code || allOtherCodes(custom)[0]!)}
          aria-invalid={errors.state ? true : undefined}
          aria-describedby={errors.state ? `${idPrefix}-state-err` : undefined}
          data-testid="correction-state"
        >
          {states.map((s) => (
            <option key={s} value={s}>
              {t(`states.${s}`)}
            </option>
          ))}
        </select>
        {errors.state ? (
          <span className="sm-error dash-field-error" id={`${idPrefix}-state-err`} data-testid="correction-state-error">
            {errors.state}
          </span>
        ) : null}
      </span>
      {state === 'other' ? (
        <span className="dash-field">
          <select
            aria-label={t('dashboard.corrections.code')}
            value={code}
            onChange={(e) => onChange(state, e.target.value)}
            aria-invalid={errors.code ? true : undefined}
            aria-describedby={errors.code ? `${idPrefix}-code-err` : undefined}
            data-testid="correction-code"
          >
            {allOtherCodes(custom).map((c) => (
              <option key={c} value={c}>
                {codeLabel(t, c, custom)}
              </option>
            ))}
          </select>
          {errors.code ? (
            <span className="sm-error dash-field-error" id={`${idPrefix}-code-err`}>
              {errors.code}
            </span>
          ) : null}
        </span>
      ) : null}
    </>
  );
}

/** A time field (`HH:MM:SS`) with its error beside it. */
export function TimeField({
  idPrefix,
  value,
  error,
  onChange,
  autoFocus,
}: {
  idPrefix: string;
  value: string;
  error?: string;
  onChange: (v: string) => void;
  autoFocus?: boolean;
}) {
  const { t } = useI18n();
  return (
    <span className="dash-field">
      <input
        type="time"
        step={1}
        required
        value={value}
        autoFocus={autoFocus}
        onChange={(e) => onChange(e.target.value)}
        aria-label={t('dashboard.corrections.time')}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${idPrefix}-at-err` : undefined}
        data-testid="correction-time"
      />
      {error ? (
        <span className="sm-error dash-field-error" id={`${idPrefix}-at-err`} data-testid="correction-time-error">
          {error}
        </span>
      ) : null}
    </span>
  );
}
