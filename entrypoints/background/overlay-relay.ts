import type { Browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import type { InsertResult, MessageOf } from '@/utils/messages';
import { sendToTab } from '@/utils/messaging';

/**
 * The overlay frame's proof of origin. The content script puts a fresh nonce in the overlay's URL
 * (inside its closed shadow root, where the page cannot read it) and registers it here; the overlay
 * shows nothing and acts on nothing unless the background confirms the nonce for its tab. A page
 * that frames overlay.html itself cannot know the nonce.
 *
 * Kept in session storage: it survives the service worker being stopped, and is gone with the
 * browser session.
 */
const noncesItem = storage.defineItem<Record<string, string>>('session:overlayNonces', { fallback: {} });
const noncesSchema = z.record(z.string(), z.string());

async function readNonces(): Promise<Record<string, string>> {
  const parsed = noncesSchema.safeParse(await noncesItem.getValue());
  return parsed.success ? parsed.data : {};
}

/** The tab of an overlay frame whose nonce is the one registered for it; null otherwise. */
async function verifiedOverlay(sender: Browser.runtime.MessageSender, nonce: string): Promise<number | null> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return null;
  const nonces = await readNonces();
  return nonces[String(tabId)] === nonce ? tabId : null;
}

/**
 * content script → background: remember the nonce of the overlay it just created. (Who may send
 * each message is checked in handlers.ts: this one only a console content script's top frame, the
 * others only the overlay page.)
 */
export async function handleOverlayRegister(msg: MessageOf<'overlay/register'>, sender: Browser.runtime.MessageSender) {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return { ok: false };
  const nonces = await readNonces();
  await noncesItem.setValue({ ...nonces, [String(tabId)]: msg.nonce });
  return { ok: true };
}

/** overlay → background: confirm the frame was opened by Seatmate in this tab. */
export async function handleOverlayHello(msg: MessageOf<'overlay/hello'>, sender: Browser.runtime.MessageSender) {
  return { ok: (await verifiedOverlay(sender, msg.nonce)) !== null };
}

/** overlay → background → content script: close the palette. */
export async function handleOverlayClose(msg: MessageOf<'overlay/close'>, sender: Browser.runtime.MessageSender) {
  const tabId = await verifiedOverlay(sender, msg.nonce);
  if (tabId === null) return { ok: false };
  return sendToTab(tabId, { type: 'console/close-overlay', restoreFocus: msg.restoreFocus });
}

/** overlay → background → content script: insert text into the agent's field. */
export async function handleOverlayInsert(
  msg: MessageOf<'overlay/insert'>,
  sender: Browser.runtime.MessageSender,
): Promise<InsertResult> {
  const tabId = await verifiedOverlay(sender, msg.nonce);
  if (tabId === null) return { ok: false, reason: 'no-console' };
  try {
    return await sendToTab(tabId, { type: 'console/insert', text: msg.text, html: msg.html });
  } catch {
    return { ok: false, reason: 'no-console' };
  }
}

/** Forgets a closed tab's nonce. */
export async function forgetTab(tabId: number): Promise<void> {
  const nonces = await readNonces();
  if (!(String(tabId) in nonces)) return;
  delete nonces[String(tabId)];
  await noncesItem.setValue(nonces);
}
