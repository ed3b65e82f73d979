import * as v from 'valibot';
import { DEFAULT_HOTKEY, HOTKEY_CODE_PATTERN, parseHotkeyString, type Hotkey } from './hotkey';

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

/**
 * The hotkey in force, from the agent's stored hotkey and the managed policy's (both unchecked):
 * the policy's (a string such as "Alt+K"), else the agent's, else the default. The console content
 * script (console-settings.ts) and the palette's boot script read it with this.
 */
export function hotkeyInForce(agentHotkey: unknown, policyHotkey: unknown): Hotkey {
  return (
    (typeof policyHotkey === 'string' ? parseHotkeyString(policyHotkey) : null) ??
    readHotkey(agentHotkey) ??
    DEFAULT_HOTKEY
  );
}
