import { useLiveQuery } from 'dexie-react-hooks';
import { browser } from 'wxt/browser';
import { useI18n } from '@/components/I18nProvider';
import { useNow } from '@/components/useNow';
import { formatHotkey } from '@/utils/console/hotkey';
import { getDb } from '@/utils/db';
import { currentStateEvent, elapsedInState, recordState } from '@/utils/time/ledger';
import type { AgentState } from '@/utils/time/states';

/** The states an agent sets by hand here (ringing comes from the console page). */
const MANUAL_STATES: AgentState[] = ['ready', 'talk', 'hold', 'acw', 'break', 'offline'];

function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(sec)}` : `${pad(m)}:${pad(sec)}`;
}

/** Toolbar popup: the agent's current state, buttons to change it, and a way to Options. */
export function App() {
  const { t, settings } = useI18n();
  const now = useNow(1000);
  const current = useLiveQuery(() => currentStateEvent(getDb()), []);
  const state = current?.state ?? null;
  const sites = settings?.settings.consoleSites ?? [];

  return (
    <main className="popup">
      <header>
        <h1>{t('extName')}</h1>
        <span className="state-pill" data-testid="popup-current-state" data-state={state ?? 'none'}>
          {state ? t(`states.${state}`) : t('popup.noState')}
          {current ? <span className="elapsed"> · {formatDuration(elapsedInState(current, now))}</span> : null}
        </span>
      </header>
      <section aria-label={t('popup.stateButtonsLabel')} className="state-grid">
        {MANUAL_STATES.map((s) => (
          <button
            key={s}
            type="button"
            className={s === state ? 'primary' : undefined}
            aria-pressed={s === state}
            data-testid={`state-button-${s}`}
            onClick={() => void recordState(getDb(), s, 'manual', Date.now())}
          >
            {t(`states.${s}`)}
          </button>
        ))}
      </section>
      <p className="sm-muted hint" data-testid="popup-hint">
        {sites.length === 0
          ? t('popup.noSites')
          : t('popup.hotkeyHint', { hotkey: settings ? formatHotkey(settings.settings.hotkey) : '' })}
      </p>
      <footer>
        <button
          type="button"
          onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/kb.html') })}
          data-testid="popup-open-kb"
        >
          {t('kb.openFromPopup')}
        </button>
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()} data-testid="popup-open-options">
          {t('popup.openOptions')}
        </button>
      </footer>
    </main>
  );
}
