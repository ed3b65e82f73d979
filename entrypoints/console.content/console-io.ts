import { browser } from 'wxt/browser';
import type { MessageOf } from '@/utils/messages';
import { parseConsoleResponse, type ConsoleOutgoing, type ConsoleReply } from '@/utils/console/console-messages';
import { consoleSettingsFrom, type ConsoleSettings } from '@/utils/console/console-settings';
import { readRawPolicy, settingsItem, watchSettingsAndPolicy } from '@/utils/console/settings-item';

/**
 * The content script's messaging and settings reads, checked with the shared valibot schemas in
 * utils/console/ (this script runs on every console page, so it does not carry zod).
 */

/** Sends a typed message from the content script to the background and checks the reply. */
export async function sendFromConsole<T extends ConsoleOutgoing>(message: MessageOf<T>): Promise<ConsoleReply<T>> {
  const raw: unknown = await browser.runtime.sendMessage(message);
  return parseConsoleResponse((message as { type: T }).type, raw);
}

/** Reads the settings the content script needs (always valid). */
export async function loadConsoleSettings(): Promise<ConsoleSettings> {
  const [raw, policy] = await Promise.all([settingsItem.getValue(), readRawPolicy()]);
  return consoleSettingsFrom(raw, policy);
}

/** Calls `onChange` when the agent's settings or the policy change. Returns an unsubscribe function. */
export function watchConsoleSettings(onChange: (value: ConsoleSettings) => void): () => void {
  return watchSettingsAndPolicy(() => void loadConsoleSettings().then(onChange));
}
