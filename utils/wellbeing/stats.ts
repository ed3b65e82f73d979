import type { DayRange, LedgerReport } from '../time/metrics';
import { dayAt, type Period } from '../time/periods';
import { PROMPT_KINDS, type PromptKind } from './catalogue';
import { nearestOccurrence } from './clock';
import { BREAK_MATCH_MS } from './due';
import { dailyMood, weeklyMoodCounts, type DailyMood, type WeeklyMoodCounts } from './mood';
import { isPromptRow, WELLBEING_OUTCOMES, type PromptOutcome, type WellbeingEvent } from './records';
import type { BreakSlot } from './settings';
import { toughCallCount } from './tough';

/**
 * The agent's personal wellbeing figures for a range of days (pure), shown in My time beside the
 * ledger report. Everything here stays in the agent's browser.
 */

const HOUR = 3_600_000;
/** A break starting this close to its scheduled time counts as on time. */
export const ON_TIME_MS = 10 * 60_000;

/** Breaks and lunches against the schedule. */
export interface BreakAdherence {
  /** Scheduled breaks and lunches that fell inside a shift. */
  scheduled: number;
  /** Of those, taken (a break or lunch started within an hour of the time). */
  taken: number;
  /** Of those taken, started within {@link ON_TIME_MS} of the time. */
  onTime: number;
  scheduledMinutes: number;
  /** Minutes of the matched breaks and lunches. */
  takenMinutes: number;
  /** Breaks and lunches that matched no scheduled one. */
  unscheduled: number;
}

/** What My time shows. */
export interface WellbeingStats {
  /** Outcomes per prompt kind (every kind of the catalogue, zero when none). */
  prompts: Record<PromptKind, Record<PromptOutcome, number>>;
  totals: Record<PromptOutcome, number>;
  breaks: BreakAdherence;
  /** The ledger's own figure (utils/time/metrics.ts): logged-in time between breaks, at most. */
  longestWithoutBreakMs: number;
  /** Talk per hour of the agent's day (0–23), summed over the range. */
  voiceByHour: number[];
  /** The most talk in one clock hour of one day. */
  peakHourTalkMs: number;
  /** Days with a shift (to average `voiceByHour`). */
  shiftDays: number;
  toughCalls: number;
  mood: DailyMood[];
  /** How many check-ins had each mood, ISO week by week (counts only). */
  moodWeeks: WeeklyMoodCounts[];
}

function inRange(range: DayRange, at: number, tz: number): boolean {
  const day = dayAt(at, tz);
  return day >= range.from && day <= range.to;
}

/** Splits talk periods by the hours of the agent's clock (each period's own `tz`). */
function voiceLoad(periods: readonly Period[]): { byHour: number[]; peak: number } {
  const byHour = Array.from({ length: 24 }, () => 0);
  const perClockHour = new Map<number, number>();
  for (const p of periods) {
    if (p.state !== 'talk') continue;
    const shift = p.tz * 60_000;
    let t = p.start;
    while (t < p.end) {
      const hourStart = Math.floor((t + shift) / HOUR) * HOUR - shift;
      const end = Math.min(p.end, hourStart + HOUR);
      const h = new Date(hourStart + shift).getUTCHours();
      byHour[h]! += end - t;
      perClockHour.set(hourStart, (perClockHour.get(hourStart) ?? 0) + end - t);
      t = end;
    }
  }
  return { byHour, peak: Math.max(0, ...perClockHour.values()) };
}

/** Breaks taken against the scheduled ones, shift by shift. */
export function breakAdherence(report: Pick<LedgerReport, 'sessions'>, slots: readonly BreakSlot[]): BreakAdherence {
  const out: BreakAdherence = {
    scheduled: 0,
    taken: 0,
    onTime: 0,
    scheduledMinutes: 0,
    takenMinutes: 0,
    unscheduled: 0,
  };
  for (const s of report.sessions) {
    const breaks = s.periods.filter((p) => p.state === 'break' || p.state === 'lunch');
    const used = new Set<Period>();
    const tz = s.periods[0]?.tz ?? 0;
    for (const slot of slots) {
      const occ = nearestOccurrence(slot.start, (s.start + s.end) / 2, tz);
      if (occ < s.start || occ > s.end) continue;
      out.scheduled++;
      out.scheduledMinutes += slot.minutes;
      let best: Period | null = null;
      for (const p of breaks) {
        if (used.has(p) || p.state !== slot.kind || Math.abs(p.start - occ) > BREAK_MATCH_MS) continue;
        if (!best || Math.abs(p.start - occ) < Math.abs(best.start - occ)) best = p;
      }
      if (!best) continue;
      used.add(best);
      out.taken++;
      if (Math.abs(best.start - occ) <= ON_TIME_MS) out.onTime++;
      out.takenMinutes += Math.round((best.end - best.start) / 60_000);
    }
    out.unscheduled += breaks.filter((p) => !used.has(p)).length;
  }
  return out;
}

/**
 * Builds the stats for `report.range` from the report (utils/time/metrics.ts `buildReport` or
 * `loadLedgerReport`), the wellbeing rows around that range (rows outside it are ignored) and the
 * scheduled breaks. Rows without `tz` are placed with `fallbackTz`.
 */
export function wellbeingStats(input: {
  report: LedgerReport;
  history: readonly WellbeingEvent[];
  breaks: readonly BreakSlot[];
  fallbackTz: number;
}): WellbeingStats {
  const { report, fallbackTz } = input;
  const rows = input.history.filter((r) => inRange(report.range, r.at, r.tz ?? fallbackTz));
  const zero = () => Object.fromEntries(WELLBEING_OUTCOMES.map((o) => [o, 0])) as Record<PromptOutcome, number>;
  const prompts = Object.fromEntries(PROMPT_KINDS.map((k) => [k, zero()])) as WellbeingStats['prompts'];
  const totals = zero();
  for (const r of rows) {
    if (!isPromptRow(r)) continue;
    prompts[r.kind][r.outcome]++;
    totals[r.outcome]++;
  }
  const voice = voiceLoad(report.periods);
  return {
    prompts,
    totals,
    breaks: breakAdherence(report, input.breaks),
    longestWithoutBreakMs: report.metrics.longestWithoutBreakMs,
    voiceByHour: voice.byHour,
    peakHourTalkMs: voice.peak,
    shiftDays: report.days.filter((d) => d.metrics.shifts > 0).length,
    toughCalls: toughCallCount(rows),
    mood: dailyMood(rows, fallbackTz),
    moodWeeks: weeklyMoodCounts(rows, fallbackTz),
  };
}
