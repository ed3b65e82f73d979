import { browser } from 'wxt/browser';
import { DEFAULT_HOTKEY, matchesHotkey, parseHotkeyString, type Hotkey } from '@/utils/console/hotkey';
import { readHotkey } from '@/utils/console/hotkey-schema';
import { bootSearch, noteBootFocus, pressedBeforeFocus } from './boot';

// Kept tiny on purpose: this module runs before the page's `load` event, which the console waits
// for before it gives the palette the keyboard. For the same reason the page's style sheets load
// with the palette (start.tsx); the boot search box is styled by overlay.html's own few rules. The boot search box (overlay.html) takes the
// agent's first keys; React, the database and the search engine (a long task to evaluate) load
// only once the palette has the keyboard and has painted — or, for a palette preloaded hidden,
// shortly after load. Their keys then wait in the search box, not on the page.

/** A palette preloaded without the keyboard loads the rest this long after its page loaded. */
const PRELOAD_AFTER_MS = 300;

const input = bootSearch();

// Esc and the agent's hotkey close the palette even before it has loaded (the background checks
// the nonce, as ever). The hotkey as in utils/console/console-settings.ts: the policy's, else the
// agent's, else the default.
let hotkey: Hotkey = DEFAULT_HOTKEY;
void Promise.all([
  browser.storage.local.get('settings').catch(() => ({})),
  browser.storage.managed.get().catch(() => ({})),
]).then(([local, policy]) => {
  const fromPolicy = (policy as { hotkey?: unknown }).hotkey;
  const agent = (local as { settings?: { hotkey?: unknown } }).settings?.hotkey;
  hotkey = (typeof fromPolicy === 'string' ? parseHotkeyString(fromPolicy) : null) ?? readHotkey(agent) ?? hotkey;
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
  const msg = { type: 'overlay/close', nonce: location.hash.slice(1), restoreFocus: true };
  void browser.runtime.sendMessage(msg).catch(() => undefined);
});
window.addEventListener('focus', () => {
  noteBootFocus();
  // (A performance mark for the latency test in test/e2e/palette-open.e2e.ts.)
  if (!started) performance.mark('seatmate-boot-focus');
  if (input?.isConnected) input.focus();
});

let started = false;
let timer: ReturnType<typeof setTimeout> | undefined;
// Demo builds only (dropped from production): `?seatmateHoldStart` keeps the boot search box alone
// until the test calls `__seatmateStart()`, so the hand-over to the real search box can be tested.
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
  void import('./start');
}
/** After the focused search box has been painted (animation frames stop in a hidden frame: bounded). */
function startAfterPaint(): void {
  timer = setTimeout(start, 50);
  requestAnimationFrame(() => setTimeout(start, 0));
}
window.addEventListener('focus', startAfterPaint, { once: true });
function loaded(): void {
  if (document.hasFocus()) {
    noteBootFocus();
    input?.focus();
    startAfterPaint();
  } else if (!started) timer = setTimeout(start, PRELOAD_AFTER_MS);
}
if (document.readyState === 'complete') loaded();
else window.addEventListener('load', loaded, { once: true });
