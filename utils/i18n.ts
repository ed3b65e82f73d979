import en from '../locales/en.json';
import zhCN from '../locales/zh_CN.json';
import type { LanguagePref } from './settings';

/**
 * Seatmate's UI languages. The same files in `locales/` feed the browser's `_locales` (extension
 * name and description, via @wxt-dev/i18n) and this runtime translator, which follows the
 * language chosen in Options instead of only the browser's.
 */
export type Locale = 'zh-CN' | 'en';

type Tree = { readonly [key: string]: string | Tree };
type Paths<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${Paths<T[K]>}`;
}[keyof T & string];

/** Every message key, e.g. `popup.title`. */
export type MessageKey = Paths<typeof en>;

const CATALOGUES: Record<Locale, Tree> = { en, 'zh-CN': zhCN };

/** The UI language for a preference; `auto` follows the browser (`zh*` → Chinese, else English). */
export function resolveLocale(pref: LanguagePref, browserLanguage: string): Locale {
  if (pref !== 'auto') return pref;
  return browserLanguage.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) {
    if (node === undefined || typeof node === 'string') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * Translates `key` into `locale`, filling `{name}` placeholders from `values`. Falls back to
 * English, then to the key itself, so a missing string is visible rather than blank.
 */
export function translate(locale: Locale, key: MessageKey, values: Record<string, string | number> = {}): string {
  const text = lookup(CATALOGUES[locale], key) ?? lookup(CATALOGUES.en, key) ?? key;
  return text.replace(/\{([A-Za-z0-9_]+)\}/g, (m, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : m,
  );
}

/** All keys of a catalogue, flattened (used to check both languages carry the same keys). */
export function catalogueKeys(locale: Locale): string[] {
  const out: string[] = [];
  const walk = (tree: Tree, prefix: string) => {
    for (const [k, v] of Object.entries(tree)) {
      if (typeof v === 'string') out.push(prefix + k);
      else walk(v, `${prefix}${k}.`);
    }
  };
  walk(CATALOGUES[locale], '');
  return out.sort();
}

/** A translator bound to one locale. */
export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** Binds `translate` to a locale. */
export function translator(locale: Locale): Translate {
  return (key, values) => translate(locale, key, values);
}
