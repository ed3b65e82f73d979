import { z } from 'zod';
import { formatZodIssues } from '../validation';
import { PROMPT_KINDS } from './catalogue';

/**
 * Rows of the `wellbeingEvents` table (indexes `++id, at, kind`): the prompt history the scheduler
 * reads, and the agent's private marks (tough calls, mood). Every row has `at` (ms since epoch, UTC,
 * from the clock passed in) and `kind`; `tz` is the local offset in minutes east of UTC at that
 * moment (as in the ledger) so days and weeks are the agent's own. Rows are only ever appended.
 * Read them with {@link parseWellbeingRows}: a damaged row is dropped, never trusted.
 */

/** What became of a prompt: shown (a delivery), then done, snoozed or skipped by the agent. */
export const WELLBEING_OUTCOMES = ['shown', 'done', 'snoozed', 'skipped'] as const;
export type PromptOutcome = (typeof WELLBEING_OUTCOMES)[number];

/** The kinds of row besides prompts. */
export const MARK_KINDS = ['pause', 'idle', 'tough', 'breathing', 'mood'] as const;

/** Every value the `kind` column can hold (prompt kinds and marks). */
export const ROW_KINDS = [...PROMPT_KINDS, ...MARK_KINDS] as const;
export type RowKind = (typeof ROW_KINDS)[number];

const at = z.number().int().nonnegative();
const base = {
  id: z.number().int().positive().optional(),
  at,
  tz: z
    .number()
    .int()
    .min(-16 * 60)
    .max(16 * 60)
    .optional(),
};

/**
 * A prompt outcome. `ref` ties a break prompt to its break: the scheduled start (`breakSoon`) or
 * the start of the break period the agent is on (`breakEnd`). `talkMs` is, for a shown `voice`
 * prompt, how much the agent talked in the hour before it.
 */
export const promptRowSchema = z.object({
  ...base,
  kind: z.enum(PROMPT_KINDS),
  outcome: z.enum(WELLBEING_OUTCOMES),
  ref: at.optional(),
  talkMs: z.number().int().nonnegative().max(3_600_000).optional(),
});
export type PromptRow = z.infer<typeof promptRowSchema>;

/** The longest "pause reminders" the agent may ask for, in minutes. */
export const MAX_PAUSE_MINUTES = 8 * 60;

/** "Pause reminders" until `until` (ends by itself), or `resumed` early by the agent. */
export const pauseRowSchema = z.discriminatedUnion('outcome', [
  z.object({ ...base, kind: z.literal('pause'), outcome: z.literal('paused'), until: at }),
  z.object({ ...base, kind: z.literal('pause'), outcome: z.literal('resumed') }),
]);
export type PauseRow = z.infer<typeof pauseRowSchema>;

/**
 * Input idleness seen by the background (`started` at the first idle moment, `ended` when the agent
 * is back). Only idleness outside a call counts as rest: agents talk without touching the keyboard.
 */
export const idleRowSchema = z.object({ ...base, kind: z.literal('idle'), outcome: z.enum(['started', 'ended']) });
export type IdleRow = z.infer<typeof idleRowSchema>;

/** The agent marked a call as tough; `ref` is the start of that call (its first talk period). */
export const toughRowSchema = z.object({ ...base, kind: z.literal('tough'), outcome: z.literal('marked'), ref: at });
export type ToughRow = z.infer<typeof toughRowSchema>;

/** The breathing exercise offered after a tough call (`ref`: the call's start), and what the agent did. */
export const breathingRowSchema = z.object({
  ...base,
  kind: z.literal('breathing'),
  outcome: z.enum(['shown', 'done', 'skipped']),
  ref: at,
});
export type BreathingRow = z.infer<typeof breathingRowSchema>;

/** The most a mood note may hold: a few words, private, never exported. */
export const MOOD_WORDS_MAX = 80;

/**
 * A mood check-in at the start or end of a shift: offered (`shown`), `answered` with a mood from
 * 1 (low) to 5 (good) and optionally a few words, or `skipped`.
 */
export const moodRowSchema = z.discriminatedUnion('outcome', [
  z.object({
    ...base,
    kind: z.literal('mood'),
    outcome: z.literal('answered'),
    phase: z.enum(['start', 'end']),
    mood: z.number().int().min(1).max(5),
    words: z.string().trim().max(MOOD_WORDS_MAX).optional(),
  }),
  z.object({
    ...base,
    kind: z.literal('mood'),
    outcome: z.enum(['shown', 'skipped']),
    phase: z.enum(['start', 'end']),
  }),
]);
export type MoodRow = z.infer<typeof moodRowSchema>;

/** One row of the `wellbeingEvents` table. */
export const wellbeingEventSchema = z.union([
  promptRowSchema,
  pauseRowSchema,
  idleRowSchema,
  toughRowSchema,
  breathingRowSchema,
  moodRowSchema,
]);
export type WellbeingEvent = z.infer<typeof wellbeingEventSchema>;

/** A row before it is stamped: without `id`, `at` and `tz` (each kind keeps its own fields). */
export type NewWellbeingRow = WellbeingEvent extends infer R
  ? R extends WellbeingEvent
    ? Omit<R, 'id' | 'at' | 'tz'>
    : never
  : never;

/** Stamps a new row with the time and time-zone offset passed in, and validates it. */
export function stampRow(row: NewWellbeingRow, at: number, tz: number): WellbeingEvent {
  return checkWellbeingRow({ ...row, at, tz } as WellbeingEvent);
}

/**
 * The order rows were written in: by id (rows not stored yet, without an id, last), then by time.
 * The scheduler reads history in this order, so a clock set back cannot reorder what happened.
 */
export function compareRows(a: WellbeingEvent, b: WellbeingEvent): number {
  const byId = (a.id ?? Number.MAX_SAFE_INTEGER) - (b.id ?? Number.MAX_SAFE_INTEGER);
  return byId || a.at - b.at;
}

/**
 * Reads stored rows: keeps the valid ones in the order written (`compareRows`) and counts the dropped ones (a damaged
 * row must not stop prompts, nor be trusted).
 */
export function parseWellbeingRows(raw: readonly unknown[]): { rows: WellbeingEvent[]; dropped: number } {
  const rows: WellbeingEvent[] = [];
  for (const r of raw) {
    const checked = wellbeingEventSchema.safeParse(r);
    if (checked.success) rows.push(checked.data);
  }
  return { rows: rows.sort(compareRows), dropped: raw.length - rows.length };
}

/**
 * Validates a row before it is written; throws an error naming the field when it is wrong.
 * Writers call this, then add the row in one Dexie transaction.
 */
export function checkWellbeingRow(row: WellbeingEvent): WellbeingEvent {
  const checked = wellbeingEventSchema.safeParse(row);
  if (!checked.success)
    throw new Error(`Invalid wellbeing row (${String(row.kind)}): ${formatZodIssues(checked.error)}`);
  return checked.data;
}

const PROMPT_KIND_SET: ReadonlySet<string> = new Set(PROMPT_KINDS);

/** Whether a row is a prompt outcome. */
export function isPromptRow(r: WellbeingEvent): r is PromptRow {
  return PROMPT_KIND_SET.has(r.kind);
}

/**
 * A prompt the toast frame showed when the agent answered it (`wellbeing/respond`): its kind (and
 * break, for break prompts). The same prompt shown again meanwhile is still the one they saw.
 * Here, not beside the toast's logic, so the message schemas do not pull that logic into every page.
 */
export const seenPromptSchema = z.object({ kind: z.enum(PROMPT_KINDS), ref: at.optional() });
export type SeenPrompt = z.infer<typeof seenPromptSchema>;
