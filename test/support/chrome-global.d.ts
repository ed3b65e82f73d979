import type { browser } from 'wxt/browser';

// Code passed to `worker.evaluate` / `page.evaluate` in extension contexts runs where `chrome` is
// the extension API; this gives it the same types as `browser`.
declare global {
  const chrome: typeof browser;
}
export {};
