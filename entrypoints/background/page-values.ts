import { browser, type Browser } from 'wxt/browser';
import { pageValueFieldsFor } from '@/utils/console/page-values';
import { getDb } from '@/utils/db';
import type { MessageOf, PageValuesResult } from '@/utils/messages';
import { sendToTab } from '@/utils/messaging';
import { loadEffectiveSettings } from '@/utils/settings-store';
import { verifiedOverlay } from './overlay-relay';

/**
 * Placeholders filled from the page, the background's side: the palette's placeholder form asks
 * (`page/values`) for the keys it shows; the background finds the selectors the agent's settings
 * and the team packs map to them for the console page of that tab, and asks the tab's top frame to
 * read them (`console/read-values`). The values pass through to the palette and nowhere else:
 * nothing here stores or logs them.
 */
export async function handlePageValues(
  msg: MessageOf<'page/values'>,
  sender: Browser.runtime.MessageSender,
): Promise<PageValuesResult> {
  const none: PageValuesResult = { values: {}, problems: [] };
  const tabId = await verifiedOverlay(sender, msg.nonce);
  if (tabId === null || msg.keys.length === 0) return none;
  const [tab, { settings }, packs] = await Promise.all([
    browser.tabs.get(tabId),
    loadEffectiveSettings(),
    getDb().packs.toArray(),
  ]);
  const fields = pageValueFieldsFor(
    tab.url ?? '',
    msg.keys,
    settings.pageValues,
    packs.flatMap((p) => p.consoleSites),
  );
  if (fields.length === 0) return none;
  try {
    return await sendToTab(tabId, { type: 'console/read-values', fields });
  } catch {
    return none;
  }
}
