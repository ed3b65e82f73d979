import * as v from 'valibot';
import { HOTKEY_CODE_PATTERN, type Hotkey } from './hotkey';

/**
 * A stored hotkey, defined once (valibot): the console content script and the overlay read the
 * agent's hotkey with it, and the settings schemas (zod, utils/settings.ts) embed it through
 * utils/zod-valibot.ts. Unknown keys are dropped.
 */
export const hotkeySchema = v.object({
  code: v.pipe(v.string(), v.regex(HOTKEY_CODE_PATTERN)),
  altKey: v.boolean(),
  ctrlKey: v.boolean(),
  shiftKey: v.boolean(),
  metaKey: v.boolean(),
}) satisfies v.GenericSchema<unknown, Hotkey>;

/** Reads a stored hotkey: its five fields when `raw` is a valid hotkey, else null. */
export function readHotkey(raw: unknown): Hotkey | null {
  const r = v.safeParse(hotkeySchema, raw);
  return r.success ? r.output : null;
}
