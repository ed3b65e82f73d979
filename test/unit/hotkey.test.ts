import { describe, expect, it } from 'vitest';
import {
  DEFAULT_HOTKEY,
  formatHotkey,
  hotkeyFromEvent,
  matchesHotkey,
  parseHotkeyString,
  type KeyEventLike,
} from '@/utils/console/hotkey';

const key = (over: Partial<KeyEventLike>): KeyEventLike => ({
  code: 'KeyK',
  key: 'k',
  altKey: true,
  ctrlKey: false,
  shiftKey: false,
  metaKey: false,
  ...over,
});

describe('matchesHotkey', () => {
  it('matches the default Alt+K by physical key, whatever character it types', () => {
    expect(matchesHotkey(key({ key: '˚' }), DEFAULT_HOTKEY)).toBe(true);
  });
  it('never fires while an IME is composing (pinyin input)', () => {
    expect(matchesHotkey(key({ isComposing: true }), DEFAULT_HOTKEY)).toBe(false);
    expect(matchesHotkey(key({ keyCode: 229 }), DEFAULT_HOTKEY)).toBe(false);
    expect(matchesHotkey(key({ key: 'Process' }), DEFAULT_HOTKEY)).toBe(false);
  });
  it('ignores other modifiers, other keys and key repeat', () => {
    expect(matchesHotkey(key({ shiftKey: true }), DEFAULT_HOTKEY)).toBe(false);
    expect(matchesHotkey(key({ altKey: false }), DEFAULT_HOTKEY)).toBe(false);
    expect(matchesHotkey(key({ code: 'KeyJ' }), DEFAULT_HOTKEY)).toBe(false);
    expect(matchesHotkey(key({ repeat: true }), DEFAULT_HOTKEY)).toBe(false);
  });
});

describe('hotkeyFromEvent', () => {
  it('records a combination with a modifier', () => {
    expect(hotkeyFromEvent(key({ code: 'Space', altKey: false, ctrlKey: true, shiftKey: true }))).toEqual({
      ok: true,
      hotkey: { code: 'Space', altKey: false, ctrlKey: true, shiftKey: true, metaKey: false },
    });
  });
  it('refuses plain keys, unsupported keys and shortcuts the browser keeps', () => {
    expect(hotkeyFromEvent(key({ altKey: false, shiftKey: true }))).toEqual({ ok: false, error: 'needsModifier' });
    expect(hotkeyFromEvent(key({ code: 'Escape' }))).toEqual({ ok: false, error: 'unsupportedKey' });
    expect(hotkeyFromEvent(key({ code: 'KeyT', altKey: false, ctrlKey: true }))).toEqual({
      ok: false,
      error: 'reserved',
    });
    expect(hotkeyFromEvent(key({ code: 'Space', altKey: false, ctrlKey: true }))).toEqual({
      ok: false,
      error: 'reserved',
    });
  });
});

describe('parseHotkeyString / formatHotkey', () => {
  it('round-trips the written form used in policy', () => {
    for (const text of ['Alt+K', 'Ctrl+Shift+Space', 'Alt+F2', 'Ctrl+Alt+3']) {
      const hk = parseHotkeyString(text);
      expect(hk).not.toBeNull();
      expect(formatHotkey(hk!)).toBe(text);
    }
  });
  it('rejects what cannot be a hotkey', () => {
    expect(parseHotkeyString('K')).toBeNull();
    expect(parseHotkeyString('Hyper+K')).toBeNull();
    expect(parseHotkeyString('Alt+Escape')).toBeNull();
    expect(parseHotkeyString('Ctrl+T')).toBeNull();
    expect(parseHotkeyString('')).toBeNull();
  });
  it('uses macOS symbols when asked', () => {
    expect(formatHotkey(DEFAULT_HOTKEY, true)).toBe('⌥K');
  });
});
