import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchSeatmate, waitForConsoleRegistration, type Seatmate } from '../support/launch';

const origin = inject('demoOrigin');
const SHOTS = '/tmp/shots-r';

interface LedgerRow {
  id: number;
  at: number;
  state: string;
  code?: string;
  source: string;
}

interface Stats {
  evaluations: number;
  totalMs: number;
  maxMs: number;
  sent: number;
}

let sm: Seatmate;
/** An extension page to read the ledger from and to reach the service worker through CDP. */
let popup: Page;
let consolePage: Page;

/** Every row of the state ledger, read with raw IndexedDB from an extension page. */
async function ledger(): Promise<LedgerRow[]> {
  return popup.evaluate(
    () =>
      new Promise<LedgerRow[]>((resolve, reject) => {
        const open = indexedDB.open('seatmate');
        open.onerror = () => reject(open.error ?? new Error('open failed'));
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('stateEvents').objectStore('stateEvents').getAll();
          all.onsuccess = () => {
            db.close();
            resolve((all.result as LedgerRow[]).sort((a, b) => a.id - b.id));
          };
          all.onerror = () => reject(all.error ?? new Error('read failed'));
        };
      }),
  );
}

/** Rows written after `afterId`. */
async function rowsAfter(afterId: number): Promise<LedgerRow[]> {
  return (await ledger()).filter((r) => r.id > afterId);
}

async function lastId(): Promise<number> {
  return (await ledger()).at(-1)?.id ?? 0;
}

/** The page-rule statistics kept in the content script's isolated world (read through CDP). */
async function contentStats(page: Page): Promise<Stats | null> {
  const cdp = await sm.context.newCDPSession(page);
  const contexts: number[] = [];
  cdp.on('Runtime.executionContextCreated', (e) => {
    if (e.context.origin === `chrome-extension://${sm.extensionId}`) contexts.push(e.context.id);
  });
  await cdp.send('Runtime.enable');
  let stats: Stats | null = null;
  for (const contextId of contexts.reverse()) {
    const r = await cdp
      .send('Runtime.evaluate', {
        expression: 'JSON.stringify(globalThis.__seatmatePageRuleStats ?? null)',
        contextId,
        returnByValue: true,
      })
      .catch(() => null);
    const value = r?.result.value as string | undefined;
    if (value && value !== 'null') {
      stats = JSON.parse(value) as Stats;
      break;
    }
  }
  await cdp.detach();
  return stats;
}

/** Polls `check` until it is true (usable in hooks, where expect.poll is not). */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Opens (or reloads) the demo console and waits until page rules have evaluated it once. */
async function openConsole(page: Page): Promise<void> {
  await page.goto(`${origin}/console/`);
  await page.getByTestId('call-state').waitFor();
  await until('page rules on the console', async () => ((await contentStats(page))?.evaluations ?? 0) > 0);
}

/** Clicks a simulator button and returns when (by this machine's clock) the click happened. */
async function click(testId: string): Promise<number> {
  const at = Date.now();
  await consolePage.getByTestId(testId).click();
  return at;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for the ledger to hold `count` rows after `afterId`, then a little more to catch doubles. */
async function waitForRows(afterId: number, count: number): Promise<LedgerRow[]> {
  await expect.poll(async () => (await rowsAfter(afterId)).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(count);
  await pause(600);
  return rowsAfter(afterId);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  sm = await launchSeatmate();
  await waitForConsoleRegistration(sm);
  popup = await sm.context.newPage();
  await popup.goto(sm.url('popup.html'));
  // The demo seed writes the demo console's page rules on install.
  await until('the demo page rules', async () => {
    const { settings } = (await popup.evaluate(() => chrome.storage.local.get('settings'))) as {
      settings?: { pageRules?: unknown[] };
    };
    return settings?.pageRules?.length === 1;
  });
  consolePage = await sm.context.newPage();
  await openConsole(consolePage);
});
afterAll(async () => {
  await sm?.close();
});

describe('page rules drive the state ledger', () => {
  it('follows a call on the demo console through talk, hold, talk, ACW and available', async () => {
    const before = await lastId();
    // Ringing has no rule: nothing is recorded.
    await click('sim-ring');
    await pause(700);
    expect(await rowsAfter(before)).toEqual([]);
    const clicks = [await click('sim-answer')];
    await pause(1_200);
    clicks.push(await click('sim-hold'));
    await pause(900);
    clicks.push(await click('sim-resume'));
    await pause(900);
    clicks.push(await click('sim-hangup'));
    await pause(900);
    clicks.push(await click('sim-ready'));
    const rows = await waitForRows(before, 5);
    expect(rows.map((r) => r.state)).toEqual(['talk', 'hold', 'talk', 'acw', 'available']);
    expect(rows.every((r) => r.source === 'page')).toBe(true);
    rows.forEach((r, i) => {
      expect(r.at - clicks[i]!, `${r.state} recorded ${r.at - clicks[i]!} ms after the click`).toBeGreaterThanOrEqual(
        0,
      );
      expect(r.at - clicks[i]!).toBeLessThan(1_000);
    });
  });

  it('loses and doubles nothing when the service worker is stopped mid-call', async () => {
    const before = await lastId();
    await click('sim-ring');
    const clicks = [await click('sim-answer')];
    await pause(1_000);

    // Stop the worker through the DevTools protocol and watch it stop, then come back.
    const statuses: string[] = [];
    const cdp = await sm.context.newCDPSession(popup);
    cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
      for (const v of e.versions) if (v.scriptURL === sm.url('background.js')) statuses.push(v.runningStatus);
    });
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await expect.poll(() => statuses.at(-1)).toBe('stopped');
    const stoppedAt = statuses.length;
    await pause(1_000);

    // The page keeps speaking; the next change wakes a new worker.
    clicks.push(await click('sim-hold'));
    await expect.poll(() => statuses.slice(stoppedAt)).toContain('running');
    await pause(1_200);
    clicks.push(await click('sim-resume'));
    await pause(1_000);
    clicks.push(await click('sim-hangup'));
    await pause(1_000);
    clicks.push(await click('sim-ready'));
    const rows = await waitForRows(before, 5);
    await cdp.detach();

    expect(rows.map((r) => `${r.state}/${r.source}`)).toEqual([
      'talk/page',
      'hold/page',
      'talk/page',
      'acw/page',
      'available/page',
    ]);
    // Each change within a second of its click, so each period within a second of what was clicked.
    rows.forEach((r, i) => {
      expect(r.at - clicks[i]!).toBeGreaterThanOrEqual(0);
      expect(r.at - clicks[i]!).toBeLessThan(1_000);
    });
    for (let i = 1; i < rows.length; i++) {
      const recorded = rows[i]!.at - rows[i - 1]!.at;
      const clicked = clicks[i]! - clicks[i - 1]!;
      expect(Math.abs(recorded - clicked), `period ${i}: ${recorded} ms vs ${clicked} ms clicked`).toBeLessThan(1_000);
    }
  });

  it("keeps the agent's manual break when the console is reloaded showing Ready", async () => {
    await expect.poll(() => consolePage.getByTestId('call-state').getAttribute('data-state')).toBe('ready');
    const before = await lastId();
    await popup.reload();
    await popup.getByTestId('state-button-break').click();
    await expect
      .poll(async () => (await rowsAfter(before)).map((r) => `${r.state}/${r.source}`))
      .toEqual(['break/manual']);
    await openConsole(consolePage);
    await pause(1_000);
    expect((await contentStats(consolePage))?.sent).toBe(0);
    expect((await rowsAfter(before)).map((r) => r.state)).toEqual(['break']);

    // What the page shows next is a change: the call is taken over again.
    await click('sim-ring');
    const answered = await click('sim-answer');
    const rows = await waitForRows(before, 2);
    expect(rows.map((r) => `${r.state}/${r.source}`)).toEqual(['break/manual', 'talk/page']);
    // A sanity bound, not a speed target (page-rule cost is measured below and in docs/benchmarks.md).
    expect(rows[1]!.at - answered).toBeLessThan(3_000);
    await click('sim-hangup');
    await click('sim-ready');
    await waitForRows(before, 4);
  });

  it('costs the console next to nothing during the 46 s auto call', { timeout: 120_000 }, async () => {
    const before = await lastId();
    const statsBefore = (await contentStats(consolePage))!;
    const started = Date.now();
    await click('sim-auto');
    await expect
      .poll(() => consolePage.getByTestId('call-widget').getAttribute('data-auto'), { timeout: 60_000, interval: 500 })
      .toBe('off');
    const seconds = (Date.now() - started) / 1000;
    const statsAfter = (await contentStats(consolePage))!;
    const rows = await waitForRows(before, 5);
    expect(rows.map((r) => `${r.state}/${r.source}`)).toEqual([
      'talk/page',
      'hold/page',
      'talk/page',
      'acw/page',
      'available/page',
    ]);
    // The scripted call: ring 3 s, talk 20 s, hold 5 s, talk 10 s, wrap-up 8 s.
    const periods = rows.slice(1).map((r, i) => r.at - rows[i]!.at);
    [20_000, 5_000, 10_000, 8_000].forEach((ms, i) => expect(Math.abs(periods[i]! - ms)).toBeLessThan(1_000));

    const evaluations = statsAfter.evaluations - statsBefore.evaluations;
    const totalMs = statsAfter.totalMs - statsBefore.totalMs;
    // The same four rules measured in the page itself, many times, for a finer clock.
    const microbench = await consolePage.evaluate(() => {
      const rules = [/通话中|Talking/u, /保持|Hold/u, /话后处理|Wrap-up/u, /就绪|Ready/u];
      const n = 5_000;
      const t0 = performance.now();
      let hits = 0;
      for (let i = 0; i < n; i++) {
        for (const re of rules) {
          const els = document.querySelectorAll('#agent-status');
          let hit = false;
          for (const el of els) if (re.test((el.textContent ?? '').replace(/\s+/g, ' ').trim())) hit = true;
          if (hit) {
            hits++;
            break;
          }
        }
      }
      return { perEvalMs: (performance.now() - t0) / n, hits };
    });
    console.info(
      [
        `page-rule cost during the ${seconds.toFixed(1)} s auto call:`,
        `  evaluations: ${evaluations} (${(evaluations / seconds).toFixed(2)}/s; at most 4/s by the 250 ms throttle; the widget timer text changes once a second)`,
        `  content-script time: total ${totalMs.toFixed(2)} ms, mean ${(totalMs / Math.max(1, evaluations)).toFixed(3)} ms, max ${statsAfter.maxMs.toFixed(2)} ms (100 µs clock)`,
        `  same 4 rules in the page, 5,000 runs: ${(microbench.perEvalMs * 1000).toFixed(1)} µs per evaluation`,
        `  ledger writes sent: ${statsAfter.sent - statsBefore.sent}`,
      ].join('\n'),
    );
    expect(evaluations).toBeGreaterThan(5);
    expect(evaluations).toBeLessThanOrEqual(Math.ceil((seconds * 1000) / 250) + 2);
    expect(totalMs / evaluations).toBeLessThan(2);
    expect(statsAfter.sent - statsBefore.sent).toBe(5);
  });
});

describe('Options → Page rules', () => {
  it('edits rules with field errors, delete with undo, and reorder by keyboard', async () => {
    const options = await sm.context.newPage();
    await options.goto(sm.url('options.html'));
    const site = options.locator('[data-testid="rules-site"][data-site="http://localhost/console/*"]');
    await expect.poll(() => site.getByTestId('rules-row').count()).toBe(4);
    await expect.poll(() => site.getByTestId('rules-selector').first().inputValue()).toBe('#agent-status');

    // A broken selector and pattern: named errors, nothing saved.
    await site.getByTestId('rules-add').click();
    await expect
      .poll(() => options.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid))
      .toBe('rules-selector');
    const fifth = site.getByTestId('rules-row').nth(4);
    await fifth.getByTestId('rules-selector').fill('div[[x');
    await fifth.getByTestId('rules-pattern').fill('a{');
    await fifth.getByTestId('rules-state').selectOption('other');
    await site.getByTestId('rules-save').click();
    const errors = await fifth.getByTestId('rules-error').allTextContents();
    expect(errors).toEqual([
      'CSS selector: this is not a valid CSS selector.',
      'Text pattern: this is not a valid regular expression.',
      'Code: choose a code for “Other”.',
    ]);
    await expect.poll(() => site.getByTestId('rules-notice').textContent()).toContain('Nothing was saved');
    await site.screenshot({ path: `${SHOTS}/rules-errors-en.png` });
    const stored = async () =>
      ((await options.evaluate(() => chrome.storage.local.get('settings'))) as { settings: { pageRules: unknown[] } })
        .settings.pageRules;
    expect(JSON.stringify(await stored())).not.toContain('div[[x');

    // Delete it, undo, delete again.
    await fifth.getByTestId('rules-remove').click();
    await expect.poll(() => site.getByTestId('rules-row').count()).toBe(4);
    await site.getByTestId('rules-undo').click();
    await expect.poll(() => site.getByTestId('rules-row').count()).toBe(5);
    expect(await site.getByTestId('rules-row').nth(4).getByTestId('rules-selector').inputValue()).toBe('div[[x');
    await site.getByTestId('rules-row').nth(4).getByTestId('rules-remove').click();

    // Move rule 4 (Ready) up with the keyboard; focus stays on the button.
    await site.getByTestId('rules-row').nth(3).getByTestId('rules-up').focus();
    await options.keyboard.press('Enter');
    await expect
      .poll(() => site.getByTestId('rules-row').nth(2).getByTestId('rules-pattern').inputValue())
      .toBe('就绪|Ready');
    expect(await options.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid)).toBe(
      'rules-up',
    );
    await site.getByTestId('rules-save').click();
    await expect.poll(() => site.getByTestId('rules-notice').textContent()).toContain('saved');
    const saved = (await stored()) as { rules: { textPattern: string }[] }[];
    expect(saved[0]!.rules.map((r) => r.textPattern)).toEqual([
      '通话中|Talking',
      '保持|Hold',
      '就绪|Ready',
      '话后处理|Wrap-up',
    ]);
    await site.getByTestId('rules-row').nth(2).getByTestId('rules-down').click();
    await site.getByTestId('rules-save').click();
    await expect
      .poll(async () => ((await stored()) as { rules: { state: string }[] }[])[0]!.rules.map((r) => r.state))
      .toEqual(['talk', 'hold', 'acw', 'available']);
    await options.close();
  });

  it("applies a team pack's rules after the agent's, and stops when the pack is removed", async () => {
    const options = await sm.context.newPage();
    await options.goto(sm.url('options.html'));
    // This team counts ringing as handle time.
    const pack = {
      schemaVersion: 1,
      id: 'ring-as-talk',
      name: 'Ring counts as talk',
      version: '1',
      consoleSites: [
        {
          pattern: 'http://localhost/console/*',
          pageRules: [{ selector: '#agent-status', textPattern: '振铃|Ringing', state: 'talk' }],
        },
      ],
    };
    await options.getByTestId('packs-import-file').setInputFiles({
      name: 'pack.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(pack)),
    });
    await expect.poll(() => options.getByTestId('rules-pack-rule').count()).toBe(1);
    expect(await options.getByTestId('rules-pack-rule').textContent()).toContain('振铃|Ringing');
    await options.getByTestId('rules-packs').screenshot({ path: `${SHOTS}/rules-packs-en.png` });
    const mirrored = async () =>
      ((await options.evaluate(() => chrome.storage.local.get('packPageRules'))) as { packPageRules?: unknown[] })
        .packPageRules ?? [];
    await expect.poll(async () => (await mirrored()).length).toBe(1);

    // Click times are compared with the ledger: the console in front, so its timers are not throttled.
    await consolePage.bringToFront();
    let before = await lastId();
    const rang = await click('sim-ring');
    let rows = await waitForRows(before, 1);
    expect(rows.map((r) => `${r.state}/${r.source}`)).toEqual(['talk/page']);
    expect(rows[0]!.at - rang).toBeLessThan(1_000);
    // Answering shows the same state: no change, nothing written.
    await click('sim-answer');
    await pause(800);
    expect(await rowsAfter(before)).toHaveLength(1);
    await click('sim-hangup');
    await click('sim-ready');
    await waitForRows(before, 3);

    await options.bringToFront();
    await options.locator('[data-testid="packs-row"][data-pack-id="ring-as-talk"]').getByTestId('packs-remove').click();
    await expect.poll(async () => (await mirrored()).length).toBe(0);
    await expect.poll(() => options.getByTestId('rules-pack-rule').count()).toBe(0);
    await consolePage.bringToFront();
    before = await lastId();
    await click('sim-ring');
    await pause(800);
    expect(await rowsAfter(before)).toEqual([]);
    await click('sim-answer');
    rows = await waitForRows(before, 1);
    expect(rows.map((r) => r.state)).toEqual(['talk']);
    await click('sim-hangup');
    await click('sim-ready');
    await waitForRows(before, 3);
    await options.close();
  });

  it('tests the rules on the open console page (highlights, state, zh UI) and says when none is open', async () => {
    // Put the call on hold so the rules give "hold".
    await openConsole(consolePage);
    await click('sim-ring');
    await click('sim-answer');
    await click('sim-hold');
    const options = await sm.context.newPage();
    await options.setViewportSize({ width: 900, height: 1400 });
    await options.goto(sm.url('options.html'));
    const site = options.locator('[data-testid="rules-site"][data-site="http://localhost/console/*"]');
    await site.getByTestId('rules-test').click();
    const result = site.getByTestId('rules-test-result');
    await result.waitFor();
    await expect.poll(() => result.getByTestId('rules-test-state').getAttribute('data-state')).toBe('hold');
    expect(await result.getByTestId('rules-test-state').textContent()).toBe('Right now these rules give:On hold');
    expect(await result.getByTestId('rules-test-state').locator('strong').textContent()).toBe('On hold');
    const rows = result.getByTestId('rules-test-row');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => [tr.dataset.matches, tr.dataset.textMatched]))).toEqual([
      ['1', 'false'],
      ['1', 'true'],
      ['1', 'false'],
      ['1', 'false'],
    ]);
    expect(await result.getByTestId('rules-test-context').textContent()).toContain('物流延误退款 Delayed-order refund');

    // The outlines live in Seatmate's closed shadow root; the page's own elements are untouched.
    const highlight = async () => {
      const cdp = await sm.context.newCDPSession(consolePage);
      const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
      await cdp.detach();
      type Node = { nodeName: string; attributes?: string[]; children?: Node[]; shadowRoots?: Node[] };
      let boxes = 0;
      let shadowMode: string | undefined;
      const walk = (n: Node, inHighlight: boolean) => {
        const cls = n.attributes?.[n.attributes.indexOf('class') + 1];
        if (inHighlight && n.attributes?.includes('class') && cls?.split(' ').includes('box')) boxes++;
        const isHost = n.nodeName === 'SEATMATE-HIGHLIGHT';
        for (const c of n.children ?? []) walk(c, inHighlight);
        for (const s of n.shadowRoots ?? []) {
          if (isHost) shadowMode = (s as { shadowRootType?: string }).shadowRootType;
          walk(s, inHighlight || isHost);
        }
      };
      walk(root as Node, false);
      return { boxes, shadowMode };
    };
    // One box for the matching rule, one for the case element.
    expect(await highlight()).toEqual({ boxes: 2, shadowMode: 'closed' });
    expect(await consolePage.evaluate(() => document.getElementById('agent-status')!.getAttribute('style'))).toBeNull();
    await consolePage.screenshot({ path: `${SHOTS}/console-highlight.png` });
    await options.getByTestId('rules-section').screenshot({ path: `${SHOTS}/rules-en.png` });
    await expect.poll(async () => (await highlight()).boxes, { timeout: 8_000 }).toBe(0);

    // In Chinese.
    await options.getByTestId('options-language').selectOption('zh-CN');
    await expect.poll(() => options.locator('#rules-heading').textContent()).toBe('页面规则');
    await site.getByTestId('rules-test').click();
    await expect.poll(() => site.getByTestId('rules-test-state').textContent()).toBe('这些规则当前得出的状态：保持');
    expect(await site.getByTestId('rules-test-row').first().locator('td').nth(2).textContent()).toBe('否');
    await options.getByTestId('rules-section').screenshot({ path: `${SHOTS}/rules-zh.png` });

    // With no console tab open, the tester says so.
    await consolePage.close();
    await site.getByTestId('rules-test').click();
    await expect.poll(() => site.getByTestId('rules-test-none').textContent()).toContain('没有打开');
    await options.getByTestId('options-language').selectOption('auto');
    await options.close();
  });
});
