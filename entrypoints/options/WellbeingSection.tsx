import { useState } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { useWellbeingSettings } from '@/components/useWellbeingSettings';
import { resetWellbeing, saveWellbeingChange } from '@/utils/wellbeing/settings-load';
import type { WellbeingField } from '@/utils/wellbeing/settings';
import { LockedNote } from './LockedNote';
import { WellbeingBreaks } from './WellbeingBreaks';
import { WellbeingPrompts } from './WellbeingPrompts';
import { FieldError, MinutesInput, SourceBadge, Toggle, WindowField, type WellbeingControls } from './wellbeing-fields';

/**
 * Options → Wellbeing: each prompt on or off and how often (with the guidance behind it), the voice
 * threshold, snoozes, quiet and shift hours, scheduled breaks, sound, notification, the break page
 * and the mood check-in. Values from a team pack say so; values set by policy are locked.
 */
export function WellbeingSection() {
  const { t } = useI18n();
  const wb = useWellbeingSettings();
  const [error, setError] = useState<{ field: string; text: string } | null>(null);
  const [saved, setSaved] = useState(false);
  if (!wb) return null;
  const locked = (f: WellbeingField) => wb.locks.includes(f);
  const c: WellbeingControls = {
    wb,
    error,
    locked,
    fail: (field, text) => {
      setSaved(false);
      setError({ field, text });
    },
    save: (change, field) => {
      void saveWellbeingChange(change, wb.locks).then(
        () => {
          setError(null);
          setSaved(true);
        },
        (e: unknown) => {
          setSaved(false);
          setError({
            field,
            text: t('wellbeing.options.refused', { detail: e instanceof Error ? e.message : String(e) }),
          });
        },
      );
    },
  };
  const number = (
    field: 'voiceThresholdMinutes' | 'snoozeMinutes' | 'snoozeLimitPerHour',
    min: number,
    max: number,
    label: string,
    help: string,
    testId: string,
    unit: string,
  ) => (
    <div className="wb-row">
      <div className="wb-row-main">
        <label className="field">
          <span>{label}</span>
          <MinutesInput
            value={wb.settings[field]}
            min={min}
            max={max}
            label={label}
            disabled={locked(field)}
            onCommit={(n) =>
              n === null
                ? c.fail(field, t('wellbeing.options.numberRange', { min, max }))
                : c.save({ [field]: n }, field)
            }
            testId={testId}
          />
          <span className="sm-muted">{unit}</span>
        </label>
        <SourceBadge wb={wb} field={field} />
      </div>
      <FieldError c={c} field={field} />
      <p className="sm-muted wb-help">{help}</p>
    </div>
  );
  const min = t('wellbeing.options.min');
  return (
    <section className="card" aria-labelledby="wellbeing-heading" data-testid="options-wellbeing">
      <h2 id="wellbeing-heading">{t('wellbeing.options.heading')}</h2>
      <p className="sm-muted">{t('wellbeing.options.intro')}</p>
      {wb.locks.length > 0 ? <LockedNote /> : null}

      <h3>{t('wellbeing.options.promptsHeading')}</h3>
      <WellbeingPrompts c={c} />
      {number(
        'voiceThresholdMinutes',
        10,
        60,
        t('wellbeing.options.voiceThreshold'),
        t('wellbeing.options.voiceThresholdHelp'),
        'wellbeing-voice-threshold',
        min,
      )}

      <h3>{t('wellbeing.options.whenHeading')}</h3>
      <WindowField c={c} field="shift" label={t('wellbeing.options.shift')} help={t('wellbeing.options.shiftHelp')} />
      <WindowField
        c={c}
        field="quietHours"
        label={t('wellbeing.options.quietHours')}
        help={t('wellbeing.options.quietHoursHelp')}
      />
      <WellbeingBreaks c={c} />

      <h3>{t('wellbeing.options.toastHeading')}</h3>
      {number(
        'snoozeMinutes',
        1,
        60,
        t('wellbeing.options.snoozeMinutes'),
        t('wellbeing.options.snoozeMinutesHelp'),
        'wellbeing-snooze-minutes',
        min,
      )}
      {number(
        'snoozeLimitPerHour',
        0,
        12,
        t('wellbeing.options.snoozeLimit'),
        t('wellbeing.options.snoozeLimitHelp'),
        'wellbeing-snooze-limit',
        t('wellbeing.options.perHour'),
      )}
      <Toggle
        c={c}
        field="sound"
        label={t('wellbeing.options.sound')}
        help={t('wellbeing.options.soundHelp')}
        testId="wellbeing-sound"
      />
      <Toggle
        c={c}
        field="notification"
        label={t('wellbeing.options.notification')}
        help={t('wellbeing.options.notificationHelp')}
        testId="wellbeing-notification"
      />
      <Toggle
        c={c}
        field="breakPage"
        label={t('wellbeing.options.breakPage')}
        help={t('wellbeing.options.breakPageHelp')}
        testId="wellbeing-break-page"
      />
      <Toggle
        c={c}
        field="moodCheckIn"
        label={t('wellbeing.options.moodCheckIn')}
        help={t('wellbeing.options.moodCheckInHelp')}
        testId="wellbeing-mood-checkin"
      />

      <div className="row">
        <button
          type="button"
          onClick={() =>
            void resetWellbeing().then(() => {
              setError(null);
              setSaved(true);
            })
          }
          data-testid="wellbeing-reset"
        >
          {t('wellbeing.options.reset')}
        </button>
        <span className="sm-muted">{t('wellbeing.options.resetHelp')}</span>
        {saved ? (
          <span className="badge ok" role="status" data-testid="wellbeing-saved">
            {t('wellbeing.options.saved')}
          </span>
        ) : null}
      </div>
    </section>
  );
}
