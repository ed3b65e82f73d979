import { flushSync } from 'react-dom';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '@/components/I18nProvider';
import { initialPlaceholderValues, knownPlaceholderValues, shiftMemorable } from '@/utils/kb/placeholders';
import type { ReadState } from '@/utils/kb/read-mode';
import { bootSearch } from './boot';
import { useImeGuard } from './ime';
import type { Mode, Status } from './mode';
import { PlaceholderForm } from './PlaceholderForm';
import { Preview } from './Preview';
import { ReadMode } from './ReadMode';
import { ResultRow } from './ResultRow';
import { StateMenu, StatePill } from './StatePill';
import type { PaletteRow, RowGroup } from './rows';
import { useShiftValues } from './useShiftValues';
import { usePaletteActions } from './usePaletteActions';
import { usePaletteKeys } from './usePaletteKeys';
import { usePaletteParts } from './usePaletteParts';
import { usePalettePrefill } from './usePalettePrefill';
import { usePaletteRows } from './usePaletteRows';
import { usePlaceholderLabels } from './usePlaceholderLabels';
import { useExpansionForm } from './useExpansionForm';
import { usePageValues } from './usePageValues';

/**
 * The search palette. Type to search; ↑/↓ choose; Enter inserts into the agent's field (after a
 * placeholder form when the article has `{{key}}` markers); Ctrl/⌘+Enter copies; Tab opens the
 * preview pane; Shift+Enter opens read mode; Alt+1…9 (plain 1…9 while the search is empty) pick
 * a numbered row; Esc leaves the preview, form or read mode, then closes and gives focus back.
 * Keys the IME owns never act. Its rows come from usePaletteRows, its keys from usePaletteKeys,
 * what it does from usePaletteActions, and the search box's text and focus from usePalettePrefill.
 */
export function Palette({ nonce }: { nonce: string }) {
  const { t, locale, settings } = useI18n();
  // What the agent typed into the boot search box before this palette mounted (see boot.ts).
  const [query, setQuery] = useState(() => bootSearch()?.value ?? '');
  const [selected, setSelected] = useState(0);
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [readState, setReadState] = useState<ReadState | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const imeOwns = useImeGuard();
  const shift = useShiftValues();

  const { articles, byId, rows, currentRow, current, flagged, searching, today, setContext } = usePaletteRows(
    query,
    selected,
    locale,
  );
  const askFor = usePlaceholderLabels(articles);
  const agentName = settings?.settings.agentName;
  const previewValues = useMemo(
    () => (current ? initialPlaceholderValues(askFor(current), shift.values, agentName) : {}),
    [current, askFor, shift.values, agentName],
  );
  const parts = usePaletteParts(current, previewValues);

  const focusSearch = useCallback((select = false) => {
    inputRef.current?.focus();
    if (select) inputRef.current?.select();
  }, []);
  const limit = usePalettePrefill({
    nonce,
    inputRef,
    focusSearch,
    setQuery,
    setSelected,
    setMode,
    setStatus,
    setContext,
  });

  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected, rows]);

  // When the list comes back and the keyboard was in what went away (the form after an insert whose
  // answer came after the agent had opened the palette again, a read mode), the search box takes it
  // in the same commit: the palette is never open with the keyboard nowhere.
  const inSearchRow = mode.kind === 'list' || mode.kind === 'preview';
  useLayoutEffect(() => {
    if (!inSearchRow || !document.hasFocus()) return;
    const active = document.activeElement;
    if (active === null || active === document.body) focusSearch();
  }, [inSearchRow, focusSearch]);

  const { close, backToList, finish, act, toggleFlag, openRead } = usePaletteActions({
    nonce,
    askFor,
    flagged,
    focusSearch,
    setQuery,
    setSelected,
    setMode,
    setReadState,
    setStatus,
  });
  useExpansionForm(nonce, byId, (article) => act(article, 'insert'));
  const pageValues = usePageValues(nonce, mode.kind === 'form' ? mode : null, (a) =>
    mode.kind === 'form' && mode.article.id === a.id ? mode.placeholders : askFor(a),
  );
  usePaletteKeys({
    hotkey: settings?.settings.hotkey,
    imeOwns,
    mode,
    setMode,
    readState,
    setReadState,
    query,
    rows,
    byId,
    setSelected,
    current,
    parts,
    close,
    backToList,
    act,
    openRead,
    toggleFlag,
  });

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
