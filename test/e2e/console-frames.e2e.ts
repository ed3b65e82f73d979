import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Frame, FrameLocator, Page } from 'playwright-core';
import {
  focusedInPalette,
  launchSeatmate,
  openPaletteByHotkey,
  overlayFrame,
  paletteVisible,
  waitForConsoleRegistration,
  waitForPaletteFocus,
  waitForPaletteVisible,
  type Seatmate,
} from '../support/launch';
import { screenshot } from '../support/screens';

/**
 * Consoles built of frames, and consoles that re-render: the reply box in a same-origin frame,
 * in a `srcdoc` frame, in a frame of another origin (added as a console site from Options), and a
 * page that replaces its <body> while the agent is typing a search.
 */

const origin = inject('demoOrigin');
const EDITORS = `${origin}/console/editors`;

let sm: Seatmate;
beforeAll(async () => {
  sm = await launchSeatmate();
  await waitForConsoleRegistration(sm);
});
afterAll(async () => {
  await sm?.close();
});

const palettes = async (page: Page) =>
  page.frames().filter((f) => f.url().startsWith(`chrome-extension://${sm.extensionId}/overlay.html`));

/** Searches the open palette and inserts the first result (an article without placeholders). */
async function searchAndInsert(page: Page, frame: Frame, query: string, id: string): Promise<void> {
  await page.keyboard.type(query);
  await expect.poll(() => frame.getByTestId('palette-search').inputValue()).toBe(query);
  await expect.poll(() => frame.getByTestId('palette-result').first().getAttribute('data-article-id')).toBe(id);
  await page.keyboard.press('Enter');
  await expect.poll(() => paletteVisible(page, sm.extensionId)).toBe(false);
}

/** Whether the element with `id` has the keyboard inside `frame` (its document focused). */
const hasFocus = (frame: Frame, id: string) =>
  frame.evaluate((x) => document.hasFocus() && document.activeElement?.id === x, id);

async function frameOf(page: Page, selector: string): Promise<Frame> {
  const handle = await page.locator(selector).elementHandle();
  const frame = await handle!.contentFrame();
  if (!frame) throw new Error(`no frame for ${selector}`);
  await frame.waitForLoadState('load');
  return frame;
}

describe('the reply box in a frame of the console', () => {
  it('same-origin frame: the hotkey there opens one palette on the top page, the insert lands at its caret, Esc returns there', async () => {
    const page = await sm.context.newPage();
    await page.goto(`${EDITORS}/frames.html`);
    const replyFrame = await frameOf(page, '#reply-frame');
    const box = page.frameLocator('#reply-frame').locator('#reply-box');
    await box.click();
    await page.keyboard.type('Dear customer, thanks');
    for (let i = 0; i < 'thanks'.length; i++) await page.keyboard.press('ArrowLeft');
    const frame = await openPaletteByHotkey(sm, page);
    // One palette, in the top frame, large over the whole console.
    expect((await palettes(page)).length).toBe(1);
    expect(frame.parentFrame()).toBe(page.mainFrame());
    const size = await (await frame.frameElement()).boundingBox();
    expect(size!.width).toBeGreaterThan(600);
    await screenshot(page, 'frames-palette-over-frame');
    await searchAndInsert(page, frame, 'outage', 'outage-apology-en');
    // (The palette hides as the insert starts: the frame's field gets it a moment later.)
    await expect.poll(() => box.inputValue()).toMatch(/^Dear customer, I'm very sorry/);
    expect(await box.inputValue()).toMatch(/everything is back\.thanks$/);
    // The caret is after the insert, in the frame: typing goes on there.
    await expect.poll(() => hasFocus(replyFrame, 'reply-box')).toBe(true);

    // Esc gives the keyboard back to the frame's field, with its caret.
    await box.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(5, 5));
    await openPaletteByHotkey(sm, page);
    await page.keyboard.press('Escape');
    await expect.poll(() => paletteVisible(page, sm.extensionId)).toBe(false);
    await expect.poll(() => hasFocus(replyFrame, 'reply-box')).toBe(true);
    await page.keyboard.type('!');
    expect(await box.inputValue()).toMatch(/^Dear !customer/);

    // The hotkey pressed in the frame again closes the palette, like on the page.
    await openPaletteByHotkey(sm, page);
    await replyFrame.locator('#reply-box').focus();
    await page.keyboard.press('Alt+KeyK');
    await expect.poll(() => paletteVisible(page, sm.extensionId)).toBe(false);
    await page.close();
  });

  it('srcdoc frame (served by the page’s own script): insert and focus go there', async () => {
    const page = await sm.context.newPage();
    await page.goto(`${EDITORS}/frames.html`);
    const srcdoc = await frameOf(page, '#srcdoc-frame');
    const box = page.frameLocator('#srcdoc-frame').locator('#reply-box');
    await box.click();
    await page.keyboard.type('Hi, ');
    const frame = await openPaletteByHotkey(sm, page);
    expect((await palettes(page)).length).toBe(1);
    await searchAndInsert(page, frame, 'outage', 'outage-apology-en');
    await expect.poll(() => box.inputValue()).toMatch(/^Hi, I'm very sorry/);
    await expect.poll(() => hasFocus(srcdoc, 'reply-box')).toBe(true);
    // The other frame's box was not touched.
    expect(await page.frameLocator('#reply-frame').locator('#reply-box').inputValue()).toBe('');
    await page.close();
  });

  it('a reply box in an about:blank frame, focused by the page before Seatmate arrived: the hotkey works there at once', async () => {
    const page = await sm.context.newPage();
    await page.goto(`${EDITORS}/focused-frame.html`);
    const box = page.frameLocator('#blank-frame').locator('#reply-box');
    // The keyboard is in the frame's box from the start: the agent types without clicking.
    await expect.poll(() => box.evaluate((el) => el.ownerDocument.activeElement === el)).toBe(true);
    // The palette's preloaded frame says Seatmate's script is on the page now.
    await expect.poll(async () => (await overlayFrame(page, sm.extensionId)) !== null, { timeout: 15_000 }).toBe(true);
    await page.keyboard.type('Hi, ');
    const frame = await openPaletteByHotkey(sm, page);
    await searchAndInsert(page, frame, 'outage', 'outage-apology-en');
    await expect.poll(() => box.inputValue()).toMatch(/^Hi, I'm very sorry/);
    await expect
      .poll(() => box.evaluate((el) => el.ownerDocument.hasFocus() && el.ownerDocument.activeElement === el))
      .toBe(true);
    await page.close();
  });
});

/** The spy: records every key event the page's own scripts can see, from before they load. */
function installKeySpy(): void {
  const log = { phase: 'start', keys: [] as string[] };
  (window as unknown as { __keySpy: typeof log }).__keySpy = log;
  for (const target of [window, document])
    for (const type of ['keydown', 'keypress', 'keyup', 'input', 'beforeinput'])
      target.addEventListener(
        type,
        (e) => log.keys.push(`${log.phase}:${e.type}:${(e as KeyboardEvent).key ?? (e as InputEvent).data ?? ''}`),
        true,
      );
}
const spyKeys = (page: Page) =>
  page.evaluate(() => (window as unknown as { __keySpy: { keys: string[] } }).__keySpy.keys);
const spyPhase = (page: Page, phase: string) =>
  page.evaluate((p) => ((window as unknown as { __keySpy: { phase: string } }).__keySpy.phase = p), phase);
/** Only the hotkey itself may be seen while the palette is open. */
const leaked = (keys: string[], phase: string) =>
  keys.filter((k) => k.startsWith(`${phase}:`)).filter((k) => !/:(keydown|keyup|keypress):(Alt|k|K)$/.test(k));

describe('a console that re-renders', () => {
  it('replaces <body> mid-query: the palette survives with the search, the page sees no key, the insert lands', async () => {
    const page = await sm.context.newPage();
    await page.addInitScript(installKeySpy);
    await page.goto(`${EDITORS}/rerender.html`);
    await page.getByTestId('reply-box').click();
    await page.keyboard.type('Dear ');
    expect((await spyKeys(page)).some((k) => k === 'start:keydown:D')).toBe(true); // the spy works
    await spyPhase(page, 'palette');
    const frame = await openPaletteByHotkey(sm, page);
    await page.keyboard.type('out');
    await expect.poll(() => frame.getByTestId('palette-search').inputValue()).toBe('out');
    // The console re-renders: a new <body>, a new reply box (same id, the draft kept).
    await page.evaluate(() => (window as unknown as { __rerender: () => void }).__rerender());
    expect(await page.getByTestId('render-count').textContent()).toBe('render #2');
    await page.keyboard.type('age');
    await expect.poll(() => frame.getByTestId('palette-search').inputValue()).toBe('outage');
    expect(await focusedInPalette(frame)).toBe('palette-search');
    await expect
      .poll(() => frame.getByTestId('palette-result').first().getAttribute('data-article-id'))
      .toBe('outage-apology-en');
    // (The insert itself is typed into the page: its input events are the page's to see.)
    await spyPhase(page, 'insert');
    await page.keyboard.press('Enter');
    await expect.poll(() => paletteVisible(page, sm.extensionId)).toBe(false);
    // The re-rendered reply box got it, after the agent's draft.
    await expect.poll(() => page.getByTestId('reply-box').inputValue()).toMatch(/^Dear I'm very sorry/);
    expect(leaked(await spyKeys(page), 'palette')).toEqual([]);
    await page.close();
  });

  it('removes Seatmate’s element: the hotkey still opens the palette, and an open palette comes back with the keyboard', async () => {
    const page = await sm.context.newPage();
    await page.addInitScript(installKeySpy);
    await page.goto(`${EDITORS}/rerender.html`);
    await page.getByTestId('reply-box').click();
    let frame = await openPaletteByHotkey(sm, page);
    await page.keyboard.press('Escape');
    await expect.poll(() => paletteVisible(page, sm.extensionId)).toBe(false);
    // Closed: the page throws the element away; the next hotkey still opens a palette.
    await page.evaluate(() => document.querySelector('seatmate-overlay')?.remove());
    // (The removed frame is gone for good: wait until Playwright knows, so it is not found instead.)
    await expect.poll(() => frame.isDetached()).toBe(true);
    frame = await openPaletteByHotkey(sm, page);
    // Open: the page throws it away again; it comes back and takes the keyboard.
    await spyPhase(page, 'palette');
    const removed = frame;
    await page.evaluate(() => document.querySelector('seatmate-overlay')?.remove());
    await expect.poll(() => removed.isDetached()).toBe(true);
    await expect.poll(() => page.evaluate(() => document.querySelector('seatmate-overlay') !== null)).toBe(true);
    expect(await waitForPaletteVisible(page, sm.extensionId)).toBe(true);
    frame = (await overlayFrame(page, sm.extensionId))!;
    expect(await waitForPaletteFocus(frame)).toBe(true);
    await page.keyboard.type('hold');
    await expect.poll(() => frame.getByTestId('palette-search').inputValue()).toBe('hold');
    expect(leaked(await spyKeys(page), 'palette')).toEqual([]);
    // Esc at once: the palette that came back handles it from its first moment (its keys were
    // once handled a task after its search box took over, and an Esc in between was lost).
    await page.keyboard.press('Escape');
    await expect.poll(() => paletteVisible(page, sm.extensionId)).toBe(false);
    await page.close();
  });
});

describe('the reply box in a frame of another origin', () => {
  it('needs that origin as a console site: Options finds it on the open console and adds it; then it works', async () => {
    const page = await sm.context.newPage();
    await page.goto(`${EDITORS}/cross-frame.html`);
    const cross: FrameLocator = page.frameLocator('#cross-frame');
    await cross.locator('#reply-box').click();
    await page.keyboard.type('Hello ');
    // Not a console site yet: Seatmate does not run in that frame.
    await page.keyboard.press('Alt+KeyK');
    expect(await waitForPaletteVisible(page, sm.extensionId, 1_500)).toBe(false);

    const options = await sm.context.newPage();
    await options.goto(sm.url('options.html'));
    await options.getByTestId('options-frames-find').click();
    const row = options.getByTestId('options-frame-row');
    await expect.poll(() => row.getAttribute('data-pattern')).toBe('http://127.0.0.1/*');
    await screenshot(options, 'options-frame-sites-en');
    await row.getByTestId('options-frame-add').click();
    const site = options.getByTestId('options-site-row').filter({ hasText: 'http://127.0.0.1/*' });
    await expect.poll(() => site.getByTestId('options-site-status').textContent()).toBe('Active');
    await options.close();

    // The open console's frame got the script (no reload): the hotkey there opens the palette.
    await page.bringToFront();
    const crossFrame = await frameOf(page, '#cross-frame');
    await cross.locator('#reply-box').click();
    await page.keyboard.press('End');
    const frame = await (async () => {
      for (let i = 0; i < 20; i++) {
        await page.keyboard.press('Alt+KeyK');
        if (await waitForPaletteVisible(page, sm.extensionId, 1_000))
          return (await overlayFrame(page, sm.extensionId))!;
      }
      throw new Error('the palette did not open from the cross-origin frame');
    })();
    expect(frame.parentFrame()).toBe(page.mainFrame());
    expect(await waitForPaletteFocus(frame)).toBe(true);
    await searchAndInsert(page, frame, 'outage', 'outage-apology-en');
    await expect.poll(() => cross.locator('#reply-box').inputValue()).toMatch(/^Hello I'm very sorry/);
    await expect.poll(() => hasFocus(crossFrame, 'reply-box')).toBe(true);

    // Page rules read that frame too: a rule for its site (here: "a reply box is showing" means
    // talking) sets the agent's state from inside the frame.
    const worker = await sm.worker();
    await worker.evaluate(async () => {
      const { settings } = (await chrome.storage.local.get('settings')) as { settings?: Record<string, unknown> };
      const rules = [{ site: 'http://127.0.0.1/*', rules: [{ selector: '#reply-box', state: 'talk' }] }];
      await chrome.storage.local.set({ settings: { ...settings, pageRules: rules } });
    });
    const popup = await sm.context.newPage();
    await popup.goto(sm.url('popup.html'));
    await expect
      .poll(() => popup.getByTestId('popup-current-state').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('talk');
    await popup.close();
    await page.close();
  });
});
