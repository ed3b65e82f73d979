import { useState, type ReactNode } from 'react';
import { useI18n } from '@/components/I18nProvider';
import type { TimeWindow } from '@/utils/wellbeing/clock';
import type { EffectiveWellbeing, WellbeingField } from '@/utils/wellbeing/settings';

/** What the wellbeing controls share: the settings in force and a way to change them. */
export interface WellbeingControls {
  wb: EffectiveWellbeing;
  /** Applies a change (validated; a wrong one shows its error and changes nothing). */
  save: (change: unknown, field: string) => void;
  /** Shows why a value typed for `field` was refused. */
  fail: (field: string, text: string) => void;
  locked: (field: WellbeingField) => boolean;
  /** The last refusal, shown next to its field. */
  error: { field: string; text: string } | null;
}

/** The refusal for `field`, if it is the last one. */
export function FieldError({ c, field }: { c: WellbeingControls; field: string }) {
  if (c.error?.field !== field) return null;
  return (
    <p className="sm-error" role="alert" data-testid="wellbeing-error" data-field={field}>
      {c.error.text}
    </p>
  );
}

/** Where a value comes from, when it is not the agent's own or the built-in default. */
export function SourceBadge({ wb, field }: { wb: EffectiveWellbeing; field: WellbeingField }) {
  const { t } = useI18n();
  const source = wb.sources[field];
  if (source === 'policy')
    return (
      <span className="badge warn" data-testid="wellbeing-source" data-field={field} data-source="policy">
        🔒 {t('wellbeing.options.fromPolicy')}
      </span>
    );
  if (source === 'pack')
    return (
      <span className="badge" data-testid="wellbeing-source" data-field={field} data-source="pack">
        {t('wellbeing.options.fromPack')}
      </span>
    );
  return null;
}

/** A whole number typed in a box, saved when the box loses focus or on Enter. */
export function MinutesInput({
  value,
  min,
  max,
  label,
  disabled,
  onCommit,
  testId,
}: {
  value: number;
  min: number;
  max: number;
  label: string;
  disabled?: boolean;
  onCommit: (n: number | null) => void;
  testId: string;
}) {
  const [draft, setDraft] = useState(String(value));
  // A new value from storage replaces the draft (adjusted while rendering, not in an effect).
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setDraft(String(value));
  }
  const commit = () => {
    if (draft.trim() === String(value)) return;
    const n = /^\d{1,3}$/.test(draft.trim()) ? Number(draft) : NaN;
    const ok = Number.isInteger(n) && n >= min && n <= max;
    // Refused: the box shows the value in force again (the message beside it says why).
    if (!ok) setDraft(String(value));
    onCommit(ok ? n : null);
  };
  return (
    <input
      className="wb-minutes"
      inputMode="numeric"
      value={draft}
      disabled={disabled}
      aria-label={label}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => e.key === 'Enter' && commit()}
      data-testid={testId}
    />
  );
}

/** A daily window (quiet hours, shift hours): on/off, and its start and end times. */
export function WindowField({
  c,
  field,
  label,
  help,
}: {
  c: WellbeingControls;
  field: 'quietHours' | 'shift';
  label: string;
  help: ReactNode;
}) {
  const { t } = useI18n();
  const value = c.wb.settings[field];
  const locked = c.locked(field);
  const fallback: TimeWindow =
    field === 'quietHours' ? { start: '12:00', end: '13:00' } : { start: '09:00', end: '18:00' };
  const set = (w: TimeWindow | null) => c.save({ [field]: w }, field);
  const id = field === 'quietHours' ? 'quiet' : 'shift';
  return (
    <div className="wb-row">
      <div className="wb-row-main">
        <label className="field">
          <input
            type="checkbox"
            checked={value !== null}
            disabled={locked}
            onChange={(e) => set(e.target.checked ? (value ?? fallback) : null)}
            data-testid={`wellbeing-${id}-on`}
          />
          <span>{label}</span>
        </label>
        {value ? (
          <span className="row">
            <input
              type="time"
              value={value.start}
              disabled={locked}
              aria-label={t('wellbeing.options.from')}
              onChange={(e) => e.target.value && set({ ...value, start: e.target.value })}
              data-testid={`wellbeing-${id}-start`}
            />
            <span aria-hidden="true">–</span>
            <input
              type="time"
              value={value.end}
              disabled={locked}
              aria-label={t('wellbeing.options.to')}
              onChange={(e) => e.target.value && set({ ...value, end: e.target.value })}
              data-testid={`wellbeing-${id}-end`}
            />
          </span>
        ) : null}
        <SourceBadge wb={c.wb} field={field} />
      </div>
      <FieldError c={c} field={field} />
      <p className="sm-muted wb-help">{help}</p>
    </div>
  );
}

/** An on/off setting with its help text. */
export function Toggle({
  c,
  field,
  label,
  help,
  testId,
}: {
  c: WellbeingControls;
  field: 'sound' | 'notification' | 'breakPage' | 'moodCheckIn';
  label: string;
  help: string;
  testId: string;
}) {
  return (
    <div className="wb-row">
      <div className="wb-row-main">
        <label className="field">
          <input
            type="checkbox"
            checked={c.wb.settings[field]}
            disabled={c.locked(field)}
            onChange={(e) => c.save({ [field]: e.target.checked }, field)}
            data-testid={testId}
          />
          <span>{label}</span>
        </label>
        <SourceBadge wb={c.wb} field={field} />
      </div>
      <p className="sm-muted wb-help">{help}</p>
    </div>
  );
}
