/**
 * A keyboard shortcut, stored by physical key (`KeyboardEvent.code`) so it works the same whatever
 * the keyboard layout or input method. (No schema library here: the schema of a stored hotkey is in
 * ./hotkey-schema.ts, built from `HOTKEY_CODE_PATTERN`.)
 */
export interface Hotkey {
  code: string;
  altKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
}

/** The physical keys a hotkey may use. */
export const HOTKEY_CODE_PATTERN =
  /^(Key[A-Z]|Digit[0-9]|F([1-9]|1[0-2])|Space|Period|Comma|Slash|Semicolon|Quote|Backquote|BracketLeft|BracketRight|Backslash|Minus|Equal)$/;

/** Alt+K: free in Chrome, Edge and Firefox, and not used by common Chinese IMEs. */
export const DEFAULT_HOTKEY: Hotkey = {
  code: 'KeyK',
  altKey: true,
  ctrlKey: false,
  shiftKey: false,
  metaKey: false,
};

/** The part of a KeyboardEvent the matcher reads (so it can be tested without a DOM). */
export interface KeyEventLike {
  code: string;
  key: string;
  altKey: boolean;
  ctrlKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
  isComposing?: boolean;
  keyCode?: number;
  repeat?: boolean;
}

/**
 * True while an input method is composing (pinyin being typed): such keys belong to the IME and
 * must never trigger Seatmate. Chrome reports keyCode 229 for them.
 */
export function isImeEvent(e: KeyEventLike): boolean {
  return e.isComposing === true || e.keyCode === 229 || e.key === 'Process';
}

/** Whether a key event is the given hotkey (never during IME composition or key repeat). */
export function matchesHotkey(e: KeyEventLike, hotkey: Hotkey): boolean {
  if (isImeEvent(e) || e.repeat) return false;
  return (
    e.code === hotkey.code &&
    e.altKey === hotkey.altKey &&
    e.ctrlKey === hotkey.ctrlKey &&
    e.shiftKey === hotkey.shiftKey &&
    e.metaKey === hotkey.metaKey
  );
}

/** Why a recorded key combination cannot be the hotkey. */
export type HotkeyError = 'needsModifier' | 'unsupportedKey' | 'reserved';

// Shortcuts the browser or the OS keeps for itself; a page cannot reliably take them.
const RESERVED = new Set([
  'ctrl+KeyT',
  'ctrl+KeyW',
  'ctrl+KeyN',
  'ctrl+shift+KeyT',
  'ctrl+shift+KeyN',
  'ctrl+KeyL',
  'ctrl+Tab',
  'alt+F4',
  'ctrl+Space',
  'meta+Space',
  'ctrl+KeyC',
  'ctrl+KeyV',
  'ctrl+KeyX',
  'ctrl+KeyZ',
  'ctrl+KeyA',
  'meta+KeyC',
  'meta+KeyV',
  'meta+KeyX',
  'meta+KeyZ',
  'meta+KeyA',
  'meta+KeyQ',
  'meta+KeyW',
  'meta+KeyT',
]);

function signature(h: Hotkey): string {
  return [h.ctrlKey && 'ctrl', h.altKey && 'alt', h.shiftKey && 'shift', h.metaKey && 'meta', h.code]
    .filter(Boolean)
    .join('+');
}

/** Reads a hotkey from a pressed key combination, or says why it cannot be used. */
export function hotkeyFromEvent(e: KeyEventLike): { ok: true; hotkey: Hotkey } | { ok: false; error: HotkeyError } {
  const candidate = { code: e.code, altKey: e.altKey, ctrlKey: e.ctrlKey, shiftKey: e.shiftKey, metaKey: e.metaKey };
  if (!HOTKEY_CODE_PATTERN.test(candidate.code)) return { ok: false, error: 'unsupportedKey' };
  if (!candidate.altKey && !candidate.ctrlKey && !candidate.metaKey) return { ok: false, error: 'needsModifier' };
  if (RESERVED.has(signature(candidate))) return { ok: false, error: 'reserved' };
  return { ok: true, hotkey: candidate };
}

/** Human-readable form, e.g. `Alt+K`, `Ctrl+Shift+Space` (`⌥K` style on macOS). */
export function formatHotkey(h: Hotkey, mac = false): string {
  const key = h.code
    .replace(/^Key/, '')
    .replace(/^Digit/, '')
    .replace(/^Period$/, '.')
    .replace(/^Comma$/, ',')
    .replace(/^Slash$/, '/')
    .replace(/^Semicolon$/, ';');
  if (mac) {
    return `${h.ctrlKey ? '⌃' : ''}${h.altKey ? '⌥' : ''}${h.shiftKey ? '⇧' : ''}${h.metaKey ? '⌘' : ''}${key}`;
  }
  return [h.ctrlKey && 'Ctrl', h.altKey && 'Alt', h.shiftKey && 'Shift', h.metaKey && 'Meta', key]
    .filter(Boolean)
    .join('+');
}

const NAMED_KEYS: Record<string, string> = {
  SPACE: 'Space',
  '.': 'Period',
  ',': 'Comma',
  '/': 'Slash',
  ';': 'Semicolon',
};

/**
 * Parses the written form used in enterprise policy, e.g. `Alt+K`, `Ctrl+Shift+Space`, `Alt+F2`.
 * Returns null when it is not a usable hotkey.
 */
export function parseHotkeyString(text: string): Hotkey | null {
  const parts = text
    .split('+')
    .map((p) => p.trim())
    .filter(Boolean);
  const keyPart = parts.pop();
  if (!keyPart) return null;
  const mods = new Set(parts.map((p) => p.toLowerCase()));
  for (const m of mods) if (!['alt', 'ctrl', 'control', 'shift', 'meta', 'cmd'].includes(m)) return null;
  const upper = keyPart.toUpperCase();
  const code = /^[A-Z]$/.test(upper)
    ? `Key${upper}`
    : /^[0-9]$/.test(upper)
      ? `Digit${upper}`
      : /^F([1-9]|1[0-2])$/.test(upper)
        ? upper
        : NAMED_KEYS[upper];
  if (!code) return null;
  const result = hotkeyFromEvent({
    code,
    key: keyPart,
    altKey: mods.has('alt'),
    ctrlKey: mods.has('ctrl') || mods.has('control'),
    shiftKey: mods.has('shift'),
    metaKey: mods.has('meta') || mods.has('cmd'),
  });
  return result.ok ? result.hotkey : null;
}
