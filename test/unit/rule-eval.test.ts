import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { PageRule } from '@/utils/console/page-rule';
import {
  loadPackPageRules,
  parsePackPageRules,
  savePackPageRules,
  watchPackPageRules,
} from '@/utils/console/page-rules-store';
import {
  FRESH_PAGE,
  compileRules,
  detectState,
  nextEdge,
  packSiteRules,
  rulesForUrl,
  testRules,
  type EdgeMemo,
  type RuleElement,
  type RuleRoot,
} from '@/utils/console/rule-eval';
import type { StateChoice } from '@/utils/time/states';

/** A fake page: selectors map to elements; `bad` selectors throw like the DOM does. */
function fakePage(map: Record<string, string[]>, calls: string[] = []): RuleRoot<RuleElement> {
  return {
    querySelectorAll(selector: string) {
      calls.push(selector);
      if (selector.includes('[[')) throw new SyntaxError(`'${selector}' is not a valid selector.`);
      return (map[selector] ?? []).map((text) => ({ textContent: text }));
    },
  };
}

const demoRules: PageRule[] = [
  { selector: '#agent-status', textPattern: '通话中|Talking', state: 'talk' },
  { selector: '#agent-status', textPattern: '保持|Hold', state: 'hold' },
  { selector: '#agent-status', textPattern: '话后处理|Wrap-up', state: 'acw' },
  { selector: '#agent-status', textPattern: '就绪|Ready', state: 'available' },
];

describe('detectState', () => {
  it('lets the first matching rule decide', () => {
    const rules = compileRules(demoRules);
    expect(detectState(fakePage({ '#agent-status': ['  通话中\n Talking '] }), rules).state).toEqual({ state: 'talk' });
    expect(detectState(fakePage({ '#agent-status': ['保持 Hold'] }), rules)).toMatchObject({
      state: { state: 'hold' },
      ruleIndex: 1,
    });
    const both = compileRules([
      { selector: '.a', state: 'break' },
      { selector: '.b', state: 'talk' },
    ]);
    expect(detectState(fakePage({ '.a': ['x'], '.b': ['y'] }), both).state).toEqual({ state: 'break' });
    expect(detectState(fakePage({ '.b': ['y'] }), both).state).toEqual({ state: 'talk' });
  });

  it('needs the text pattern to match some element the selector matched', () => {
    const rules = compileRules([{ selector: '.s', textPattern: '^Talking$', state: 'talk' }]);
    expect(detectState(fakePage({ '.s': ['Ready', ' Talking '] }), rules).state).toEqual({ state: 'talk' });
    expect(detectState(fakePage({ '.s': ['Ready', 'Talking now'] }), rules).state).toBeNull();
    // Case matters unless the pattern says otherwise.
    expect(detectState(fakePage({ '.s': ['talking'] }), rules).state).toBeNull();
  });

  it('gives no opinion when nothing matches (ringing has no rule)', () => {
    const d = detectState(fakePage({ '#agent-status': ['振铃 Ringing'] }), compileRules(demoRules));
    expect(d).toEqual({ state: null, ruleIndex: null, errors: [null, null, null, null] });
    expect(detectState(fakePage({}), compileRules(demoRules)).state).toBeNull();
  });

  it('carries the code of an "other" rule', () => {
    const rules = compileRules([{ selector: '.training', state: 'other', code: 'training' }]);
    expect(detectState(fakePage({ '.training': [''] }), rules).state).toEqual({ state: 'other', code: 'training' });
  });

  it('reports an invalid selector and goes on with the next rule, without throwing', () => {
    const rules = compileRules([
      { selector: 'div[[x', state: 'break' },
      { selector: '.ok', state: 'talk' },
    ]);
    const d = detectState(fakePage({ '.ok': ['x'] }), rules);
    expect(d.state).toEqual({ state: 'talk' });
    expect(d.errors[0]).toMatch(/^selector: .*not a valid selector/);
    expect(d.errors[1]).toBeNull();
  });

  it('reports a pattern that does not compile with the u flag, and never evaluates it', () => {
    // Valid without `u`, invalid with it: a lone quantifier brace.
    const rules = compileRules([
      { selector: '.x', textPattern: 'a{', state: 'break' },
      { selector: '.x', state: 'talk' },
    ]);
    expect(rules[0]!.error).toMatch(/^textPattern: /);
    const calls: string[] = [];
    expect(detectState(fakePage({ '.x': ['a{'] }, calls), rules).state).toEqual({ state: 'talk' });
    expect(calls).toEqual(['.x']);
  });

  it('compiles each pattern once and reuses it', () => {
    const rules = compileRules(demoRules);
    const patterns = rules.map((r) => r.pattern);
    for (let i = 0; i < 3; i++) detectState(fakePage({ '#agent-status': ['就绪 Ready'] }), rules);
    expect(rules.map((r) => r.pattern)).toEqual(patterns);
    expect(patterns.every((p) => p instanceof RegExp && p.flags === 'u')).toBe(true);
  });

  it('stops at the deciding rule', () => {
    const calls: string[] = [];
    detectState(
      fakePage({ '.a': ['x'] }, calls),
      compileRules([
        { selector: '.a', state: 'talk' },
        { selector: '.b', state: 'hold' },
      ]),
    );
    expect(calls).toEqual(['.a']);
  });
});

describe('testRules', () => {
  it('reports counts, text matches, samples, highlight elements, the state and the context', () => {
    const page = fakePage({
      '#agent-status': ['通话中 Talking'],
      '.many': ['one', 'two', 'three'],
      '.subject': ['  物流延误退款\n Delayed-order refund '],
    });
    const rules = compileRules([
      { selector: '.many', textPattern: 'two|three', state: 'break' },
      ...demoRules,
      { selector: 'x[[', state: 'lunch' },
    ]);
    const r = testRules(page, rules, '.subject');
    expect(r.state).toEqual({ state: 'break' });
    expect(r.rules[0]).toMatchObject({ matches: 3, textMatched: true, sample: 'two', error: null });
    expect(r.rules[0]!.elements.map((e) => e.textContent)).toEqual(['two', 'three']);
    expect(r.rules[1]).toMatchObject({ matches: 1, textMatched: true, sample: '通话中 Talking' });
    expect(r.rules[2]).toMatchObject({ matches: 1, textMatched: false, sample: '通话中 Talking', elements: [] });
    expect(r.rules[5]!.error).toMatch(/^selector: /);
    expect(r.context).toBe('物流延误退款 Delayed-order refund');
    expect(r.contextError).toBeNull();
  });

  it('agrees with detectState and cuts long samples', () => {
    const long = 'x'.repeat(500);
    const page = fakePage({ '.a': [long] });
    const rules = compileRules([{ selector: '.a', state: 'acw' }]);
    const r = testRules(page, rules);
    expect(r.state).toEqual(detectState(page, rules).state);
    expect(r.rules[0]!.sample).toHaveLength(120);
    expect(r.context).toBeNull();
    expect(testRules(page, rules, 'q[[').contextError).toMatch(/^selector: /);
  });
});

describe('nextEdge (edge-triggered, last writer wins)', () => {
  /** Runs detections through the policy and returns what would be sent. */
  function run(detections: (StateChoice | null)[], memo: EdgeMemo = FRESH_PAGE): (string | null)[] {
    const sent: (string | null)[] = [];
    for (const d of detections) {
      const step = nextEdge(memo, d);
      memo = step.memo;
      sent.push(step.send ? (step.send.code ? `${step.send.state}:${step.send.code}` : step.send.state) : null);
    }
    return sent;
  }
  const s = (state: StateChoice['state'], code?: string): StateChoice => (code ? { state, code } : { state });

  it('follows a call through its edges and says nothing while the page shows the same', () => {
    expect(
      run([
        s('available'),
        s('available'),
        null, // ringing: no rule
        s('talk'),
        s('talk'),
        s('hold'),
        s('talk'),
        s('acw'),
        s('available'),
      ]),
    ).toEqual([null, null, null, 'talk', null, 'hold', 'talk', 'acw', 'available']);
  });

  it('on page load applies only a call state: a reload never overrides a manual break', () => {
    expect(run([s('available')])).toEqual([null]);
    expect(run([s('break')])).toEqual([null]);
    expect(run([s('talk')])).toEqual(['talk']);
    expect(run([s('hold')])).toEqual(['hold']);
    expect(run([s('acw')])).toEqual(['acw']);
    // The page not rendered yet: the first *matching* detection counts as the first.
    expect(run([null, null, s('available'), s('talk')])).toEqual([null, null, null, 'talk']);
  });

  it('compares with the last matching detection across no-opinion gaps', () => {
    // Ready → ringing (no rule) → missed call, Ready again: not a change, a manual break stays.
    expect(run([s('available'), null, s('available')])).toEqual([null, null, null]);
    expect(run([s('talk'), null, s('talk'), s('acw')])).toEqual(['talk', null, null, 'acw']);
  });

  it('treats other codes as different states', () => {
    expect(run([s('available'), s('other', 'training'), s('other', 'meeting'), s('other', 'meeting')])).toEqual([
      null,
      'other:training',
      'other:meeting',
      null,
    ]);
  });
});

describe('rulesForUrl and packSiteRules', () => {
  const agent = [
    { site: 'http://localhost/console/*', rules: [demoRules[0]!], contextSelector: '.mine' },
    { site: 'https://other.example.com/*', rules: [demoRules[1]!] },
  ];
  const packs = packSiteRules([
    { id: 'z-pack', consoleSites: [{ pattern: 'http://localhost/console/*', pageRules: [demoRules[3]!] }] },
    {
      id: 'a-pack',
      consoleSites: [
        { pattern: 'http://localhost/*', pageRules: [demoRules[2]!], contextSelector: '.pack' },
        { pattern: 'https://crm.example.com/*', pageRules: [] },
      ],
    },
  ]);

  it('flattens packs in id order, skipping sites without rules or context', () => {
    expect(packs.map((p) => p.site)).toEqual(['http://localhost/*', 'http://localhost/console/*']);
    expect(packs[0]!.contextSelector).toBe('.pack');
    expect('contextSelector' in packs[1]!).toBe(false);
  });

  it("puts the agent's rules before the packs' and takes the agent's context selector first", () => {
    const r = rulesForUrl('http://localhost:5178/console/', agent, packs);
    expect(r.rules).toEqual([demoRules[0], demoRules[2], demoRules[3]]);
    expect(r.contextSelector).toBe('.mine');
    expect(rulesForUrl('http://localhost:5178/elsewhere', agent, packs)).toEqual({
      rules: [demoRules[2]],
      contextSelector: '.pack',
    });
    expect(rulesForUrl('https://nowhere.example.org/', agent, packs)).toEqual({ rules: [], contextSelector: null });
  });
});

describe('the mirrored pack rules in storage', () => {
  const entry = { site: 'http://localhost/console/*', rules: [demoRules[0]!] };

  it('keeps the valid entries of a damaged list', () => {
    expect(parsePackPageRules('oops')).toEqual([]);
    expect(
      parsePackPageRules([entry, { site: '', rules: [] }, { site: 'x', rules: [{ selector: '{', state: 'talk' }] }]),
    ).toEqual([entry]);
  });

  it('writes only a difference, and watchers see the new list', async () => {
    const seen: unknown[] = [];
    const unwatch = watchPackPageRules((list) => seen.push(list));
    expect(await savePackPageRules([entry])).toBe(true);
    expect(await savePackPageRules([entry])).toBe(false);
    expect(await loadPackPageRules()).toEqual([entry]);
    expect((await fakeBrowser.storage.local.get('packPageRules')).packPageRules).toEqual([entry]);
    expect(await savePackPageRules([])).toBe(true);
    await expect.poll(() => seen).toEqual([[entry], []]);
    unwatch();
  });
});
