import type { PromptKind } from './catalogue';
import { isPromptRow, type PromptRow, type WellbeingEvent } from './records';
import type { WellbeingSettings } from './settings';

/**
 * Reading the prompt history (pure). Rows come in the order they were written (`compareRows`);
 * a row stamped after `now` (the clock was set back) is taken as written at `now`.
 */

const HOUR = 3_600_000;

/** The time of a row as seen at `now` (never in the future). */
export function rowTime(r: { at: number }, now: number): number {
  return Math.min(r.at, now);
}

/** The last prompt row of `kind` (optionally only those with `ref` = `ref` or passing `filter`). */
export function lastPromptRow(
  history: readonly WellbeingEvent[],
  kind: PromptKind,
  filter?: (r: PromptRow) => boolean,
): PromptRow | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const r = history[i]!;
    if (r.kind === kind && isPromptRow(r) && (!filter || filter(r))) return r;
  }
  return null;
}

/** The last time a prompt of `kind` was shown, done or skipped (a snooze does not reset it). */
export function lastHandled(history: readonly WellbeingEvent[], kind: PromptKind, now: number): number | null {
  return handledTimes(history, now).get(kind) ?? null;
}

/** {@link lastHandled} of every kind, in one pass. */
export function handledTimes(history: readonly WellbeingEvent[], now: number): Map<PromptKind, number> {
  const out = new Map<PromptKind, number>();
  for (const r of history) {
    if (!isPromptRow(r) || r.outcome === 'snoozed') continue;
    const t = rowTime(r, now);
    const prev = out.get(r.kind);
    if (prev === undefined || t > prev) out.set(r.kind, t);
  }
  return out;
}

/** Snoozes in the hour before `now`. */
export function snoozesInLastHour(history: readonly WellbeingEvent[], now: number): number {
  let n = 0;
  for (const r of history) if (isPromptRow(r) && r.outcome === 'snoozed' && rowTime(r, now) > now - HOUR) n++;
  return n;
}

/** How many more snoozes the agent may use in this hour (the toast hides Snooze at 0). */
export function snoozesLeft(settings: WellbeingSettings, history: readonly WellbeingEvent[], now: number): number {
  return Math.max(0, settings.snoozeLimitPerHour - snoozesInLastHour(history, now));
}

/** The pause in force at `now` and the end of the last one that is over. */
export function pauseState(
  history: readonly WellbeingEvent[],
  now: number,
): { activeUntil: number | null; lastEnd: number | null } {
  let activeUntil: number | null = null;
  let lastEnd: number | null = null;
  const expire = (t: number) => {
    if (activeUntil !== null && activeUntil <= t) {
      lastEnd = activeUntil;
      activeUntil = null;
    }
  };
  for (const r of history) {
    if (r.kind !== 'pause') continue;
    const at = rowTime(r, now);
    expire(at);
    if (r.outcome === 'paused') {
      // A new pause while one is in force extends or shortens it; it does not end it.
      if (r.until > at) activeUntil = r.until;
    } else if (activeUntil !== null) {
      lastEnd = at;
      activeUntil = null;
    }
  }
  expire(now);
  return { activeUntil, lastEnd };
}
