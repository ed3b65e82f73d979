import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Frame } from 'playwright-core';
import {
  focusedInPalette,
  launchSeatmate,
  overlayFrame,
  paletteVisible,
  waitForConsoleRegistration,
  type Seatmate,
} from '../support/launch';

const CONSOLE = `${inject('demoOrigin')}/console/`;

interface SampleArticle {
  id: string;
  title: string;
  replies: { text: string }[];
  notes: string;
}
const sample = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../assets/demo/sample-kb.json'), 'utf8')) as {
  articles: SampleArticle[];
};

/** Distinctive pieces of an article: its title and a few body lines without Markdown marks. */
function fingerprints(a: SampleArticle): string[] {
  // Its replies (what an insert sends) and its notes (what only the agent reads).
  const lines = [...a.replies.map((r) => r.text), a.notes]
    .join('\n')
    .split('\n')
    .map((l) =>
      l
        .replace(/[#>*_`[\]()!|-]/g, '')
        .replace(/\{\{\w+\}\}/g, '')
        .trim(),
    )
    .filter((l) => l.length >= 8);
  return [a.title, ...lines.slice(0, 3).map((l) => l.slice(0, 12))];
}

/**
 * The spy: a script of the console page (installed before the page's own scripts) that records
 * every key and input event it can see, every text the DOM shows it (including open shadow
 * roots), window messages, and whatever it can read from frames.
 */
function installSpy(): void {
  const log: {
    keys: string[];
    texts: string[];
    messages: string[];
    frameReads: string[];
    framesSeen: number;
    framesDenied: number;
    hostFound: boolean;
    hostOpen: boolean;
    phase: string;
  } = {
    keys: [],
    texts: [],
    messages: [],
    frameReads: [],
    framesSeen: 0,
    framesDenied: 0,
    hostFound: false,
    hostOpen: false,
    phase: 'start',
  };
  (window as unknown as { __spy: typeof log }).__spy = log;
  const onKey = (e: KeyboardEvent) => log.keys.push(`${log.phase}:${e.type}:${e.altKey ? 'Alt+' : ''}${e.key}`);
  const onInput = (e: Event) => {
    const ie = e as InputEvent;
    const target = e.target as HTMLInputElement | null;
    log.texts.push(`${log.phase}:${e.type}:${ie.data ?? ''}:${target?.value ?? target?.textContent ?? ''}`);
  };
  for (const target of [window, document]) {
    for (const type of ['keydown', 'keyup', 'keypress'])
      target.addEventListener(type, onKey as unknown as EventListener, true);
    for (const type of ['input', 'beforeinput', 'compositionupdate', 'compositionend', 'paste', 'copy'])
      target.addEventListener(type, onInput, true);
  }
  window.addEventListener('message', (e) => log.messages.push(JSON.stringify(e.data) ?? String(e.data)));
  const record = (node: Node) => {
    if (node.textContent) log.texts.push(`${log.phase}:dom:${node.textContent}`);
    if (node instanceof Element) {
      for (const attr of Array.from(node.attributes)) log.texts.push(`${log.phase}:attr:${attr.name}=${attr.value}`);
      for (const el of [node, ...Array.from(node.querySelectorAll('*'))]) if (el.shadowRoot) watch(el.shadowRoot);
    }
  };
  const observer = new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'characterData') log.texts.push(`${log.phase}:char:${r.target.textContent ?? ''}`);
      if (r.type === 'attributes' && r.target instanceof Element)
        log.texts.push(`${log.phase}:attr:${r.attributeName}=${r.target.getAttribute(r.attributeName ?? '') ?? ''}`);
      r.addedNodes.forEach(record);
    }
  });
  const watch = (root: Node) =>
    observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  watch(document);
  // Try to read every frame, every 50 ms.
  setInterval(() => {
    const frames: HTMLIFrameElement[] = [];
    const collect = (root: Document | ShadowRoot) => {
      root.querySelectorAll('iframe').forEach((f) => frames.push(f));
      root.querySelectorAll('*').forEach((el) => el.shadowRoot && collect(el.shadowRoot));
    };
    collect(document);
    for (const f of frames) {
      try {
        const text = f.contentDocument?.body?.innerText;
        if (text) log.frameReads.push(text);
      } catch {
        // cross-origin: cannot read
      }
    }
    log.framesSeen = Math.max(log.framesSeen, window.frames.length);
    const host = document.querySelector('seatmate-overlay');
    if (host) log.hostFound = true;
    if (host?.shadowRoot) log.hostOpen = true;
    for (let i = 0; i < window.frames.length; i++) {
      try {
        const text = window.frames[i]!.document.body.innerText;
        if (text) log.frameReads.push(text);
      } catch {
        log.framesDenied++; // cross-origin: cannot read
      }
    }
  }, 50);
}

describe('a spy on the console page', () => {
  let sm: Seatmate;
  beforeAll(async () => {
    sm = await launchSeatmate();
    await waitForConsoleRegistration(sm);
  });
  afterAll(async () => {
    await sm?.close();
  });

  it('never sees the search, the results or any article but the one inserted', async () => {
    await sm.context.addInitScript(installSpy);
    const page = await sm.context.newPage();
    await page.goto(CONSOLE);
    await page.waitForLoadState('load');
    const spy = () =>
      page.evaluate(
        () =>
          (
            window as unknown as {
              __spy: {
                keys: string[];
                texts: string[];
                messages: string[];
                frameReads: string[];
                framesSeen: number;
                framesDenied: number;
                hostFound: boolean;
                hostOpen: boolean;
              };
            }
          ).__spy,
      );
    const phase = (p: string) =>
      page.evaluate((x) => ((window as unknown as { __spy: { phase: string } }).__spy.phase = x), p);

    // Control: the spy does see what the agent types into the page itself.
    await page.getByTestId('reply-box').click();
    await page.keyboard.type('zqx');
    let seen = await spy();
    expect(seen.keys).toContain('start:keydown:z');
    expect(seen.texts.some((t) => t.includes('zqx'))).toBe(true);
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');

    // Control: the spy reads a same-origin frame of the page's own.
    await page.evaluate(() => {
      const f = document.createElement('iframe');
      f.srcdoc = '<body>spy-control-frame</body>';
      document.body.append(f);
    });
    await expect.poll(async () => (await spy()).frameReads.length).toBeGreaterThan(0);

    // The agent opens the palette, searches twice, browses results, closes, reopens, inserts.
    await phase('palette');
    await page.keyboard.press('Alt+KeyK');
    const frame = await (async (): Promise<Frame> => {
      for (let i = 0; i < 100; i++) {
        const f = await overlayFrame(page, sm.extensionId);
        if (f && (await focusedInPalette(f)) === 'palette-search') return f;
        await page.waitForTimeout(50);
      }
      throw new Error('palette did not open');
    })();
    await page.keyboard.type('快递慢');
    // The query reached the palette (so the spy had the chance to see it, and did not).
    await expect.poll(() => frame.getByTestId('palette-search').inputValue()).toBe('快递慢');
    await expect.poll(() => frame.getByTestId('palette-result').count()).toBeGreaterThan(0);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab'); // preview pane
    await page.keyboard.press('Tab');
    await page.keyboard.press('Escape');
    // (Closing goes through the background: a hotkey pressed before it is done would close again.)
    await expect.poll(() => paletteVisible(page, sm.extensionId)).toBe(false);
    await page.keyboard.press('Alt+KeyK');
    await expect.poll(() => focusedInPalette(frame)).toBe('palette-search');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('tuikuan');
    await expect.poll(() => frame.getByTestId('palette-search').inputValue()).toBe('tuikuan');
    await expect.poll(() => frame.getByTestId('palette-result').count()).toBeGreaterThan(1);
    const shown = await frame
      .getByTestId('palette-result')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-article-id')));
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    const chosen = shown[0]!;
    await phase('insert');
    await page.keyboard.press('Enter');
    // An article with placeholders asks for them first.
    const hasForm = await frame
      .getByTestId('palette-placeholder-form')
      .waitFor({ timeout: 3_000 })
      .then(() => true)
      .catch(() => false);
    if (hasForm) {
      const fields = frame.locator('input[data-testid^="palette-placeholder-"]');
      for (let i = 0; i < (await fields.count()); i++) {
        if (!(await fields.nth(i).inputValue())) await fields.nth(i).fill(`V${i}`);
      }
      await frame.getByTestId('palette-placeholder-submit').click();
    }
    await expect.poll(async () => (await page.getByTestId('reply-box').inputValue()).length).toBeGreaterThan(20);
    await phase('after');
    await page.waitForTimeout(300);
    seen = await spy();

    // 1. No key the agent pressed in the palette reached the page: only the hotkey itself, and the
    //    release of the Esc that closed the palette (focus is back on the page by then).
    const paletteKeys = seen.keys.filter((k) => k.startsWith('palette:') || k.startsWith('insert:'));
    expect(paletteKeys.filter((k) => !/:(keydown|keyup|keypress):(Alt\+)?(Alt|k|K)$|:keyup:Escape$/.test(k))).toEqual(
      [],
    );
    // 2. The queries never appear in anything the spy saw.
    const everything = [...seen.texts, ...seen.messages, ...seen.frameReads].join('\n');
    expect(everything).not.toContain('快递慢');
    expect(everything).not.toContain('tuikuan');
    // 3. The spy could not read the palette frame, and no window message carried data.
    //    The spy reads frames it can reach (the control frame below), found Seatmate's host element,
    //    but its shadow root is closed and the palette frame is not even in window.frames: the
    //    only frame the page ever saw was its own control frame.
    expect(seen.frameReads.some((t) => t.includes('spy-control-frame'))).toBe(true);
    expect(seen.hostFound).toBe(true);
    expect(seen.hostOpen).toBe(false);
    expect(await overlayFrame(page, sm.extensionId)).not.toBeNull();
    expect(seen.framesSeen).toBe(1);
    expect(seen.frameReads.filter((t) => /Seatmate|tuikuan|快递/.test(t))).toEqual([]);
    expect(seen.messages).toEqual([]);
    // 4. No article the agent did not insert is visible to the page; the inserted one is.
    const unselected = sample.articles.filter((a) => a.id !== chosen);
    expect(unselected.length).toBeGreaterThan(5);
    for (const a of unselected)
      for (const piece of fingerprints(a)) expect(everything, `${a.id}: ${piece}`).not.toContain(piece);
    expect(shown.length).toBeGreaterThan(1); // several articles were on screen in the palette
    const chosenArticle = sample.articles.find((a) => a.id === chosen)!;
    const replyText = await page.getByTestId('reply-box').inputValue();
    expect(everything).toContain(replyText.slice(0, 10));
    expect(chosenArticle).toBeDefined();
    // Not even the inserted article's notes (internal guidance) reach the page.
    for (const piece of fingerprints({ ...chosenArticle, title: '', replies: [] }).slice(1))
      expect(everything, `notes of ${chosen}: ${piece}`).not.toContain(piece);
    await page.close();
  });
});
