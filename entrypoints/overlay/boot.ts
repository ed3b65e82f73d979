/**
 * The palette's first search box: plain markup in overlay.html, shown and focusable as soon as
 * the page is parsed, before React, the database and the search engine have loaded. What the
 * agent types into it is handed to the real search box when the palette mounts
 * ({@link takeBootSearch}), so typing can start the moment the palette opens.
 */

/** The boot search box, while it is still on the page. */
export function bootSearch(): HTMLInputElement | null {
  return document.getElementById('boot-search') as HTMLInputElement | null;
}

/** What the boot search box held when the palette took over: its text, caret/selection and focus. */
export interface BootSearch {
  value: string;
  focused: boolean;
  selection: { start: number; end: number; direction: 'forward' | 'backward' | 'none' } | null;
}

/**
 * Removes the boot palette and returns what was typed into it, where its caret or selection was
 * (an agent who typed and then pressed Ctrl+A expects the next key to replace it), and whether it
 * had the keyboard.
 */
export function takeBootSearch(): BootSearch | null {
  const input = bootSearch();
  if (!input) return null;
  const { selectionStart: start, selectionEnd: end, selectionDirection: direction } = input;
  const taken: BootSearch = {
    value: input.value,
    focused: document.activeElement === input,
    selection: start === null || end === null ? null : { start, end, direction: direction ?? 'none' },
  };
  document.getElementById('boot')?.remove();
  return taken;
}

/**
 * The first moment this palette page had the keyboard, kept as a performance mark: the boot
 * script (entrypoints/overlay-boot.ts) and the palette are separate bundles, and the page's
 * performance timeline is the one record both read. (The latency measures read it too.)
 */
const FOCUS_MARK = 'seatmate-boot-focus';

/** Notes the first moment this palette page had the keyboard (later calls keep the first). */
export function noteBootFocus(): void {
  if (performance.getEntriesByName(FOCUS_MARK).length === 0) performance.mark(FOCUS_MARK);
}

/**
 * Whether a key was pressed before the palette first had the keyboard (it was queued while the
 * page loaded): such keys were not typed for the palette and are dropped, by the boot search box
 * and by the palette alike. Keys carry the time they were pressed (`timeStamp`).
 */
export function pressedBeforeFocus(e: { timeStamp: number }): boolean {
  const focusedAt = performance.getEntriesByName(FOCUS_MARK)[0]?.startTime ?? Infinity;
  return e.timeStamp < focusedAt;
}
