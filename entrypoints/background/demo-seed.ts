import sample from '@/assets/demo/sample-kb.json';
import { getDb } from '@/utils/db';
import { seedSampleKb } from '@/utils/kb/sample';
import type { SiteRules } from '@/utils/console/page-rule';
import type { SitePageValues } from '@/utils/console/page-values';
import { loadSettings, saveSettings } from '@/utils/settings-store';

/** The demo console's site pattern (served by `npm run demo` and the e2e tests on localhost). */
export const DEMO_CONSOLE_SITE = 'http://localhost/console/*';

/**
 * Page rules for the demo console's call widget (`#agent-status` reads e.g. "通话中 Talking"); the
 * ringing phase has no rule (no opinion). The context selector names the case subject, whose text
 * pre-ranks palette suggestions.
 */
export const DEMO_PAGE_RULES: SiteRules = {
  site: DEMO_CONSOLE_SITE,
  rules: [
    { selector: '#agent-status', textPattern: '通话中|Talking', state: 'talk' },
    { selector: '#agent-status', textPattern: '保持|Hold', state: 'hold' },
    { selector: '#agent-status', textPattern: '话后处理|Wrap-up', state: 'acw' },
    { selector: '#agent-status', textPattern: '就绪|Ready', state: 'available' },
  ],
  contextSelector: '[data-testid="case-subject"]',
};

/**
 * Placeholders the demo console shows: the customer's name in the customer panel and the case's
 * order number in the case chip fill `{{customerName}}` and `{{orderNumber}}`.
 */
export const DEMO_PAGE_VALUES: SitePageValues = {
  site: DEMO_CONSOLE_SITE,
  fields: [
    { key: 'customerName', selector: '[data-field="customer-name"]' },
    { key: 'orderNumber', selector: '[data-field="order-number"]' },
  ],
};

/**
 * First run of a demo build: adds the demo console as a console site with its page rules and loads
 * the sample knowledge base. Never runs in a production build (the caller checks the build mode, so the
 * sample file is not even bundled there). Service workers cannot use dynamic
 * `import()`, so the file is imported statically and dropped by tree-shaking in production.
 */
export async function seedDemo(now: number): Promise<void> {
  const settings = await loadSettings();
  if (!settings.consoleSites.includes(DEMO_CONSOLE_SITE)) {
    await saveSettings({ consoleSites: [...settings.consoleSites, DEMO_CONSOLE_SITE] });
  }
  // Only when the demo site has no rules entry at all: rules the agent edited (even to none) stay.
  if (!settings.pageRules.some((r) => r.site === DEMO_CONSOLE_SITE)) {
    await saveSettings({ pageRules: [...settings.pageRules, DEMO_PAGE_RULES] });
  }
  if (!settings.pageValues.some((r) => r.site === DEMO_CONSOLE_SITE)) {
    await saveSettings({ pageValues: [...settings.pageValues, DEMO_PAGE_VALUES] });
  }
  await seedSampleKb(getDb(), sample, now);
}
