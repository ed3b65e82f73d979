import type { SchedulerInput } from './scheduler';

/**
 * A test-only time scale, for the demo build's end-to-end tests (a prompt due after 20 minutes has
 * to fall due within seconds). Only the background of a demo build reads it
 * (entrypoints/background/wellbeing-demo.ts); a production build carries none of it, which
 * test/build/ checks on the real build.
 *
 * From `since` on, the scheduler sees time run `factor` times faster: every instant it reads (the
 * ledger's periods, the history rows' `at`, now) is mapped to that faster clock. Rows keep their
 * real `at`; the instants the scheduler itself computes and stores (a pause's `until`, a break
 * prompt's `ref`, a tough call's start) are on the faster clock already and are not mapped again.
 */
export interface TimeScale {
  since: number;
  factor: number;
}

/** Reads a stored scale; anything else (or a factor of 1 or less) is no scale. */
export function parseTimeScale(raw: unknown): TimeScale | null {
  if (!raw || typeof raw !== 'object') return null;
  const { since, factor } = raw as Record<string, unknown>;
  if (typeof since !== 'number' || !Number.isFinite(since) || since < 0) return null;
  if (typeof factor !== 'number' || !Number.isFinite(factor) || factor <= 1 || factor > 10_000) return null;
  return { since, factor };
}

/** The scaled instant of a real one. */
export function toScaled(t: number, s: TimeScale): number {
  return t <= s.since ? t : Math.round(s.since + (t - s.since) * s.factor);
}

/** The real instant of a scaled one (for alarms). */
export function toReal(v: number, s: TimeScale): number {
  return v <= s.since ? v : Math.round(s.since + (v - s.since) / s.factor);
}

/** The scheduler's input seen on the scaled clock. */
export function scaleSchedulerInput(input: SchedulerInput, s: TimeScale): SchedulerInput {
  return {
    ...input,
    periods: input.periods.map((p) => ({ ...p, start: toScaled(p.start, s), end: toScaled(p.end, s) })),
    history: input.history.map((r) => ({ ...r, at: toScaled(r.at, s) })),
    now: toScaled(input.now, s),
  };
}
