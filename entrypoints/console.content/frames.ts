import { isEditableField } from '@/utils/console/insert';
import { isConsoleUrl, originPatternOf } from '@/utils/console/sites';

/**
 * A child frame's guess whether its tab is a console: the top page's origin (Chromium tells a
 * frame its ancestors' origins, never their URLs) is one of the console sites' origins. Only a
 * first filter, so frames of other sites stay quiet: the background checks the tab's real URL
 * before it acts on anything a frame sends.
 */
export function inConsoleTab(sites: readonly string[]): boolean {
  const ancestors = location.ancestorOrigins;
  const top = ancestors && ancestors.length > 0 ? ancestors[ancestors.length - 1] : undefined;
  if (!top || top === 'null') return false;
  return sites.some((site) => {
    try {
      return isConsoleUrl(`${top}/`, [originPatternOf(site)]);
    } catch {
      return false;
    }
  });
}

/**
 * The field the agent was in, after the page re-rendered it: the element with the same id (and
 * tag) in the same document, if there is exactly that one and it takes text. Null otherwise.
 */
export function refindField(gone: HTMLElement): HTMLElement | null {
  if (!gone.id) return null;
  const doc = gone.ownerDocument;
  const again = doc.getElementById(gone.id);
  return again && again !== gone && again.tagName === gone.tagName && isEditableField(again) ? again : null;
}
