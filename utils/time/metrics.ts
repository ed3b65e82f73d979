import {
  buildSessions,
  dayAt,
  derivePeriods,
  findAnomalies,
  type LedgerAnomaly,
  type Period,
  type Session,
} from './periods';
import { STATE_CATALOGUE } from './state-catalogue';
import type { StateEvent } from './states';
import type { Schedule } from '../settings';

/**
 * The agent's own report: sums over sessions, and the figures derived from them. Pure.
 *
 * Formulas (also shown in the dashboard):
 * - contacts: talk periods that start a call (talk after hold is the same contact)
 * - average handle time (AHT) = (talk + hold + ACW) / contacts
 * - occupancy = (talk + hold + ACW) / (talk + hold + ACW + available)
 * - contacts per logged-in hour = contacts / logged-in hours
 * - logged-in time = every state but offline and unknown
 * - longest stretch without a break: logged-in time between break, lunch and logging out
 */

/** Sums that add up across days (the averages are derived from them). */
export interface Totals {
  contacts: number;
  talkMs: number;
  holdMs: number;
  acwMs: number;
  availableMs: number;
  breakMs: number;
  lunchMs: number;
  otherMs: number;
  /** Time in each `other` code. */
  otherByCode: Record<string, number>;
  loggedInMs: number;
  /** Time after a crash or shutdown that Seatmate could not see (not work). */
  unknownMs: number;
  /** Shifts (sessions) counted. */
  shifts: number;
  longestWithoutBreakMs: number;
}

/** Totals and the figures derived from them. Ratios are null when their denominator is 0. */
export interface Metrics extends Totals {
  handleMs: number;
  avgTalkMs: number | null;
  avgHoldMs: number | null;
  avgAcwMs: number | null;
  ahtMs: number | null;
  occupancy: number | null;
  contactsPerHour: number | null;
  breakAllowanceMs: number;
  lunchAllowanceMs: number;
}

/** Empty totals. */
export function emptyTotals(): Totals {
  return {
    contacts: 0,
    talkMs: 0,
    holdMs: 0,
    acwMs: 0,
    availableMs: 0,
    breakMs: 0,
    lunchMs: 0,
    otherMs: 0,
    otherByCode: {},
    loggedInMs: 0,
    unknownMs: 0,
    shifts: 0,
    longestWithoutBreakMs: 0,
  };
}

/** Adds one session's periods to `t`. */
export function addSession(t: Totals, s: Session): Totals {
  t.shifts++;
  const contacts = new Set<number>();
  let stretch = 0;
  for (const p of s.periods) {
    const ms = p.end - p.start;
    const info = STATE_CATALOGUE[p.state];
    if (info.loggedOut) {
      // A gap inside the shift: not logged-in time (counted per day as unknown), and no stretch
      // of work is claimed across it.
      stretch = 0;
      continue;
    }
    t.loggedInMs += ms;
    if (info.total) t[info.total] += ms;
    if (p.state === 'talk' && p.contact !== null) contacts.add(p.contact);
    if (p.state === 'other') {
      const code = p.code ?? '';
      t.otherByCode[code] = (t.otherByCode[code] ?? 0) + ms;
    }
    if (info.rest) stretch = 0;
    else {
      stretch += ms;
      if (stretch > t.longestWithoutBreakMs) t.longestWithoutBreakMs = stretch;
    }
  }
  t.contacts += contacts.size;
  return t;
}

/** Adds `b` into `a` (longest stretch is the larger of the two). */
export function addTotals(a: Totals, b: Totals): Totals {
  a.contacts += b.contacts;
  a.talkMs += b.talkMs;
  a.holdMs += b.holdMs;
  a.acwMs += b.acwMs;
  a.availableMs += b.availableMs;
  a.breakMs += b.breakMs;
  a.lunchMs += b.lunchMs;
  a.otherMs += b.otherMs;
  for (const [k, v] of Object.entries(b.otherByCode)) a.otherByCode[k] = (a.otherByCode[k] ?? 0) + v;
  a.loggedInMs += b.loggedInMs;
  a.unknownMs += b.unknownMs;
  a.shifts += b.shifts;
  a.longestWithoutBreakMs = Math.max(a.longestWithoutBreakMs, b.longestWithoutBreakMs);
  return a;
}

/** Derives averages and ratios from totals; allowances are per shift from the schedule. */
export function finishMetrics(t: Totals, schedule: Schedule): Metrics {
  const handleMs = t.talkMs + t.holdMs + t.acwMs;
  const per = (ms: number) => (t.contacts > 0 ? ms / t.contacts : null);
  const busyPlusAvailable = handleMs + t.availableMs;
  return {
    ...t,
    otherByCode: { ...t.otherByCode },
    handleMs,
    avgTalkMs: per(t.talkMs),
    avgHoldMs: per(t.holdMs),
    avgAcwMs: per(t.acwMs),
    ahtMs: per(handleMs),
    occupancy: busyPlusAvailable > 0 ? handleMs / busyPlusAvailable : null,
    contactsPerHour: t.loggedInMs > 0 ? t.contacts / (t.loggedInMs / 3_600_000) : null,
    breakAllowanceMs: t.shifts * schedule.breakMinutes * 60_000,
    lunchAllowanceMs: t.shifts * schedule.lunchMinutes * 60_000,
  };
}

/** Talk time inside the hour before `now` (from any periods, clipped). */
export function talkInLastHour(periods: readonly Period[], now: number): number {
  const from = now - 3_600_000;
  let ms = 0;
  for (let i = periods.length - 1; i >= 0; i--) {
    const p = periods[i]!;
    if (p.end <= from) break;
    if (p.state === 'talk') ms += Math.max(0, Math.min(p.end, now) - Math.max(p.start, from));
  }
  return ms;
}

/** An inclusive range of agent days, `YYYY-MM-DD`. */
export interface DayRange {
  from: string;
  to: string;
}

/** The agent's report for a range of days. */
export interface LedgerReport {
  range: DayRange;
  metrics: Metrics;
  /** Per day with a shift (or unknown time), in day order. */
  days: { day: string; metrics: Metrics }[];
  /**
   * The periods of the range's sessions and unknown gaps, in order (for the timeline), and the
   * sessions. Complete for ranges read row by row (up to `RAW_RANGE_DAYS`); longer ranges use
   * stored day totals for closed days and carry only the periods of the days they had to read.
   */
  periods: Period[];
  sessions: Session[];
  /** Talk minutes in the hour before `now` (independent of the range). */
  talkLastHourMs: number;
  anomalies: LedgerAnomaly[];
  /** Ledger rows the report was built from. */
  eventCount: number;
}

/**
 * Builds the report for `range` from ledger rows in ledger order. The rows must cover the range's
 * sessions (the loader reads a margin either side). Sessions count for the day they started on the
 * agent's clock; unknown gaps count for the day they started.
 */
export function buildReport(
  events: readonly StateEvent[],
  range: DayRange,
  now: number,
  schedule: Schedule,
): LedgerReport {
  const all = derivePeriods(events, now);
  const inRange = (day: string) => day >= range.from && day <= range.to;
  const sessions = buildSessions(all).filter((s) => inRange(s.day));
  const byDay = new Map<string, Totals>();
  const dayTotals = (day: string) => {
    let t = byDay.get(day);
    if (!t) byDay.set(day, (t = emptyTotals()));
    return t;
  };
  for (const s of sessions) addSession(dayTotals(s.day), s);
  const unknown: Period[] = [];
  for (const p of all) {
    // A gap of no length (a row written at the same instant) is no unknown time and no day.
    if (p.state !== 'unknown' || p.end <= p.start) continue;
    const day = dayAt(p.start, p.tz);
    if (!inRange(day)) continue;
    dayTotals(day).unknownMs += p.end - p.start;
    unknown.push(p);
  }
  const periods = [...sessions.flatMap((s) => s.periods.filter((p) => p.state !== 'unknown')), ...unknown].sort(
    (a, b) => a.start - b.start,
  );
  const days = [...byDay.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, t]) => ({ day, metrics: finishMetrics(t, schedule) }));
  const total = emptyTotals();
  for (const t of byDay.values()) addTotals(total, t);
  return {
    range,
    metrics: finishMetrics(total, schedule),
    days,
    periods,
    sessions,
    talkLastHourMs: talkInLastHour(all, now),
    anomalies: findAnomalies(events.filter((e) => e.clockBack && inRange(dayAt(e.at, e.tz)))),
    eventCount: events.length,
  };
}

/** The additive part of a day's metrics (what the day cache stores). */
export function totalsOf(m: Totals): Totals {
  return {
    contacts: m.contacts,
    talkMs: m.talkMs,
    holdMs: m.holdMs,
    acwMs: m.acwMs,
    availableMs: m.availableMs,
    breakMs: m.breakMs,
    lunchMs: m.lunchMs,
    otherMs: m.otherMs,
    otherByCode: { ...m.otherByCode },
    loggedInMs: m.loggedInMs,
    unknownMs: m.unknownMs,
    shifts: m.shifts,
    longestWithoutBreakMs: m.longestWithoutBreakMs,
  };
}

/**
 * Assembles a report from per-day totals (some built from rows, some from the day cache).
 * `parts` are reports of sub-ranges; `cached` are stored day totals.
 */
export function combineReports(
  range: DayRange,
  parts: readonly LedgerReport[],
  cached: readonly { day: string; totals: Totals; anomalies: LedgerAnomaly[] }[],
  talkLastHourMs: number,
  schedule: Schedule,
): LedgerReport {
  const days = new Map<string, Totals>();
  for (const c of cached) if (c.totals.shifts > 0 || c.totals.unknownMs > 0) days.set(c.day, c.totals);
  for (const p of parts) for (const d of p.days) days.set(d.day, totalsOf(d.metrics));
  const total = emptyTotals();
  for (const t of days.values()) addTotals(total, t);
  return {
    range,
    metrics: finishMetrics(total, schedule),
    days: [...days.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([day, t]) => ({ day, metrics: finishMetrics(t, schedule) })),
    periods: parts.flatMap((p) => p.periods),
    sessions: parts.flatMap((p) => p.sessions),
    talkLastHourMs,
    anomalies: [...cached.flatMap((c) => c.anomalies), ...parts.flatMap((p) => p.anomalies)].sort(
      (a, b) => a.at - b.at,
    ),
    eventCount: parts.reduce((n, p) => n + p.eventCount, 0),
  };
}

/** Rows of the report table (one per day, then the total), for CSV and JSON export. */
export function reportTable(report: LedgerReport): { day: string; metrics: Metrics }[] {
  return [...report.days, { day: 'total', metrics: report.metrics }];
}
