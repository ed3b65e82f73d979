import { describe, expect, it } from 'vitest';
import { MAX_PROGRAM, compilePattern, matchPattern, type SafePattern } from '@/utils/console/safe-pattern';
import { RULE_TEXT_MAX } from '@/utils/console/rule-eval';

/** An unlimited budget that records the steps used. */
function run(pattern: SafePattern, text: string): { hit: boolean | null; steps: number } {
  const budget = { steps: 1e12, deadline: Infinity, clock: () => 0 };
  const hit = matchPattern(pattern, text, budget);
  return { hit, steps: 1e12 - budget.steps };
}

function compiled(source: string): SafePattern {
  const c = compilePattern(source);
  if (!c.ok) throw new Error(`${source}: ${c.message}`);
  return c.pattern;
}

/**
 * The classic catastrophic-backtracking patterns (OWASP's ReDoS list and the issue's own), each
 * with the input that makes a backtracking engine take exponential (or high polynomial) time.
 */
const REDOS: [pattern: string, attack: string][] = [
  ['^(.|.)+\uFFFF', 'Ringing 振铃 '.repeat(90)],
  ['(a+)+$', `${'a'.repeat(RULE_TEXT_MAX - 1)}!`],
  ['^(a+)+$', `${'a'.repeat(RULE_TEXT_MAX - 1)}!`],
  ['^([a-zA-Z]+)*$', `${'a'.repeat(RULE_TEXT_MAX - 1)}1`],
  ['(a|aa)+$', `${'a'.repeat(RULE_TEXT_MAX - 1)}!`],
  ['^(a|a?)+$', `${'a'.repeat(RULE_TEXT_MAX - 1)}!`],
  ['^(.*a){12}$', `${'a'.repeat(RULE_TEXT_MAX - 1)}b`],
  ['^(\\w+\\s?)*$', `${'word '.repeat(199)}!`],
  ['(x+x+)+y', 'x'.repeat(RULE_TEXT_MAX)],
  ['^(([a-z])+.)+[A-Z]([a-z])+$', 'a'.repeat(RULE_TEXT_MAX)],
  ['^(\\d+)*$', `${'1'.repeat(RULE_TEXT_MAX - 1)}x`],
  ['.*.*.*.*.*.*=', 'x'.repeat(RULE_TEXT_MAX)],
  ['(?:a*)*b', 'a'.repeat(RULE_TEXT_MAX)],
  ['(a|b|ab)*c', 'ab'.repeat(RULE_TEXT_MAX / 2)],
  ['^([0-9]+[,.]?)+$', `${'1,'.repeat(RULE_TEXT_MAX / 2 - 1)}x`],
  ['^(\\s*\\w*)*$', `${'a '.repeat(RULE_TEXT_MAX / 2 - 1)}!`],
];

describe('the page-rule matcher on catastrophic-backtracking patterns', () => {
  it.each(REDOS)('%s answers the attack string in linear work', (source, attack) => {
    const pattern = compiled(source);
    const { hit, steps } = run(pattern, attack);
    // The attack strings are built not to match.
    expect(hit).toBe(false);
    // Linear: at most a few visits of each instruction per character.
    const chars = [...attack].length + 1;
    expect(steps).toBeLessThanOrEqual(chars * pattern.program.length * 3);
  });

  it('doubling the text at most doubles the work (no exponential or polynomial growth)', () => {
    const pattern = compiled('(a|aa)+$');
    const a = run(pattern, `${'a'.repeat(250)}!`).steps;
    const b = run(pattern, `${'a'.repeat(500)}!`).steps;
    expect(b / a).toBeLessThan(2.2);
  });
});

/** A small seeded PRNG (mulberry32), so the generated cases are the same on every run. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random patterns from the supported syntax (short, so the native engine answers fast too). */
function randomPattern(rnd: () => number, depth = 0): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
  const atoms = ['a', 'b', '通', '.', '[ab]', '[^a]', '\\d', '\\w', '\\s', '\\W', '[a-c通]', '\\.', '\\p{Script=Han}'];
  const parts: string[] = [];
  const n = 1 + Math.floor(rnd() * 3);
  for (let i = 0; i < n; i++) {
    let atom = depth < 2 && rnd() < 0.25 ? `(${randomPattern(rnd, depth + 1)})` : pick(atoms);
    if (depth < 2 && rnd() < 0.15) atom = `(?:${atom}|${randomPattern(rnd, depth + 1)})`;
    atom += pick(['', '', '*', '+', '?', '{2}', '{1,3}', '{0,}', '*?', '+?']);
    if (rnd() < 0.08) atom = pick(['^', '\\b', '\\B']) + atom;
    if (rnd() < 0.08) atom += pick(['$', '\\b']);
    parts.push(atom);
  }
  return parts.join('');
}

describe('the page-rule matcher agrees with JavaScript RegExp (u flag)', () => {
  it('on 1,500 generated pattern × text pairs', () => {
    const rnd = prng(15);
    const alphabet = ['a', 'b', 'c', '通', ' ', '1', '.', '_', '😀'];
    let compared = 0;
    for (let k = 0; k < 1_500; k++) {
      const source = randomPattern(rnd);
      const c = compilePattern(source);
      expect(c.ok, source).toBe(true);
      if (!c.ok) continue;
      const text = Array.from(
        { length: Math.floor(rnd() * 8) },
        () => alphabet[Math.floor(rnd() * alphabet.length)],
      ).join('');
      expect(run(c.pattern, text).hit, `${source} on ${JSON.stringify(text)}`).toBe(new RegExp(source, 'u').test(text));
      compared++;
    }
    expect(compared).toBe(1_500);
  });

  it.each([
    ['通话中|Talking', '通话中 Talking', true],
    ['^Talking$', 'Talking now', false],
    ['[Tt]alk', 'talk', true],
    ['保持 \\d+:\\d{2}', '保持 1:05', true],
    ['\\bHold\\b', 'Holding', false],
    ['\\u{1F600}|\\uD83D\\uDE00', '😀', true],
    ['^.$', '😀', true],
    ['\\x41\\u0042\\cJ?\\t?', 'AB', true],
    ['[\\-\\]]+', ']-', true],
    ['(?<state>Talking)', 'Talking', true],
    ['\\P{Script=Han}+', '通话', false],
    ['a{0}b', 'b', true],
    ['(?:)', '', true],
  ] as const)('%s on %s', (source, text, expected) => {
    expect(run(compiled(source), text).hit).toBe(expected);
    expect(new RegExp(source, 'u').test(text)).toBe(expected);
  });
});

describe('what page rules refuse', () => {
  it.each([
    ['(a)\\1', 'backreference'],
    ['(?<x>a)\\k<x>', 'backreference'],
    ['Talk(?=ing)', 'lookaround'],
    ['Talk(?!ing)', 'lookaround'],
    ['(?<=On )hold', 'lookaround'],
    ['(?<!Not )ready', 'lookaround'],
    ['(?:(?:a{100}){100})', 'too-complex'],
    ['x{100000}', 'too-complex'],
    ['(', 'syntax'],
    ['a{', 'syntax'],
    ['\\p{NotAProperty}', 'syntax'],
  ] as const)('%s (%s)', (source, refusal) => {
    const c = compilePattern(source);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.refusal).toBe(refusal);
  });

  it('refuses inline modifiers, whether or not this JavaScript engine knows them', () => {
    const c = compilePattern('(?i:talk)');
    expect(c.ok).toBe(false);
    if (!c.ok) expect(['modifier', 'syntax']).toContain(c.refusal);
  });

  it(`keeps every accepted program within ${MAX_PROGRAM} instructions`, () => {
    const c = compilePattern('(?:[a-z]{1,20}\\s?){1,40}$');
    expect(c.ok).toBe(true);
    if (c.ok) expect(c.pattern.program.length).toBeLessThanOrEqual(MAX_PROGRAM);
  });
});

describe('the matcher’s budget', () => {
  it('stops when its steps run out, and says it does not know', () => {
    const pattern = compiled('(a|aa)+$');
    const budget = { steps: 100, deadline: Infinity, clock: () => 0 };
    expect(matchPattern(pattern, `${'a'.repeat(500)}!`, budget)).toBeNull();
    expect(budget.steps).toBeLessThan(0);
  });

  it('stops at its deadline on the clock it is given', () => {
    let now = 0;
    const clock = () => (now += 1);
    const budget = { steps: 1e9, deadline: 3, clock };
    expect(matchPattern(compiled('(a|aa)+$'), `${'a'.repeat(RULE_TEXT_MAX)}!`, budget)).toBeNull();
    // It looks at the clock only every 1,024 steps, so it stopped within a few thousand steps.
    expect(1e9 - budget.steps).toBeLessThan(5_000);
  });
});
