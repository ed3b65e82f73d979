import { browser } from 'wxt/browser';
import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { DEFAULT_HOTKEY, matchesHotkey, type Hotkey } from '@/utils/console/hotkey';
import { hotkeyInForce } from '@/utils/console/hotkey-schema';
import { PALETTE_SCRIPT_META } from '@/scripts/palette-html-plugin';
import { bootSearch, noteBootFocus, pressedBeforeFocus } from './overlay/boot';

/** A palette preloaded without the keyboard loads the rest this long after its page loaded. */
const PRELOAD_AFTER_MS = 300;

/**
 * The palette page's only script before its `load` event (`/overlay-boot.js`, one plain file):
 * the console gives the palette the keyboard on that event, so everything else waits. It looks
 * after the boot search box (overlay.html) — the agent's first keys, Esc and the hotkey — and
 * loads the palette proper (overlay/main.tsx → start.tsx: React, the database, the search engine,
 * a long task to evaluate) once the box has the keyboard and has painted, or shortly after load
 * for a palette preloaded hidden. Keys typed meanwhile wait in the box, not on the page.
 */
export default defineUnlistedScript(() => {
  const input = bootSearch();
  const nonce = location.hash.slice(1);

  // Esc and the agent's hotkey close the palette even before it has loaded (the background checks
  // the nonce, as ever).
  let hotkey: Hotkey = DEFAULT_HOTKEY;
  void Promise.all([
    browser.storage.local.get('settings').catch(() => ({})),
    browser.storage.managed.get().catch(() => ({})),
  ]).then(([local, policy]) => {
    const settings = (local as { settings?: { hotkey?: unknown } }).settings;
    hotkey = hotkeyInForce(settings?.hotkey, (policy as { hotkey?: unknown }).hotkey);
  });
  input?.addEventListener('keydown', (e) => {
    // A key pressed before the palette had the keyboard (queued while it loaded) was not typed for
    // it: it is dropped, as it was before the palette could show.
    if (pressedBeforeFocus(e)) {
      e.preventDefault();
      return;
    }
    if (e.isComposing || !(e.key === 'Escape' || matchesHotkey(e, hotkey))) return;
    e.preventDefault();
    void browser.runtime.sendMessage({ type: 'overlay/close', nonce, restoreFocus: true }).catch(() => undefined);
  });

  let started = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Demo builds only (dropped from production): `?seatmateHoldStart` keeps the boot search box
  // alone until the test calls `__seatmateStart()`, so the hand-over to the real search box can be
  // tested.
  const held = import.meta.env.MODE === 'demo' && new URLSearchParams(location.search).has('seatmateHoldStart');
  if (held) (window as unknown as { __seatmateStart?: () => void }).__seatmateStart = () => go();
  function start(): void {
    if (!held) go();
  }
  function go(): void {
    if (started) return;
    started = true;
    clearTimeout(timer);
    performance.mark('seatmate-app-start');
    // The palette's module script, as the build wrote it (absent from the dev server's page, which
    // runs it itself).
    const src = document.querySelector<HTMLMetaElement>(`meta[name="${PALETTE_SCRIPT_META}"]`)?.content;
    if (src) void import(/* @vite-ignore */ src);
  }
  /** After the focused search box has been painted (animation frames stop in a hidden frame: bounded). */
  function startAfterPaint(): void {
    timer = setTimeout(start, 50);
    requestAnimationFrame(() => setTimeout(start, 0));
  }
  window.addEventListener('focus', () => {
    noteBootFocus();
    if (input?.isConnected) input.focus();
    if (!started) startAfterPaint();
  });
  window.addEventListener(
    'load',
    () => {
      if (document.hasFocus()) {
        noteBootFocus();
        input?.focus();
        startAfterPaint();
      } else if (!started) timer = setTimeout(start, PRELOAD_AFTER_MS);
    },
    { once: true },
  );
});
