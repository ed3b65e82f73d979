import { browser, type Browser } from 'wxt/browser';
import { isConsoleUrl } from '@/utils/console/sites';
import type { MessageOf, RuleTestPage } from '@/utils/messages';
import { sendToTab } from '@/utils/messaging';

/**
 * The rule tester: asks every open tab of a console site to evaluate the given rules, highlight
 * what they match for a few seconds and report it. Tabs without Seatmate's content script (not
 * reloaded since the site was added, an error page) are skipped. Nothing is recorded.
 */
export async function testRulesOnTabs(msg: MessageOf<'rules/test'>): Promise<{ pages: RuleTestPage[] }> {
  let tabs: Browser.tabs.Tab[];
  try {
    tabs = await browser.tabs.query({ url: msg.site });
  } catch {
    // Not a pattern the browser accepts: no tab can match it.
    return { pages: [] };
  }
  const request: MessageOf<'console/test-rules'> = { type: 'console/test-rules', rules: msg.rules };
  if (msg.contextSelector !== undefined) request.contextSelector = msg.contextSelector;
  const results = await Promise.all(
    tabs
      .filter((tab) => tab.id !== undefined && isConsoleUrl(tab.url ?? '', [msg.site]))
      .map(async (tab) => {
        try {
          return await sendToTab(tab.id!, request);
        } catch {
          return null;
        }
      }),
  );
  return { pages: results.filter((r): r is RuleTestPage => r !== null) };
}
