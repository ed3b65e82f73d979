import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  launchSeatmate,
  openConsolePage,
  openPaletteByHotkey,
  paletteVisible,
  waitForConsoleRegistration,
  type Seatmate,
} from '../support/launch';
import { screenshot } from '../support/screens';
import { clickInToast } from '../support/toast';

/**
 * Around breaks and hard calls, on the demo console, in English and in Chinese (one browser each):
 * the mood check-in at shift start, a tough call marked from the palette's state menu and the
 * breathing minute offered after it (never forced), the break page with the time left, the guided
 * exercises and the "back in 1 min" cue, and My time showing the tough-call count and the mood
 * trend. In English, also a wellbeing setting locked by policy in Options. Real time throughout:
 * nothing here waits for a reminder to fall due, and nothing reads today's date.
 */

const origin = inject('demoOrigin');
const CONSOLE = `${origin}/console/`;
const HAN = /[\u4e00-\u9fff]/;

interface WellbeingRow {
  id: number;
  at: number;
  kind: string;
  outcome: string;
  phase?: string;
  mood?: number;
  words?: string;
  ref?: number;
}

/** Every row of a Dexie table, read with raw IndexedDB from an extension page. */
function table<T>(page: Page, name: string): Promise<T[]> {
  return page.evaluate(
    (store) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('seatmate');
        open.onerror = () => reject(open.error ?? new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction(store).objectStore(store).getAll();
          all.onsuccess = () => {
            db.close();
            resolve(all.result as T[]);
          };
          all.onerror = () => reject(all.error ?? new Error('read failed'));
        };
      }),
    name,
  );
}

/** A change to the agent's stored settings, as Options would make it. */
function patchSettings(page: Page, patch: Record<string, unknown>): Promise<void> {
  return page.evaluate(async (change) => {
    const { settings } = (await chrome.storage.local.get('settings')) as { settings?: Record<string, unknown> };
    await chrome.storage.local.set({ settings: { ...settings, ...change } });
  }, patch);
}

const LANGS = [
  { lang: 'en', locale: 'en-US' },
  { lang: 'zh', locale: 'zh-CN' },
] as const;

for (const { lang, locale } of LANGS) {
  describe(`wellbeing around breaks and hard calls (${lang})`, () => {
    const zh = lang === 'zh';
    let sm: Seatmate;
    let reader: Page;
    let consolePage: Page;
    let breakPage: Page | null = null;

    const rows = () => table<WellbeingRow>(reader, 'wellbeingEvents');
    const lastState = async () =>
      (await table<{ id: number; state: string }>(reader, 'stateEvents')).sort((a, b) => a.id - b.id).at(-1)?.state;
    /** Clicks a demo-console button without moving the keyboard (as a CTI event would). */
    const simulate = (testId: string) =>
      consolePage.evaluate(
        (id) => (document.querySelector(`[data-testid="${id}"]`) as HTMLButtonElement).click(),
        testId,
      );
    const toastFrame = async (): Promise<Frame> => {
      const isToast = (f: Frame) => f.url().startsWith(sm.url('toast.html'));
      await expect.poll(() => consolePage.frames().some(isToast), { timeout: 15_000 }).toBe(true);
      return consolePage.frames().find(isToast)!;
    };
    const toastShown = async () => (await (await toastFrame()).frameElement()).isVisible();
    /** The palette opened by its hotkey from the reply box, with its state menu open (Alt+S). */
    const openStateMenu = async (): Promise<Frame> => {
      await consolePage.bringToFront();
      await consolePage.getByTestId('reply-box').click();
      const frame = await openPaletteByHotkey(sm, consolePage);
      await consolePage.keyboard.press('Alt+KeyS');
      await frame.locator('[data-testid="overlay-state-menu"] .state-picker[data-loaded="true"]').waitFor();
      return frame;
    };
    const closePalette = async (frame: Frame) => {
      const menu = frame.getByTestId('overlay-state-menu');
      if ((await menu.count()) > 0) {
        await consolePage.keyboard.press('Escape');
        await expect.poll(() => menu.count()).toBe(0);
      }
      await consolePage.keyboard.press('Escape');
      await expect.poll(() => paletteVisible(consolePage, sm.extensionId)).toBe(false);
    };

    beforeAll(async () => {
      sm = await launchSeatmate({ lang: locale });
      await waitForConsoleRegistration(sm);
      reader = await sm.context.newPage();
      await reader.goto(sm.url('popup.html'));
      await reader.locator('.state-picker[data-loaded="true"]').waitFor();
      consolePage = await openConsolePage(sm, CONSOLE);
      await consolePage.getByTestId('call-state').waitFor();
    });
    afterAll(async () => {
      await sm?.close();
    });

    it('asks for the mood as the shift starts (in the toast, keyboard left alone) and records the answer', async () => {
      // The shift begins: the agent makes themself available (the popup's button).
      expect(await lastState()).toBeUndefined();
      await reader.getByTestId('state-button-available').click();
      await expect.poll(lastState).toBe('available');
      const toast = await toastFrame();
      await expect.poll(toastShown, { timeout: 10_000 }).toBe(true);
      const checkIn = toast.getByTestId('wellbeing-mood');
      await checkIn.waitFor();
      expect(await checkIn.getAttribute('data-phase')).toBe('start');
      expect(await checkIn.textContent()).toMatch(zh ? /开始上班/ : /shift starts/);
      expect(await toast.getByTestId('wellbeing-mood-save').isDisabled()).toBe(true);
      // The check-in took nothing from the reply box.
      expect(await consolePage.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('reply-box');
      await screenshot(consolePage, `wellbeing-mood-checkin-${lang}`);

      const mood = zh ? 2 : 4;
      const words = zh ? '有点累' : 'rested, ready';
      await clickInToast(toast, `wellbeing-mood-${mood}`);
      await toast.getByTestId('wellbeing-mood-words').fill(words);
      await clickInToast(toast, 'wellbeing-mood-save');
      await expect.poll(toastShown, { timeout: 5_000 }).toBe(false);
      const answered = (await rows()).filter((r) => r.kind === 'mood' && r.outcome === 'answered');
      expect(answered.map((r) => [r.phase, r.mood, r.words])).toEqual([['start', mood, words]]);
    });

    it('marks the call that just ended as tough from the state menu, and offers a breathing minute before the next call', async () => {
      await simulate('sim-ring');
      await simulate('sim-answer');
      await expect.poll(lastState).toBe('talk');
      await simulate('sim-hangup');
      await expect.poll(lastState).toBe('acw');

      const palette = await openStateMenu();
      await palette.getByTestId('overlay-tough-call').click();
      await expect
        .poll(() => palette.getByTestId('overlay-tough-result').textContent())
        .toBe(zh ? '已标记为难熬的通话，只有你自己看得到。' : 'Marked as a tough call. Only you can see this.');
      const stateRows = await table<{ at: number; state: string }>(reader, 'stateEvents');
      const callStart = stateRows.filter((r) => r.state === 'talk').at(-1)!.at;
      const tough = (await rows()).filter((r) => r.kind === 'tough');
      expect(tough.map((r) => [r.outcome, r.ref])).toEqual([['marked', callStart]]);
      // A second press is about the same call: nothing more is counted.
      await palette.getByTestId('overlay-tough-call').click();
      await expect
        .poll(() => palette.getByTestId('overlay-tough-result').textContent())
        .toBe(zh ? '这通电话已经标记过了。' : 'This call is already marked as tough.');
      expect((await rows()).filter((r) => r.kind === 'tough')).toHaveLength(1);
      await closePalette(palette);

      // The offer waits in the toast, in after-call work, before the next call.
      const toast = await toastFrame();
      await expect.poll(toastShown, { timeout: 10_000 }).toBe(true);
      const offer = toast.getByTestId('wellbeing-breathing-offer');
      await offer.waitFor();
      expect(await offer.textContent()).toMatch(zh ? /慢慢呼吸/ : /slow breathing/);
      expect((await rows()).some((r) => r.kind === 'breathing' && r.outcome === 'shown' && r.ref === callStart)).toBe(
        true,
      );
      // The minute of paced breathing runs, and Stop ends it at any time (the offer stays).
      await clickInToast(toast, 'wellbeing-breathing-start');
      const breathing = toast.getByTestId('wellbeing-breathing');
      await breathing.waitFor();
      expect(await breathing.getAttribute('data-phase')).toBe('in');
      await screenshot(consolePage, `wellbeing-breathing-${lang}`);
      await clickInToast(toast, 'wellbeing-breathing-stop');
      await offer.waitFor();

      if (zh) {
        // "Not now" is recorded, and the offer goes.
        await clickInToast(toast, 'wellbeing-breathing-skip');
        await expect.poll(toastShown, { timeout: 5_000 }).toBe(false);
        expect(
          (await rows()).filter((r) => r.kind === 'breathing' && r.outcome !== 'shown').map((r) => r.outcome),
        ).toEqual(['skipped']);
      } else {
        // Never forced: the next call starts with the offer unanswered; it goes, and does not come back after it.
        await simulate('sim-ready');
        await simulate('sim-ring');
        await simulate('sim-answer');
        await expect.poll(toastShown, { timeout: 5_000 }).toBe(false);
        await simulate('sim-hangup');
        await expect.poll(lastState).toBe('acw');
        await (
          await sm.worker()
        ).evaluate(() =>
          (
            globalThis as unknown as { __seatmateTest: { wellbeingRefresh(): Promise<void> } }
          ).__seatmateTest.wellbeingRefresh(),
        );
        expect(await toastShown()).toBe(false);
        expect((await rows()).filter((r) => r.kind === 'breathing').map((r) => r.outcome)).toEqual(['shown']);
      }
      expect((await rows()).filter((r) => r.kind === 'tough')).toHaveLength(1);
    });

    it(`opens the break page when a break starts (from the ${zh ? 'state menu' : 'popup'}): time left, guided exercises, "back in 1 min"`, async () => {
      const breakUrl = sm.url('break.html');
      if (zh) {
        const palette = await openStateMenu();
        await palette.getByTestId('state-button-break').click();
        await expect.poll(() => palette.getByTestId('overlay-state-menu').count()).toBe(0);
        await consolePage.keyboard.press('Escape');
      } else {
        await reader.bringToFront();
        // The popup must show the state the agent is in (ACW, after the last call) before the
        // click: a popup still showing the call would, rightly, ask to confirm a break that ends it.
        // (A CI run clicked while the popup, a background tab till then, still showed the call.)
        await expect.poll(() => reader.getByTestId('popup-current-state').getAttribute('data-state')).toBe('acw');
        await reader.getByTestId('state-button-break').click();
      }
      await expect.poll(lastState).toBe('break');
      await expect
        .poll(() => sm.context.pages().some((p) => p.url().startsWith(breakUrl)), { timeout: 10_000 })
        .toBe(true);
      breakPage = sm.context.pages().find((p) => p.url().startsWith(breakUrl))!;
      const page = breakPage;
      await page.getByTestId('break-page').waitFor();

      // The time left: the whole 30-minute allowance (no break yet this shift), counting down.
      const left = page.getByTestId('break-time-left');
      await left.waitFor();
      const ms = Number(await left.getAttribute('data-ms'));
      expect(ms).toBeGreaterThan(29 * 60_000);
      expect(ms).toBeLessThanOrEqual(30 * 60_000);
      expect(await left.textContent()).toMatch(zh ? /^(29|30):\d\d 剩余$/ : /^(29|30):\d\d left$/);
      await expect.poll(async () => Number(await left.getAttribute('data-ms'))).toBeLessThan(ms);
      expect(await page.locator('h1').textContent()).toBe(zh ? '你正在休息' : 'You are on your break');
      expect(await page.getByTestId('break-back-soon').count()).toBe(0);

      // At least 12 guided exercises, each with its drawing (an SVG that loaded), its steps and a timer.
      const cards = await page.getByTestId('break-exercise').evaluateAll((els) =>
        Promise.all(
          els.map(async (el) => {
            const img = el.querySelector('img.exercise-art') as HTMLImageElement | null;
            if (img && !img.complete) await new Promise((r) => img.addEventListener('load', r, { once: true }));
            return {
              id: el.getAttribute('data-exercise'),
              title: el.querySelector('h3')?.textContent ?? '',
              svg: img?.src ?? '',
              drawn: (img?.naturalWidth ?? 0) > 0,
              steps: [...el.querySelectorAll('.exercise-steps li')].map((li) => li.textContent ?? ''),
              length: el.querySelector('.exercise-length')?.textContent ?? '',
              start: el.querySelector('[data-testid="break-exercise-start"]') !== null,
            };
          }),
        ),
      );
      expect(cards.length).toBeGreaterThanOrEqual(12);
      expect(new Set(cards.map((c) => c.id)).size).toBe(cards.length);
      for (const c of cards) {
        expect(c.svg, c.id!).toMatch(/^data:image\/svg\+xml|\.svg$/);
        expect(c.drawn, `${c.id} drawing`).toBe(true);
        expect(c.steps.length, `${c.id} steps`).toBeGreaterThan(0);
        expect(c.start, `${c.id} timer`).toBe(true);
        expect(c.length).toMatch(zh ? /^\d+ 秒/ : /^\d+ s/);
        if (zh) {
          expect(c.title).toMatch(HAN);
          for (const s of c.steps) expect(s).toMatch(HAN);
        }
      }
      // Grouped by body area, with paced breathing among them.
      const areas = await page.locator('section.break-area h2').evaluateAll((els) => els.map((e) => e.id));
      expect(areas).toEqual(
        expect.arrayContaining(
          ['neck', 'shoulders', 'wrists', 'fingers', 'back', 'eyes', 'breathing', 'voice'].map((a) => `area-${a}`),
        ),
      );
      expect(await page.getByTestId('break-breathing-start').count()).toBe(1);

      // One exercise's timer walks through its steps.
      const first = page.getByTestId('break-exercise').first();
      await first.getByTestId('break-exercise-start').click();
      const step = first.getByTestId('break-exercise-step');
      await step.waitFor();
      const stepText = zh ? /^第 1\/\d+ 步 · (\d+) 秒$/ : /^Step 1 of \d+ · (\d+) s$/;
      const seconds = async () =>
        Number(stepText.exec((await step.locator('.exercise-step-count').textContent()) ?? '')?.[1]);
      const atStart = await seconds();
      expect(atStart).toBeGreaterThan(1);
      await expect.poll(seconds, { timeout: 5_000 }).toBeLessThan(atStart);
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, `wellbeing-break-page-${lang}`);
      await first.getByTestId('break-exercise-stop').click();
      await first.getByTestId('break-exercise-start').waitFor();

      // With a 1-minute allowance the break is in its last minute: "back in 1 min", in the tab title too.
      await patchSettings(reader, { schedule: { breakMinutes: 1, lunchMinutes: 60 } });
      const backSoon = page.getByTestId('break-back-soon');
      await backSoon.waitFor();
      expect(await backSoon.textContent()).toBe(zh ? '1 分钟后回来' : 'Back in 1 min');
      await expect.poll(() => page.title()).toBe(zh ? '⏰ 1 分钟后回来' : '⏰ Back in 1 min');
      expect(Number(await left.getAttribute('data-ms'))).toBeLessThanOrEqual(60_000);
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, `wellbeing-break-back-soon-${lang}`);

      // Back to work: the break page says so.
      await reader.getByTestId('state-button-available').click();
      await expect.poll(lastState).toBe('available');
      await page.getByTestId('break-not-on-break').waitFor();
    });

    it('shows the tough-call count and the mood trend in My time', async () => {
      const dash = await sm.context.newPage();
      await dash.goto(sm.url('dashboard.html'));
      await dash.getByTestId('wellbeing-stats').waitFor({ timeout: 15_000 });
      await expect.poll(() => dash.getByTestId('wellbeing-stat-tough-value').textContent()).toBe('1');
      const days = dash.getByTestId('wellbeing-mood-days').locator('li');
      await expect.poll(() => days.count()).toBe(1);
      expect(await days.getAttribute('data-average')).toBe(zh ? '2' : '4');
      await dash.getByTestId('wellbeing-mood-chart').waitFor();
      expect(await dash.getByTestId('wellbeing-mood-empty').count()).toBe(0);
      await dash.getByTestId('wellbeing-stat-tough').evaluate((el) => el.scrollIntoView({ block: 'start' }));
      await screenshot(dash, `wellbeing-my-time-${lang}`);
      await dash.close();
    });

    if (!zh) {
      it('shows a wellbeing setting set by policy as locked in Options, and it cannot be changed', async () => {
        const options = await sm.context.newPage();
        // Enterprise policy is read from managed storage, which only the operating system's policy
        // files can fill; this page reads a policy that sets the eye interval and the break page.
        await options.addInitScript(() => {
          const policy = { wellbeing: { breakPage: true, prompts: { eyes: { minutes: 30 } } } };
          const managed = chrome.storage.managed as unknown as { get: (...args: unknown[]) => unknown };
          managed.get = (...args: unknown[]) => {
            const callback = args.find((a) => typeof a === 'function') as ((v: unknown) => void) | undefined;
            if (callback) return callback(policy);
            return Promise.resolve(policy);
          };
        });
        await options.goto(sm.url('options.html'));
        const section = options.getByTestId('options-wellbeing');
        await section.waitFor();
        const badge = (field: string) =>
          section.locator(`[data-testid="wellbeing-source"][data-field="${field}"][data-source="policy"]`);
        await expect.poll(() => badge('prompts.eyes.minutes').count()).toBe(1);
        expect(await badge('prompts.eyes.minutes').textContent()).toMatch(/🔒/);
        expect(await badge('breakPage').count()).toBe(1);
        const eyes = section.getByTestId('wellbeing-prompt-eyes-minutes');
        const breakPageBox = section.getByTestId('wellbeing-break-page');
        expect(await eyes.inputValue()).toBe('30');
        expect(await eyes.isDisabled()).toBe(true);
        expect(await breakPageBox.isChecked()).toBe(true);
        expect(await breakPageBox.isDisabled()).toBe(true);
        // A click on the locked box changes nothing, and nothing is stored.
        await breakPageBox.click({ force: true });
        expect(await breakPageBox.isChecked()).toBe(true);
        // What is not locked can still be changed.
        expect(await section.getByTestId('wellbeing-prompt-posture-minutes').isDisabled()).toBe(false);
        const stored = (await options.evaluate(() => chrome.storage.local.get('settings'))) as {
          settings?: { wellbeing?: { breakPage?: boolean; prompts?: { eyes?: unknown } } };
        };
        expect(stored.settings?.wellbeing?.breakPage).toBeUndefined();
        expect(stored.settings?.wellbeing?.prompts?.eyes).toBeUndefined();
        await section.getByTestId('wellbeing-break-page').scrollIntoViewIfNeeded();
        await screenshot(options, 'wellbeing-options-locked-en');
        await options.close();
      });
    }
  });
}
