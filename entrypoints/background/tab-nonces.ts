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

  /** Registers `nonce` for `tabId` (replacing the one before). */
  set(tabId: number, nonce: string): Promise<void> {
    return this.write((nonces) => ({ ...nonces, [String(tabId)]: nonce }));
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
