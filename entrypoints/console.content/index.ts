import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { matchesHotkey } from '@/utils/console/hotkey';
import { insertAtCaret, isEditableField, restoreCaret, saveCaret, type SavedCaret } from '@/utils/console/insert';
import { isConsoleUrl } from '@/utils/console/sites';
import type { InsertResult } from '@/utils/messages';
import { parseConsoleMessage } from '@/utils/console/console-messages';
import type { ConsoleSettings } from '@/utils/console/console-settings';
import { loadConsoleSettings, watchConsoleSettings } from './console-io';
import { OverlayHost } from './overlay-host';
import { readContext, sendPrefill } from './palette-context';
import { loadPackPageRules, watchPackPageRules } from '@/utils/console/page-rules-store';
import type { SiteRules } from '@/utils/console/page-rule';
import { startPageRules } from './page-rules';

/**
 * The console content script. Runs only on the console sites the agent added (registered at run
 * time by the background). Stays idle until the hotkey: it remembers the last field the agent
 * typed in, opens the palette, and inserts what the agent picks. It never opens the database.
 */
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  noScriptStartedPostMessage: true,
  main() {
    // The script can be injected twice (registered + injected into an already-open tab).
    const marker = globalThis as { __seatmateConsole?: boolean };
    if (marker.__seatmateConsole) return;
    marker.__seatmateConsole = true;
    startConsole();
  },
});

function startConsole(): void {
  // Read without zod (utils/console/console-settings.ts): this script runs on every console page.
  let settings: ConsoleSettings | null = null;
  void loadConsoleSettings().then((s) => (settings = s));
  watchConsoleSettings((s) => (settings = s));

  const overlay = new OverlayHost();
  let lastField: HTMLElement | null = null;
  let caret: SavedCaret = null;

  /** After an extension update the old script is orphaned; it must then do nothing. */
  const alive = () => browser.runtime?.id !== undefined;
  startPageRules(alive);

  document.addEventListener(
    'focusin',
    (e) => {
      const target = e.composedPath()[0];
      if (target instanceof HTMLElement && isEditableField(target)) lastField = target;
    },
    true,
  );

  window.addEventListener(
    'keydown',
    (e) => {
      // Only the agent's own key presses count: page scripts cannot open Seatmate by faking one.
      if (!e.isTrusted || !alive() || !settings || !matchesHotkey(e, settings.hotkey)) return;
      if (!isConsoleUrl(location.href, settings.consoleSites)) return;
      e.preventDefault();
      e.stopPropagation();
      if (overlay.isOpen) closeOverlay(true);
      else void openOverlay();
    },
    true,
  );

  // A click on the page while the palette shows closes it; the click decides where focus goes.
  document.addEventListener('mousedown', () => overlay.isOpen && closeOverlay(false), true);

  function openOverlay(query?: string): Promise<boolean> {
    const active = deepActiveElement();
    if (active && isEditableField(active)) lastField = active;
    caret = lastField?.isConnected ? saveCaret(lastField) : null;
    return overlay.open().then(
      () => {
        // The selection to search for, or (searching nothing) the page's context for suggestions.
        const context = query ? undefined : readContext(settings?.pageRules ?? [], packSites);
        if (overlay.nonce && (query || context)) void sendPrefill(overlay.nonce, query ?? '', context);
        return true;
      },
      () => {
        // The background could not be reached (extension updated or disabled). Opening blurred
        // the agent's field: give it back with its caret.
        if (lastField?.isConnected) restoreCaret(lastField, caret);
        return false;
      },
    );
  }

  // Team packs' sites (for their context selectors), mirrored by the background.
  let packSites: SiteRules[] = [];
  void loadPackPageRules().then((list) => (packSites = list));
  watchPackPageRules((list) => (packSites = list));

  // Preload the palette when the page is idle, so even the first open is warm.
  const preload = () => {
    const idle = (cb: () => void) =>
      'requestIdleCallback' in window ? requestIdleCallback(cb, { timeout: 3_000 }) : setTimeout(cb, 1_000);
    idle(() => {
      if (alive()) overlay.preload().catch(() => undefined);
    });
  };
  // Demo builds only (dropped from production): `?seatmateNoPreload` on the page skips the preload,
  // so the e2e test can measure a first open that has to create the frame.
  const noPreload = import.meta.env.MODE === 'demo' && new URLSearchParams(location.search).has('seatmateNoPreload');
  if (!noPreload && document.readyState === 'complete') preload();
  else if (!noPreload) window.addEventListener('load', preload, { once: true });

  function closeOverlay(restoreFocus: boolean): void {
    overlay.close();
    if (restoreFocus && lastField?.isConnected) restoreCaret(lastField, caret);
  }

  function insert(text: string, html?: string): InsertResult {
    // With nowhere to insert, the palette stays open so the agent can copy instead.
    if (!lastField) return { ok: false, reason: 'no-field' };
    if (!lastField.isConnected) return { ok: false, reason: 'field-gone' };
    overlay.close();
    restoreCaret(lastField, caret);
    const ok = insertAtCaret(lastField, text, html);
    caret = saveCaret(lastField);
    return ok ? { ok: true } : { ok: false, reason: 'not-inserted' };
  }

  browser.runtime.onMessage.addListener((raw: unknown) => {
    if (!alive()) return undefined;
    const msg = parseConsoleMessage(raw);
    if (msg?.type === 'console/close-overlay') {
      closeOverlay(msg.restoreFocus);
      return Promise.resolve({ ok: true });
    }
    if (msg?.type === 'console/insert') return Promise.resolve(insert(msg.text, msg.html));
    if (msg?.type === 'console/open-palette') return openOverlay(msg.query).then((opened) => ({ opened }));
    return undefined;
  });
}

/** The focused element, looking inside open shadow roots (web-component consoles). */
function deepActiveElement(): HTMLElement | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el instanceof HTMLElement ? el : null;
}
