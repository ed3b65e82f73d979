import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { useI18n } from '@/components/I18nProvider';
import { getDb } from '@/utils/db';
import type { Translate } from '@/utils/i18n';
import { isPendingPack, type InstalledPack } from '@/utils/kb/pack-record';
import { decodePackBytes } from '@/utils/kb/pack-guard';
import { PACK_MAX_BYTES } from '@/utils/kb/pack-fetch';
import { removePack, restorePack, type RemovedPack } from '@/utils/kb/pack-install';
import { importPackFile } from '@/utils/kb/pack-sync';
import { parsePackUrl, type PackErrorCode } from '@/utils/kb/pack-url';
import { sendToBackground } from '@/utils/messaging';

type Notice = { kind: 'ok' | 'error'; text: string; undo?: RemovedPack } | null;

const ERROR_KEYS = {
  url: 'packs.errors.url',
  network: 'packs.errors.network',
  permission: 'packs.errors.permission',
  timeout: 'packs.errors.timeout',
  http: 'packs.errors.http',
  'too-large': 'packs.errors.tooLarge',
  json: 'packs.errors.json',
  schema: 'packs.errors.schema',
  'id-mismatch': 'packs.errors.idMismatch',
  'id-taken': 'packs.errors.idTaken',
  redirect: 'untrusted.packErrors.redirect',
  encoding: 'untrusted.packErrors.encoding',
  storage: 'untrusted.packErrors.storage',
} as const satisfies Record<PackErrorCode, string>;

function errorText(t: Translate, error: { code: PackErrorCode; message: string }): string {
  return t('packs.notice.failed', { error: t(ERROR_KEYS[error.code]), detail: error.message });
}

/**
 * Team packs: subscribe by URL (asking for access to that site first), import a pack file, and
 * see each pack's version, article count, source, last good sync and status. Sync now, Grant
 * access after a permission failure, Remove with Undo; policy packs show a lock instead.
 */
export function PacksSection() {
  const { t, locale } = useI18n();
  const packs = useLiveQuery(
    async () => (await getDb().packs.toArray()).sort((a, b) => a.name.localeCompare(b.name, locale)),
    [locale],
  );
  const [input, setInput] = useState('');
  const [notice, setNotice] = useState<Notice>(null);
  const [subscribing, setSubscribing] = useState(false);
  const [importing, setImporting] = useState(false);
  const [syncing, setSyncing] = useState<ReadonlySet<string>>(new Set());
  const fileRef = useRef<HTMLInputElement>(null);
  const format = useMemo(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }), [locale]);
  const when = (at: number | null) => (at === null ? t('packs.never') : format.format(at));

  /** Subscribe: the permission request must be the first thing the click does (a user gesture). */
  async function onSubscribe(e: FormEvent) {
    e.preventDefault();
    const checked = parsePackUrl(input);
    if (!checked.ok) {
      setNotice({ kind: 'error', text: errorText(t, { code: 'url', message: checked.message }) });
      return;
    }
    let allowed = false;
    try {
      allowed = await browser.permissions.request({ origins: [checked.originPattern] });
    } catch {
      allowed = false;
    }
    if (!allowed) {
      setNotice({ kind: 'error', text: t('packs.notice.denied', { origin: checked.originPattern }) });
      return;
    }
    setSubscribing(true);
    setNotice(null);
    try {
      const result = await sendToBackground({ type: 'packs/subscribe', url: checked.url });
      if (result.error) {
        setNotice({ kind: 'error', text: errorText(t, result.error) });
        return;
      }
      const pack = result.id ? await getDb().packs.get(result.id) : undefined;
      setInput('');
      setNotice({
        kind: 'ok',
        text: t('packs.notice.subscribed', { name: pack?.name ?? checked.url, count: pack?.articleCount ?? 0 }),
      });
    } catch (err) {
      // The background did not answer (e.g. it was restarting): say so; nothing was stored.
      setNotice({ kind: 'error', text: errorText(t, { code: 'network', message: (err as Error).message }) });
    } finally {
      setSubscribing(false);
    }
  }

  async function onImport(e: ChangeEvent<HTMLInputElement>) {
    const file = e.target.files?.[0];
    e.target.value = '';
    if (!file) return;
    if (file.size > PACK_MAX_BYTES) {
      setNotice({
        kind: 'error',
        text: errorText(t, { code: 'too-large', message: `${file.name}: ${Math.ceil(file.size / 1024 / 1024)} MB` }),
      });
      return;
    }
    setImporting(true);
    setNotice(null);
    try {
      // The same strict decoder as downloads and KB files: no mojibake from a GBK or Shift-JIS file.
      const decoded = decodePackBytes(new Uint8Array(await file.arrayBuffer()), file.name);
      const result = decoded.ok
        ? await importPackFile(getDb(), decoded.text, Date.now())
        : { error: { code: decoded.code, message: decoded.message }, id: null };
      if (result.error) {
        setNotice({ kind: 'error', text: `${file.name} — ${errorText(t, result.error)}` });
        return;
      }
      const pack = result.id ? await getDb().packs.get(result.id) : undefined;
      setNotice({
        kind: 'ok',
        text: t('packs.notice.imported', { name: pack?.name ?? file.name, count: pack?.articleCount ?? 0 }),
      });
    } finally {
      setImporting(false);
    }
  }

  async function syncNow(pack: InstalledPack) {
    setSyncing((s) => new Set(s).add(pack.id));
    try {
      const { results } = await sendToBackground({ type: 'packs/sync', id: pack.id });
      const result = results[0];
      if (!result || result.error) {
        // The row's status shows the error and the last good sync; no second message needed.
        setNotice(null);
        return;
      }
      const fresh = result.id ? await getDb().packs.get(result.id) : undefined;
      setNotice({
        kind: 'ok',
        text:
          result.outcome === 'updated'
            ? t('packs.notice.updated', { name: fresh?.name ?? pack.name, version: fresh?.version ?? '' })
            : t('packs.notice.unchanged', { name: pack.name }),
      });
    } catch (err) {
      setNotice({ kind: 'error', text: errorText(t, { code: 'network', message: (err as Error).message }) });
    } finally {
      setSyncing((s) => {
        const next = new Set(s);
        next.delete(pack.id);
        return next;
      });
    }
  }

  async function grant(pack: InstalledPack) {
    const checked = pack.url ? parsePackUrl(pack.url) : null;
    if (!checked?.ok) return;
    const ok = await browser.permissions.request({ origins: [checked.originPattern] }).catch(() => false);
    if (ok) await syncNow(pack);
    else setNotice({ kind: 'error', text: t('packs.notice.denied', { origin: checked.originPattern }) });
  }

  async function remove(pack: InstalledPack) {
    try {
      const removed = await removePack(getDb(), pack.id);
      if (!removed) return;
      setNotice({
        kind: 'ok',
        text: t('packs.notice.removed', { name: pack.name, count: removed.articles.length }),
        undo: removed,
      });
    } catch (err) {
      setNotice({ kind: 'error', text: (err as Error).message });
    }
  }

  async function undo(removed: RemovedPack) {
    const ok = await restorePack(getDb(), removed);
    setNotice({
      kind: ok ? 'ok' : 'error',
      text: t(ok ? 'packs.notice.restored' : 'packs.notice.restoreFailed', { name: removed.pack.name }),
    });
  }

  function status(pack: InstalledPack): { text: string; kind: 'ok' | 'warn' | 'error' } {
    if (syncing.has(pack.id)) return { text: t('packs.status.syncing'), kind: 'warn' };
    if (pack.lastError) {
      const values = {
        time: when(pack.lastError.at),
        error: t(ERROR_KEYS[pack.lastError.code]),
        detail: pack.lastError.message,
      };
      return {
        text: t(isPendingPack(pack) ? 'packs.status.failedPending' : 'packs.status.failed', values),
        kind: 'error',
      };
    }
    if (isPendingPack(pack)) return { text: t('packs.status.pending'), kind: 'warn' };
    if (pack.url === null) return { text: t('packs.status.file'), kind: 'ok' };
    return { text: t('packs.status.ok', { time: when(pack.lastAttemptAt ?? pack.lastGoodSyncAt) }), kind: 'ok' };
  }

  return (
    <section className="card packs" aria-labelledby="packs-heading" data-testid="packs-section">
      <h2 id="packs-heading">{t('packs.heading')}</h2>
      <p className="sm-muted">{t('packs.help')}</p>
      <form className="row" onSubmit={(e) => void onSubscribe(e)}>
        <label className="sm-visually-hidden" htmlFor="packs-url">
          {t('packs.urlLabel')}
        </label>
        <input
          id="packs-url"
          type="text"
          inputMode="url"
          className="grow"
          value={input}
          onChange={(e) => {
            setInput(e.target.value);
            if (notice?.kind === 'error') setNotice(null);
          }}
          placeholder="https://kb.example.com/team-pack.json"
          aria-describedby="packs-notice"
          spellCheck={false}
          disabled={subscribing}
          data-testid="packs-url-input"
        />
        <button
          type="submit"
          className="primary"
          disabled={!input.trim() || subscribing}
          aria-busy={subscribing}
          data-testid="packs-subscribe"
        >
          {subscribing ? t('packs.subscribing') : t('packs.subscribe')}
        </button>
        <button
          type="button"
          disabled={importing}
          aria-busy={importing}
          onClick={() => fileRef.current?.click()}
          data-testid="packs-import"
        >
          {importing ? t('packs.importing') : t('packs.importFile')}
        </button>
        <input
          ref={fileRef}
          type="file"
          accept=".json,application/json"
          className="sm-visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => void onImport(e)}
          data-testid="packs-import-file"
        />
      </form>
      <div
        id="packs-notice"
        role={notice?.kind === 'error' ? 'alert' : 'status'}
        data-testid="packs-notice"
        className={notice?.kind === 'error' ? 'notice error' : notice ? 'notice ok' : undefined}
      >
        {notice ? (
          <>
            <span>{notice.text}</span>
            {notice.undo ? (
              <button type="button" onClick={() => void undo(notice.undo!)} data-testid="packs-undo">
                {t('packs.undo')}
              </button>
            ) : null}
          </>
        ) : null}
      </div>
      {packs === undefined ? null : packs.length === 0 ? (
        <p className="empty sm-muted" data-testid="packs-empty">
          {t('packs.empty')}
        </p>
      ) : (
        <ul className="pack-list" aria-label={t('packs.listLabel')} data-testid="packs-list">
          {packs.map((pack) => {
            const s = status(pack);
            const busy = syncing.has(pack.id);
            return (
              <li key={pack.id} data-testid="packs-row" data-pack-id={pack.id} aria-busy={busy}>
                <div className="pack-head">
                  <strong data-testid="packs-name">{pack.name}</strong>
                  {pack.version !== null ? (
                    <span className="badge" data-testid="packs-version">
                      {t('packs.version', { version: pack.version })}
                    </span>
                  ) : null}
                  <span className="badge" data-testid="packs-count">
                    {t('packs.articles', { count: pack.articleCount })}
                  </span>
                  {pack.policy ? (
                    <span className="badge" data-testid="packs-locked">
                      🔒 {t('packs.policy')}
                    </span>
                  ) : null}
                </div>
                <div
                  className={pack.url ? 'pack-source url sm-muted' : 'pack-source sm-muted'}
                  data-testid="packs-source"
                >
                  {pack.url ?? t('packs.fromFile')}
                </div>
                <div className="sm-muted" data-testid="packs-last-good">
                  {t('packs.lastGood', { time: when(pack.lastGoodSyncAt) })}
                </div>
                <div className={`pack-status ${s.kind}`} role="status" data-testid="packs-status" data-kind={s.kind}>
                  {s.text}
                </div>
                <div className="row pack-actions">
                  {pack.lastError?.code === 'permission' ? (
                    <button type="button" onClick={() => void grant(pack)} data-testid="packs-grant">
                      {t('packs.grant')}
                    </button>
                  ) : null}
                  {pack.url !== null ? (
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() => void syncNow(pack)}
                      aria-label={t('packs.syncNowLabel', { name: pack.name })}
                      data-testid="packs-sync-now"
                    >
                      {busy ? t('packs.status.syncing') : t('packs.syncNow')}
                    </button>
                  ) : null}
                  {!pack.policy ? (
                    <button
                      type="button"
                      className="danger"
                      onClick={() => void remove(pack)}
                      aria-label={t('packs.removeLabel', { name: pack.name })}
                      data-testid="packs-remove"
                    >
                      {t('packs.remove')}
                    </button>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
