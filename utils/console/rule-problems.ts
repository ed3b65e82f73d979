import { localItem } from './local-item';
import * as v from 'valibot';
import { pageRuleSchema, type PageRule } from './page-rule';
import { ruleKey } from './rule-health';

/**
 * Page rules switched off because they ran out of their budget on a console page (see
 * ./rule-health.ts). Stored in `local:pageRuleProblems` by the background (the one writer, on the
 * content script's `rules/disabled` message); read by every console page, which skips these rules,
 * and by Options, which shows why each one is off and can turn it back on. Keyed by the rule's
 * content ({@link ruleKey}): a rule edited in Options is a new rule and runs again.
 * Zod-free (the rule is checked with the shared valibot `pageRuleSchema`): the console content script reads it.
 */

/** Why a rule was switched off: too much work (`steps`) or too long (`time`). */
export const RULE_PROBLEM_REASONS = ['steps', 'time'] as const;
export type RuleProblemReason = (typeof RULE_PROBLEM_REASONS)[number];

/** A switched-off rule: which, why, where and when. */
export interface RuleProblem {
  key: string;
  rule: PageRule;
  reason: RuleProblemReason;
  /** How long its last evaluation ran before it was stopped (ms). */
  ms: number;
  /** The console page (origin and path, no query) where it ran out. */
  url: string;
  /** When (ms since epoch, the background's clock). */
  at: number;
}

/** Most problems kept (the oldest go first). */
export const MAX_RULE_PROBLEMS = 100;

/** The stored list (validated by {@link readRuleProblems} on every read). */
export const ruleProblemsItem = localItem<unknown>('pageRuleProblems', []);

/** Reads one stored problem, or null when it is damaged. */
function readRuleProblem(raw: unknown): RuleProblem | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const { reason, ms, url, at, rule: rawRule } = raw as Record<string, unknown>;
  const parsed = v.safeParse(pageRuleSchema, rawRule);
  const rule = parsed.success ? parsed.output : null;
  if (!rule || !RULE_PROBLEM_REASONS.includes(reason as RuleProblemReason)) return null;
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) return null;
  if (typeof url !== 'string' || url.length > 2_000 || typeof at !== 'number' || !Number.isFinite(at)) return null;
  return { key: ruleKey(rule), rule, reason: reason as RuleProblemReason, ms, url, at };
}

/** Keeps the valid entries of a stored list (anything but a list gives none). */
export function readRuleProblems(raw: unknown): RuleProblem[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item) => {
    const problem = readRuleProblem(item);
    return problem ? [problem] : [];
  });
}

/** The page a problem names: origin and path only (no query or fragment, which may carry case data). */
export function problemPage(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`.slice(0, 2_000);
  } catch {
    return '';
  }
}

/** The list with `problem` added (replacing an older entry for the same rule), newest last, capped. */
export function withProblem(list: readonly RuleProblem[], problem: Omit<RuleProblem, 'key'>): RuleProblem[] {
  const entry: RuleProblem = { ...problem, key: ruleKey(problem.rule), url: problemPage(problem.url) };
  return [...list.filter((p) => p.key !== entry.key), entry].slice(-MAX_RULE_PROBLEMS);
}

/** Reads the switched-off rules (always valid). */
export async function loadRuleProblems(): Promise<RuleProblem[]> {
  return readRuleProblems(await ruleProblemsItem.getValue());
}

/** Records a switched-off rule (the background calls this). */
export async function recordRuleProblem(problem: Omit<RuleProblem, 'key'>): Promise<void> {
  await ruleProblemsItem.setValue(withProblem(await loadRuleProblems(), problem));
}

/** Turns a rule back on everywhere (Options → "Turn back on"). */
export async function clearRuleProblem(key: string): Promise<void> {
  const list = await loadRuleProblems();
  await ruleProblemsItem.setValue(list.filter((p) => p.key !== key));
}

/** Calls `onChange` with the list whenever it changes. Returns an unsubscribe function. */
export function watchRuleProblems(onChange: (list: RuleProblem[]) => void): () => void {
  return ruleProblemsItem.watch((raw) => onChange(readRuleProblems(raw)));
}
