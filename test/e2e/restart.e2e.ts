import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  launchSeatmate,
  openConsolePage,
  openPaletteByHotkey,
  waitForConsoleRegistration,
  type Seatmate,
} from '../support/launch';

const origin = inject('demoOrigin');

let sm: Seatmate;
beforeAll(async () => {
  sm = await launchSeatmate();
  await waitForConsoleRegistration(sm);
});
afterAll(async () => {
  await sm?.close();
});

describe('service-worker restart', () => {
  it('keeps settings, registrations and the open palette working after the worker is stopped', async () => {
    // Change a setting through the UI.
    const options = await sm.context.newPage();
    await options.goto(sm.url('options.html'));
    await options.getByTestId('options-language').selectOption('zh-CN');
    await expect.poll(() => options.locator('h1').textContent()).toBe('Seatmate 设置');

    // Open the palette on the console before the restart.
    const page = await openConsolePage(sm, `${origin}/console/`);
    const frame = await openPaletteByHotkey(sm, page);

    // Stop the service worker through the DevTools protocol and watch it stop.
    const statuses: string[] = [];
    const cdp = await sm.context.newCDPSession(options);
    cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
      for (const v of e.versions) if (v.scriptURL === sm.url('background.js')) statuses.push(v.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    // (Anything in flight may start it again at once: that it stopped is what counts.)
    await expect.poll(() => statuses.includes('stopped')).toBe(true);
    const stoppedAt = statuses.indexOf('stopped');

    // Esc goes through the background: a new worker starts and still knows this palette's nonce.
    await frame.getByTestId('palette-search').focus();
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await frame.frameElement()).isVisible()).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('reply-box');
    expect(statuses.slice(stoppedAt)).toContain('running');

    // Settings and the content-script registration are still there.
    const stored = await options.evaluate(() => chrome.storage.local.get('settings'));
    expect(stored.settings).toMatchObject({ language: 'zh-CN', consoleSites: ['http://localhost/console/*'] });
    const matches = await options.evaluate(async () =>
      (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.matches),
    );
    expect(matches).toEqual([['http://localhost/console/*']]);
    await options.reload();
    await expect.poll(() => options.locator('h1').textContent()).toBe('Seatmate 设置');

    // And the palette still opens on a fresh console tab.
    const fresh = await openConsolePage(sm, `${origin}/console/`);
    await openPaletteByHotkey(sm, fresh);
    await fresh.close();
    await page.close();
    await options.close();
  });
});
