import sample from '@/assets/demo/sample-kb.json';
import { getDb } from '@/utils/db';
import { seedSampleKb } from '@/utils/kb/sample';
import { loadSettings, saveSettings } from '@/utils/settings-store';

/** The demo console's site pattern (served by `npm run demo` and the e2e tests on localhost). */
export const DEMO_CONSOLE_SITE = 'http://localhost/console/*';

/**
 * First run of a demo build: adds the demo console as a console site and loads the sample
 * knowledge base. Never runs in a production build (the caller checks the build mode, so the
 * sample file is not even bundled there). Service workers cannot use dynamic
 * `import()`, so the file is imported statically and dropped by tree-shaking in production.
 */
export async function seedDemo(now: number): Promise<void> {
  const settings = await loadSettings();
  if (!settings.consoleSites.includes(DEMO_CONSOLE_SITE)) {
    await saveSettings({ consoleSites: [...settings.consoleSites, DEMO_CONSOLE_SITE] });
  }
  await seedSampleKb(getDb(), sample, now);
}
