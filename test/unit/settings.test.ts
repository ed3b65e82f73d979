import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { DEFAULT_HOTKEY } from '@/utils/console/hotkey';
import { DEFAULT_SETTINGS, effectiveSettings, parsePolicy, parseSettings } from '@/utils/settings';
import { loadEffectiveSettings, loadSettings, saveSettings, settingsItem } from '@/utils/settings-store';

describe('parseSettings', () => {
  it('gives defaults for nothing stored', () => {
    expect(parseSettings(undefined)).toEqual({
      language: 'auto',
      hotkey: DEFAULT_HOTKEY,
      consoleSites: [],
      pageRules: [],
      pageValues: [],
      otherCodes: [],
      schedule: { breakMinutes: 30, lunchMinutes: 60 },
      idleLock: { action: 'away', minutes: 10 },
      agentName: '',
      wellbeing: {},
    });
    expect(DEFAULT_SETTINGS.language).toBe('auto');
  });
  it('keeps the good page rules and other codes and drops the broken ones one by one', () => {
    const parsed = parseSettings({
      pageRules: [
        { site: 'https://crm.example.com/*', rules: [{ selector: '#status', textPattern: '通话中', state: 'talk' }] },
        { site: 'https://crm.example.com/*', rules: [] },
        { site: 'https://b.example.com/*', rules: [{ selector: 'a{', state: 'talk' }] },
        { site: 'https://c.example.com/*', rules: [{ selector: '.x', state: 'other' }] },
      ],
      otherCodes: [
        { id: 'qa-review', label: 'QA' },
        { id: 'training', label: 'dup of built-in' },
        { id: 'Bad Id', label: 'x' },
      ],
      schedule: { breakMinutes: -3, lunchMinutes: 60 },
      idleLock: { action: 'offline', minutes: 20 },
      agentName: 42,
    });
    expect(parsed.pageRules).toEqual([
      { site: 'https://crm.example.com/*', rules: [{ selector: '#status', textPattern: '通话中', state: 'talk' }] },
    ]);
    expect(parsed.otherCodes).toEqual([{ id: 'qa-review', label: 'QA' }]);
    expect(parsed.schedule).toEqual({ breakMinutes: 30, lunchMinutes: 60 });
    expect(parsed.idleLock).toEqual({ action: 'offline', minutes: 20 });
    expect(parsed.agentName).toBe('');
  });
  it('repairs each damaged field on its own and keeps the good ones', () => {
    const parsed = parseSettings({
      language: 'fr',
      hotkey: { code: 'KeyJ', altKey: true, ctrlKey: false, shiftKey: false, metaKey: false },
      consoleSites: ['https://crm.example.com/*', 42, '<all_urls>', 'https://crm.example.com/*', 'desk.example.org'],
    });
    expect(parsed.language).toBe('auto');
    expect(parsed.hotkey.code).toBe('KeyJ');
    expect(parsed.consoleSites).toEqual(['https://crm.example.com/*', 'https://desk.example.org/*']);
  });
  it('replaces a hotkey of the wrong shape with the default', () => {
    expect(parseSettings({ hotkey: 'Alt+K' }).hotkey).toEqual(DEFAULT_HOTKEY);
  });
});

describe('policy', () => {
  it('reads valid keys and reports invalid ones by name', () => {
    const { policy, problems } = parsePolicy({
      language: 'zh-CN',
      hotkey: 'Ctrl+K',
      consoleSites: ['https://crm.example.com/*', 'https://*/*'],
    });
    expect(policy.language).toBe('zh-CN');
    expect(policy.hotkey).toEqual({ code: 'KeyK', altKey: false, ctrlKey: true, shiftKey: false, metaKey: false });
    expect(policy.consoleSites).toEqual(['https://crm.example.com/*']);
    expect(problems).toEqual(['consoleSites[1]: not a valid site pattern']);
  });
  it('ignores a bad key without losing the others', () => {
    const { policy, problems } = parsePolicy({ language: 'klingon', hotkey: 'K', consoleSites: 'x' });
    expect(policy).toEqual({});
    expect(problems).toHaveLength(3);
  });
  it('overrides and locks what it sets; sites from policy come first and cannot be duplicated', () => {
    const agent = parseSettings({
      language: 'en',
      consoleSites: ['https://a.example.com/*', 'https://b.example.com/*'],
    });
    const { settings, locks } = effectiveSettings(agent, {
      language: 'zh-CN',
      consoleSites: ['https://b.example.com/*', 'https://c.example.com/*'],
    });
    expect(settings.language).toBe('zh-CN');
    expect(settings.hotkey).toEqual(DEFAULT_HOTKEY);
    expect(settings.consoleSites).toEqual([
      'https://b.example.com/*',
      'https://c.example.com/*',
      'https://a.example.com/*',
    ]);
    expect(locks).toEqual({
      language: true,
      hotkey: false,
      consoleSites: ['https://b.example.com/*', 'https://c.example.com/*'],
    });
  });
});

describe('settings storage', () => {
  it('saves a validated change and reads it back', async () => {
    await saveSettings({ language: 'zh-CN' });
    expect((await loadSettings()).language).toBe('zh-CN');
    const raw = await fakeBrowser.storage.local.get('settings');
    expect(raw.settings).toMatchObject({ language: 'zh-CN', consoleSites: [] });
  });
  it('refuses an invalid change and keeps what was stored', async () => {
    await saveSettings({ language: 'en' });
    // @ts-expect-error: deliberately invalid input from an untyped caller
    await expect(saveSettings({ language: 'xx' })).rejects.toThrow(/language/);
    await expect(saveSettings({ consoleSites: ['https://*/*'] })).rejects.toThrow(/consoleSites\[0\]/);
    expect((await loadSettings()).language).toBe('en');
  });
  it('repairs damaged stored data on read', async () => {
    await fakeBrowser.storage.local.set({ settings: { language: 7, consoleSites: 'oops' } });
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
  });
  it('watchers see changes', async () => {
    const seen: unknown[] = [];
    const unwatch = settingsItem.watch((v) => seen.push(v));
    await saveSettings({ language: 'en' });
    unwatch();
    expect(seen).toHaveLength(1);
  });
  it('applies enterprise policy from managed storage when present', async () => {
    await saveSettings({ language: 'en' });
    await fakeBrowser.storage.managed.set({ language: 'zh-CN' });
    const effective = await loadEffectiveSettings();
    expect(effective.settings.language).toBe('zh-CN');
    expect(effective.locks.language).toBe(true);
  });
});
