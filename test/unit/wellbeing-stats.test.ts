import { describe, expect, it } from 'vitest';
import { buildReport } from '@/utils/time/metrics';
import { wellbeingStats } from '@/utils/wellbeing/stats';
import { at, history, ledger, MIN, TZ } from '../fixtures/wellbeing';

const schedule = { breakMinutes: 30, lunchMinutes: 60 };
const day = { from: '2026-03-02', to: '2026-03-02' };
// 09:00 login; talk 09:05–09:35; break 11:00–11:15; lunch 13:00–13:30; talk 14:00–14:20; offline 17:00.
const events = ledger(
  [0, 'available'],
  [5, 'talk'],
  [35, 'acw'],
  [37, 'available'],
  [120, 'break'],
  [135, 'available'],
  [240, 'lunch'],
  [270, 'available'],
  [300, 'talk'],
  [320, 'acw'],
  [322, 'available'],
  [480, 'offline'],
);
const breaks = [
  { start: '10:55', kind: 'break' as const, minutes: 15 },
  { start: '13:00', kind: 'lunch' as const, minutes: 30 },
  { start: '15:30', kind: 'break' as const, minutes: 15 },
];

describe('personal wellbeing stats', () => {
  const report = buildReport(events, day, at(500), schedule);
  const rows = history(
    [20, { kind: 'eyes', outcome: 'shown' }],
    [20.2, { kind: 'eyes', outcome: 'done' }],
    [40, { kind: 'eyes', outcome: 'shown' }],
    [40.1, { kind: 'eyes', outcome: 'snoozed' }],
    [50, { kind: 'eyes', outcome: 'shown' }],
    [50.1, { kind: 'eyes', outcome: 'skipped' }],
    [60, { kind: 'hydration', outcome: 'shown' }],
    [36, { kind: 'tough', outcome: 'marked', ref: at(5) }],
    [36.5, { kind: 'tough', outcome: 'marked', ref: at(5) }],
    [321, { kind: 'tough', outcome: 'marked', ref: at(300) }],
    [0.5, { kind: 'mood', outcome: 'answered', phase: 'start', mood: 4 }],
    [470, { kind: 'mood', outcome: 'answered', phase: 'end', mood: 2, words: '累' }],
    // The next day: outside the range.
    [24 * 60 + 10, { kind: 'eyes', outcome: 'shown' }],
  );
  const stats = wellbeingStats({ report, history: rows, breaks, fallbackTz: TZ });

  it('counts prompts shown, taken, snoozed and skipped, per kind and in all', () => {
    expect(stats.prompts.eyes).toEqual({ shown: 3, done: 1, snoozed: 1, skipped: 1 });
    expect(stats.prompts.hydration.shown).toBe(1);
    expect(stats.totals).toEqual({ shown: 4, done: 1, snoozed: 1, skipped: 1 });
  });

  it('compares the breaks taken with the schedule', () => {
    expect(stats.breaks).toEqual({
      scheduled: 3,
      taken: 2,
      onTime: 2,
      scheduledMinutes: 60,
      takenMinutes: 45,
      unscheduled: 0,
    });
  });

  it('reuses the ledger’s longest stretch without a break', () => {
    expect(stats.longestWithoutBreakMs).toBe(report.metrics.longestWithoutBreakMs);
    expect(stats.longestWithoutBreakMs).toBe(210 * MIN);
  });

  it('spreads talk over the hours of the agent’s clock', () => {
    expect(stats.voiceByHour[9]).toBe(30 * MIN);
    expect(stats.voiceByHour[14]).toBe(20 * MIN);
    expect(stats.voiceByHour.reduce((a, b) => a + b, 0)).toBe(50 * MIN);
    expect(stats.peakHourTalkMs).toBe(30 * MIN);
    expect(stats.shiftDays).toBe(1);
  });

  it('counts tough calls once each, and gives the mood trend per day', () => {
    expect(stats.toughCalls).toBe(2);
    expect(stats.mood).toEqual([{ day: '2026-03-02', count: 2, average: 3, start: 4, end: 2 }]);
  });
});
