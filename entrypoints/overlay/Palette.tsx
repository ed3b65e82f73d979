import { useLiveQuery } from 'dexie-react-hooks';
import { languageBoost } from '@/utils/kb/search-rank';
import { flushSync } from 'react-dom';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { useI18n } from '@/components/I18nProvider';
import { useKbIndex } from '@/components/useKbIndex';
import { useNow } from '@/components/useNow';
import { matchesHotkey } from '@/utils/console/hotkey';
import { getDb } from '@/utils/db';
import type { Article, Placeholder } from '@/utils/kb/article';
import {
  articlePlaceholders,
  initialPlaceholderValues,
  knownPlaceholderValues,
  placeholderKeysIn,
  shiftMemorable,
} from '@/utils/kb/placeholders';
import { insertableText, type InsertablePart } from '@/utils/kb/article-reply';
import { shapeInsert } from '@/utils/console/insert-shape';
import {
  markSaid,
  nextStep,
  previousLine,
  previousStep,
  skipStep,
  startReading,
  type ReadState,
} from '@/utils/kb/read-mode';
import { suggestFromContext } from '@/utils/kb/suggest';
import { flagOutdated, recordSearchMiss, recordUse, usageBoost } from '@/utils/kb/usage';
import { parseMessage } from '@/utils/messages';
import { sendToBackground } from '@/utils/messaging';
import { bootSearch, pressedBeforeFocus, takeBootSearch } from './boot';
import { useImeGuard } from './ime';
import { useLatest } from '@/components/useLatest';
import { localDay } from '@/utils/time/day';
import { pickedNumber } from './keys';
import { PlaceholderForm } from './PlaceholderForm';
import { Preview } from './Preview';
import { ReadMode } from './ReadMode';
import { ResultRow } from './ResultRow';
import { StateMenu, StatePill } from './StatePill';
import { emptySearchRows, type PaletteRow, type RowGroup } from './rows';
import { useShiftValues } from './useShiftValues';
import { usePaletteParts } from './usePaletteParts';
import type { FieldLimit } from './CharCount';
import { useExpansionForm } from './useExpansionForm';
import { usePageValues } from './usePageValues';

/** A line in the footer; `copy` offers the clipboard for an insert that did not (or may not have) landed. */
type Status = { kind: 'info' | 'error'; text: string; copy?: () => void } | null;
type Action = 'insert' | 'copy';
/** What the palette shows: the results, the preview pane, a placeholder form, or read mode. */
type Mode =
  | { kind: 'list' }
  | { kind: 'preview' }
  | { kind: 'form'; article: Article; action: Action; text: string; placeholders: Placeholder[] }
  | { kind: 'read'; article: Article }
  | { kind: 'state' };

const MAX_HTML = 200_000;

/**
 * The search palette. Type to search; ↑/↓ choose; Enter inserts into the agent's field (after a
 * placeholder form when the article has `{{key}}` markers); Ctrl/⌘+Enter copies; Tab opens the
 * preview pane; Shift+Enter opens read mode; Alt+1…9 (plain 1…9 while the search is empty) pick
 * a numbered row; Esc leaves the preview, form or read mode, then closes and gives focus back.
 * Keys the IME owns never act.
 */
export function Palette({ nonce }: { nonce: string }) {
  const { t, locale, settings } = useI18n();
  const articles = useLiveQuery(() => getDb().articles.toArray(), []);
  const usage = useLiveQuery(() => getDb().articleUsage.toArray(), []);
  // What the agent typed into the boot search box before this palette mounted (see boot.ts).
  const [query, setQuery] = useState(() => bootSearch()?.value ?? '');
  const [selected, setSelected] = useState(0);
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [readState, setReadState] = useState<ReadState | null>(null);
  const [context, setContext] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>(null);
  // The agent's field's maxlength (from the console page, when the field has one).
  const [limit, setLimit] = useState<FieldLimit | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const imeOwns = useImeGuard();
  const shift = useShiftValues();

  const byId = useMemo(() => new Map((articles ?? []).map((a) => [a.id, a])), [articles]);
  // How articles in each language label a placeholder key, for articles that use it undeclared.
  const labels = useMemo(() => {
    const out = new Map<string, Map<string, string>>();
    for (const a of articles ?? []) {
      const byKey = out.get(a.lang) ?? new Map<string, string>();
      for (const p of a.placeholders) if (!byKey.has(p.key)) byKey.set(p.key, p.label);
      out.set(a.lang, byKey);
    }
    return out;
  }, [articles]);
  const askFor = useCallback(
    (a: Article): Placeholder[] => articlePlaceholders(a, (key) => labels.get(a.lang)?.get(key)),
    [labels],
  );
  // One index for the palette's life, updated article by article as the KB changes.
  const { index, version } = useKbIndex(articles);
  const now = useNow(60_000);
  const today = localDay(new Date(now));
  // Pinned, often and recently used articles rise; so do those in the agent's language.
  const boost = useMemo(() => {
    const byArticle = new Map((usage ?? []).map((u) => [u.articleId, u]));
    return (id: string) => usageBoost(byArticle.get(id), now) * languageBoost(byId.get(id)?.lang, locale);
  }, [usage, byId, locale, now]);

  // Page context sent by the background: its best matches lead the empty-search list.
  const suggested = useMemo(
    () => (context && index && version > 0 ? suggestFromContext(context, (q) => index.search(q, { limit: 10 })) : []),
    [context, index, version],
  );
  const searching = query.trim() !== '';
  const rows: PaletteRow[] = useMemo(() => {
    if (!index || version === 0) return [];
    if (searching) return index.search(query, { limit: 50, boost }).map((h) => ({ ...h, group: null }));
    return emptySearchRows({
      suggested,
      usage: usage ?? [],
      rest: index.search('', { limit: 50, boost }),
      exists: (id) => byId.has(id),
      now,
    });
  }, [index, version, query, searching, boost, suggested, usage, byId, now]);
  const currentRow = rows[Math.min(selected, rows.length - 1)];
  const current = currentRow ? byId.get(currentRow.id) : undefined;
  const agentName = settings?.settings.agentName;
  const previewValues = useMemo(
    () => (current ? initialPlaceholderValues(askFor(current), shift.values, agentName) : {}),
    [current, askFor, shift.values, agentName],
  );
  const parts = usePaletteParts(current, previewValues);
  const flagged = !!(usage ?? []).find((u) => u.articleId === current?.id)?.outdatedWeek;

  const focusSearch = useCallback((select = false) => {
    inputRef.current?.focus();
    if (select) inputRef.current?.select();
  }, []);

  // The boot search box (overlay.html) had the keyboard until now: take over what was typed in
  // it, and the keyboard, before the browser paints (in one task: no key is lost between them).
  useLayoutEffect(() => {
    const boot = takeBootSearch();
    if (!boot) return;
    // Keys that reached the boot box while this first render was under way (an update made in a
    // layout effect is rendered before the browser paints or handles the next key).
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the boot box is outside React: its last value is read once, here
    setQuery((q) => (boot.value !== q ? boot.value : q));
    const input = inputRef.current;
    if (!input) return;
    // The value is put in place before React's render so that the caret or selection the agent
    // left in the boot box (Ctrl+A, then typing, replaces) survives: React leaves an equal value be.
    input.value = boot.value;
    if (boot.focused) input.focus();
    if (boot.selection) input.setSelectionRange(boot.selection.start, boot.selection.end, boot.selection.direction);
  }, []);

  // The content script focuses the frame when it opens the palette: put the caret in the search box.
  useEffect(() => {
    const onFocus = () => {
      setMode((m) => (m.kind === 'read' || m.kind === 'form' ? m : { kind: 'list' }));
      focusSearch(true);
      setStatus(null);
    };
    window.addEventListener('focus', onFocus);
    focusSearch();
    return () => window.removeEventListener('focus', onFocus);
  }, [focusSearch]);

  // The background forwards the selected text (query) or page context (for suggestions).
  useEffect(() => {
    const listener = (raw: unknown) => {
      const msg = parseMessage(raw);
      if (msg?.type !== 'palette/prefill' || msg.nonce !== nonce) return undefined;
      setLimit(msg.field ?? null);
      if (msg.query.trim() === '') {
        // Page context only: it pre-ranks suggestions while the search box is empty, and never
        // replaces what the agent typed.
        setContext(msg.context ?? null);
        return Promise.resolve({ ok: true });
      }
      // Commit the new query first, so selecting it is not undone when React writes the value.
      flushSync(() => {
        setMode({ kind: 'list' });
        setSelected(0);
        setQuery(msg.query);
      });
      focusSearch(true);
      return Promise.resolve({ ok: true });
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, [nonce, focusSearch]);

  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected, rows]);

  // A search that still finds nothing after the agent paused is a gap in the KB: count it (per
  // week, locally) for the anonymised gap report.
  const noResult = index !== null && rows.length === 0 && query.trim().length >= 2;
  useEffect(() => {
    if (!noResult) return;
    const timer = setTimeout(() => void recordSearchMiss(getDb(), query, Date.now()).catch(() => undefined), 1500);
    return () => clearTimeout(timer);
  }, [noResult, query]);

  const close = useCallback(
    (restoreFocus: boolean) => {
      setMode({ kind: 'list' });
      void sendToBackground({ type: 'overlay/close', nonce, restoreFocus }).catch(() => undefined);
    },
    [nonce],
  );

  const backToList = useCallback(() => {
    setMode({ kind: 'list' });
    setReadState(null);
    requestAnimationFrame(() => focusSearch());
  }, [focusSearch]);

  /** Copies `text` (a reply of `article`, or a part of it) with its placeholders filled by `values`. */
  const copy = useCallback(
    async (article: Article, text: string, values: Record<string, string>) => {
      try {
        await navigator.clipboard.writeText(shapeInsert(text, values).text);
        setStatus({ kind: 'info', text: t('overlay.copied') });
        void recordUse(getDb(), article.id, Date.now()).catch(() => undefined);
      } catch {
        setStatus({ kind: 'error', text: t('overlay.copyFailed') });
      }
      backToList();
    },
    [t, backToList],
  );

  /**
   * Inserts or copies `source` (a reply of `article`, or a part of it: never its notes) with its
   * placeholders filled by `values`.
   */
  const finish = useCallback(
    async (article: Article, action: Action, source: string, values: Record<string, string>) => {
      if (action === 'copy') return copy(article, source, values);
      const { text, html } = shapeInsert(source, values);
      const result = await sendToBackground({
        type: 'overlay/insert',
        nonce,
        text,
        ...(html.length <= MAX_HTML ? { html } : {}),
      }).catch(() => ({ ok: false, reason: 'no-console' }) as const);
      if (result.ok) {
        void recordUse(getDb(), article.id, Date.now()).catch(() => undefined);
        setQuery('');
        setSelected(0);
        setMode({ kind: 'list' });
        return;
      }
      // Nowhere to put it, or not confirmed: the palette stays (or comes back) and offers the clipboard.
      const key =
        result.reason === 'field-gone'
          ? 'overlay.fieldGone'
          : result.reason === 'unconfirmed'
            ? 'insertion.unconfirmed'
            : result.reason === 'not-inserted'
              ? 'insertion.notInserted'
              : 'overlay.noField';
      setStatus({ kind: 'error', text: t(key), copy: () => void copy(article, source, values) });
      backToList();
    },
    [nonce, t, backToList, copy],
  );

  /**
   * Insert or copy the first reply of `article` (or `part` of it): straight away, or after the
   * placeholder form when that text has any.
   */
  const act = useCallback(
    (article: Article, action: Action, part?: InsertablePart) => {
      const text = part?.text ?? insertableText(article).text;
      const keys = placeholderKeysIn(text);
      const placeholders = askFor(article).filter((p) => keys.includes(p.key));
      if (placeholders.length > 0) setMode({ kind: 'form', article, action, text, placeholders });
      else void finish(article, action, text, {});
    },
    [finish, askFor],
  );

  const toggleFlag = useCallback(
    (article: Article) => {
      void flagOutdated(getDb(), article.id, !flagged, Date.now())
        .then(() =>
          setStatus({ kind: 'info', text: t(flagged ? 'overlay.flag.unflaggedStatus' : 'overlay.flag.flaggedStatus') }),
        )
        .catch(() => setStatus({ kind: 'error', text: t('overlay.flag.failed') }));
    },
    [flagged, t],
  );
  useExpansionForm(nonce, byId, (article) => act(article, 'insert'));
  const pageValues = usePageValues(nonce, mode.kind === 'form' ? mode : null, (a) =>
    mode.kind === 'form' && mode.article.id === a.id ? mode.placeholders : askFor(a),
  );

  const openRead = useCallback((article: Article) => {
    setReadState(article.steps.length > 0 ? startReading(article.steps) : null);
    setMode({ kind: 'read', article });
  }, []);

  function onReadKey(e: KeyboardEvent, article: Article) {
    const steps = article.steps;
    if (!readState || steps.length === 0) return;
    let next: ReadState | null = null;
    if (e.key === ' ' || e.key === 'ArrowDown') next = markSaid(readState, steps);
    else if (e.key === 'ArrowUp') next = previousLine(readState);
    else if (e.key === 'ArrowRight' || e.key === 'PageDown')
      next = e.shiftKey ? skipStep(readState, steps) : nextStep(readState, steps);
    else if (e.key === 'ArrowLeft' || e.key === 'PageUp') next = previousStep(readState);
    if (next) {
      e.preventDefault();
      setReadState(next);
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    const hotkey = settings?.settings.hotkey;
    if (hotkey && matchesHotkey(e, hotkey)) {
      e.preventDefault();
      close(true);
      return;
    }
    if (imeOwns(e)) return; // the IME owns this key
    if (mode.kind === 'form' || mode.kind === 'state') return; // these handle their own keys
    if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyS') {
      e.preventDefault();
      setMode({ kind: 'state' });
      return;
    }
    if (e.key === 'Escape') {
      e.preventDefault();
      if (mode.kind === 'list') close(true);
      else backToList();
      return;
    }
    if (mode.kind === 'read') {
      onReadKey(e, mode.article);
      return;
    }
    if (mode.kind === 'preview') {
      if (e.key === 'Tab') {
        e.preventDefault();
        backToList();
      } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && !e.altKey) {
        // Choose the part Enter inserts: a variant, a paragraph or a script line.
        e.preventDefault();
        parts.move(e.key === 'ArrowDown' ? 1 : -1);
      } else if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyO' && current) {
        e.preventDefault();
        toggleFlag(current);
      } else if (e.key === 'Enter' && current) {
        e.preventDefault();
        if (e.shiftKey) openRead(current);
        else act(current, e.ctrlKey || e.metaKey ? 'copy' : 'insert', parts.chosenPart);
      }
      return;
    }
    // The results list.
    const picked = pickedNumber(e, query === '');
    if (picked !== null) {
      e.preventDefault();
      const row = rows[picked - 1];
      const article = row ? byId.get(row.id) : undefined;
      if (article) {
        setSelected(picked - 1);
        act(article, 'insert');
      }
      return;
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setSelected((s) => (rows.length === 0 ? 0 : (Math.min(s, rows.length - 1) + step + rows.length) % rows.length));
    } else if (e.key === 'Tab') {
      // Tab is the preview key here, not focus navigation (every action has its own key).
      e.preventDefault();
      if (!e.shiftKey && current) {
        parts.reset();
        setMode({ kind: 'preview' });
      }
    } else if (e.key === 'Enter' && current) {
      e.preventDefault();
      if (e.shiftKey) openRead(current);
      else act(current, e.ctrlKey || e.metaKey ? 'copy' : 'insert');
    }
  }

  // Keys are handled at the window so they work wherever focus is inside the palette.
  const keyHandler = useLatest(onKeyDown);
  useEffect(() => {
    const listener = (e: KeyboardEvent) => {
      // Queued from before the palette first had the keyboard (see boot.ts): not typed for it.
      if (pressedBeforeFocus(e)) {
        e.preventDefault();
        return;
      }
      keyHandler.current(e);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [keyHandler]);

  const inList = mode.kind === 'list' || mode.kind === 'preview';
  const groupLabels: Record<RowGroup, string> = {
    suggested: t('overlay.groups.suggested'),
    pinned: t('overlay.groups.pinned'),
    recent: t('overlay.groups.recent'),
    all: t('overlay.groups.all'),
  };
  const renderRow = (row: PaletteRow, i: number) => {
    const article = byId.get(row.id);
    if (!article) return null;
    return (
      <ResultRow
        key={row.id}
        article={article}
        ranges={row.titleRanges}
        index={i}
        selected={row === currentRow}
        today={today}
        onHover={() => setSelected(i)}
        onPick={() => act(article, 'insert')}
      />
    );
  };
  // Consecutive rows of one group share a labelled block.
  const blocks: Array<{ group: RowGroup | null; rows: Array<{ row: PaletteRow; i: number }> }> = [];
  rows.forEach((row, i) => {
    const last = blocks[blocks.length - 1];
    if (last && last.group === row.group) last.rows.push({ row, i });
    else blocks.push({ group: row.group, rows: [{ row, i }] });
  });

  return (
    <div className="overlay-shell" data-testid="palette">
      {mode.kind === 'read' ? (
        <ReadMode
          article={mode.article}
          placeholders={askFor(mode.article)}
          state={readState}
          values={knownPlaceholderValues(askFor(mode.article), shift.values, settings?.settings.agentName)}
          onBack={backToList}
        />
      ) : null}
      {mode.kind === 'form' && pageValues ? (
        <PlaceholderForm
          article={mode.article}
          placeholders={mode.placeholders}
          initial={{
            ...initialPlaceholderValues(mode.placeholders, shift.values, settings?.settings.agentName),
            ...pageValues,
          }}
          action={mode.action}
          imeOwns={imeOwns}
          onBack={backToList}
          onSubmit={(values) => {
            void shift.remember(shiftMemorable(values));
            void finish(mode.article, mode.action, mode.text, values);
          }}
        />
      ) : null}
      {mode.kind === 'state' ? (
        <StateMenu
          onDone={() => {
            // Commit the list first, so the search box is shown when it takes focus.
            flushSync(() => setMode({ kind: 'list' }));
            focusSearch();
          }}
        />
      ) : null}
      <div className="search-row" hidden={!inList}>
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
        <StatePill open={false} onToggle={() => setMode({ kind: 'state' })} />
      </div>
      {mode.kind === 'preview' && current ? (
        <div className="palette-body preview-only">
          <Preview
            article={current}
            placeholders={askFor(current)}
            today={today}
            expanded
            values={previewValues}
            parts={parts.parts}
            part={parts.part}
            limit={limit}
            insertLength={parts.insertLength}
            flagged={flagged}
            onFlag={() => toggleFlag(current)}
          />
        </div>
      ) : null}
      <div className="palette-body" hidden={mode.kind !== 'list'}>
        <ul
          id="palette-results"
          ref={listRef}
          role="listbox"
          aria-label={t('overlay.resultsLabel')}
          data-testid="palette-results"
          // Scrollable, so reachable by keyboard (axe); a click picks a row and leaves focus in the search.
          tabIndex={0}
          onMouseDown={(e) => e.preventDefault()}
        >
          {blocks.map((block) =>
            block.group === null ? (
              block.rows.map(({ row, i }) => renderRow(row, i))
            ) : (
              <li
                key={`group-${block.group}`}
                role="group"
                aria-label={groupLabels[block.group]}
                className="group"
                data-testid="palette-group"
                data-group={block.group}
              >
                <div className="group-label" aria-hidden="true">
                  {groupLabels[block.group]}
                </div>
                <ul role="presentation">{block.rows.map(({ row, i }) => renderRow(row, i))}</ul>
              </li>
            ),
          )}
        </ul>
        {articles && rows.length === 0 && (searching || articles.length === 0) ? (
          <p className="empty" role="status" data-testid="palette-empty">
            {articles.length === 0 ? t('overlay.emptyKb') : t('overlay.noMatch', { query })}
          </p>
        ) : null}
        {current && mode.kind === 'list' ? (
          <Preview
            article={current}
            placeholders={askFor(current)}
            today={today}
            expanded={false}
            values={previewValues}
            limit={limit}
            insertLength={parts.insertLength}
          />
        ) : null}
      </div>
      <footer className="palette-footer" hidden={!inList}>
        <div className="actions">
          <button
            type="button"
            className="primary"
            disabled={!current}
            onClick={() => current && act(current, 'insert', mode.kind === 'preview' ? parts.chosenPart : undefined)}
            data-testid="palette-insert"
          >
            {t('overlay.insert')} <kbd>Enter</kbd>
          </button>
          <button
            type="button"
            disabled={!current}
            onClick={() => current && openRead(current)}
            data-testid="palette-read"
          >
            {t('overlay.read')} <kbd>Shift+Enter</kbd>
          </button>
          <button
            type="button"
            disabled={!current}
            onClick={() => current && act(current, 'copy', mode.kind === 'preview' ? parts.chosenPart : undefined)}
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
          {status?.text ?? t(mode.kind === 'preview' ? 'overlay.previewHint' : 'overlay.hint')}
          {status?.copy ? (
            <button type="button" className="status-copy" onClick={status.copy} data-testid="palette-status-copy">
              {t('insertion.copyNow')}
            </button>
          ) : null}
        </div>
      </footer>
    </div>
  );
}
