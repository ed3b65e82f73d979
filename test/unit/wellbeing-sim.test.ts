import { describe, expect, it } from 'vitest';
import { invariantsHold, simulate, summaryLine } from '../bench/wellbeing-sim';
import { schedule, type SchedulerInput } from '@/utils/wellbeing/scheduler';

/**
 * Property tests: over a thousand simulated 8-hour shifts (test/bench/wellbeing-sim.ts) — random
 * calls, holds, breaks, meetings, locked screens, laptop sleeps, browser restarts, clock jumps and
 * time-zone changes, the scheduler called at alarm times (and only sometimes on state changes).
 * `npm run sim:wellbeing` runs the same simulation on more shifts.
 */

describe('wellbeing simulation', () => {
  it('1,000 shifts: nothing during talk or hold, in quiet hours, paused or off shift; every prompt due at a call’s end out within 60 s', () => {
    const r = simulate({ shifts: 1000, seed: 20260302 });
    expect(r.breaches).toEqual([]);
    expect(invariantsHold(r)).toBe(true);
    expect(r.shifts).toBe(1000);
    // The checks had something to check.
    expect(r.promptsShown).toBeGreaterThan(1000 * 20);
    expect(r.callEndsWithDue).toBeGreaterThan(1000 * 10);
    expect(r.deliveredAfterCallEnd).toBeGreaterThan(r.callEndsWithDue * 0.9);
    expect(r.maxDelayAfterCallEndMs).toBeGreaterThan(0);
    expect(r.maxDelayAfterCallEndMs).toBeLessThanOrEqual(60_000);
    expect(summaryLine(r)).toMatch(
      /^shifts 1000 · prompts shown \d+ · during talk or hold 0 · max delay after call end \d+ s · shown in quiet hours 0$/,
    );
  }, 300_000);

  it('minute by minute: nothing stays due for over a minute while the agent is free (300 shifts)', () => {
    const r = simulate({ shifts: 300, seed: 7, sweep: true });
    expect(r.breaches).toEqual([]);
    expect(r.stuckMinutes).toBe(0);
  }, 300_000);

  it('catches a scheduler that delivers during calls, or ignores quiet hours and pauses', () => {
    const careless = (input: SchedulerInput) => {
      const periods = input.periods.map((p) =>
        p.state === 'talk' || p.state === 'hold' ? { ...p, state: 'available' as const } : p,
      );
      const history = input.history.filter((h) => h.kind !== 'pause');
      return schedule({ ...input, periods, history, settings: { ...input.settings, quietHours: null } });
    };
    const r = simulate({ shifts: 40, seed: 3, scheduler: careless });
    expect(r.duringLiveCall).toBeGreaterThan(0);
    expect(r.inQuietHours).toBeGreaterThan(0);
    expect(invariantsHold(r)).toBe(false);
  }, 120_000);

  it('gives the same result whatever the machine’s time zone', () => {
    const before = process.env.TZ;
    try {
      process.env.TZ = 'America/New_York';
      const a = simulate({ shifts: 30, seed: 11 });
      process.env.TZ = 'Asia/Shanghai';
      const b = simulate({ shifts: 30, seed: 11 });
      expect(a).toEqual(b);
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  }, 120_000);
});
