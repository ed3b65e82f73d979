import type { SeatmateDb } from '../db';
import { formatZodIssues } from '../validation';
import { parseEvent, type StateValue } from './ledger';
import { addDays } from './ledger-days';
import { dayAt } from './periods';
import {
  stateEditSchema,
  stateEventSchema,
  tzOffsetAt,
  type LedgerState,
  type StateEdit,
  type StateEvent,
} from './states';

/**
 * The agent's corrections to the ledger: change, insert, delete and restore one row. They are the
 * only changes to past rows; each is checked (rows never reorder), recorded in `stateEdits`, and
 * drops the cached day totals around it, all in one transaction.
 */

/**
 * Drops the cached day totals a correction at `ats` may change: from the day of the shift it
 * falls in (back to the logged-out row before it: a session counts for the day it began) to two
 * days after (a night shift, a time-zone move). Runs inside the correction's transaction.
 */
async function forgetDays(db: SeatmateDb, ...ats: number[]): Promise<void> {
  const first = Math.min(...ats);
  const last = Math.max(...ats);
  const before = await db.stateEvents
    .where('at')
    .below(first)
    .reverse()
    .filter((e) => e.state === 'offline')
    .first();
  const from = addDays(dayAt(before?.at ?? first, tzOffsetAt(before?.at ?? first)), -2);
  const to = addDays(dayAt(last, tzOffsetAt(last)), 2);
  await db.ledgerDays.where('day').between(from, to, true, true).delete();
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
