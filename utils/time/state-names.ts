/**
 * The agent-state names and the sets the console content script needs, without zod (the content
 * script runs on the console page and stays small). utils/time/states.ts re-exports all of this
 * and holds the schemas built from it.
 */

/**
 * The states an agent can be in. `acw` is after-call work (wrap-up); `other` carries a code from
 * the agent's list (training, meeting, coaching, system down, away, …). A contact is one `talk`
 * period together with the hold and ACW that follow it.
 */
export const AGENT_STATES = ['offline', 'available', 'talk', 'hold', 'acw', 'break', 'lunch', 'other'] as const;
export type AgentState = (typeof AGENT_STATES)[number];

/**
 * What the ledger can hold: the agent's states plus `unknown`, written by Seatmate itself when the
 * browser was closed or crashed (the gap after the last heartbeat is never counted as work).
 */
export const LEDGER_STATES = [...AGENT_STATES, 'unknown'] as const;
export type LedgerState = (typeof LEDGER_STATES)[number];

/** States that handle a contact (talk, hold and after-call work). */
export const HANDLING_STATES: ReadonlySet<LedgerState> = new Set(['talk', 'hold', 'acw']);

/** What a code for the `other` state looks like: 1–32 lowercase letters, digits and hyphens. */
export const OTHER_CODE_PATTERN = /^[a-z0-9][a-z0-9-]{0,31}$/;
