import { z } from 'zod';
import {
  AGENT_STATES,
  LEDGER_STATES,
  OTHER_CODE_MESSAGE,
  OTHER_CODE_PATTERN,
  type LedgerState,
} from './state-catalogue';

// The states live in a zod-free catalogue the console content script imports directly; the schemas
// built from it are here.
export {
  AGENT_STATES,
  HANDLING_STATES,
  LIVE_CALL_STATES,
  LOGGED_OUT_STATES,
  type AgentState,
  type LedgerState,
} from './state-catalogue';

/**
 * Where a state change came from: the agent (`manual` in the popup or overlay, `hotkey` by a
 * keyboard command), a page rule on the console (`page`), the screen lock (`idle`), Seatmate's own
 * bookkeeping (`system`: the gap after a crash; `recovery`: the state restored after a short gap),
 * or the agent's later correction (`edit`).
 */
export const STATE_SOURCES = ['manual', 'hotkey', 'page', 'idle', 'system', 'recovery', 'edit'] as const;
export type StateSource = (typeof STATE_SOURCES)[number];

/** A code for the `other` state: lowercase letters, digits and hyphens. */
export const otherCodeSchema = z.string().regex(OTHER_CODE_PATTERN, OTHER_CODE_MESSAGE);

/** The `other` codes every agent has; their labels are translated (`states.codes.<id>`). */
export const BUILTIN_OTHER_CODES = ['training', 'meeting', 'coaching', 'system-down', 'away'] as const;

/** A state as the agent picks it: the state, and for `other` its code. */
export const stateChoiceSchema = z
  .object({ state: z.enum(AGENT_STATES), code: otherCodeSchema.optional() })
  .superRefine((c, ctx) => {
    if (c.state === 'other' && !c.code) ctx.addIssue({ code: 'custom', path: ['code'], message: 'other needs a code' });
    if (c.state !== 'other' && c.code)
      ctx.addIssue({ code: 'custom', path: ['code'], message: 'only other has a code' });
  });
export type StateChoice = z.infer<typeof stateChoiceSchema>;

/**
 * One row of the state ledger: the agent entered `state` at `at` (ms since epoch, UTC).
 * `tz` is the local time zone's offset from UTC in minutes east (UTC+8 → 480) at that moment, so a
 * day is always the day the agent saw on their clock, across DST and time-zone changes.
 * `clockBack` is set when the system clock was found behind the previous change by that many ms;
 * `at` is then kept just after the previous change so the ledger stays in order.
 */
export const stateEventSchema = z
  .object({
    id: z.number().int().positive().optional(),
    at: z.number().int().nonnegative(),
    state: z.enum(LEDGER_STATES),
    code: otherCodeSchema.optional(),
    source: z.enum(STATE_SOURCES),
    tz: z
      .number()
      .int()
      .min(-16 * 60)
      .max(16 * 60),
    clockBack: z.number().int().positive().optional(),
  })
  .superRefine((e, ctx) => {
    if (e.state === 'other' && !e.code) ctx.addIssue({ code: 'custom', path: ['code'], message: 'other needs a code' });
    if (e.state !== 'other' && e.code)
      ctx.addIssue({ code: 'custom', path: ['code'], message: 'only other has a code' });
  });
export type StateEvent = z.infer<typeof stateEventSchema>;

/** An agent's correction to the ledger, kept forever beside it. */
export const stateEditSchema = z.object({
  id: z.number().int().positive().optional(),
  /** When the agent made the correction. */
  editedAt: z.number().int().nonnegative(),
  action: z.enum(['change', 'insert', 'delete', 'restore']),
  eventId: z.number().int().positive(),
  before: z.object({ at: z.number(), state: z.enum(LEDGER_STATES), code: z.string().optional() }).nullable(),
  after: z.object({ at: z.number(), state: z.enum(LEDGER_STATES), code: z.string().optional() }).nullable(),
});
export type StateEdit = z.infer<typeof stateEditSchema>;

/** The local time zone's offset in minutes east of UTC at `at` (UTC+8 → 480). */
export function tzOffsetAt(at: number): number {
  // getTimezoneOffset is minutes *west*; `|| 0` turns -0 into 0.
  return -new Date(at).getTimezoneOffset() || 0;
}

/** `other:training`-style key of a state (for labels, colours and grouping). */
export function stateKey(e: { state: LedgerState; code?: string }): string {
  return e.state === 'other' && e.code ? `other:${e.code}` : e.state;
}
