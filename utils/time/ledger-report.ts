import Dexie from 'dexie';
import type { SeatmateDb } from '../db';
import type { Schedule } from '../settings';
import { addDays, dayStartMs, daysOf, ledgerDaySchema, runsOf, type LedgerDay } from './ledger-days';
import {
  buildReport,
  combineReports,
  emptyTotals,
  talkInLastHour,
  totalsOf,
  type DayRange,
  type LedgerReport,
} from './metrics';
import { buildSessions, compareEvents, dayAt, derivePeriods, SHIFT_GAP_MS } from './periods';
import type { StateEvent } from './states';

/**
 * Reading the agent's report from the ledger. Every report is built from one consistent snapshot
 * (one read transaction): the rows, the cached day totals, and what decides which days are
 * closed. A day's totals are cached only when they came from that snapshot and no row appended
 * later can change them; the cache write checks that the ledger did not change underneath
 * (rows in the past, deletions, corrections) and otherwise writes nothing.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Reading margin either side of a range: sessions count for the day they started, on their own clock. */
const MARGIN_MS = 36 * HOUR_MS;

/** Rows read at a time past a range's end while a session that began in it is still going. */
const TAIL_CHUNK = 500;

/** Ranges up to this many days are always read row by row (and carry every period). */
export const RAW_RANGE_DAYS = 31;

/**
 * Reads the rows a range needs, in ledger order: the row in force before it, the rows inside it
 * (with a margin for night shifts and time-zone moves), and after it, rows until every session
 * and gap that began in the range has ended — so a shift that runs past the margin is complete.
 * Call inside a read transaction.
 */
async function readRange(db: SeatmateDb, range: DayRange): Promise<StateEvent[]> {
  const from = dayStartMs(range.from) - MARGIN_MS;
  const to = dayStartMs(range.to) + DAY_MS + MARGIN_MS;
  const [before, inside] = await Promise.all([
    db.stateEvents.where('at').below(from).last(),
    db.stateEvents.where('at').between(from, to, true, false).toArray(),
  ]);
  const rows = before ? [before, ...inside] : inside;
  rows.sort(compareEvents);
  const last = rows[rows.length - 1];
  if (!last || last.state === 'offline') return rows;
  // A shift is still going at the end of the margin: read on until it has ended.
  let gap = trailingGap(rows);
  for (let read = 0; ;) {
    const more = await db.stateEvents.where('at').aboveOrEqual(to).offset(read).limit(TAIL_CHUNK).toArray();
    read += more.length;
    for (const e of more) {
      rows.push(e);
      if (endsShift(e, gap)) return rows;
      gap = e.state === 'unknown' ? (gap ?? e.at) : null;
    }
    if (more.length < TAIL_CHUNK) return rows;
  }
}

/** The start of the unknown gap the rows end in, or null (consecutive unknown rows are one gap). */
function trailingGap(rows: readonly StateEvent[]): number | null {
  let start: number | null = null;
  for (let i = rows.length - 1; i >= 0 && rows[i]!.state === 'unknown'; i--) start = rows[i]!.at;
  return start;
}

/**
 * Whether row `e` ends the shift in progress, so nothing after it belongs to that shift: the agent
 * logged out, or logged in again only after an unknown gap (begun at `gap`) long enough to start a
 * new shift (`buildSessions`).
 */
function endsShift(e: StateEvent, gap: number | null): boolean {
  if (e.state === 'offline') return true;
  return e.state !== 'unknown' && gap !== null && e.at - gap > SHIFT_GAP_MS;
}

/**
 * Reads the ledger rows needed for `range` (see `readRange`) in one read transaction, in ledger
 * order.
 */
export async function loadRangeEvents(db: SeatmateDb, range: DayRange): Promise<StateEvent[]> {
  return db.transaction('r', db.stateEvents, () => readRange(db, range));
}

/** The rows of the hour before `now` and the row in force when it began (for talk in the last hour). */
async function readHour(db: SeatmateDb, now: number): Promise<StateEvent[]> {
  const from = now - HOUR_MS;
  const [before, inside] = await Promise.all([
    db.stateEvents.where('at').below(from).last(),
    db.stateEvents.where('at').aboveOrEqual(from).toArray(),
  ]);
  return (before ? [before, ...inside] : inside).sort(compareEvents);
}

function lastHourTalk(hour: readonly StateEvent[], now: number): number {
  return talkInLastHour(derivePeriods(hour, now), now);
}

/** What the cache write checks to know the ledger did not change under a snapshot. */
export interface LedgerRevision {
  /** Rows in the ledger. */
  count: number;
  /** Highest row id. */
  maxId: number;
  /** Highest correction id (every correction writes one). */
  lastEditId: number;
  /** Time of the newest row; rows appended later are at or after it. */
  lastAt: number;
}

async function readRevision(db: SeatmateDb): Promise<LedgerRevision> {
  const [count, top, edit, last] = await Promise.all([
    db.stateEvents.count(),
    db.stateEvents.orderBy(':id').last(),
    db.stateEdits.orderBy(':id').last(),
    db.stateEvents.orderBy('at').last(),
  ]);
  return { count, maxId: top?.id ?? 0, lastEditId: edit?.id ?? 0, lastAt: last?.at ?? 0 };
}

/** The ledger from its last logged-out (`offline`) row on: the shift that may still be going. */
async function readTail(db: SeatmateDb): Promise<StateEvent[]> {
  const outs = await db.stateEvents.where('state').equals('offline').toArray();
  const lastOut = outs.reduce((m, e) => Math.max(m, e.at), -1);
  const rows = lastOut >= 0 ? await db.stateEvents.where('at').aboveOrEqual(lastOut).toArray() : [];
  if (lastOut < 0) rows.push(...(await db.stateEvents.orderBy('at').toArray()));
  return rows.sort(compareEvents);
}

/**
 * The first day whose totals can still change, given the end of the ledger (`tail`: rows in
 * ledger order from the last `offline` row on) and the clock: rows are only ever appended at or
 * after the newest one (on any clock from UTC−16 to UTC+16), the shift in progress counts for the
 * day it began, a shift that ended in an unknown gap may still be resumed, and the gap itself is
 * still growing. Every day before the one returned is closed. Pure.
 */
export function firstOpenDay(tail: readonly StateEvent[], now: number): string {
  const last = tail[tail.length - 1];
  if (!last) return addDays(dayAt(now, 0), -1);
  let open = addDays(dayAt(Math.min(last.at, now), 0), -1);
  const min = (day: string) => {
    if (day < open) open = day;
  };
  if (last.state !== 'offline') {
    const periods = derivePeriods(tail, Math.max(now, last.at));
    const sessions = buildSessions(periods);
    const live = sessions[sessions.length - 1];
    if (live) min(live.day);
    const end = periods[periods.length - 1];
    if (end && end.state === 'unknown') min(dayAt(end.start, end.tz));
  }
  return open;
}

/** Day totals to cache: the days of the spans read that are before `open`. */
function closedDays(spans: readonly DayRange[], parts: readonly LedgerReport[], open: string): LedgerDay[] {
  const rows: LedgerDay[] = [];
  spans.forEach((span, i) => {
    const part = parts[i]!;
    const byDay = new Map(part.days.map((d) => [d.day, d.metrics]));
    for (const day of daysOf(span)) {
      if (day >= open) break;
      const m = byDay.get(day);
      rows.push({
        day,
        totals: m ? totalsOf(m) : emptyTotals(),
        anomalies: part.anomalies.filter((a) => a.day === day),
      });
    }
  });
  return rows;
}

/**
 * Writes day totals computed from a snapshot, unless the ledger changed since in a way that could
 * touch them: a correction, a deleted row, or a row added before the snapshot's newest one (an
 * imported history, say). Rows appended after the snapshot cannot change closed days. Returns the
 * number of days written.
 */
export async function writeDayCache(db: SeatmateDb, days: LedgerDay[], revision: LedgerRevision): Promise<number> {
  return db.transaction('rw', [db.stateEvents, db.stateEdits, db.ledgerDays], async () => {
    const [count, newer, edit] = await Promise.all([
      db.stateEvents.count(),
      db.stateEvents.where(':id').above(revision.maxId).toArray(),
      db.stateEdits.orderBy(':id').last(),
    ]);
    if ((edit?.id ?? 0) !== revision.lastEditId) return 0;
    if (count !== revision.count + newer.length) return 0;
    if (newer.some((e) => e.at < revision.lastAt)) return 0;
    await db.ledgerDays.bulkPut(days);
    return days.length;
  });
}

/** How a report hands over its day-cache write. */
export interface LedgerReportOptions {
  /**
   * Receives the day-cache write for the closed days this report read. By default it runs in a
   * later task, outside any live query. Tests pass their own to choose when it runs.
   */
  cacheWrite?: (write: () => Promise<number>) => void;
}

function writeLater(write: () => Promise<number>): void {
  Dexie.ignoreTransaction(() =>
    setTimeout(() => {
      write().catch(() => {
        // The cache is only a shortcut: a failed write means the next report reads rows again.
      });
    }, 0),
  );
}

/**
 * Loads and builds the agent's report for `range` as of `now`. Short ranges are read row by row;
 * long ones use the day cache for closed days and read only the rest, then cache the days read
 * that are closed. Either way the report comes from one consistent snapshot of the ledger.
 */
export async function loadLedgerReport(
  db: SeatmateDb,
  range: DayRange,
  now: number,
  schedule: Schedule,
  options: LedgerReportOptions = {},
): Promise<LedgerReport> {
  const days = daysOf(range);
  if (days.length <= RAW_RANGE_DAYS) {
    const [rows, hour] = await db.transaction('r', db.stateEvents, () =>
      Promise.all([readRange(db, range), readHour(db, now)]),
    );
    // Talk in the last hour is about `now`, whatever the range.
    return { ...buildReport(rows, range, now, schedule), talkLastHourMs: lastHourTalk(hour, now) };
  }
  const snap = await db.transaction('r', [db.stateEvents, db.stateEdits, db.ledgerDays], async () => {
    const stored = await db.ledgerDays.where('day').between(range.from, range.to, true, true).toArray();
    const cached = stored.flatMap((row) => {
      const r = ledgerDaySchema.safeParse(row);
      return r.success ? [r.data] : [];
    });
    const have = new Set(cached.map((c) => c.day));
    const spans = runsOf(days.filter((d) => !have.has(d)));
    const [rows, hour, revision, tail] = await Promise.all([
      Promise.all(spans.map((span) => readRange(db, span))),
      readHour(db, now),
      spans.length > 0 ? readRevision(db) : null,
      spans.length > 0 ? readTail(db) : null,
    ]);
    return { cached, spans, rows, hour, revision, tail };
  });
  const parts = snap.spans.map((span, i) => buildReport(snap.rows[i]!, span, now, schedule));
  const report = combineReports(range, parts, snap.cached, lastHourTalk(snap.hour, now), schedule);
  if (snap.revision && snap.tail) {
    const closed = closedDays(snap.spans, parts, firstOpenDay(snap.tail, now));
    const revision = snap.revision;
    if (closed.length > 0) (options.cacheWrite ?? writeLater)(() => writeDayCache(db, closed, revision));
  }
  return report;
}
