import { z } from 'zod';

/**
 * Times of day on the agent's clock (quiet hours, shift hours, break start times). Pure: the
 * instant and the time-zone offset (minutes east of UTC, as the ledger stores it) are passed in,
 * so nothing depends on the machine's own time zone.
 */

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** `HH:MM`, 24-hour. */
export const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM, e.g. 09:30');
export type TimeOfDay = z.infer<typeof timeOfDaySchema>;

/** A daily window from `start` to `end` on the agent's clock; it crosses midnight when end < start. */
export const timeWindowSchema = z
  .object({ start: timeOfDaySchema, end: timeOfDaySchema })
  .refine((w) => w.start !== w.end, { message: 'start and end must differ', path: ['end'] });
export type TimeWindow = z.infer<typeof timeWindowSchema>;

/** Minutes after midnight of `HH:MM`. */
export function minutesOfDay(t: TimeOfDay): number {
  return Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
}

/** Milliseconds since local midnight of the instant `at` on a clock `tz` minutes east of UTC. */
export function localMsOfDay(at: number, tz: number): number {
  return (((at + tz * MINUTE) % DAY) + DAY) % DAY;
}

/**
 * The occurrence of the time of day `t` nearest to `at` (within half a day either side), as an
 * instant. Break start times use it, so a night shift's 02:00 break is found on the right day.
 */
export function nearestOccurrence(t: TimeOfDay, at: number, tz: number): number {
  const midnight = at - localMsOfDay(at, tz);
  let occ = midnight + minutesOfDay(t) * MINUTE;
  if (occ - at > DAY / 2) occ -= DAY;
  else if (at - occ >= DAY / 2) occ += DAY;
  return occ;
}

/**
 * The stretch of `w` that contains `at`, or null when `at` is outside the window. `start` is
 * inclusive, `end` exclusive.
 */
export function windowAround(w: TimeWindow, at: number, tz: number): { start: number; end: number } | null {
  const s = minutesOfDay(w.start) * MINUTE;
  let len = minutesOfDay(w.end) * MINUTE - s;
  if (len <= 0) len += DAY;
  const into = (((localMsOfDay(at, tz) - s) % DAY) + DAY) % DAY;
  return into < len ? { start: at - into, end: at - into + len } : null;
}

/** The end of the last stretch of `w` that ended at or before `at` (within the last day). */
export function lastWindowEnd(w: TimeWindow, at: number, tz: number): number {
  const e = minutesOfDay(w.end) * MINUTE;
  const since = (((localMsOfDay(at, tz) - e) % DAY) + DAY) % DAY;
  return at - since;
}

/** The next start of `w` strictly after `at` (within the next day). */
export function nextWindowStart(w: TimeWindow, at: number, tz: number): number {
  const s = minutesOfDay(w.start) * MINUTE;
  const until = (((s - localMsOfDay(at, tz)) % DAY) + DAY) % DAY;
  return at + (until === 0 ? DAY : until);
}
