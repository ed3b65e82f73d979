import type { SeatmateDb } from '../db';
import { stateEventSchema, type AgentState, type StateEvent } from './states';

/**
 * Appends a state change to the ledger. Durations are never counted: they are derived later from
 * these timestamps, so a sleeping service worker or a throttled page cannot lose time.
 * Returns the stored event, or null when the agent is already in that state (nothing is written).
 */
export async function recordState(
  db: SeatmateDb,
  state: AgentState,
  source: StateEvent['source'],
  now: number,
): Promise<StateEvent | null> {
  const event = stateEventSchema.parse({ at: now, state, source });
  return db.transaction('rw', db.stateEvents, async () => {
    const last = await db.stateEvents.orderBy('at').last();
    if (last?.state === state) return null;
    const id = await db.stateEvents.add(event);
    return { ...event, id };
  });
}

/** The latest state change, or null before the first one. */
export async function currentStateEvent(db: SeatmateDb): Promise<StateEvent | null> {
  return (await db.stateEvents.orderBy('at').last()) ?? null;
}

/** Milliseconds spent in the current state so far (0 when there is no event or the clock went back). */
export function elapsedInState(event: StateEvent | null, now: number): number {
  return event ? Math.max(0, now - event.at) : 0;
}
