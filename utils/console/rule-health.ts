import type { PageRule } from './page-rule';
import type { Detection } from './rule-eval';

/**
 * When a page rule that keeps running out of its budget is switched off on a console page. Pure:
 * the content script keeps the strikes and acts on the verdict.
 *
 * - Out of **steps** (more work than a rule may do): switched off at once. Steps do not depend on
 *   the machine, so the next evaluation would run out again.
 * - Out of **time** only: a busy machine can stall one evaluation, so a rule is switched off when
 *   it overruns in {@link TIME_STRIKES} evaluations in a row (an evaluation without an overrun
 *   clears every strike).
 */

/** Evaluations in a row a rule may run over its time budget before it is switched off. */
export const TIME_STRIKES = 3;

/** A stable name for a rule's content (the same rule from the agent or a pack has the same key). */
export function ruleKey(rule: PageRule): string {
  return JSON.stringify([rule.selector, rule.textPattern ?? '', rule.state, rule.code ?? '']);
}

/** What to do after one evaluation. */
export interface HealthVerdict {
  /** Strikes by rule key, for the next evaluation. */
  strikes: ReadonlyMap<string, number>;
  /** The rule to switch off now (its index in the evaluated list), or null. */
  disable: { index: number; reason: 'steps' | 'time'; ms: number } | null;
}

/** Judges one evaluation of `rules` (see the policy above). */
export function judgeEvaluation(
  strikes: ReadonlyMap<string, number>,
  detection: Pick<Detection, 'overrun'>,
  rules: readonly { rule: PageRule }[],
): HealthVerdict {
  const overrun = detection.overrun;
  if (!overrun) return { strikes: strikes.size === 0 ? strikes : new Map(), disable: null };
  const key = ruleKey(rules[overrun.index]!.rule);
  const count = (strikes.get(key) ?? 0) + 1;
  const next = new Map([[key, count]]);
  if (overrun.reason === 'steps' || count >= TIME_STRIKES) {
    next.delete(key);
    return { strikes: next, disable: { index: overrun.index, reason: overrun.reason, ms: overrun.ms } };
  }
  return { strikes: next, disable: null };
}
