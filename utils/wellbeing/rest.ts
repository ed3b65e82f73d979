import type { Period } from '../time/periods';
import { LIVE_CALL_STATES } from '../time/states';
import { PROMPT_CATALOGUE, type PromptKind, type RestKind } from './catalogue';
import type { WellbeingEvent } from './records';

/**
 * Natural rest, derived from the ledger and the prompt history (pure). A rest resets the timers of
 * the prompts it satisfies (the catalogue's `rest`): a break resets eyes, posture, water…; a locked
 * screen or a closed browser resets eyes, posture and movement; long input idleness outside a call
 * resets eyes and voice.
 */

/** A stretch of rest of one kind, [start, end). */
export interface RestInterval {
  kind: RestKind;
  start: number;
  end: number;
}

/** Input idleness counts as rest only from this long (a short pause in typing is not a rest). */
export const IDLE_REST_MIN_MS = 5 * 60_000;

/** The rest kind of a ledger period, or null when it is work. */
export function restKindOf(p: Pick<Period, 'state' | 'code'>): RestKind | null {
  if (p.state === 'break' || p.state === 'lunch') return 'break';
  if (p.state === 'offline' || p.state === 'unknown') return 'away';
  if (p.state === 'other' && p.code === 'away') return 'away';
  return null;
}

/**
 * Input-idle stretches from the history: each `started` row to the next `ended` row (or `now`
 * while still idle). Rows are read in the order written. Times after `now` (a clock set back) are
 * taken as `now`.
 */
export function idleStretches(history: readonly WellbeingEvent[], now: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let open: number | null = null;
  for (const r of history) {
    if (r.kind !== 'idle') continue;
    const at = Math.min(r.at, now);
    if (r.outcome === 'started') open ??= at;
    else if (open !== null) {
      if (at > open) out.push({ start: open, end: at });
      open = null;
    }
  }
  if (open !== null && now > open) out.push({ start: open, end: now });
  return out;
}

/**
 * Every rest interval up to `now`: rest periods of the ledger, and long input-idle stretches with
 * the parts inside a call (talk, hold) cut out. Sorted by start.
 */
export function restIntervals(
  periods: readonly Period[],
  history: readonly WellbeingEvent[],
  now: number,
): RestInterval[] {
  const out: RestInterval[] = [];
  for (const p of periods) {
    const kind = restKindOf(p);
    const end = Math.min(p.end, now);
    if (kind && end > p.start) out.push({ kind, start: p.start, end });
  }
  const idle = idleStretches(history, now);
  if (idle.length === 0) return out; // ledger periods are already in order
  let i = 0; // periods before periods[i] end before the stretch being looked at
  for (const stretch of idle) {
    if (stretch.end - stretch.start < IDLE_REST_MIN_MS) continue;
    while (i < periods.length && periods[i]!.end <= stretch.start) i++;
    let from = stretch.start;
    const emit = (to: number) => {
      if (to - from >= IDLE_REST_MIN_MS) out.push({ kind: 'idle', start: from, end: to });
    };
    for (let j = i; j < periods.length && periods[j]!.start < stretch.end; j++) {
      const p = periods[j]!;
      if (!LIVE_CALL_STATES.has(p.state)) continue;
      emit(Math.max(from, p.start));
      from = Math.max(from, Math.min(p.end, stretch.end));
    }
    emit(stretch.end);
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * The end of the last rest that satisfies `kind` (overlapping or touching rests of the kinds it
 * accepts are joined, then kept when at least its minimum long), or null. An ongoing rest ends
 * at `now`. `rests` are sorted by start; they are read from the newest.
 */
export function lastRestEnd(kind: PromptKind, rests: readonly RestInterval[]): number | null {
  const rule = PROMPT_CATALOGUE[kind].rest;
  if (!rule) return null;
  const minMs = rule.minMinutes * 60_000;
  let start = 0;
  let end: number | null = null;
  for (let i = rests.length - 1; i >= 0; i--) {
    const r = rests[i]!;
    if (!rule.by.includes(r.kind)) continue;
    if (end !== null && r.end >= start - 1_000) {
      start = r.start;
      end = Math.max(end, r.end);
      continue;
    }
    if (end !== null && end - start >= minMs) return end;
    start = r.start;
    end = r.end;
  }
  return end !== null && end - start >= minMs ? end : null;
}
