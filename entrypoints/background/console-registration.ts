import { browser } from 'wxt/browser';
import { loadEffectiveSettings } from '@/utils/settings-store';
import { originPatternOf } from '@/utils/console/sites';
import type { SyncResult } from '@/utils/messages';

/** Id of Seatmate's one run-time content-script registration. */
export const CONSOLE_SCRIPT_ID = 'seatmate-console';
/** The built console content script (entrypoints/console.content). */
export const CONSOLE_SCRIPT_FILE = '/content-scripts/console.js';

let queue: Promise<unknown> = Promise.resolve();

/**
 * Brings the content-script registration in line with the console sites in force: registered for
 * every site whose host permission is granted, for nothing else. Newly covered tabs that are
 * already open get the script injected, so the agent need not reload the console. Calls are
 * queued, so overlapping triggers (settings change, permission change, Options) never race.
 */
export function syncConsoleRegistration(): Promise<SyncResult> {
  const run = queue.then(doSync, doSync);
  queue = run.catch(() => undefined);
  return run;
}

async function doSync(): Promise<SyncResult> {
  const { settings } = await loadEffectiveSettings();
  const granted = await Promise.all(
    settings.consoleSites.map((site) => browser.permissions.contains({ origins: [originPatternOf(site)] })),
  );
  const matches = settings.consoleSites.filter((_, i) => granted[i]);
  const missingPermission = settings.consoleSites.filter((_, i) => !granted[i]);
  const [existing] = await browser.scripting.getRegisteredContentScripts({ ids: [CONSOLE_SCRIPT_ID] });
  const before = existing?.matches ?? [];
  if (matches.length === 0) {
    if (existing) await browser.scripting.unregisterContentScripts({ ids: [CONSOLE_SCRIPT_ID] });
  } else if (existing) {
    // (A registration made by an older version ran in the top frame only.)
    if (before.length !== matches.length || before.some((m) => !matches.includes(m)) || !existing.allFrames) {
      await browser.scripting.updateContentScripts([
        { id: CONSOLE_SCRIPT_ID, js: [CONSOLE_SCRIPT_FILE], matches, allFrames: true },
      ]);
    }
  } else {
    await browser.scripting.registerContentScripts([
      {
        id: CONSOLE_SCRIPT_ID,
        js: [CONSOLE_SCRIPT_FILE],
        matches,
        runAt: 'document_idle',
        // Every frame of a console site: consoles put their reply box in frames. (Same-origin
        // `about:blank`/`srcdoc` frames are served by the script of the frame that made them:
        // Chromium's matchOriginAsFallback needs a `/*` path, which would mean every page of the
        // origin. Frames of another origin need that origin added as a console site.)
        allFrames: true,
        persistAcrossSessions: true,
      },
    ]);
  }
  const added = matches.filter((m) => !before.includes(m));
  // Every console tab, not only the new site's: a new site may be a frame inside an open console.
  // (Frames that have the script already skip the second copy.)
  if (added.length > 0) await injectIntoOpenTabs(matches);
  return { registered: matches, missingPermission };
}

async function injectIntoOpenTabs(patterns: string[]): Promise<void> {
  const tabs = await browser.tabs.query({ url: patterns });
  await Promise.all(
    tabs.map(async (tab) => {
      if (tab.id === undefined) return;
      try {
        await browser.scripting.executeScript({
          target: { tabId: tab.id, allFrames: true },
          files: [CONSOLE_SCRIPT_FILE],
        });
      } catch {
        // The tab may be closing, or showing an error page; it gets the script on its next load.
      }
    }),
  );
}
