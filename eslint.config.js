import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'demo-screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      // Type information for the rules that need it (switch exhaustiveness).
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-globals': ['error', { name: 'chrome', message: "Import `browser` from 'wxt/browser'." }],
      // A switch over a union (agent states, message types, kinds) must name every member, or say
      // why not: a new member never falls silently into a `default`.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: false, requireDefaultForNonUnion: false },
      ],
    },
  },
  {
    // e2e tests evaluate code inside the extension's service worker, where `chrome` is the API.
    files: ['test/e2e/**/*.ts', 'test/support/**/*.ts'],
    rules: { 'no-restricted-globals': 'off' },
  },
  {
    // The domain stays free of browser APIs (the settings store and item, the small local storage
    // item and messaging are the
    // thin, named exceptions).
    files: ['utils/**/*.ts'],
    ignores: [
      'utils/settings-store.ts',
      'utils/console/settings-item.ts',
      'utils/console/local-item.ts',
      'utils/messaging.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'wxt/browser', message: 'utils/ is the pure domain: pass values in from the entry point.' }],
        },
      ],
    },
  },
  {
    // Content scripts live in the page's origin: opening Dexie there would use the page's IndexedDB.
    files: ['entrypoints/console.content/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@/utils/db', message: 'Content scripts must not open the database; message the background.' },
            { name: 'dexie', message: 'Content scripts must not open the database; message the background.' },
          ],
        },
      ],
    },
  },
);
