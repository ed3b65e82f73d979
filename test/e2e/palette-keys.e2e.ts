import { mkdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import {
  focusedInPalette,
  launchSeatmate,
  openConsolePage,
  openPaletteByHotkey,
  paletteVisible,
  waitForConsoleRegistration,
  type Seatmate,
} from '../support/launch';

const CONSOLE = `${inject('demoOrigin')}/console/`;
const SHOTS = '/tmp/shots-P2';

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

const openConsole = (sm: Seatmate) => openConsolePage(sm, CONSOLE);
const openPalette = openPaletteByHotkey;

const rowIds = (frame: Frame) =>
  frame.getByTestId('palette-result').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-article-id')));
const activeTestId = focusedInPalette;

/** Types into the palette's search box: every key must reach it (none may go to the page). */
async function typeIntoPalette(page: Page, frame: Frame, query: string): Promise<void> {
  await page.keyboard.type(query);
  await expect.poll(() => frame.getByTestId('palette-search').inputValue()).toBe(query);
}

/** Selects the whole search (Ctrl+A, as an agent would) and checks that it is selected. */
async function selectSearch(page: Page, frame: Frame): Promise<void> {
  await page.keyboard.press('Control+A');
  const box = frame.getByTestId('palette-search');
  expect(await box.evaluate((el: HTMLInputElement) => el.selectionEnd! - el.selectionStart! === el.value.length)).toBe(
    true,
  );
}

/**
 * Presses Escape and returns where the palette's keyboard was at the first animation frame after
 * it: a callback asked for before the palette's own handler ran, so it sees whether the search box
 * had the keyboard in the same task (as it must: a key typed before a later focus is lost).
 */
async function escapeAndReadFocus(page: Page, frame: Frame): Promise<string | null> {
  await frame.evaluate(() => {
    const w = window as Window & { __afterEsc?: string | null };
    delete w.__afterEsc;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      window.removeEventListener('keydown', onKey, true);
      requestAnimationFrame(() => {
        w.__afterEsc = (document.activeElement as HTMLElement | null)?.dataset.testid ?? null;
      });
    };
    window.addEventListener('keydown', onKey, true);
  });
  await page.keyboard.press('Escape');
  await expect
    .poll(() => frame.evaluate(() => (window as Window & { __afterEsc?: string | null }).__afterEsc !== undefined))
    .toBe(true);
  return frame.evaluate(() => (window as Window & { __afterEsc?: string | null }).__afterEsc ?? null);
}

/** Types `query` and waits until the first result is `id`. */
async function search(page: Page, frame: Frame, query: string, id: string): Promise<void> {
  await typeIntoPalette(page, frame, query);
  await expect.poll(async () => (await rowIds(frame))[0]).toBe(id);
}

describe('palette keys (en)', () => {
  let sm: Seatmate;
  beforeAll(async () => {
    sm = await launchSeatmate();
    await waitForConsoleRegistration(sm);
  });
  afterAll(async () => {
    await sm?.close();
  });

  it('shows kind, category and stale badges, and numbers the first nine rows', async () => {
    const page = await openConsole(sm);
    const frame = await openPalette(sm, page);
    await search(page, frame, 'grace period', 'premium-grace-period-en');
    const first = frame.getByTestId('palette-result').first();
    expect(await first.getByTestId('palette-result-badge-kind').textContent()).toBe('Policy');
    expect(await first.getByTestId('palette-result-badge-category').textContent()).toBe('Insurance');
    // Review-by 2026-11-01 has passed.
    expect(await first.getByTestId('palette-result-badge-stale').count()).toBe(1);
    expect(await first.getByTestId('palette-result-number').textContent()).toBe('1');
    expect(await first.locator('mark').count()).toBeGreaterThan(0);
    await shot(page, 'results-en');
    // A Chinese article in an English UI says its language; the current review-by is not stale.
    await selectSearch(page, frame);
    await search(page, frame, '退款政策', 'refund-policy-zh');
    expect(
      await frame.getByTestId('palette-result').first().getByTestId('palette-result-badge-lang').textContent(),
    ).toBe('中文');
    expect(await frame.getByTestId('palette-result').first().getByTestId('palette-result-badge-stale').count()).toBe(0);
    await page.close();
  });

  it('leaves Enter, digits and arrows to the IME while it composes', async () => {
    const page = await openConsole(sm);
    const frame = await openPalette(sm, page);
    await search(page, frame, 'refund', 'refund-policy-en');
    const fired = await frame.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('[data-testid="palette-search"]')!;
      const key = (init: KeyboardEventInit) =>
        input.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
      input.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, data: '' }));
      key({ key: 'ArrowDown', code: 'ArrowDown', isComposing: true, keyCode: 229 });
      key({ key: '2', code: 'Digit2', altKey: true, isComposing: true, keyCode: 229 });
      key({ key: 'Enter', code: 'Enter', isComposing: true, keyCode: 229 });
      // Between compositionstart and compositionend the flag alone counts.
      key({ key: 'Enter', code: 'Enter', keyCode: 13 });
      input.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '退' }));
      // The Enter Chrome sometimes sends right after compositionend, with isComposing false.
      key({ key: 'Enter', code: 'Enter', keyCode: 13 });
      return document.querySelector('[aria-selected="true"]')?.getAttribute('data-article-id');
    });
    expect(fired).toBe('refund-policy-en');
    await page.waitForTimeout(500);
    expect(await frame.getByTestId('palette-placeholder-form').count()).toBe(0);
    expect(await paletteVisible(page, sm.extensionId)).toBe(true);
    expect(await page.getByTestId('reply-box').inputValue()).toBe('');
    // The same Enter outside composition does act (the refund policy asks for its placeholders).
    await frame.evaluate(() =>
      document
        .querySelector('[data-testid="palette-search"]')!
        .dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 13, bubbles: true })),
    );
    await frame.getByTestId('palette-placeholder-form').waitFor();
    await page.close();
  });

  it('Alt+2 picks the second result; plain digits type into a search', async () => {
    const page = await openConsole(sm);
    const frame = await openPalette(sm, page);
    await page.keyboard.type('order 4');
    await expect.poll(() => frame.getByTestId('palette-search').inputValue()).toBe('order 4');
    await selectSearch(page, frame);
    await search(page, frame, 'refund', 'refund-policy-en');
    const second = (await rowIds(frame))[1]!;
    const title = await frame.locator(`[data-article-id="${second}"] .hit-title`).textContent();
    await page.keyboard.press('Alt+Digit2');
    // Every demo article with a second hit here has placeholders: the form for it opens.
    await frame.getByTestId('palette-placeholder-form').waitFor();
    expect(await frame.getByTestId('palette-placeholder-form').getAttribute('aria-label')).toBe(title);
    await page.close();
  });

  it('Tab opens a focused preview pane and Shift+Tab goes back', async () => {
    const page = await openConsole(sm);
    const frame = await openPalette(sm, page);
    await search(page, frame, 'greeting', 'greeting-verification-en');
    await page.keyboard.press('Tab');
    const pane = frame.getByTestId('palette-preview-pane');
    await pane.waitFor();
    expect(await activeTestId(frame)).toBe('palette-preview-pane');
    expect(await pane.locator('h2').textContent()).toBe('Opening greeting and identity verification');
    expect(await pane.evaluate((el) => getComputedStyle(el).overflowY)).toBe('auto');
    await shot(page, 'preview-pane-en');
    await page.keyboard.press('Shift+Tab');
    await expect.poll(() => activeTestId(frame)).toBe('palette-search');
    expect(await pane.count()).toBe(0);
    // Esc leaves the preview first, then closes.
    await page.keyboard.press('Tab');
    await pane.waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => pane.count()).toBe(0);
    expect(await paletteVisible(page, sm.extensionId)).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => paletteVisible(page, sm.extensionId)).toBe(false);
    await page.close();
  });

  it('asks for placeholders, inserts the filled text, and remembers only what is not about the customer', async () => {
    const page = await openConsole(sm);
    let frame = await openPalette(sm, page);
    await search(page, frame, 'refund policy', 'refund-policy-en');
    await page.keyboard.press('Enter');
    const form = frame.getByTestId('palette-placeholder-form');
    await form.waitFor();
    expect(await activeTestId(frame)).toBe('palette-placeholder-customerName');
    // The customer's name and the order number come from the console page (the demo site maps
    // them); the amount is not on the page.
    expect(await frame.getByTestId('palette-placeholder-customerName').inputValue()).toBe('王丽华');
    expect(await frame.getByTestId('palette-placeholder-orderNumber').inputValue()).toBe('SO-240608-1173');
    // Nothing is inserted while a value is missing: the caret goes to it.
    await page.keyboard.press('Enter');
    await frame.getByTestId('palette-placeholder-error').waitFor();
    expect(await activeTestId(frame)).toBe('palette-placeholder-amount');
    await page.keyboard.type('$25.00');
    // What came from the page stays editable.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('A-1001');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Ann <Lee>');
    await shot(page, 'placeholders-en');
    await page.keyboard.press('Enter');
    await expect.poll(() => paletteVisible(page, sm.extensionId)).toBe(false);
    // The palette hides as the insert starts; the text lands a moment later.
    await expect.poll(() => page.getByTestId('reply-box').inputValue()).toContain('Ann <Lee>, order A-1001 qualifies');
    const value = await page.getByTestId('reply-box').inputValue();
    expect(value).toContain('$25.00 goes back');
    expect(value).not.toContain('{{');
    // Reopened: the amount from this shift is filled in; the customer's name and order are not
    // remembered (the next call is another customer): they come from the page again. Esc goes back.
    frame = await openPalette(sm, page);
    await search(page, frame, 'refund policy', 'refund-policy-en');
    await frame.getByTestId('palette-insert').click();
    await form.waitFor();
    expect(await frame.getByTestId('palette-placeholder-customerName').inputValue()).toBe('王丽华');
    expect(await frame.getByTestId('palette-placeholder-orderNumber').inputValue()).toBe('SO-240608-1173');
    expect(await frame.getByTestId('palette-placeholder-amount').inputValue()).toBe('$25.00');
    // Esc gives the search box the keyboard at once: what is typed straight after it is the search's
    // (it used to be focused a frame later, and a key typed in between was lost).
    expect(await escapeAndReadFocus(page, frame)).toBe('palette-search');
    expect(await form.count()).toBe(0);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('grace');
    await expect.poll(() => frame.getByTestId('palette-search').inputValue()).toBe('grace');
    expect(await paletteVisible(page, sm.extensionId)).toBe(true);
    await page.close();
  });

  it('reads a script step by step and will not pass an unsaid must-say line', async () => {
    const page = await openConsole(sm);
    const frame = await openPalette(sm, page);
    await search(page, frame, 'greeting verification', 'greeting-verification-en');
    await page.keyboard.press('Shift+Enter');
    const step = frame.getByTestId('palette-read-step');
    await step.waitFor();
    const lines = frame.getByTestId('palette-read-line');
    expect(await step.getAttribute('data-step')).toBe('0');
    expect(await lines.first().getAttribute('data-must-say')).toBe('true');
    expect(await lines.first().getAttribute('aria-current')).toBe('true');
    // The greeting must be said first.
    await page.keyboard.press('ArrowRight');
    await frame.getByTestId('palette-read-due').waitFor();
    expect(await frame.getByTestId('palette-read-due').textContent()).toContain('Thank you for calling StarSea');
    expect(await step.getAttribute('data-step')).toBe('0');
    await page.keyboard.press('Space');
    await expect.poll(() => step.getAttribute('data-step')).toBe('1');
    await page.keyboard.press('Space');
    expect(await lines.nth(0).getAttribute('data-said')).toBe('true');
    expect(await lines.nth(1).getAttribute('aria-current')).toBe('true');
    await page.keyboard.press('PageDown');
    await frame.getByTestId('palette-read-due').waitFor();
    expect(await frame.getByTestId('palette-read-due').textContent()).toContain('last four digits');
    await shot(page, 'read-mode-en');
    expect(await step.getAttribute('data-step')).toBe('1');
    // Shift+→ skips anyway, and says so.
    await page.keyboard.press('Shift+ArrowRight');
    await expect.poll(() => step.getAttribute('data-step')).toBe('2');
    expect(await frame.getByTestId('palette-read-skipped').textContent()).toContain('2');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => step.getAttribute('data-step')).toBe('1');
    // Nothing was inserted; the palette is still over the console; Esc leaves read mode first.
    expect(await page.getByTestId('reply-box').inputValue()).toBe('');
    expect(await escapeAndReadFocus(page, frame)).toBe('palette-search');
    await frame.getByTestId('palette-results').waitFor();
    expect(await paletteVisible(page, sm.extensionId)).toBe(true);
    await page.close();
  });

  it('lists pinned, then recently used articles when the search is empty; 1–9 pick', async () => {
    const kb = await sm.context.newPage();
    await kb.goto(sm.url('kb.html'));
    await kb.getByTestId('kb-search').fill('hold');
    await kb.locator('[data-testid="kb-row"][data-article-id="hold-script-en"]').click();
    await kb.getByTestId('kb-pin').click();
    await expect.poll(() => kb.getByTestId('kb-pin').getAttribute('aria-pressed')).toBe('true');
    await kb.close();
    const page = await openConsole(sm);
    const frame = await openPalette(sm, page);
    const groups = frame.getByTestId('palette-group');
    // The demo console names its case subject as page context: suggestions for it come first.
    // (An article already suggested is not listed again under recent.)
    await expect.poll(() => groups.first().getAttribute('data-group')).toBe('suggested');
    const order = await groups.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-group')));
    expect(order.slice(0, 2)).toEqual(['suggested', 'pinned']);
    expect(order.at(-1)).toBe('all');
    const pinned = frame.locator('[data-testid="palette-group"][data-group="pinned"]');
    expect(await pinned.getByTestId('palette-result').first().getAttribute('data-article-id')).toBe('hold-script-en');
    expect(await frame.getByTestId('palette-result-number').count()).toBe(9);
    // With the search empty, a plain digit picks the nth row: find the refund policy's number.
    const ids = await frame
      .getByTestId('palette-result')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-article-id')));
    const n = ids.indexOf('refund-policy-en') + 1;
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(9);
    await page.keyboard.press(String(n));
    await frame.getByTestId('palette-placeholder-form').waitFor();
    expect(await frame.getByTestId('palette-search').inputValue()).toBe('');
    await page.close();
  });

  it('takes a query or page context sent for its own nonce only', async () => {
    const page = await openConsole(sm);
    const frame = await openPalette(sm, page);
    // The content script sends the page's own context (the case subject) once the palette has the
    // keyboard; let it arrive first, so it cannot overtake the messages this test sends.
    await expect.poll(() => frame.getByTestId('palette-group').first().getAttribute('data-group')).toBe('suggested');
    const nonce = new URL(frame.url()).hash.slice(1);
    const worker = await sm.worker();
    const send = (msg: object) => worker.evaluate((m) => chrome.runtime.sendMessage(m), msg);
    expect(await send({ type: 'palette/prefill', nonce, query: 'hold' })).toEqual({ ok: true });
    await expect.poll(() => frame.getByTestId('palette-search').inputValue()).toBe('hold');
    // The query is selected in the focused search box, so typing replaces it.
    await expect
      .poll(() =>
        frame.evaluate(() => {
          const input = document.activeElement as HTMLInputElement;
          return `${input.dataset.testid} ${input.selectionStart}-${input.selectionEnd}`;
        }),
      )
      .toBe('palette-search 0-4');
    // Page context never replaces what the agent typed; with the search emptied it ranks suggestions.
    await send({ type: 'palette/prefill', nonce, query: '', context: 'Customer wants to cancel the insurance policy' });
    await page.waitForTimeout(200);
    expect(await frame.getByTestId('palette-search').inputValue()).toBe('hold');
    await page.keyboard.press('Backspace');
    await expect.poll(() => frame.getByTestId('palette-group').first().getAttribute('data-group')).toBe('suggested');
    expect(
      await frame
        .getByTestId('palette-group')
        .first()
        .getByTestId('palette-result')
        .first()
        .getAttribute('data-article-id'),
    ).toMatch(/^policy-cancellation/);
    // Another overlay's nonce changes nothing.
    await send({ type: 'palette/prefill', nonce: 'B'.repeat(32), query: 'refund' }).catch(() => null);
    await page.waitForTimeout(300);
    expect(await frame.getByTestId('palette-search').inputValue()).toBe('');
    await page.close();
  });
});

describe('palette in Chinese', () => {
  let sm: Seatmate;
  beforeAll(async () => {
    sm = await launchSeatmate({ lang: 'zh-CN' });
    await waitForConsoleRegistration(sm);
  });
  afterAll(async () => {
    await sm?.close();
  });

  it('shows badges, the placeholder form and read mode in Chinese', async () => {
    const page = await openConsole(sm);
    const frame = await openPalette(sm, page);
    await search(page, frame, '宽限期', 'premium-grace-period-zh');
    const first = frame.getByTestId('palette-result').first();
    expect(await first.getByTestId('palette-result-badge-kind').textContent()).toBe('政策');
    expect(await first.getByTestId('palette-result-badge-stale').textContent()).toBe('待复核');
    await shot(page, 'results-zh');
    await page.keyboard.press('Enter');
    await frame.getByTestId('palette-placeholder-form').waitFor();
    expect(await frame.getByTestId('palette-placeholder-date').getAttribute('type')).toBe('date');
    await shot(page, 'placeholders-zh');
    await page.keyboard.press('Escape');
    await expect.poll(() => activeTestId(frame)).toBe('palette-search');
    await page.keyboard.press('Control+A');
    await search(page, frame, '开场白', 'greeting-verification-zh');
    await page.keyboard.press('Shift+Enter');
    await frame.getByTestId('palette-read-step').waitFor();
    await page.keyboard.press('ArrowRight');
    await frame.getByTestId('palette-read-due').waitFor();
    await shot(page, 'read-mode-zh');
    await page.close();
  });
});
