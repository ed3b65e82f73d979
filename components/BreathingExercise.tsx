import { useEffect, useRef, useState } from 'react';
import { PACED_BREATHING } from '@/utils/wellbeing/exercises';
import { breathingPhaseAt } from '@/utils/wellbeing/tough';
import { useI18n } from './I18nProvider';
import { useNow } from './useNow';
import './breathing.css';

/**
 * One minute of paced breathing (in 4 s, out 6 s, six times): a circle that grows with each breath
 * in and shrinks with each breath out, the words, and the time left. Offered after a tough call
 * (the toast) and on the break page; never forced — Stop ends it at any time.
 */
export function BreathingExercise({ onDone, onStop }: { onDone: () => void; onStop: () => void }) {
  const { t } = useI18n();
  const [startedAt] = useState(() => Date.now());
  const now = useNow(250);
  const phase = breathingPhaseAt(now - startedAt);
  const finished = useRef(false);
  useEffect(() => {
    if (phase === null && !finished.current) {
      finished.current = true;
      onDone();
    }
  }, [phase, onDone]);
  if (!phase) return null;
  const seconds = phase.phase === 'in' ? PACED_BREATHING.inSeconds : PACED_BREATHING.outSeconds;
  return (
    <section className="sm-breathing" data-testid="wellbeing-breathing" data-phase={phase.phase}>
      <div className="sm-breathing-stage" aria-hidden="true">
        <div
          className={`sm-breathing-circle ${phase.phase}`}
          style={{ animationDuration: `${seconds}s` }}
          key={`${phase.breath}-${phase.phase}`}
        />
      </div>
      <p className="sm-breathing-word" aria-live="polite">
        {t(
          phase.phase === 'in'
            ? 'wellbeing.exercises.pacedBreathing.steps.in'
            : 'wellbeing.exercises.pacedBreathing.steps.out',
        )}
      </p>
      <p className="sm-muted">
        {t('wellbeing.breathing.progress', {
          breath: phase.breath,
          breaths: PACED_BREATHING.breaths,
          seconds: phase.secondsLeft,
        })}
      </p>
      <button type="button" onClick={onStop} data-testid="wellbeing-breathing-stop">
        {t('wellbeing.breathing.stop')}
      </button>
    </section>
  );
}
