import type { DayRange } from '@/utils/time/metrics';

/** The ranges the agent can pick with one click; `custom` uses the two date fields. */
export const RANGE_PRESETS = ['today', 'week', 'last7', 'month', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

/** What the range picker holds. */
export interface RangeChoice {
  preset: RangePreset;
  from: string;
  to: string;
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `s` is a real calendar day `YYYY-MM-DD`. */
export function isDay(s: string): boolean {
  if (!DAY_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The day `n` days after `day` (calendar arithmetic, no time zone involved). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Days from `range.from` to `range.to`, both included. */
export function dayCount(range: DayRange): number {
  return Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / 86_400_000) + 1;
}

/**
 * The range of a preset around `today` (`YYYY-MM-DD`): the day itself, the week Monday to Sunday,
 * the last seven days up to today, or the calendar month.
 */
export function presetRange(preset: Exclude<RangePreset, 'custom'>, today: string): DayRange {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'week': {
      const dow = new Date(`${today}T00:00:00Z`).getUTCDay() || 7; // Monday 1 … Sunday 7
      const from = addDays(today, 1 - dow);
      return { from, to: addDays(from, 6) };
    }
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'month': {
      const from = `${today.slice(0, 7)}-01`;
      const d = new Date(`${from}T00:00:00Z`);
      d.setUTCMonth(d.getUTCMonth() + 1, 0);
      return { from, to: d.toISOString().slice(0, 10) };
    }
  }
}

/** The range a choice stands for today; a custom range must be two real days, `from` ≤ `to`. */
export function resolveRange(choice: RangeChoice, today: string): DayRange | { error: 'invalid' | 'order' } {
  if (choice.preset !== 'custom') return presetRange(choice.preset, today);
  if (!isDay(choice.from) || !isDay(choice.to)) return { error: 'invalid' };
  if (choice.from > choice.to) return { error: 'order' };
  return { from: choice.from, to: choice.to };
}
