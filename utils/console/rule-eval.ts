import type { PageRule, SiteRules } from './page-rule';
import { compilePattern, matchPattern, type MatchBudget, type SafePattern } from './safe-pattern';
import { isConsoleUrl } from './sites';
import { HANDLING_STATES } from '../time/state-catalogue';
import type { StateChoice } from '../time/states';

/**
 * Page rules at work: which rule matches what the console page shows, and when that becomes a
 * state change. Pure — the DOM is reached only through the small interfaces below, so the whole
 * policy runs in Node with fake elements.
 *
 * Transition policy (edge-triggered, last writer wins):
 * - No rule matches → no opinion: nothing is recorded and nothing is remembered.
 * - The page speaks only when what it shows changes: a detection is sent when it differs from the
 *   previous (matching) detection on this page. A manual change by the agent therefore sticks
 *   until the page shows something different.
 * - The first detection after the page (or the content script) loads is sent only when it is a
 *   call state (talk, hold, ACW): reloading the console never overrides the agent's manual break,
 *   but a reload in the middle of a call still captures the call.
 *
 * Bounded work (rules come from the agent and from team packs, and run on the console's thread):
 * a rule reads at most {@link RULE_TEXT_MAX} characters of an element's text, its pattern runs in
 * the linear-time matcher of ./safe-pattern.ts (never the browser's backtracking RegExp), and each
 * rule has a budget per evaluation ({@link RULE_STEP_BUDGET} steps, {@link RULE_TIME_BUDGET_MS} ms).
 * A rule that runs out stops the evaluation (no opinion) and is reported as an overrun; see
 * ./rule-health.ts for when that switches the rule off.
 */

/** Most characters of an element's text a rule reads (after whitespace is collapsed). */
export const RULE_TEXT_MAX = 1_000;
/** Most characters of an element's raw `textContent` looked at to find those. */
export const RULE_RAW_TEXT_MAX = 10_000;
/** Work one rule may do in one evaluation: matcher steps plus characters read. */
export const RULE_STEP_BUDGET = 500_000;
/** Time one rule may take in one evaluation (selector, text and pattern), in ms. */
export const RULE_TIME_BUDGET_MS = 50;

/** The budget of each rule in one evaluation, and the clock that measures it. */
export interface RuleLimits {
  /** A monotonic clock in ms (`performance.now` on the page). */
  clock: () => number;
  /** Steps per rule; default {@link RULE_STEP_BUDGET}. */
  steps?: number;
  /** Ms per rule; default {@link RULE_TIME_BUDGET_MS}. */
  timeMs?: number;
}

/** Without a clock, only steps are counted (the result does not depend on the machine). */
const STEPS_ONLY: RuleLimits = { clock: () => 0 };

/** A rule that ran out of its budget in an evaluation. */
export interface RuleOverrun {
  /** Index of the rule in the compiled list. */
  index: number;
  /** `steps`: more work than {@link RULE_STEP_BUDGET}; `time`: longer than {@link RULE_TIME_BUDGET_MS}. */
  reason: 'steps' | 'time';
  /** How long the rule ran before it was stopped (ms, on the clock given). */
  ms: number;
}

/** What the evaluation needs of an element: its text. */
export interface RuleElement {
  readonly textContent: string | null;
}

/** What the evaluation needs of the page: `querySelectorAll` (a Document or an Element). */
export interface RuleRoot<E extends RuleElement = RuleElement> {
  querySelectorAll(selector: string): ArrayLike<E>;
}

/** A rule ready to evaluate: its text pattern compiled once. */
export interface CompiledRule {
  readonly rule: PageRule;
  /**
   * The `textPattern` as the browser reads it (flag `u`), or null when the rule has none. Kept for
   * its source and syntax check only: it is never run on page text (a backtracking engine).
   */
  readonly pattern: RegExp | null;
  /** The same pattern for the linear-time matcher: what evaluation runs. */
  readonly matcher: SafePattern | null;
  /** Why the rule can never match (a pattern that does not compile or is not supported, or switched off), or null. */
  readonly error: string | null;
}

/**
 * Compiles the text patterns of `rules` once (flag `u`). A bad or unsupported pattern (see
 * ./safe-pattern.ts) is reported on its rule, never thrown.
 */
export function compileRules(rules: readonly PageRule[]): CompiledRule[] {
  return rules.map((rule) => {
    if (rule.textPattern === undefined || rule.textPattern === '') {
      return { rule, pattern: null, matcher: null, error: null };
    }
    const compiled = compilePattern(rule.textPattern);
    if (!compiled.ok) return { rule, pattern: null, matcher: null, error: `textPattern: ${compiled.message}` };
    return { rule, pattern: new RegExp(rule.textPattern, 'u'), matcher: compiled.pattern, error: null };
  });
}

/** The same rule, switched off: it is skipped, and its error says why. */
export function disableRule(compiled: CompiledRule, why: string): CompiledRule {
  return { ...compiled, error: `disabled: ${why}` };
}

/**
 * An element's text as rules see it: whitespace runs collapsed to one space, trimmed, and at most
 * {@link RULE_TEXT_MAX} characters (read from at most {@link RULE_RAW_TEXT_MAX} of `textContent`).
 */
export function elementText(el: RuleElement): string {
  const raw = el.textContent ?? '';
  const head = raw.length > RULE_RAW_TEXT_MAX ? raw.slice(0, RULE_RAW_TEXT_MAX) : raw;
  const text = head.replace(/\s+/g, ' ').trim();
  return text.length > RULE_TEXT_MAX ? text.slice(0, RULE_TEXT_MAX) : text;
}

/** One rule's run over the elements its selector found. */
interface RuleRun<E> {
  /** The elements whose text matched (or all of them, with no pattern), up to `firstOnly`. */
  matched: E[];
  firstText: string | null;
  overrun: Omit<RuleOverrun, 'index'> | null;
}

/** Runs one rule's pattern on `elements` within its budget. */
function runRule<E extends RuleElement>(
  compiled: CompiledRule,
  elements: ArrayLike<E>,
  limits: RuleLimits,
  started: number,
  firstOnly: boolean,
): RuleRun<E> {
  const timeMs = limits.timeMs ?? RULE_TIME_BUDGET_MS;
  const budget: MatchBudget = {
    steps: limits.steps ?? RULE_STEP_BUDGET,
    deadline: started + timeMs,
    clock: limits.clock,
  };
  const matched: E[] = [];
  let firstText: string | null = null;
  const over = (): Omit<RuleOverrun, 'index'> => {
    const ms = limits.clock() - started;
    return { reason: ms > timeMs ? 'time' : 'steps', ms };
  };
  for (let j = 0; j < elements.length; j++) {
    const el = elements[j]!;
    if (!compiled.matcher) {
      matched.push(el);
      if (firstOnly) break;
      continue;
    }
    const text = elementText(el);
    firstText ??= text;
    budget.steps -= text.length;
    if (budget.steps < 0 || limits.clock() > budget.deadline) return { matched, firstText, overrun: over() };
    const hit = matchPattern(compiled.matcher, text, budget);
    if (hit === null) return { matched, firstText, overrun: over() };
    if (hit) {
      matched.push(el);
      if (firstOnly) break;
    }
  }
  const ms = limits.clock() - started;
  return { matched, firstText, overrun: ms > timeMs ? { reason: 'time', ms } : null };
}

/** The elements matching `selector`, or the reason the selector is not valid (never throws). */
function select<E extends RuleElement>(
  root: RuleRoot<E>,
  selector: string,
): { elements: ArrayLike<E>; error: string | null } {
  try {
    return { elements: root.querySelectorAll(selector), error: null };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { elements: [], error: `selector: ${message}` };
  }
}

/** The state a rule gives. */
function choiceOf(rule: PageRule): StateChoice {
  return rule.state === 'other' && rule.code !== undefined
    ? { state: 'other', code: rule.code }
    : { state: rule.state };
}

/** What one evaluation of the rules found. */
export interface Detection {
  /** The state the first matching rule gives, or null when no rule matches (no opinion). */
  readonly state: StateChoice | null;
  /** Index of the rule that decided, or null. */
  readonly ruleIndex: number | null;
  /** Per rule, in order: why it could not be evaluated (bad selector or pattern), or null. */
  readonly errors: readonly (string | null)[];
  /**
   * The rule that ran out of its budget, when one did (absent otherwise). The evaluation stopped
   * there and gives no opinion: what the rules would have said is not known.
   */
  readonly overrun?: RuleOverrun;
}

/**
 * Evaluates rules in order; the first that matches decides. A rule matches when its selector
 * matches an element and, with a text pattern, that element's text matches it. Invalid selectors
 * are reported in `errors` and skipped. Rules after the deciding one are not evaluated (their
 * error slot stays null). Each rule works within `limits` (steps only when no clock is given); a
 * rule that runs out ends the evaluation with no opinion and is named in `overrun`.
 */
export function detectState(
  root: RuleRoot,
  rules: readonly CompiledRule[],
  limits: RuleLimits = STEPS_ONLY,
): Detection {
  const errors: (string | null)[] = rules.map((r) => r.error);
  for (let i = 0; i < rules.length; i++) {
    const compiled = rules[i]!;
    if (compiled.error) continue;
    const started = limits.clock();
    const { elements, error } = select(root, compiled.rule.selector);
    if (error) {
      errors[i] = error;
      continue;
    }
    const run = runRule(compiled, elements, limits, started, true);
    if (run.overrun) return { state: null, ruleIndex: null, errors, overrun: { index: i, ...run.overrun } };
    if (run.matched.length > 0) return { state: choiceOf(compiled.rule), ruleIndex: i, errors };
  }
  return { state: null, ruleIndex: null, errors };
}

/** Longest sample text a rule test reports. */
export const SAMPLE_MAX = 120;

function sample(text: string): string {
  return text.length > SAMPLE_MAX ? `${text.slice(0, SAMPLE_MAX - 1)}…` : text;
}

/** What a rule test found for one rule. */
export interface RuleTestResult<E extends RuleElement = RuleElement> {
  /** How many elements its selector matched. */
  matches: number;
  /** Whether some matched element's text matched the pattern (true with no pattern and a match). */
  textMatched: boolean;
  /** Text of the first element that matched the whole rule, else of the first selector match. */
  sample: string | null;
  error: string | null;
  /** The elements that match the whole rule (selector and text), for highlighting. */
  elements: E[];
}

/** What a rule test found on one page (the page-independent part of `RuleTestPage`). */
export interface RulesTest<E extends RuleElement = RuleElement> {
  rules: RuleTestResult<E>[];
  state: StateChoice | null;
  /** Text of the context element, or null (no selector, invalid, or nothing matched). */
  context: string | null;
  contextElement: E | null;
  contextError: string | null;
}

/**
 * Evaluates every rule fully (for the rule tester): per rule how many elements its selector
 * matches, whether the text pattern matched, a sample text, and the elements to highlight; the
 * state the rules give (the same answer as {@link detectState}); and the context element's text.
 */
export function testRules<E extends RuleElement>(
  root: RuleRoot<E>,
  rules: readonly CompiledRule[],
  contextSelector?: string,
  limits: RuleLimits = STEPS_ONLY,
): RulesTest<E> {
  let state: StateChoice | null = null;
  const results = rules.map((compiled): RuleTestResult<E> => {
    if (compiled.error) return { matches: 0, textMatched: false, sample: null, error: compiled.error, elements: [] };
    const started = limits.clock();
    const { elements, error } = select(root, compiled.rule.selector);
    if (error) return { matches: 0, textMatched: false, sample: null, error, elements: [] };
    const { matched, firstText, overrun } = runRule(compiled, elements, limits, started, false);
    if (overrun) {
      const why =
        overrun.reason === 'time' ? `over ${limits.timeMs ?? RULE_TIME_BUDGET_MS} ms` : 'over its step budget';
      const error = `budget: stopped after ${Math.round(overrun.ms)} ms (${why}); this rule would be switched off`;
      return { matches: elements.length, textMatched: false, sample: null, error, elements: [] };
    }
    if (matched.length > 0 && state === null) state = choiceOf(compiled.rule);
    const shown = matched.length > 0 ? elementText(matched[0]!) : firstText;
    return {
      matches: elements.length,
      textMatched: matched.length > 0,
      sample: shown === null ? null : sample(shown),
      error: null,
      elements: matched,
    };
  });
  let context: string | null = null;
  let contextElement: E | null = null;
  let contextError: string | null = null;
  if (contextSelector?.trim()) {
    const { elements, error } = select(root, contextSelector.trim());
    contextError = error;
    if (elements.length > 0) {
      contextElement = elements[0]!;
      context = sample(elementText(contextElement));
    }
  }
  return { rules: results, state, context, contextElement, contextError };
}

/** The rules in force on `url`: the agent's for every matching site, then the team packs'. */
export interface RulesForUrl {
  rules: PageRule[];
  /** The first context selector among the matching sites (the agent's before the packs'). */
  contextSelector: string | null;
}

/** Collects the page rules that apply to `url` (agent's sites first, then packs'; each in order). */
export function rulesForUrl(url: string, agent: readonly SiteRules[], packs: readonly SiteRules[]): RulesForUrl {
  const rules: PageRule[] = [];
  let contextSelector: string | null = null;
  for (const site of [...agent, ...packs]) {
    if (!isConsoleUrl(url, [site.site])) continue;
    rules.push(...site.rules);
    if (contextSelector === null && site.contextSelector) contextSelector = site.contextSelector;
  }
  return { rules, contextSelector };
}

/** A pack record's console sites, as far as page rules are concerned. */
export interface PackSitesLike {
  id: string;
  consoleSites: readonly { pattern: string; pageRules: readonly PageRule[]; contextSelector?: string | undefined }[];
}

/**
 * Flattens installed packs' console sites into site rules: packs in id order (code points, so
 * every context computes the same list), each pack's sites in its own order.
 */
export function packSiteRules(packs: readonly PackSitesLike[]): SiteRules[] {
  const ordered = [...packs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return ordered.flatMap((p) =>
    p.consoleSites
      .filter((s) => s.pageRules.length > 0 || s.contextSelector)
      .map((s): SiteRules => {
        const out: SiteRules = { site: s.pattern, rules: [...s.pageRules] };
        if (s.contextSelector) out.contextSelector = s.contextSelector;
        return out;
      }),
  );
}

/** Whether two detections name the same state (and code). */
export function sameChoice(a: StateChoice | null, b: StateChoice | null): boolean {
  if (a === null || b === null) return a === b;
  return a.state === b.state && (a.code ?? null) === (b.code ?? null);
}

/** What the page remembers between evaluations: the last detection that matched, if any. */
export interface EdgeMemo {
  readonly last: StateChoice | null;
}

/** The memo of a freshly loaded page. */
export const FRESH_PAGE: EdgeMemo = { last: null };

/**
 * One step of the transition policy: given what was detected now, returns the state to record
 * (or null) and the memo for the next step. See the policy at the top of this file.
 */
export function nextEdge(memo: EdgeMemo, detected: StateChoice | null): { send: StateChoice | null; memo: EdgeMemo } {
  // No match is no opinion: nothing sent, and the previous detection is still the one to compare with.
  if (detected === null) return { send: null, memo };
  if (memo.last === null) {
    // First detection on this page: only a call in progress is taken over.
    return { send: HANDLING_STATES.has(detected.state) ? detected : null, memo: { last: detected } };
  }
  if (sameChoice(memo.last, detected)) return { send: null, memo };
  return { send: detected, memo: { last: detected } };
}
