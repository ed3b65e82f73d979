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

const CONSOLE = `${inject('demoOrigin')}/console/`;

let sm: Seatmate;
let page: Page;
let frame: Frame;

beforeAll(async () => {
  sm = await launchSeatmate();
  await waitForConsoleRegistration(sm);
  page = await openConsolePage(sm, CONSOLE);
  frame = await openPaletteByHotkey(sm, page);
});
afterAll(async () => {
  await sm?.close();
});

const firstResult = () => frame.getByTestId('palette-result').first().getAttribute('data-article-id');

describe('palette search understands what agents type', () => {
  it.each([
    ['tkzc', 'refund-policy-zh'], // pinyin initials of 退款政策
    ['tuikuan', 'refund-policy-zh'], // full pinyin
    ['退款政测', 'refund-policy-zh'], // homophone slip from the IME
    ['refnud', 'refund-policy-en'], // English typo
    ['refund pol', 'refund-policy-en'], // a word still being typed
    ['快递慢', 'delivery-delay-zh'], // what customers say (a keyword)
  ])('%s finds %s', async (query, id) => {
    await frame.getByTestId('palette-search').fill(query);
    await expect.poll(firstResult).toBe(id);
  });
});

describe('KB gap report', () => {
  it('counts searches that found nothing and reports them by week, withholding personal ones', async () => {
    const search = frame.getByTestId('palette-search');
    for (const query of ['fapiao taitou', '', 'fapiao taitou', '', '13812345678']) {
      await search.fill(query);
      if (query) {
        await frame.getByTestId('palette-empty').waitFor();
        // Counted once the agent pauses (1.5 s), not on every keystroke.
        await page.waitForTimeout(1_800);
      }
    }
    const kb = await sm.context.newPage();
    await kb.goto(sm.url('kb.html'));
    await kb.getByTestId('kb-gaps-button').click();
    const dialog = kb.getByTestId('kb-gaps-dialog');
    await dialog.waitFor();
    await expect
      .poll(() => dialog.getByTestId('kb-gaps-row').evaluateAll((rows) => rows.map((r) => r.textContent)))
      .toEqual(['fapiao taitou2']);
    expect(await dialog.getByTestId('kb-gaps-summary').textContent()).toMatch(
      /Weeks \d{4}-W\d\d to \d{4}-W\d\d\. Withheld: 1\./,
    );
    await screenshot(kb, 'kb-gaps-en');
    const [download] = await Promise.all([kb.waitForEvent('download'), dialog.getByTestId('kb-gaps-download').click()]);
    const file = await download.path();
    const { readFileSync } = await import('node:fs');
    const report = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(report).toMatchObject({ format: 'seatmate-kb-gaps', misses: [{ query: 'fapiao taitou', count: 2 }] });
    expect(JSON.stringify(report)).not.toContain('13812345678');
    // Clearing asks first, then empties the counts.
    await dialog.getByTestId('kb-gaps-clear').click();
    await dialog.getByTestId('kb-gaps-clear-confirm').click();
    await dialog.getByTestId('kb-gaps-empty').waitFor();
  });
});
