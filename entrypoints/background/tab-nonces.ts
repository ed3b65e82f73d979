import { storage } from 'wxt/utils/storage';
import { z } from 'zod';

const schema = z.record(z.string(), z.string());

/**
 * The nonce of the frame Seatmate's content script made in each tab (the palette's, the toast's),
 * in session storage: it survives the service worker being stopped and is gone with the browser
 * session. Writes are stored one after another, and a read waits for those under way: two tabs
 * registering at once both keep theirs, and a frame checked the moment after its content script
 * registered it is found.
 */
export class TabNonces {
  private readonly item;
  private writing: Promise<unknown> = Promise.resolve();
  /** Checks waiting for a registration on its way ({@link arrives}), told when one is stored. */
  private readonly waiting = new Set<{ tab: string; nonce: string; found: () => void }>();

  constructor(key: `session:${string}`) {
    this.item = storage.defineItem<Record<string, string>>(key, { fallback: {} });
  }

  private async readNow(): Promise<Record<string, string>> {
    const parsed = schema.safeParse(await this.item.getValue());
    return parsed.success ? parsed.data : {};
  }

  private write(change: (nonces: Record<string, string>) => Record<string, string> | null): Promise<void> {
    const run = this.writing.then(async () => {
      const next = change(await this.readNow());
      if (next) await this.item.setValue(next);
    });
    this.writing = run.catch(() => undefined);
    return run;
  }

  /** Whether `nonce` is the one registered for `tabId`. */
  async matches(tabId: number, nonce: string): Promise<boolean> {
    await this.writing;
    return (await this.readNow())[String(tabId)] === nonce;
  }

  /**
   * Whether `nonce` is registered for `tabId`, or is within `waitMs`: the content script sends a
   * frame's registration before it makes the frame, but under load (or with this service worker
   * just woken) it can be stored after the frame's first message. Told the moment it is stored;
   * a nonce nobody registers is refused when the time is up.
   */
  async arrives(tabId: number, nonce: string, waitMs: number): Promise<boolean> {
    let found!: () => void;
    const stored = new Promise<boolean>((resolve) => (found = () => resolve(true)));
    // Listening before the first look, so a registration stored in between is not missed.
    const waiter = { tab: String(tabId), nonce, found };
    this.waiting.add(waiter);
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      if (await this.matches(tabId, nonce)) return true;
      const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), waitMs)));
      // (When the time is up, one last look: a registration stored by another copy of this
      // service worker, stopped and started meanwhile, was never told to this one.)
      return (await Promise.race([stored, late])) || (await this.matches(tabId, nonce));
    } finally {
      clearTimeout(timer);
      this.waiting.delete(waiter);
    }
  }

  /** Registers `nonce` for `tabId` (replacing the one before). */
  async set(tabId: number, nonce: string): Promise<void> {
    await this.write((nonces) => ({ ...nonces, [String(tabId)]: nonce }));
    for (const waiter of this.waiting) if (waiter.tab === String(tabId) && waiter.nonce === nonce) waiter.found();
  }

  /** Forgets a closed tab's nonce. */
  forget(tabId: number): Promise<void> {
    return this.write((nonces) => {
      if (!(String(tabId) in nonces)) return null;
      const { [String(tabId)]: _gone, ...rest } = nonces;
      return rest;
    });
  }
}
