import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { shapeInsert } from '@/utils/console/insert-shape';
import { insertableText } from '@/utils/kb/article-reply';
import { contentGlobal } from '../support/content-world';
import {
  focusedInPalette,
  launchSeatmate,
  openConsolePage,
  overlayFrame,
  paletteVisible,
  waitForOverlayFrame,
  waitForConsoleRegistration,
  type Seatmate,
} from '../support/launch';
import { screenshot } from '../support/screens';

/**
 * Text expansion in real Chromium: a trigger typed in a console field, then Space, Enter or Tab,
 * becomes the article's reply through the palette's own insert (one Ctrl+Z brings the trigger
 * back). In the demo console's reply box and in real editors (Lexical, Tiptap/ProseMirror, Quill),
 * read from each editor's own model. Never in a password field, a field marked
 * `data-seatmate="off"`, or while an IME composes.
 */

const origin = inject('demoOrigin');
const CONSOLE = `${origin}/console/`;
const EDITORS = `${origin}/console/editors`;

const sample = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../assets/demo/sample-kb.json'), 'utf8')) as {
  articles: { id: string; body: string; replies?: { label: string; text: string }[]; trigger?: string }[];
};
/** What an article's expansion inserts (plain text), from the sample file. */
function expansionOf(id: string): string {
  const a = sample.articles.find((x) => x.id === id)!;
  return shapeInsert(insertableText({ replies: a.replies ?? [], body: a.body }).text, {}).text;
}
const PW = expansionOf('password-reset-en');
const SORRY = expansionOf('outage-apology-en');

let sm: Seatmate;
beforeAll(async () => {
  sm = await launchSeatmate();
  await waitForConsoleRegistration(sm);
  // The background mirrors the sample KB's triggers for the content scripts.
  const deadline = Date.now() + 15_000;
  for (;;) {
    const worker = await sm.worker();
    const list = await worker
      .evaluate(async () => (await chrome.storage.local.get('kbTriggers')).kbTriggers as string[] | undefined)
      .catch(() => undefined);
    if (list?.includes(';pw') && list.includes('/退款')) break;
    if (Date.now() > deadline) throw new Error(`the trigger list was not mirrored: ${JSON.stringify(list)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
});
afterAll(async () => {
  await sm?.close();
});

/** The console page, with its reply box focused and the content script's trigger list loaded. */
async function openConsole(): Promise<{ page: Page; box: Locator }> {
  const page = await openConsolePage(sm, CONSOLE);
  const box = page.getByTestId('reply-box');
  return { page, box };
}

/** Types `text` and waits for the field to show it (the keys have all arrived). */
async function typeInto(page: Page, box: Locator, text: string, expected?: string): Promise<void> {
  await page.keyboard.type(text);
  await expect.poll(() => box.inputValue()).toBe(expected ?? text);
}

describe('the demo console’s reply box', () => {
  it('Space after a trigger puts the reply in its place; one Ctrl+Z brings the trigger back', async () => {
    const { page, box } = await openConsole();
    await typeInto(page, box, 'Hi ;pw');
    await page.keyboard.press('Space');
    await expect.poll(() => box.inputValue(), { timeout: 15_000 }).toBe(`Hi ${PW}`);
    const last = await contentGlobal<{ verdict: string; expansion: boolean }>(sm, page, '__seatmateLastInsert');
    expect(last).toMatchObject({ verdict: 'inserted', expansion: true });
    // The console saw the change (its character counter follows the box).
    await expect.poll(() => page.getByTestId('reply-count').getAttribute('data-count')).toBe(String(`Hi ${PW}`.length));
    await screenshot(page, 'expansion-reply-box');
    await page.keyboard.press('Control+KeyZ');
    await expect.poll(() => box.inputValue()).toBe('Hi ;pw');
    await page.close();
  });

  it('Enter expands without sending the message; Tab expands without leaving the field', async () => {
    const { page, box } = await openConsole();
    const messages = await page.getByTestId('message').count();
    await typeInto(page, box, ';sorry');
    await page.keyboard.press('Enter');
    await expect.poll(() => box.inputValue(), { timeout: 15_000 }).toBe(SORRY);
    expect(await page.getByTestId('message').count()).toBe(messages);
    await page.keyboard.press('Control+KeyA');
    await page.keyboard.press('Delete');
    await typeInto(page, box, ';pw', ';pw');
    await page.keyboard.press('Tab');
    await expect.poll(() => box.inputValue(), { timeout: 15_000 }).toBe(PW);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('reply-box');
    await page.close();
  });

  it('leaves text alone that only looks like a trigger: glued to a word, an unknown one, a different case', async () => {
    const { page, box } = await openConsole();
    await typeInto(page, box, 'abc;pw x/退款 ;nope ;PW ');
    // Give an expansion every chance to have happened.
    await page.waitForTimeout(500);
    expect(await box.inputValue()).toBe('abc;pw x/退款 ;nope ;PW ');
    await page.close();
  });

  it('never expands in a password field, nor in a field the page marked data-seatmate="off"', async () => {
    const { page } = await openConsole();
    await page.evaluate(() => {
      const pw = Object.assign(document.createElement('input'), { type: 'password', id: 'sm-test-pw' });
      const shown = Object.assign(document.createElement('input'), { type: 'text', id: 'sm-test-shown' });
      shown.setAttribute('autocomplete', 'current-password');
      const wrap = document.createElement('div');
      wrap.setAttribute('data-seatmate', 'off');
      const off = Object.assign(document.createElement('textarea'), { id: 'sm-test-off' });
      wrap.append(off);
      document.body.prepend(pw, shown, wrap);
    });
    for (const id of ['sm-test-pw', 'sm-test-shown', 'sm-test-off']) {
      const field = page.locator(`#${id}`);
      await field.click();
      await page.keyboard.type(';pw');
      await page.keyboard.press('Space');
      await page.keyboard.type('x');
      await expect.poll(() => field.inputValue()).toBe(';pw x');
    }
    await page.close();
  });

  it('does nothing while an IME composes; a trigger committed by the IME expands on the next Space', async () => {
    const { page, box } = await openConsole();
    const cdp = await sm.context.newCDPSession(page);
    // The IME is composing ";pw" (e.g. typed through a pinyin IME in English mode): Space belongs to it.
    await cdp.send('Input.imeSetComposition', { text: ';pw', selectionStart: 3, selectionEnd: 3 });
    await expect.poll(() => box.inputValue()).toBe(';pw');
    await cdp.send('Input.dispatchKeyEvent', {
      type: 'keyDown',
      key: ' ',
      code: 'Space',
      windowsVirtualKeyCode: 229,
      nativeVirtualKeyCode: 229,
    });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key: ' ', code: 'Space', windowsVirtualKeyCode: 229 });
    await page.waitForTimeout(400);
    expect(await box.inputValue()).toBe(';pw');
    // The IME commits; the trigger is now plain text and the agent's Space expands it.
    await cdp.send('Input.insertText', { text: ';pw' });
    await expect.poll(() => box.inputValue()).toBe(';pw');
    await page.keyboard.press('Space');
    await expect.poll(() => box.inputValue(), { timeout: 15_000 }).toBe(PW);
    await cdp.detach();
    await page.close();
  });

  it('a trigger for a reply with placeholders opens the palette on its form; submitting replaces the trigger', async () => {
    const { page, box } = await openConsole();
    await typeInto(page, box, '您好 /退款');
    await page.keyboard.press('Space');
    const frame = await expect
      .poll(() => overlayFrame(page, sm.extensionId), { timeout: 15_000 })
      .toBeTruthy()
      .then(() => overlayFrame(page, sm.extensionId));
    const form = frame!.getByTestId('palette-placeholder-form');
    await form.waitFor({ timeout: 15_000 });
    await frame!.getByTestId('palette-placeholder-amount').fill('¥1,299');
    await frame!.getByTestId('palette-placeholder-customerName').fill('王女士');
    await frame!.getByTestId('palette-placeholder-orderNumber').fill('SO-1');
    await frame!.getByTestId('palette-placeholder-submit').click();
    await expect
      .poll(() => box.inputValue(), { timeout: 15_000 })
      .toMatch(/^您好 .*王女士，您的订单SO-1符合七天无理由退货条件/s);
    expect(await box.inputValue()).not.toContain('/退款');
    expect(await box.inputValue()).not.toContain('{{');
    await page.close();
  });
});

interface EditorCase {
  name: string;
  editable: (page: Page) => Locator;
}
const EDITOR_CASES: EditorCase[] = [
  { name: 'lexical', editable: (p) => p.locator('#editor') },
  { name: 'tiptap', editable: (p) => p.locator('#editor .ProseMirror') },
  { name: 'quill', editable: (p) => p.locator('#editor .ql-editor') },
  { name: 'ckeditor', editable: (p) => p.locator('.ck-editor__editable') },
  { name: 'draftjs', editable: (p) => p.locator('.public-DraftEditor-content') },
];
/** What the content script calls the editors whose fixture is named otherwise. */
const EDITOR_NAMES: Readonly<Record<string, string>> = { tiptap: 'prosemirror', ckeditor: 'ckeditor5' };
const modelText = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __editorModel: () => { text: string }[] })
      .__editorModel()
      .map((b) => b.text)
      .join('\n'),
  );
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe.each(EDITOR_CASES)('in $name', (c) => {
  it('the trigger becomes the reply in the editor’s own model; one Ctrl+Z brings the trigger back', async () => {
    const page = await sm.context.newPage();
    await page.goto(`${EDITORS}/${c.name}.html`);
    await page.waitForFunction(() => (window as unknown as { __editorReady?: boolean }).__editorReady === true);
    await c.editable(page).click();
    await page.keyboard.type('您好 ;sorry');
    await expect.poll(() => modelText(page)).toBe('您好 ;sorry');
    await page.keyboard.press('Space');
    await expect.poll(async () => squash(await modelText(page)), { timeout: 15_000 }).toContain("I'm very sorry");
    const text = squash(await modelText(page));
    expect(text.startsWith('您好 ')).toBe(true);
    expect(text).not.toContain(';sorry');
    expect(text.split('very sorry').length - 1).toBe(1);
    // The reply's last line went in too (rich editors take list markers as list items).
    expect(text).toContain(
      squash(
        SORRY.split('\n')
          .at(-1)!
          .replace(/^(• |\d+\. )/, ''),
      ).slice(0, 30),
    );
    const last = await contentGlobal<{ verdict: string; editor: string }>(sm, page, '__seatmateLastInsert');
    expect(last).toMatchObject({ verdict: 'inserted', editor: EDITOR_NAMES[c.name] ?? c.name });
    await page.keyboard.press('Control+KeyZ');
    await expect.poll(async () => squash(await modelText(page))).toBe('您好 ;sorry');
    await page.close();
  });
});

describe('the hotkey pressed while an expansion waits out Quill’s undo window', () => {
  it('puts the reply in first, then opens the palette with the keyboard; no key reaches the reply box', async () => {
    const page = await sm.context.newPage();
    await page.goto(`${EDITORS}/quill.html`);
    await page.waitForFunction(() => (window as unknown as { __editorReady?: boolean }).__editorReady === true);
    await page.locator('#editor .ql-editor').click();
    await page.keyboard.type('Hi ;sorry');
    await expect.poll(() => modelText(page)).toBe('Hi ;sorry');
    // The trigger, then at once the hotkey and keys (none of these letters is in the reply).
    await page.keyboard.press('Space');
    await page.keyboard.press('Alt+KeyK');
    await page.keyboard.type('ZXQ');
    const frame = await waitForOverlayFrame(page, sm.extensionId);
    expect(frame).not.toBeNull();
    await expect.poll(() => focusedInPalette(frame!), { timeout: 10_000 }).toBe('palette-search');
    const last = await contentGlobal<{ verdict: string; expansion?: boolean }>(sm, page, '__seatmateLastInsert');
    expect(last).toMatchObject({ verdict: 'inserted', expansion: true });
    await page.keyboard.press('Control+A');
    await page.keyboard.type('grace');
    await page.waitForTimeout(1_500); // past Quill's window: nothing comes to take the keyboard
    expect(await focusedInPalette(frame!)).toBe('palette-search');
    expect(await frame!.getByTestId('palette-search').inputValue()).toBe('grace');
    const text = squash(await modelText(page));
    expect(text.startsWith("Hi I'm very sorry"), text.slice(0, 40)).toBe(true);
    expect(text.split('very sorry').length - 1).toBe(1);
    expect(text.match(/[ZXQ]|grace/g), `a held key reached the reply box: ${text.slice(-80)}`).toBeNull();
    await page.keyboard.press('Escape');
    await expect.poll(() => paletteVisible(page, sm.extensionId)).toBe(false);
    await page.close();
  });
});
