import { describe, expect, it } from 'vitest';
import { stateAfterLock } from '@/utils/time/idle';
import type { StateEvent } from '@/utils/time/states';

const at = (state: StateEvent['state'], code?: string): StateEvent =>
  code ? { at: 1, state, code, source: 'manual', tz: 0 } : { at: 1, state, source: 'manual', tz: 0 };

describe('a locked screen', () => {
  it('marks the agent away, or ends the day, as set', () => {
    expect(stateAfterLock(at('available'), { action: 'away', minutes: 10 })).toEqual({ state: 'other', code: 'away' });
    expect(stateAfterLock(at('acw'), { action: 'offline', minutes: 10 })).toEqual({ state: 'offline' });
    expect(stateAfterLock(at('break'), { action: 'away', minutes: 10 })).toEqual({ state: 'other', code: 'away' });
  });
  it('never cuts into a call, and does nothing when off, logged out or already away', () => {
    expect(stateAfterLock(at('talk'), { action: 'away', minutes: 10 })).toBeNull();
    expect(stateAfterLock(at('hold'), { action: 'offline', minutes: 10 })).toBeNull();
    expect(stateAfterLock(at('available'), { action: 'none', minutes: 10 })).toBeNull();
    expect(stateAfterLock(at('offline'), { action: 'away', minutes: 10 })).toBeNull();
    expect(stateAfterLock(at('unknown'), { action: 'away', minutes: 10 })).toBeNull();
    expect(stateAfterLock(at('other', 'away'), { action: 'away', minutes: 10 })).toBeNull();
    expect(stateAfterLock(null, { action: 'away', minutes: 10 })).toBeNull();
  });
});
