import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { BreathingExercise } from '@/components/BreathingExercise';
import { useI18n } from '@/components/I18nProvider';
import { sendToBackground } from '@/utils/messaging';
import { MoodCheckIn } from './MoodCheckIn';
import { PromptList } from './PromptList';
import { useToastView } from './useToastView';

type Gate = 'checking' | 'ok' | 'refused';

/**
 * The wellbeing toast, inside Seatmate's own frame on the console page. Shows nothing until the
 * background confirms the frame was opened by Seatmate's content script (the nonce in the URL),
 * then what the background put in the toast. It never takes the keyboard: nothing here focuses
 * itself; the agent clicks when they choose to. It tells the content script (through the
 * background) its height, or to hide the frame when there is nothing to show.
 */
export function App() {
  const { t } = useI18n();
  const nonce = location.hash.slice(1);
  const [gate, setGate] = useState<Gate>('checking');
  const view = useToastView();
  const [breathing, setBreathing] = useState<number | null>(null);
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    sendToBackground({ type: 'toast/hello', nonce })
      .then((r) => setGate(r.ok ? 'ok' : 'refused'))
      .catch(() => setGate('refused'));
  }, [nonce]);

  // A breathing exercise ends with its offer (the next call started, or it was answered): it shows
  // only while `breathing` is the ref of the offer in force.
  const offerRef = view?.breathing?.ref ?? null;

  const visible = gate === 'ok' && view !== null;
  useLayoutEffect(() => {
    const el = box.current;
    let last = '';
    const report = () => {
      const height = visible && el ? Math.ceil(el.getBoundingClientRect().height) : 0;
      const key = `${visible}:${height}`;
      if (key === last) return;
      last = key;
      void sendToBackground({ type: 'toast/layout', nonce, visible: visible && height > 0, height }).catch(
        () => undefined,
      );
    };
    report();
    if (!el) return undefined;
    const observer = new ResizeObserver(report);
    observer.observe(el);
    return () => observer.disconnect();
  }, [visible, nonce]);

  if (!visible) return <div ref={box} />;
  return (
    <div ref={box} className="wb-toast" role="status" aria-live="polite" data-testid="wellbeing-toast">
      <div className="wb-toast-head">
        <span className="wb-leaf" aria-hidden="true" />
        <h1>{t('wellbeing.toast.title')}</h1>
      </div>
      {view.prompts.length > 0 ? <PromptList view={view} /> : null}
      {view.checkIn ? <MoodCheckIn phase={view.checkIn.phase} /> : null}
      {view.breathing ? (
        breathing === view.breathing.ref ? (
          <BreathingExercise
            onDone={() => void sendToBackground({ type: 'wellbeing/breathing', ref: offerRef!, outcome: 'done' })}
            onStop={() => setBreathing(null)}
          />
        ) : (
          <section className="wb-section" data-testid="wellbeing-breathing-offer">
            <p>{t('wellbeing.tough.offer')}</p>
            <div className="wb-actions">
              <button
                type="button"
                className="primary"
                onClick={() => setBreathing(view.breathing!.ref)}
                data-testid="wellbeing-breathing-start"
              >
                {t('wellbeing.tough.start')}
              </button>
              <button
                type="button"
                onClick={() =>
                  void sendToBackground({ type: 'wellbeing/breathing', ref: view.breathing!.ref, outcome: 'skipped' })
                }
                data-testid="wellbeing-breathing-skip"
              >
                {t('wellbeing.tough.notNow')}
              </button>
            </div>
          </section>
        )
      ) : null}
    </div>
  );
}
