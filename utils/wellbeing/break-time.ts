import type { Schedule } from '../settings';
import type { Period } from '../time/periods';
import { currentBreakPeriod, currentSession, matchSlot } from './due';
import type { BreakSlot } from './settings';

/**
 * The break the agent is on, and when it should end (pure): from the matching scheduled break or
 * lunch (Options → Wellbeing), else from what is left of the shift's allowance (Options → My time).
 * The break page shows the time left and, a minute before the end, "back in 1 min".
 */

const MINUTE = 60_000;
/** The break page says "back in 1 min" from this long before the break should end. */
export const BACK_SOON_MS = MINUTE;

/** The break in progress. */
export interface BreakNow {
  kind: 'break' | 'lunch';
  start: number;
  /** When it should end, or null when neither a schedule nor an allowance says. */
  endsAt: number | null;
  /** Where `endsAt` comes from. */
  source: 'schedule' | 'allowance' | null;
}

/**
 * The break or lunch the agent is on at `now` (a screen locked during it keeps it going), or null.
 * Without a scheduled slot, the allowance for the shift minus what breaks of the same kind in this
 * shift already used.
 */
export function breakNow(
  periods: readonly Period[],
  slots: readonly BreakSlot[],
  schedule: Schedule,
  tz: number,
): BreakNow | null {
  const bp = currentBreakPeriod(periods);
  if (!bp) return null;
  const kind = bp.state === 'lunch' ? 'lunch' : 'break';
  const slot = matchSlot(slots, kind, bp.start, tz);
  if (slot) return { kind, start: bp.start, endsAt: bp.start + slot.minutes * MINUTE, source: 'schedule' };
  const allowance = (kind === 'lunch' ? schedule.lunchMinutes : schedule.breakMinutes) * MINUTE;
  if (allowance <= 0) return { kind, start: bp.start, endsAt: null, source: null };
  const shiftStart = currentSession(periods)?.start ?? bp.start;
  let used = 0;
  for (const p of periods) {
    if (p.start >= bp.start) break;
    if (p.state === kind && p.start >= shiftStart) used += Math.min(p.end, bp.start) - p.start;
  }
  return { kind, start: bp.start, endsAt: bp.start + Math.max(0, allowance - used), source: 'allowance' };
}

/** Time left in the break at `now` (0 once over; null when unknown) and whether to say "back in 1 min". */
export function breakCountdown(b: BreakNow, now: number): { leftMs: number | null; backSoon: boolean; over: boolean } {
  if (b.endsAt === null) return { leftMs: null, backSoon: false, over: false };
  const leftMs = Math.max(0, b.endsAt - now);
  return { leftMs, backSoon: leftMs > 0 && leftMs <= BACK_SOON_MS, over: leftMs === 0 };
}
