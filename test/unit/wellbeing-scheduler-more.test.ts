import { describe, expect, it } from 'vitest';
import { ask, at, history, ledger, MIN, only, shown } from '../fixtures/wellbeing';

describe('wellbeing scheduler: voice rest', () => {
  it('falls due when talk in the last hour reaches the threshold, says how much, and waits for the call to end', () => {
    const events = ledger([0, 'available'], [1, 'talk'], [53, 'acw']);
    const during = ask(events, [], 52, only('voice'));
    expect(during.delivery).toBeNull();
    expect(during.waiting).toEqual(['voice']);
    const r = ask(events, [], 53, only('voice'));
    expect(shown(r)).toEqual(['voice']);
    expect(r.delivery!.prompts[0]!.talkMs).toBe(52 * MIN);
  });

  it('does not fall due below the threshold', () => {
    const events = ledger([0, 'available'], [1, 'talk'], [45, 'acw']);
    expect(shown(ask(events, [], 46, only('voice')))).toEqual([]);
  });

  it('a five-minute break is the voice rest: talk before it does not count again', () => {
    const events = ledger([0, 'available'], [1, 'talk'], [40, 'break'], [46, 'talk'], [58, 'acw']);
    expect(shown(ask(events, [], 58, only('voice')))).toEqual([]);
  });

  it('once shown, needs the threshold again after it, and waits at least its minutes', () => {
    const events = ledger([0, 'available'], [1, 'talk'], [53, 'acw'], [54, 'talk'], [110, 'acw']);
    const rows = history([53, { kind: 'voice', outcome: 'shown', talkMs: 52 * MIN }]);
    expect(shown(ask(events, rows, 54, only('voice')))).toEqual([]);
    expect(shown(ask(events, rows, 110, only('voice')))).toEqual([]);
    const r = ask(events, rows, 113, only('voice'));
    expect(shown(r)).toEqual(['voice']);
    expect(r.delivery!.prompts[0]!.talkMs).toBe(56 * MIN);
  });
});

describe('wellbeing scheduler: scheduled breaks', () => {
  const s = only('breakSoon', 'breakEnd');
  s.breaks = [{ start: '10:30', kind: 'break', minutes: 15 }];

  it('gives a heads-up five minutes before, once', () => {
    const events = ledger([0, 'available']);
    expect(shown(ask(events, [], 84.9, s))).toEqual([]);
    const r = ask(events, [], 85, s);
    expect(r.delivery?.prompts).toEqual([
      { kind: 'breakSoon', dueAt: at(85), ref: at(90), breakKind: 'break', breakAt: at(90) },
    ]);
    const rows = history([85, { kind: 'breakSoon', outcome: 'shown', ref: at(90) }]);
    expect(shown(ask(events, rows, 86, s))).toEqual([]);
  });

  it('gives none when the break was already taken, or when it is long past', () => {
    expect(shown(ask(ledger([0, 'available'], [70, 'break'], [85, 'available']), [], 86, s))).toEqual([]);
    const longCall = ledger([0, 'available'], [83, 'talk'], [102, 'acw']);
    expect(ask(longCall, [], 95, s).waiting).toEqual(['breakSoon']);
    expect(shown(ask(longCall, [], 102, s))).toEqual([]);
  });

  it('says "back in 1 min" during the break, even with the screen locked', () => {
    const events = ledger([0, 'available'], [91, 'break']);
    expect(shown(ask(events, [], 104.9, s))).toEqual([]);
    const r = ask(events, [], 105, s);
    expect(r.delivery?.prompts).toEqual([
      { kind: 'breakEnd', dueAt: at(105), ref: at(91), breakKind: 'break', endsAt: at(106) },
    ]);
    const locked = ledger([0, 'available'], [91, 'break'], [95, 'other', 'away']);
    expect(shown(ask(locked, [], 105, s))).toEqual(['breakEnd']);
  });

  it('delivers nothing else during a break', () => {
    const all = only('eyes', 'posture', 'hydration', 'movement', 'voice', 'breakSoon', 'breakEnd');
    all.breaks = s.breaks;
    expect(shown(ask(ledger([0, 'available'], [91, 'break']), [], 100, all))).toEqual([]);
  });
});

describe('wellbeing scheduler: mood check-in', () => {
  const s = only();
  s.moodCheckIn = true;

  it('offers one at the start of the shift', () => {
    const events = ledger([0, 'available']);
    expect(ask(events, [], 0.5, s).delivery?.checkIn).toBe('start');
    const rows = history([0.5, { kind: 'mood', outcome: 'shown', phase: 'start' }]);
    expect(ask(events, rows, 1, s).delivery).toBeNull();
  });

  it('offers one before the end of the shift’s hours, never during a call', () => {
    const t = only();
    t.moodCheckIn = true;
    t.shift = { start: '09:00', end: '17:00' };
    const rows = history([0.5, { kind: 'mood', outcome: 'answered', phase: 'start', mood: 4 }]);
    expect(ask(ledger([0, 'available']), rows, 464, t).delivery).toBeNull();
    expect(ask(ledger([0, 'available']), rows, 466, t).delivery?.checkIn).toBe('end');
    const r = ask(ledger([0, 'available'], [460, 'talk']), rows, 466, t);
    expect(r.delivery).toBeNull();
  });
});

describe('wellbeing scheduler: a clock set back', () => {
  it('takes rows stamped in the future as written now: no burst, no silence longer than the interval', () => {
    const events = ledger([0, 'available']);
    const rows = history([40, { kind: 'eyes', outcome: 'shown' }]);
    const r = ask(events, rows, 30, only('eyes'));
    expect(r.delivery).toBeNull();
    expect(r.nextCheckAt).toBeGreaterThan(at(30));
    expect(shown(ask(events, rows, 50, only('eyes')))).toEqual([]);
    expect(shown(ask(events, rows, 60, only('eyes')))).toEqual(['eyes']);
  });

  it('a pause stamped in the future is in force until its end', () => {
    const rows = history([40, { kind: 'pause', outcome: 'paused', until: at(70) }]);
    expect(ask(ledger([0, 'available']), rows, 30, only('eyes')).held).toBe('paused');
  });
});
