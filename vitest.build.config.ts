import { defineConfig } from 'vitest/config';

/** Checks of what the production build produced (`npm run build` runs first). */
export default defineConfig({
  test: {
    include: ['test/build/**/*.test.ts'],
    environment: 'node',
  },
});
