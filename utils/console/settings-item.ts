import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';

/**
 * Where the agent's settings live (`browser.storage.local`, so every extension context and the
 * content script can read them, and they survive service-worker and browser restarts). Read them
 * through utils/settings-store.ts (validated with zod), or, in the console content script,
 * utils/console/console-settings.ts (the few fields it needs, without zod).
 *
 * Stored-format versions: this is version 1 (no earlier format exists, so there is nothing to
 * migrate yet). When the stored shape changes, bump `version` and add `migrations[n]` turning a
 * version n-1 value into version n; WXT treats data without version metadata as version 1 and runs
 * the steps in order on first access. `parseSettings` then repairs whatever a migration could not.
 */
export const settingsItem = storage.defineItem<Record<string, unknown>>('local:settings', {
  fallback: {},
  version: 1,
  migrations: {},
});

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
