import type { ScriptStep } from './article';

/**
 * Read mode (teleprompter) for spoken scripts: one step at a time, a current line, lines marked
 * as said. Moving on to the next step needs every must-say line of the step said, unless the
 * agent skips explicitly, and a skip is remembered so it can be shown. Pure: the UI keeps the
 * state and feeds it the agent's keys.
 */

/** What the agent last tried that needs saying on screen. */
export type ReadNotice =
  /** The step still has this must-say line unsaid, so the palette did not move on. */
  | { kind: 'due'; step: number; line: number }
  /** The agent skipped this step with these must-say lines unsaid. */
  | { kind: 'skipped'; step: number; lines: number[] }
  /** The last step is done. */
  | { kind: 'end' }
  | null;

export interface ReadState {
  /** Index of the step shown. */
  step: number;
  /** Index of the current line within the step. */
  line: number;
  /** `said[step][line]`. */
  said: boolean[][];
  /** Steps left with must-say lines unsaid, with those lines (step → line indices). */
  skipped: Record<number, number[]>;
  notice: ReadNotice;
}

/** The start: first step, first line, nothing said. */
export function startReading(steps: readonly ScriptStep[]): ReadState {
  return { step: 0, line: 0, said: steps.map((s) => s.lines.map(() => false)), skipped: {}, notice: null };
}

/** Must-say lines of `step` not yet said, in order. */
export function dueLines(state: ReadState, steps: readonly ScriptStep[], step = state.step): number[] {
  const lines = steps[step]?.lines ?? [];
  return lines.flatMap((l, i) => (l.mustSay && !state.said[step]?.[i] ? [i] : []));
}

function goToStep(state: ReadState, step: number, notice: ReadNotice): ReadState {
  return { ...state, step, line: 0, notice };
}

/**
 * → / PageDown: the next step, only when every must-say line of this one is said. Otherwise
 * the state stays on the step, with the first due line as current and a `due` notice. On the
 * last step it notes the end.
 */
export function nextStep(state: ReadState, steps: readonly ScriptStep[]): ReadState {
  const due = dueLines(state, steps);
  if (due.length > 0) return { ...state, line: due[0]!, notice: { kind: 'due', step: state.step, line: due[0]! } };
  if (state.step >= steps.length - 1) return { ...state, notice: { kind: 'end' } };
  return goToStep(state, state.step + 1, null);
}

/**
 * Shift+→: the next step even with must-say lines unsaid; the skip is recorded (and shown).
 * With nothing due it is the same as {@link nextStep}.
 */
export function skipStep(state: ReadState, steps: readonly ScriptStep[]): ReadState {
  const due = dueLines(state, steps);
  if (due.length === 0) return nextStep(state, steps);
  const skipped = { ...state.skipped, [state.step]: due };
  const notice: ReadNotice = { kind: 'skipped', step: state.step, lines: due };
  if (state.step >= steps.length - 1) return { ...state, skipped, notice };
  return goToStep({ ...state, skipped }, state.step + 1, notice);
}

/** ← / PageUp: the previous step (its lines keep their marks). */
export function previousStep(state: ReadState): ReadState {
  if (state.step === 0) return { ...state, line: 0, notice: null };
  return goToStep(state, state.step - 1, null);
}

/**
 * Space / ↓: marks the current line as said and moves to the next line; on the last line of a
 * step it then tries the next step (see {@link nextStep}).
 */
export function markSaid(state: ReadState, steps: readonly ScriptStep[]): ReadState {
  const lines = steps[state.step]?.lines ?? [];
  if (lines.length === 0) return state;
  const said = state.said.map((row, i) => (i === state.step ? row.map((v, j) => v || j === state.line) : row));
  // Saying a skipped step's lines afterwards clears what is still owed.
  const owed = (state.skipped[state.step] ?? []).filter((i) => !said[state.step]![i]);
  const skipped = { ...state.skipped };
  if (owed.length > 0) skipped[state.step] = owed;
  else delete skipped[state.step];
  const next: ReadState = { ...state, said, skipped, notice: null };
  if (state.line < lines.length - 1) return { ...next, line: state.line + 1 };
  return nextStep(next, steps);
}

/** ↑: back to the previous line of the step (marks stay). */
export function previousLine(state: ReadState): ReadState {
  return { ...state, line: Math.max(0, state.line - 1), notice: null };
}
