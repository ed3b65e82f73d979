import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import {
  launchSeatmate,
  openConsolePage,
  openPaletteByHotkey,
  overlayFrame,
  paletteVisible as visible,
  waitForConsoleRegistration,
  waitForPaletteVisible,
  type Seatmate,
} from '../support/launch';
import { screenshot } from '../support/screens';

const origin = inject('demoOrigin');
const port = inject('demoPort');
const CONSOLE = `${origin}/console/`;

let sm: Seatmate;
beforeAll(async () => {
  sm = await launchSeatmate();
  await waitForConsoleRegistration(sm);
});
afterAll(async () => {
  await sm?.close();
});

const openConsole = (url = CONSOLE) => openConsolePage(sm, url, { clickReply: false });
const openPalette = (page: Page) => openPaletteByHotkey(sm, page);

const paletteVisible = (page: Page) => visible(page, sm.extensionId);

/**
 * Waits until the palette shows the results of `query` (with an empty search it already lists
 * suggestions, so "a result exists" proves nothing).
 */
async function searched(frame: Frame, query: string): Promise<void> {
  // Every key typed after the palette opened must have reached its search box.
  await expect.poll(() => frame.getByTestId('palette-search').inputValue()).toBe(query);
  await expect.poll(() => frame.getByTestId('palette-group').count()).toBe(0);
  await frame.getByTestId('palette-result').first().waitFor();
}

/** Articles with `{{key}}` placeholders ask for values first: fill every field and submit. */
async function fillPlaceholderForm(frame: Frame): Promise<void> {
  const form = frame.getByTestId('palette-placeholder-form');
  await form.waitFor();
  for (const input of await form.locator('input[type="text"]').all()) await input.fill('Ann');
  for (const input of await form.locator('input[type="date"]').all()) await input.fill('2026-12-01');
  await frame.getByTestId('palette-placeholder-submit').click();
}

describe('service worker and manifest', () => {
  it('starts the background and asks for no blanket host access', async () => {
    const worker = await sm.worker();
    expect(worker.url()).toBe(sm.url('background.js'));
    const manifest = await worker.evaluate(() => chrome.runtime.getManifest());
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
    expect(manifest.content_scripts ?? []).toEqual([]);
    expect(manifest.permissions).toEqual(expect.arrayContaining(['storage', 'scripting']));
  });

  it('registers the console script at run time for the demo console only', async () => {
    const worker = await sm.worker();
    await expect
      .poll(() =>
        worker.evaluate(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.matches)),
      )
      .toEqual([['http://localhost/console/*']]);
  });
});

describe('palette on the demo console', () => {
  it('opens on the hotkey, searches, and Esc gives focus back to the reply box', async () => {
    const page = await openConsole();
    await page.getByTestId('reply-box').click();
    await page.keyboard.type('您好');
    const frame = await openPalette(page);
    await page.keyboard.type('退款');
    await expect
      .poll(() => frame.getByTestId('palette-result').first().getAttribute('data-article-id'))
      .toMatch(/^refund/);
    await screenshot(page, 'console-palette-en');
    await page.keyboard.press('Escape');
    await expect.poll(() => paletteVisible(page)).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reply-box');
    // The caret is back where it was: typing continues the agent's text.
    await page.keyboard.type('!');
    expect(await page.getByTestId('reply-box').inputValue()).toBe('您好!');
    await page.close();
  });

  it('closes on the hotkey pressed inside the palette too', async () => {
    const page = await openConsole();
    await page.getByTestId('reply-box').click();
    await openPalette(page);
    await page.keyboard.press('Alt+KeyK');
    await expect.poll(() => paletteVisible(page)).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reply-box');
    await page.close();
  });

  it('inserts the chosen script into the React reply box, and React sees it', async () => {
    const page = await openConsole();
    await page.getByTestId('reply-box').click();
    const frame = await openPalette(page);
    await page.keyboard.type('refund');
    await searched(frame, 'refund');
    const title = await frame.getByTestId('palette-preview').locator('h2').textContent();
    expect(title).toBeTruthy();
    await page.keyboard.press('Enter');
    await fillPlaceholderForm(frame);
    await expect.poll(() => paletteVisible(page)).toBe(false);
    // The palette hides as the insert starts; the text lands a moment later.
    await expect.poll(async () => (await page.getByTestId('reply-box').inputValue()).length).toBeGreaterThan(100);
    const value = await page.getByTestId('reply-box').inputValue();
    expect(value).not.toContain('**');
    // The reply only: the article's internal guidance never reaches the customer.
    expect(value).not.toMatch(/Eligibility|Never promise|Steps/);
    // The counter is derived from React state, so it proves React received the input event.
    await expect.poll(() => page.getByTestId('reply-count').textContent()).toContain(String(value.length));
    await page.close();
  });

  it('inserts into the rich-text note at the caret', async () => {
    const page = await openConsole();
    const note = page.getByTestId('note-editor');
    await note.click();
    await page.keyboard.type('Note: ');
    const frame = await openPalette(page);
    await page.keyboard.type('greeting');
    await searched(frame, 'greeting');
    await frame.getByTestId('palette-insert').click();
    await fillPlaceholderForm(frame);
    await expect.poll(() => paletteVisible(page)).toBe(false);
    // The palette hides as the insert starts; the text lands a moment later.
    await expect.poll(async () => (await note.innerText()).length).toBeGreaterThan(60);
    const text = await note.innerText();
    expect(text.startsWith('Note: ')).toBe(true);
    expect(text).toContain('How can I help you today?');
    // The reply only: no heading of the article's notes ("When to verify", "Steps"…) goes in.
    expect(await note.locator('h3').count()).toBe(0);
    expect(text).not.toMatch(/Steps|Never/);
    await page.close();
  });

  it('cleans HTML again in the page before inserting it into a rich-text editor', async () => {
    const page = await openConsole();
    await page.evaluate(() => ((window as unknown as { pwned: number }).pwned = 0));
    const note = page.getByTestId('note-editor');
    await note.click();
    const worker = await sm.worker();
    const hostile = [
      '<p><strong>Safe</strong> text</p>',
      '<script>window.pwned = 1</script>',
      '<img src="x" onerror="window.pwned = 2">',
      '<a href="javascript:window.pwned = 3">link</a>',
      '<iframe src="https://example.com"></iframe>',
      '<p style="background:url(javascript:alert(1))" onclick="window.pwned = 4">styled</p>',
    ].join('');
    const result = await worker.evaluate(
      async ({ url, html }) => {
        const [tab] = await chrome.tabs.query({ url: `${url}*`, active: true });
        return chrome.tabs.sendMessage(tab!.id!, { type: 'console/insert', text: 'Safe text', html });
      },
      { url: CONSOLE, html: hostile },
    );
    expect(result).toEqual({ ok: true });
    await expect.poll(() => note.locator('strong').textContent()).toBe('Safe');
    const inside = await note.evaluate((el) => el.innerHTML);
    expect(inside).not.toMatch(/<script|<iframe|onerror|onclick|javascript:|style=/i);
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => (window as unknown as { pwned: number }).pwned)).toBe(0);
    await page.close();
  });

  it('offers Copy when there is no field to insert into', async () => {
    const page = await openConsole();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const frame = await openPalette(page);
    await page.keyboard.type('hold');
    // (With an empty search the palette already lists suggestions: wait for the search's result.)
    await expect
      .poll(() => frame.getByTestId('palette-result').first().getAttribute('data-article-id'))
      .toMatch(/^hold-script/);
    await page.keyboard.press('Enter');
    await fillPlaceholderForm(frame);
    await expect.poll(() => frame.getByTestId('palette-status').textContent()).toMatch(/reply box|Copy/);
    expect(await paletteVisible(page)).toBe(true);
    await page.close();
  });

  it('shows the script large for reading aloud', async () => {
    const page = await openConsole();
    await page.getByTestId('reply-box').click();
    const frame = await openPalette(page);
    await page.keyboard.type('hold');
    // (With an empty search the palette already lists suggestions: wait for the search's result.)
    await expect
      .poll(() => frame.getByTestId('palette-result').first().getAttribute('data-article-id'))
      .toMatch(/^hold-script/);
    await page.keyboard.press('Shift+Enter');
    await frame.getByTestId('palette-read-view').waitFor();
    await screenshot(page, 'console-read-aloud-en');
    await page.keyboard.press('Escape');
    await frame.getByTestId('palette-search').waitFor();
    expect(await paletteVisible(page)).toBe(true);
    await page.close();
  });
});

describe('nowhere else', () => {
  it('does not run on pages that are not console sites', async () => {
    for (const url of [`${origin}/elsewhere.html`, `http://127.0.0.1:${port}/console/`]) {
      const page = await openConsole(url);
      await page.locator('textarea').first().click();
      await page.keyboard.press('Alt+KeyK');
      await page.waitForTimeout(1_000);
      expect(await overlayFrame(page, sm.extensionId), url).toBeNull();
      expect(await page.evaluate(() => document.querySelector('seatmate-overlay'))).toBeNull();
      await page.close();
    }
  });

  it('ignores a hotkey faked by the page’s own scripts', async () => {
    const page = await openConsole();
    await page.getByTestId('reply-box').click();
    await page.evaluate(() => {
      const init = { code: 'KeyK', key: 'k', altKey: true, bubbles: true };
      document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', init));
    });
    expect(await waitForPaletteVisible(page, sm.extensionId, 1_000)).toBe(false);
    await page.close();
  });

  it('shows nothing when a page frames the overlay itself', async () => {
    const page = await openConsole(`${origin}/elsewhere.html`);
    await page.evaluate((src) => {
      const f = document.createElement('iframe');
      f.src = src;
      document.body.append(f);
    }, sm.url('overlay.html#AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'));
    await expect.poll(async () => (await overlayFrame(page, sm.extensionId)) !== null).toBe(true);
    const frame = (await overlayFrame(page, sm.extensionId))!;
    await frame.getByTestId('overlay-refused').waitFor();
    expect(await frame.getByTestId('palette-search').count()).toBe(0);
    await page.close();
  });
});
