import { browser } from 'wxt/browser';
import { parseTimeScale, type TimeScale } from '@/utils/wellbeing/time-scale';

/**
 * Demo builds only: the test-only time scale (utils/wellbeing/time-scale.ts), stored by the e2e
 * tests under `demoTimeScale` in local storage. Only called behind `import.meta.env.MODE ===
 * 'demo'`, so a production build drops this file (test/build/ checks the built files for its key).
 * No top-level code: nothing here runs unless it is called.
 */
export async function demoTimeScale(): Promise<TimeScale | null> {
  const raw = (await browser.storage.local.get('demoTimeScale').catch(() => ({}))) as Record<string, unknown>;
  return parseTimeScale(raw.demoTimeScale);
}
