import { browser, type Browser } from 'wxt/browser';

/**
 * Who sent a runtime message, as the handler table's sender rules name them. Anything not from
 * Seatmate itself is none of these (and gets no answer).
 *
 * - `page`: one of Seatmate's own extension pages (popup, options, dashboard, KB…), in its own tab
 *   or window, not the overlay;
 * - `overlay`: Seatmate's overlay page, framed by the content script inside a console tab;
 * - `content`: the console content script, in any frame of a console tab;
 * - `content-top`: the same in the tab's top frame;
 * - `toast`: Seatmate's wellbeing toast page (toast.html), framed by the content script inside a
 *   console tab (it proves itself with its own nonce, like the overlay).
 */
export type SenderKind = 'page' | 'overlay' | 'content' | 'content-top' | 'toast';

/** The kinds a sender is (a top-frame content script is also `content`). */
export function senderKinds(sender: Browser.runtime.MessageSender): SenderKind[] {
  if (sender.id !== browser.runtime.id) return [];
  const url = sender.url ?? '';
  const ours = url.startsWith(browser.runtime.getURL('/'));
  if (ours && url.startsWith(browser.runtime.getURL('/overlay.html')))
    return sender.tab?.id !== undefined ? ['overlay'] : [];
  if (ours && url.startsWith(browser.runtime.getURL('/toast.html')))
    return sender.tab?.id !== undefined ? ['toast'] : [];
  if (ours) return ['page'];
  if (sender.tab?.id === undefined) return [];
  return sender.frameId === 0 ? ['content', 'content-top'] : ['content'];
}
