import type { SeatmateDb } from '../db';
import { formatZodIssues } from '../validation';
import { compareEvents } from './periods';
import {
  LOGGED_OUT_STATES,
  stateEventSchema,
  tzOffsetAt,
  type LedgerState,
  type StateEdit,
  type StateEvent,
  type StateSource,
} from './states';

/**
 * The state ledger in the database: append-only rows of state changes, each with its source.
 * Durations are never counted by timers; they are derived from these timestamps, so a sleeping
 * service worker or a throttled page cannot lose or double time. The agent's corrections are the
 * only changes to past rows, and each is recorded in `stateEdits`.
 */

/** A state with its `other` code. */
export interface StateValue {
  state: LedgerState;
  code?: string;
}

function sameState(a: StateValue | undefined | null, b: StateValue): boolean {
  return !!a && a.state === b.state && (a.code ?? null) === (b.code ?? null);
}

/** The newest row in ledger order, or undefined. */
async function lastEvent(db: SeatmateDb): Promise<StateEvent | undefined> {
  return db.stateEvents.orderBy('at').last();
}

/**
 * Appends a state change (at `now`, or at `options.at` for a change noticed late, kept after the
 * newest row). Returns the stored row, or null when the agent is already in that state
 * (nothing is written). When the clock reads earlier than the newest row, the row is kept just
 * after it (so the ledger stays in order) and marked with how far the clock went back.
 */
export async function recordState(
  db: SeatmateDb,
  value: StateValue,
  source: StateSource,
  now: number,
  options: { at?: number } = {},
): Promise<StateEvent | null> {
  return db.transaction('rw', db.stateEvents, async () => {
    const last = await lastEvent(db);
    if (sameState(last, value)) return null;
    const back = last && now < last.at ? last.at - now : 0;
    // A backdated change (the screen lock) never goes before the newest row or after now.
    const wanted = options.at !== undefined ? Math.min(now, Math.max(options.at, last ? last.at + 1 : 0)) : now;
    const at = back > 0 ? last!.at + 1 : wanted;
    const row: StateEvent = { at, state: value.state, source, tz: tzOffsetAt(now) };
    if (value.code !== undefined) row.code = value.code;
    if (back > 0) row.clockBack = back;
    const event = parseEvent(row);
    const id = await db.stateEvents.add(event);
    return { ...event, id };
  });
}

/** Checks a row against the schema; throws with the fields named. */
export function parseEvent(raw: StateEvent): StateEvent {
  const r = stateEventSchema.safeParse(raw);
  if (!r.success) throw new Error(`Invalid state change: ${formatZodIssues(r.error)}`);
  return r.data;
}

/** The latest state change, or null before the first one. */
export async function currentStateEvent(db: SeatmateDb): Promise<StateEvent | null> {
  return (await lastEvent(db)) ?? null;
}

/** Milliseconds spent in the current state so far (0 when there is no event or the clock went back). */
export function elapsedInState(event: StateEvent | null, now: number): number {
  return event ? Math.max(0, now - event.at) : 0;
}

/** How the crash check decides (heartbeats are written every 30 s by an alarm). */
export interface GapPolicy {
  /** A heartbeat older than this means the browser (not just the service worker) was gone. */
  staleAfterMs: number;
  /** After a gap shorter than this, the state before it is restored; longer gaps stay unknown. */
  resumeWithinMs: number;
}
export const DEFAULT_GAP_POLICY: GapPolicy = { staleAfterMs: 150_000, resumeWithinMs: 10 * 60_000 };

/**
 * Closes the period left open by a crash or shutdown. When the last heartbeat is stale and the
 * agent was logged in, an `unknown` row is appended at the heartbeat: the gap is shown as unknown,
 * never as work. After a short gap the state before it is restored (source `recovery`).
 * Safe to call any number of times: a gap is closed once.
 */
export async function closeCrashGap(
  db: SeatmateDb,
  lastHeartbeat: number | null,
  now: number,
  policy: GapPolicy = DEFAULT_GAP_POLICY,
): Promise<'none' | 'unknown' | 'resumed'> {
  return db.transaction('rw', db.stateEvents, async () => {
    const last = await lastEvent(db);
    if (!last || LOGGED_OUT_STATES.has(last.state) || lastHeartbeat === null) return 'none';
    const seen = Math.max(lastHeartbeat, last.at);
    if (now - seen <= policy.staleAfterMs) return 'none';
    // The gap starts on the clock the agent had then (the row's own zone), not on today's clock:
    // after a time-zone change the gap still belongs to the day it began.
    await db.stateEvents.add(parseEvent({ at: seen, state: 'unknown', source: 'system', tz: last.tz }));
    if (now - seen > policy.resumeWithinMs) return 'unknown';
    const resumed: StateEvent = { at: now, state: last.state, source: 'recovery', tz: tzOffsetAt(now) };
    if (last.code !== undefined) resumed.code = last.code;
    await db.stateEvents.add(parseEvent(resumed));
    return 'resumed';
  });
}

/** The full ledger and its corrections as a backup document. */
export interface LedgerBackup {
  format: 'seatmate-ledger';
  version: 1;
  exportedAt: string;
  events: StateEvent[];
  edits: StateEdit[];
}

/** Everything in the ledger, for the agent's own backup. */
export async function exportLedger(db: SeatmateDb, now: number): Promise<LedgerBackup> {
  const [events, edits] = await Promise.all([db.stateEvents.toArray(), db.stateEdits.toArray()]);
  return {
    format: 'seatmate-ledger',
    version: 1,
    exportedAt: new Date(now).toISOString(),
    events: events.sort(compareEvents),
    edits,
  };
}
