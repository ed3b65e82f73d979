import { defineConfig } from 'wxt';
import { paletteScriptAfterLoad } from './scripts/palette-html-plugin';
import { STATE_CATALOGUE } from './utils/time/state-catalogue';

/** The manifest's keyboard commands for the states that have one (`state-<state>`). */
function stateCommands() {
  return Object.fromEntries(
    Object.entries(STATE_CATALOGUE).flatMap(([state, info]) => {
      const command: { suggestedKey?: string } | null = info.command;
      if (!command) return [];
      const entry = { description: `__MSG_commands_${state}__` };
      return [
        [
          `state-${state}`,
          command.suggestedKey ? { ...entry, suggested_key: { default: command.suggestedKey } } : entry,
        ],
      ];
    }),
  );
}

/**
 * Build modes:
 * - `production` (default): what ships. Asks for no host permission up front; console sites are
 *   granted one by one from Options.
 * - `demo`: the same code, plus a grant for the localhost demo console and a first-run seed of the
 *   sample knowledge base and the demo console site. Used by `npm run demo` and the e2e tests.
 */
export default defineConfig({
  // No auto-imports: every file says what it uses, so lint and the size check see every import (a
  // content script could otherwise reach Dexie through an auto-imported helper with no import line).
  imports: false,
  // WXT defines process.env.NODE_ENV as the mode name; the demo build must still get React's
  // production build (the same code that ships), so timings and behaviour match production.
  // (`npm run build:demo` also sets NODE_ENV=production, which the JSX transform reads.)
  // The palette page's module script is loaded by its boot script, after the page's `load` event
  // (scripts/palette-html-plugin.ts).
  vite: () => ({
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    plugins: [paletteScriptAfterLoad()],
  }),
  modules: ['@wxt-dev/module-react', '@wxt-dev/i18n/module', '@wxt-dev/webextension-polyfill'],
  manifestVersion: 3,
  manifest: ({ mode, browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // `notifications` and `offscreen` (Chrome: the wellbeing sound) are used only when the agent
    // turns the system notification or the sound on (Options → Wellbeing).
    permissions: [
      'storage',
      'scripting',
      'alarms',
      'contextMenus',
      'idle',
      'notifications',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    // Keyboard commands (chrome://extensions/shortcuts lets the agent change or add keys; Chrome
    // allows at most four suggested keys). They work even when focus is in the address bar.
    // The state commands come from the state catalogue (utils/time/state-catalogue.ts).
    commands: {
      'open-palette': { suggested_key: { default: 'Alt+Shift+K' }, description: '__MSG_commands_openPalette__' },
      ...stateCommands(),
      // Chrome takes at most four suggested keys and the palette and state commands use them: the
      // agent picks a key for this one at chrome://extensions/shortcuts (the popup has a button).
      'open-feedback': { description: '__MSG_feedback_page_command__' },
      // No suggested key: Chrome allows four, and the states use them; the agent picks one.
      'tough-call': { description: '__MSG_wellbeing_commandToughCall__' },
    },
    // Console sites are asked for at run time, one origin at a time (Options → Console sites).
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    host_permissions: mode === 'demo' ? ['http://localhost/*', 'http://127.0.0.1/*'] : [],
    // The overlay page is framed by the content script on console pages. Being web-accessible lets
    // a page load it in a frame; it grants no access to the page, and the overlay shows nothing
    // until the background has confirmed the frame was opened by Seatmate's own content script.
    // The wellbeing toast (toast.html) is framed the same way, and proves itself the same way.
    web_accessible_resources: [{ resources: ['overlay.html', 'toast.html'], matches: ['https://*/*', 'http://*/*'] }],
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox'
      ? { browser_specific_settings: { gecko: { id: 'seatmate@seatmate.app', strict_min_version: '128.0' } } }
      : { storage: { managed_schema: 'managed_schema.json' } }),
  }),
});
