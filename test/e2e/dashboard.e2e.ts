import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presetRange } from '../../entrypoints/dashboard/range';
import { localDay } from '../../utils/time/day';
import { buildReport } from '../../utils/time/metrics';
import { generateLedgerYear } from '../bench/ledger-data';
import { launchSeatmate, type Seatmate } from '../support/launch';

/** Screenshots of the dashboard for a person to look at. */
const SHOTS = '/tmp/shots-d';
mkdirSync(SHOTS, { recursive: true });

/** The day the hand-computed shift is on: the Tuesday of last week (relative to today, so it never ages). */
const DAY = (() => {
  const d = new Date();
  d.setDate(d.getDate() - ((d.getDay() + 5) % 7) - 7);
  return localDay(d);
})();

/** [local time, state, source, code?, clockBack ms?] */
type Row = [string, string, string, string?, number?];

/**
 * A hand-computed shift (local clock):
 * available 09:00–09:10, call 1: talk 09:10–09:15, hold –09:17, talk –09:20, ACW –09:22;
 * available –09:30; call 2: talk 09:30–09:36, ACW –09:40; break 09:40–09:55; available –10:00
 * (the clock was found 5 min back at 09:55); call 3: talk 10:00–10:04, ACW –10:06; available –10:10;
 * the browser crashed at 10:10 (unknown until 10:30); offline at 10:30.
 *
 * Talk 5+3+6+4 = 18 min, hold 2, ACW 2+4+2 = 8 → handle 28 min; available 10+8+5+4 = 27 min.
 * Contacts 3; AHT 28/3 min = 9:20; occupancy 28/55 = 50.9 % → 51 %; logged in 09:00–10:10 = 70 min;
 * contacts per hour 3/(70/60) = 2.57 → 2.6; break 15 of 30 min; longest without a break 09:00–09:40
 * = 40 min; unknown 20 min.
 */
const SHIFT: Row[] = [
  ['09:00', 'available', 'manual'],
  ['09:10', 'talk', 'page'],
  ['09:15', 'hold', 'page'],
  ['09:17', 'talk', 'page'],
  ['09:20', 'acw', 'page'],
  ['09:22', 'available', 'manual'],
  ['09:30', 'talk', 'page'],
  ['09:36', 'acw', 'page'],
  ['09:40', 'break', 'manual'],
  ['09:55', 'available', 'manual', undefined, 5 * 60_000],
  ['10:00', 'talk', 'page'],
  ['10:04', 'acw', 'page'],
  ['10:06', 'available', 'manual'],
  ['10:10', 'unknown', 'system'],
  ['10:30', 'offline', 'manual'],
];

/** Replaces the ledger with `rows` on `day`, straight through IndexedDB (the page's database). */
async function seed(page: Page, day: string, rows: Row[]): Promise<void> {
  await page.evaluate(
    async ({ day, rows }) => {
      const db = await new Promise<IDBDatabase>((ok, fail) => {
        const req = indexedDB.open('seatmate');
        req.onsuccess = () => ok(req.result);
        req.onerror = () => fail(req.error);
      });
      const tx = db.transaction(['stateEvents', 'stateEdits'], 'readwrite');
      const events = tx.objectStore('stateEvents');
      events.clear();
      tx.objectStore('stateEdits').clear();
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      for (const [hhmm, state, source, code, clockBack] of rows) {
        const [h, mi] = hhmm.split(':').map(Number) as [number, number];
        const at = new Date(y, m - 1, d, h, mi).getTime();
        const row: Record<string, unknown> = { at, state, source, tz: -new Date(at).getTimezoneOffset() || 0 };
        if (code) row.code = code;
        if (clockBack) row.clockBack = clockBack;
        events.add(row);
      }
      await new Promise((ok, fail) => {
        tx.oncomplete = ok;
        tx.onerror = () => fail(tx.error);
      });
      db.close();
    },
    { day, rows },
  );
}

/** Opens the dashboard, seeds the shift and shows its day (custom range). */
async function openSeeded(sm: Seatmate): Promise<Page> {
  const page = await sm.context.newPage();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(sm.url('dashboard.html'));
  await page.getByTestId('dashboard-load-ms').waitFor();
  await seed(page, DAY, SHIFT);
  await page.getByTestId('range-custom').click();
  await page.getByTestId('range-from').fill(DAY);
  await page.getByTestId('range-to').fill(DAY);
  await expect.poll(() => page.getByTestId('dashboard-range').textContent()).toBe(DAY);
  await expect.poll(() => value(page, 'contacts')).toBe('3');
  return page;
}

const value = (page: Page, id: string) => page.getByTestId(`metric-${id}-value`).innerText();
const row = (page: Page, time: string) => page.getByTestId('correction-row').filter({ hasText: time });

describe('dashboard (en)', () => {
  let sm: Seatmate;
  let page: Page;
  beforeAll(async () => {
    sm = await launchSeatmate({ lang: 'en-US' });
  });
  afterAll(async () => {
    await sm?.close();
  });

  it('shows the figures computed by hand, with formulas on hover and focus', async () => {
    page = await openSeeded(sm);
    expect(await value(page, 'contacts')).toBe('3');
    expect(await value(page, 'aht')).toBe('9:20 m:ss');
    expect(await page.getByTestId('metric-aht-value').getAttribute('data-value')).toBe(String((28 * 60_000) / 3));
    expect(await value(page, 'occupancy')).toBe('51%');
    expect(await value(page, 'contactsPerHour')).toBe('2.6');
    expect(await value(page, 'loggedIn')).toBe('1:10 h:mm');
    expect(await value(page, 'talk')).toBe('0:18 h:mm');
    expect(await value(page, 'hold')).toBe('0:02 h:mm');
    expect(await value(page, 'acw')).toBe('0:08 h:mm');
    expect(await value(page, 'break')).toBe('0:15 / 0:30 h:mm');
    expect(await page.getByTestId('metric-break-note').innerText()).toBe('0:15 left');
    expect(await value(page, 'longestWithoutBreak')).toBe('0:40 h:mm');
    expect(await value(page, 'unknown')).toBe('0:20 h:mm');
    expect(await page.getByTestId('metric-other').count()).toBe(0);
    // The formula shows on keyboard focus (and is the card's description).
    const card = page.getByTestId('metric-aht');
    await card.focus();
    const tip = card.getByRole('tooltip');
    expect(await tip.isVisible()).toBe(true);
    expect(await tip.innerText()).toBe('AHT = (talk + hold + after-call work) ÷ contacts');
    expect(await card.getAttribute('aria-describedby')).toBe(await tip.getAttribute('id'));
    await page.getByTestId('metric-occupancy').hover();
    expect(await page.getByTestId('metric-occupancy').getByRole('tooltip').isVisible()).toBe(true);
    // Load time is shown.
    expect(Number(await page.getByTestId('dashboard-load-ms').getAttribute('data-ms'))).toBeGreaterThan(0);
  });

  it('draws the day as bands, the crash gap hatched, and tells the clock went back', async () => {
    const bands = page.getByTestId('timeline-band');
    expect(await bands.count()).toBe(14);
    expect(await bands.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).toEqual([
      'available',
      'talk',
      'hold',
      'talk',
      'acw',
      'available',
      'talk',
      'acw',
      'break',
      'available',
      'talk',
      'acw',
      'available',
      'unknown',
    ]);
    expect(await bands.last().getAttribute('fill')).toBe('url(#dash-hatch)');
    // Keyboard: the timeline is one tab stop; arrows step through the bands.
    await page.getByRole('group', { name: `Timeline of ${DAY}` }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('timeline-tip').innerText()).toBe('On a call, 09:10–09:15 (5:00)');
    await page.keyboard.press('End');
    expect(await page.getByTestId('timeline-tip').innerText()).toBe('Unknown, 10:10–10:30 (20:00)');
    expect(await page.getByTestId('dashboard-anomalies').innerText()).toContain('The clock went back 5 min at');
    await page.screenshot({ path: `${SHOTS}/dashboard-en.png`, fullPage: true });
  });

  it('exports the table as CSV with a BOM, and JSON', async () => {
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(csv.suggestedFilename()).toBe(`seatmate-my-time-${DAY}_${DAY}.csv`);
    const bytes = readFileSync(await csv.path());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]!.startsWith('Day,Shifts,Contacts,Logged in (min),Talk (min)')).toBe(true);
    expect(lines[1]).toBe(
      `${DAY},1,3,70.00,18.00,2.00,8.00,27.00,15.00,30.00,0.00,60.00,0.00,20.00,6.00,0.67,2.67,9.33,50.9,2.57,40.00`,
    );
    expect(lines[2]!.startsWith('Total,1,3,70.00')).toBe(true);
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    const doc = JSON.parse(readFileSync(await json.path(), 'utf8')) as {
      rows: { day: string; metrics: { contacts: number } }[];
    };
    expect(doc.rows.map((r) => [r.day, r.metrics.contacts])).toEqual([
      [DAY, 3],
      ['total', 3],
    ]);
    const [backup] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-backup').click()]);
    const ledger = JSON.parse(readFileSync(await backup.path(), 'utf8')) as { format: string; events: unknown[] };
    expect(ledger.format).toBe('seatmate-ledger');
    expect(ledger.events).toHaveLength(SHIFT.length);
  });

  it('corrects a time: refuses one out of order next to the field, then changes the figures and logs it', async () => {
    await row(page, '09:55:00').getByTestId('correction-edit').click();
    const editing = page.locator('tr.editing');
    await editing.getByTestId('correction-time').fill('09:35:00');
    await editing.getByTestId('correction-save').click();
    await expect
      .poll(() => editing.getByTestId('correction-time-error').innerText())
      .toContain('must stay between the changes before and after it');
    expect(await editing.getByTestId('correction-time').getAttribute('aria-invalid')).toBe('true');
    expect(await value(page, 'break')).toBe('0:15 / 0:30 h:mm');
    // A valid time: the break ends five minutes earlier.
    await editing.getByTestId('correction-time').fill('09:50:00');
    await editing.getByTestId('correction-save').click();
    await expect.poll(() => value(page, 'break')).toBe('0:10 / 0:30 h:mm');
    // 28 / (28 + 32) = 46.7 %
    expect(await value(page, 'occupancy')).toBe('47%');
    expect(await row(page, '09:50:00').count()).toBe(1);
    // Keyboard: focus goes back to the row's Edit button; Esc leaves an edit without saving.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.closest('tr')?.textContent ?? ''))
      .toContain('09:50:00');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    expect(await page.locator('tr.editing').count()).toBe(0);
    const history = page.getByTestId('edit-history-row');
    await expect.poll(() => history.count()).toBe(1);
    expect(await history.first().innerText()).toContain('Changed');
    expect(await history.first().innerText()).toContain('09:55:00 Available → 09:50:00 Available');
  });

  it('adds a forgotten change, and deletes one with Undo', async () => {
    const form = page.getByTestId('correction-add-form');
    await form.getByTestId('correction-time').fill('09:25:00');
    await form.getByTestId('correction-state').selectOption('other');
    await form.getByTestId('correction-code').selectOption('training');
    await form.getByTestId('correction-add').click();
    await expect.poll(() => page.getByTestId('metric-other').count()).toBe(1);
    expect(await value(page, 'other')).toBe('0:05 h:mm');
    expect(await row(page, '09:25:00').innerText()).toContain('Training');
    // Delete the third call's talk: two contacts; Undo brings it back.
    await row(page, '10:00:00').getByTestId('correction-delete').click();
    await expect.poll(() => value(page, 'contacts')).toBe('2');
    expect(await page.getByTestId('dashboard-toast').innerText()).toContain('Deleted the change at 10:00:00');
    await page.getByTestId('dashboard-undo').click();
    await expect.poll(() => value(page, 'contacts')).toBe('3');
    expect(await row(page, '10:00:00').count()).toBe(1);
    const actions = await page
      .getByTestId('edit-history-row')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    expect(actions).toEqual(['restore', 'delete', 'insert', 'change']);
    await page.screenshot({ path: `${SHOTS}/dashboard-corrections-en.png`, fullPage: true });
  });

  it('follows a state change made in the popup, live', async () => {
    await page.getByTestId('range-today').click();
    await expect.poll(() => page.getByTestId('timeline-empty').count()).toBe(1);
    const popup = await sm.context.newPage();
    await popup.goto(sm.url('popup.html'));
    await popup.getByTestId('state-button-talk').click();
    await expect.poll(() => page.getByTestId('timeline-band').count()).toBe(1);
    expect(await page.getByTestId('timeline-band').first().getAttribute('data-state')).toBe('talk');
    expect(await value(page, 'contacts')).toBe('1');
    // The popup shows the same figures, formatted the same way as the dashboard.
    await expect.poll(() => popup.getByTestId('popup-today-contacts').textContent()).toBe('1');
    await popup.close();
  });

  it('draws a crash gap inside a shift once, and a restored call counts once', async () => {
    // Talk 09:10, the browser dies 09:12 (unknown), the call is restored at 09:15 and ends 09:20.
    await seed(page, DAY, [
      ['09:00', 'available', 'manual'],
      ['09:10', 'talk', 'page'],
      ['09:12', 'unknown', 'system'],
      ['09:15', 'talk', 'recovery'],
      ['09:20', 'acw', 'page'],
      ['09:25', 'available', 'manual'],
      ['09:30', 'offline', 'manual'],
    ]);
    await page.getByTestId('range-custom').click();
    await page.getByTestId('range-from').fill(DAY);
    await page.getByTestId('range-to').fill(DAY);
    await expect
      .poll(() => page.getByTestId('timeline-band').evaluateAll((els) => els.map((e) => e.getAttribute('data-state'))))
      .toEqual(['available', 'talk', 'unknown', 'talk', 'acw', 'available']);
    expect(await value(page, 'contacts')).toBe('1');
    // AHT = (2 + 5 talk + 5 ACW) min over one contact; the gap is not work.
    expect(await value(page, 'aht')).toBe('12:00 m:ss');
    expect(await value(page, 'unknown')).toBe('0:03 h:mm');
    // The keyboard steps through six bands, the gap once.
    await page.getByRole('group', { name: `Timeline of ${DAY}` }).focus();
    const tips: string[] = [];
    await page.keyboard.press('Home');
    for (let i = 0; i < 6; i++) {
      tips.push(await page.getByTestId('timeline-tip').innerText());
      await page.keyboard.press('ArrowRight');
    }
    expect(tips.filter((tip) => tip.startsWith('Unknown'))).toEqual(['Unknown, 09:12–09:15 (3:00)']);
    // The day table opens on request and lists the day.
    await page.getByTestId('report-table-toggle').click();
    await expect.poll(() => page.getByTestId('report-row').count()).toBe(2);
  });
});

describe('dashboard (zh)', () => {
  let sm: Seatmate;
  beforeAll(async () => {
    sm = await launchSeatmate({ lang: 'zh-CN' });
  });
  afterAll(async () => {
    await sm?.close();
  });

  it('reads in Chinese, figures the same', async () => {
    const page = await openSeeded(sm);
    expect(await page.locator('h1').innerText()).toBe('我的时间');
    expect(await page.getByTestId('metric-contacts').locator('.dash-card-label').innerText()).toBe('接待量');
    expect(await value(page, 'aht')).toBe('9:20 分:秒');
    expect(await value(page, 'occupancy')).toBe('51%');
    const card = page.getByTestId('metric-occupancy');
    await card.focus();
    expect(await card.getByRole('tooltip').innerText()).toContain('占用率 =');
    await page.getByRole('group', { name: `${DAY} 的时间线` }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('timeline-tip').innerText()).toBe('通话中，09:10–09:15（5:00）');
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    const text = readFileSync(await csv.path(), 'utf8');
    expect(text.startsWith('\uFEFF日期,班次,接待量')).toBe(true);
    expect(text).toContain('\r\n合计,1,3,');
    await page.screenshot({ path: `${SHOTS}/dashboard-zh.png`, fullPage: true });
  });
});

describe('dashboard speed', () => {
  let sm: Seatmate;
  beforeAll(async () => {
    sm = await launchSeatmate({ lang: 'en-US' });
  });
  afterAll(async () => {
    await sm?.close();
  });

  it(
    'shows a year of 150,000 state changes and a week of it with the right counts, cold and cached',
    { timeout: 180_000 },
    async () => {
      // A year of weekday shifts ending about two weeks ago, relative to today's clock.
      const start = new Date();
      start.setDate(start.getDate() - 364 - ((start.getDay() + 6) % 7)); // a Monday a year back
      const rows = generateLedgerYear({ firstDay: start });
      const page = await sm.context.newPage();
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(sm.url('dashboard.html'));
      await page.getByTestId('dashboard-load-ms').waitFor();
      for (let i = 0; i < rows.length; i += 25_000) {
        await page.evaluate(
          async (chunk) => {
            const db = await new Promise<IDBDatabase>((ok, fail) => {
              const req = indexedDB.open('seatmate');
              req.onsuccess = () => ok(req.result);
              req.onerror = () => fail(req.error);
            });
            const tx = db.transaction('stateEvents', 'readwrite');
            for (const r of chunk) tx.objectStore('stateEvents').add(r);
            await new Promise((ok, fail) => {
              tx.oncomplete = ok;
              tx.onerror = () => fail(tx.error);
            });
            db.close();
          },
          rows.slice(i, i + 25_000),
        );
      }
      const first = localDay(new Date(rows[0]!.at));
      const last = localDay(new Date(rows[rows.length - 1]!.at));
      const lastMonday = presetRange('week', last);
      /**
       * Opens the page on a range and waits until its figures are on screen. Returns the time the
       * page reports from the start of its read to the paint of the figures, the time from the
       * navigation's start to that paint (page load included), and the contacts shown.
       */
      const open = async (from: string, to: string) => {
        await page.goto(sm.url(`dashboard.html?from=${from}&to=${to}`));
        const status = page.locator('[data-testid="dashboard-load-ms"][data-shown-ms]');
        await status.waitFor({ timeout: 60_000 });
        return {
          compute: Number(await status.getAttribute('data-ms')),
          shown: Number(await status.getAttribute('data-shown-ms')),
          fromNavigation: Number(await status.getAttribute('data-shown-at')),
          contacts: Number(await page.getByTestId('metric-contacts-value').getAttribute('data-value')),
        };
      };
      /** The count computed in Node from every row: what each view must show. */
      const contactsIn = (from: string, to: string) =>
        buildReport(rows, { from, to }, Date.now(), { breakMinutes: 30, lunchMinutes: 60 }).metrics.contacts;
      // The first year view reads every row and leaves closed days' totals in the day cache.
      const yearCold = await open(first, last);
      expect(contactsIn(first, last)).toBe(250 * 150);
      expect(yearCold.contacts).toBe(250 * 150);
      const cachedDays = () =>
        page.evaluate(async () => {
          const db = await new Promise<IDBDatabase>((ok, fail) => {
            const req = indexedDB.open('seatmate');
            req.onsuccess = () => ok(req.result);
            req.onerror = () => fail(req.error);
          });
          const n = await new Promise<number>((ok) => {
            const q = db.transaction('ledgerDays').objectStore('ledgerDays').count();
            q.onsuccess = () => ok(q.result);
          });
          db.close();
          return n;
        });
      await expect.poll(cachedDays, { timeout: 30_000 }).toBeGreaterThan(300);
      const runs = { week: [] as Awaited<ReturnType<typeof open>>[], year: [] as Awaited<ReturnType<typeof open>>[] };
      for (let i = 0; i < 3; i++) {
        runs.week.push(await open(lastMonday.from, lastMonday.to));
        runs.year.push(await open(first, last));
      }
      // Every view shows the right count, the cached ones too.
      expect(runs.year.map((r) => r.contacts)).toEqual([37_500, 37_500, 37_500]);
      const week = contactsIn(lastMonday.from, lastMonday.to);
      expect(runs.week.map((r) => r.contacts)).toEqual([week, week, week]);
      expect(await value(page, 'contacts')).toBe('37,500');
      expect(await page.getByTestId('timeline-band').count()).toBeGreaterThan(100);
      await page.screenshot({ path: `${SHOTS}/dashboard-year-en.png`, fullPage: false });
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
      const report = {
        rows: rows.length,
        yearColdShownMs: yearCold.shown,
        yearColdFromNavigationMs: yearCold.fromNavigation,
        weekShownMs: median(runs.week.map((r) => r.shown)),
        yearShownMs: median(runs.year.map((r) => r.shown)),
        yearFromNavigationMs: median(runs.year.map((r) => r.fromNavigation)),
      };
      console.log(`dashboard speed: ${JSON.stringify(report)}`);
      // Times are printed, not asserted: the targets (≤ 500 ms cached, ≤ 1.5 s cold) are measured by
      // `npm run bench:ledger` on a quiet machine and recorded in docs/benchmarks.md.
    },
  );
});
