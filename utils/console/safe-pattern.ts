/**
 * Page-rule text patterns, matched in linear time. A page rule's `textPattern` comes from the
 * agent or from a team pack, and it runs on the console page's own thread: a backtracking engine
 * (the browser's RegExp) can be made to run for minutes by a few characters (`^(.|.)+\uFFFF`,
 * `(a+)+$`). So patterns are parsed (`pattern-parse.ts`) and run here by a Thompson-NFA
 * simulation, which looks at each character of the text once per state of the pattern — no
 * backtracking, whatever the pattern — and which counts its steps and watches a deadline, so it
 * stops when its budget is spent.
 *
 * Supported (JavaScript syntax, `u` flag, case-sensitive): literals and escapes (`\n`, `\x41`,
 * `\u{1F600}`, `\.`…), `.`, classes `[…]` / `[^…]` with ranges, `\d \w \s \D \W \S`,
 * `\p{…}` / `\P{…}`, `^`, `$`, `\b`, `\B`, groups `(…)`, `(?:…)`, `(?<name>…)`, alternation `|`
 * and quantifiers `* + ? {n} {n,} {n,m}` (greedy or lazy: a rule only asks *whether* the text
 * matches, so both mean the same). Refused, with a reason: backreferences (`\1`, `\k<name>`),
 * lookarounds (`(?=`, `(?!`, `(?<=`, `(?<!`), inline modifiers (`(?i:…)`), and patterns whose
 * counted repetitions expand beyond {@link MAX_PROGRAM} steps of program.
 *
 * No zod and no browser globals: the console content script bundles this file.
 */

import {
  MAX_PROGRAM,
  Parser,
  Refused,
  isWordChar,
  type AssertKind,
  type CharTest,
  type Node,
  type PatternRefusal,
} from './pattern-parse';

export { MAX_PROGRAM, type PatternRefusal } from './pattern-parse';

const CHAR = 0;
const SPLIT = 1;
const JMP = 2;
const ASSERT = 3;
const MATCH = 4;

type Inst =
  | { op: typeof CHAR; test: CharTest }
  | { op: typeof SPLIT; x: number; y: number }
  | { op: typeof JMP; x: number }
  | { op: typeof ASSERT; kind: AssertKind }
  | { op: typeof MATCH };

/** A compiled text pattern: run it with {@link matchPattern}. */
export interface SafePattern {
  readonly source: string;
  /** @internal The NFA program (instruction `i` continues at `i + 1` unless it jumps). */
  readonly program: readonly Inst[];
}

/** What {@link compilePattern} gives: the pattern, or why it is refused (an English detail). */
export type CompiledPattern =
  { ok: true; pattern: SafePattern } | { ok: false; refusal: PatternRefusal; message: string };

// ---------------------------------------------------------------------------------------------
// Compiler (Thompson construction)

function emit(node: Node, prog: Inst[]): void {
  if (prog.length > MAX_PROGRAM) throw new Refused('too-complex', 'the pattern expands to too many steps');
  switch (node.t) {
    case 'char':
      prog.push({ op: CHAR, test: node.test });
      return;
    case 'assert':
      prog.push({ op: ASSERT, kind: node.kind });
      return;
    case 'seq':
      for (const item of node.items) emit(item, prog);
      return;
    case 'alt': {
      const jumps: Extract<Inst, { op: typeof JMP }>[] = [];
      node.options.forEach((option, k) => {
        const last = k === node.options.length - 1;
        const split = last ? null : ({ op: SPLIT, x: prog.length + 1, y: -1 } as Extract<Inst, { op: typeof SPLIT }>);
        if (split) prog.push(split);
        emit(option, prog);
        if (!last) {
          const jump = { op: JMP, x: -1 } as Extract<Inst, { op: typeof JMP }>;
          prog.push(jump);
          jumps.push(jump);
          split!.y = prog.length;
        }
      });
      for (const j of jumps) j.x = prog.length;
      return;
    }
    case 'rep': {
      for (let k = 0; k < node.min; k++) emit(node.node, prog);
      if (node.max === Infinity) {
        const loop = { op: SPLIT, x: prog.length + 1, y: -1 } as Extract<Inst, { op: typeof SPLIT }>;
        const at = prog.length;
        prog.push(loop);
        emit(node.node, prog);
        prog.push({ op: JMP, x: at });
        loop.y = prog.length;
        return;
      }
      const splits: Extract<Inst, { op: typeof SPLIT }>[] = [];
      for (let k = node.min; k < node.max; k++) {
        const split = { op: SPLIT, x: prog.length + 1, y: -1 } as Extract<Inst, { op: typeof SPLIT }>;
        prog.push(split);
        splits.push(split);
        emit(node.node, prog);
      }
      for (const s of splits) s.y = prog.length;
      return;
    }
  }
}

/**
 * Compiles a text pattern for page rules: it must compile as a JavaScript regular expression with
 * the `u` flag (the syntax authors know), and use only what the linear-time matcher supports (see
 * the top of this file). Never throws.
 */
export function compilePattern(source: string): CompiledPattern {
  try {
    new RegExp(source, 'u');
  } catch (err) {
    return { ok: false, refusal: 'syntax', message: err instanceof Error ? err.message : String(err) };
  }
  try {
    const prog: Inst[] = [];
    emit(new Parser(source).parse(), prog);
    prog.push({ op: MATCH });
    if (prog.length > MAX_PROGRAM) throw new Refused('too-complex', 'the pattern expands to too many steps');
    return { ok: true, pattern: { source, program: prog } };
  } catch (err) {
    if (err instanceof Refused) return { ok: false, refusal: err.refusal, message: err.message };
    return { ok: false, refusal: 'syntax', message: err instanceof Error ? err.message : String(err) };
  }
}

/** Why `source` cannot be a page rule's text pattern, or null when it can. */
export function patternRefusal(source: string): { refusal: PatternRefusal; message: string } | null {
  const compiled = compilePattern(source);
  return compiled.ok ? null : { refusal: compiled.refusal, message: compiled.message };
}

// ---------------------------------------------------------------------------------------------
// Matcher

/** The work one evaluation may still do. `steps` is decremented as the matcher works. */
export interface MatchBudget {
  steps: number;
  /** When, on `clock`, to give up (Infinity: never). */
  deadline: number;
  clock: () => number;
}

/** How many steps pass between two looks at the clock. */
const CLOCK_EVERY = 1_024;

/**
 * Whether `pattern` matches somewhere in `text` (like `RegExp.prototype.test`), or null when the
 * budget ran out first (the answer is then unknown). Time is linear in the length of the text
 * times the size of the pattern, and bounded by the budget in any case.
 */
export function matchPattern(pattern: SafePattern, text: string, budget: MatchBudget): boolean | null {
  const prog = pattern.program;
  const n = prog.length;
  const cps = Array.from(text, (c) => c.codePointAt(0)!);
  const mark = new Int32Array(n).fill(-1);
  let current: number[] = [];
  let next: number[] = [];
  const stack: number[] = [];
  let sinceClock = 0;

  const spend = (): boolean => {
    budget.steps--;
    if (budget.steps < 0) return false;
    if (++sinceClock >= CLOCK_EVERY) {
      sinceClock = 0;
      if (budget.clock() > budget.deadline) return false;
    }
    return true;
  };

  /** Adds `pc` and everything reachable from it without reading a character. true: MATCH reached; null: out of budget. */
  const add = (list: number[], pc0: number, pos: number): boolean | null => {
    stack.push(pc0);
    while (stack.length > 0) {
      const pc = stack.pop()!;
      if (mark[pc] === pos) continue;
      mark[pc] = pos;
      if (!spend()) {
        stack.length = 0;
        return null;
      }
      const inst = prog[pc]!;
      switch (inst.op) {
        case MATCH:
          stack.length = 0;
          return true;
        case CHAR:
          list.push(pc);
          break;
        case JMP:
          stack.push(inst.x);
          break;
        case SPLIT:
          stack.push(inst.y, inst.x);
          break;
        case ASSERT:
          if (assertHolds(inst.kind, cps, pos)) stack.push(pc + 1);
          break;
      }
    }
    return false;
  };

  for (let pos = 0; pos <= cps.length; pos++) {
    // Start a new attempt at every position (an unanchored search), after the running ones.
    const started = add(current, 0, pos);
    if (started !== false) return started;
    if (pos === cps.length) break;
    const cp = cps[pos]!;
    next.length = 0;
    for (const pc of current) {
      if (!spend()) return null;
      const inst = prog[pc] as Extract<Inst, { op: typeof CHAR }>;
      if (!inst.test(cp)) continue;
      const found = add(next, pc + 1, pos + 1);
      if (found !== false) return found;
    }
    [current, next] = [next, current];
  }
  return false;
}

function assertHolds(kind: AssertKind, cps: readonly number[], pos: number): boolean {
  switch (kind) {
    case 'bol':
      return pos === 0;
    case 'eol':
      return pos === cps.length;
    case 'word':
    case 'not-word': {
      const before = pos > 0 && isWordChar(cps[pos - 1]!);
      const after = pos < cps.length && isWordChar(cps[pos]!);
      return (before !== after) === (kind === 'word');
    }
  }
}
