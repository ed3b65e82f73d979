import { useEffect, useState } from 'react';
import { endsCall, type AgentState } from '@/utils/time/state-catalogue';
import type { StateEvent } from '@/utils/time/states';

/** A state as the agent picks it: the state, and for `other` its code. */
export interface PickedState {
  state: AgentState;
  code?: string;
}

/** `break`, or `other:training`: which control a confirmation belongs to. */
export function pickedKey(p: PickedState): string {
  return p.code !== undefined ? `${p.state}:${p.code}` : p.state;
}

/** How long a confirmation waits for its second Enter or click before it lapses. */
export const CONFIRM_MS = 10_000;

/** What `activate` decided. */
export type Activation = 'pick' | 'ask' | 'wait';

/**
 * The one confirmation a change that ends a call asks for (see `endsCall` in the state
 * catalogue). The first activation of such a control arms it (`armed` is its choice) and changes
 * nothing; a second activation of the same control, while the agent is still in the same state,
 * picks it. Anything else lapses the confirmation: another control, leaving the control (`disarm`
 * on blur), the state changing meanwhile (a page rule ended the call), or `CONFIRM_MS` passing.
 * While the current state is still loading (`undefined`) nothing is picked at all.
 */
export function useStateConfirm(current: StateEvent | null | undefined) {
  const [armed, setArmed] = useState<{ picked: PickedState; eventId: number | null } | null>(null);
  // Armed for the state the agent was in when asked; a change since then voids it.
  const live = armed && current !== undefined && armed.eventId === (current?.id ?? null) ? armed.picked : null;
  const liveKey = live ? pickedKey(live) : null;
  useEffect(() => {
    if (!armed) return;
    const timer = setTimeout(() => setArmed(null), CONFIRM_MS);
    return () => clearTimeout(timer);
  }, [armed]);

  /** Decides what an Enter or click on `picked` does: pick it, ask first, or nothing yet (loading). */
  const activate = (picked: PickedState): Activation => {
    if (current === undefined) return 'wait';
    const key = pickedKey(picked);
    if (endsCall(current?.state, picked.state) && liveKey !== key) {
      setArmed({ picked, eventId: current?.id ?? null });
      return 'ask';
    }
    setArmed(null);
    return 'pick';
  };
  /** Lapses the confirmation of `picked` (its control lost focus), if it is the armed one. */
  const disarm = (picked: PickedState) => {
    if (liveKey === pickedKey(picked)) setArmed(null);
  };
  /** Whether `picked` is the control waiting for its confirmation. */
  const isArmed = (picked: PickedState) => liveKey === pickedKey(picked);
  return { armed: live, isArmed, activate, disarm };
}
