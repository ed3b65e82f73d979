import { DB_NAME, getDb, SeatmateDb } from '@/utils/db';
import { recordState } from '@/utils/time/ledger';
import { loadLedgerReport } from '@/utils/time/ledger-report';
import { sendToBackground } from '@/utils/messaging';
import type { StateEvent } from '@/utils/time/states';

/** Demo builds only: functions the ledger benchmark calls from Playwright. */
export function installBenchHook(): void {
  Object.assign(globalThis, { __seatmateLedgerBench: ledgerBench });
}

const schedule = { breakMinutes: 30, lunchMinutes: 60 };
let held: (() => Promise<number>) | null = null;

const ledgerBench = {
  async seed(rows: StateEvent[]) {
    const db = getDb();
    await db.stateEvents.clear();
    await db.ledgerDays.clear();
    for (let i = 0; i < rows.length; i += 10_000) await db.stateEvents.bulkAdd(rows.slice(i, i + 10_000));
    return db.stateEvents.count();
  },
  /** Adds rows without clearing anything (the rest of an import). */
  async append(rows: StateEvent[]) {
    const db = getDb();
    for (let i = 0; i < rows.length; i += 10_000) await db.stateEvents.bulkAdd(rows.slice(i, i + 10_000));
    return db.stateEvents.count();
  },
  async clearDayCache() {
    await getDb().ledgerDays.clear();
  },
  /**
   * One report, timed. With `holdCache`, its day-cache write waits for `flushCache()`, so rows can
   * arrive between the report's read and the write (as during an import).
   */
  async report(from: string, to: string, now: number, holdCache = false) {
    const t0 = performance.now();
    const r = await loadLedgerReport(getDb(), { from, to }, now, schedule, {
      cacheWrite: holdCache ? (w) => (held = w) : undefined,
    });
    return { ms: performance.now() - t0, events: r.eventCount, contacts: r.metrics.contacts, days: r.days.length };
  },
  async flushCache() {
    const write = held;
    held = null;
    return write ? write() : 0;
  },

  /** Reading the rows only: through the `at` index, and the whole table by primary key. */
  async reads() {
    const db = getDb();
    let t0 = performance.now();
    const a = await db.stateEvents.where('at').above(0).toArray();
    const index = performance.now() - t0;
    t0 = performance.now();
    const b = await db.stateEvents.toArray();
    const primary = performance.now() - t0;
    return { index, primary, rows: a.length + b.length };
  },
  async writes(n: number) {
    const times: number[] = [];
    const states = ['talk', 'acw', 'available'] as const;
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await recordState(getDb(), { state: states[i % 3]! }, 'page', Date.now());
      times.push(performance.now() - t0);
    }
    return times;
  },
  /** The floor: a bare `add` of one row in its own transaction, no read before it. */
  async bareAdds(n: number) {
    const db = getDb();
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await db.stateEvents.add({ at: Date.now(), state: i % 2 ? 'talk' : 'acw', source: 'page', tz: 0 });
      times.push(performance.now() - t0);
    }
    return times;
  },
  /** The same writes through a connection with relaxed durability (for comparison). */
  async relaxedWrites(n: number) {
    const db = new SeatmateDb(DB_NAME, { chromeTransactionDurability: 'relaxed' });
    const times: number[] = [];
    const states = ['talk', 'acw', 'available'] as const;
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await recordState(db, { state: states[i % 3]! }, 'page', Date.now());
      times.push(performance.now() - t0);
    }
    db.close();
    return times;
  },
  async messages(n: number) {
    const times: number[] = [];
    const states = ['talk', 'acw', 'available'] as const;
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await sendToBackground({ type: 'ledger/set', state: states[i % 3]!, source: 'manual' });
      times.push(performance.now() - t0);
    }
    return times;
  },
};

/** What `globalThis` carries in a demo popup. */
export interface LedgerBenchGlobal {
  __seatmateLedgerBench: typeof ledgerBench;
}
