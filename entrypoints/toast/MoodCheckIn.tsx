import { useState } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { sendToBackground } from '@/utils/messaging';
import { MOODS } from '@/utils/wellbeing/mood';
import { MOOD_WORDS_MAX } from '@/utils/wellbeing/records';

/** The private mood check-in at the start or end of a shift: 1 (low) to 5 (great), and a few words. */
export function MoodCheckIn({ phase }: { phase: 'start' | 'end' }) {
  const { t } = useI18n();
  const [mood, setMood] = useState<number | null>(null);
  const [words, setWords] = useState('');
  const send = (answer: number | null) =>
    void sendToBackground({ type: 'wellbeing/mood', phase, mood: answer, words: answer ? words : undefined }).catch(
      () => undefined,
    );
  const question = t(phase === 'start' ? 'wellbeing.mood.startQuestion' : 'wellbeing.mood.endQuestion');
  return (
    <section className="wb-section" data-testid="wellbeing-mood" data-phase={phase}>
      <p id="wb-mood-q">{question}</p>
      <div className="wb-moods" role="group" aria-labelledby="wb-mood-q">
        {MOODS.map((m) => (
          <button
            key={m}
            type="button"
            className={mood === m ? 'wb-mood primary' : 'wb-mood'}
            aria-pressed={mood === m}
            onClick={() => setMood(m)}
            data-testid={`wellbeing-mood-${m}`}
          >
            <span className="wb-mood-n">{m}</span>
            <span className="wb-mood-label">{t(`wellbeing.mood.scale.m${m}`)}</span>
          </button>
        ))}
      </div>
      <label className="wb-words">
        <span>{t('wellbeing.mood.wordsLabel')}</span>
        <input
          value={words}
          maxLength={MOOD_WORDS_MAX}
          onChange={(e) => setWords(e.target.value)}
          data-testid="wellbeing-mood-words"
        />
      </label>
      <div className="wb-actions">
        <button
          type="button"
          className="primary"
          disabled={mood === null}
          onClick={() => send(mood)}
          data-testid="wellbeing-mood-save"
        >
          {t('wellbeing.mood.save')}
        </button>
        <button type="button" onClick={() => send(null)} data-testid="wellbeing-mood-skip">
          {t('wellbeing.mood.skip')}
        </button>
      </div>
    </section>
  );
}
