import type { IdleLock } from '../settings';
import { LIVE_CALL_STATES, LOGGED_OUT_STATES, type StateEvent } from './states';
import type { StateValue } from './ledger';

/**
 * What a screen locked for the agent's set time does to the ledger: nothing when the setting is
 * off, when the agent is not logged in, or during a call (talk, hold); otherwise away
 * (`other:away`) or the end of the day (`offline`). Plain input idleness never gets here: only a
 * locked screen does.
 */
export function stateAfterLock(current: StateEvent | null, idleLock: IdleLock): StateValue | null {
  if (idleLock.action === 'none' || !current) return null;
  if (LOGGED_OUT_STATES.has(current.state) || LIVE_CALL_STATES.has(current.state)) return null;
  if (idleLock.action === 'offline') return { state: 'offline' };
  if (current.state === 'other' && current.code === 'away') return null;
  return { state: 'other', code: 'away' };
}
