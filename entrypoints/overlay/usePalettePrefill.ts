import { flushSync } from 'react-dom';
import { useEffect, useLayoutEffect, useState, type Dispatch, type RefObject, type SetStateAction } from 'react';
import { browser } from 'wxt/browser';
import { parseMessage } from '@/utils/messages';
import { takeBootSearch } from './boot';
import type { FieldLimit } from './CharCount';
import type { Mode, Status } from './mode';

/**
 * How the search box gets its text and the keyboard: on mount, what was typed into the boot
 * search box (before the browser paints); each time the content script focuses the frame to open
 * the palette, the caret (the list comes back unless a form or read mode is open); and from the
 * background's `palette/prefill`, the selected text as the query or the page context for
 * suggestions (`setContext`), with the agent's field's maxlength. Returns that limit.
 */
export function usePalettePrefill(args: {
  nonce: string;
  inputRef: RefObject<HTMLInputElement | null>;
  focusSearch: (select?: boolean) => void;
  setQuery: Dispatch<SetStateAction<string>>;
  setSelected: Dispatch<SetStateAction<number>>;
  setMode: Dispatch<SetStateAction<Mode>>;
  setStatus: Dispatch<SetStateAction<Status>>;
  setContext: Dispatch<SetStateAction<string | null>>;
}): FieldLimit | null {
  const { nonce, inputRef, focusSearch, setQuery, setSelected, setMode, setStatus, setContext } = args;
  // The agent's field's maxlength (from the console page, when the field has one).
  const [limit, setLimit] = useState<FieldLimit | null>(null);

  // The boot search box (overlay.html) had the keyboard until now: take over what was typed in
  // it, and the keyboard, before the browser paints (in one task: no key is lost between them).
  useLayoutEffect(() => {
    const boot = takeBootSearch();
    if (!boot) return;
    // Keys that reached the boot box while this first render was under way (an update made in a
    // layout effect is rendered before the browser paints or handles the next key).
    setQuery((q) => (boot.value !== q ? boot.value : q));
    const input = inputRef.current;
    if (!input) return;
    // The value is put in place before React's render so that the caret or selection the agent
    // left in the boot box (Ctrl+A, then typing, replaces) survives: React leaves an equal value be.
    input.value = boot.value;
    if (boot.focused) input.focus();
    if (boot.selection) input.setSelectionRange(boot.selection.start, boot.selection.end, boot.selection.direction);
    // Once, on mount: the setter and the ref never change.
  }, [setQuery, inputRef]);

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
  }, [focusSearch, setMode, setStatus]);

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
  }, [nonce, focusSearch, setContext, setMode, setQuery, setSelected]);

  return limit;
}
