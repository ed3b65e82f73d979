import type { Browser } from 'wxt/browser';
import type { MessageOf } from '@/utils/messages';
import { sendToTab } from '@/utils/messaging';
import { TabNonces } from './tab-nonces';

/**
 * The wellbeing toast frame's proof of origin, as the palette's (overlay-relay.ts): the content
 * script puts a fresh nonce in the frame's URL (inside its closed shadow root) and registers it
 * here; the toast shows nothing until the background confirms it. A page that frames toast.html
 * itself cannot know the nonce, so it cannot make the agent click a toast it dressed up.
 *
 * Session storage: survives the service worker being stopped, gone with the browser session.
 */
const nonces = new TabNonces('session:toastNonces');

/** The tab of a toast frame whose nonce is the one registered for it; null otherwise. */
async function verifiedToast(sender: Browser.runtime.MessageSender, nonce: string): Promise<number | null> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return null;
  return (await nonces.matches(tabId, nonce)) ? tabId : null;
}

/** content script (top frame) → background: remember the nonce of the toast frame it just created. */
export async function handleToastRegister(
  msg: MessageOf<'toast/register'>,
  sender: Browser.runtime.MessageSender,
): Promise<{ ok: boolean }> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return { ok: false };
  await nonces.set(tabId, msg.nonce);
  return { ok: true };
}

/** toast frame → background: confirm the frame was opened by Seatmate in this tab. */
export async function handleToastHello(
  msg: MessageOf<'toast/hello'>,
  sender: Browser.runtime.MessageSender,
): Promise<{ ok: boolean }> {
  return { ok: (await verifiedToast(sender, msg.nonce)) !== null };
}

/** toast frame → background → content script: show the frame at its content's height, or hide it. */
export async function handleToastLayout(
  msg: MessageOf<'toast/layout'>,
  sender: Browser.runtime.MessageSender,
): Promise<{ ok: boolean }> {
  const tabId = await verifiedToast(sender, msg.nonce);
  if (tabId === null) return { ok: false };
  try {
    return await sendToTab(tabId, { type: 'console/toast', visible: msg.visible, height: msg.height });
  } catch {
    return { ok: false }; // the page is gone or navigating
  }
}

/** Forgets a closed tab's toast nonce. */
export function forgetToastTab(tabId: number): Promise<void> {
  return nonces.forget(tabId);
}
