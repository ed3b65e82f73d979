import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import {
  launchSeatmate,
  openConsolePage,
  openPaletteByHotkey,
  waitForConsoleRegistration,
  type Seatmate,
} from '../support/launch';
import { screenshot } from '../support/screens';

/**
 * Placeholders filled from the page: the demo site maps `{{customerName}}` and `{{orderNumber}}`
 * to what the demo console shows (the customer panel's name, the case's order number). The
 * palette's placeholder form opens with them filled in, still editable; nothing of them is stored.
 */

const origin = inject('demoOrigin');
const CONSOLE = `${origin}/console/`;
const ORDER = 'SO-240608-1173';
const NAME = '王丽华';

let sm: Seatmate;
beforeAll(async () => {
  sm = await launchSeatmate();
  await waitForConsoleRegistration(sm);
});
afterAll(async () => {
  await sm?.close();
});

/** Opens the palette on the console, searches for the refund policy and asks to insert it. */
async function openRefundForm(page: Page): Promise<Frame> {
  const frame = await openPaletteByHotkey(sm, page);
  await page.keyboard.type('退款政策');
  await expect
    .poll(() => frame.getByTestId('palette-result').first().getAttribute('data-article-id'), { timeout: 10_000 })
    .toBe('refund-policy-zh');
  await page.keyboard.press('Enter');
  await frame.getByTestId('palette-placeholder-form').waitFor({ timeout: 10_000 });
  return frame;
}

/** Everything the extension keeps in chrome.storage, as one string. */
async function storedEverything(): Promise<string> {
  const worker = await sm.worker();
  return worker.evaluate(async () =>
    JSON.stringify([await chrome.storage.local.get(null), await chrome.storage.session.get(null)]),
  );
}

describe('the placeholder form, filled from the console page', () => {
  it('opens with the customer’s name and the order number the page shows, still editable', async () => {
    const page = await openConsolePage(sm, CONSOLE);
    await expect.poll(() => page.locator('[data-field="order-number"]').textContent()).toBe(ORDER);
    const frame = await openRefundForm(page);
    await expect.poll(() => frame.getByTestId('palette-placeholder-customerName').inputValue()).toBe(NAME);
    expect(await frame.getByTestId('palette-placeholder-orderNumber').inputValue()).toBe(ORDER);
    // Not mapped on the demo site: the agent fills it.
    expect(await frame.getByTestId('palette-placeholder-amount').inputValue()).toBe('');
    await screenshot(page, 'page-placeholders-form');
    // Still editable: the agent corrects the name and adds the amount.
    await frame.getByTestId('palette-placeholder-customerName').fill('王女士');
    await frame.getByTestId('palette-placeholder-amount').fill('¥1,299');
    await frame.getByTestId('palette-placeholder-submit').click();
    const box = page.getByTestId('reply-box');
    await expect.poll(() => box.inputValue(), { timeout: 15_000 }).toContain(`王女士，您的订单${ORDER}符合`);
    expect(await box.inputValue()).toContain('¥1,299');
    // The values were used and are gone: nothing stored them.
    const stored = await storedEverything();
    expect(stored).not.toContain(ORDER);
    expect(stored).not.toContain(NAME);
    await page.close();
  });

  it('a selector that is not valid CSS is ignored: its field stays empty, the others are filled', async () => {
    const worker = await sm.worker();
    await worker.evaluate(async () => {
      const { settings } = (await chrome.storage.local.get('settings')) as { settings: Record<string, unknown> };
      const pageValues = (settings.pageValues as { site: string; fields: { key: string; selector: string }[] }[]).map(
        (s) => ({
          ...s,
          fields: [...s.fields.filter((f) => f.key !== 'customerName'), { key: 'customerName', selector: 'div[[' }],
        }),
      );
      await chrome.storage.local.set({ settings: { ...settings, pageValues } });
    });
    const page = await openConsolePage(sm, CONSOLE);
    const frame = await openRefundForm(page);
    await expect.poll(() => frame.getByTestId('palette-placeholder-orderNumber').inputValue()).toBe(ORDER);
    expect(await frame.getByTestId('palette-placeholder-customerName').inputValue()).toBe('');
    await page.close();
  });
});

describe('Options: placeholders from the page', () => {
  it('names the row and field of a selector that is not CSS and saves nothing; a good one is saved', async () => {
    // The demo site's mapping as seeded (an earlier test broke one of its selectors).
    const worker = await sm.worker();
    await worker.evaluate(async () => {
      const { settings } = (await chrome.storage.local.get('settings')) as { settings: Record<string, unknown> };
      const fields = [
        { key: 'customerName', selector: '[data-field="customer-name"]' },
        { key: 'orderNumber', selector: '[data-field="order-number"]' },
      ];
      await chrome.storage.local.set({
        settings: { ...settings, pageValues: [{ site: 'http://localhost/console/*', fields }] },
      });
    });
    const options = await sm.context.newPage();
    await options.goto(sm.url('options.html'));
    const site = options.locator('[data-testid="options-page-values-site"][data-site="http://localhost/console/*"]');
    await site.waitFor();
    const stored = () =>
      options.evaluate(async () => {
        const { settings } = (await chrome.storage.local.get('settings')) as {
          settings: { pageValues: { fields: { key: string; selector: string }[] }[] };
        };
        return settings.pageValues[0]!.fields;
      });
    const before = await stored();
    await site.getByTestId('options-page-value-add').click();
    const row = site.getByTestId('options-page-value-row').last();
    await row.getByTestId('options-page-value-key').fill('amount');
    await row.getByTestId('options-page-value-selector').fill('td.num[[');
    await site.getByTestId('options-page-values-save').click();
    const n = before.length + 1;
    await expect
      .poll(() => site.getByTestId('options-page-values-errors').textContent())
      .toBe(`Row ${n}, CSS selector: this is not a valid CSS selector`);
    expect(await stored()).toEqual(before);
    await row.getByTestId('options-page-value-selector').fill('tr[data-order] td.num');
    await site.getByTestId('options-page-values-save').click();
    await expect.poll(() => stored()).toEqual([...before, { key: 'amount', selector: 'tr[data-order] td.num' }]);
    await options.close();
  });
});
