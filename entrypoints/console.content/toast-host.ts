import { browser } from 'wxt/browser';
import { makeNonce } from '@/utils/console/nonce';
import { sendFromConsole } from './console-io';
import { EDGE, toastCorner, type Box } from '@/utils/console/toast-corner';

// In a corner clear of the agent's field (bottom right unless the field is there), small, under the palette (which stays on top when both show). Never focused by
// Seatmate: showing is only un-hiding; the keyboard stays where the agent was typing.
const FRAME_STYLE = `
  :host { all: initial !important; }
  iframe {
    position: fixed; right: 16px; bottom: 16px;
    width: min(380px, calc(100vw - 32px)); height: 0;
    border: 0; border-radius: 12px; background: transparent;
    box-shadow: 0 12px 36px rgba(15, 23, 42, 0.25), 0 1px 4px rgba(15, 23, 42, 0.15);
    z-index: 2147483646; color-scheme: normal;
    visibility: hidden;
  }
  iframe.shown { visibility: visible; }
`;
// Hidden by visibility, not display: the toast page inside is laid out at its real width while
// hidden, so it can measure itself before it shows. A hidden frame takes no clicks and no Tab.

/** The tallest the toast frame gets (its page scrolls beyond). */
const MAX_HEIGHT = 480;

/**
 * The wellbeing toast on the console page: an extension-origin frame (toast.html) in a closed
 * shadow root of its own, beside the palette's. Created hidden when the page is idle; the toast
 * page asks (through the background) to be shown at its height when it has something to say, and
 * to be hidden when it has not — or the moment a page rule here sees a call start.
 *
 * It never takes the keyboard: un-hiding an iframe does not move focus, and the toast page never
 * focuses anything itself. Only a click in it does; when it then hides, the keyboard goes back to
 * the agent's field (`onHiddenWithFocus`).
 */
export class ToastHost {
  private frame: HTMLIFrameElement | null = null;
  private host: HTMLElement | null = null;
  private creating: Promise<void> | null = null;

  constructor(private readonly onHiddenWithFocus: () => void) {}

  /** Creates the frame (hidden) once; later calls do nothing. */
  preload(): Promise<void> {
    this.creating ??= this.create().catch((error: unknown) => {
      this.creating = null;
      throw error;
    });
    return this.creating;
  }

  /** Whether the toast is showing. */
  get isShown(): boolean {
    return this.frame !== null && this.host?.isConnected === true && this.frame.classList.contains('shown');
  }

  /** Whether the agent's keyboard is in the toast (they clicked in it). */
  get hasFocus(): boolean {
    return this.host !== null && document.activeElement === this.host;
  }

  /**
   * Shows the frame at `height` px (a page that removed it gets it back), without focusing it, in
   * the corner that keeps clear of `field` (the agent's field, with its Send button and counter).
   */
  show(height: number, field: Box | null = null): void {
    if (!this.frame || !this.host) return;
    if (!this.host.isConnected) document.documentElement.append(this.host);
    const h = Math.max(1, Math.min(MAX_HEIGHT, height));
    const viewport = { width: window.innerWidth, height: window.innerHeight };
    const corner = toastCorner(viewport, { width: Math.min(380, viewport.width - 2 * EDGE), height: h }, field);
    const style = this.frame.style;
    style.height = `${h}px`;
    style.top = corner.startsWith('t') ? `${EDGE}px` : 'auto';
    style.bottom = corner.startsWith('b') ? `${EDGE}px` : 'auto';
    style.left = corner.endsWith('l') ? `${EDGE}px` : 'auto';
    style.right = corner.endsWith('r') ? `${EDGE}px` : 'auto';
    this.frame.dataset.corner = corner;
    this.frame.classList.add('shown');
  }

  /** Hides the frame; when the keyboard was in it, gives it back to the agent's field. */
  hide(): void {
    if (!this.frame || !this.frame.classList.contains('shown')) return;
    const focused = this.hasFocus;
    this.frame.classList.remove('shown');
    this.frame.style.height = '0';
    if (focused) {
      this.frame.blur();
      this.onHiddenWithFocus();
    }
  }

  private async create(): Promise<void> {
    const nonce = makeNonce();
    // Registered before the frame loads, so the toast's hello always finds it.
    await sendFromConsole({ type: 'toast/register', nonce });
    const host = document.createElement('seatmate-toast');
    host.style.setProperty('all', 'initial', 'important');
    host.style.setProperty('display', 'block', 'important');
    const root = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = FRAME_STYLE;
    const frame = document.createElement('iframe');
    frame.setAttribute('title', 'Seatmate');
    frame.src = `${browser.runtime.getURL('/toast.html')}#${nonce}`;
    root.append(style, frame);
    this.host = host;
    this.frame = frame;
    document.documentElement.append(host);
  }
}
