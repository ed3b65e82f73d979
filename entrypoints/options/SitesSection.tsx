import { useEffect, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { useI18n } from '@/components/I18nProvider';
import { originPatternOf, parseSitePattern } from '@/utils/console/sites';
import { sendToBackground } from '@/utils/messaging';
import { FrameSites } from './FrameSites';
import { loadSettings, saveSettings } from '@/utils/settings-store';

type Notice = { kind: 'ok' | 'error'; text: string; undo?: string } | null;

/**
 * Console sites: the agent adds the URL of their console; Seatmate asks the browser for access to
 * that site only, and the background registers the content script there. Removing a site
 * unregisters it and gives the access back (with Undo).
 */
export function SitesSection() {
  const { t, settings } = useI18n();
  const [input, setInput] = useState('');
  const [notice, setNotice] = useState<Notice>(null);
  const [granted, setGranted] = useState<Record<string, boolean>>({});
  const sites = settings?.settings.consoleSites ?? [];
  const policySites = settings?.locks.consoleSites ?? [];
  const sitesKey = sites.join('\n');

  useEffect(() => {
    let live = true;
    const refresh = async () => {
      const list = sitesKey ? sitesKey.split('\n') : [];
      const entries = await Promise.all(
        list.map(async (s) => [s, await browser.permissions.contains({ origins: [originPatternOf(s)] })] as const),
      );
      if (live) setGranted(Object.fromEntries(entries));
    };
    void refresh();
    browser.permissions.onAdded.addListener(refresh);
    browser.permissions.onRemoved.addListener(refresh);
    return () => {
      live = false;
      browser.permissions.onAdded.removeListener(refresh);
      browser.permissions.onRemoved.removeListener(refresh);
    };
  }, [sitesKey]);

  /** Asks for access and adds the site. Must start inside the click/submit (a user gesture). */
  async function addSite(text: string): Promise<boolean> {
    const parsed = parseSitePattern(text);
    if (!parsed.ok) {
      setNotice({ kind: 'error', text: t(`options.sites.errors.${parsed.error}`) });
      return false;
    }
    if (sites.includes(parsed.pattern)) {
      setNotice({ kind: 'error', text: t('options.sites.errors.duplicate', { pattern: parsed.pattern }) });
      return false;
    }
    let ok = false;
    try {
      ok = await browser.permissions.request({ origins: [parsed.originPattern] });
    } catch {
      ok = false;
    }
    if (!ok) {
      setNotice({ kind: 'error', text: t('options.sites.denied', { pattern: parsed.pattern }) });
      return false;
    }
    const own = (await loadSettings()).consoleSites;
    await saveSettings({ consoleSites: [...own.filter((s) => s !== parsed.pattern), parsed.pattern] });
    await sendToBackground({ type: 'sites/sync' });
    setNotice({ kind: 'ok', text: t('options.sites.added', { pattern: parsed.pattern }) });
    return true;
  }

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (await addSite(input)) setInput('');
  }

  async function removeSite(pattern: string) {
    const own = (await loadSettings()).consoleSites;
    await saveSettings({ consoleSites: own.filter((s) => s !== pattern) });
    const origin = originPatternOf(pattern);
    const stillNeeded = sites.some((s) => s !== pattern && originPatternOf(s) === origin);
    if (!stillNeeded) {
      // A build that was installed with this access (the demo build's localhost) cannot give it back.
      await browser.permissions.remove({ origins: [origin] }).catch(() => false);
    }
    await sendToBackground({ type: 'sites/sync' });
    setNotice({ kind: 'ok', text: t('options.sites.removed', { pattern }), undo: pattern });
  }

  async function grant(pattern: string) {
    const ok = await browser.permissions.request({ origins: [originPatternOf(pattern)] }).catch(() => false);
    if (ok) await sendToBackground({ type: 'sites/sync' });
    else setNotice({ kind: 'error', text: t('options.sites.denied', { pattern }) });
  }

  return (
    <section className="card" aria-labelledby="sites-heading">
      <h2 id="sites-heading">{t('options.sites.heading')}</h2>
      <p className="sm-muted">{t('options.sites.help')}</p>
      <form className="row" onSubmit={(e) => void onSubmit(e)}>
        <label className="sm-visually-hidden" htmlFor="site-input">
          {t('options.sites.inputLabel')}
        </label>
        <input
          id="site-input"
          type="text"
          className="grow"
          value={input}
          onChange={(e) => {
            setInput(e.target.value);
            if (notice?.kind === 'error') setNotice(null);
          }}
          placeholder="https://crm.example.com/*"
          aria-invalid={notice?.kind === 'error'}
          aria-describedby="site-notice"
          spellCheck={false}
          data-testid="options-site-input"
        />
        <button type="submit" className="primary" disabled={!input.trim()} data-testid="options-site-add">
          {t('options.sites.add')}
        </button>
      </form>
      <div
        id="site-notice"
        role={notice?.kind === 'error' ? 'alert' : 'status'}
        data-testid="options-site-notice"
        className={notice?.kind === 'error' ? 'notice error' : notice ? 'notice ok' : undefined}
      >
        {notice ? (
          <>
            <span>{notice.text}</span>
            {notice.undo ? (
              <button
                type="button"
                onClick={() => {
                  const pattern = notice.undo!;
                  void addSite(pattern);
                }}
                data-testid="options-site-undo"
              >
                {t('options.sites.undo')}
              </button>
            ) : null}
          </>
        ) : null}
      </div>
      {sites.length === 0 ? (
        <p className="empty sm-muted" data-testid="options-site-empty">
          {t('options.sites.empty')}
        </p>
      ) : (
        <ul className="site-list" data-testid="options-site-list">
          {sites.map((pattern) => {
            const fromPolicy = policySites.includes(pattern);
            const ok = granted[pattern];
            return (
              <li key={pattern} data-testid="options-site-row" data-pattern={pattern} data-active={ok === true}>
                <code>{pattern}</code>
                <span className={ok ? 'badge ok' : 'badge warn'} data-testid="options-site-status">
                  {ok === undefined ? '…' : ok ? t('options.sites.active') : t('options.sites.needsAccess')}
                </span>
                {fromPolicy ? <span className="badge">🔒 {t('options.sites.fromPolicy')}</span> : null}
                <span className="spacer" />
                {ok === false ? (
                  <button type="button" onClick={() => void grant(pattern)} data-testid="options-site-grant">
                    {t('options.sites.grant')}
                  </button>
                ) : null}
                {!fromPolicy ? (
                  <button
                    type="button"
                    className="danger"
                    onClick={() => void removeSite(pattern)}
                    aria-label={t('options.sites.removeLabel', { pattern })}
                    data-testid="options-site-remove"
                  >
                    {t('options.sites.remove')}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      <FrameSites sites={sites} onAdd={addSite} />
    </section>
  );
}
