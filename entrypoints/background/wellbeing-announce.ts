import { browser, type Browser } from 'wxt/browser';
import { playChime } from '../offscreen/chime';

/**
 * What may come with a wellbeing toast besides the toast itself (each an option): a system
 * notification and a soft sound; and the break page, opened when a break starts.
 */

const NOTIFICATION_ID = 'seatmate-wellbeing';
const OFFSCREEN_PATH = '/offscreen.html' as const;

/** Shows (or replaces) the system notification. Never throws: a notification is a nicety. */
export async function showNotification(title: string, message: string): Promise<void> {
  if (!browser.notifications) return;
  const options: Browser.notifications.NotificationCreateOptions = {
    type: 'basic',
    iconUrl: browser.runtime.getURL('/icon/128.png'),
    title,
    message,
    priority: 0,
  };
  // Chrome plays its own sound unless told not to; Seatmate's sound is a separate option.
  if (import.meta.env.BROWSER !== 'firefox') options.silent = true;
  await browser.notifications.create(NOTIFICATION_ID, options).catch(() => undefined);
}

/** Takes the system notification away (the toast was answered or went). */
export async function clearNotification(): Promise<void> {
  if (!browser.notifications) return;
  await browser.notifications.clear(NOTIFICATION_ID).catch(() => undefined);
}

/** Calls `onClick` when the agent clicks Seatmate's notification (it is then cleared). */
export function listenForNotificationClicks(onClick: () => void): void {
  browser.notifications?.onClicked.addListener((id) => {
    if (id !== NOTIFICATION_ID) return;
    void clearNotification();
    onClick();
  });
}

type OffscreenApi = {
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
};
type ContextsApi = (filter: { contextTypes: string[] }) => Promise<{ documentUrl?: string; tabId?: number }[]>;

/** Seatmate's open contexts of a type whose address starts with `path` (Chrome 116+; [] where unknown). */
async function contextsAt(type: string, path: '/break.html' | '/offscreen.html'): Promise<{ tabId?: number }[]> {
  const getContexts = (browser.runtime as unknown as { getContexts?: ContextsApi }).getContexts;
  if (!getContexts) return [];
  const url = browser.runtime.getURL(path);
  const all = await getContexts({ contextTypes: [type] }).catch(() => []);
  return all.filter((c) => c.documentUrl?.startsWith(url));
}

/**
 * Plays the soft sound: in an offscreen document on Chrome (a service worker cannot play audio),
 * in the background page itself on Firefox (no offscreen documents there, but its background is a
 * page). Anything else: no sound. Never throws.
 */
export async function playSound(): Promise<void> {
  try {
    const offscreen = (browser as unknown as { offscreen?: OffscreenApi }).offscreen;
    if (offscreen) {
      if ((await contextsAt('OFFSCREEN_DOCUMENT', OFFSCREEN_PATH)).length === 0) {
        await offscreen
          .createDocument({
            url: browser.runtime.getURL(OFFSCREEN_PATH),
            reasons: ['AUDIO_PLAYBACK'],
            justification: 'A soft sound with wellbeing reminders, when the agent turned it on.',
          })
          .catch(() => undefined); // made by a call a moment ago
      }
      await browser.runtime.sendMessage({ type: 'offscreen/chime' });
    } else if (typeof AudioContext !== 'undefined') {
      await playChime(new AudioContext());
    }
  } catch {
    // No sound this time.
  }
}

/** Opens the break page, or brings it to the front when it is open already. */
export async function openBreakPage(): Promise<void> {
  const open = (await contextsAt('TAB', '/break.html')).find((c) => c.tabId !== undefined && c.tabId >= 0);
  if (open?.tabId !== undefined) {
    await browser.tabs.update(open.tabId, { active: true }).catch(() => undefined);
    return;
  }
  await browser.tabs.create({ url: browser.runtime.getURL('/break.html') }).catch(() => undefined);
}
