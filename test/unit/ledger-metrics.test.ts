import { describe, expect, it } from 'vitest';
import { buildSessions, dayAt, derivePeriods } from '@/utils/time/periods';
import { buildReport, talkInLastHour } from '@/utils/time/metrics';
import type { LedgerState, StateEvent } from '@/utils/time/states';

const MIN = 60_000;
const schedule = { breakMinutes: 30, lunchMinutes: 60 };
/** 2026-11-23 00:00 UTC. */
const DAY0 = Date.UTC(2026, 10, 23);

let nextId = 1;
/** A ledger row at `h:mm` UTC on DAY0 (+ days), on a UTC+8 clock unless `tz` is given. */
function ev(hhmm: string, state: LedgerState, opts: { tz?: number; days?: number; code?: string } = {}): StateEvent {
  const [h, m] = hhmm.split(':').map(Number);
  const e: StateEvent = {
    id: nextId++,
    at: DAY0 + (opts.days ?? 0) * 86_400_000 + (h! * 60 + m!) * MIN,
    state,
    source: 'manual',
    tz: opts.tz ?? 0,
  };
  if (opts.code) e.code = opts.code;
  return e;
}

describe('metrics on a hand-computed shift', () => {
  // 09:00 available; call 1: talk 09:10–09:20, hold 09:20–09:25, talk 09:25–09:30, acw 09:30–09:35;
  // available 09:35–10:00; break 10:00–10:15; available 10:15–10:20; call 2: talk 10:20–10:40,
  // acw 10:40–10:50; training 10:50–11:00; offline 11:00.
  const shift = [
    ev('09:00', 'available'),
    ev('09:10', 'talk'),
    ev('09:20', 'hold'),
    ev('09:25', 'talk'),
    ev('09:30', 'acw'),
    ev('09:35', 'available'),
    ev('10:00', 'break'),
    ev('10:15', 'available'),
    ev('10:20', 'talk'),
    ev('10:40', 'acw'),
    ev('10:50', 'other', { code: 'training' }),
    ev('11:00', 'offline'),
  ];
  const report = buildReport(shift, { from: '2026-11-23', to: '2026-11-23' }, DAY0 + 12 * 60 * MIN, schedule);
  const m = report.metrics;

  it('counts contacts through hold and ACW', () => {
    expect(m.contacts).toBe(2);
  });
  it('sums talk, hold, ACW, available, break and other', () => {
    expect(m.talkMs).toBe(35 * MIN);
    expect(m.holdMs).toBe(5 * MIN);
    expect(m.acwMs).toBe(15 * MIN);
    expect(m.availableMs).toBe((10 + 25 + 5) * MIN);
    expect(m.breakMs).toBe(15 * MIN);
    expect(m.otherMs).toBe(10 * MIN);
    expect(m.otherByCode).toEqual({ training: 10 * MIN });
    expect(m.loggedInMs).toBe(120 * MIN);
  });
  it('derives AHT, averages, occupancy and contacts per hour', () => {
    expect(m.ahtMs).toBe((55 * MIN) / 2);
    expect(m.avgTalkMs).toBe(17.5 * MIN);
    expect(m.avgHoldMs).toBe(2.5 * MIN);
    expect(m.avgAcwMs).toBe(7.5 * MIN);
    expect(m.occupancy).toBeCloseTo(55 / 95, 10);
    expect(m.contactsPerHour).toBe(1);
  });
  it('compares break with the allowance and finds the longest stretch without one', () => {
    expect(m.shifts).toBe(1);
    expect(m.breakAllowanceMs).toBe(30 * MIN);
    expect(m.lunchAllowanceMs).toBe(60 * MIN);
    // 09:00–10:00 before the break, 10:15–11:00 after it.
    expect(m.longestWithoutBreakMs).toBe(60 * MIN);
  });
  it('gives nulls, not NaN, when nothing was handled', () => {
    const empty = buildReport([], { from: '2026-11-23', to: '2026-11-23' }, DAY0, schedule).metrics;
    expect(empty.ahtMs).toBeNull();
    expect(empty.occupancy).toBeNull();
    expect(empty.contactsPerHour).toBeNull();
    expect(empty.contacts).toBe(0);
  });
  it('measures talk in the last hour, clipped', () => {
    const periods = derivePeriods(shift, DAY0 + 11 * 60 * MIN);
    // Hour before 10:30: talk 10:20–10:30 only.
    expect(talkInLastHour(periods, DAY0 + (10 * 60 + 30) * MIN)).toBe(10 * MIN);
    // Hour before 10:10: talk 09:10–09:20 and 09:25–09:30 → 15 min (09:10 is the hour's start).
    expect(talkInLastHour(periods, DAY0 + (10 * 60 + 10) * MIN)).toBe(15 * MIN);
  });
  it('a talk after ACW is a new contact; ACW with no call is not one', () => {
    const r = buildReport(
      [ev('09:00', 'acw'), ev('09:05', 'talk'), ev('09:10', 'acw'), ev('09:12', 'talk'), ev('09:20', 'offline')],
      { from: '2026-11-23', to: '2026-11-23' },
      DAY0 + 10 * 60 * MIN,
      schedule,
    );
    expect(r.metrics.contacts).toBe(2);
    expect(r.metrics.acwMs).toBe(7 * MIN);
  });
});

describe('days, midnight and time zones', () => {
  it('a night shift crossing midnight belongs to the day it started', () => {
    // 22:00 on the 23rd to 06:00 on the 24th, on a UTC clock.
    const night = [
      ev('22:00', 'available'),
      ev('23:30', 'talk'),
      ev('00:30', 'acw', { days: 1 }),
      ev('06:00', 'offline', { days: 1 }),
    ];
    const now = DAY0 + 2 * 86_400_000;
    const d23 = buildReport(night, { from: '2026-11-23', to: '2026-11-23' }, now, schedule);
    const d24 = buildReport(night, { from: '2026-11-24', to: '2026-11-24' }, now, schedule);
    expect(d23.metrics.loggedInMs).toBe(8 * 60 * MIN);
    expect(d23.metrics.talkMs).toBe(60 * MIN);
    expect(d23.metrics.contacts).toBe(1);
    expect(d24.metrics.loggedInMs).toBe(0);
    expect(d24.days).toEqual([]);
  });

  it('uses the agent clock of the shift start: 23:00 UTC is the next day in UTC+8', () => {
    expect(dayAt(DAY0 + 23 * 60 * MIN, 480)).toBe('2026-11-24');
    expect(dayAt(DAY0 + 23 * 60 * MIN, 0)).toBe('2026-11-23');
    const s = buildSessions(
      derivePeriods([ev('23:00', 'available', { tz: 480 }), ev('23:30', 'offline', { tz: 480 })], DAY0 + 86_400_000),
    );
    expect(s.map((x) => x.day)).toEqual(['2026-11-24']);
  });

  it('a DST change inside a shift changes neither the day nor the durations', () => {
    // Europe/Berlin, 2026-10-25: clocks go from 03:00 CEST (UTC+2) back to 02:00 CET (UTC+1) at 01:00 UTC.
    const base = Date.UTC(2026, 9, 24, 22, 0); // 00:00 local CEST on the 25th
    const rows: StateEvent[] = [
      { id: 1, at: base, state: 'available', source: 'manual', tz: 120 },
      { id: 2, at: base + 150 * MIN, state: 'talk', source: 'manual', tz: 60 }, // 01:30 UTC = 02:30 CET
      { id: 3, at: base + 210 * MIN, state: 'offline', source: 'manual', tz: 60 },
    ];
    const r = buildReport(rows, { from: '2026-10-25', to: '2026-10-25' }, base + 86_400_000, schedule);
    expect(r.sessions.map((s) => s.day)).toEqual(['2026-10-25']);
    // 3.5 hours really passed, although the wall clock shows 00:00 → 02:30 (+1 hour repeated).
    expect(r.metrics.loggedInMs).toBe(210 * MIN);
    expect(r.metrics.talkMs).toBe(60 * MIN);
  });

  it('splits a multi-day range into days and totals them', () => {
    const rows = [
      ev('09:00', 'available'),
      ev('09:30', 'talk'),
      ev('09:40', 'offline'),
      ev('09:00', 'available', { days: 1 }),
      ev('10:00', 'talk', { days: 1 }),
      ev('10:30', 'acw', { days: 1 }),
      ev('10:35', 'offline', { days: 1 }),
    ];
    const r = buildReport(rows, { from: '2026-11-23', to: '2026-11-24' }, DAY0 + 3 * 86_400_000, schedule);
    expect(r.days.map((d) => [d.day, d.metrics.contacts])).toEqual([
      ['2026-11-23', 1],
      ['2026-11-24', 1],
    ]);
    expect(r.metrics.contacts).toBe(2);
    expect(r.metrics.shifts).toBe(2);
    expect(r.metrics.breakAllowanceMs).toBe(60 * MIN);
    expect(r.metrics.talkMs).toBe(40 * MIN);
  });
});

describe('gaps and the open period', () => {
  it('shows a crash gap as unknown time, not work, and does not count it as logged in', () => {
    const rows = [ev('09:00', 'available'), ev('09:30', 'unknown'), ev('10:00', 'available'), ev('10:30', 'offline')];
    const r = buildReport(rows, { from: '2026-11-23', to: '2026-11-23' }, DAY0 + 86_400_000, schedule);
    expect(r.metrics.loggedInMs).toBe(60 * MIN);
    expect(r.metrics.unknownMs).toBe(30 * MIN);
    // A short gap inside a shift does not make it two shifts (nor double the break allowance),
    // and no stretch of work is claimed across it.
    expect(r.metrics.shifts).toBe(1);
    expect(r.metrics.breakAllowanceMs).toBe(30 * MIN);
    expect(r.metrics.longestWithoutBreakMs).toBe(30 * MIN);
    expect(r.periods.map((p) => p.state)).toEqual(['available', 'unknown', 'available']);
  });

  it('a call restored after a crash is the same contact, in talk and in hold', () => {
    const restored = (e: StateEvent): StateEvent => ({ ...e, source: 'recovery' });
    // Call 1 crashes in talk (200 s), call 2 crashes in hold and goes on; call 3 is a new call.
    const rows = [
      ev('09:00', 'available'),
      ev('09:10', 'talk'),
      { ...ev('09:12', 'unknown'), source: 'system' as const },
      restored(ev('09:15', 'talk')),
      ev('09:20', 'acw'),
      ev('09:25', 'talk'),
      ev('09:30', 'hold'),
      { ...ev('09:31', 'unknown'), source: 'system' as const },
      restored(ev('09:33', 'hold')),
      ev('09:35', 'talk'),
      ev('09:40', 'acw'),
      ev('09:45', 'available'),
      ev('09:50', 'talk'),
      ev('10:00', 'offline'),
    ];
    const r = buildReport(rows, { from: '2026-11-23', to: '2026-11-23' }, DAY0 + 86_400_000, schedule);
    expect(r.metrics.contacts).toBe(3);
    // Handle time leaves the gaps out: (2+5+5) + (5+1+2+5+5) + 10 minutes over 3 contacts.
    expect(r.metrics.ahtMs).toBe((40 * MIN) / 3);
    const contacts = derivePeriods(rows, DAY0 + 86_400_000).map((p) => p.contact);
    expect(contacts).toEqual([null, 1, null, 1, 1, 2, 2, null, 2, 2, 2, null, 3, null]);
  });

  it('talk chosen by hand after a gap is a new contact (only a restore continues the call)', () => {
    const rows = [ev('09:00', 'talk'), ev('09:05', 'unknown'), ev('09:07', 'talk'), ev('09:10', 'offline')];
    const r = buildReport(rows, { from: '2026-11-23', to: '2026-11-23' }, DAY0 + 86_400_000, schedule);
    expect(r.metrics.contacts).toBe(2);
  });

  it('a long gap (the browser closed overnight) ends the shift', () => {
    const rows = [
      ev('09:00', 'available'),
      ev('17:00', 'unknown'),
      ev('08:30', 'available', { days: 1 }),
      ev('09:00', 'offline', { days: 1 }),
    ];
    const r = buildReport(rows, { from: '2026-11-23', to: '2026-11-24' }, DAY0 + 3 * 86_400_000, schedule);
    expect(r.sessions.map((x) => x.day)).toEqual(['2026-11-23', '2026-11-24']);
    expect(r.metrics.shifts).toBe(2);
    expect(r.days.find((d) => d.day === '2026-11-23')?.metrics.unknownMs).toBe((24 + 8.5 - 17) * 60 * MIN);
  });

  it('the open period runs until now', () => {
    const rows = [ev('09:00', 'available'), ev('09:10', 'talk')];
    const r = buildReport(rows, { from: '2026-11-23', to: '2026-11-23' }, DAY0 + (9 * 60 + 25) * MIN, schedule);
    expect(r.metrics.talkMs).toBe(15 * MIN);
    expect(r.periods.at(-1)?.open).toBe(true);
  });

  it('repeated rows of one state extend it (no double counting)', () => {
    const rows = [ev('09:00', 'talk'), ev('09:05', 'talk'), ev('09:10', 'offline')];
    const r = buildReport(rows, { from: '2026-11-23', to: '2026-11-23' }, DAY0 + 86_400_000, schedule);
    expect(r.metrics.contacts).toBe(1);
    expect(r.metrics.talkMs).toBe(10 * MIN);
  });

  it('lists the moments the clock went back', () => {
    const back: StateEvent = { ...ev('09:10', 'talk'), clockBack: 5 * MIN };
    const r = buildReport(
      [ev('09:00', 'available'), back],
      { from: '2026-11-23', to: '2026-11-23' },
      DAY0 + 86_400_000,
      schedule,
    );
    expect(r.anomalies).toEqual([
      { kind: 'clock-back', at: back.at, day: '2026-11-23', ms: 5 * MIN, eventId: back.id },
    ]);
  });
});
