import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchSeatmate, waitForPaletteVisible, type Seatmate, waitForConsoleRegistration } from '../support/launch';
import { screenshot } from '../support/screens';

const origin = inject('demoOrigin');
const port = inject('demoPort');
const OTHER_CONSOLE = `http://127.0.0.1:${port}/console/`;

let sm: Seatmate;
beforeAll(async () => {
  sm = await launchSeatmate();
  await waitForConsoleRegistration(sm);
});
afterAll(async () => {
  await sm?.close();
});

async function registeredMatches(): Promise<string[][]> {
  const worker = await sm.worker();
  const scripts = await worker.evaluate(() => chrome.scripting.getRegisteredContentScripts());
  return scripts.map((s) => [...(s.matches ?? [])].sort());
}

async function hotkeyOpens(url: string): Promise<boolean> {
  const page = await sm.context.newPage();
  await page.goto(url);
  await page.getByTestId('reply-box').click();
  await page.keyboard.press('Alt+KeyK');
  const found = await waitForPaletteVisible(page, sm.extensionId, 2_000);
  await page.close();
  return found;
}

async function openOptions(): Promise<Page> {
  const page = await sm.context.newPage();
  await page.goto(sm.url('options.html'));
  await page.getByTestId('options-site-input').waitFor();
  return page;
}

describe('console sites in Options', () => {
  it('lists the demo console as active', async () => {
    const page = await openOptions();
    const row = page.getByTestId('options-site-row').filter({ hasText: 'http://localhost/console/*' });
    await expect.poll(() => row.getByTestId('options-site-status').textContent()).toBe('Active');
    await screenshot(page, 'options-en');
    await page.close();
  });

  it('explains what is wrong with a bad pattern and changes nothing', async () => {
    const page = await openOptions();
    for (const [input, message] of [
      ['<all_urls>', /covers every site/],
      ['ftp://files.example.com/*', /https:\/\//],
      ['https://crm..example.com/*', /does not look right/],
    ] as const) {
      await page.getByTestId('options-site-input').fill(input);
      await page.getByTestId('options-site-add').click();
      await expect.poll(() => page.getByTestId('options-site-notice').textContent()).toMatch(message);
    }
    expect(await page.getByTestId('options-site-row').count()).toBe(1);
    expect(await registeredMatches()).toEqual([['http://localhost/console/*']]);
    await page.close();
  });

  it('adds a site (registering the script there), then removes it with undo', async () => {
    expect(await hotkeyOpens(OTHER_CONSOLE)).toBe(false);
    const page = await openOptions();
    await page.getByTestId('options-site-input').fill('http://127.0.0.1/console/*');
    await page.getByTestId('options-site-add').click();
    const row = page.getByTestId('options-site-row').filter({ hasText: 'http://127.0.0.1/console/*' });
    await expect.poll(() => row.getByTestId('options-site-status').textContent()).toBe('Active');
    await expect.poll(registeredMatches).toEqual([['http://127.0.0.1/console/*', 'http://localhost/console/*']]);
    expect(await hotkeyOpens(OTHER_CONSOLE)).toBe(true);

    await row.getByTestId('options-site-remove').click();
    await expect.poll(() => row.count()).toBe(0);
    await expect.poll(registeredMatches).toEqual([['http://localhost/console/*']]);
    expect(await hotkeyOpens(OTHER_CONSOLE)).toBe(false);

    await page.getByTestId('options-site-undo').click();
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(registeredMatches).toEqual([['http://127.0.0.1/console/*', 'http://localhost/console/*']]);
    await page.close();
  });

  it('records a new hotkey, refuses a bare key, and resets to Alt+K', async () => {
    const page = await openOptions();
    const current = page.getByTestId('options-hotkey-current');
    expect(await current.textContent()).toBe('Alt+K');
    await page.getByTestId('options-hotkey-record').click();
    await page.keyboard.press('KeyJ');
    await expect.poll(() => page.getByTestId('options-hotkey-error').textContent()).toMatch(/Alt, Ctrl/);
    await page.keyboard.press('Control+Shift+KeyJ');
    await expect.poll(() => current.textContent()).toBe('Ctrl+Shift+J');

    const consolePage = await sm.context.newPage();
    await consolePage.goto(`${origin}/console/`);
    await consolePage.getByTestId('reply-box').click();
    await consolePage.keyboard.press('Alt+KeyK');
    expect(await waitForPaletteVisible(consolePage, sm.extensionId, 1_000)).toBe(false);
    await consolePage.keyboard.press('Control+Shift+KeyJ');
    expect(await waitForPaletteVisible(consolePage, sm.extensionId)).toBe(true);
    await consolePage.close();

    await page.getByTestId('options-hotkey-reset').click();
    await expect.poll(() => current.textContent()).toBe('Alt+K');
    await page.close();
  });

  it('removing the last site unregisters the script everywhere', async () => {
    const page = await openOptions();
    const rows = page.getByTestId('options-site-row');
    while ((await rows.count()) > 0) {
      const n = await rows.count();
      await rows.first().getByTestId('options-site-remove').click();
      await expect.poll(() => rows.count()).toBe(n - 1);
    }
    await page.getByTestId('options-site-empty').waitFor();
    await expect.poll(registeredMatches).toEqual([]);
    expect(await hotkeyOpens(`${origin}/console/`)).toBe(false);
    await page.close();
  });
});

describe('language', () => {
  it('switches every page to Chinese from Options', async () => {
    const page = await openOptions();
    expect(await page.locator('h1').textContent()).toBe('Seatmate options');
    await page.getByTestId('options-language').selectOption('zh-CN');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Seatmate 设置');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await screenshot(page, 'options-zh');
    const popup = await sm.context.newPage();
    await popup.goto(sm.url('popup.html'));
    await expect.poll(() => popup.getByTestId('state-button-available').textContent()).toBe('示闲');
    await page.getByTestId('options-language').selectOption('en');
    await expect.poll(() => popup.getByTestId('state-button-available').textContent()).toBe('Available');
    await popup.close();
    await page.close();
  });
});
