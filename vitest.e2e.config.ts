import { defineConfig } from 'vitest/config';

/**
 * Real-browser tests: Debian Chromium (headless) drives the built demo extension
 * (`.output/chrome-mv3-demo`) on the demo console served from `.output/demo-console`.
 */
export default defineConfig({
  resolve: { alias: { '@': import.meta.dirname } },
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    expect: { poll: { timeout: 10_000, interval: 100 } },
  },
});
