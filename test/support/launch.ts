import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page, type Worker } from 'playwright-core';

/** The demo build of the extension (`npm run build:demo`). */
export const DEMO_EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3-demo');

/** Debian's Chromium; override with CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Seatmate {
  context: BrowserContext;
  extensionId: string;
  /** chrome-extension://<id>/<path> */
  url(path: string): string;
  /** The current background service worker (it may have been restarted). */
  worker(): Promise<Worker>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  headless?: boolean;
  /** Browser UI language, e.g. `zh-CN` or `en-US`. */
  lang?: string;
  extensionDir?: string;
  /** Keep the profile after close (the demo uses a fixed one). */
  userDataDir?: string;
}

/** Chromium's command line for a browser with the extension in `dir` loaded (no profile, no window). */
export function chromiumArgs(dir: string, lang: string): string[] {
  return [
    `--disable-extensions-except=${dir}`,
    `--load-extension=${dir}`,
    `--lang=${lang}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
    '--disable-features=DisableLoadExtensionCommandLineSwitch',
  ];
}

/** Starts Chromium with Seatmate loaded, in a fresh profile, and waits for its service worker. */
export async function launchSeatmate(options: LaunchOptions = {}): Promise<Seatmate> {
  const dir = options.extensionDir ?? DEMO_EXTENSION_DIR;
  const tempProfile = options.userDataDir ? null : mkdtempSync(join(tmpdir(), 'seatmate-profile-'));
  const lang = options.lang ?? 'en-US';
  const context = await chromium.launchPersistentContext(options.userDataDir ?? tempProfile!, {
    executablePath: CHROMIUM_PATH,
    headless: options.headless ?? true,
    viewport: { width: 1280, height: 800 },
    locale: lang,
    args: chromiumArgs(dir, lang),
  });
  const first = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
  const extensionId = new URL(first.url()).host;
  const url = (path: string) => `chrome-extension://${extensionId}/${path.replace(/^\//, '')}`;
  return {
    context,
    extensionId,
    url,
    async worker() {
      const live = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
      return live ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
    },
    async close() {
      await context.close();
      if (tempProfile) rmSync(tempProfile, { recursive: true, force: true });
    },
  };
}

/** The Seatmate overlay frame on a page, if one was created (it may be hidden). */
export async function overlayFrame(page: Page, extensionId: string): Promise<Frame | null> {
  return page.frames().find((f) => f.url().startsWith(`chrome-extension://${extensionId}/overlay.html`)) ?? null;
}

/** Waits up to `timeoutMs` for the overlay frame to appear on the page; null if it never does. */
export async function waitForOverlayFrame(page: Page, extensionId: string, timeoutMs = 10_000): Promise<Frame | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const frame = await overlayFrame(page, extensionId);
    if (frame || Date.now() > deadline) return frame;
    await page.waitForTimeout(100);
  }
}

/** Whether the palette is showing on the page. */
export async function paletteVisible(page: Page, extensionId: string): Promise<boolean> {
  const frame = await overlayFrame(page, extensionId);
  return frame ? (await frame.frameElement()).isVisible() : false;
}

/**
 * Waits until the background has registered the console content script (a fresh demo install
 * seeds the demo console site and registers it a moment after start-up).
 */
export async function waitForConsoleRegistration(sm: Seatmate, timeoutMs = 15_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const worker = await sm.worker();
    const scripts = await worker.evaluate(() => chrome.scripting.getRegisteredContentScripts()).catch(() => []);
    const matches = scripts.flatMap((s) => s.matches ?? []);
    if (matches.length > 0) return matches;
    if (Date.now() > deadline) throw new Error('Seatmate did not register its console script in time.');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Waits up to `timeoutMs` for the palette to show (its frame may exist hidden long before: the
 * content script preloads it when the page is idle). True once visible.
 */
export async function waitForPaletteVisible(page: Page, extensionId: string, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await paletteVisible(page, extensionId).catch(() => false)) return true;
    if (Date.now() > deadline) return false;
    await page.waitForTimeout(100);
  }
}

/**
 * The test id of the focused element in the palette frame, or null while the frame does not have
 * the keyboard. A preloaded frame already has its search box as its active element while hidden,
 * and a frame that is still loading is shown before it takes focus: only a frame whose document
 * has focus is ready for typing.
 */
export function focusedInPalette(frame: Frame): Promise<string | null> {
  return frame.evaluate(() =>
    document.hasFocus() ? (document.activeElement?.getAttribute('data-testid') ?? null) : null,
  );
}

/** Waits up to `timeoutMs` for the palette's search box to have the keyboard (usable in hooks). */
export async function waitForPaletteFocus(frame: Frame, timeoutMs = 10_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if ((await focusedInPalette(frame).catch(() => null)) === 'palette-search') return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Opens `url` (a console page) in a new tab; by default clicks the reply box, as an agent would. */
export async function openConsolePage(sm: Seatmate, url: string, { clickReply = true } = {}): Promise<Page> {
  const page = await sm.context.newPage();
  await page.goto(url);
  await page.waitForLoadState('load');
  if (clickReply) await page.getByTestId('reply-box').click();
  return page;
}

/** Presses the hotkey on `page` and waits until the palette has the keyboard; returns its frame. */
export async function openPaletteByHotkey(sm: Seatmate, page: Page): Promise<Frame> {
  await page.keyboard.press('Alt+KeyK');
  const frame = await waitForOverlayFrame(page, sm.extensionId);
  if (!frame) throw new Error('The palette did not open');
  if (!(await waitForPaletteFocus(frame, 5_000))) throw new Error('The palette did not take the keyboard');
  return frame;
}
