import { z } from 'zod';
import type { LedgerAnomaly } from './periods';
import type { DayRange, Totals } from './metrics';

/**
 * Calendar days of the agent's report: `YYYY-MM-DD` strings, their arithmetic, and the stored
 * totals of closed days (the day cache). Pure.
 */

/**
 * Totals of one closed day, kept so long ranges (a year) need not read every row again. A day is
 * closed when no row appended to the ledger can change it any more (see `firstOpenDay` in
 * ledger-report.ts). Corrections delete the cached days around them.
 */
export interface LedgerDay {
  day: string;
  totals: Totals;
  anomalies: LedgerAnomaly[];
}

const ms = z.number().nonnegative();

/** A stored day-cache row as it must be read back (a damaged row is ignored and the day read again). */
export const ledgerDaySchema = z.object({
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  totals: z.object({
    contacts: z.number().int().nonnegative(),
    talkMs: ms,
    holdMs: ms,
    acwMs: ms,
    availableMs: ms,
    breakMs: ms,
    lunchMs: ms,
    otherMs: ms,
    otherByCode: z.record(z.string(), ms),
    loggedInMs: ms,
    unknownMs: ms,
    shifts: z.number().int().nonnegative(),
    longestWithoutBreakMs: ms,
  }),
  anomalies: z.array(
    z.object({
      kind: z.literal('clock-back'),
      at: z.number(),
      day: z.string(),
      ms: z.number(),
      eventId: z.number().optional(),
    }),
  ),
}) satisfies z.ZodType<LedgerDay>;

/** Local midnight starting the day `YYYY-MM-DD` (in the time zone of this runtime). */
export function dayStartMs(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y!, m! - 1, d!).getTime();
}

/** `YYYY-MM-DD` shifted by `n` days (calendar arithmetic, no time zone involved). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + n)).toISOString().slice(0, 10);
}

/** Every day of a range, in order (at most about ten years). */
export function daysOf(range: DayRange): string[] {
  const out: string[] = [];
  for (let d = range.from; d <= range.to && out.length < 3_700; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Splits sorted days into runs of consecutive days. */
export function runsOf(days: readonly string[]): DayRange[] {
  const out: DayRange[] = [];
  for (const d of days) {
    const last = out[out.length - 1];
    if (last && addDays(last.to, 1) === d) last.to = d;
    else out.push({ from: d, to: d });
  }
  return out;
}
