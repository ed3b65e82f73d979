import { z } from 'zod';
import { HOTKEY_CODE_PATTERN, type Hotkey } from './hotkey';

/**
 * The zod schema of a stored hotkey (settings validation). Kept apart from ./hotkey.ts so the
 * console content script, which only matches key presses, does not carry zod.
 */
export const hotkeySchema = z.object({
  code: z.string().regex(HOTKEY_CODE_PATTERN),
  altKey: z.boolean(),
  ctrlKey: z.boolean(),
  shiftKey: z.boolean(),
  metaKey: z.boolean(),
}) satisfies z.ZodType<Hotkey>;
