import type { Period } from '../time/periods';
import { LIVE_CALL_STATES } from '../time/states';
import { PACED_BREATHING } from './exercises';
import { checkWellbeingRow, type ToughRow, type WellbeingEvent } from './records';

/**
 * Tough-call decompression (pure). One key marks the call that just ended as tough; Seatmate then
 * offers a 60-second paced breathing exercise before the next call (never forced) and keeps a
 * private count. A call is a contact of the ledger: its talk and hold periods.
 */

/** A call found in the ledger. */
export interface CallRef {
  contact: number;
  /** Start of its first talk period (what a tough mark refers to). */
  start: number;
  /** End of its last talk or hold period (after-call work is not the call). */
  end: number;
  /** Still in talk or hold. */
  live: boolean;
}

/** A call that ended longer ago than this can no longer be marked with the key ("just ended"). */
export const TOUGH_MARK_WINDOW_MS = 30 * 60_000;
/** The breathing offer stands this long after the tough call, unless the next call starts first. */
export const BREATHING_OFFER_MS = 30 * 60_000;

/** The calls in the periods, in order. */
export function callsIn(periods: readonly Period[]): CallRef[] {
  const byContact = new Map<number, CallRef>();
  for (const p of periods) {
    if (p.contact === null || !LIVE_CALL_STATES.has(p.state)) continue;
    const c = byContact.get(p.contact);
    if (!c) byContact.set(p.contact, { contact: p.contact, start: p.start, end: p.end, live: p.open });
    else {
      c.end = p.end;
      c.live = p.open;
    }
  }
  return [...byContact.values()].sort((a, b) => a.start - b.start);
}

/** The call a tough mark at `now` is about: the one in progress, else the last one if it ended within the window. */
export function callToMark(periods: readonly Period[], now: number): CallRef | null {
  const last = callsIn(periods).at(-1);
  if (!last) return null;
  if (last.live || now - last.end <= TOUGH_MARK_WINDOW_MS) return last;
  return null;
}

/** What marking a tough call at `now` does: the row to write, or why there is none. */
export type ToughMark =
  { outcome: 'marked'; row: ToughRow; call: CallRef } | { outcome: 'already'; call: CallRef } | { outcome: 'no-call' };

/** Marks the call that just ended (or is in progress) as tough; at most once per call. */
export function markToughCall(
  periods: readonly Period[],
  history: readonly WellbeingEvent[],
  now: number,
  tz: number,
): ToughMark {
  const call = callToMark(periods, now);
  if (!call) return { outcome: 'no-call' };
  if (history.some((r) => r.kind === 'tough' && r.ref === call.start)) return { outcome: 'already', call };
  const row = checkWellbeingRow({ at: now, tz, kind: 'tough', outcome: 'marked', ref: call.start }) as ToughRow;
  return { outcome: 'marked', row, call };
}

/**
 * The breathing exercise to offer now, if any: after the last tough call has ended, before the
 * next call starts, within {@link BREATHING_OFFER_MS}, and until the agent has done or skipped it.
 */
export function breathingOffer(
  periods: readonly Period[],
  history: readonly WellbeingEvent[],
  now: number,
): { ref: number; call: CallRef } | null {
  let ref: number | null = null;
  for (const r of history) if (r.kind === 'tough') ref = r.ref;
  if (ref === null) return null;
  const calls = callsIn(periods);
  const i = calls.findIndex((c) => c.start === ref);
  const call = calls[i];
  if (!call || call.live || i < calls.length - 1) return null;
  if (now - call.end > BREATHING_OFFER_MS) return null;
  const answered = history.some(
    (r) => r.kind === 'breathing' && r.ref === ref && (r.outcome === 'done' || r.outcome === 'skipped'),
  );
  if (answered) return null;
  return { ref, call };
}

/** Tough calls marked in the rows (each call once). */
export function toughCallCount(history: readonly WellbeingEvent[]): number {
  return new Set(history.flatMap((r) => (r.kind === 'tough' ? [r.ref] : []))).size;
}

/** Where a paced-breathing exercise is `elapsedMs` after it began; null when the minute is over. */
export function breathingPhaseAt(
  elapsedMs: number,
): { phase: 'in' | 'out'; breath: number; progress: number; secondsLeft: number } | null {
  const { inSeconds, outSeconds, breaths } = PACED_BREATHING;
  const cycle = (inSeconds + outSeconds) * 1000;
  const t = Math.max(0, elapsedMs);
  if (t >= cycle * breaths) return null;
  const into = t % cycle;
  const breath = Math.floor(t / cycle) + 1;
  const inMs = inSeconds * 1000;
  const phase = into < inMs ? 'in' : 'out';
  const progress = phase === 'in' ? into / inMs : (into - inMs) / (outSeconds * 1000);
  return { phase, breath, progress, secondsLeft: Math.ceil((cycle * breaths - t) / 1000) };
}
