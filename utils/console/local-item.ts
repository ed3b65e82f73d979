import { browser } from 'wxt/browser';

/**
 * One value in `browser.storage.local`, read, written and watched — the part of WXT's storage
 * items the console content script needs, in a few lines instead of the whole storage library
 * (the content script has a size bar). Values are stored under the plain key, as WXT stores them,
 * so extension pages and the background read the same data either way.
 */
export interface LocalItem<T> {
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  /** Calls `onChange(newValue, oldValue)` when the stored value changes. Returns an unsubscribe function. */
  watch(onChange: (value: T, old: T) => void): () => void;
}

/** The item stored under `key` in `browser.storage.local`; `fallback` when nothing is stored. */
export function localItem<T>(key: string, fallback: T): LocalItem<T> {
  return {
    async getValue() {
      const got = (await browser.storage.local.get(key)) as Record<string, unknown>;
      return (got[key] ?? fallback) as T;
    },
    async setValue(value) {
      await browser.storage.local.set({ [key]: value });
    },
    watch(onChange) {
      const listener = (changes: Record<string, { newValue?: unknown; oldValue?: unknown }>, area: string) => {
        const change = changes[key];
        if (area !== 'local' || !change) return;
        onChange((change.newValue ?? fallback) as T, (change.oldValue ?? fallback) as T);
      };
      browser.storage.onChanged.addListener(listener);
      return () => browser.storage.onChanged.removeListener(listener);
    },
  };
}
