import { describe, expect, it } from 'vitest';
import { POLL_MS, deliveryRows } from '@/utils/wellbeing/scheduler';
import { ask, at, history, ledger, only, settings, shown, TZ } from '../fixtures/wellbeing';

describe('wellbeing scheduler: timers', () => {
  it('shows the eyes prompt 20 minutes after logging in, not before', () => {
    const events = ledger([0, 'available']);
    expect(shown(ask(events, [], 19.9, only('eyes')))).toEqual([]);
    const r = ask(events, [], 20, only('eyes'));
    expect(shown(r)).toEqual(['eyes']);
    expect(r.delivery?.at).toBe(at(20));
  });

  it('looks again when the next prompt falls due, and at least every 30 s while logged in', () => {
    const events = ledger([0, 'available']);
    expect(ask(events, [], 19.8, only('eyes')).nextCheckAt).toBe(at(20));
    expect(ask(events, [], 5, only('eyes')).nextCheckAt).toBe(at(5) + POLL_MS);
  });

  it('counts from the last prompt shown, done or skipped', () => {
    const events = ledger([0, 'available']);
    const rows = history([20, { kind: 'eyes', outcome: 'shown' }], [20.5, { kind: 'eyes', outcome: 'skipped' }]);
    expect(shown(ask(events, rows, 40.4, only('eyes')))).toEqual([]);
    expect(shown(ask(events, rows, 40.5, only('eyes')))).toEqual(['eyes']);
  });

  it('merges prompts due within two minutes into one delivery', () => {
    const events = ledger([0, 'available']);
    const s = only('eyes', 'posture');
    s.prompts.posture.minutes = 21;
    expect(shown(ask(events, [], 20, s))).toEqual(['eyes', 'posture']);
  });

  it('writes one shown row per prompt, and the next check assumes they were written', () => {
    const events = ledger([0, 'available']);
    const r = ask(events, [], 20, only('eyes'));
    expect(deliveryRows(r.delivery!, TZ)).toEqual([{ at: at(20), tz: TZ, kind: 'eyes', outcome: 'shown' }]);
    expect(r.nextCheckAt).toBe(at(20) + POLL_MS);
  });
});

describe('wellbeing scheduler: never during a call', () => {
  const call = ledger([0, 'available'], [15, 'talk'], [22, 'hold'], [24, 'talk'], [35, 'acw']);

  it('holds everything back during talk and hold, and polls so the call’s end is seen', () => {
    const s = settings((x) => (x.moodCheckIn = false));
    for (const [m, waiting] of [
      [21, ['eyes']],
      [23, ['eyes']],
      [34.9, ['eyes', 'posture']],
    ] as const) {
      const r = ask(call, [], m, s);
      expect(r.delivery).toBeNull();
      expect(r.held).toBe('live-call');
      expect(r.waiting).toEqual(waiting);
      expect(r.nextCheckAt).toBe(at(m) + POLL_MS);
    }
  });

  it('delivers what waited, merged, at the after-call work', () => {
    const s = settings((x) => (x.moodCheckIn = false));
    s.prompts.posture.minutes = 36;
    expect(shown(ask(call, [], 35, s))).toEqual(['eyes', 'posture']);
  });

  it('holds prompts in meetings and other codes, and delivers once available', () => {
    const events = ledger([0, 'available'], [10, 'other', 'meeting'], [40, 'available']);
    const r = ask(events, [], 30, only('eyes'));
    expect(r.delivery).toBeNull();
    expect(r.held).toBe('busy');
    expect(r.waiting).toEqual(['eyes']);
    expect(shown(ask(events, [], 40, only('eyes')))).toEqual(['eyes']);
  });

  it('shows nothing while logged out, and looks again soon (a login may come at any moment)', () => {
    const r = ask(ledger([0, 'available'], [10, 'offline']), [], 30, only('eyes'));
    expect(r).toEqual({ delivery: null, waiting: [], held: 'logged-out', nextCheckAt: at(30) + POLL_MS });
  });
});

describe('wellbeing scheduler: natural rest', () => {
  const s = only('eyes', 'posture', 'hydration', 'movement');

  it('a 15-minute break resets every timer it satisfies', () => {
    const events = ledger([0, 'available'], [40, 'break'], [55, 'available']);
    expect(shown(ask(events, [], 56, s))).toEqual([]);
    expect(shown(ask(events, [], 75, s))).toEqual(['eyes']);
  });

  it('a locked screen resets eyes, posture and movement but not water', () => {
    const events = ledger([0, 'available'], [40, 'other', 'away'], [55, 'available']);
    expect(shown(ask(events, [], 60, s))).toEqual(['hydration']);
  });

  it('a 30-second break is too short to reset posture', () => {
    const events = ledger([0, 'available'], [40, 'break'], [40.5, 'available']);
    expect(shown(ask(events, [], 41, s))).toEqual(['eyes', 'posture']);
  });

  it('long idleness outside a call rests the eyes; idleness during a call does not', () => {
    const idle = history([10, { kind: 'idle', outcome: 'started' }], [16, { kind: 'idle', outcome: 'ended' }]);
    expect(shown(ask(ledger([0, 'available']), idle, 30, only('eyes')))).toEqual([]);
    expect(shown(ask(ledger([0, 'available']), idle, 36, only('eyes')))).toEqual(['eyes']);
    const talking = ledger([0, 'available'], [10, 'talk'], [16, 'acw'], [17, 'available']);
    expect(shown(ask(talking, idle, 20.5, only('eyes')))).toEqual(['eyes']);
  });

  it('logging out for the night starts every timer again at login', () => {
    const events = ledger([0, 'available'], [100, 'offline'], [700, 'available']);
    expect(shown(ask(events, [], 710, s))).toEqual([]);
  });
});

describe('wellbeing scheduler: snooze, skip, pause', () => {
  const events = ledger([0, 'available']);

  it('a snooze brings the prompt back after the snooze time', () => {
    const rows = history([20, { kind: 'eyes', outcome: 'shown' }], [20.2, { kind: 'eyes', outcome: 'snoozed' }]);
    expect(shown(ask(events, rows, 30.1, only('eyes')))).toEqual([]);
    expect(shown(ask(events, rows, 30.2, only('eyes')))).toEqual(['eyes']);
  });

  it('offers no snooze once the hour’s limit is used', () => {
    const rows = history(
      [20, { kind: 'eyes', outcome: 'shown' }],
      [20.2, { kind: 'eyes', outcome: 'snoozed' }],
      [30.2, { kind: 'eyes', outcome: 'shown' }],
      [30.3, { kind: 'eyes', outcome: 'snoozed' }],
    );
    expect(ask(events, rows, 40.3, only('eyes')).delivery?.snoozesLeft).toBe(0);
    expect(ask(events, rows.slice(0, 2), 30.2, only('eyes')).delivery?.snoozesLeft).toBe(1);
  });

  it('pauses until the pause ends by itself, then starts the timers from its end', () => {
    const rows = history([15, { kind: 'pause', outcome: 'paused', until: at(45) }]);
    expect(ask(events, rows, 36, only('eyes'))).toMatchObject({ delivery: null, held: 'paused', waiting: [] });
    expect(ask(events, rows, 44.8, only('eyes')).nextCheckAt).toBe(at(45));
    expect(shown(ask(events, rows, 64.9, only('eyes')))).toEqual([]);
    expect(shown(ask(events, rows, 65, only('eyes')))).toEqual(['eyes']);
  });

  it('a pause ended early ends there', () => {
    const rows = history(
      [15, { kind: 'pause', outcome: 'paused', until: at(45) }],
      [25, { kind: 'pause', outcome: 'resumed' }],
    );
    expect(shown(ask(events, rows, 44.9, only('eyes')))).toEqual([]);
    expect(shown(ask(events, rows, 45, only('eyes')))).toEqual(['eyes']);
  });
});

describe('wellbeing scheduler: quiet hours and shift hours (on the agent’s clock)', () => {
  const events = ledger([0, 'available']);

  it('shows nothing in quiet hours and restarts the timers at their end', () => {
    const s = only('eyes');
    s.quietHours = { start: '09:10', end: '09:40' };
    expect(ask(events, [], 20, s)).toMatchObject({ delivery: null, held: 'quiet-hours', waiting: [] });
    expect(ask(events, [], 39.8, s).nextCheckAt).toBe(at(40));
    expect(shown(ask(events, [], 59.9, s))).toEqual([]);
    expect(shown(ask(events, [], 60, s))).toEqual(['eyes']);
  });

  it('quiet hours across midnight', () => {
    const s = only('eyes');
    s.quietHours = { start: '22:00', end: '10:00' };
    expect(ask(events, [], 20, s).held).toBe('quiet-hours');
  });

  it('shows nothing before the shift starts and counts from its start', () => {
    const s = only('eyes');
    s.shift = { start: '09:30', end: '17:30' };
    expect(ask(events, [], 20, s)).toMatchObject({ delivery: null, held: 'off-shift', nextCheckAt: at(20.5) });
    expect(ask(events, [], 29.9, s).nextCheckAt).toBe(at(30));
    expect(shown(ask(events, [], 49.9, s))).toEqual([]);
    expect(shown(ask(events, [], 50, s))).toEqual(['eyes']);
    expect(ask(events, [], 8.6 * 60, s).held).toBe('off-shift');
  });

  it('reads the windows on the agent’s clock, whatever time zone', () => {
    const s = only('eyes');
    s.quietHours = { start: '09:10', end: '09:40' };
    expect(ask(events, [], 20, s, TZ).held).toBe('quiet-hours');
    // The same instant is 02:20 at UTC+1: outside quiet hours there.
    expect(shown(ask(events, [], 20, s, 60))).toEqual(['eyes']);
  });
});
