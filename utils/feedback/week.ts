import { z } from 'zod';

/**
 * ISO 8601 weeks, the finest time any feedback export carries. Computed from a clock and a time
 * zone offset passed in (never the machine's zone), and ordered and stepped without `Date`'s
 * local getters.
 */

/** An ISO week, e.g. `2026-W09`. */
export const isoWeekSchema = z
  .string()
  .regex(/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/, 'use an ISO week like 2026-W09')
  .refine((w) => weekNumberValid(w), 'that year has no week 53');
export type IsoWeek = z.infer<typeof isoWeekSchema>;

const DAY = 86_400_000;

/** Day number (days since 1970-01-01) of the Monday that starts ISO week 1 of `year`. */
function week1Monday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4) / DAY;
  const weekday = (new Date(jan4 * DAY).getUTCDay() + 6) % 7; // Monday = 0
  return jan4 - weekday;
}

function weekNumberValid(week: string): boolean {
  const year = Number(week.slice(0, 4));
  const n = Number(week.slice(6));
  return n <= 52 || week1Monday(year + 1) - week1Monday(year) === 53 * 7;
}

/** The ISO week holding day number `day` (days since 1970-01-01, UTC calendar). */
function weekOfDayNumber(day: number): IsoWeek {
  const d = new Date(day * DAY);
  let year = d.getUTCFullYear();
  if (day >= week1Monday(year + 1)) year += 1;
  else if (day < week1Monday(year)) year -= 1;
  const n = Math.floor((day - week1Monday(year)) / 7) + 1;
  return `${year}-W${String(n).padStart(2, '0')}`;
}

/**
 * The ISO week of the instant `now` (ms since epoch) on the calendar of a zone `tzOffsetMinutes`
 * east of UTC (e.g. 480 for China, the sign of `-Date#getTimezoneOffset()`).
 */
export function isoWeekAt(now: number, tzOffsetMinutes: number): IsoWeek {
  return weekOfDayNumber(Math.floor((now + tzOffsetMinutes * 60_000) / DAY));
}

/** The ISO week of a calendar day `YYYY-MM-DD`. */
export function isoWeekOfDay(day: string): IsoWeek {
  const [y, m, d] = day.split('-').map(Number);
  return weekOfDayNumber(Date.UTC(y!, m! - 1, d!) / DAY);
}

/** The calendar day `YYYY-MM-DD` of the instant `now` in a zone `tzOffsetMinutes` east of UTC. */
export function dayAt(now: number, tzOffsetMinutes: number): string {
  return new Date(Math.floor((now + tzOffsetMinutes * 60_000) / DAY) * DAY).toISOString().slice(0, 10);
}

/** Day number of the Monday of `week`. */
export function mondayOf(week: IsoWeek): number {
  return week1Monday(Number(week.slice(0, 4))) + (Number(week.slice(6)) - 1) * 7;
}

/** The week `n` weeks after `week` (n may be negative). */
export function addWeeks(week: IsoWeek, n: number): IsoWeek {
  return weekOfDayNumber(mondayOf(week) + 7 * n);
}

/** Whole weeks from `a` to `b` (positive when `b` is later). */
export function weeksBetween(a: IsoWeek, b: IsoWeek): number {
  return Math.round((mondayOf(b) - mondayOf(a)) / 7);
}

/** Every week from `from` to `to`, both included (empty when `to` is before `from`). */
export function weekRange(from: IsoWeek, to: IsoWeek): IsoWeek[] {
  const n = weeksBetween(from, to);
  return Array.from({ length: Math.max(0, n + 1) }, (_, i) => addWeeks(from, i));
}
