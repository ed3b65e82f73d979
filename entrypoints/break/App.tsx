import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { BreathingExercise } from '@/components/BreathingExercise';
import { useI18n } from '@/components/I18nProvider';
import { useNow } from '@/components/useNow';
import { useWellbeingSettings } from '@/components/useWellbeingSettings';
import { getDb } from '@/utils/db';
import { DEFAULT_SCHEDULE } from '@/utils/settings';
import { formatClock } from '@/utils/time/format';
import { tzOffsetAt } from '@/utils/time/states';
import { breakCountdown, breakNow } from '@/utils/wellbeing/break-time';
import { BODY_AREAS, EXERCISE_IDS, EXERCISES, exerciseSeconds } from '@/utils/wellbeing/exercises';
import { loadSchedulerInput } from '@/utils/wellbeing/store';
import { DEFAULT_WELLBEING } from '@/utils/wellbeing/settings';
import { ExerciseCard } from './ExerciseCard';

/**
 * The break page: opens when a break or lunch starts (Options → Wellbeing), or from the popup. The
 * time left in the break (from the schedule, else the allowance), "back in 1 min" near the end, and
 * guided exercises by body area, each with its drawing and a timer per step.
 */
export function App() {
  const { t, settings } = useI18n();
  const wellbeing = useWellbeingSettings();
  const now = useNow(500);
  const [breathing, setBreathing] = useState(false);
  const periods = useLiveQuery(async () => {
    const at = Date.now();
    return (await loadSchedulerInput(getDb(), DEFAULT_WELLBEING, at, tzOffsetAt(at))).periods;
  }, []);
  const schedule = settings?.settings.schedule ?? DEFAULT_SCHEDULE;
  // The agent's clock as the ledger last saw it (the latest period's offset).
  const current = useMemo(
    () => (periods ? breakNow(periods, wellbeing?.settings.breaks ?? [], schedule, periods.at(-1)?.tz ?? 0) : null),
    [periods, wellbeing, schedule],
  );
  const countdown = current ? breakCountdown(current, now) : null;
  const kindName = current
    ? t(current.kind === 'lunch' ? 'wellbeing.breakKinds.lunch' : 'wellbeing.breakKinds.break')
    : '';
  useEffect(() => {
    document.title = countdown?.backSoon ? `⏰ ${t('wellbeing.breakPage.backSoon')}` : t('wellbeing.breakPage.title');
  }, [countdown?.backSoon, t]);

  const exercises = EXERCISE_IDS.map((id) => EXERCISES[id]).filter((e) => e.id !== 'pacedBreathing');
  const breathingEx = EXERCISES.pacedBreathing;
  return (
    <main className="break-page" data-testid="break-page">
      <header className="break-hero">
        <h1>{current ? t('wellbeing.breakPage.onBreak', { break: kindName }) : t('wellbeing.breakPage.title')}</h1>
        {current && countdown ? (
          countdown.leftMs === null ? (
            <p className="break-left" data-testid="break-time-left" data-ms="">
              {t('wellbeing.breakPage.sinceStart', { time: formatClock(now - current.start) })}
            </p>
          ) : countdown.over ? (
            <p className="break-left over" data-testid="break-time-left" data-ms="0">
              {t('wellbeing.breakPage.over', { break: kindName })}
            </p>
          ) : (
            <p className="break-left" data-testid="break-time-left" data-ms={countdown.leftMs}>
              <span className="break-clock">{formatClock(countdown.leftMs)}</span>{' '}
              <span>{t('wellbeing.breakPage.left')}</span>
            </p>
          )
        ) : (
          <p className="sm-muted" data-testid="break-not-on-break">
            {t('wellbeing.breakPage.notOnBreak')}
          </p>
        )}
        {current?.source ? (
          <p className="sm-muted">
            {t(
              current.source === 'schedule' ? 'wellbeing.breakPage.fromSchedule' : 'wellbeing.breakPage.fromAllowance',
            )}
          </p>
        ) : null}
        {countdown?.backSoon ? (
          <p className="break-back-soon" role="alert" data-testid="break-back-soon">
            {t('wellbeing.breakPage.backSoon')}
          </p>
        ) : null}
      </header>

      <p className="break-note">{t('wellbeing.exerciseNote')}</p>

      <section className="break-area" aria-labelledby="area-breathing">
        <h2 id="area-breathing">{t('wellbeing.areas.breathing')}</h2>
        <div className="break-breathing">
          {breathing ? (
            <BreathingExercise onDone={() => setBreathing(false)} onStop={() => setBreathing(false)} />
          ) : (
            <>
              <p>
                {t(breathingEx.titleKey)} · {t('wellbeing.breakPage.length', { seconds: exerciseSeconds(breathingEx) })}
              </p>
              <button
                type="button"
                className="primary"
                onClick={() => setBreathing(true)}
                data-testid="break-breathing-start"
              >
                {t('wellbeing.breakPage.start')}
              </button>
            </>
          )}
        </div>
      </section>

      {BODY_AREAS.filter((a) => a !== 'breathing').map((area) => {
        const list = exercises.filter((e) => e.area === area);
        if (list.length === 0) return null;
        return (
          <section key={area} className="break-area" aria-labelledby={`area-${area}`}>
            <h2 id={`area-${area}`}>{t(`wellbeing.areas.${area}`)}</h2>
            <div className="break-grid">
              {list.map((e) => (
                <ExerciseCard key={e.id} exercise={e} now={now} />
              ))}
            </div>
          </section>
        );
      })}
    </main>
  );
}
