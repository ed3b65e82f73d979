import { useI18n } from '@/components/I18nProvider';
import { sendToBackground } from '@/utils/messaging';
import { PROMPT_CATALOGUE } from '@/utils/wellbeing/catalogue';
import { PAUSE_CHOICES, type ToastView } from '@/utils/wellbeing/toast';
import { promptText } from '@/utils/wellbeing/toast-text';

/** The prompts of the toast, one line each, and what the agent can do about them (all at once). */
export function PromptList({ view }: { view: ToastView }) {
  const { t, locale } = useI18n();
  const clock = (at: number) => new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(at);
  const respond = (outcome: 'done' | 'snoozed' | 'skipped') =>
    void sendToBackground({
      type: 'wellbeing/respond',
      outcome,
      // What the agent was looking at: a prompt that joined the toast this instant stays for them to see.
      seen: view.prompts.map(({ kind, ref }) => (ref === undefined ? { kind } : { kind, ref })),
    }).catch(() => undefined);
  return (
    <section className="wb-section">
      <ul className="wb-prompts">
        {view.prompts.map((p) => (
          <li key={`${p.kind}-${p.ref ?? ''}`} data-testid="wellbeing-toast-prompt" data-kind={p.kind}>
            <span className={`wb-dot wb-dot-${p.kind}`} aria-hidden="true" />
            <span>
              <strong>{t(PROMPT_CATALOGUE[p.kind].labelKey)}</strong> {promptText(t, p, clock)}
            </span>
          </li>
        ))}
      </ul>
      <div className="wb-actions">
        <button type="button" className="primary" onClick={() => respond('done')} data-testid="wellbeing-toast-done">
          {t('wellbeing.toast.done')}
        </button>
        {view.snoozesLeft > 0 ? (
          <button type="button" onClick={() => respond('snoozed')} data-testid="wellbeing-toast-snooze">
            {t('wellbeing.toast.snooze', { minutes: view.snoozeMinutes })}
          </button>
        ) : null}
        <button type="button" onClick={() => respond('skipped')} data-testid="wellbeing-toast-skip">
          {t('wellbeing.toast.skip')}
        </button>
        <select
          aria-label={t('wellbeing.toast.pause')}
          value=""
          onChange={(e) => {
            const minutes = Number(e.target.value);
            if (minutes > 0) void sendToBackground({ type: 'wellbeing/pause', minutes }).catch(() => undefined);
          }}
          data-testid="wellbeing-toast-pause"
        >
          <option value="">{t('wellbeing.toast.pause')}…</option>
          {PAUSE_CHOICES.map((m) => (
            <option key={m} value={m}>
              {t('wellbeing.toast.pauseFor', { minutes: m })}
            </option>
          ))}
        </select>
      </div>
      {view.snoozesLeft === 0 ? <p className="wb-note">{t('wellbeing.toast.noSnoozes')}</p> : null}
    </section>
  );
}
