import type { SeatmateDb } from '../db';
import type { Schedule } from '../settings';
import { formatZodIssues } from '../validation';
import Dexie from 'dexie';
import {
  buildReport,
  combineReports,
  emptyTotals,
  talkInLastHour,
  totalsOf,
  type DayRange,
  type LedgerReport,
  type Totals,
} from './metrics';
import { compareEvents, dayAt, derivePeriods, SHIFT_GAP_MS, type LedgerAnomaly } from './periods';
import {
  LOGGED_OUT_STATES,
  stateEditSchema,
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

function parseEvent(raw: StateEvent): StateEvent {
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
    await db.stateEvents.add(parseEvent({ at: seen, state: 'unknown', source: 'system', tz: tzOffsetAt(seen) }));
    if (now - seen > policy.resumeWithinMs) return 'unknown';
    const resumed: StateEvent = { at: now, state: last.state, source: 'recovery', tz: tzOffsetAt(now) };
    if (last.code !== undefined) resumed.code = last.code;
    await db.stateEvents.add(parseEvent(resumed));
    return 'resumed';
  });
}

/** Local midnight starting the day `YYYY-MM-DD` (in the time zone of this browser). */
export function dayStartMs(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d!).getTime();
}

/** Reading margin either side of a range: sessions are attributed to the day they started. */
const MARGIN_MS = 36 * 3_600_000;

/**
 * Reads the ledger rows needed for `range`: those inside it (with a margin for night shifts and
 * time-zone moves) and the row in force when it begins. Returned in ledger order.
 */
export async function loadRangeEvents(db: SeatmateDb, range: DayRange): Promise<StateEvent[]> {
  const from = dayStartMs(range.from) - MARGIN_MS;
  const to = dayStartMs(range.to) + 24 * 3_600_000 + MARGIN_MS;
  const [before, inside] = await Promise.all([
    db.stateEvents.where('at').below(from).last(),
    db.stateEvents.where('at').between(from, to, true, false).toArray(),
  ]);
  const rows = before ? [before, ...inside] : inside;
  return rows.sort(compareEvents);
}

/** Ranges up to this many days are always read row by row (and carry every period). */
export const RAW_RANGE_DAYS = 31;

/**
 * Totals of one closed day, kept so long ranges (a year) need not read every row again. A day is
 * closed when it is at least two days old and the ledger has a logged-out row after it, so no
 * session or gap of that day can still grow. Appends never change a closed day; corrections
 * delete the cached days around them (`forgetDays`).
 */
export interface LedgerDay {
  day: string;
  totals: Totals;
  anomalies: LedgerAnomaly[];
}

/** `YYYY-MM-DD` shifted by `n` days. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + n)).toISOString().slice(0, 10);
}

/** Every day of a range, in order. */
export function daysOf(range: DayRange): string[] {
  const out: string[] = [];
  for (let d = range.from; d <= range.to && out.length < 3_700; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Splits sorted days into runs of consecutive days. */
function runs(days: readonly string[]): DayRange[] {
  const out: DayRange[] = [];
  for (const d of days) {
    const last = out[out.length - 1];
    if (last && addDays(last.to, 1) === d) last.to = d;
    else out.push({ from: d, to: d });
  }
  return out;
}

/** Talk in the hour before `now`, read from the rows of that hour. */
async function loadTalkLastHour(db: SeatmateDb, now: number): Promise<number> {
  const from = now - 3_600_000;
  const [before, inside] = await Promise.all([
    db.stateEvents.where('at').below(from).last(),
    db.stateEvents.where('at').aboveOrEqual(from).toArray(),
  ]);
  const rows = (before ? [before, ...inside] : inside).sort(compareEvents);
  return talkInLastHour(derivePeriods(rows, now), now);
}

/**
 * Loads and builds the agent's report for `range` as of `now`. Short ranges are read row by row;
 * long ones use the day cache for closed days and read only the rest (then cache what closed).
 */
export async function loadLedgerReport(
  db: SeatmateDb,
  range: DayRange,
  now: number,
  schedule: Schedule,
): Promise<LedgerReport> {
  const days = daysOf(range);
  if (days.length <= RAW_RANGE_DAYS) return buildReport(await loadRangeEvents(db, range), range, now, schedule);
  const cached = await db.ledgerDays.where('day').between(range.from, range.to, true, true).toArray();
  const have = new Set(cached.map((c) => c.day));
  const spans = runs(days.filter((d) => !have.has(d)));
  const parts = await Promise.all(
    spans.map(async (span) => buildReport(await loadRangeEvents(db, span), span, now, schedule)),
  );
  const report = combineReports(range, parts, cached, await loadTalkLastHour(db, now), schedule);
  if (spans.length > 0) scheduleDayCache(db, spans, parts, now);
  return report;
}

/** Stores the totals of the days just read that are closed (outside any live query's transaction). */
function scheduleDayCache(db: SeatmateDb, spans: DayRange[], parts: LedgerReport[], now: number): void {
  Dexie.ignoreTransaction(() =>
    setTimeout(() => {
      void (async () => {
        const outs = await db.stateEvents.where('state').anyOf('offline', 'unknown').toArray();
        // The last logged-out row that is not an open unknown gap.
        const lastOut = outs.reduce((m, e) => Math.max(m, e.at), 0);
        const lastClosedDay = addDays(dayAt(now, tzOffsetAt(now)), -2);
        const rows: LedgerDay[] = [];
        spans.forEach((span, i) => {
          const byDay = new Map(parts[i]!.days.map((d) => [d.day, d.metrics]));
          for (const day of daysOf(span)) {
            if (day > lastClosedDay || dayStartMs(day) + 38 * 3_600_000 + SHIFT_GAP_MS > lastOut) continue;
            const m = byDay.get(day);
            const anomalies = parts[i]!.anomalies.filter((a) => dayAt(a.at, tzOffsetAt(a.at)) === day);
            rows.push({ day, totals: m ? totalsOf(m) : emptyTotals(), anomalies });
          }
        });
        if (rows.length > 0) await db.ledgerDays.bulkPut(rows);
      })().catch(() => {
        // The cache is only a shortcut: a failed write means the next report reads rows again.
      });
    }, 0),
  );
}

/** Drops cached day totals around the times a correction touched (two days either side). */
async function forgetDays(db: SeatmateDb, ...ats: number[]): Promise<void> {
  const days = ats.map((at) => dayAt(at, tzOffsetAt(at))).sort();
  await db.ledgerDays
    .where('day')
    .between(addDays(days[0]!, -2), addDays(days[days.length - 1]!, 2), true, true)
    .delete();
}

/** Why a correction was refused, as a code the UI translates. */
export type LedgerEditReason = 'gone' | 'bad-time' | 'future' | 'same-time' | 'order' | 'code' | 'invalid';

/** Why a correction was refused: the field, a reason code, and an English message for logs. */
export class LedgerEditError extends Error {
  constructor(
    readonly field: 'at' | 'state' | 'code' | 'id',
    message: string,
    readonly reason: LedgerEditReason = 'invalid',
  ) {
    super(message);
    this.name = 'LedgerEditError';
  }
}

async function neighbours(db: SeatmateDb, at: number, exceptId?: number) {
  const [prev, next] = await Promise.all([
    db.stateEvents
      .where('at')
      .belowOrEqual(at)
      .reverse()
      .filter((e) => e.id !== exceptId)
      .first(),
    db.stateEvents
      .where('at')
      .aboveOrEqual(at)
      .filter((e) => e.id !== exceptId)
      .first(),
  ]);
  return { prev, next };
}

function checkPlace(at: number, now: number, prev: StateEvent | undefined, next: StateEvent | undefined): void {
  if (!Number.isInteger(at) || at < 0) throw new LedgerEditError('at', 'not a valid time', 'bad-time');
  if (at > now) throw new LedgerEditError('at', 'a correction cannot be in the future', 'future');
  if (prev && prev.at === at)
    throw new LedgerEditError('at', 'another state change has exactly this time', 'same-time');
  if (next && next.at === at)
    throw new LedgerEditError('at', 'another state change has exactly this time', 'same-time');
}

/**
 * Changes the time and/or state of one row. The new time must lie strictly between the rows
 * around it: corrections never reorder the ledger. The change is recorded in `stateEdits`.
 */
export async function editStateEvent(
  db: SeatmateDb,
  id: number,
  patch: { at?: number; state?: LedgerState; code?: string | null },
  now: number,
): Promise<StateEvent> {
  return db.transaction('rw', db.stateEvents, db.stateEdits, db.ledgerDays, async () => {
    const row = await db.stateEvents.get(id);
    if (!row) throw new LedgerEditError('id', 'this state change no longer exists', 'gone');
    const at = patch.at ?? row.at;
    if (at !== row.at) {
      const { prev: p0, next: n0 } = await neighbours(db, row.at, id);
      const { prev, next } = await neighbours(db, at, id);
      if (prev?.id !== p0?.id || next?.id !== n0?.id)
        throw new LedgerEditError(
          'at',
          'the new time must stay between the state changes before and after it',
          'order',
        );
      checkPlace(at, now, prev, next);
    }
    const state = patch.state ?? row.state;
    let code: string | undefined;
    if (patch.code !== undefined && patch.code !== null) code = patch.code;
    else if (patch.code === undefined && state === 'other') code = row.code;
    const next: StateEvent = { ...row, at, state, tz: row.tz };
    delete next.code;
    if (code !== undefined) next.code = code;
    const checked = stateEventSchema.safeParse(next);
    if (!checked.success)
      throw new LedgerEditError(
        checked.error.issues[0]?.path[0] === 'code' ? 'code' : 'state',
        formatZodIssues(checked.error),
        checked.error.issues[0]?.path[0] === 'code' ? 'code' : 'invalid',
      );
    await db.stateEvents.put(checked.data);
    await forgetDays(db, row.at, checked.data.at);
    await addEdit(db, {
      editedAt: now,
      action: 'change',
      eventId: id,
      before: snapshot(row),
      after: snapshot(checked.data),
    });
    return checked.data;
  });
}

/** Adds a forgotten state change at a past time (recorded in `stateEdits`). */
export async function insertStateEvent(
  db: SeatmateDb,
  value: StateValue & { at: number },
  now: number,
): Promise<StateEvent> {
  return db.transaction('rw', db.stateEvents, db.stateEdits, db.ledgerDays, async () => {
    const { prev, next } = await neighbours(db, value.at);
    checkPlace(value.at, now, prev, next);
    const row: StateEvent = { at: value.at, state: value.state, source: 'edit', tz: tzOffsetAt(value.at) };
    if (value.code !== undefined) row.code = value.code;
    const checked = stateEventSchema.safeParse(row);
    if (!checked.success) throw new LedgerEditError('state', formatZodIssues(checked.error));
    const id = (await db.stateEvents.add(checked.data)) as number;
    await forgetDays(db, checked.data.at);
    await addEdit(db, { editedAt: now, action: 'insert', eventId: id, before: null, after: snapshot(checked.data) });
    return { ...checked.data, id };
  });
}

/** Removes one row (recorded in `stateEdits`); returns it so the agent can undo. */
export async function deleteStateEvent(db: SeatmateDb, id: number, now: number): Promise<StateEvent> {
  return db.transaction('rw', db.stateEvents, db.stateEdits, db.ledgerDays, async () => {
    const row = await db.stateEvents.get(id);
    if (!row) throw new LedgerEditError('id', 'this state change no longer exists', 'gone');
    await db.stateEvents.delete(id);
    await forgetDays(db, row.at);
    await addEdit(db, { editedAt: now, action: 'delete', eventId: id, before: snapshot(row), after: null });
    return row;
  });
}

/** Puts back a deleted row with its id (the undo of `deleteStateEvent`, also recorded). */
export async function restoreStateEvent(db: SeatmateDb, row: StateEvent, now: number): Promise<void> {
  await db.transaction('rw', db.stateEvents, db.stateEdits, db.ledgerDays, async () => {
    const event = parseEvent(row);
    if (event.id === undefined) throw new LedgerEditError('id', 'a restored state change needs its id');
    await db.stateEvents.put(event);
    await forgetDays(db, event.at);
    await addEdit(db, { editedAt: now, action: 'restore', eventId: event.id, before: null, after: snapshot(event) });
  });
}

function snapshot(e: StateEvent): NonNullable<StateEdit['before']> {
  return e.code !== undefined ? { at: e.at, state: e.state, code: e.code } : { at: e.at, state: e.state };
}

async function addEdit(db: SeatmateDb, edit: StateEdit): Promise<void> {
  await db.stateEdits.add(stateEditSchema.parse(edit));
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
