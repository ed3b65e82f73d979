import { useI18n } from '@/components/I18nProvider';
import { MAX_BREAK_SLOTS, type BreakSlot } from '@/utils/wellbeing/settings';
import { FieldError, MinutesInput, SourceBadge, type WellbeingControls } from './wellbeing-fields';

/** The first free start time after the last slot (an hour later), for a new row. */
function nextStart(slots: readonly BreakSlot[]): string {
  const last = slots.at(-1)?.start ?? '09:00';
  const h = (Number(last.slice(0, 2)) + 2) % 24;
  let start = `${String(h).padStart(2, '0')}:${last.slice(3)}`;
  while (slots.some((s) => s.start === start))
    start = `${String((Number(start.slice(0, 2)) + 1) % 24).padStart(2, '0')}:00`;
  return start;
}

/**
 * Scheduled breaks and lunch: when each starts and how long it is. The heads-up before, the
 * "back in 1 min" cue and the break page's time left come from here.
 */
export function WellbeingBreaks({ c }: { c: WellbeingControls }) {
  const { t } = useI18n();
  const slots = c.wb.settings.breaks;
  const locked = c.locked('breaks');
  const set = (next: BreakSlot[]) => c.save({ breaks: next }, 'breaks');
  const change = (i: number, patch: Partial<BreakSlot>) => set(slots.map((s, j) => (j === i ? { ...s, ...patch } : s)));
  return (
    <div className="wb-row" data-testid="wellbeing-breaks">
      <div className="wb-row-main">
        <strong>{t('wellbeing.options.breaksHeading')}</strong>
        <SourceBadge wb={c.wb} field="breaks" />
      </div>
      <p className="sm-muted wb-help">{t('wellbeing.options.breaksHelp')}</p>
      {slots.length === 0 ? <p className="sm-muted">{t('wellbeing.options.noBreaks')}</p> : null}
      <ul className="wb-break-list">
        {slots.map((slot, i) => (
          <li key={`${slot.start}-${i}`} className="row" data-testid="wellbeing-break-row">
            <input
              type="time"
              value={slot.start}
              disabled={locked}
              aria-label={t('wellbeing.options.breakStart')}
              onChange={(e) => e.target.value && change(i, { start: e.target.value })}
              data-testid="wellbeing-break-start"
            />
            <select
              value={slot.kind}
              disabled={locked}
              aria-label={t('wellbeing.options.breakKind')}
              onChange={(e) => change(i, { kind: e.target.value as BreakSlot['kind'] })}
              data-testid="wellbeing-break-kind"
            >
              <option value="break">{t('states.break')}</option>
              <option value="lunch">{t('states.lunch')}</option>
            </select>
            <MinutesInput
              value={slot.minutes}
              min={5}
              max={120}
              label={t('wellbeing.options.breakMinutes')}
              disabled={locked}
              onCommit={(n) =>
                n === null
                  ? c.fail('breaks', t('wellbeing.options.minutesRange', { min: 5, max: 120 }))
                  : change(i, { minutes: n })
              }
              testId="wellbeing-break-minutes"
            />
            <span className="sm-muted">{t('wellbeing.options.min')}</span>
            <button
              type="button"
              disabled={locked}
              onClick={() => set(slots.filter((_, j) => j !== i))}
              aria-label={t('wellbeing.options.removeBreak', { time: slot.start })}
              data-testid="wellbeing-break-remove"
            >
              {t('wellbeing.options.remove')}
            </button>
          </li>
        ))}
      </ul>
      <FieldError c={c} field="breaks" />
      <div className="row">
        <button
          type="button"
          disabled={locked || slots.length >= MAX_BREAK_SLOTS}
          onClick={() => set([...slots, { start: nextStart(slots), kind: 'break', minutes: 15 }])}
          data-testid="wellbeing-break-add"
        >
          {t('wellbeing.options.addBreak')}
        </button>
      </div>
    </div>
  );
}
