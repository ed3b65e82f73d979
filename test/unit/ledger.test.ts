import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeatmateDb } from '@/utils/db';
import { closeCrashGap, currentStateEvent, elapsedInState, exportLedger, recordState } from '@/utils/time/ledger';
import {
  deleteStateEvent,
  editStateEvent,
  insertStateEvent,
  LedgerEditError,
  restoreStateEvent,
} from '@/utils/time/ledger-edits';
import { loadLedgerReport } from '@/utils/time/ledger-report';
import { tzOffsetAt } from '@/utils/time/states';

const MIN = 60_000;
let db: SeatmateDb;
let n = 0;
beforeEach(async () => {
  db = new SeatmateDb(`ledger-${++n}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const T0 = new Date(2026, 10, 23, 9, 0).getTime(); // 09:00 local

describe('writing the ledger', () => {
  it('stores timestamped changes with their source and time zone, and derives time in state', async () => {
    expect(await currentStateEvent(db)).toBeNull();
    await recordState(db, { state: 'available' }, 'manual', T0);
    await recordState(db, { state: 'talk' }, 'page', T0 + MIN);
    const current = await currentStateEvent(db);
    expect(current).toMatchObject({ state: 'talk', at: T0 + MIN, source: 'page', tz: tzOffsetAt(T0 + MIN) });
    expect(elapsedInState(current, T0 + 3 * MIN)).toBe(2 * MIN);
    expect(elapsedInState(current, 0)).toBe(0);
  });

  it('writes nothing when the state does not change, but does for another other code', async () => {
    await recordState(db, { state: 'available' }, 'manual', T0);
    expect(await recordState(db, { state: 'available' }, 'hotkey', T0 + 1)).toBeNull();
    await recordState(db, { state: 'other', code: 'training' }, 'manual', T0 + 2);
    expect(await recordState(db, { state: 'other', code: 'meeting' }, 'manual', T0 + 3)).not.toBeNull();
    expect(await db.stateEvents.count()).toBe(3);
  });

  it('refuses an invalid change and writes nothing', async () => {
    // @ts-expect-error: deliberately invalid state from an untyped caller
    await expect(recordState(db, { state: 'napping' }, 'manual', T0)).rejects.toThrow(/state/);
    await expect(recordState(db, { state: 'other' }, 'manual', T0)).rejects.toThrow(/code/);
    await expect(recordState(db, { state: 'available' }, 'manual', -5)).rejects.toThrow(/at/);
    expect(await db.stateEvents.count()).toBe(0);
  });

  it('detects a clock that jumped backwards and keeps the ledger in order', async () => {
    await recordState(db, { state: 'available' }, 'manual', T0 + 10 * MIN);
    const row = await recordState(db, { state: 'talk' }, 'page', T0 + 4 * MIN);
    expect(row).toMatchObject({ at: T0 + 10 * MIN + 1, clockBack: 6 * MIN });
    const report = await loadLedgerReport(db, { from: '2026-11-23', to: '2026-11-23' }, T0 + 30 * MIN, {
      breakMinutes: 30,
      lunchMinutes: 60,
    });
    expect(report.anomalies).toHaveLength(1);
    expect(report.anomalies[0]?.ms).toBe(6 * MIN);
  });

  it('keeps a backdated change (screen lock) after the newest row and not in the future', async () => {
    await recordState(db, { state: 'available' }, 'manual', T0);
    const away = await recordState(db, { state: 'other', code: 'away' }, 'idle', T0 + 20 * MIN, { at: T0 + 10 * MIN });
    expect(away?.at).toBe(T0 + 10 * MIN);
    const again = await recordState(db, { state: 'offline' }, 'idle', T0 + 21 * MIN, { at: T0 });
    expect(again?.at).toBe(T0 + 10 * MIN + 1);
  });
});

describe('crash gaps', () => {
  it('closes the open period at the last heartbeat and shows the gap as unknown', async () => {
    await recordState(db, { state: 'available' }, 'manual', T0);
    const outcome = await closeCrashGap(db, T0 + 30 * MIN, T0 + 120 * MIN);
    expect(outcome).toBe('unknown');
    const rows = await db.stateEvents.orderBy('at').toArray();
    expect(rows.map((r) => [r.state, r.at - T0, r.source])).toEqual([
      ['available', 0, 'manual'],
      ['unknown', 30 * MIN, 'system'],
    ]);
    const report = await loadLedgerReport(db, { from: '2026-11-23', to: '2026-11-23' }, T0 + 120 * MIN, {
      breakMinutes: 30,
      lunchMinutes: 60,
    });
    expect(report.metrics.availableMs).toBe(30 * MIN);
    expect(report.metrics.unknownMs).toBe(90 * MIN);
  });

  it('restores the state after a short gap, and closes a gap only once', async () => {
    await recordState(db, { state: 'talk' }, 'page', T0);
    expect(await closeCrashGap(db, T0 + 5 * MIN, T0 + 9 * MIN)).toBe('resumed');
    expect(await closeCrashGap(db, T0 + 5 * MIN, T0 + 9 * MIN)).toBe('none');
    const rows = await db.stateEvents.orderBy('at').toArray();
    expect(rows.map((r) => [r.state, r.source])).toEqual([
      ['talk', 'page'],
      ['unknown', 'system'],
      ['talk', 'recovery'],
    ]);
  });

  it('keeps the gap on the clock the agent had when it began, after a time-zone change', async () => {
    // The last row was written on a UTC+8 clock at 23:50; the browser is restarted on another clock.
    const at = Date.UTC(2026, 10, 23, 15, 50); // 23:50 in UTC+8
    await db.stateEvents.add({ at, state: 'available', source: 'manual', tz: 480 });
    await closeCrashGap(db, at + 2 * MIN, at + 9 * MIN);
    const gap = await db.stateEvents.where('state').equals('unknown').first();
    expect(gap).toMatchObject({ at: at + 2 * MIN, tz: 480 });
    expect(await db.stateEvents.orderBy('at').last()).toMatchObject({
      state: 'available',
      source: 'recovery',
      tz: tzOffsetAt(at + 9 * MIN),
    });
  });

  it('does nothing for a fresh heartbeat (a stopped service worker is not a crash) or when offline', async () => {
    await recordState(db, { state: 'talk' }, 'page', T0);
    expect(await closeCrashGap(db, T0 + 60_000, T0 + 90_000)).toBe('none');
    await recordState(db, { state: 'offline' }, 'manual', T0 + MIN);
    expect(await closeCrashGap(db, T0 + MIN, T0 + 600 * MIN)).toBe('none');
    expect(await db.stateEvents.count()).toBe(2);
  });
});

describe('corrections', () => {
  async function day() {
    await recordState(db, { state: 'available' }, 'manual', T0);
    await recordState(db, { state: 'talk' }, 'page', T0 + 10 * MIN);
    await recordState(db, { state: 'acw' }, 'page', T0 + 20 * MIN);
    return db.stateEvents.orderBy('at').toArray();
  }

  it('changes a row within its neighbours and records the edit', async () => {
    const [, talk] = await day();
    await editStateEvent(db, talk!.id!, { at: T0 + 12 * MIN, state: 'hold' }, T0 + 60 * MIN);
    expect(await db.stateEvents.get(talk!.id!)).toMatchObject({ at: T0 + 12 * MIN, state: 'hold', source: 'page' });
    const edits = await db.stateEdits.toArray();
    expect(edits).toEqual([
      expect.objectContaining({
        action: 'change',
        eventId: talk!.id,
        before: { at: T0 + 10 * MIN, state: 'talk' },
        after: { at: T0 + 12 * MIN, state: 'hold' },
      }),
    ]);
  });

  it('refuses a time that would reorder the ledger or lies in the future, naming the field', async () => {
    const [, talk] = await day();
    const err = await editStateEvent(db, talk!.id!, { at: T0 + 25 * MIN }, T0 + 60 * MIN).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LedgerEditError);
    expect((err as LedgerEditError).field).toBe('at');
    expect((err as LedgerEditError).reason).toBe('order');
    await expect(insertStateEvent(db, { at: T0 + 90 * MIN, state: 'break' }, T0 + 60 * MIN)).rejects.toThrow(/future/);
    await expect(editStateEvent(db, talk!.id!, { state: 'other' }, T0 + 60 * MIN)).rejects.toThrow(/code/);
    expect(await db.stateEdits.count()).toBe(0);
  });

  it('inserts a forgotten change, deletes one with undo, and exports everything', async () => {
    await day();
    const added = await insertStateEvent(db, { at: T0 + 5 * MIN, state: 'break' }, T0 + 60 * MIN);
    expect(added.source).toBe('edit');
    const removed = await deleteStateEvent(db, added.id!, T0 + 61 * MIN);
    expect(await db.stateEvents.count()).toBe(3);
    await restoreStateEvent(db, removed, T0 + 62 * MIN);
    expect(await db.stateEvents.get(added.id!)).toMatchObject({ state: 'break', at: T0 + 5 * MIN });
    const backup = await exportLedger(db, T0 + 63 * MIN);
    expect(backup.format).toBe('seatmate-ledger');
    expect(backup.events.map((e) => e.state)).toEqual(['available', 'break', 'talk', 'acw']);
    expect(backup.edits.map((e) => e.action)).toEqual(['insert', 'delete', 'restore']);
  });
});

describe('database upgrade', () => {
  it('turns version-2 ready/ringing rows into available and adds time zones', async () => {
    const name = `ledger-upgrade-${++n}`;
    const old = new Dexie(name);
    old.version(2).stores({ stateEvents: '++id, at, state' });
    await old.open();
    await old.table('stateEvents').bulkAdd([
      { at: T0, state: 'ready', source: 'manual' },
      { at: T0 + MIN, state: 'ringing', source: 'page' },
      { at: T0 + 2 * MIN, state: 'talk', source: 'page' },
    ]);
    old.close();
    const upgraded = new SeatmateDb(name);
    const rows = await upgraded.stateEvents.orderBy('at').toArray();
    expect(rows.map((r) => r.state)).toEqual(['available', 'available', 'talk']);
    expect(rows.every((r) => r.tz === tzOffsetAt(T0))).toBe(true);
    await upgraded.delete();
  });
});

describe('long ranges and the day cache', () => {
  const schedule = { breakMinutes: 30, lunchMinutes: 60 };
  /** 40 days of one 09:00–10:00 shift with one 10-minute call at 09:30. */
  async function fortyDays() {
    for (let d = 0; d < 40; d++) {
      const t = new Date(2026, 9, 1 + d, 9, 0).getTime();
      await recordState(db, { state: 'available' }, 'manual', t);
      await recordState(db, { state: 'talk' }, 'page', t + 30 * MIN);
      await recordState(db, { state: 'acw' }, 'page', t + 40 * MIN);
      await recordState(db, { state: 'offline' }, 'manual', t + 60 * MIN);
    }
  }
  const range = { from: '2026-10-01', to: '2026-11-09' };
  const now = new Date(2026, 10, 20, 12, 0).getTime();
  const settle = async () => {
    // The cache is written in a later task; wait until it has caught up.
    for (let i = 0; i < 50 && (await db.ledgerDays.count()) === 0; i++) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 20));
  };

  it('gives the same figures from the cache as from the rows, and caches only closed days', async () => {
    await fortyDays();
    const first = await loadLedgerReport(db, range, now, schedule);
    expect(first.metrics.contacts).toBe(40);
    expect(first.metrics.talkMs).toBe(400 * MIN);
    expect(first.eventCount).toBeGreaterThan(0);
    await settle();
    // The last two days wait for a later logged-out row (a night shift could still be running).
    expect(await db.ledgerDays.count()).toBe(38);
    expect(await db.ledgerDays.get('2026-11-08')).toBeUndefined();
    const second = await loadLedgerReport(db, range, now, schedule);
    expect(second.eventCount).toBeLessThan(first.eventCount / 5); // only the uncached days were read
    expect(second.metrics).toEqual(first.metrics);
    expect(second.days).toEqual(first.days);
  });

  it('a correction drops the cached days around it, so the next report is right', async () => {
    await fortyDays();
    await loadLedgerReport(db, range, now, schedule);
    await settle();
    const talk = await db.stateEvents
      .where('at')
      .equals(new Date(2026, 9, 5, 9, 30).getTime())
      .first();
    await editStateEvent(db, talk!.id!, { state: 'available' }, now);
    expect(await db.ledgerDays.get('2026-10-05')).toBeUndefined();
    const after = await loadLedgerReport(db, range, now, schedule);
    expect(after.metrics.contacts).toBe(39);
    expect(after.metrics.talkMs).toBe(390 * MIN);
  });

  it('does not cache a day whose shift is still open', async () => {
    const t = new Date(2026, 9, 1, 9, 0).getTime();
    await recordState(db, { state: 'available' }, 'manual', t);
    const r = await loadLedgerReport(db, range, now, schedule);
    expect(r.metrics.shifts).toBe(1);
    await new Promise((res) => setTimeout(res, 50));
    expect(await db.ledgerDays.get('2026-10-01')).toBeUndefined();
  });
});
