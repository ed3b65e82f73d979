import { browser } from 'wxt/browser';
import { makeNonce } from '@/utils/console/nonce';
import { sendFromConsole } from './console-io';

const FRAME_STYLE = `
  :host { all: initial !important; }
  iframe {
    position: fixed; top: 12vh; left: 50%; transform: translateX(-50%);
    width: min(720px, 94vw); height: min(520px, 76vh);
    border: 0; border-radius: 14px; background: transparent;
    box-shadow: 0 24px 64px rgba(15, 23, 42, 0.35), 0 2px 8px rgba(15, 23, 42, 0.2);
    z-index: 2147483647; color-scheme: normal;
  }
  iframe[hidden] { display: none; }
`;

/** How long a first open waits for the palette page before focusing the frame regardless. */
const LOAD_WAIT_MS = 5_000;
/** A page that keeps removing Seatmate's element gets it back at most this often per minute. */
const MAX_REATTACH_PER_MINUTE = 10;

/** The page's focused element loses focus (for a field inside a shadow root, blurring its host does it). */
function blurActiveElement(): void {
  const active = document.activeElement;
  if (active instanceof HTMLElement) active.blur();
}

/**
 * The palette frame on the console page: an extension-origin iframe inside a closed shadow root,
 * so neither the page's scripts nor its styles can reach into it. Created on first use.
 *
 * Its element hangs on `<html>`, not `<body>`: single-page apps that replace `<body>` leave it,
 * and the frame (with the agent's half-typed search and the keyboard) survives. A page that
 * removes it anyway gets it back at once (the frame then reloads its page, from cache, and takes
 * the keyboard again if the palette was open); the open/closed state is read from the real
 * element, so the hotkey never acts on a frame that is gone.
 */
export class OverlayHost {
  private frame: HTMLIFrameElement | null = null;
  private host: HTMLElement | null = null;
  /** The background's answer to the frame's registration (rejects when it could not be reached). */
  private registration: Promise<void> | null = null;
  private frameNonce: string | null = null;
  /** Whether the frame's palette page has loaded since the frame was (re)attached. */
  private loaded = false;
  private onLoaded: Array<() => void> = [];
  /** The agent opened the palette and has not closed it (the frame may be reloading). */
  private wanted = false;
  private watcher: MutationObserver | null = null;
  private reattached: number[] = [];

  /** Whether the palette is showing. */
  get isOpen(): boolean {
    return this.frame !== null && this.host?.isConnected === true && !this.frame.hidden;
  }

  /**
   * True while the palette is open but its frame does not have the keyboard (it is still loading,
   * or being put back after the page removed it): keys pressed then must not reach the page.
   */
  get shielding(): boolean {
    return this.wanted && !(this.host?.isConnected && this.loaded && document.activeElement === this.host);
  }

  /** The nonce of the frame (null before it exists). */
  get nonce(): string | null {
    return this.frameNonce;
  }

  /**
   * Creates the frame hidden, so the first open is as quick as the next ones (the palette loads
   * and builds its search index while the agent works). Never takes focus.
   */
  async preload(): Promise<void> {
    this.ensure();
    await this.registration;
  }

  /** The frame, made the first time (a second press while it loads uses the same one). */
  private ensure(): HTMLIFrameElement {
    if (this.frame) return this.frame;
    const { frame, registered } = this.create();
    this.frame = frame;
    this.registration = registered.then(
      () => undefined,
      (error: unknown) => {
        this.discard(frame);
        throw error;
      },
    );
    // (Awaited by open() or preload(), after the frame has loaded: not an unhandled rejection meanwhile.)
    this.registration.catch(() => undefined);
    return frame;
  }

  /** A frame the background never registered (it would be refused): gone; the next press makes a new one. */
  private discard(frame: HTMLIFrameElement): void {
    if (this.frame !== frame) return;
    this.host?.remove();
    this.host = null;
    this.frame = null;
    this.frameNonce = null;
    this.registration = null;
    this.wanted = false; // nothing to shield keys for: the page gets them again
    for (const done of this.onLoaded.splice(0)) done();
  }

  /**
   * Shows the palette (creating it the first time) and gives it the keyboard, once its page has
   * loaded. Focusing the frame while it is still navigating to the extension page leaves Chromium
   * with two ideas of where focus is: the frame believes it has it, but keys go to the console
   * page (seen by its scripts, or typed into the customer reply box). Until then the agent's field
   * is blurred, so nothing typed in that moment lands in it. The background's registration of
   * the frame is awaited alongside, not before: rejects when it could not be reached.
   */
  async open(): Promise<void> {
    this.wanted = true;
    // A page that removed our element: put it back (the frame reloads itself).
    if (this.host !== null && !this.host.isConnected) this.attach(this.host);
    // Before the first await, so not even a key typed the next moment reaches the field.
    if (!this.loaded) blurActiveElement();
    const frame = this.ensure();
    const registered = this.registration;
    frame.hidden = false;
    if (!this.loaded) await this.whenLoaded(LOAD_WAIT_MS);
    // Not if it was closed (or discarded) while it loaded.
    if (this.frame === frame && !frame.hidden && this.wanted) frame.focus();
    await registered;
  }

  /** Puts the element on `<html>` (marking the frame as reloading) and watches for its removal. */
  private attach(host: HTMLElement): void {
    this.loaded = false;
    document.documentElement.append(host);
    this.watch();
  }

  /** Watches `<html>` (and the document, for a replaced `<html>`) for the element being taken away. */
  private watch(): void {
    this.watcher ??= new MutationObserver(() => this.check());
    this.watcher.disconnect();
    this.watcher.observe(document, { childList: true });
    this.watcher.observe(document.documentElement, { childList: true });
  }

  private check(): void {
    const host = this.host;
    if (!host || host.isConnected) {
      if (host) this.watch(); // <html> itself may have been replaced: watch the new one
      return;
    }
    const now = performance.now();
    this.reattached = this.reattached.filter((t) => now - t < 60_000);
    if (this.reattached.length >= MAX_REATTACH_PER_MINUTE) {
      this.wanted = false; // a page fighting us: the next hotkey press starts over
      return;
    }
    this.reattached.push(now);
    if (this.wanted) {
      // Open: back at once, and the keyboard back to the palette when its page has loaded.
      this.attach(host);
      void this.whenLoaded(LOAD_WAIT_MS).then(() => {
        if (this.wanted && this.frame && !this.frame.hidden) this.frame.focus();
      });
    } else {
      // Closed: back when the page is idle, so the next open is warm.
      const later = () => {
        if (!host.isConnected) this.attach(host);
      };
      if ('requestIdleCallback' in window) requestIdleCallback(later, { timeout: 2_000 });
      else setTimeout(later, 500);
    }
  }

  /** Resolves when the frame's page has loaded, or after `timeoutMs` (focus then anyway). */
  private whenLoaded(timeoutMs: number): Promise<void> {
    if (this.loaded) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.onLoaded.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Hides the palette; the frame stays loaded so the next open is instant. */
  close(): void {
    this.wanted = false;
    if (!this.frame || this.frame.hidden) return;
    this.frame.hidden = true;
    this.frame.blur();
  }

  private create(): { frame: HTMLIFrameElement; registered: Promise<unknown> } {
    const nonce = makeNonce();
    // Sent first, and awaited alongside the frame's loading (open()): that round trip was a tenth
    // of a first open made on the key press, and under load it outlasted the frame's own loading.
    // The palette says hello only after its page has run, and the background waits for a
    // registration it is still storing (overlay-relay.ts).
    const registered = sendFromConsole({ type: 'overlay/register', nonce });
    const host = document.createElement('seatmate-overlay');
    host.style.setProperty('all', 'initial', 'important');
    host.style.setProperty('display', 'block', 'important');
    const root = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = FRAME_STYLE;
    const frame = document.createElement('iframe');
    frame.setAttribute('allow', 'clipboard-write');
    frame.setAttribute('title', 'Seatmate');
    // Demo builds only (dropped from production): `?seatmateHoldStart` on the page is passed on to the
    // palette, which then waits for the e2e test to start it (test/e2e/palette-open.e2e.ts).
    const hold =
      import.meta.env.MODE === 'demo' && new URLSearchParams(location.search).has('seatmateHoldStart')
        ? '?seatmateHoldStart'
        : '';
    frame.src = `${browser.runtime.getURL('/overlay.html')}${hold}#${nonce}`;
    frame.hidden = true; // shown by open()
    // Fires for the palette page (the frame has its src before it is attached, so there is no
    // separate load of an initial blank document), and again whenever the frame reloads.
    frame.addEventListener('load', () => {
      this.loaded = true;
      for (const done of this.onLoaded.splice(0)) done();
    });
    this.frameNonce = nonce;
    root.append(style, frame);
    this.host = host;
    this.attach(host);
    return { frame, registered };
  }
}
