import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchSeatmate, type Seatmate } from '../support/launch';
import { screenshot } from '../support/screens';

let sm: Seatmate;
beforeAll(async () => {
  sm = await launchSeatmate({ lang: 'zh-CN' });
});
afterAll(async () => {
  await sm?.close();
});

describe('popup', () => {
  it('follows the browser language and records state changes that outlive the page', async () => {
    const page = await sm.context.newPage();
    await page.setViewportSize({ width: 340, height: 420 });
    await page.goto(sm.url('popup.html'));
    await expect.poll(() => page.getByTestId('popup-current-state').getAttribute('data-state')).toBe('none');
    expect(await page.getByTestId('state-button-talk').textContent()).toBe('通话中');
    await page.getByTestId('state-button-talk').click();
    await expect.poll(() => page.getByTestId('popup-current-state').getAttribute('data-state')).toBe('talk');
    await page.getByTestId('state-button-hold').click();
    await expect.poll(() => page.getByTestId('popup-current-state').getAttribute('data-state')).toBe('hold');
    // Today's figures follow the ledger: one contact (talk then hold), 100% occupancy so far.
    await expect.poll(() => page.getByTestId('popup-today-contacts').textContent()).toBe('1');
    await expect.poll(() => page.getByTestId('popup-today-occupancy').textContent()).toBe('100%');
    // Hold → Training ends the call: "Other…" opens the codes, and Training asks once before it is set.
    await page.getByTestId('state-other').click();
    await page.getByTestId('state-code-training').click();
    await expect.poll(() => page.getByTestId('state-code-training').getAttribute('data-armed')).toBe('true');
    expect(await page.getByTestId('popup-current-state').getAttribute('data-state')).toBe('hold');
    await page.getByTestId('state-code-training').click();
    await expect.poll(() => page.getByTestId('popup-current-state').getAttribute('data-state')).toBe('other');
    expect(await page.getByTestId('popup-current-state').textContent()).toContain('培训');
    await page.getByTestId('state-button-hold').click();
    await screenshot(page, 'popup-zh');
    await page.reload();
    await expect.poll(() => page.getByTestId('popup-current-state').getAttribute('data-state')).toBe('hold');
    expect(await page.getByTestId('state-button-hold').getAttribute('aria-pressed')).toBe('true');
    await page.close();
  });
});
