import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { parseMessage, type Message } from '@/utils/messages';
import { settingsItem } from '@/utils/settings-store';
import { syncConsoleRegistration } from './console-registration';
import {
  forgetTab,
  handleFrameField,
  handleFrameHotkey,
  handleOverlayClose,
  handleOverlayHello,
  handleOverlayInsert,
  handleOverlayRegister,
} from './overlay-relay';
import { seedDemo } from './demo-seed';
import { listenForPackSync, subscribeToPack, syncPacks } from './pack-sync';
import { handleLedgerSet, listenForLedger } from './ledger';
import { handlePaletteOpen, listenForPaletteOpen, syncContextMenu } from './palette-open';
import { testRulesOnTabs } from './rules-test';

/** Only extension pages (popup, options, …), not the overlay or content scripts, may ask for a sync. */
function isExtensionPage(sender: Browser.runtime.MessageSender): boolean {
  const url = sender.url ?? '';
  return (
    sender.id === browser.runtime.id &&
    url.startsWith(browser.runtime.getURL('/')) &&
    !url.startsWith(browser.runtime.getURL('/overlay.html'))
  );
}

function route(msg: Message, sender: Browser.runtime.MessageSender): Promise<unknown> | undefined {
  switch (msg.type) {
    case 'overlay/register':
      return handleOverlayRegister(msg, sender);
    case 'overlay/hello':
      return handleOverlayHello(msg, sender);
    case 'overlay/close':
      return handleOverlayClose(msg, sender);
    case 'overlay/insert':
      return handleOverlayInsert(msg, sender);
    case 'frame/field':
      return handleFrameField(sender);
    case 'frame/hotkey':
      return handleFrameHotkey(sender);
    case 'palette/open':
      return isExtensionPage(sender) ? handlePaletteOpen() : undefined;
    case 'ledger/set':
      return handleLedgerSet(msg, sender);
    case 'sites/sync':
      return isExtensionPage(sender) ? syncConsoleRegistration() : undefined;
    case 'packs/sync':
      return isExtensionPage(sender) ? syncPacks(msg.id) : undefined;
    case 'packs/subscribe':
      return isExtensionPage(sender) ? subscribeToPack(msg.url) : undefined;
    case 'rules/test':
      return isExtensionPage(sender) ? testRulesOnTabs(msg) : undefined;
    default:
      // console/* messages are for content scripts, not for the background.
      return undefined;
  }
}

export default defineBackground({
  type: 'module',
  main() {
    // Every listener is added synchronously here, so a service worker woken by an event gets it.
    browser.runtime.onMessage.addListener((raw: unknown, sender: Browser.runtime.MessageSender) => {
      const msg = parseMessage(raw);
      return msg ? route(msg, sender) : undefined;
    });
    browser.runtime.onInstalled.addListener((details) => {
      void (async () => {
        if (import.meta.env.MODE === 'demo' && details.reason === 'install') await seedDemo(Date.now());
        await syncConsoleRegistration();
      })();
    });
    browser.runtime.onStartup.addListener(() => void syncConsoleRegistration());
    settingsItem.watch(() => void syncConsoleRegistration());
    browser.storage.onChanged.addListener((_changes, area) => {
      if (area !== 'managed') return;
      void syncConsoleRegistration();
      void syncContextMenu(); // policy sites change where the menu shows
    });
    browser.permissions.onAdded.addListener(() => void syncConsoleRegistration());
    browser.permissions.onRemoved.addListener(() => void syncConsoleRegistration());
    browser.tabs.onRemoved.addListener((tabId) => void forgetTab(tabId));
    listenForPackSync();
    listenForLedger();
    listenForPaletteOpen();
    void syncContextMenu();
    settingsItem.watch(() => void syncContextMenu());
  },
});
