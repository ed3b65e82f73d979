import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Frame, Page } from 'playwright-core';
import sample from '../../assets/demo/sample-kb.json';
import {
  launchSeatmate,
  openConsolePage,
  openPaletteByHotkey,
  paletteVisible,
  waitForConsoleRegistration,
  type Seatmate,
} from '../support/launch';
import { screenshot } from '../support/screens';

const CONSOLE = `${inject('demoOrigin')}/console/`;

interface SampleArticle {
  id: string;
  replies: { label: string; text: string }[];
  notes: string;
}
const article = (id: string) => (sample.articles as SampleArticle[]).find((a) => a.id === id)!;
/** The start of each guidance item in an article's notes: none of it may reach the customer. */
const noteMarks = (id: string) =>
  article(id)
    .notes.split('\n')
    .filter((l) => l.startsWith('- '))
    .map((l) => l.slice(2, 14));

async function typeSearch(frame: Frame, page: Page, query: string, id: string): Promise<void> {
  await page.keyboard.type(query);
  await expect.poll(() => frame.getByTestId('palette-search').inputValue()).toBe(query);
  await expect.poll(() => frame.getByTestId('palette-result').first().getAttribute('data-article-id')).toBe(id);
}

async function fillForm(frame: Frame): Promise<void> {
  const form = frame.getByTestId('palette-placeholder-form');
  await form.waitFor();
  for (const input of await form.locator('input[type="text"]').all()) await input.fill('Ann');
  for (const input of await form.locator('input[type="date"]').all()) await input.fill('2026-12-01');
  await frame.getByTestId('palette-placeholder-submit').click();
}

for (const lang of ['en', 'zh-CN'] as const) {
  const zh = lang === 'zh-CN';
  describe(`only the reply goes to the customer (${lang})`, () => {
    let sm: Seatmate;
    beforeAll(async () => {
      sm = await launchSeatmate({ lang: zh ? 'zh-CN' : 'en-US' });
      await waitForConsoleRegistration(sm);
    });
    afterAll(async () => {
      await sm?.close();
    });

    it('Enter on a misspelt search inserts the reply alone, within the box, and Send stays possible', async () => {
      const page = await openConsolePage(sm, CONSOLE);
      const frame = await openPaletteByHotkey(sm, page);
      const id = zh ? 'refund-policy-zh' : 'refund-policy-en';
      await typeSearch(frame, page, zh ? '退款' : 'refnud', id);
      // The count is against the reply box's maxlength (500), before anything is inserted.
      const count = frame.getByTestId('palette-char-count');
      await expect.poll(() => count.getAttribute('data-room')).toBe('500');
      expect(Number(await count.getAttribute('data-length'))).toBeLessThan(500);
      // The notes are shown beside the reply, apart.
      expect(await frame.getByTestId('palette-preview-notes').count()).toBe(1);
      await screenshot(page, `palette-reply-${lang}`);
      await page.keyboard.press('Enter');
      await fillForm(frame);
      await expect.poll(() => paletteVisible(page, sm.extensionId)).toBe(false);
      // The palette hides as the insert starts; the text lands a moment later.
      await expect.poll(() => page.getByTestId('reply-box').inputValue()).toContain('Ann');
      const value = await page.getByTestId('reply-box').inputValue();
      expect(value.length).toBeLessThanOrEqual(500);
      expect(value).not.toMatch(zh ? /不要承诺|办理步骤|适用条件/ : /Never promise|Eligibility|Steps/);
      for (const mark of noteMarks(id)) expect(value).not.toContain(mark);
      expect(await page.getByTestId('reply-send').isDisabled()).toBe(false);
      await page.close();
    });

    it('Tab, then ↓ and Enter, inserts the chosen variant only', async () => {
      const page = await openConsolePage(sm, CONSOLE);
      const frame = await openPaletteByHotkey(sm, page);
      const id = zh ? 'policy-cancellation-zh' : 'policy-cancellation-en';
      await typeSearch(frame, page, zh ? '退保' : 'cancel policy', id);
      await page.keyboard.press('Tab');
      await frame.getByTestId('palette-parts').waitFor();
      const parts = frame.getByTestId('palette-part');
      expect(await parts.count()).toBeGreaterThanOrEqual(2);
      await page.keyboard.press('ArrowDown'); // the first part
      await page.keyboard.press('ArrowDown'); // the second variant
      await expect.poll(() => parts.nth(1).getAttribute('aria-selected')).toBe('true');
      await screenshot(page, `palette-parts-${lang}`);
      await page.keyboard.press('Enter');
      const second = article(id).replies[1]!.text;
      // The second variant has no placeholders: it goes in at once.
      await expect.poll(() => page.getByTestId('reply-box').inputValue()).toBe(second);
      await page.close();
    });

    it('flags an article as outdated from the preview; the KB gap report lists it and can take it back', async () => {
      const page = await openConsolePage(sm, CONSOLE);
      const frame = await openPaletteByHotkey(sm, page);
      const id = zh ? 'hold-script-zh' : 'hold-script-en';
      await typeSearch(frame, page, zh ? '等待' : 'hold', id);
      await page.keyboard.press('Tab');
      await frame.getByTestId('palette-flag-outdated').waitFor();
      await page.keyboard.press('Alt+KeyO');
      await expect.poll(() => frame.getByTestId('palette-flag-outdated').getAttribute('aria-pressed')).toBe('true');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      const kb = await sm.context.newPage();
      await kb.goto(sm.url('kb.html'));
      await kb.getByTestId('kb-gaps-button').click();
      const row = kb.locator(`[data-testid="kb-gaps-outdated-row"][data-article-id="${id}"]`);
      await row.waitFor();
      expect(await row.textContent()).toMatch(/\d{4}-W\d{2}/);
      await screenshot(kb, `kb-gaps-outdated-${lang}`);
      await row.getByTestId('kb-gaps-unflag').click();
      await expect.poll(() => row.count()).toBe(0);
      await kb.close();
      await page.close();
    });
  });
}

describe('an older article without a marked reply', () => {
  let sm: Seatmate;
  beforeAll(async () => {
    sm = await launchSeatmate();
    await waitForConsoleRegistration(sm);
  });
  afterAll(async () => {
    await sm?.close();
  });

  it('is marked in the KB page, inserts whole, and its text can be moved to the notes', async () => {
    const kb = await sm.context.newPage();
    await kb.goto(sm.url('kb.html'));
    await kb.waitForFunction(() => document.querySelectorAll('[data-testid="kb-row"]').length >= 20);
    const file = JSON.stringify({
      schemaVersion: 1,
      articles: [
        {
          id: 'legacy-note',
          lang: 'en',
          title: 'Legacy courier note',
          body: 'Say sorry.\n\n### Internal\nCheck the courier.',
        },
      ],
    });
    await kb
      .getByTestId('kb-import-file')
      .setInputFiles({ name: 'old.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await kb.getByTestId('kb-import-confirm').click();
    await expect.poll(() => kb.getByTestId('kb-import-result').textContent()).toMatch(/1 new/);
    await kb.getByTestId('kb-import-cancel').click();
    const row = kb.locator('[data-testid="kb-row"][data-article-id="legacy-note"]');
    await row.click();
    await kb.getByTestId('kb-legacy-badge').first().waitFor();
    // In the palette it says so, and Enter inserts all of it.
    const page = await openConsolePage(sm, CONSOLE);
    const frame = await openPaletteByHotkey(sm, page);
    await typeSearch(frame, page, 'legacy courier', 'legacy-note');
    expect(await frame.getByTestId('palette-preview-whole').count()).toBe(1);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('reply-box').inputValue()).toContain('Check the courier.');
    await page.close();
    // The author moves the text to the notes and writes the reply: the badge goes.
    await kb.getByTestId('kb-edit').click();
    await kb.getByTestId('kb-body-to-notes').click();
    await kb.getByTestId('kb-field-reply').first().fill('Sorry for the wait, {{customerName}}.');
    await kb.getByTestId('kb-save').click();
    await expect.poll(() => kb.getByTestId('kb-editor').count()).toBe(0);
    expect(await kb.getByTestId('kb-view-reply').textContent()).toContain('Sorry for the wait');
    expect(await kb.getByTestId('kb-view-notes').textContent()).toContain('Check the courier.');
    expect(await kb.getByTestId('kb-view').getByTestId('kb-legacy-badge').count()).toBe(0);
    await kb.close();
  });
});
