import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogueKeys, resolveLocale, translate } from '@/utils/i18n';

describe('i18n', () => {
  it('has the same keys in Chinese and English', () => {
    expect(catalogueKeys('zh-CN')).toEqual(catalogueKeys('en'));
  });

  it('has no empty strings', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const key of catalogueKeys(locale)) {
        // @ts-expect-error: keys come from the catalogue itself
        expect(translate(locale, key).trim(), `${locale} ${key}`).not.toBe('');
      }
    }
  });

  it('follows the browser for auto and the choice otherwise', () => {
    expect(resolveLocale('auto', 'zh-CN')).toBe('zh-CN');
    expect(resolveLocale('auto', 'zh-TW')).toBe('zh-CN');
    expect(resolveLocale('auto', 'en-GB')).toBe('en');
    expect(resolveLocale('auto', 'fr')).toBe('en');
    expect(resolveLocale('en', 'zh-CN')).toBe('en');
    expect(resolveLocale('zh-CN', 'en-US')).toBe('zh-CN');
  });

  it('fills placeholders and keeps unknown ones visible', () => {
    expect(translate('en', 'overlay.noMatch', { query: 'xyz' })).toContain('“xyz”');
    expect(translate('zh-CN', 'popup.hotkeyHint', { hotkey: 'Alt+K' })).toContain('Alt+K');
    expect(translate('en', 'overlay.noMatch')).toContain('{query}');
  });

  it('uses only keys that exist (every t("…") call in the UI)', () => {
    const keys = new Set(catalogueKeys('en'));
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.tsx?$/.test(entry.name)) files.push(path);
      }
    };
    walk('entrypoints');
    walk('components');
    const missing: string[] = [];
    for (const file of files) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([A-Za-z0-9_.]+)'/g)) {
        if (!keys.has(m[1]!)) missing.push(`${file}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
