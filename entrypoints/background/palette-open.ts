import { browser, type Browser } from 'wxt/browser';
import { resolveLocale, translate } from '@/utils/i18n';
import { isConsoleUrl } from '@/utils/console/sites';
import { sendToTab } from '@/utils/messaging';
import { loadEffectiveSettings } from '@/utils/settings-store';
import { runStateCommand } from './ledger';

/**
 * Opening the palette from outside the page: the browser command (works with focus in the address
 * bar), the popup's button, and the "Search Seatmate for '…'" context menu on selected text. Each
 * asks the console content script of the tab to open the palette, as the page hotkey does.
 */

const MENU_ID = 'seatmate-search-selection';

/** Selected text as a search: one line, trimmed, at most 200 characters. */
export function selectionQuery(text: string | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim().slice(0, 200);
}

/** Opens the palette in `tab` when it is a console page; `opened: false` otherwise. */
export async function openPaletteInTab(
  tab: Browser.tabs.Tab | undefined,
  query?: string,
): Promise<{ opened: boolean }> {
  if (tab?.id === undefined) return { opened: false };
  const { settings } = await loadEffectiveSettings();
  if (!tab.url || !isConsoleUrl(tab.url, settings.consoleSites)) return { opened: false };
  try {
    return await sendToTab(tab.id, query ? { type: 'console/open-palette', query } : { type: 'console/open-palette' });
  } catch {
    // No content script in the tab (e.g. it was opened before the site was added and not reloaded).
    return { opened: false };
  }
}

async function activeTab(): Promise<Browser.tabs.Tab | undefined> {
  const [tab] = await browser.tabs.query({ active: true, lastFocusedWindow: true });
  return tab;
}

/** popup → background: open the palette on the tab the agent is looking at. */
export async function handlePaletteOpen(): Promise<{ opened: boolean }> {
  return openPaletteInTab(await activeTab());
}

/** The context menu's click: search for the selection on that tab. */
export async function onMenuClicked(info: Browser.contextMenus.OnClickData, tab?: Browser.tabs.Tab) {
  if (info.menuItemId !== MENU_ID) return { opened: false };
  return openPaletteInTab(tab, selectionQuery(info.selectionText));
}

let menuQueue: Promise<unknown> = Promise.resolve();
/** The menu item as last created (null when there is none), for the demo build's tests. */
let menuState: { title: string; patterns: string[] } | null = null;

/**
 * (Re)creates the context menu item for the console sites in force, titled in the agent's language.
 * Queued, so quick settings changes never race.
 */
export function syncContextMenu(): Promise<unknown> {
  const run = menuQueue.then(async () => {
    const { settings } = await loadEffectiveSettings();
    await browser.contextMenus.removeAll();
    menuState = null;
    if (settings.consoleSites.length === 0) return;
    const locale = resolveLocale(settings.language, browser.i18n.getUILanguage());
    const title = translate(locale, 'paletteOpen.contextMenu');
    browser.contextMenus.create({
      id: MENU_ID,
      title,
      contexts: ['selection'],
      documentUrlPatterns: settings.consoleSites,
    });
    menuState = { title, patterns: settings.consoleSites };
  });
  menuQueue = run.catch(() => undefined);
  return run;
}

/** Registers the listeners (called synchronously from the background's main()). */
export function listenForPaletteOpen(): void {
  browser.commands?.onCommand.addListener((command, tab) => {
    if (command !== 'open-palette') return;
    void (async () => openPaletteInTab(tab?.url ? tab : await activeTab()))();
  });
  browser.contextMenus.onClicked.addListener((info, tab) => void onMenuClicked(info, tab));
  if (import.meta.env.MODE === 'demo') {
    // Demo builds only: Playwright cannot click native menus or press browser-level shortcuts, so
    // the e2e tests call the same handlers through these. Production builds drop this block.
    const hooks = globalThis as { __seatmateTest?: Record<string, unknown> };
    hooks.__seatmateTest = {
      ...hooks.__seatmateTest,
      clickMenu: async (tabId: number, selectionText: string) =>
        onMenuClicked(
          { menuItemId: MENU_ID, selectionText, editable: false, pageUrl: '' },
          await browser.tabs.get(tabId),
        ),
      command: async (tabId: number) => openPaletteInTab(await browser.tabs.get(tabId)),
      menu: () => menuState,
      stateCommand: (name: string) => runStateCommand(name),
    };
  }
}
