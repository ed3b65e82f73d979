import { describe, expect, it } from 'vitest';
import { derivePeriods } from '@/utils/time/periods';
import { isoWeekOfDay, moodAnswerRow, weeklyMoodCounts } from '@/utils/wellbeing/mood';
import { breathingOffer, breathingPhaseAt, callToMark, markToughCall } from '@/utils/wellbeing/tough';
import { at, history, ledger, TZ } from '../fixtures/wellbeing';

const events = ledger([0, 'available'], [5, 'talk'], [9, 'hold'], [11, 'talk'], [20, 'acw'], [22, 'available']);
const periodsAt = (m: number) =>
  derivePeriods(
    events.filter((e) => e.at <= at(m)),
    at(m),
  );

describe('tough call', () => {
  it('marks the call that just ended (talk and hold are one call)', () => {
    const mark = markToughCall(periodsAt(21), [], at(21), TZ);
    expect(mark.outcome).toBe('marked');
    if (mark.outcome !== 'marked') return;
    expect(mark.row).toEqual({ at: at(21), tz: TZ, kind: 'tough', outcome: 'marked', ref: at(5) });
    expect(mark.call).toMatchObject({ start: at(5), end: at(20), live: false });
    expect(markToughCall(periodsAt(25), [mark.row], at(25), TZ).outcome).toBe('already');
  });

  it('marks the call in progress, and nothing once the last call is long over', () => {
    expect(callToMark(periodsAt(10), at(10))).toMatchObject({ start: at(5), live: true });
    expect(markToughCall(periodsAt(51), [], at(51), TZ).outcome).toBe('no-call');
    expect(markToughCall(periodsAt(3), [], at(3), TZ).outcome).toBe('no-call');
  });

  it('offers the breathing minute before the next call, until done or skipped', () => {
    const marked = history([21, { kind: 'tough', outcome: 'marked', ref: at(5) }]);
    expect(breathingOffer(periodsAt(21), marked, at(21))?.ref).toBe(at(5));
    expect(breathingOffer(periodsAt(30), marked, at(30))?.ref).toBe(at(5));
    const done = history(
      [21, { kind: 'tough', outcome: 'marked', ref: at(5) }],
      [23, { kind: 'breathing', outcome: 'done', ref: at(5) }],
    );
    expect(breathingOffer(periodsAt(30), done, at(30))).toBeNull();
    expect(breathingOffer(periodsAt(55), marked, at(55))).toBeNull();
    const next = ledger([0, 'available'], [5, 'talk'], [20, 'acw'], [22, 'talk']);
    const p = derivePeriods(next, at(23));
    expect(breathingOffer(p, marked, at(23))).toBeNull();
  });

  it('paces the breathing: in 4 s, out 6 s, six times, one minute', () => {
    expect(breathingPhaseAt(0)).toEqual({ phase: 'in', breath: 1, progress: 0, secondsLeft: 60 });
    expect(breathingPhaseAt(5_000)).toMatchObject({ phase: 'out', breath: 1 });
    expect(breathingPhaseAt(2_000)!.progress).toBeCloseTo(0.5);
    expect(breathingPhaseAt(59_999)).toMatchObject({ phase: 'out', breath: 6, secondsLeft: 1 });
    expect(breathingPhaseAt(60_000)).toBeNull();
  });
});

describe('mood check-in', () => {
  it('keeps a few words, trimmed and cut; refuses a mood outside 1–5', () => {
    expect(moodAnswerRow('start', 4, '  fine ', at(0), TZ)).toEqual({
      at: at(0),
      tz: TZ,
      kind: 'mood',
      outcome: 'answered',
      phase: 'start',
      mood: 4,
      words: 'fine',
    });
    expect(moodAnswerRow('end', 2, 'x'.repeat(200), at(0), TZ).words).toHaveLength(80);
    expect(moodAnswerRow('end', 3, '   ', at(0), TZ).words).toBeUndefined();
    expect(() => moodAnswerRow('end', 0, '', at(0), TZ)).toThrow(/mood/);
  });

  it('uses ISO weeks (the days around the new year belong to the week of their Thursday)', () => {
    expect(isoWeekOfDay('2026-03-02')).toBe('2026-W10');
    expect(isoWeekOfDay('2026-12-31')).toBe('2026-W53');
    expect(isoWeekOfDay('2027-01-03')).toBe('2026-W53');
    expect(isoWeekOfDay('2027-01-04')).toBe('2027-W01');
  });

  it('gives weekly counts of each mood on the agent’s clock, and never the words', () => {
    const day = 24 * 60;
    const rows = history(
      [0, { kind: 'mood', outcome: 'answered', phase: 'start', mood: 4, words: 'private' }],
      [480, { kind: 'mood', outcome: 'answered', phase: 'end', mood: 2, words: 'private' }],
      [day, { kind: 'mood', outcome: 'answered', phase: 'start', mood: 4 }],
      [7 * day, { kind: 'mood', outcome: 'answered', phase: 'start', mood: 5 }],
      [7 * day + 1, { kind: 'mood', outcome: 'skipped', phase: 'end' }],
    );
    const weeks = weeklyMoodCounts(rows, TZ);
    expect(weeks).toEqual([
      { week: '2026-W10', counts: { 1: 0, 2: 1, 3: 0, 4: 2, 5: 0 } },
      { week: '2026-W11', counts: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 1 } },
    ]);
    expect(JSON.stringify(weeks)).not.toContain('private');
    // 23:30 on Sunday 8 March at UTC+8 is still week 10; the same instant at UTC+9 is Monday, week 11.
    const late = history([6 * day + 14.5 * 60, { kind: 'mood', outcome: 'answered', phase: 'end', mood: 3 }]);
    late[0]!.tz = undefined;
    expect(weeklyMoodCounts(late, 480)[0]!.week).toBe('2026-W10');
    expect(weeklyMoodCounts(late, 540)[0]!.week).toBe('2026-W11');
  });
});
