import { useI18n } from '@/components/I18nProvider';
import { RANGE_PRESETS, presetRange, type RangeChoice } from './range';

/** Today, this week, the last 7 days, this month, or two dates of the agent's choosing. */
export function RangePicker({
  choice,
  today,
  error,
  onChange,
}: {
  choice: RangeChoice;
  today: string;
  error: 'invalid' | 'order' | null;
  onChange: (c: RangeChoice) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="dash-range">
      <div className="dash-range-buttons" role="group" aria-label={t('dashboard.range.label')}>
        {RANGE_PRESETS.map((p) => (
          <button
            key={p}
            type="button"
            aria-pressed={choice.preset === p}
            className={choice.preset === p ? 'primary' : undefined}
            data-testid={`range-${p}`}
            onClick={() =>
              onChange(p === 'custom' ? { ...choice, preset: p } : { preset: p, ...presetRange(p, today) })
            }
          >
            {t(`dashboard.range.${p}`)}
          </button>
        ))}
      </div>
      {choice.preset === 'custom' ? (
        <div className="dash-range-dates">
          <label>
            <span>{t('dashboard.range.from')}</span>
            <input
              type="date"
              value={choice.from}
              max={choice.to || undefined}
              onChange={(e) => onChange({ ...choice, from: e.target.value })}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'dash-range-error' : undefined}
              data-testid="range-from"
            />
          </label>
          <label>
            <span>{t('dashboard.range.to')}</span>
            <input
              type="date"
              value={choice.to}
              min={choice.from || undefined}
              onChange={(e) => onChange({ ...choice, to: e.target.value })}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'dash-range-error' : undefined}
              data-testid="range-to"
            />
          </label>
          {error ? (
            <span className="sm-error" id="dash-range-error" role="alert" data-testid="range-error">
              {t(`dashboard.range.errors.${error}`)}
            </span>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
