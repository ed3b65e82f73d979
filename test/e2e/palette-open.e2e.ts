import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import {
  focusedInPalette,
  launchSeatmate,
  openConsolePage,
  overlayFrame,
  paletteVisible,
  waitForConsoleRegistration,
  waitForPaletteVisible,
  type Seatmate,
} from '../support/launch';
import { screenshot } from '../support/screens';

const CONSOLE = `${inject('demoOrigin')}/console/`;

interface TestHooks {
  __seatmateTest: {
    clickMenu(tabId: number, text: string): Promise<{ opened: boolean }>;
    command(tabId: number): Promise<{ opened: boolean }>;
    menu(): { title: string; patterns: string[] } | null;
    stateCommand(name: string): Promise<{ recorded: boolean } | null>;
  };
}

const openConsole = (sm: Seatmate) => openConsolePage(sm, CONSOLE);

async function consoleTabId(sm: Seatmate): Promise<number> {
  const worker = await sm.worker();
  const tabs = await worker.evaluate((url) => chrome.tabs.query({ url: `${url}*` }), CONSOLE);
  const id = tabs.at(-1)?.id;
  if (id === undefined) throw new Error('no console tab');
  return id;
}

const searchValue = (frame: Frame) =>
  frame.evaluate(() => (document.querySelector('[data-testid="palette-search"]') as HTMLInputElement | null)?.value);
const focusedTestId = focusedInPalette;

/**
 * Waits for the palette frame to exist with the palette mounted (it may be hidden): its search
 * box, not the boot search box that stands in for it while its scripts load (overlay/boot.ts).
 */
async function frameReady(sm: Seatmate, page: Page): Promise<Frame> {
  await expect.poll(async () => (await overlayFrame(page, sm.extensionId)) !== null, { timeout: 10_000 }).toBe(true);
  const frame = (await overlayFrame(page, sm.extensionId))!;
  await frame.getByTestId('palette').getByTestId('palette-search').waitFor({ state: 'attached' });
  return frame;
}

describe('opening the palette from outside the page', () => {
  let sm: Seatmate;
  beforeAll(async () => {
    sm = await launchSeatmate();
    await waitForConsoleRegistration(sm);
  });
  afterAll(async () => {
    await sm?.close();
  });

  it('preloads the palette hidden when the page is idle, without taking focus', async () => {
    const page = await openConsole(sm);
    const frame = await frameReady(sm, page);
    expect(await paletteVisible(page, sm.extensionId)).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('reply-box');
    // Typing still goes to the page.
    await page.keyboard.type('ok');
    expect(await page.getByTestId('reply-box').inputValue()).toContain('ok');
    expect(await frame.getByTestId('palette-search').inputValue()).toBe('');
    await page.close();
  });

  it('measures how fast the hotkey gives a focused search box: first open and warm opens', async () => {
    const page = await openConsole(sm);
    const frame = await frameReady(sm, page);
    // Times are taken inside the browser: the key's event time on the page, and the moment the
    // search box gets focus in the palette frame (both on the same clock: timeOrigin + now).
    const openOnce = async (): Promise<number> => {
      await page.evaluate(() => {
        const w = window as unknown as { __keyAt?: number };
        delete w.__keyAt;
        const onKey = (e: KeyboardEvent) => {
          if (e.code !== 'KeyK' || !e.altKey) return;
          w.__keyAt = performance.timeOrigin + e.timeStamp;
          window.removeEventListener('keydown', onKey, true);
        };
        window.addEventListener('keydown', onKey, true);
      });
      await frame.evaluate(() => {
        const w = window as unknown as { __focusAt?: number };
        delete w.__focusAt;
        const input = document.querySelector('[data-testid="palette-search"]')!;
        input.addEventListener('focus', () => (w.__focusAt = performance.timeOrigin + performance.now()), {
          once: true,
        });
      });
      await page.keyboard.press('Alt+KeyK');
      await expect.poll(() => focusedTestId(frame)).toBe('palette-search');
      await expect
        .poll(() => frame.evaluate(() => (window as unknown as { __focusAt?: number }).__focusAt))
        .toBeTruthy();
      const keyAt = await page.evaluate(() => (window as unknown as { __keyAt?: number }).__keyAt);
      const focusAt = await frame.evaluate(() => (window as unknown as { __focusAt?: number }).__focusAt);
      await page.keyboard.press('Escape');
      await expect.poll(() => paletteVisible(page, sm.extensionId)).toBe(false);
      return focusAt! - keyAt!;
    };
    const first = await openOnce();
    const warm: number[] = [];
    for (let i = 0; i < 12; i++) warm.push(await openOnce());
    warm.sort((a, b) => a - b);
    const median = warm[Math.floor(warm.length / 2)]!;
    console.log(
      `palette open latency (key event → search box focused): first ${first.toFixed(1)} ms; warm median ${median.toFixed(1)} ms, max ${warm.at(-1)!.toFixed(1)} ms over ${warm.length}`,
    );
    // Sanity bounds only (the targets are reported, not asserted: timings are not unit-test material).
    expect(first).toBeGreaterThan(0);
    expect(median).toBeGreaterThan(0);
    await page.close();
  });

  it('measures a first open without the preload (the frame is made on the key press)', async () => {
    // Demo builds only: this query parameter makes the content script skip its idle preload.
    const page = await sm.context.newPage();
    await page.goto(`${CONSOLE}?seatmateNoPreload`);
    await page.waitForLoadState('load');
    await page.getByTestId('reply-box').click();
    await page.waitForTimeout(3_500); // longer than the preload's idle timeout (3 s)
    expect(await overlayFrame(page, sm.extensionId)).toBeNull();
    await page.evaluate(() => {
      const w = window as unknown as { __keyAt?: number };
      const onKey = (e: KeyboardEvent) => {
        if (e.code !== 'KeyK' || !e.altKey) return; // (the Alt key's own keydown comes first)
        w.__keyAt = performance.timeOrigin + e.timeStamp;
        window.removeEventListener('keydown', onKey, true);
      };
      window.addEventListener('keydown', onKey, true);
    });
    const navigated = page.waitForEvent('framenavigated', {
      predicate: (f) => f.url().startsWith(`chrome-extension://${sm.extensionId}/overlay.html`),
      timeout: 10_000,
    });
    await page.keyboard.press('Alt+KeyK');
    const frame = await navigated;
    // Watched from the page, not in the frame: Playwright's scripts, injected into a frame it is
    // asked about, held the frame's thread for 20–40 ms of the open they were measuring. Seatmate's
    // element has the keyboard once the content script has focused the frame; the frame's focus
    // event follows a moment later, and its boot search box takes a mark there.
    await page.waitForFunction(() => document.activeElement?.localName === 'seatmate-overlay', undefined, {
      timeout: 10_000,
    });
    await page.waitForTimeout(200); // (for the focus to reach the frame before anything else does)
    const nav = (await (
      await frame.waitForFunction(
        () => {
          const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
          const mark = (name: string) => performance.getEntriesByName(name)[0]?.startTime;
          const focus = mark('seatmate-boot-focus');
          const focused = document.activeElement?.getAttribute('data-testid') === 'palette-search';
          if (focus === undefined || !focused) return null;
          return {
            origin: performance.timeOrigin,
            dcl: entry?.domContentLoadedEventEnd ?? NaN,
            load: entry?.loadEventEnd ?? NaN,
            focus,
            app: mark('seatmate-app-start') ?? NaN,
          };
        },
        undefined,
        { timeout: 10_000 },
      )
    ).jsonValue())!;
    const keyAt = await page.evaluate(() => (window as unknown as { __keyAt?: number }).__keyAt);
    const toFrame = nav.origin - keyAt!;
    const cold = toFrame + nav.focus;
    console.log(
      `palette open latency without preload (frame made on the key press): search box focused ` +
        `(mark in the frame's focus event) ${cold.toFixed(1)} ms after the key ` +
        `(key → frame starts ${toFrame.toFixed(1)} ms, → its DOMContentLoaded ${nav.dcl.toFixed(1)} ms, ` +
        `→ its load ${nav.load.toFixed(1)} ms, → the frame has focus ${nav.focus.toFixed(1)} ms, ` +
        `palette scripts start ${nav.app.toFixed(1)} ms, frame clock); Playwright's debugger is on the frame ` +
        `while it loads: \`npm run bench:palette-open\` measures without it`,
    );
    expect(cold).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('takes the keyboard only once the palette has loaded, and keys typed before never reach the reply box', async () => {
    // Focusing the frame while it still loaded let keys go to the page (up to 8 opens in 160 in
    // `bench:palette-focus`-like loops: a search that stayed empty, its letters in the customer
    // reply box). The fix waits for the frame's load event; this test checks that order on a
    // frame made on the key press.
    const page = await sm.context.newPage();
    await page.goto(`${CONSOLE}?seatmateNoPreload`);
    await page.waitForLoadState('load');
    await page.getByTestId('reply-box').fill('Dear customer, ');
    await page.evaluate(() => {
      const w = window as unknown as { __seen: { type: string; key: string; at: number }[] };
      w.__seen = [];
      for (const type of ['keydown', 'focus'])
        window.addEventListener(
          type,
          (e) => {
            const target = e.target as Element;
            w.__seen.push({
              type,
              key: e instanceof KeyboardEvent ? e.key : (target.tagName ?? ''),
              at: performance.timeOrigin + e.timeStamp,
            });
          },
          true,
        );
    });
    await page.keyboard.press('Alt+KeyK');
    // Typed at once, before the palette can have loaded: these must not land in the reply box.
    await page.keyboard.type('xy');
    await expect.poll(async () => (await overlayFrame(page, sm.extensionId)) !== null).toBe(true);
    const frame = (await overlayFrame(page, sm.extensionId))!;
    await expect.poll(() => focusedInPalette(frame)).toBe('palette-search');
    const loadedAt = await frame.evaluate(() => {
      const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      return performance.timeOrigin + entry.loadEventStart;
    });
    const seen = await page.evaluate(
      () => (window as unknown as { __seen: { type: string; key: string; at: number }[] }).__seen,
    );
    const frameFocus = seen.find((s) => s.type === 'focus' && s.key === 'SEATMATE-OVERLAY');
    expect(frameFocus, 'the page saw the palette frame take focus').toBeDefined();
    expect(frameFocus!.at).toBeGreaterThanOrEqual(loadedAt);
    expect(await page.getByTestId('reply-box').inputValue()).toBe('Dear customer, ');
    // Now typed into the palette: the page sees none of it, the reply box stays as it was.
    const before = seen.length;
    await page.keyboard.type('greeting');
    // "xy" was meant to be typed before the palette loaded. Keys pressed while the frame loads are
    // held back from the page and dropped; the frame can take the keyboard before those keys are
    // even sent (seen in CI under load), or between the two (seen in CI since the frame loads
    // sooner): from then on they are the palette's. So the palette has "xy", "y" or neither, in
    // order, and never "x" without the "y" that followed it. They never reach the page or the reply
    // box (checked above and below).
    await expect.poll(() => searchValue(frame)).toMatch(/^(?:x?y)?greeting$/);
    const after = await page.evaluate(() => (window as unknown as { __seen: { type: string; key: string }[] }).__seen);
    expect(after.slice(before).filter((s) => s.type === 'keydown')).toEqual([]);
    expect(await page.getByTestId('reply-box').inputValue()).toBe('Dear customer, ');
    // Esc gives the reply box back with its caret at the end: typing continues the reply.
    await page.keyboard.press('Escape');
    await expect.poll(() => paletteVisible(page, sm.extensionId)).toBe(false);
    await page.keyboard.type('thanks');
    expect(await page.getByTestId('reply-box').inputValue()).toBe('Dear customer, thanks');
    await page.close();
  });

  it('works when the background registers the frame later than the frame loads (as under load): typing, Esc, the caret back', async () => {
    // The content script shows the frame without waiting for the background's answer to its
    // registration. A CI run showed the frame's hello and an Esc arriving before the registration
    // was stored: the Esc was refused and the palette stayed open. Here the background is made to
    // take 1.5 s over it (demo builds only).
    const setDelay = async (ms: number) =>
      (await sm.worker()).evaluate((d) => {
        (globalThis as { __seatmateRegisterDelayMs?: number }).__seatmateRegisterDelayMs = d;
      }, ms);
    await setDelay(1_500);
    try {
      const page = await sm.context.newPage();
      await page.goto(`${CONSOLE}?seatmateNoPreload`);
      await page.waitForLoadState('load');
      await page.getByTestId('reply-box').fill('Dear customer, ');
      await page.keyboard.press('Alt+KeyK');
      await expect.poll(async () => (await overlayFrame(page, sm.extensionId)) !== null).toBe(true);
      const frame = (await overlayFrame(page, sm.extensionId))!;
      await expect.poll(() => focusedInPalette(frame)).toBe('palette-search');
      await page.keyboard.type('greeting');
      await expect.poll(() => searchValue(frame)).toBe('greeting');
      // Pressed before the registration is stored (well within its 1.5 s here, unless the machine
      // is very slow: then it checks the ordinary path).
      await page.keyboard.press('Escape');
      await expect.poll(() => paletteVisible(page, sm.extensionId)).toBe(false);
      await page.keyboard.type('thanks');
      expect(await page.getByTestId('reply-box').inputValue()).toBe('Dear customer, thanks');
      await page.close();
    } finally {
      await setDelay(0);
    }
  });

  /**
   * A console page whose palette opens with the boot search box alone, focused: demo builds only,
   * `?seatmateHoldStart` keeps the app from starting until the test calls `__seatmateStart()`.
   */
  async function openHeldPalette(): Promise<{ page: Page; frame: Frame }> {
    const page = await sm.context.newPage();
    await page.goto(`${CONSOLE}?seatmateNoPreload&seatmateHoldStart`);
    await page.waitForLoadState('load');
    await page.getByTestId('reply-box').click();
    await page.keyboard.press('Alt+KeyK');
    await expect.poll(async () => (await overlayFrame(page, sm.extensionId)) !== null).toBe(true);
    const frame = (await overlayFrame(page, sm.extensionId))!;
    await expect.poll(() => frame.evaluate(() => document.activeElement?.id)).toBe('boot-search');
    return { page, frame };
  }

  it('hands the boot search box over with its text and selection: Ctrl+A then typing replaces', async () => {
    // (The keys below are certain to land in the boot box; in real use, under load, they may.)
    const { page, frame } = await openHeldPalette();
    await page.keyboard.type('order 4');
    await expect.poll(() => searchValue(frame)).toBe('order 4');
    await page.keyboard.press('Control+A');
    const selection = () =>
      frame.evaluate(() => {
        const el = document.activeElement as HTMLInputElement;
        return [el.selectionStart, el.selectionEnd];
      });
    expect(await selection()).toEqual([0, 7]);
    await frame.evaluate(() => (window as unknown as { __seatmateStart: () => void }).__seatmateStart());
    await frame.getByTestId('palette').getByTestId('palette-search').waitFor({ state: 'attached' });
    expect(await frame.locator('#boot-search').count()).toBe(0);
    expect(await selection()).toEqual([0, 7]);
    await page.keyboard.type('refund');
    await expect.poll(() => searchValue(frame)).toBe('refund');
    expect(await page.getByTestId('reply-box').inputValue()).toBe('');
    await page.close();
  });

  it('an Esc pressed the moment the palette takes over from the boot box closes it', async () => {
    const { page, frame } = await openHeldPalette();
    await page.keyboard.type('hold');
    // The Esc lands right after the boot box is taken away, in the first moment a key can: the
    // palette's own search box has the keyboard, and its keys must already be handled.
    await frame.evaluate(() => {
      const watch = new MutationObserver(() => {
        if (document.getElementById('boot-search')) return;
        watch.disconnect();
        const key = { key: 'Escape', code: 'Escape', bubbles: true, cancelable: true };
        document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', key));
      });
      watch.observe(document, { childList: true, subtree: true });
      (window as unknown as { __seatmateStart: () => void }).__seatmateStart();
    });
    await expect.poll(() => paletteVisible(page, sm.extensionId)).toBe(false);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('reply-box');
    await page.close();
  });

  it('the browser command opens the palette on the console tab', async () => {
    const page = await openConsole(sm);
    await frameReady(sm, page);
    const tabId = await consoleTabId(sm);
    const worker = await sm.worker();
    const result = await worker.evaluate(
      (id) => (globalThis as unknown as TestHooks).__seatmateTest.command(id),
      tabId,
    );
    expect(result).toEqual({ opened: true });
    expect(await waitForPaletteVisible(page, sm.extensionId)).toBe(true);
    const frame = (await overlayFrame(page, sm.extensionId))!;
    await expect.poll(() => focusedTestId(frame)).toBe('palette-search');
    await page.keyboard.press('Escape');
    // Focus goes back to the field the agent was in.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('reply-box');
    await page.close();
  });

  it('the popup button opens it on the active console tab, and says so when the tab is not a console', async () => {
    const popup = await sm.context.newPage();
    await popup.goto(sm.url('popup.html'));
    await popup.getByTestId('popup-open-palette').click();
    await popup.getByTestId('popup-not-console').waitFor();
    await screenshot(popup, 'popup-not-console-en');

    const page = await openConsole(sm);
    await frameReady(sm, page);
    await page.bringToFront();
    // The popup page is now a background tab; its button still runs.
    await popup.evaluate(() =>
      (document.querySelector('[data-testid="popup-open-palette"]') as HTMLButtonElement).click(),
    );
    expect(await waitForPaletteVisible(page, sm.extensionId)).toBe(true);
    await page.close();
    await popup.close().catch(() => undefined);
  });

  it('the context menu searches for the selected text; the menu is limited to console sites', async () => {
    const worker = await sm.worker();
    const menu = await worker.evaluate(() => (globalThis as unknown as TestHooks).__seatmateTest.menu());
    expect(menu).toEqual({ title: 'Search Seatmate for “%s”', patterns: ['http://localhost/console/*'] });

    const page = await openConsole(sm);
    await frameReady(sm, page);
    // The agent selects words on the page (the case subject)…
    await page.getByTestId('case-subject').locator('.zh').selectText();
    const selected = await page.evaluate(() => getSelection()?.toString() ?? '');
    expect(selected).toBe('物流延误退款');
    // …and picks "Search Seatmate for …".
    const tabId = await consoleTabId(sm);
    const result = await worker.evaluate(
      ([id, text]) => (globalThis as unknown as TestHooks).__seatmateTest.clickMenu(id, text),
      [tabId, `  ${selected}\n`] as const,
    );
    expect(result).toEqual({ opened: true });
    expect(await waitForPaletteVisible(page, sm.extensionId)).toBe(true);
    const frame = (await overlayFrame(page, sm.extensionId))!;
    await expect.poll(() => searchValue(frame)).toBe(selected.replace(/\s+/g, ' ').trim().slice(0, 200));
    await expect.poll(() => frame.getByTestId('palette-result').count()).toBeGreaterThan(0);
    await screenshot(page, 'palette-context-menu-en');
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('opened empty, it suggests articles for the case on screen (the page rule’s context element)', async () => {
    const page = await openConsole(sm);
    const frame = await frameReady(sm, page);
    await page.keyboard.press('Alt+KeyK');
    await expect.poll(() => focusedTestId(frame)).toBe('palette-search');
    // The case subject is 物流延误退款 / Delayed-order refund: suggestions come first.
    await expect
      .poll(() => frame.getByTestId('palette-group').first().getAttribute('data-group'), { timeout: 5_000 })
      .toBe('suggested');
    const firstTitle = await frame.getByTestId('palette-result').first().textContent();
    expect(firstTitle ?? '').toMatch(/退款|物流|refund|delay/i);
    await screenshot(page, 'palette-suggested-en');
    await page.close();
  });
});

describe('the agent’s state from the palette and keyboard commands', () => {
  let sm: Seatmate;
  beforeAll(async () => {
    sm = await launchSeatmate();
    await waitForConsoleRegistration(sm);
  });
  afterAll(async () => {
    await sm?.close();
  });

  it('shows the state in the palette, changes it with Alt+S, and follows keyboard commands', async () => {
    const page = await openConsole(sm);
    const frame = await frameReady(sm, page);
    await page.keyboard.press('Alt+KeyK');
    await expect.poll(() => focusedTestId(frame)).toBe('palette-search');
    const pill = frame.getByTestId('overlay-state-pill');
    expect(await pill.getAttribute('data-state')).toBe('none');
    // Alt+S opens the state menu with focus on its first button; Tab moves, Enter picks.
    await page.keyboard.press('Alt+KeyS');
    await frame.getByTestId('overlay-state-menu').waitFor();
    await expect.poll(() => focusedTestId(frame)).toBe('state-button-available');
    await page.keyboard.press('Enter');
    // Back to the search, with the pill showing the new state and its running time.
    await expect.poll(() => focusedTestId(frame)).toBe('palette-search');
    await expect.poll(() => pill.getAttribute('data-state')).toBe('available');
    expect(await pill.textContent()).toMatch(/Available\s*00:0\d/);
    await screenshot(page, 'palette-state-pill-en');
    await page.keyboard.press('Alt+KeyS');
    await frame.getByTestId('state-button-break').click();
    await expect.poll(() => pill.getAttribute('data-state')).toBe('break');
    await page.keyboard.press('Escape');

    // A browser keyboard command (Alt+Shift+W by default) writes the ledger with source "hotkey".
    const worker = await sm.worker();
    expect(
      await worker.evaluate(() => (globalThis as unknown as TestHooks).__seatmateTest.stateCommand('state-acw')),
    ).toEqual({ recorded: true });
    const popup = await sm.context.newPage();
    await popup.goto(sm.url('popup.html'));
    await expect.poll(() => popup.getByTestId('popup-current-state').getAttribute('data-state')).toBe('acw');
    const rows = await popup.evaluate(
      () =>
        new Promise<Array<{ state: string; source: string }>>((resolve, reject) => {
          const req = indexedDB.open('seatmate');
          req.onsuccess = () => {
            const all = req.result.transaction('stateEvents').objectStore('stateEvents').getAll();
            all.onsuccess = () => resolve(all.result as Array<{ state: string; source: string }>);
            all.onerror = () => reject(new Error('read failed'));
          };
          req.onerror = () => reject(new Error('open failed'));
        }),
    );
    expect(rows.map((r) => `${r.state}:${r.source}`)).toEqual(['available:manual', 'break:manual', 'acw:hotkey']);
    await popup.close();
    await page.close();
  });
});

describe('opening the palette from outside the page (zh)', () => {
  let sm: Seatmate;
  beforeAll(async () => {
    sm = await launchSeatmate({ lang: 'zh-CN' });
    await waitForConsoleRegistration(sm);
  });
  afterAll(async () => {
    await sm?.close();
  });

  it('titles the context menu in Chinese and shows the palette in Chinese', async () => {
    // The agent's language choice decides (the worker has no page locale to follow in a test).
    const options = await sm.context.newPage();
    await options.goto(sm.url('options.html'));
    await options.getByTestId('options-language').selectOption('zh-CN');
    const worker = await sm.worker();
    // Closing Options before its save lands would lose the choice.
    await expect
      .poll(() =>
        worker.evaluate(
          async () => ((await chrome.storage.local.get('settings')).settings as { language?: string })?.language,
        ),
      )
      .toBe('zh-CN');
    await options.close();
    await expect
      .poll(() => worker.evaluate(() => (globalThis as unknown as TestHooks).__seatmateTest.menu()?.title))
      .toBe('在 Seatmate 中搜索“%s”');
    const page = await openConsole(sm);
    await frameReady(sm, page);
    const tabId = await consoleTabId(sm);
    await worker.evaluate(([id, text]) => (globalThis as unknown as TestHooks).__seatmateTest.clickMenu(id, text), [
      tabId,
      '快递',
    ] as const);
    expect(await waitForPaletteVisible(page, sm.extensionId)).toBe(true);
    const frame = (await overlayFrame(page, sm.extensionId))!;
    await expect.poll(() => searchValue(frame)).toBe('快递');
    await expect.poll(() => frame.getByTestId('palette-result').count()).toBeGreaterThan(0);
    await screenshot(page, 'palette-context-menu-zh');
    await page.close();
  });
});
