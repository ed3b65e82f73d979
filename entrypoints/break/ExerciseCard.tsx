import { useState } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { exerciseSeconds, stepAt, type Exercise } from '@/utils/wellbeing/exercises';
import { illustration } from './illustrations';

/** One guided exercise: its drawing, its steps, and a timer that walks through them step by step. */
export function ExerciseCard({ exercise, now }: { exercise: Exercise; now: number }) {
  const { t } = useI18n();
  const [startedAt, setStartedAt] = useState<number | null>(null);
  const at = startedAt === null ? null : stepAt(exercise, now - startedAt);
  const running = startedAt !== null && at !== null;
  const finished = startedAt !== null && at === null;
  // Repeated steps (tuck, release, tuck…) are listed once, in order.
  const distinct = exercise.steps.filter((s, i) => exercise.steps.findIndex((x) => x.key === s.key) === i);
  const title = t(exercise.titleKey);
  const src = illustration(exercise.id);
  return (
    <article
      className={running ? 'exercise running' : 'exercise'}
      data-testid="break-exercise"
      data-exercise={exercise.id}
      aria-labelledby={`ex-${exercise.id}`}
    >
      {src ? <img src={src} alt="" className="exercise-art" width={160} height={120} /> : null}
      <h3 id={`ex-${exercise.id}`}>{title}</h3>
      <p className="sm-muted exercise-length">
        {t('wellbeing.breakPage.length', { seconds: exerciseSeconds(exercise) })}
        {exercise.standing ? ` · ${t('wellbeing.breakPage.standing')}` : ''}
      </p>
      {running ? (
        <div className="exercise-now" aria-live="polite" data-testid="break-exercise-step">
          <p className="exercise-step-text">{t(exercise.steps[at.index]!.key)}</p>
          <p className="exercise-step-count">
            {t('wellbeing.breakPage.step', { n: at.index + 1, of: exercise.steps.length, seconds: at.secondsLeft })}
          </p>
        </div>
      ) : (
        <ol className="exercise-steps">
          {distinct.map((s) => (
            <li key={s.key}>{t(s.key)}</li>
          ))}
        </ol>
      )}
      {finished ? <p className="exercise-done">{t('wellbeing.breakPage.done')}</p> : null}
      <button
        type="button"
        className={running ? undefined : 'primary'}
        onClick={() => setStartedAt(running ? null : Date.now())}
        aria-label={t(running ? 'wellbeing.breakPage.stopNamed' : 'wellbeing.breakPage.startNamed', { title })}
        data-testid={running ? 'break-exercise-stop' : 'break-exercise-start'}
      >
        {t(running ? 'wellbeing.breakPage.stop' : 'wellbeing.breakPage.start')}
      </button>
    </article>
  );
}
