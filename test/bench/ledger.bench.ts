/**
 * Ledger benchmark: a year of one agent's state changes (250 shifts × 150 contacts ≈ 150,000 rows).
 *
 * 1. Node: building the report (derive periods, sessions, metrics) from rows already in memory.
 * 2. Chromium (the demo build, `npm run build:demo` first): the dashboard's real path — read the
 *    rows from IndexedDB and build the report — for a week and for the year; and the write path,
 *    one state change through `recordState`, and through a `ledger/set` message to the background.
 *
 *   npm run bench:ledger
 */
import { buildReport } from '../../utils/time/metrics';
import { compareEvents } from '../../utils/time/periods';
import { localDay } from '../../utils/time/day';
import { launchSeatmate } from '../support/launch';
import { generateLedgerYear } from './ledger-data';
import type { LedgerBenchGlobal } from '../../entrypoints/popup/bench-hook';

const schedule = { breakMinutes: 30, lunchMinutes: 60 };

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
  return { median: q(0.5), p95: q(0.95), max: s[s.length - 1]!, mean: xs.reduce((a, b) => a + b, 0) / xs.length };
}
const f = (n: number) => n.toFixed(n < 10 ? 2 : 1);

/** Counts that came out wrong (the benchmark fails when there are any). */
const wrong: string[] = [];
function check(label: string, got: number, want: number) {
  if (got !== want) wrong.push(`${label}: ${got} contacts, expected ${want}`);
}

async function main() {
  // A year of weekday shifts ending about two weeks ago, relative to today's clock (the dashboard
  // page reads the real clock).
  const firstDay = new Date();
  firstDay.setHours(0, 0, 0, 0);
  firstDay.setDate(firstDay.getDate() - 364 - ((firstDay.getDay() + 6) % 7)); // a Monday
  const rows = generateLedgerYear({ firstDay });
  const lastAt = rows[rows.length - 1]!.at;
  const now = Date.now();
  const yearRange = { from: localDay(firstDay), to: localDay(new Date(lastAt)) };
  // The last full week (Monday–Sunday) of the year.
  const lastDay = new Date(lastAt);
  const monday = new Date(lastDay.getFullYear(), lastDay.getMonth(), lastDay.getDate() - ((lastDay.getDay() + 6) % 7));
  const weekRange = {
    from: localDay(monday),
    to: localDay(new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 6)),
  };
  console.log(`rows: ${rows.length}; year ${yearRange.from}..${yearRange.to}; week ${weekRange.from}..${weekRange.to}`);

  // 1. Node: report from rows in memory. Its counts are the truth every other path must match.
  const sorted = [...rows].sort(compareEvents);
  const yearContacts = 250 * 150;
  const weekContacts = buildReport(sorted, weekRange, now, schedule).metrics.contacts;
  const weekRows = sorted.filter((r) => r.at >= monday.getTime() - 36 * 3_600_000);
  const node = { week: [] as number[], year: [] as number[] };
  for (let i = 0; i < 7; i++) {
    let t = performance.now();
    buildReport(weekRows, weekRange, now, schedule);
    node.week.push(performance.now() - t);
    t = performance.now();
    const r = buildReport(sorted, yearRange, now, schedule);
    node.year.push(performance.now() - t);
    if (i === 0) {
      console.log(`year report: ${r.metrics.contacts} contacts over ${r.days.length} days`);
      check('Node, year', r.metrics.contacts, yearContacts);
    }
  }

  // 2. Chromium: IndexedDB + report, the dashboard page itself, and the write path.
  const sm = await launchSeatmate();
  try {
    const page = await sm.context.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(sm.url('popup.html'));
    await page.waitForFunction(() => '__seatmateLedgerBench' in globalThis);
    type Bench = LedgerBenchGlobal['__seatmateLedgerBench'];
    /** Calls one of the demo build's bench functions inside the page. */
    const call = <K extends keyof Bench>(name: K, ...args: Parameters<Bench[K]>) =>
      page.evaluate(
        ([n, a]) => {
          const h = (globalThis as unknown as LedgerBenchGlobal).__seatmateLedgerBench;
          return (h[n] as (...x: unknown[]) => unknown)(...a);
        },
        [name, args] as const,
      ) as Promise<Awaited<ReturnType<Bench[K]>>>;

    // 2a. Rows still arriving while the first year report computes (an import): the cache must
    // not keep days the report never read.
    const split = Math.floor(rows.length * 0.85);
    await call('seed', rows.slice(0, split));
    const partial = await call('report', yearRange.from, yearRange.to, now, true);
    await call('append', rows.slice(split));
    const written = await call('flushCache');
    const afterImport = await call('report', yearRange.from, yearRange.to, now);
    console.log(
      `import race: ${partial.contacts} contacts while ${split} rows were in; ${written} days cached; ${afterImport.contacts} after all arrived`,
    );
    check('year after rows arrived during the first report', afterImport.contacts, yearContacts);

    // 2b. The dashboard page: from the start of its read to the paint of the figures, and from the
    // navigation's start; first with an empty day cache, then cached.
    const dashboard = async (from: string, to: string) => {
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
    await call('clearDayCache');
    const pageCold = await dashboard(yearRange.from, yearRange.to);
    check('dashboard, year, cold', pageCold.contacts, yearContacts);
    await page.waitForTimeout(3_000);
    const pages = {
      week: [] as Awaited<ReturnType<typeof dashboard>>[],
      year: [] as Awaited<ReturnType<typeof dashboard>>[],
    };
    for (let i = 0; i < 7; i++) {
      const w = await dashboard(weekRange.from, weekRange.to);
      check('dashboard, week', w.contacts, weekContacts);
      pages.week.push(w);
      const y = await dashboard(yearRange.from, yearRange.to);
      check('dashboard, year, cached', y.contacts, yearContacts);
      pages.year.push(y);
    }

    // 2c. The report alone (read + compute, no page), cold and cached.
    await page.goto(sm.url('popup.html'));
    await page.waitForFunction(() => '__seatmateLedgerBench' in globalThis);
    await call('clearDayCache');
    const chromium = { week: [] as number[], year: [] as number[] };
    // The first year report reads every row (nothing is cached yet) and then caches closed days.
    const cold = await call('report', yearRange.from, yearRange.to, now);
    check('report, year, cold', cold.contacts, yearContacts);
    await page.waitForTimeout(3_000);
    for (let i = 0; i < 7; i++) {
      const w = await call('report', weekRange.from, weekRange.to, now);
      chromium.week.push(w.ms);
      check('report, week', w.contacts, weekContacts);
      const y = await call('report', yearRange.from, yearRange.to, now);
      chromium.year.push(y.ms);
      check('report, year, cached', y.contacts, yearContacts);
      if (i === 0)
        console.log(
          `chromium: week ${w.events} rows / ${w.contacts} contacts; year ${y.events} rows / ${y.contacts} contacts`,
        );
    }
    const raw = await page.evaluate(() => (globalThis as unknown as LedgerBenchGlobal).__seatmateLedgerBench.reads());
    const writes: number[] = await page.evaluate(() =>
      (globalThis as unknown as LedgerBenchGlobal).__seatmateLedgerBench.writes(300),
    );
    const relaxed: number[] = await page.evaluate(() =>
      (globalThis as unknown as LedgerBenchGlobal).__seatmateLedgerBench.relaxedWrites(300),
    );
    const bare: number[] = await page.evaluate(() =>
      (globalThis as unknown as LedgerBenchGlobal).__seatmateLedgerBench.bareAdds(300),
    );
    const messages: number[] = await page.evaluate(() =>
      (globalThis as unknown as LedgerBenchGlobal).__seatmateLedgerBench.messages(300),
    );

    const nw = stats(node.week),
      ny = stats(node.year),
      cw = stats(chromium.week),
      cy = stats(chromium.year);
    const rw = stats(relaxed.slice(20));
    const bw = stats(bare.slice(20));
    const ww = stats(writes.slice(20)),
      mw = stats(messages.slice(20));
    const ps = (xs: Awaited<ReturnType<typeof dashboard>>[], k: 'shown' | 'fromNavigation') =>
      stats(xs.map((x) => x[k]));
    const pw = ps(pages.week, 'shown'),
      py = ps(pages.year, 'shown'),
      pyn = ps(pages.year, 'fromNavigation');
    console.log('\n| measurement | target | median | p95 | max |');
    console.log('| --- | --- | --- | --- | --- |');
    console.log(
      `| dashboard page, the year, cached: read to figures painted | ≤ 500 ms | ${f(py.median)} ms | ${f(py.p95)} ms | ${f(py.max)} ms |`,
    );
    console.log(
      `| dashboard page, the year, cached: from navigation (page load included) | – | ${f(pyn.median)} ms | ${f(pyn.p95)} ms | ${f(pyn.max)} ms |`,
    );
    console.log(
      `| dashboard page, the year, cold (every row read): read to figures painted | ≤ 1.5 s | ${f(pageCold.shown)} ms | | |`,
    );
    console.log(`| dashboard page, the year, cold: from navigation | – | ${f(pageCold.fromNavigation)} ms | | |`);
    console.log(
      `| dashboard page, one week: read to figures painted | – | ${f(pw.median)} ms | ${f(pw.p95)} ms | ${f(pw.max)} ms |`,
    );
    console.log(
      `| dashboard, one week (Chromium: IndexedDB read + report) | ≤ 100 ms | ${f(cw.median)} ms | ${f(cw.p95)} ms | ${f(cw.max)} ms |`,
    );
    console.log(
      `| dashboard, the year (Chromium: day cache + rows of open days + report) | ≤ 500 ms | ${f(cy.median)} ms | ${f(cy.p95)} ms | ${f(cy.max)} ms |`,
    );
    console.log(`| dashboard, the year, first time (every row read, then cached) | – | ${f(cold.ms)} ms | | |`);
    console.log(
      `| reading all rows only: through the \`at\` index / by primary key | – | ${f(raw.index)} / ${f(raw.primary)} ms | | |`,
    );
    console.log(
      `| report only, one week (Node, rows in memory) | – | ${f(nw.median)} ms | ${f(nw.p95)} ms | ${f(nw.max)} ms |`,
    );
    console.log(
      `| report only, the year (Node, rows in memory) | – | ${f(ny.median)} ms | ${f(ny.p95)} ms | ${f(ny.max)} ms |`,
    );
    console.log(
      `| write one state change (recordState, Chromium, 150k rows stored) | ≤ 2 ms | ${f(ww.median)} ms | ${f(ww.p95)} ms | ${f(ww.max)} ms |`,
    );
    console.log(
      `| write one state change, relaxed durability (for comparison) | – | ${f(rw.median)} ms | ${f(rw.p95)} ms | ${f(rw.max)} ms |`,
    );
    console.log(
      `| IndexedDB floor: one bare add in its own transaction | – | ${f(bw.median)} ms | ${f(bw.p95)} ms | ${f(bw.max)} ms |`,
    );
    console.log(
      `| state change from a page to the background and written (ledger/set) | – | ${f(mw.median)} ms | ${f(mw.p95)} ms | ${f(mw.max)} ms |`,
    );
  } finally {
    await sm.close();
  }
  if (wrong.length > 0) {
    console.error(`\nWRONG COUNTS:\n${wrong.join('\n')}`);
    process.exitCode = 1;
  } else console.log('\nEvery count matched the one computed from all rows in Node.');
}

await main();
