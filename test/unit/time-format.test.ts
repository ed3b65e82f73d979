import { describe, expect, it } from 'vitest';
import { formatClock, hMm, mSs, span } from '@/utils/time/format';

describe('durations read the same on every screen', () => {
  it('rounds averages to the nearest second (popup and dashboard share mSs)', () => {
    expect(mSs(28_500)).toBe('0:29');
    expect(mSs(28_499)).toBe('0:28');
    expect(mSs(3_600_000 + 61_000)).toBe('1:01:01');
  });
  it('rounds totals to the nearest minute', () => {
    expect(hMm(29 * 60_000 + 30_000)).toBe('0:30');
    expect(hMm(152.5 * 60 * 60_000)).toBe('152:30');
    expect(hMm(-5)).toBe('0:00');
  });
  it('a running clock counts whole seconds elapsed', () => {
    expect(formatClock(28_999)).toBe('00:28');
    expect(formatClock(3_661_000)).toBe('1:01:01');
  });
  it('a span reads as m:ss under an hour and h:mm above', () => {
    expect(span(59 * 60_000)).toBe('59:00');
    expect(span(61 * 60_000)).toBe('1:01');
  });
});
