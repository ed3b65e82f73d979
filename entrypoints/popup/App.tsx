import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { useI18n } from '@/components/I18nProvider';
import { StatePicker } from '@/components/StatePicker';
import { stateLabel } from '@/components/stateLabel';
import { useNow } from '@/components/useNow';
import { formatHotkey } from '@/utils/console/hotkey';
import { getDb } from '@/utils/db';
import { sendToBackground } from '@/utils/messaging';
import { DEFAULT_SCHEDULE } from '@/utils/settings';
import { localDay } from '@/utils/time/day';
import { formatClock, hMm, mSs } from '@/utils/time/format';
import { stateTone } from '@/utils/time/state-catalogue';
import { currentStateEvent, elapsedInState } from '@/utils/time/ledger';
import { loadLedgerReport } from '@/utils/time/ledger-report';
import { FeedbackButton } from './FeedbackButton';

/** Toolbar popup: the agent's current state and today's figures, buttons to change state, and links. */
export function App() {
  const { t, settings } = useI18n();
  const now = useNow(1000);
  const minute = Math.floor(now / 60_000);
  const current = useLiveQuery(() => currentStateEvent(getDb()), []);
  const schedule = settings?.settings.schedule ?? DEFAULT_SCHEDULE;
  const today = localDay(new Date(minute * 60_000));
  // Recomputed when the ledger changes and once a minute (the open period keeps growing).
  const report = useLiveQuery(
    () => loadLedgerReport(getDb(), { from: today, to: today }, Date.now(), schedule),
    [today, minute, schedule.breakMinutes, schedule.lunchMinutes],
  );
  const m = report?.metrics;
  const sites = settings?.settings.consoleSites ?? [];
  const custom = settings?.settings.otherCodes ?? [];
  const [notConsole, setNotConsole] = useState(false);
  // The browser shortcut as the agent has it (they can change it at chrome://extensions/shortcuts).
  const [shortcut, setShortcut] = useState('');
  useEffect(() => {
    void browser.commands
      ?.getAll()
      .then((all) => setShortcut(all.find((c) => c.name === 'open-palette')?.shortcut ?? ''));
  }, []);
  const openPalette = () =>
    void sendToBackground({ type: 'palette/open' })
      .then((r) => (r.opened ? window.close() : setNotConsole(true)))
      .catch(() => setNotConsole(true));
  const openPage = (path: '/kb.html' | '/dashboard.html') =>
    void browser.tabs.create({ url: browser.runtime.getURL(path) });

  return (
    <main className="popup">
      <header>
        <h1>{t('extName')}</h1>
        <span
          className="state-pill"
          data-testid="popup-current-state"
          data-state={current?.state ?? 'none'}
          data-tone={stateTone(current?.state)}
          aria-live="polite"
        >
          {current ? stateLabel(t, current, custom) : t('popup.noState')}
          {current ? <span className="elapsed"> · {formatClock(elapsedInState(current, now))}</span> : null}
        </span>
      </header>
      <button type="button" className="primary open-palette" onClick={openPalette} data-testid="popup-open-palette">
        {t('paletteOpen.button')}
        {shortcut ? <span className="sm-muted"> · {t('paletteOpen.shortcutHint', { shortcut })}</span> : null}
      </button>
      {notConsole ? (
        <p className="sm-error hint" role="alert" data-testid="popup-not-console">
          {t('paletteOpen.notConsole')}
        </p>
      ) : null}
      <StatePicker current={current} />
      <section className="today" aria-label={t('popup.todayLabel')} data-testid="popup-today">
        <h2>{t('popup.todayLabel')}</h2>
        <dl>
          <div>
            <dt>{t('popup.contacts')}</dt>
            <dd data-testid="popup-today-contacts">{m ? m.contacts : '–'}</dd>
          </div>
          <div>
            <dt>{t('popup.talk')}</dt>
            <dd data-testid="popup-today-talk">{m ? hMm(m.talkMs) : '–'}</dd>
          </div>
          <div>
            <dt>{t('popup.aht')}</dt>
            <dd data-testid="popup-today-aht">{m?.ahtMs != null ? mSs(m.ahtMs) : '–'}</dd>
          </div>
          <div>
            <dt>{t('popup.occupancy')}</dt>
            <dd data-testid="popup-today-occupancy">
              {m?.occupancy != null ? `${Math.round(m.occupancy * 100)}%` : '–'}
            </dd>
          </div>
          <div>
            <dt>{t('popup.breakUsed')}</dt>
            <dd data-testid="popup-today-break">
              {m ? `${Math.round(m.breakMs / 60_000)} / ${schedule.breakMinutes}` : '–'}
            </dd>
          </div>
          <div>
            <dt>{t('popup.loggedIn')}</dt>
            <dd data-testid="popup-today-logged-in">{m ? hMm(m.loggedInMs) : '–'}</dd>
          </div>
        </dl>
      </section>
      <p className="sm-muted hint" data-testid="popup-hint">
        {sites.length === 0
          ? t('popup.noSites')
          : t('popup.hotkeyHint', { hotkey: settings ? formatHotkey(settings.settings.hotkey) : '' })}
      </p>
      <FeedbackButton />
      <footer>
        <button type="button" onClick={() => openPage('/dashboard.html')} data-testid="popup-open-dashboard">
          {t('popup.openDashboard')}
        </button>
        <button type="button" onClick={() => openPage('/kb.html')} data-testid="popup-open-kb">
          {t('kb.openFromPopup')}
        </button>
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()} data-testid="popup-open-options">
          {t('popup.openOptions')}
        </button>
      </footer>
    </main>
  );
}
