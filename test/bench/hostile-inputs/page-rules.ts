import { performance } from 'node:perf_hooks';
import { pageRuleSchema, type PageRule } from '@/utils/console/page-rule';
import {
  RULE_TEXT_MAX,
  compileRules,
  detectState,
  type RuleElement,
  type RuleLimits,
  type RuleRoot,
} from '@/utils/console/rule-eval';
import { judgeEvaluation } from '@/utils/console/rule-health';
import { formatZodIssues } from '@/utils/validation';
import { fromValibot } from '@/utils/zod-valibot';
import { SCRIPT, type CaseResult, type HostileCase } from './types';

/** A fake console page: selectors map to element texts (`[[` selectors throw as the DOM does). */
function page(map: Record<string, string[]>, onQuery?: () => void): RuleRoot<RuleElement> {
  return {
    querySelectorAll(selector: string) {
      onQuery?.();
      if (selector.includes('[[')) throw new SyntaxError(`'${selector}' is not a valid selector`);
      return (map[selector] ?? []).map((text) => ({ textContent: text }));
    },
  };
}

/** A page rule as a team pack imports it (the zod pack schema embeds the shared rule schema). */
const importedRule = fromValibot(pageRuleSchema);

/**
 * A page rule as the content script meets it: validated as a pack or Options would (refused at
 * import with the field named), then evaluated on the page up to five times with the real budget
 * and clock, as the throttled observer would. Refused = refused at import, or switched off after
 * running out of its budget (the reason is its located error); accepted = evaluated within budget.
 */
function evaluate(
  rule: unknown,
  map: Record<string, string[]>,
  limits?: Partial<RuleLimits>,
  onQuery?: () => void,
): CaseResult {
  const parsed = importedRule.safeParse(rule);
  if (!parsed.success) {
    return {
      outcome: 'refused',
      located: parsed.error.issues.every((i) => i.path.length > 0),
      detail: formatZodIssues(parsed.error),
      partialWrite: false,
    };
  }
  let compiled = compileRules([parsed.data as PageRule]);
  if (compiled[0]!.error) return { outcome: 'refused', located: true, detail: compiled[0]!.error, partialWrite: false };
  let strikes: ReadonlyMap<string, number> = new Map();
  let state = 'no match';
  for (let i = 0; i < 5; i++) {
    const d = detectState(page(map, onQuery), compiled, { clock: () => performance.now(), ...limits });
    if (d.errors[0]) return { outcome: 'refused', located: true, detail: d.errors[0], partialWrite: false };
    const verdict = judgeEvaluation(strikes, d, compiled);
    strikes = verdict.strikes;
    if (verdict.disable) {
      const { reason, ms } = verdict.disable;
      return {
        outcome: 'refused',
        located: true,
        detail: `switched off: ${reason} budget (${ms.toFixed(1)} ms)`,
        partialWrite: false,
      };
    }
    compiled = [...compiled];
    state = d.state ? d.state.state : 'no match';
  }
  return { outcome: 'accepted', located: true, detail: `evaluated 5×: ${state}`, partialWrite: false };
}

const rule = (
  name: string,
  expect: HostileCase['expect'],
  r: Record<string, unknown>,
  map: () => Record<string, string[]>,
  limits?: Partial<RuleLimits>,
): HostileCase => ({
  area: 'page-rule',
  name,
  expect,
  limitMs: 1_000,
  run: async () => evaluate(r, map(), limits),
});

const n = RULE_TEXT_MAX;

/** Page rules (from a pack or typed in Options) on hostile console pages. */
export function pageRuleCases(): HostileCase[] {
  const redos: [string, string][] = [
    ['^(.|.)+\uFFFF', '振铃 Ringing '.repeat(200)],
    ['(a+)+$', `${'a'.repeat(n - 1)}!`],
    ['(a|aa)+$', `${'a'.repeat(n - 1)}!`],
    ['^(a|a?)+$', `${'a'.repeat(n - 1)}!`],
    ['^([a-zA-Z]+)*$', `${'a'.repeat(n - 1)}1`],
    ['^(.*a){12}$', `${'a'.repeat(n - 1)}b`],
    ['^(\\w+\\s?)*$', `${'word '.repeat(199)}!`],
    ['(x+x+)+y', 'x'.repeat(n)],
    ['^(([a-z])+.)+[A-Z]([a-z])+$', 'a'.repeat(n)],
    ['.*.*.*.*.*.*=', 'x'.repeat(n)],
    ['(?:a*)*b', 'a'.repeat(n)],
    ['(a|b|ab)*c', 'ab'.repeat(n / 2)],
    ['^([0-9]+[,.]?)+$', `${'1,'.repeat(n / 2 - 1)}x`],
    ['(\\d+)*$', `${'1'.repeat(n - 1)}x`],
    ['^(\\s*\\w*)*$', `${'a '.repeat(n / 2 - 1)}!`],
  ];
  const fiveMegabytes = `${'通话中 '.repeat(1_300_000)}`;
  const heavy = () => ({ '.cell': Array.from({ length: 600 }, () => 'y'.repeat(n)) });
  let slowNow = 0;
  return [
    ...redos.map(([textPattern, text]) =>
      rule(
        `ReDoS pattern ${JSON.stringify(textPattern)} on its attack text`,
        'accepted',
        { selector: 'body', textPattern, state: 'talk' },
        () => ({ body: [text] }),
      ),
    ),
    rule('a lookahead', 'refused', { selector: 'b', textPattern: 'Talk(?=ing)', state: 'talk' }, () => ({})),
    rule('a lookbehind', 'refused', { selector: 'b', textPattern: '(?<!Not )ready', state: 'available' }, () => ({})),
    rule('a backreference', 'refused', { selector: 'b', textPattern: '(\\w)\\1', state: 'talk' }, () => ({})),
    rule(
      'a repetition that expands to 10,000 steps',
      'refused',
      { selector: 'b', textPattern: '(?:(?:a{100}){100})', state: 'talk' },
      () => ({}),
    ),
    rule('a pattern that does not compile', 'refused', { selector: 'b', textPattern: '(', state: 'talk' }, () => ({})),
    rule(
      'a 201-character pattern',
      'refused',
      { selector: 'b', textPattern: 'x'.repeat(201), state: 'talk' },
      () => ({}),
    ),
    rule('a selector with CSS braces', 'refused', { selector: 'a{color:red}', state: 'talk' }, () => ({})),
    rule('a selector the page rejects', 'refused', { selector: 'div[[x', state: 'talk' }, () => ({})),
    rule(
      'a 1,681-instruction pattern on 1,000 characters (over the step budget)',
      'refused',
      { selector: 'body', textPattern: '(?:[a-z]{1,20}\\s?){1,40}$', state: 'talk' },
      () => ({
        body: [`${'abcdefghij '.repeat(90)}!`],
      }),
    ),
    rule(
      '600 elements of 1,000 characters each',
      'refused',
      { selector: '.cell', textPattern: 'x$', state: 'talk' },
      heavy,
    ),
    rule(
      'a 5 MB element (read up to the text cap)',
      'accepted',
      { selector: 'body', textPattern: '通话中', state: 'talk' },
      () => ({ body: [fiveMegabytes] }),
    ),
    rule(
      'a script payload as the pattern',
      'accepted',
      { selector: 'body', textPattern: SCRIPT.replace(/[()+|.]/g, '\\$&'), state: 'talk' },
      () => ({ body: [SCRIPT] }),
    ),
    {
      area: 'page-rule',
      name: 'a selector slower than the time budget three times in a row',
      expect: 'refused',
      limitMs: 1_000,
      run: async () => {
        slowNow = 0;
        return evaluate(
          { selector: '.s', state: 'talk' },
          { '.s': ['Talking'] },
          { clock: () => slowNow },
          () => (slowNow += 60), // each query "takes" 60 ms on the clock the rule is measured with
        );
      },
    },
  ];
}
