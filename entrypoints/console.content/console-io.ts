import { browser } from 'wxt/browser';
import type { MessageOf, ResponseOf } from '@/utils/messages';
import { parseConsoleResponse, type ConsoleOutgoing } from '@/utils/console/console-messages';
import { consoleSettingsFrom, type ConsoleSettings } from '@/utils/console/console-settings';
import { settingsItem } from '@/utils/console/settings-item';

/**
 * The content script's messaging and settings reads, checked with the zod-free readers in
 * utils/console/ (this script runs on every console page, so it does not carry zod).
 */

/** Sends a typed message from the content script to the background and checks the reply. */
export async function sendFromConsole<T extends ConsoleOutgoing>(message: MessageOf<T>): Promise<ResponseOf<T>> {
  const raw: unknown = await browser.runtime.sendMessage(message);
  return parseConsoleResponse((message as { type: T }).type, raw);
}

async function readPolicy(): Promise<unknown> {
  try {
    return await browser.storage.managed.get();
  } catch {
    return {}; // Firefox throws when no policy is installed.
  }
}

/** Reads the settings the content script needs (always valid). */
export async function loadConsoleSettings(): Promise<ConsoleSettings> {
  const [raw, policy] = await Promise.all([settingsItem.getValue(), readPolicy()]);
  return consoleSettingsFrom(raw, policy);
}

/** Calls `onChange` when the agent's settings or the policy change. Returns an unsubscribe function. */
export function watchConsoleSettings(onChange: (value: ConsoleSettings) => void): () => void {
  const reload = () => void loadConsoleSettings().then(onChange);
  const unwatch = settingsItem.watch(reload);
  const onManaged = (_changes: unknown, area: string) => {
    if (area === 'managed') reload();
  };
  browser.storage.onChanged.addListener(onManaged);
  return () => {
    unwatch();
    browser.storage.onChanged.removeListener(onManaged);
  };
}
