import { browser, type Browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { settingsItem } from '@/utils/settings-store';
import { syncConsoleRegistration } from './console-registration';
import { seedDemo } from './demo-seed';
import { listenForFeedbackCommand } from './feedback-command';
import { dispatch } from './handlers';
import { listenForTriggers, mirrorTriggers } from './expansion';
import { listenForLedger } from './ledger';
import { forgetTab } from './overlay-relay';
import { listenForPackSync } from './pack-sync';
import { listenForPaletteOpen, syncContextMenu } from './palette-open';
import { forgetToastTab } from './toast-relay';
import { listenForWellbeing } from './wellbeing';

export default defineBackground({
  type: 'module',
  main() {
    // Every listener is added synchronously here, so a service worker woken by an event gets it.
    // What each message does, and who may send it, is the table in handlers.ts.
    browser.runtime.onMessage.addListener((raw: unknown, sender: Browser.runtime.MessageSender) =>
      dispatch(raw, sender),
    );
    browser.runtime.onInstalled.addListener((details) => {
      void (async () => {
        if (import.meta.env.MODE === 'demo' && (details.reason === 'install' || details.reason === 'update'))
          await seedDemo(Date.now());
        await syncConsoleRegistration();
        await mirrorTriggers().catch(() => undefined);
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
    browser.tabs.onRemoved.addListener((tabId) => void forgetToastTab(tabId));
    listenForPackSync();
    // The trigger list the content scripts hold: rebuilt now (the KB may have changed while the
    // worker slept) and whenever the articles change.
    listenForTriggers();
    listenForLedger();
    listenForWellbeing();
    listenForPaletteOpen();
    listenForFeedbackCommand();
    void syncContextMenu();
    settingsItem.watch(() => void syncContextMenu());
  },
});
