import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing';

/** Unit tests: the domain in Node, with WXT's fake browser and fake-indexeddb. */
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/unit/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['test/unit/setup.ts'],
    restoreMocks: true,
  },
});
