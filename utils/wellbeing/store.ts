import type { SeatmateDb } from '../db';
import { compareEvents, derivePeriods } from '../time/periods';
import { stateEventSchema, type StateEvent } from '../time/states';
import { formatZodIssues } from '../validation';
import {
  parseWellbeingRows,
  stampRow,
  wellbeingEventSchema,
  type NewWellbeingRow,
  type WellbeingEvent,
} from './records';
import { SCHEDULER_LOOKBACK_MS, type SchedulerInput } from './scheduler';
import type { WellbeingSettings } from './settings';

/**
 * The wellbeing rows in the database (`wellbeingEvents`, indexes `++id, at, kind`): reading what
 * the scheduler and the stats need, and appending rows. Reads validate every row (a damaged row is
 * skipped, never trusted); writes validate all rows first, then add them in one transaction.
 */

/**
 * Reads what the scheduler needs at `now`: the ledger rows since `now − SCHEDULER_LOOKBACK_MS`
 * (with the row in force then, and rows stamped after `now` when the clock was set back) and the
 * wellbeing rows of the same span, in the order written.
 */
export async function loadSchedulerInput(
  db: SeatmateDb,
  settings: WellbeingSettings,
  now: number,
  tz: number,
): Promise<SchedulerInput> {
  const from = now - SCHEDULER_LOOKBACK_MS;
  const [before, inside, rows] = await Promise.all([
    db.stateEvents.where('at').below(from).last(),
    db.stateEvents.where('at').aboveOrEqual(from).toArray(),
    db.wellbeingEvents.where('at').aboveOrEqual(from).toArray(),
  ]);
  const events = (before ? [before, ...inside] : inside)
    .flatMap((e) => {
      const r = stateEventSchema.safeParse(e);
      return r.success ? [r.data as StateEvent] : [];
    })
    .sort(compareEvents);
  return { settings, periods: derivePeriods(events, now), history: parseWellbeingRows(rows).rows, now, tz };
}

/** Wellbeing rows with `at` in [from, to) (for the stats of a range), valid ones only. */
export async function loadWellbeingRows(db: SeatmateDb, from: number, to: number): Promise<WellbeingEvent[]> {
  return parseWellbeingRows(await db.wellbeingEvents.where('at').between(from, to, true, false).toArray()).rows;
}

/**
 * Appends rows (a delivery's `shown` rows, the agent's answer, a pause, a tough mark…). Every row
 * is checked first; when one is invalid nothing is written and the error names it.
 */
export async function appendWellbeingRows(db: SeatmateDb, rows: readonly WellbeingEvent[]): Promise<number[]> {
  const checked = rows.map((row, i) => {
    const r = wellbeingEventSchema.safeParse(row);
    if (!r.success) throw new Error(`Invalid wellbeing row ${i} (${String(row.kind)}): ${formatZodIssues(r.error)}`);
    const { id: _id, ...rest } = r.data;
    return rest as WellbeingEvent;
  });
  return db.transaction('rw', db.wellbeingEvents, async () => {
    const ids = await db.wellbeingEvents.bulkAdd(checked, { allKeys: true });
    return ids as number[];
  });
}

/** Stamps and appends one row made at `now` (the agent's click, the background's note). */
export async function recordWellbeing(
  db: SeatmateDb,
  row: NewWellbeingRow,
  now: number,
  tz: number,
): Promise<WellbeingEvent> {
  const stamped = stampRow(row, now, tz);
  const [id] = await appendWellbeingRows(db, [stamped]);
  return { ...stamped, id: id! };
}
