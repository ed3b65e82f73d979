import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { matchesHotkey } from '@/utils/console/hotkey';
import {
  insertIntoField,
  isEditableField,
  restoreCaret,
  saveCaret,
  settle,
  waitOutUndoGroup,
  type InsertOutcome,
} from '@/utils/console/insert';
import { isConsoleUrl } from '@/utils/console/sites';
import type { InsertResult } from '@/utils/messages';
import { parseConsoleMessage } from '@/utils/console/console-messages';
import type { ConsoleSettings } from '@/utils/console/console-settings';
import { loadConsoleSettings, sendFromConsole, watchConsoleSettings } from './console-io';
import { deepActiveElement, FieldTracker, isFrameElement } from './field-tracker';
import { inConsoleTab, refindField } from './frames';
import { OverlayHost } from './overlay-host';
import { fieldLimit, readContext, sendOpenForm, sendPrefill } from './palette-context';
import { Expander } from './expansion';
import { loadTriggers, watchTriggers } from '@/utils/console/triggers-store';
import { readPageValues } from '@/utils/console/page-values-read';
import { loadPackPageRules, watchPackPageRules } from '@/utils/console/page-rules-store';
import type { SiteRules } from '@/utils/console/page-rule';
import { startPageRules } from './page-rules';
import { ToastHost } from './toast-host';
import { LIVE_CALL_STATES } from '@/utils/time/state-catalogue';

/**
 * The console content script. Runs in every frame of the console sites the agent added
 * (registered at run time by the background). Stays idle until the hotkey: it remembers the last
 * field the agent typed in, opens the palette (always in the top frame: a child frame asks the
 * background to open it there), and inserts what the agent picks into that field, in its frame.
 * It never opens the database.
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

/**
 * What the last insert did, on this script's own global (its isolated world: the page cannot see
 * it), for the e2e tests and for anyone debugging a console with devtools.
 */
function noteInsert(outcome: InsertOutcome, more: Record<string, unknown>): void {
  (globalThis as { __seatmateLastInsert?: unknown }).__seatmateLastInsert = {
    verdict: outcome.verdict,
    method: outcome.method,
    editor: outcome.plan?.editor ?? null,
    kind: outcome.plan?.kind ?? null,
    ...more,
  };
}

function startConsole(): void {
  // Read without zod (utils/console/console-settings.ts): this script runs on every console page.
  let settings: ConsoleSettings | null = null;
  void loadConsoleSettings().then((s) => {
    settings = s;
    // (Once the settings are in: a field taken up is reported to the background only on a console.)
    fields.adoptFocus(document);
  });
  watchConsoleSettings((s) => (settings = s));

  const isTop = window.top === window;
  const overlay = isTop ? new OverlayHost() : null;
  // The wellbeing toast (top frame only). When it hides with the keyboard in it (the agent clicked
  // a button), the keyboard goes back to the agent's field with its caret.
  const toast = isTop
    ? new ToastHost(() => {
        const field = fields.lastField;
        if (field?.isConnected) restoreCaret(field, fields.caret);
      })
    : null;

  /** After an extension update the old script is orphaned; it must then do nothing. */
  const alive = () => browser.runtime?.id !== undefined;

  /**
   * The insert under way (`hurry` ends its wait for the editor's undo window), and whether keys
   * are held from the page until the palette the agent asked for meanwhile has the keyboard.
   */
  let inserting: { hurry: () => void; done: Promise<unknown> } | null = null;
  let holding = false;
  // A call starting here hides the toast at once (the background hides it too, for every tab).
  startPageRules(alive, (choice) => LIVE_CALL_STATES.has(choice.state) && toast?.hide());

  /** Whether this frame belongs to a console: the top frame by its URL, a child frame by its tab's. */
  const active = () =>
    settings !== null &&
    (isTop ? isConsoleUrl(location.href, settings.consoleSites) : inConsoleTab(settings.consoleSites));

  const fields = new FieldTracker({
    onKeydown: onKey,
    onFieldFocus: () => {
      // The background sends the insert to the frame that last had the agent's field.
      if (alive() && active()) void sendFromConsole({ type: 'frame/field' }).catch(() => undefined);
    },
    shouldServe: (doc) => {
      const win = doc.defaultView as (Window & { __seatmateConsole?: boolean }) | null;
      return !!win && !win.__seatmateConsole && !(settings && isConsoleUrl(doc.URL, settings.consoleSites));
    },
  });
  fields.serve(document);

  // Text expansion: only the trigger strings live here; the text comes when one is typed.
  const expander = new Expander({
    lookup: async (trigger) => {
      // A child frame says first that the field is here (the placeholder form's insert comes back to it).
      if (!isTop) await sendFromConsole({ type: 'frame/field' });
      return sendFromConsole({ type: 'expand/lookup', trigger });
    },
    beforeLookup: (field) => {
      fields.lastField = field;
    },
    lastEditAt: () => fields.lastEditAt,
    track: (task) => track(task),
    inserted: (outcome, ms) => noteInsert(outcome, { ms, expansion: true }),
  });
  expander.serve(document);
  void loadTriggers().then((list) => expander.setTriggers(list));
  watchTriggers((list) => expander.setTriggers(list));

  function onKey(e: KeyboardEvent): void {
    // Only the agent's own key presses count: page scripts cannot open Seatmate by faking one.
    if (!e.isTrusted || !alive() || !settings) return;
    if (matchesHotkey(e, settings.hotkey) && active()) {
      e.preventDefault();
      e.stopPropagation();
      const pending = inserting;
      if (pending) {
        // Pressed while an insert waits out the editor's undo window (the reply box has the
        // keyboard for it): the insert goes in now, then the palette opens; what is typed in that
        // moment is held from the page (bounded: 2 s at most).
        holding = true;
        const release = setTimeout(() => (holding = false), 2_000);
        pending.hurry();
        const open = () => openPalette();
        void pending.done.then(open, open).finally(() => {
          clearTimeout(release);
          holding = false;
        });
      } else void openPalette(true);
      return;
    }
    // The palette is open but its frame does not have the keyboard (loading, or being put back
    // after the page re-rendered), or it is about to open after an insert: the page must not see
    // what the agent types for the palette.
    if (holding || overlay?.shielding) {
      e.preventDefault();
      e.stopImmediatePropagation();
      return;
    }
    if (!overlay?.isOpen && active()) expander.onKeydown(e);
  }
  for (const type of ['keypress', 'keyup'] as const) {
    window.addEventListener(
      type,
      (e) => {
        if (e.isTrusted && (holding || overlay?.shielding)) {
          e.preventDefault();
          e.stopImmediatePropagation();
        }
      },
      true,
    );
  }

  /**
   * Opens the palette (`toggle`: or closes it when open): here in the top frame; from a child
   * frame, the background opens it there.
   */
  function openPalette(toggle = false): Promise<unknown> {
    if (overlay) return toggle && overlay.isOpen ? Promise.resolve(closeOverlay(true)) : openOverlay();
    // This frame keeps the field and gets the insert.
    const focused = deepActiveElement(document);
    if (focused && isEditableField(focused)) fields.lastField = focused;
    return sendFromConsole({ type: 'frame/field' })
      .then(() => sendFromConsole(toggle ? { type: 'frame/hotkey' } : { type: 'frame/hotkey', open: true }))
      .catch(() => undefined);
  }

  // A click on the page while the palette shows closes it; the click decides where focus goes.
  document.addEventListener('mousedown', () => overlay?.isOpen && closeOverlay(false), true);

  /**
   * The frame element that had the keyboard when the palette opened (the agent's field is in a
   * child frame). Closing gives it back from here: a frame of another origin may not take the
   * keyboard by itself, the top page may (it shares the agent's key press with the palette).
   */
  let returnFrame: HTMLIFrameElement | null = null;

  function openOverlay(query?: string, articleId?: string): Promise<boolean> {
    if (!overlay) return Promise.resolve(false);
    if (!overlay.isOpen) returnFrame = isFrameElement(document.activeElement) ? document.activeElement : null;
    const focused = deepActiveElement(document);
    if (focused && isEditableField(focused)) fields.lastField = focused;
    const field = fields.lastField;
    if (field?.isConnected && deepActiveElement(field.ownerDocument) === field) fields.caret = saveCaret(field);
    return overlay.open().then(
      () => {
        // The selection to search for, or (searching nothing) the page's context for suggestions.
        const context = query ? undefined : readContext(settings?.pageRules ?? [], packSites);
        // Every open says what the field takes (its maxlength), so the palette counts against it.
        const limit = field?.isConnected ? fieldLimit(field) : undefined;
        if (overlay.nonce) void sendPrefill(overlay.nonce, query ?? '', context, limit);
        // A trigger typed for an article with placeholders: the palette opens on its form.
        if (overlay.nonce && articleId) void sendOpenForm(overlay.nonce, articleId);
        return true;
      },
      () => {
        // The background could not be reached (extension updated or disabled). Opening blurred
        // the agent's field: give it back with its caret.
        if (field?.isConnected) restoreCaret(field, fields.caret);
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
      if (alive()) overlay?.preload().catch(() => undefined);
    });
  };
  // Demo builds only (dropped from production): `?seatmateNoPreload` on the page skips the preload,
  // so the e2e test can measure a first open that has to create the frame.
  const noPreload = import.meta.env.MODE === 'demo' && new URLSearchParams(location.search).has('seatmateNoPreload');
  if (overlay && !noPreload) {
    if (document.readyState === 'complete') preload();
    else window.addEventListener('load', preload, { once: true });
  }
  // The toast frame, hidden, when the page is idle (whether or not the palette was preloaded).
  const preloadToast = () => {
    // Never made while the palette is open or opening: keys meant for the palette were seen lost
    // when the toast's frame arrived in that moment (see the issue 16 notes); it waits its turn.
    const load = (): void => {
      if (!alive()) return;
      if (overlay?.isOpen || overlay?.shielding) {
        setTimeout(load, 2_000);
        return;
      }
      void toast?.preload().catch(() => undefined);
    };
    if ('requestIdleCallback' in window) requestIdleCallback(load, { timeout: 3_000 });
    else setTimeout(load, 1_000);
  };
  if (toast) {
    if (document.readyState === 'complete') preloadToast();
    else window.addEventListener('load', preloadToast, { once: true });
  }

  function closeOverlay(restoreFocus: boolean): void {
    overlay?.close();
    const field = fields.lastField;
    if (restoreFocus && field?.isConnected) restoreCaret(field, fields.caret);
  }

  /** Runs `task` (an insert or an expansion) as the one under way: the hotkey hurries it (`hurried`). */
  function track<T>(task: (hurried: Promise<void>) => Promise<T>): Promise<T> {
    let hurry = () => {};
    const hurried = new Promise<void>((r) => (hurry = r));
    const done = task(hurried);
    const mine = { hurry, done };
    inserting = mine;
    const over = () => {
      if (inserting === mine) inserting = null;
    };
    done.then(over, over);
    return done;
  }

  const insert = (text: string, html?: string) => track((hurried) => insertNow(text, hurried, html));

  async function insertNow(text: string, hurried: Promise<void>, html?: string): Promise<InsertResult> {
    // With nowhere to insert, the palette stays open so the agent can copy instead.
    if (!fields.lastField) return { ok: false, reason: 'no-field' };
    // A page that re-rendered its reply box: the same box again (same id), if it is there.
    const field = fields.lastField.isConnected ? fields.lastField : refindField(fields.lastField);
    if (!field) return { ok: false, reason: 'field-gone' };
    fields.lastField = field;
    overlay?.close();
    restoreCaret(field, fields.caret);
    // Let the editor see the caret come back (editors read the selection on `selectionchange`).
    await settle(field.ownerDocument.defaultView!);
    // The agent typed here a moment ago: an editor that merges changes that close together into
    // one undo step would take their words out with the insert; wait out its window (≤ 1.08 s).
    const sinceEditMs = performance.now() - fields.lastEditAt;
    const waitMs = await waitOutUndoGroup(field, fields.lastEditAt, hurried);
    const started = performance.now();
    const outcome = await insertIntoField(field, text, html);
    fields.caret = saveCaret(field);
    noteInsert(outcome, {
      ms: Math.round(performance.now() - started),
      sinceEditMs: Number.isFinite(sinceEditMs) ? Math.round(sinceEditMs) : null,
      waitMs,
    });
    if (outcome.verdict === 'inserted') return { ok: true };
    // Not confirmed: the palette comes back (with the keyboard) to say so and offer Copy.
    if (overlay) await overlay.open().catch(() => undefined);
    return { ok: false, reason: outcome.verdict === 'unchanged' ? 'not-inserted' : 'unconfirmed' };
  }

  browser.runtime.onMessage.addListener((raw: unknown) => {
    if (!alive()) return undefined;
    const msg = parseConsoleMessage(raw);
    if (msg?.type === 'console/close-overlay') {
      closeOverlay(msg.restoreFocus);
      // From the background without focus for this frame: the agent's field is in a child frame
      // (its own script puts the caret back); the keyboard goes to that frame first.
      if (!msg.restoreFocus && returnFrame?.isConnected) returnFrame.focus({ preventScroll: true });
      return Promise.resolve({ ok: true });
    }
    if (msg?.type === 'console/insert') return insert(msg.text, msg.html);
    if (msg?.type === 'console/toast' && toast) {
      if (msg.visible) {
        // Clear of the field the agent is writing in (in a child frame: that frame).
        const field = fields.lastField?.isConnected ? fields.lastField : document.activeElement;
        const box = field && field !== document.body ? field.getBoundingClientRect() : null;
        toast.show(msg.height, box);
      } else toast.hide();
      return Promise.resolve({ ok: true });
    }
    if (msg?.type === 'console/open-palette' && overlay) {
      // The hotkey pressed in a child frame toggles, as it does on the page.
      if (msg.toggle && overlay.isOpen) {
        overlay.close();
        return Promise.resolve({ opened: false });
      }
      return openOverlay(msg.query, msg.articleId).then((opened) => ({ opened }));
    }
    if (msg?.type === 'console/read-values' && isTop) {
      // Placeholder values from what the page shows: text only, bounded (utils/console/page-values-read.ts).
      const query = (selector: string) => document.querySelector(selector)?.textContent ?? null;
      return Promise.resolve(readPageValues(msg.fields, query, () => performance.now()));
    }
    return undefined;
  });
}
