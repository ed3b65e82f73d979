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

/** Removes the boot palette and returns what was typed into it, and whether it had the keyboard. */
export function takeBootSearch(): { value: string; focused: boolean } | null {
  const input = bootSearch();
  if (!input) return null;
  const taken = { value: input.value, focused: document.activeElement === input };
  document.getElementById('boot')?.remove();
  return taken;
}
