import { useLayoutEffect, type Dispatch, type SetStateAction } from 'react';
import { useLatest } from '@/components/useLatest';
import { matchesHotkey } from '@/utils/console/hotkey';
import type { Article } from '@/utils/kb/article';
import type { InsertablePart } from '@/utils/kb/article-reply';
import { markSaid, nextStep, previousLine, previousStep, skipStep, type ReadState } from '@/utils/kb/read-mode';
import type { Hotkey } from '@/utils/console/hotkey';
import { pressedBeforeFocus } from './boot';
import { pickedNumber } from './keys';
import type { Action, Mode } from './mode';
import type { PaletteRow } from './rows';

/** What the palette's keys read and do; see {@link usePaletteKeys}. */
export interface PaletteKeys {
  /** The palette's hotkey (from the settings): it closes the palette again. */
  hotkey: Hotkey | undefined;
  imeOwns: (e: KeyboardEvent) => boolean;
  mode: Mode;
  setMode: Dispatch<SetStateAction<Mode>>;
  readState: ReadState | null;
  setReadState: Dispatch<SetStateAction<ReadState | null>>;
  query: string;
  rows: readonly PaletteRow[];
  byId: ReadonlyMap<string, Article>;
  setSelected: Dispatch<SetStateAction<number>>;
  current: Article | undefined;
  /** The preview pane's parts (usePaletteParts). */
  parts: { chosenPart: InsertablePart | undefined; move: (step: 1 | -1) => void; reset: () => void };
  close: (restoreFocus: boolean) => void;
  backToList: () => void;
  act: (article: Article, action: Action, part?: InsertablePart) => void;
  openRead: (article: Article) => void;
  toggleFlag: (article: Article) => void;
}

/**
 * The palette's keys, handled at the window so they work wherever focus is inside the palette:
 * the hotkey closes it; Alt+S opens the state menu; Esc leaves the preview or read mode, then
 * closes; in read mode Space/↓ mark a line said, ↑ goes back a line, →/PageDown and ←/PageUp move
 * by step (Shift+→ skips one); in the preview ↑/↓ choose the part, Tab goes back, Alt+O flags it;
 * in the list ↑/↓ choose a row, Tab opens the preview, Alt+1…9 (1…9 while the search is empty)
 * insert a numbered row; Enter inserts, Ctrl/⌘+Enter copies, Shift+Enter opens read mode. Keys
 * the IME owns, keys in the placeholder form or state menu (they handle their own), and keys
 * pressed before the palette first had the keyboard never act.
 */
export function usePaletteKeys(keys: PaletteKeys): void {
  const { hotkey, imeOwns, mode, setMode, readState, setReadState, query, rows, byId, setSelected, current, parts } =
    keys;
  const { close, backToList, act, openRead, toggleFlag } = keys;

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

  // The window listener is added once; it calls the handler of the render on screen (updated
  // during the commit: see useLatest). Added in the commit too, in the same task as the search
  // box takes over from the boot box (usePalettePrefill): a passive effect runs a task later, and
  // an Esc or Enter pressed in between went to no handler (Esc only emptied the search box, and
  // the palette stayed open).
  const keyHandler = useLatest(onKeyDown);
  useLayoutEffect(() => {
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
}
