import { localItem } from './local-item';
import { readTriggerList } from './expansion';

/**
 * The KB's trigger strings (`;tk`, `/退款`), mirrored by the background into `local:kbTriggers`
 * for the console content script, which must not open the database. Only the strings: the text
 * they expand to stays in the extension until a trigger is typed (message `expand/lookup`).
 */
export const kbTriggersItem = localItem<unknown>('kbTriggers', []);

/** Reads the mirrored triggers (always valid). */
export async function loadTriggers(): Promise<string[]> {
  return readTriggerList(await kbTriggersItem.getValue());
}

/** Stores the trigger list when it differs from what is stored (no write, no change event otherwise). */
export async function saveTriggers(list: readonly string[]): Promise<boolean> {
  const current = readTriggerList(await kbTriggersItem.getValue());
  if (current.length === list.length && current.every((t, i) => t === list[i])) return false;
  await kbTriggersItem.setValue([...list]);
  return true;
}

/** Calls `onChange` with the triggers whenever they change. Returns an unsubscribe function. */
export function watchTriggers(onChange: (list: string[]) => void): () => void {
  return kbTriggersItem.watch((raw) => onChange(readTriggerList(raw)));
}
