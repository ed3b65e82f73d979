import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import * as v from 'valibot';
import { pageRuleSchema, type PageRule } from '@/utils/console/page-rule';
import { parseConsoleMessage } from '@/utils/console/console-messages';
import {
  RULE_STEP_BUDGET,
  RULE_TEXT_MAX,
  RULE_TIME_BUDGET_MS,
  compileRules,
  detectState,
  disableRule,
  elementText,
  testRules,
  type RuleElement,
  type RuleRoot,
} from '@/utils/console/rule-eval';
import { TIME_STRIKES, judgeEvaluation, ruleKey } from '@/utils/console/rule-health';
import {
  MAX_RULE_PROBLEMS,
  clearRuleProblem,
  loadRuleProblems,
  problemPage,
  readRuleProblems,
  recordRuleProblem,
  withProblem,
} from '@/utils/console/rule-problems';
import { teamPackSchema } from '@/utils/kb/pack';

/** A fake page: selectors map to element texts. */
function page(map: Record<string, string[]>): RuleRoot<RuleElement> {
  return { querySelectorAll: (s: string) => (map[s] ?? []).map((text) => ({ textContent: text })) };
}

/** The rule from the issue: a team pack's pattern that froze the demo console for 73 s. */
const FREEZER: PageRule = { selector: 'body', textPattern: '^(.|.)+\uFFFF', state: 'talk' };

describe('a hostile page rule on the console page', () => {
  it('the freezing pack rule answers "no match" in linear work, and the next rule still decides', () => {
    const ringing = `振铃 Ringing ${'来电 Incoming call '.repeat(200)}`;
    const rules = compileRules([FREEZER, { selector: '#agent-status', textPattern: '振铃|Ringing', state: 'talk' }]);
    const d = detectState(page({ body: [ringing], '#agent-status': ['振铃 Ringing'] }), rules);
    expect(d.overrun).toBeUndefined();
    expect(d).toMatchObject({ state: { state: 'talk' }, ruleIndex: 1 });
  });

  it('reads at most RULE_TEXT_MAX characters of an element', () => {
    const long = `${'x'.repeat(5_000)} Talking`;
    expect(elementText({ textContent: long })).toHaveLength(RULE_TEXT_MAX);
    const rules = compileRules([{ selector: '.s', textPattern: 'Talking', state: 'talk' }]);
    expect(detectState(page({ '.s': [long] }), rules).state).toBeNull();
    expect(detectState(page({ '.s': [`Talking ${'x'.repeat(5_000)}`] }), rules).state).toEqual({ state: 'talk' });
  });

  it('a rule that needs more steps than its budget stops the evaluation with no opinion', () => {
    // 600 elements of 1,000 characters: more characters than one rule may read in one evaluation.
    const many = Array.from({ length: 600 }, () => 'y'.repeat(RULE_TEXT_MAX));
    expect(600 * RULE_TEXT_MAX).toBeGreaterThan(RULE_STEP_BUDGET);
    const rules = compileRules([
      { selector: '.cell', textPattern: 'x$', state: 'talk' },
      { selector: '.ready', state: 'available' },
    ]);
    const d = detectState(page({ '.cell': many, '.ready': ['Ready'] }), rules);
    expect(d.state).toBeNull();
    expect(d.overrun).toMatchObject({ index: 0, reason: 'steps' });
    // Without a pattern no text is read: the same selector is cheap.
    const plain = compileRules([{ selector: '.cell', state: 'talk' }]);
    expect(detectState(page({ '.cell': many }), plain)).toMatchObject({ state: { state: 'talk' } });
  });

  it('a rule slower than its time budget (on the clock given) is an overrun too', () => {
    let now = 0;
    const slowPage: RuleRoot<RuleElement> = {
      querySelectorAll() {
        now += RULE_TIME_BUDGET_MS + 5; // a selector that takes too long
        return [{ textContent: 'Talking' }];
      },
    };
    const d = detectState(slowPage, compileRules([{ selector: '.s', state: 'talk' }]), { clock: () => now });
    expect(d.overrun).toMatchObject({ index: 0, reason: 'time', ms: RULE_TIME_BUDGET_MS + 5 });
    expect(d.state).toBeNull();
  });

  it('a switched-off rule is skipped and says why', () => {
    const [off, on] = compileRules([
      { selector: '.a', state: 'talk' },
      { selector: '.b', state: 'hold' },
    ]);
    const d = detectState(page({ '.a': ['x'], '.b': ['y'] }), [disableRule(off!, 'ran out of its steps budget'), on!]);
    expect(d.state).toEqual({ state: 'hold' });
    expect(d.errors[0]).toBe('disabled: ran out of its steps budget');
  });

  it('the rule tester reports an overrun as that rule’s error instead of hanging', () => {
    const many = Array.from({ length: 600 }, () => 'y'.repeat(RULE_TEXT_MAX));
    const r = testRules(
      page({ '.cell': many }),
      compileRules([{ selector: '.cell', textPattern: 'x$', state: 'talk' }]),
    );
    expect(r.rules[0]).toMatchObject({ matches: 600, textMatched: false });
    expect(r.rules[0]!.error).toMatch(/^budget: /);
  });
});

describe('when a rule is switched off (rule-health)', () => {
  const rules = compileRules([
    { selector: '.a', state: 'talk' },
    { selector: '.b', state: 'hold' },
  ]);

  it('at once when it runs out of steps', () => {
    const v = judgeEvaluation(new Map(), { overrun: { index: 1, reason: 'steps', ms: 3 } }, rules);
    expect(v.disable).toEqual({ index: 1, reason: 'steps', ms: 3 });
  });

  it(`after ${TIME_STRIKES} time overruns in a row; an evaluation within budget clears the strikes`, () => {
    const slow = { overrun: { index: 0, reason: 'time' as const, ms: 80 } };
    let v = judgeEvaluation(new Map(), slow, rules);
    v = judgeEvaluation(v.strikes, slow, rules);
    expect(v.disable).toBeNull();
    expect(v.strikes.get(ruleKey(rules[0]!.rule))).toBe(2);
    const reset = judgeEvaluation(v.strikes, {}, rules);
    expect(reset.strikes.size).toBe(0);
    v = judgeEvaluation(reset.strikes, slow, rules);
    v = judgeEvaluation(v.strikes, slow, rules);
    v = judgeEvaluation(v.strikes, slow, rules);
    expect(v.disable).toEqual({ index: 0, reason: 'time', ms: 80 });
  });
});

describe('patterns page rules refuse at import', () => {
  it.each([
    ['Talk(?=ing)', 'lookaround'],
    ['(a)\\1', 'backreference'],
    ['(?:(?:a{100}){100})', 'too-complex'],
  ])('%s is refused by the schema, the content script’s reader and a team pack', (textPattern, refusal) => {
    const rule = { selector: '#s', textPattern, state: 'talk' };
    const parsed = v.safeParse(pageRuleSchema, rule);
    expect(parsed.success).toBe(false);
    const issue = parsed.issues![0];
    expect(issue.path?.map((p) => p.key)).toEqual(['textPattern']);
    expect(issue.type === 'runnable_pattern' && issue.requirement).toBe(refusal);
    expect(parseConsoleMessage({ type: 'console/test-rules', rules: [rule] })).toBeNull();
    const pack = {
      schemaVersion: 1,
      id: 'p',
      name: 'P',
      version: '1',
      consoleSites: [{ pattern: 'https://crm.example.com/*', pageRules: [rule] }],
    };
    const r = teamPackSchema.safeParse(pack);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['consoleSites', 0, 'pageRules', 0, 'textPattern']);
  });

  it('accepts the classic ReDoS patterns: they cannot backtrack here', () => {
    for (const textPattern of ['^(.|.)+\uFFFF', '(a+)+$', '(a|aa)+$', '^(\\w+\\s?)*$']) {
      expect(v.safeParse(pageRuleSchema, { selector: 'body', textPattern, state: 'talk' }).success).toBe(true);
    }
  });
});

describe('the switched-off rules in storage', () => {
  const rule: PageRule = { selector: '.cell', textPattern: 'x$', state: 'talk' };
  const problem = { rule, reason: 'steps' as const, ms: 12, url: 'http://localhost/console/?case=123#x', at: 5 };

  it('keeps only origin and path of the page, one entry per rule, at most MAX_RULE_PROBLEMS', () => {
    expect(problemPage('http://localhost:5178/console/?case=123#x')).toBe('http://localhost:5178/console/');
    const once = withProblem([], problem);
    expect(once).toEqual([{ ...problem, key: ruleKey(rule), url: 'http://localhost/console/' }]);
    expect(withProblem(once, { ...problem, at: 9 })).toHaveLength(1);
    let list = once;
    for (let i = 0; i < MAX_RULE_PROBLEMS + 5; i++)
      list = withProblem(list, { ...problem, rule: { ...rule, selector: `.c${i}` } });
    expect(list).toHaveLength(MAX_RULE_PROBLEMS);
  });

  it('reads a damaged list entry by entry', () => {
    const good = withProblem([], problem)[0]!;
    expect(readRuleProblems([good, { ...good, reason: 'bored' }, { ...good, rule: { selector: '' } }, 'x'])).toEqual([
      good,
    ]);
    expect(readRuleProblems('nope')).toEqual([]);
  });

  it('records and turns back on through storage.local', async () => {
    await recordRuleProblem(problem);
    expect((await fakeBrowser.storage.local.get('pageRuleProblems')).pageRuleProblems).toHaveLength(1);
    const [stored] = await loadRuleProblems();
    await clearRuleProblem(stored!.key);
    expect(await loadRuleProblems()).toEqual([]);
  });
});
