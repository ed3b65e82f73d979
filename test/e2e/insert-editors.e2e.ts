import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Frame, Locator, Page } from 'playwright-core';
import { markdownToPlainText } from '@/utils/kb/plain-text';
import { contentGlobal } from '../support/content-world';
import {
  focusedInPalette,
  launchSeatmate,
  openPaletteByHotkey,
  paletteVisible,
  waitForConsoleRegistration,
  type Seatmate,
} from '../support/launch';
import { screenshot } from '../support/screens';

/**
 * Inserting into real editors, installed from npm and served as console pages
 * (test/fixtures/editors). Every check reads the editor's own model (Lexical's editor state,
 * Quill's lines, ProseMirror's document, Slate's value, TinyMCE's body, CKEditor 5's model,
 * Draft.js's content state), never the page's DOM.
 */

const EDITORS = `${inject('demoOrigin')}/console/editors`;

interface Block {
  type: string;
  text: string;
  depth?: number;
}
interface LastInsert {
  verdict: string;
  method: string | null;
  editor: string | null;
  kind: string | null;
  ms: number;
  /** How long after the agent's last edit in the field the insert began (null: none seen). */
  sinceEditMs?: number | null;
  /** How long the insert waited for the editor's undo-merge window to pass. */
  waitMs?: number;
}

const sample = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../assets/demo/sample-kb.json'), 'utf8')) as {
  articles: { id: string; replies: { text: string }[] }[];
};

/** The article's reply (what an insert sends): its list items and first line, as plain text (list markers off). */
function expectedOf(id: string) {
  const body = sample.articles.find((a) => a.id === id)!.replies[0]!.text;
  const lines = markdownToPlainText(body).split('\n');
  const ordered = lines.filter((l) => /^\d+\. /.test(l)).map((l) => l.replace(/^\d+\. /, ''));
  const bullets = lines.filter((l) => l.startsWith('• ')).map((l) => l.slice(2));
  return { first: lines[0]!, ordered, bullets };
}

/** The two articles used: both replies have numbered steps, bullets and bold; one English, one Chinese. */
const ARTICLES = [
  { id: 'outage-apology-en', query: 'outage' },
  { id: 'password-reset-zh', query: '密码重置' },
] as const;

interface EditorCase {
  name: string;
  /** The editable element the agent clicks into. */
  editable: (page: Page) => Locator;
  /** Whether the editor takes the HTML (its own list structures); Slate takes plain-text lines. */
  rich: boolean;
}

const CASES: EditorCase[] = [
  { name: 'lexical', editable: (p) => p.locator('#editor'), rich: true },
  { name: 'quill', editable: (p) => p.locator('#editor .ql-editor'), rich: true },
  { name: 'tiptap', editable: (p) => p.locator('#editor .ProseMirror'), rich: true },
  { name: 'slate', editable: (p) => p.getByTestId('slate-editable'), rich: false },
  { name: 'tinymce', editable: (p) => p.frameLocator('iframe.tox-edit-area__iframe').locator('body'), rich: true },
  { name: 'ckeditor', editable: (p) => p.locator('.ck-editor__editable'), rich: true },
  { name: 'draftjs', editable: (p) => p.locator('.public-DraftEditor-content'), rich: true },
];

let sm: Seatmate;
beforeAll(async () => {
  sm = await launchSeatmate();
  await waitForConsoleRegistration(sm);
});
afterAll(async () => {
  await sm?.close();
});

const model = (page: Page) => page.evaluate(() => window.__editorModel!() as Block[]);
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
const modelText = async (page: Page) => (await model(page)).map((b) => b.text).join('\n');

async function openEditor(c: EditorCase): Promise<Page> {
  const page = await sm.context.newPage();
  await page.goto(`${EDITORS}/${c.name}.html`);
  await page.waitForFunction(() => window.__editorReady === true);
  await c.editable(page).click();
  return page;
}

/** Opens the palette by the hotkey, types `query` and waits until article `id` leads the results. */
async function searchInPalette(page: Page, query: string, id: string): Promise<Frame> {
  const frame = await openPaletteByHotkey(sm, page);
  await page.keyboard.type(query);
  await expect.poll(() => frame.getByTestId('palette-search').inputValue()).toBe(query);
  await expect
    .poll(() => frame.getByTestId('palette-result').first().getAttribute('data-article-id'), { timeout: 10_000 })
    .toBe(id);
  return frame;
}

/** Opens the palette, searches, inserts the first result; resolves once the palette is gone. */
async function insertArticle(page: Page, query: string, id: string): Promise<Frame> {
  const frame = await searchInPalette(page, query, id);
  await page.keyboard.press('Enter');
  // (Generous: on a loaded machine the service worker can take seconds to relay the insert.)
  await expect
    .poll(() => paletteVisible(page, sm.extensionId), { timeout: 25_000 })
    .toBe(false)
    .catch(async (error: unknown) => {
      const status = await frame.getByTestId('palette-status').textContent();
      const last = JSON.stringify(await contentGlobal(sm, page, '__seatmateLastInsert'));
      throw new Error(`palette still open: ${status} (last insert: ${last})`, { cause: error });
    });
  // The palette hides as the insert starts: wait for the content script's verdict (a fresh page).
  await expect.poll(() => contentGlobal(sm, page, '__seatmateLastInsert'), { timeout: 10_000 }).not.toBeNull();
  return frame;
}

/**
 * The document's blocks with the agent's own words around the insert taken off: pasting blocks
 * mid-paragraph joins the text before the caret to the first pasted line and the text after it
 * to the last, in every editor. Trailing empty paragraphs (Tiptap keeps one after a list) go too.
 */
function insertedBlocks(all: Block[], prefix = '', suffix = ''): Block[] {
  const blocks = all.map((b) => ({ ...b }));
  while (blocks.length > 1 && blocks.at(-1)!.text === '') blocks.pop();
  const first = blocks[0]!;
  const last = blocks.at(-1)!;
  expect(first.text.startsWith(prefix), `starts with ${prefix}: ${first.text}`).toBe(true);
  expect(last.text.endsWith(suffix), `ends with ${suffix}: ${last.text}`).toBe(true);
  first.text = first.text.slice(prefix.length);
  last.text = last.text.slice(0, last.text.length - suffix.length);
  return blocks;
}

/** Checks the article's structure in the model: its lines once, its list items as list items. */
function checkStructure(blocks: Block[], id: string, rich: boolean): void {
  const { first, ordered, bullets } = expectedOf(id);
  // (The reply used has both kinds of list, so losing either fails.)
  expect(ordered.length * bullets.length).toBeGreaterThan(0);
  const text = blocks.map((b) => b.text).join('\n');
  expect(text.split(squash(first).slice(0, 20)).length - 1, 'the article went in once').toBe(1);
  if (rich) {
    // Numbered steps and bullets arrive as the editor's own list items, none lost, none merged.
    expect(blocks.filter((b) => b.type === 'ol').map((b) => squash(b.text))).toEqual(ordered.map(squash));
    expect(blocks.filter((b) => b.type === 'ul').map((b) => squash(b.text))).toEqual(bullets.map(squash));
  } else {
    // Plain-text editors get one line per item with its marker kept.
    const lines = blocks.map((b) => squash(b.text));
    ordered.forEach((item, i) => expect(lines).toContain(squash(`${i + 1}. ${item}`)));
    bullets.forEach((item) => expect(lines).toContain(squash(`• ${item}`)));
  }
}

const results: string[] = [];
afterAll(() => {
  console.log(`insert into real editors:\n${results.join('\n')}`);
});

describe.each(CASES)('$name', (c) => {
  const article = c.name === 'tiptap' || c.name === 'slate' ? ARTICLES[1] : ARTICLES[0];

  it('inserts at the caret between the agent’s words, keeps them, one Ctrl+Z takes it out', async () => {
    const page = await openEditor(c);
    await page.keyboard.type('您好，谢谢');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => modelText(page)).toBe('您好，谢谢');
    // No pause: the insert follows the agent's typing by well under a second, inside the window in
    // which Quill (1 s) and ProseMirror (0.5 s) merge changes into one undo step. Seatmate waits
    // the rest of that window out, or the Ctrl+Z below would take the agent's words out too.
    await insertArticle(page, article.query, article.id);
    // The agent's words, intact, on either side of the insert; the article in between.
    const blocks = insertedBlocks(await model(page), '您好，', '谢谢');
    const diagnosis = async () => JSON.stringify(await contentGlobal(sm, page, '__seatmateLastInsert'));
    expect(blocks.map((b) => b.text).join('').length, await diagnosis()).toBeGreaterThan(200);
    checkStructure(blocks, article.id, c.rich);
    const last = await contentGlobal<LastInsert>(sm, page, '__seatmateLastInsert');
    expect(last?.verdict).toBe('inserted');
    await screenshot(page, `insert-${c.name}`);
    // One undo step removes exactly the insert.
    await page.keyboard.press('Control+KeyZ');
    await expect.poll(() => modelText(page)).toBe('您好，谢谢');
    results.push(
      `  ${c.name.padEnd(8)} caret: ${last?.verdict} via ${last?.method} (${last?.kind}) in ${last?.ms} ms,` +
        ` ${last?.sinceEditMs} ms after the agent's last edit, waited ${last?.waitMs} ms`,
    );
    await page.close();
  });

  it('an empty editor gets the article exactly once', async () => {
    const page = await openEditor(c);
    await insertArticle(page, article.query, article.id);
    const blocks = insertedBlocks(await model(page));
    checkStructure(blocks, article.id, c.rich);
    expect(squash(blocks[0]!.text)).toBe(squash(expectedOf(article.id).first));
    const last = await contentGlobal<LastInsert>(sm, page, '__seatmateLastInsert');
    expect(last?.verdict).toBe('inserted');
    results.push(`  ${c.name.padEnd(8)} empty: ${last?.verdict} via ${last?.method} in ${last?.ms} ms`);
    await page.close();
  });
});

/**
 * The hotkey pressed again while an insert waits out the editor's undo window (the agent typed a
 * moment before: Quill merges for a second, ProseMirror half a second): the insert goes in at once,
 * then the palette opens and keeps the keyboard. Keys typed straight after the hotkey are held
 * from the reply box; the search the agent then types is not taken from them when the insert's
 * answer arrives. Also with the editor in a same-origin frame (the palette opens in the top frame).
 */
const REOPEN_CASES = [
  { name: 'quill', page: 'quill', editable: '#editor .ql-editor', windowMs: 1_000 },
  { name: 'tiptap', page: 'tiptap', editable: '#editor .ProseMirror', windowMs: 500 },
  { name: 'quill in a frame', page: 'quill-frame', editable: '#editor .ql-editor', windowMs: 1_000 },
];
describe.each(REOPEN_CASES)('$name: the palette opened again during the insert', (c) => {
  it('puts the insert in first, then gives the palette the keyboard; nothing typed reaches the reply box', async () => {
    const page = await sm.context.newPage();
    await page.goto(`${EDITORS}/${c.page}.html`);
    const framed = c.page.endsWith('-frame');
    if (framed) await expect.poll(() => page.frames().some((f) => f.url().endsWith('/quill.html'))).toBe(true);
    const editorFrame = framed ? page.frames().find((f) => f.url().endsWith('/quill.html'))! : page.mainFrame();
    await editorFrame.waitForFunction(() => window.__editorReady === true);
    await editorFrame.locator(c.editable).click();
    await page.keyboard.type('Hi ');
    const frame = await searchInPalette(page, 'outage', 'outage-apology-en');
    await page.keyboard.press('Enter');
    await expect.poll(() => paletteVisible(page, sm.extensionId)).toBe(false);
    // At once: the hotkey, and keys (none of these letters is in the article).
    await page.keyboard.press('Alt+KeyK');
    await page.keyboard.type('ZXQ');
    await expect.poll(() => focusedInPalette(frame), { timeout: 10_000 }).toBe('palette-search');
    const last = await contentGlobal<LastInsert>(sm, page, '__seatmateLastInsert', framed ? editorFrame : undefined);
    expect(last?.verdict).toBe('inserted');
    // (It did not wait the editor's whole window out: the agent had asked for the palette.)
    expect(last?.waitMs, JSON.stringify(last)).toBeLessThan(c.windowMs - 100);
    // The search box has the keyboard and keeps what is typed into it.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('grace');
    await expect.poll(() => frame.getByTestId('palette-search').inputValue()).toBe('grace');
    await page.waitForTimeout(1_500); // past any undo window: nothing comes to take it away
    expect(await focusedInPalette(frame)).toBe('palette-search');
    expect(await frame.getByTestId('palette-search').inputValue()).toBe('grace');
    // The reply box: the agent's words, then the article once; not a key of what was typed since.
    const blocks = await editorFrame.evaluate(() => window.__editorModel!() as Block[]);
    const text = blocks.map((b) => b.text).join('\n');
    expect(text.startsWith('Hi '), text.slice(0, 40)).toBe(true);
    expect(text.split(squash(expectedOf('outage-apology-en').first).slice(0, 20)).length - 1).toBe(1);
    expect(text.match(/[ZXQ]|grace/g), `a held key reached the reply box: ${text.slice(-80)}`).toBeNull();
    await page.keyboard.press('Escape');
    await expect.poll(() => paletteVisible(page, sm.extensionId)).toBe(false);
    results.push(`  ${c.name.padEnd(8)} reopened during the insert: ${last?.verdict}, waited ${last?.waitMs} ms`);
    await page.close();
  });
});

describe('an editor Seatmate cannot confirm an insert in', () => {
  const open = async (id: string): Promise<Page> => {
    const page = await sm.context.newPage();
    await page.goto(`${EDITORS}/stubborn.html`);
    await page.getByTestId(id).click();
    await page.keyboard.type('您好');
    return page;
  };
  const seen = (page: Page, id: 'refuses' | 'mangles') =>
    page.evaluate((x) => (window as unknown as { __seen: Record<string, string[]> }).__seen[x]!, id);

  it('one that refuses the paste: the agent’s text stays, the palette says so and copies instead; nothing else is tried', async () => {
    const page = await open('refuses');
    const frame = await searchInPalette(page, 'outage', 'outage-apology-en');
    await page.keyboard.press('Enter');
    await expect.poll(() => frame.getByTestId('palette-status').textContent()).toMatch(/did not take the text/);
    expect(await paletteVisible(page, sm.extensionId)).toBe(true);
    expect(await page.getByTestId('refuses').innerText()).toBe('您好');
    // One method, refused: no command or DOM edit followed it.
    expect(await seen(page, 'refuses')).toEqual(['beforeinput:insertText', 'beforeinput:insertText', 'paste']);
    await screenshot(page, 'insert-not-taken-en');
    // Copy, from the message itself.
    await frame.getByTestId('palette-status-copy').click();
    await expect.poll(() => frame.getByTestId('palette-status').textContent()).toMatch(/Copied/);
    // What the agent would paste (read from the console page, allowed to read the clipboard here).
    await sm.context.grantPermissions(['clipboard-read'], { origin: new URL(EDITORS).origin });
    await page.keyboard.press('Escape');
    await expect.poll(() => paletteVisible(page, sm.extensionId)).toBe(false);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^I'm very sorry/);
    await page.close();
  });

  it('one that takes only part of it: reported as unconfirmed, the palette stays with Copy, no second insert', async () => {
    const page = await open('mangles');
    const frame = await searchInPalette(page, 'outage', 'outage-apology-en');
    await page.keyboard.press('Enter');
    await expect.poll(() => frame.getByTestId('palette-status').textContent()).toMatch(/could not confirm/);
    expect(await paletteVisible(page, sm.extensionId)).toBe(true);
    await expect.poll(() => focusedInPalette(frame)).toBe('palette-search');
    // The editor's own result, untouched by any fallback: the agent's words, then one first line.
    const text = await page.getByTestId('mangles').innerText();
    expect(text).toMatch(/^您好I'm very sorry: our system is having a problem/);
    expect(text.split('very sorry').length - 1).toBe(1);
    expect(text).not.toContain('One source of truth');
    expect(await seen(page, 'mangles')).toEqual(['paste']);
    const last = await contentGlobal<LastInsert>(sm, page, '__seatmateLastInsert');
    expect(last).toMatchObject({ verdict: 'different', method: 'paste', kind: 'contenteditable' });
    await page.close();
  });
});
