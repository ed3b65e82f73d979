import { browser } from 'wxt/browser';
import { parseResponse, type MessageOf, type MessageType, type ResponseOf } from './messages';

/** Sends a typed message to the background and validates its reply. */
export async function sendToBackground<T extends MessageType>(message: MessageOf<T>): Promise<ResponseOf<T>> {
  const raw: unknown = await browser.runtime.sendMessage(message);
  return parseResponse(message.type, raw);
}

/**
 * Sends a typed message to the console content script in one frame of a tab (the top frame unless
 * `frameId` says otherwise) and validates its reply.
 */
export async function sendToTab<T extends MessageType>(
  tabId: number,
  message: MessageOf<T>,
  frameId = 0,
): Promise<ResponseOf<T>> {
  const raw: unknown = await browser.tabs.sendMessage(tabId, message, { frameId });
  return parseResponse(message.type, raw);
}
