import { HANDLING_STATES, type LedgerState, type StateEvent } from './states';

/**
 * Periods and sessions, derived from the ledger. Pure: nothing here reads a clock; `until` is
 * passed in. Durations always come from differences of stored timestamps (UTC milliseconds), so
 * DST and time-zone changes cannot stretch or shrink them.
 */

/** A stretch of time in one state: [start, end). */
export interface Period {
  start: number;
  end: number;
  state: LedgerState;
  code?: string;
  /** Contact number (1, 2, …) for talk, hold and ACW that belong to a call; null otherwise. */
  contact: number | null;
  /** Offset of the agent's time zone (minutes east of UTC) when the period started. */
  tz: number;
  /** True for the period still running at `until`. */
  open: boolean;
  /** Ledger row that started the period. */
  eventId?: number;
}

/** Ledger order: by time, then by row id (the order they were written). */
export function compareEvents(a: StateEvent, b: StateEvent): number {
  return a.at - b.at || (a.id ?? 0) - (b.id ?? 0);
}

/**
 * Turns ledger rows into periods. Rows must be in ledger order (`compareEvents`). A row repeating
 * the state before it extends that period. The last period runs until `until` (or ends where it
 * starts when `until` is earlier).
 *
 * Contacts: a contact starts when talk begins from any state but hold; hold and ACW that follow
 * talk belong to the same contact. A call interrupted by a crash or shutdown and restored after
 * the gap (a `recovery` row right after the `unknown` one) is the same contact too: the customer
 * was on the line all along, so restoring the call must not count a second one.
 */
export function derivePeriods(events: readonly StateEvent[], until: number, firstContact = 1): Period[] {
  const periods: Period[] = [];
  let contact = firstContact - 1;
  let current: number | null = null; // the contact in progress
  let interrupted: number | null = null; // the contact in progress when an unknown gap began
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    const prev = periods[periods.length - 1];
    if (prev && prev.state === e.state && prev.code === e.code) continue;
    const restored: number | null = e.source === 'recovery' && prev?.state === 'unknown' ? interrupted : null;
    let c: number | null = null;
    if (e.state === 'talk') {
      if (prev?.state === 'hold' && current !== null) c = current;
      else c = restored ?? ++contact;
    } else if (e.state === 'hold' || e.state === 'acw') {
      c = prev && HANDLING_STATES.has(prev.state) ? current : restored;
    }
    interrupted = e.state === 'unknown' ? current : null;
    current = c;
    if (prev) {
      prev.end = Math.max(prev.start, e.at);
      prev.open = false;
    }
    const p: Period = { start: e.at, end: Math.max(e.at, until), state: e.state, contact: c, tz: e.tz, open: true };
    if (e.code !== undefined) p.code = e.code;
    if (e.id !== undefined) p.eventId = e.id;
    periods.push(p);
  }
  return periods;
}

/** `YYYY-MM-DD` of the instant `at` on a clock `tz` minutes east of UTC. */
export function dayAt(at: number, tz: number): string {
  return new Date(at + tz * 60_000).toISOString().slice(0, 10);
}

/**
 * A shift as it happened: a run of logged-in periods (anything but offline and unknown). It belongs
 * to the day on the agent's clock when it started, so a night shift that crosses midnight counts
 * for the day it began.
 */
export interface Session {
  day: string;
  start: number;
  end: number;
  periods: Period[];
}

/**
 * An unknown gap (the browser was closed or crashed) shorter than this, followed by logged-in
 * time, is a hiccup inside one shift; a longer gap, or logging out, ends the shift.
 */
export const SHIFT_GAP_MS = 4 * 3_600_000;

/**
 * Groups periods into sessions. Offline ends a session. An unknown gap ends it too unless the
 * agent is logged in again within `SHIFT_GAP_MS`; then the gap stays inside the session (it is
 * still not logged-in time) and the shift is counted once.
 */
export function buildSessions(periods: readonly Period[]): Session[] {
  const sessions: Session[] = [];
  let cur: Session | null = null;
  let gaps: Period[] = []; // unknown periods waiting to see whether the shift goes on
  for (const p of periods) {
    if (p.state === 'offline') {
      cur = null;
      gaps = [];
      continue;
    }
    if (p.state === 'unknown') {
      if (cur) gaps.push(p);
      continue;
    }
    if (cur && gaps.length > 0 && p.start - gaps[0]!.start > SHIFT_GAP_MS) cur = null;
    if (!cur) {
      cur = { day: dayAt(p.start, p.tz), start: p.start, end: p.end, periods: [] };
      sessions.push(cur);
    } else cur.periods.push(...gaps);
    gaps = [];
    cur.periods.push(p);
    cur.end = p.end;
  }
  return sessions;
}

/** A problem found in the ledger that the agent should know about. */
export interface LedgerAnomaly {
  kind: 'clock-back';
  at: number;
  /** The agent's day it happened on (on the row's own clock). */
  day: string;
  /** How far the clock went back, in ms. */
  ms: number;
  eventId?: number;
}

/** Lists the moments the system clock was found running backwards. */
export function findAnomalies(events: readonly StateEvent[]): LedgerAnomaly[] {
  const out: LedgerAnomaly[] = [];
  for (const e of events) {
    if (!e.clockBack) continue;
    const a: LedgerAnomaly = { kind: 'clock-back', at: e.at, day: dayAt(e.at, e.tz), ms: e.clockBack };
    if (e.id !== undefined) a.eventId = e.id;
    out.push(a);
  }
  return out;
}
