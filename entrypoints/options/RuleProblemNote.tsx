import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '@/components/I18nProvider';
import type { PageRule } from '@/utils/console/page-rule';
import { RULE_TIME_BUDGET_MS } from '@/utils/console/rule-eval';
import { TIME_STRIKES, ruleKey } from '@/utils/console/rule-health';
import { clearRuleProblem, loadRuleProblems, watchRuleProblems, type RuleProblem } from '@/utils/console/rule-problems';
import type { PatternRefusal } from '@/utils/console/safe-pattern';
import type { MessageKey, Translate } from '@/utils/i18n';

/** The page rules switched off on console pages, by rule key (kept current). */
export function useRuleProblems(): ReadonlyMap<string, RuleProblem> {
  const [list, setList] = useState<RuleProblem[]>([]);
  useEffect(() => {
    let live = true;
    void loadRuleProblems().then((l) => live && setList(l));
    const unwatch = watchRuleProblems(setList);
    return () => {
      live = false;
      unwatch();
    };
  }, []);
  return useMemo(() => new Map(list.map((p) => [p.key, p])), [list]);
}

/** The key of a rule as the form holds it (the selector trimmed as it will be stored). */
export function draftRuleKey(d: { selector: string; textPattern: string; state: PageRule['state']; code: string }) {
  const rule: PageRule = { selector: d.selector.trim(), state: d.state };
  if (d.textPattern !== '') rule.textPattern = d.textPattern;
  if (d.state === 'other' && d.code !== '') rule.code = d.code;
  return ruleKey(rule);
}

const REFUSAL_KEYS: Record<Exclude<PatternRefusal, 'syntax'>, MessageKey> = {
  backreference: 'untrusted.rules.refusal.backreference',
  lookaround: 'untrusted.rules.refusal.lookaround',
  modifier: 'untrusted.rules.refusal.modifier',
  'too-complex': 'untrusted.rules.refusal.tooComplex',
};

/** Why a valid JavaScript pattern is not accepted for a page rule, in the agent's language; null for other issues. */
export function patternRefusalText(t: Translate, refusal: unknown): string | null {
  return typeof refusal === 'string' && refusal in REFUSAL_KEYS
    ? t(REFUSAL_KEYS[refusal as keyof typeof REFUSAL_KEYS])
    : null;
}

/**
 * Says that a rule was switched off on a console page, why, and what to do; "Turn back on" lets
 * every console page run it again. Nothing when the rule is not switched off.
 */
export function RuleProblemNote({ problem }: { problem: RuleProblem | undefined }) {
  const { t, locale } = useI18n();
  if (!problem) return null;
  const values = {
    page: problem.url || '—',
    time: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(problem.at),
    ms: Math.round(problem.ms),
    budget: RULE_TIME_BUDGET_MS,
    strikes: TIME_STRIKES,
  };
  return (
    <div className="notice error rules-disabled" role="alert" data-testid="rules-disabled" data-reason={problem.reason}>
      <span>
        {t(problem.reason === 'steps' ? 'untrusted.rules.disabledSteps' : 'untrusted.rules.disabledTime', values)}
      </span>
      <button type="button" onClick={() => void clearRuleProblem(problem.key)} data-testid="rules-enable">
        {t('untrusted.rules.enable')}
      </button>
    </div>
  );
}
