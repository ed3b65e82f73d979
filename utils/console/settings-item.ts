import { browser } from 'wxt/browser';
import { localItem } from './local-item';

/**
 * Where the agent's settings live (`browser.storage.local`, so every extension context and the
 * content script can read them, and they survive service-worker and browser restarts). Read them
 * through utils/settings-store.ts (validated with zod), or, in the console content script,
 * utils/console/console-settings.ts (the few fields it needs, without zod).
 *
 * Stored-format versions: this is version 1 (no earlier format exists). A later shape change
 * migrates in the background on update (`parseSettings` repairs whatever does not fit); the
 * content script only reads. (A small local item, not WXT's storage library: the content script
 * has a size bar.)
 */
export const settingsItem = localItem<Record<string, unknown>>('settings', {});

/** The enterprise policy as stored (`{}` where the browser has no managed storage or no policy). */
export async function readRawPolicy(): Promise<unknown> {
  try {
    return await browser.storage.managed.get();
  } catch {
    return {}; // Firefox throws when no policy is installed; Chrome returns {}.
  }
}

/** Calls `onChange` when the agent's settings or the policy change. Returns an unsubscribe function. */
export function watchSettingsAndPolicy(onChange: () => void): () => void {
  const unwatch = settingsItem.watch(() => onChange());
  const onManaged = (_changes: unknown, area: string) => {
    if (area === 'managed') onChange();
  };
  browser.storage.onChanged.addListener(onManaged);
  return () => {
    unwatch();
    browser.storage.onChanged.removeListener(onManaged);
  };
}
