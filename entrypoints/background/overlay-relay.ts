import { browser, type Browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { isConsoleUrl } from '@/utils/console/sites';
import type { InsertResult, MessageOf } from '@/utils/messages';
import { sendToTab } from '@/utils/messaging';
import { loadEffectiveSettings } from '@/utils/settings-store';
import { TabNonces } from './tab-nonces';

/**
 * The overlay frame's proof of origin. The content script puts a fresh nonce in the overlay's URL
 * (inside its closed shadow root, where the page cannot read it) and registers it here; the overlay
 * shows nothing and acts on nothing unless the background confirms the nonce for its tab. A page
 * that frames overlay.html itself cannot know the nonce.
 *
 * Kept in session storage: it survives the service worker being stopped, and is gone with the
 * browser session.
 */
const nonces = new TabNonces('session:overlayNonces');

/**
 * Per tab, the frame that last said it holds the agent's field (`frame/field`): inserts and the
 * focus given back on close go there. No entry: the top frame. Session storage, like the nonces.
 */
const fieldFramesItem = storage.defineItem<Record<string, number>>('session:fieldFrames', { fallback: {} });
const fieldFramesSchema = z.record(z.string(), z.number().int().nonnegative());

async function readFieldFrames(): Promise<Record<string, number>> {
  const parsed = fieldFramesSchema.safeParse(await fieldFramesItem.getValue());
  return parsed.success ? parsed.data : {};
}

/** The frame of `tabId` holding the agent's field (0, the top frame, when none said so). */
async function fieldFrame(tabId: number): Promise<number> {
  return (await readFieldFrames())[String(tabId)] ?? 0;
}

/**
 * True when the sender is the console content script in any frame of a tab whose page (the top
 * frame's URL) is a console site. A frame of another site embedded in a console, or a console
 * site's page embedded in another site, is refused.
 */
export async function isConsoleFrame(sender: Browser.runtime.MessageSender): Promise<boolean> {
  if (sender.id !== browser.runtime.id || sender.tab?.id === undefined || sender.frameId === undefined) return false;
  if (sender.url?.startsWith(browser.runtime.getURL('/'))) return false;
  const { settings } = await loadEffectiveSettings();
  return isConsoleUrl(sender.tab.url ?? '', settings.consoleSites);
}

/**
 * How long an overlay frame's message waits for its registration. The content script sends it
 * before it makes the frame and shows the frame without waiting for the answer, so under load the
 * frame's hello, or an Esc typed into its boot search box, can arrive first. A page's own frame of
 * overlay.html has a nonce nobody registers: it is refused when the time is up.
 */
const REGISTRATION_WAIT_MS = 5_000;

/** The tab of an overlay frame whose nonce is the one registered for it; null otherwise. */
export async function verifiedOverlay(sender: Browser.runtime.MessageSender, nonce: string): Promise<number | null> {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return null;
  return (await nonces.arrives(tabId, nonce, REGISTRATION_WAIT_MS)) ? tabId : null;
}

/** Demo builds only: e2e tests make the registration slow, as under load (`__seatmateRegisterDelayMs`). */
async function demoRegisterDelay(): Promise<void> {
  const ms = (globalThis as { __seatmateRegisterDelayMs?: number }).__seatmateRegisterDelayMs;
  if (ms) await new Promise((r) => setTimeout(r, ms));
}

/**
 * content script → background: remember the nonce of the overlay it just created. (Who may send
 * each message is checked in handlers.ts: this one only a console content script's top frame, the
 * others only the overlay page.)
 */
export async function handleOverlayRegister(msg: MessageOf<'overlay/register'>, sender: Browser.runtime.MessageSender) {
  const tabId = sender.tab?.id;
  if (tabId === undefined) return { ok: false };
  if (import.meta.env.MODE === 'demo') await demoRegisterDelay();
  await nonces.set(tabId, msg.nonce);
  return { ok: true };
}

/**
 * overlay → background: confirm the frame was opened by Seatmate in this tab. A frame's
 * registration is sent before the frame starts loading, so it is here or on its way (a page's own
 * frame is refused all the same).
 */
export async function handleOverlayHello(msg: MessageOf<'overlay/hello'>, sender: Browser.runtime.MessageSender) {
  return { ok: (await verifiedOverlay(sender, msg.nonce)) !== null };
}

/**
 * overlay → background → content script: close the palette (top frame) and give focus back to
 * the agent's field, in whichever frame it is.
 */
export async function handleOverlayClose(msg: MessageOf<'overlay/close'>, sender: Browser.runtime.MessageSender) {
  const tabId = await verifiedOverlay(sender, msg.nonce);
  if (tabId === null) return { ok: false };
  const target = await fieldFrame(tabId);
  const restoreHere = msg.restoreFocus && target === 0;
  const closed = await sendToTab(tabId, { type: 'console/close-overlay', restoreFocus: restoreHere });
  if (msg.restoreFocus && target !== 0) {
    await sendToTab(tabId, { type: 'console/close-overlay', restoreFocus: true }, target).catch(
      // That frame is gone (navigated, removed): the top frame's field, if any, gets the focus.
      () => sendToTab(tabId, { type: 'console/close-overlay', restoreFocus: true }).catch(() => undefined),
    );
  }
  return closed;
}

/**
 * overlay → background → content script: insert text into the agent's field, in the frame that
 * holds it. The top frame hides the palette itself (and shows it again if the insert is not
 * confirmed); for a child frame the background hides it first and shows it again (with the
 * keyboard) when the frame could not insert.
 */
export async function handleOverlayInsert(
  msg: MessageOf<'overlay/insert'>,
  sender: Browser.runtime.MessageSender,
): Promise<InsertResult> {
  const tabId = await verifiedOverlay(sender, msg.nonce);
  if (tabId === null) return { ok: false, reason: 'no-console' };
  const request: MessageOf<'console/insert'> = { type: 'console/insert', text: msg.text, html: msg.html };
  const target = await fieldFrame(tabId);
  if (target !== 0) {
    // The palette goes away first and the keyboard to that frame (a frame of another origin
    // cannot take it by itself), then the frame inserts; if it could not, the palette comes back.
    await sendToTab(tabId, { type: 'console/close-overlay', restoreFocus: false }).catch(() => undefined);
    let result: InsertResult | null = null;
    try {
      result = await sendToTab(tabId, request, target);
    } catch {
      // That frame is gone: fall back on the top frame below.
    }
    if (result) {
      if (!result.ok) await sendToTab(tabId, { type: 'console/open-palette' }).catch(() => undefined);
      return result;
    }
  }
  try {
    return await sendToTab(tabId, request);
  } catch {
    return { ok: false, reason: 'no-console' };
  }
}

/** content script (any frame of a console tab) → background: "the agent's field is in this frame". */
export async function handleFrameField(sender: Browser.runtime.MessageSender): Promise<{ ok: boolean }> {
  if (!(await isConsoleFrame(sender))) return { ok: false };
  const frames = await readFieldFrames();
  const key = String(sender.tab!.id!);
  if (frames[key] !== sender.frameId) await fieldFramesItem.setValue({ ...frames, [key]: sender.frameId! });
  return { ok: true };
}

/**
 * content script (a child frame of a console tab) → background → top frame: the hotkey was
 * pressed in a frame; the palette opens (or closes) in the top frame.
 */
export async function handleFrameHotkey(
  msg: MessageOf<'frame/hotkey'>,
  sender: Browser.runtime.MessageSender,
): Promise<{ opened: boolean }> {
  if (!(await isConsoleFrame(sender)) || sender.frameId === 0) return { opened: false };
  try {
    return await sendToTab(sender.tab!.id!, { type: 'console/open-palette', toggle: !msg.open });
  } catch {
    return { opened: false };
  }
}

/** Forgets a closed tab's nonce and field frame. */
export async function forgetTab(tabId: number): Promise<void> {
  await nonces.forget(tabId);
  const frames = await readFieldFrames();
  if (String(tabId) in frames) {
    delete frames[String(tabId)];
    await fieldFramesItem.setValue(frames);
  }
}
