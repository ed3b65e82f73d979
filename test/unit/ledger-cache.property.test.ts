import { afterEach, describe, expect, it } from 'vitest';
import { SeatmateDb } from '@/utils/db';
import { recordState } from '@/utils/time/ledger';
import { deleteStateEvent, editStateEvent, insertStateEvent } from '@/utils/time/ledger-edits';
import { addDays } from '@/utils/time/ledger-days';
import { loadLedgerReport } from '@/utils/time/ledger-report';
import { addTotals, buildReport, emptyTotals, totalsOf, type DayRange, type LedgerReport } from '@/utils/time/metrics';
import { compareEvents, dayAt } from '@/utils/time/periods';
import { tzOffsetAt, type LedgerState, type StateEvent } from '@/utils/time/states';
import { localDay } from '@/utils/time/day';
import { rng } from '../support/rng';

/**
 * Property: for random ledgers (night shifts, crashes with and without recovery, long gaps,
 * clock jumps, time-zone moves and DST) and random clocks across years, the report of a long range
 * built through the day cache equals the same range computed from every row, equals the sum of
 * its days, and stays equal when rows arrive, are corrected or are imported between the report's
 * read and its cache write. Each case is reproducible from its seed (printed on failure).
 */

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const schedule = { breakMinutes: 30, lunchMinutes: 60 };

let db: SeatmateDb | null = null;
let n = 0;
afterEach(async () => {
  await db?.delete();
  db = null;
});

type Zone = (at: number) => number;

/** How the agent's clock moves: this runtime's zone, a fixed one, a trip, or a DST-like switch. */
function pickZone(rand: () => number, now: number): Zone {
  const k = Math.floor(rand() * 4);
  const cut = now - Math.floor(rand() * 300) * DAY;
  if (k === 0) return tzOffsetAt;
  if (k === 1) return () => 480;
  if (k === 2) return (at) => (at < cut ? 480 : -300);
  return (at) => (Math.floor((at - cut) / (120 * DAY)) % 2 === 0 ? 60 : 120);
}

/**
 * A random ledger ending at or before `now`: shifts starting at any hour (night shifts cross
 * midnight), calls with hold and ACW, breaks, lunch and `other` codes, crashes (short gaps restored
 * with `recovery`, long ones left unknown), shifts never logged out, and clock jumps.
 */
function generateLedger(rand: () => number, now: number, days: number): StateEvent[] {
  const zone = pickZone(rand, now);
  // Some agents log out every day; others mostly leave the browser open (long sessions).
  const logOut = rand() < 0.3 ? 0.3 : 0.8;
  const rows: StateEvent[] = [];
  let t = now - days * DAY;
  const push = (state: LedgerState, source: StateEvent['source'] = 'page', extra: Partial<StateEvent> = {}) => {
    if (t > now) return false;
    const row: StateEvent = { at: Math.round(t), state, source, tz: zone(t), ...extra };
    if (state === 'other' && !row.code) row.code = rand() < 0.5 ? 'training' : 'meeting';
    rows.push(row);
    return true;
  };
  while (t < now) {
    t += (2 + rand() * 30) * HOUR; // off until the next shift (sometimes only 2 h)
    const shiftEnd = t + (1 + rand() * 10) * HOUR;
    if (!push('available', 'manual')) break;
    while (t < shiftEnd) {
      const r = rand();
      t += (0.5 + rand() * 20) * MIN;
      let state: LedgerState;
      if (r < 0.5) state = 'talk';
      else if (r < 0.6) state = 'hold';
      else if (r < 0.75) state = 'acw';
      else if (r < 0.85) state = 'available';
      else if (r < 0.9) state = 'break';
      else if (r < 0.93) state = 'lunch';
      else state = 'other';
      if (!push(state)) return rows;
      const crash = rand();
      if (crash < 0.04) {
        // The browser died in this state; restored a few minutes later.
        t += (0.5 + rand() * 6) * MIN;
        if (!push('unknown', 'system')) return rows;
        t += (1 + rand() * 9) * MIN;
        const before = rows[rows.length - 2]!;
        if (!push(before.state, 'recovery', before.code ? { code: before.code } : {})) return rows;
      } else if (crash < 0.05) {
        // A long gap (1–6 h): the shift may or may not go on afterwards.
        if (!push('unknown', 'system')) return rows;
        t += (1 + rand() * 5) * HOUR;
        if (!push('available', 'manual')) return rows;
      } else if (crash < 0.055) {
        // The clock went back: the row is kept just after the one before.
        const prev = rows[rows.length - 1]!;
        t = prev.at + 1;
        if (!push('acw', 'page', { clockBack: 1 + Math.floor(rand() * 10 * MIN) })) return rows;
      } else if (crash < 0.06) {
        // Two rows at the same instant.
        if (!push('available', 'manual')) return rows;
      }
    }
    const end = rand();
    if (end < logOut) {
      if (!push('offline', 'manual')) break;
    } else if (end < logOut + 0.13) {
      if (!push('unknown', 'system')) break; // closed the browser without logging out
    } // else: never logged out; the next shift's rows continue this session
  }
  return rows;
}

/** The report computed from every row: the oracle. */
function oracle(rows: readonly StateEvent[], range: DayRange, now: number): LedgerReport {
  return buildReport([...rows].sort(compareEvents), range, now, schedule);
}

/** What must agree: per-day figures, totals, talk in the last hour and anomalies. */
function essence(r: LedgerReport) {
  return {
    metrics: r.metrics,
    days: r.days,
    talkLastHourMs: r.talkLastHourMs,
    anomalies: [...r.anomalies].sort((a, b) => a.at - b.at || (a.eventId ?? 0) - (b.eventId ?? 0)),
  };
}

function expectSumOfDays(r: LedgerReport, label: string) {
  const sum = emptyTotals();
  for (const d of r.days) addTotals(sum, totalsOf(d.metrics));
  expect(sum, label).toEqual(totalsOf(r.metrics));
}

type Mutation = 'none' | 'append' | 'edit' | 'insert' | 'delete' | 'raw-past' | 'raw-delete' | 'import-rest';
const MUTATIONS: Mutation[] = ['none', 'append', 'edit', 'insert', 'delete', 'raw-past', 'raw-delete', 'import-rest'];

async function allRows(d: SeatmateDb): Promise<StateEvent[]> {
  return (await d.stateEvents.toArray()).sort(compareEvents);
}

/** One case: returns nothing, asserts everything. */
async function runCase(seed: number) {
  const rand = rng(seed);
  // A clock anywhere from two years back to two years ahead of the machine's, so no calendar day
  // of the machine matters.
  const now = Date.now() + Math.round((rand() * 4 - 2) * 365 * DAY);
  const span = 40 + Math.floor(rand() * 120);
  const full = generateLedger(rand, now, span + 10);
  const mutation = MUTATIONS[Math.floor(rand() * MUTATIONS.length)]!;
  // The import case stores the older part first; the rest arrives while the report is computed.
  const split = mutation === 'import-rest' ? Math.floor(full.length * (0.3 + rand() * 0.5)) : full.length;
  db = new SeatmateDb(`ledger-prop-${++n}`);
  await db.open();
  await db.stateEvents.bulkAdd(full.slice(0, split));
  const today = dayAt(now, tzOffsetAt(now));
  // The range ends anywhere from 20 days ago to 2 days ahead (a past range has rows after it).
  const range: DayRange = {
    from: addDays(today, -(span - Math.floor(rand() * 5))),
    to: addDays(today, rand() < 0.5 ? 2 - Math.floor(rand() * 3) : -Math.floor(rand() * 20)),
  };
  const label = `seed ${seed} (${mutation}, ${full.length} rows, ${range.from}..${range.to}, now ${new Date(now).toISOString()})`;

  // 1. Cold: every row read; the cache write is held back to let the ledger change first.
  let write: (() => Promise<number>) | null = null;
  const cold = await loadLedgerReport(db, range, now, schedule, { cacheWrite: (w) => (write = w) });
  const stored = await allRows(db);
  expect(essence(cold), label).toEqual(essence(oracle(stored, range, now)));
  expectSumOfDays(cold, label);

  // 2. The ledger changes between the read and the cache write, and the clock moves on (an open
  // period or gap keeps growing).
  const now2 = now + Math.round(rand() * 3 * HOUR);
  const rows = stored;
  const pick = () => rows[Math.floor(rand() * rows.length)];
  switch (mutation) {
    case 'none':
      break;
    case 'append':
      await recordState(db, { state: rand() < 0.5 ? 'talk' : 'offline' }, 'manual', now + (now2 - now) / 2);
      break;
    case 'edit': {
      const row = pick();
      if (row?.id !== undefined && row.state !== 'other')
        await editStateEvent(db, row.id, { state: row.state === 'talk' ? 'available' : 'talk' }, now);
      break;
    }
    case 'insert': {
      const at = now - Math.floor(rand() * span * DAY);
      await insertStateEvent(db, { at, state: 'talk' }, now).catch(() => undefined); // same-time refusals are fine
      break;
    }
    case 'delete': {
      const row = pick();
      if (row?.id !== undefined) await deleteStateEvent(db, row.id, now);
      break;
    }
    case 'raw-past': {
      // Written past the ledger's own functions (an imported history): nothing tells the cache.
      const at = now - Math.floor(rand() * span * DAY);
      await db.stateEvents.add({ at, state: 'talk', source: 'edit', tz: tzOffsetAt(at) });
      break;
    }
    case 'raw-delete': {
      const row = pick();
      if (row?.id !== undefined) await db.stateEvents.delete(row.id);
      break;
    }
    case 'import-rest':
      await db.stateEvents.bulkAdd(full.slice(split));
      break;
  }
  if (write) await (write as () => Promise<number>)();

  // 3. Warm: cached days plus the rest; must equal every row read now.
  const truth = await allRows(db);
  let write2: (() => Promise<number>) | null = null;
  const warm = await loadLedgerReport(db, range, now2, schedule, { cacheWrite: (w) => (write2 = w) });
  expect(essence(warm), `${label}, after the change`).toEqual(essence(oracle(truth, range, now2)));
  expectSumOfDays(warm, label);
  if (write2) await (write2 as () => Promise<number>)();
  const now3 = now2 + Math.round(rand() * 3 * HOUR);
  const again = await loadLedgerReport(db, range, now3, schedule, { cacheWrite: (w) => void w() });
  expect(essence(again), `${label}, fully cached`).toEqual(essence(oracle(truth, range, now3)));
  // A short range (read row by row) inside it, ending in the past, agrees too.
  const to = addDays(range.to, -Math.floor(rand() * 10));
  const week: DayRange = { from: addDays(to, -Math.floor(rand() * 7)), to };
  const short = await loadLedgerReport(db, week, now3, schedule);
  expect(essence(short), `${label}, ${week.from}..${week.to}`).toEqual(essence(oracle(truth, week, now3)));
  return { cachedDays: await db.ledgerDays.count(), rows: truth.length };
}

describe('the day cache agrees with the rows (property)', () => {
  const BASE = 20261201;
  const CASES = 48;
  it(`holds for ${CASES} random ledgers, clocks and changes during the computation`, { timeout: 120_000 }, async () => {
    let cached = 0;
    for (let i = 0; i < CASES; i++) {
      const r = await runCase(BASE + i);
      cached += r.cachedDays;
      await db?.delete();
      db = null;
    }
    // The cache is really used (a property that never caches proves nothing).
    expect(cached).toBeGreaterThan(CASES * 20);
  });
});

describe('the day cache, in the cases that broke it', () => {
  it('does not cache days the report never read while an import was still arriving', async () => {
    const now = Date.now();

    db = new SeatmateDb(`ledger-prop-${++n}`);
    await db.open();
    const rows: StateEvent[] = [];
    const today = new Date(now);
    for (let d = 0; d < 100; d++) {
      // Calendar days (not multiples of 24 h, which drift across a DST change).
      const at = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 120 + d, 9, 0).getTime();
      for (const [m, state] of [
        [0, 'available'],
        [10, 'talk'],
        [20, 'acw'],
        [30, 'offline'],
      ] as const)
        rows.push({ at: at + m * MIN, state, source: 'page', tz: tzOffsetAt(at) });
    }
    await db.stateEvents.bulkAdd(rows.slice(0, 240)); // 60 days arrived
    const range = { from: localDay(new Date(rows[0]!.at)), to: localDay(new Date(now)) };
    let write: (() => Promise<number>) | null = null;
    await loadLedgerReport(db, range, now, schedule, { cacheWrite: (w) => (write = w) });
    await db.stateEvents.bulkAdd(rows.slice(240)); // the other 40 arrive during the computation
    await (write as unknown as () => Promise<number>)();
    const report = await loadLedgerReport(db, range, now, schedule, { cacheWrite: (w) => void w() });
    expect(report.metrics.contacts).toBe(100);
    const cachedAgain = await loadLedgerReport(db, range, now, schedule);
    expect(cachedAgain.metrics.contacts).toBe(100);
  });

  it('keeps the newest day open: a second shift the same day is counted after the first was cached', async () => {
    const now = Date.now();
    db = new SeatmateDb(`ledger-prop-${++n}`);
    await db.open();
    const today = localDay(new Date(now));
    const range = { from: addDays(today, -45), to: today };
    // One shift a day for 40 days (09:00–11:00 on calendar days), and one that ended an hour ago.
    const d0 = new Date(now);
    const shift = async (start: number) => {
      await recordState(db!, { state: 'available' }, 'manual', start);
      await recordState(db!, { state: 'talk' }, 'page', start + 30 * MIN);
      await recordState(db!, { state: 'offline' }, 'manual', start + 2 * HOUR);
    };
    for (let d = 40; d >= 1; d--) await shift(new Date(d0.getFullYear(), d0.getMonth(), d0.getDate() - d, 9).getTime());
    await shift(now - 3 * HOUR);
    await loadLedgerReport(db, range, now, schedule, { cacheWrite: (w) => void w() });
    expect(await db.ledgerDays.get(today)).toBeUndefined();
    expect(await db.ledgerDays.get(addDays(today, -5))).toBeDefined();
    await recordState(db, { state: 'talk' }, 'page', now + MIN);
    const later = await loadLedgerReport(db, range, now + 10 * MIN, schedule);
    expect(later.metrics.contacts).toBe(42);
  });

  it('ignores a damaged cached day and reads that day from the rows again', async () => {
    const now = Date.now();
    db = new SeatmateDb(`ledger-prop-${++n}`);
    await db.open();
    const d0 = new Date(now);
    for (let d = 50; d >= 10; d--) {
      const at = new Date(d0.getFullYear(), d0.getMonth(), d0.getDate() - d, 9).getTime();
      await recordState(db, { state: 'talk' }, 'page', at);
      await recordState(db, { state: 'offline' }, 'manual', at + HOUR);
    }
    const today = localDay(d0);
    const range = { from: addDays(today, -60), to: today };
    const first = await loadLedgerReport(db, range, now, schedule, { cacheWrite: (w) => void w() });
    const damaged = localDay(new Date(d0.getFullYear(), d0.getMonth(), d0.getDate() - 30));
    await db.ledgerDays.put({ day: damaged, totals: { contacts: -3 }, anomalies: 'x' } as never);
    const again = await loadLedgerReport(db, range, now, schedule);
    expect(again.metrics).toEqual(first.metrics);
    expect(again.metrics.contacts).toBe(41);
  });
});
