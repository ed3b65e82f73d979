import { z } from 'zod';

/**
 * The agent's states, in the order a call usually walks through them. `offline` closes a shift.
 * `acw` is after-call work (wrap-up).
 */
export const AGENT_STATES = ['ready', 'ringing', 'talk', 'hold', 'acw', 'break', 'offline'] as const;
export type AgentState = (typeof AGENT_STATES)[number];

/** States during which nothing may interrupt the agent (prompts wait). */
export const LIVE_CALL_STATES: ReadonlySet<AgentState> = new Set(['ringing', 'talk', 'hold']);

/** Where a state change came from. */
export const STATE_SOURCES = ['manual', 'hotkey', 'page', 'idle', 'system'] as const;

/** One row of the state ledger: the agent entered `state` at `at` (ms since epoch). */
export const stateEventSchema = z.object({
  id: z.number().int().positive().optional(),
  at: z.number().int().nonnegative(),
  state: z.enum(AGENT_STATES),
  source: z.enum(STATE_SOURCES),
});
export type StateEvent = z.infer<typeof stateEventSchema>;
