import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { renderMarkdown } from '@/components/markdown';
import { matchesHotkey } from '@/utils/console/hotkey';
import { getDb } from '@/utils/db';
import type { Article } from '@/utils/kb/article';
import { markdownToPlainText } from '@/utils/kb/plain-text';
import { recordSearchMiss, recordUse, usageBoost } from '@/utils/kb/usage';
import { useKbIndex } from '@/components/useKbIndex';
import { useNow } from '@/components/useNow';
import { sendToBackground } from '@/utils/messaging';
import { HighlightedTitle } from '@/components/HighlightedTitle';

type Status = { kind: 'info' | 'error'; text: string } | null;

/**
 * The search palette: type, pick with ↑/↓, Enter inserts into the agent's field, Shift+Enter shows
 * the script large for reading aloud, Esc closes and gives focus back to the console.
 */
export function Palette({ nonce }: { nonce: string }) {
  const { t, locale, settings } = useI18n();
  const articles = useLiveQuery(() => getDb().articles.toArray(), []);
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState(0);
  const [reading, setReading] = useState<Article | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const focusOnMount = useCallback((el: HTMLElement | null) => el?.focus(), []);
  const listRef = useRef<HTMLUListElement>(null);

  const usage = useLiveQuery(() => getDb().articleUsage.toArray(), []);
  const byId = useMemo(() => new Map((articles ?? []).map((a) => [a.id, a])), [articles]);
  // One index for the palette's life, updated article by article as the KB changes.
  const { index, version } = useKbIndex(articles);
  // Pinned, often and recently used articles rise; so do those in the agent's language.
  const now = useNow(60_000);
  const boost = useMemo(() => {
    const byArticle = new Map((usage ?? []).map((u) => [u.articleId, u]));
    return (id: string) => usageBoost(byArticle.get(id), now) * (byId.get(id)?.lang === locale ? 1.1 : 1);
  }, [usage, byId, locale, now]);
  const hits = useMemo(
    () => (index && version > 0 ? index.search(query, { limit: 50, boost }) : []),
    [index, version, query, boost],
  );
  const current = hits[selected] ? byId.get(hits[selected].id) : undefined;
  // Rendered once per article shown, not on every keystroke.
  const currentHtml = useMemo(() => (current ? renderMarkdown(current.body) : ''), [current]);
  const readingHtml = useMemo(() => (reading ? renderMarkdown(reading.body) : ''), [reading]);

  // The content script focuses the frame when it opens the palette: put the caret in the search box.
  useEffect(() => {
    const onFocus = () => {
      inputRef.current?.focus();
      inputRef.current?.select();
      setStatus(null);
    };
    window.addEventListener('focus', onFocus);
    inputRef.current?.focus();
    return () => window.removeEventListener('focus', onFocus);
  }, []);

  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected]);

  // A search that still finds nothing after the agent paused is a gap in the KB: count it (per
  // week, locally) for the anonymised gap report.
  const noResult = index !== null && hits.length === 0 && query.trim().length >= 2;
  useEffect(() => {
    if (!noResult) return;
    const timer = setTimeout(() => void recordSearchMiss(getDb(), query, Date.now()).catch(() => undefined), 1500);
    return () => clearTimeout(timer);
  }, [noResult, query]);

  const close = useCallback(
    (restoreFocus: boolean) => {
      setReading(null);
      void sendToBackground({ type: 'overlay/close', nonce, restoreFocus }).catch(() => undefined);
    },
    [nonce],
  );

  const copy = useCallback(
    async (article: Article) => {
      try {
        await navigator.clipboard.writeText(markdownToPlainText(article.body));
        setStatus({ kind: 'info', text: t('overlay.copied') });
        void recordUse(getDb(), article.id, Date.now()).catch(() => undefined);
      } catch {
        setStatus({ kind: 'error', text: t('overlay.copyFailed') });
      }
    },
    [t],
  );

  const insert = useCallback(
    async (article: Article) => {
      const text = markdownToPlainText(article.body);
      const result = await sendToBackground({ type: 'overlay/insert', nonce, text }).catch(
        () => ({ ok: false, reason: 'no-console' }) as const,
      );
      if (result.ok) {
        void recordUse(getDb(), article.id, Date.now()).catch(() => undefined);
        setQuery('');
        setSelected(0);
        return;
      }
      // Nowhere to put it: keep the palette open and offer the clipboard instead.
      setStatus({ kind: 'error', text: t(result.reason === 'field-gone' ? 'overlay.fieldGone' : 'overlay.noField') });
    },
    [nonce, t],
  );

  function onKeyDown(e: KeyboardEvent) {
    const hotkey = settings?.settings.hotkey;
    if (hotkey && matchesHotkey(e, hotkey)) {
      e.preventDefault();
      close(true);
      return;
    }
    if (e.isComposing || e.keyCode === 229) return; // the IME owns this key
    if (e.key === 'Escape') {
      e.preventDefault();
      if (reading) {
        setReading(null);
        inputRef.current?.focus();
      } else close(true);
      return;
    }
    if (reading) return;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setSelected((s) => (hits.length === 0 ? 0 : (s + step + hits.length) % hits.length));
    } else if (e.key === 'Enter' && current) {
      e.preventDefault();
      if (e.shiftKey) setReading(current);
      else if (e.ctrlKey || e.metaKey) void copy(current);
      else void insert(current);
    }
  }

  // Keys are handled at the window so they work wherever focus is inside the palette (read view too).
  const keyHandler = useRef(onKeyDown);
  useEffect(() => {
    keyHandler.current = onKeyDown;
  });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => keyHandler.current(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  return (
    <div className="overlay-shell" data-testid="palette">
      {reading ? (
        <section className="read-view" data-testid="palette-read-view" aria-label={reading.title}>
          <header>
            <h1>{reading.title}</h1>
            <button
              type="button"
              onClick={() => {
                setReading(null);
                inputRef.current?.focus();
              }}
              data-testid="palette-read-back"
            >
              {t('overlay.back')} <kbd>Esc</kbd>
            </button>
          </header>
          <div
            className="read-body"
            tabIndex={0}
            ref={focusOnMount}
            dangerouslySetInnerHTML={{ __html: readingHtml }}
          />
        </section>
      ) : null}
      <div className="search-row" hidden={reading !== null}>
        <input
          ref={inputRef}
          type="search"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setSelected(0);
          }}
          placeholder={t('overlay.searchPlaceholder')}
          aria-label={t('overlay.searchLabel')}
          aria-controls="palette-results"
          aria-activedescendant={current ? `hit-${current.id}` : undefined}
          data-testid="palette-search"
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <div className="palette-body" hidden={reading !== null}>
        <ul
          id="palette-results"
          ref={listRef}
          role="listbox"
          aria-label={t('overlay.resultsLabel')}
          data-testid="palette-results"
        >
          {hits.map((hit, i) => {
            const article = byId.get(hit.id);
            if (!article) return null;
            return (
              <li
                key={hit.id}
                id={`hit-${hit.id}`}
                role="option"
                aria-selected={i === selected}
                data-testid="palette-result"
                data-article-id={hit.id}
                onMouseEnter={() => setSelected(i)}
                onClick={() => void insert(article)}
              >
                <span className="hit-title">
                  <HighlightedTitle title={article.title} ranges={hit.titleRanges} />
                </span>
                <span className="hit-tags">{article.tags.slice(0, 3).join(' · ')}</span>
              </li>
            );
          })}
          {articles && hits.length === 0 ? (
            <li className="empty" data-testid="palette-empty">
              {(articles ?? []).length === 0 ? t('overlay.emptyKb') : t('overlay.noMatch', { query })}
            </li>
          ) : null}
        </ul>
        {current ? (
          <article className="preview" data-testid="palette-preview">
            <h2>{current.title}</h2>
            <div className="preview-body" dangerouslySetInnerHTML={{ __html: currentHtml }} />
          </article>
        ) : null}
      </div>
      <footer className="palette-footer" hidden={reading !== null}>
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={!current}
            onClick={() => current && void insert(current)}
            data-testid="palette-insert"
          >
            {t('overlay.insert')} <kbd>Enter</kbd>
          </button>
          <button
            type="button"
            disabled={!current}
            onClick={() => current && setReading(current)}
            data-testid="palette-read"
          >
            {t('overlay.read')} <kbd>Shift+Enter</kbd>
          </button>
          <button
            type="button"
            disabled={!current}
            onClick={() => current && void copy(current)}
            data-testid="palette-copy"
          >
            {t('overlay.copy')} <kbd>Ctrl+Enter</kbd>
          </button>
        </div>
        <div
          className={status?.kind === 'error' ? 'status sm-error' : 'status sm-muted'}
          role="status"
          data-testid="palette-status"
        >
          {status?.text ?? t('overlay.hint')}
        </div>
      </footer>
    </div>
  );
}
