import { describe, expect, it } from 'vitest';
import {
  lastWindowEnd,
  localMsOfDay,
  minutesOfDay,
  nearestOccurrence,
  nextWindowStart,
  timeWindowSchema,
  windowAround,
} from '@/utils/wellbeing/clock';

const H = 3_600_000;
// 2026-03-02 00:00 UTC; at UTC+8 that is 08:00.
const D = Date.UTC(2026, 2, 2);

describe('wellbeing clock (times of day on the agent’s clock)', () => {
  it('reads HH:MM and the local time of an instant', () => {
    expect(minutesOfDay('09:30')).toBe(570);
    expect(localMsOfDay(D, 480)).toBe(8 * H);
    expect(localMsOfDay(D, -300)).toBe(19 * H);
    expect(timeWindowSchema.safeParse({ start: '09:00', end: '09:00' }).success).toBe(false);
    expect(timeWindowSchema.safeParse({ start: '9:00', end: '10:00' }).success).toBe(false);
  });

  it('finds the window around an instant, start inclusive and end exclusive', () => {
    const w = { start: '08:00', end: '09:00' };
    expect(windowAround(w, D, 480)).toEqual({ start: D, end: D + H });
    expect(windowAround(w, D + H, 480)).toBeNull();
    expect(windowAround(w, D - 1, 480)).toBeNull();
  });

  it('handles windows across midnight', () => {
    const night = { start: '22:00', end: '06:00' };
    // 01:00 at UTC+0.
    expect(windowAround(night, D + H, 0)).toEqual({ start: D - 2 * H, end: D + 6 * H });
    expect(windowAround(night, D + 12 * H, 0)).toBeNull();
    expect(lastWindowEnd(night, D + 12 * H, 0)).toBe(D + 6 * H);
    expect(nextWindowStart(night, D + 12 * H, 0)).toBe(D + 22 * H);
  });

  it('places a break time on the right day for a night shift', () => {
    // 23:00 at UTC+0: the 02:00 break is in three hours, not 21 hours ago.
    expect(nearestOccurrence('02:00', D + 23 * H, 0)).toBe(D + 26 * H);
    expect(nearestOccurrence('22:00', D + 1 * H, 0)).toBe(D - 2 * H);
    // The same wall-clock time in two time zones is two different instants.
    expect(nearestOccurrence('10:30', D, 480) - nearestOccurrence('10:30', D, 540)).toBe(H);
  });
});
