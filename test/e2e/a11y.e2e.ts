import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import { expectAccessible } from '../support/axe';
import {
  launchSeatmate,
  openConsolePage,
  openPaletteByHotkey,
  waitForConsoleRegistration,
  type Seatmate,
} from '../support/launch';
import { screenshot } from '../support/screens';

const CONSOLE = `${inject('demoOrigin')}/console/`;

/**
 * axe-core on every extension page, in both languages: the popup, Options, the KB page (list and
 * an article), the dashboard (with a day of state changes), and the palette over the demo console
 * (open, with results, with the no-match message, the preview pane, the state menu, the
 * placeholder form, read mode). Any critical or serious violation, or a missing landmark, fails;
 * the rest are printed.
 */
for (const lang of ['en', 'zh-CN'] as const) {
  describe(`accessibility (${lang})`, () => {
    let sm: Seatmate;
    beforeAll(async () => {
      sm = await launchSeatmate({ lang: lang === 'en' ? 'en-US' : 'zh-CN' });
      await waitForConsoleRegistration(sm);
    });
    afterAll(async () => {
      await sm?.close();
    });

    const open = async (path: string, ready: string): Promise<Page> => {
      const page = await sm.context.newPage();
      await page.goto(sm.url(path));
      await page.getByTestId(ready).first().waitFor();
      return page;
    };

    it('the popup, with a state set', async () => {
      const page = await open('popup.html', 'state-button-talk');
      await page.setViewportSize({ width: 340, height: 560 });
      await page.getByTestId('state-button-available').click();
      await expect.poll(() => page.getByTestId('popup-current-state').getAttribute('data-state')).toBe('available');
      await expectAccessible(page, `popup ${lang}`);
      await page.close();
    });

    it('Options', async () => {
      const page = await open('options.html', 'options-site-input');
      await expectAccessible(page, `options ${lang}`);
      await page.close();
    });

    it('the KB page: the list, then an article', async () => {
      const page = await open('kb.html', 'kb-row');
      await expectAccessible(page, `kb list ${lang}`);
      await page.getByTestId('kb-row').first().click();
      await page.getByTestId('kb-view').waitFor();
      await expectAccessible(page, `kb article ${lang}`);
      await page.close();
    });

    it('the dashboard with a day of state changes', async () => {
      const popup = await open('popup.html', 'state-button-talk');
      for (const s of ['talk', 'hold', 'acw', 'available']) {
        await popup.getByTestId(`state-button-${s}`).click();
        await expect.poll(() => popup.getByTestId('popup-current-state').getAttribute('data-state')).toBe(s);
      }
      await popup.close();
      const page = await open('dashboard.html', 'dashboard-cards');
      await page.getByTestId('timeline-band').first().waitFor();
      await expectAccessible(page, `dashboard ${lang}`);
      await page.close();
    });

    describe('the palette', () => {
      let page: Page;
      let frame: Frame;
      beforeAll(async () => {
        page = await openConsolePage(sm, CONSOLE);
        frame = await openPaletteByHotkey(sm, page);
      });
      afterAll(async () => {
        await page?.close();
      });
      const type = async (text: string) => {
        await page.keyboard.press('Control+A');
        await page.keyboard.type(text);
        await expect.poll(() => frame.getByTestId('palette-search').inputValue()).toBe(text);
      };

      it('open, with the empty-search groups', async () => {
        await frame.getByTestId('palette-result').first().waitFor();
        await expectAccessible(frame, `palette open ${lang}`);
      });

      it('with results, and the preview pane', async () => {
        await type(lang === 'en' ? 'refund' : '退款');
        await frame.getByTestId('palette-result').first().waitFor();
        await expectAccessible(frame, `palette results ${lang}`);
        await page.keyboard.press('Tab');
        await frame.getByTestId('palette-preview-pane').waitFor();
        await expectAccessible(frame, `palette preview pane ${lang}`);
        await page.keyboard.press('Escape');
        await expect.poll(() => frame.getByTestId('palette-preview-pane').count()).toBe(0);
      });

      it('with the no-match message', async () => {
        await type('zzqqxxnothing');
        await frame.getByTestId('palette-empty').waitFor();
        await screenshot(page, `a11y-palette-no-match-${lang}`);
        await expectAccessible(frame, `palette no match ${lang}`);
      });

      it('the state menu', async () => {
        await page.keyboard.press('Alt+KeyS');
        await frame.getByTestId('overlay-state-menu').waitFor();
        await expectAccessible(frame, `palette state menu ${lang}`);
        await page.keyboard.press('Escape');
        await expect.poll(() => frame.getByTestId('overlay-state-menu').count()).toBe(0);
      });

      it('the placeholder form', async () => {
        await type(lang === 'en' ? 'refund policy' : '退款政策');
        await expect
          .poll(() => frame.getByTestId('palette-result').first().getAttribute('data-article-id'))
          .toMatch(/^refund-policy/);
        await page.keyboard.press('Enter');
        await frame.getByTestId('palette-placeholder-form').waitFor();
        await expectAccessible(frame, `palette placeholder form ${lang}`);
        await page.keyboard.press('Escape');
        await expect.poll(() => frame.getByTestId('palette-placeholder-form').count()).toBe(0);
      });

      it('read mode', async () => {
        await type(lang === 'en' ? 'greeting verification' : '开场白');
        await expect
          .poll(() => frame.getByTestId('palette-result').first().getAttribute('data-article-id'))
          .toMatch(/^greeting-verification/);
        await page.keyboard.press('Shift+Enter');
        await frame.getByTestId('palette-read-step').waitFor();
        await expectAccessible(frame, `palette read mode ${lang}`);
        await page.keyboard.press('Escape');
      });
    });
  });
}
