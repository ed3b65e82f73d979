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

async function main() {
  const firstDay = new Date(2025, 10, 24); // a Monday
  const rows = generateLedgerYear({ firstDay });
  const lastAt = rows[rows.length - 1]!.at;
  const now = lastAt + 3_600_000;
  const yearRange = { from: localDay(firstDay), to: localDay(new Date(lastAt)) };
  // The last full week (Monday–Sunday) of the year.
  const lastDay = new Date(lastAt);
  const monday = new Date(lastDay.getFullYear(), lastDay.getMonth(), lastDay.getDate() - ((lastDay.getDay() + 6) % 7));
  const weekRange = {
    from: localDay(monday),
    to: localDay(new Date(monday.getFullYear(), monday.getMonth(), monday.getDate() + 6)),
  };
  console.log(`rows: ${rows.length}; year ${yearRange.from}..${yearRange.to}; week ${weekRange.from}..${weekRange.to}`);

  // 1. Node: report from rows in memory.
  const sorted = [...rows].sort(compareEvents);
  const weekRows = sorted.filter((r) => r.at >= monday.getTime() - 36 * 3_600_000);
  const node = { week: [] as number[], year: [] as number[] };
  for (let i = 0; i < 7; i++) {
    let t = performance.now();
    buildReport(weekRows, weekRange, now, schedule);
    node.week.push(performance.now() - t);
    t = performance.now();
    const r = buildReport(sorted, yearRange, now, schedule);
    node.year.push(performance.now() - t);
    if (i === 0) console.log(`year report: ${r.metrics.contacts} contacts over ${r.days.length} days`);
  }

  // 2. Chromium: IndexedDB + report, and the write path.
  const sm = await launchSeatmate();
  try {
    const page = await sm.context.newPage();
    await page.goto(sm.url('popup.html'));
    await page.waitForFunction(() => '__seatmateLedgerBench' in globalThis);
    const count = await page.evaluate(
      (r) => (globalThis as unknown as LedgerBenchGlobal).__seatmateLedgerBench.seed(r),
      rows,
    );
    console.log(`seeded ${count} rows into IndexedDB`);
    const chromium = { week: [] as number[], year: [] as number[] };
    // The first year report reads every row (nothing is cached yet) and then caches closed days.
    const cold = await page.evaluate(
      ([a, b, n]) => (globalThis as unknown as LedgerBenchGlobal).__seatmateLedgerBench.report(a, b, n),
      [yearRange.from, yearRange.to, now] as const,
    );
    await page.waitForTimeout(3_000);
    for (let i = 0; i < 7; i++) {
      const w = await page.evaluate(
        ([a, b, n]) => (globalThis as unknown as LedgerBenchGlobal).__seatmateLedgerBench.report(a, b, n),
        [weekRange.from, weekRange.to, now] as const,
      );
      chromium.week.push(w.ms);
      const y = await page.evaluate(
        ([a, b, n]) => (globalThis as unknown as LedgerBenchGlobal).__seatmateLedgerBench.report(a, b, n),
        [yearRange.from, yearRange.to, now] as const,
      );
      chromium.year.push(y.ms);
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
    console.log('\n| measurement | target | median | p95 | max |');
    console.log('| --- | --- | --- | --- | --- |');
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
}

await main();
