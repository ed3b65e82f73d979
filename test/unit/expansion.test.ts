import { describe, expect, it } from 'vitest';
import {
  isExpansionKey,
  mayExpandIn,
  readTriggerList,
  triggerBeforeCaret,
  TRIGGER_PATTERN,
} from '@/utils/console/expansion';
import { triggerSchema } from '@/utils/kb/article';
import { buildTriggerMap, triggerList } from '@/utils/kb/triggers';

const TRIGGERS = new Set([';tk', '/退款', ';pw', ';pw2']);

describe('triggerBeforeCaret', () => {
  it.each([
    [';tk', ';tk'],
    ['Hi ;tk', ';tk'],
    ['line\n;tk', ';tk'],
    ['您好/退款', '/退款'],
    ['您好，/退款', '/退款'],
    ['(;pw', ';pw'],
    [';pw2', ';pw2'],
  ])('%j ends with the trigger %j', (before, trigger) => {
    expect(triggerBeforeCaret(before, TRIGGERS)).toBe(trigger);
  });

  it.each([
    ['abc;tk'],
    ['http://x/退款'],
    ['a.b/退款'],
    ['9;tk'],
    [';TK'],
    [';tkx'],
    [';t'],
    [''],
    [';tk '],
    ['a;;tk'],
  ])('%j has no trigger before the caret', (before) => {
    expect(triggerBeforeCaret(before, TRIGGERS)).toBeNull();
  });

  it('finds nothing with no triggers, and looks only at the last 25 characters', () => {
    expect(triggerBeforeCaret(';tk', new Set())).toBeNull();
    const long = `;${'a'.repeat(24)}`;
    expect(triggerBeforeCaret(`x ${long}`, new Set([long]))).toBe(long);
  });
});

describe('isExpansionKey', () => {
  const key = (k: string, extra: Partial<Parameters<typeof isExpansionKey>[0]> = {}) => ({
    key: k,
    shiftKey: false,
    ctrlKey: false,
    altKey: false,
    metaKey: false,
    isComposing: false,
    ...extra,
  });
  it('takes plain Space, Enter and Tab', () => {
    for (const k of [' ', 'Enter', 'Tab']) expect(isExpansionKey(key(k))).toBe(true);
  });
  it('refuses other keys, modified keys and keys of an IME composition', () => {
    expect(isExpansionKey(key('a'))).toBe(false);
    expect(isExpansionKey(key('Enter', { shiftKey: true }))).toBe(false);
    expect(isExpansionKey(key('Enter', { ctrlKey: true }))).toBe(false);
    expect(isExpansionKey(key(' ', { isComposing: true }))).toBe(false);
    expect(isExpansionKey(key(' ', { keyCode: 229 }))).toBe(false);
  });
});

describe('mayExpandIn', () => {
  const marks = { inputType: 'text', autocomplete: '', seatmate: [] as string[] };
  it('expands in ordinary fields', () => {
    expect(mayExpandIn(marks)).toBe(true);
    expect(mayExpandIn({ ...marks, autocomplete: 'off' })).toBe(true);
    expect(mayExpandIn({ ...marks, seatmate: ['on'] })).toBe(true);
  });
  it('never in passwords, one-time codes, card fields, or inside data-seatmate="off"', () => {
    expect(mayExpandIn({ ...marks, inputType: 'password' })).toBe(false);
    expect(mayExpandIn({ ...marks, autocomplete: 'current-password' })).toBe(false);
    expect(mayExpandIn({ ...marks, autocomplete: 'section-x new-password' })).toBe(false);
    expect(mayExpandIn({ ...marks, autocomplete: 'one-time-code' })).toBe(false);
    expect(mayExpandIn({ ...marks, autocomplete: 'CC-Number' })).toBe(false);
    expect(mayExpandIn({ ...marks, seatmate: ['', 'off'] })).toBe(false);
    expect(mayExpandIn({ ...marks, seatmate: ['false'] })).toBe(false);
  });
});

describe('the trigger rule', () => {
  it('is the article schema’s rule', () => {
    for (const t of [';tk', '/退款', ';a_b-1', `;${'x'.repeat(24)}`, ';', `;${'x'.repeat(25)}`, 'tk', ';t k', ';t;k']) {
      expect(TRIGGER_PATTERN.test(t), t).toBe(triggerSchema.safeParse(t).success);
    }
  });
  it('keeps the valid strings of a stored list', () => {
    expect(readTriggerList([';tk', 5, 'bad', '/退款'])).toEqual([';tk', '/退款']);
    expect(readTriggerList('x')).toEqual([]);
  });
});

describe('buildTriggerMap', () => {
  const a = (id: string, trigger: string | undefined, source = 'sample', lang = 'en') => ({
    id,
    trigger,
    source,
    lang,
  });
  it('maps each trigger to one article: the agent’s own first, then sample, then packs; stable by id', () => {
    const map = buildTriggerMap([
      a('p/x', ';tk', 'pack'),
      a('s-b', ';tk', 'sample'),
      a('s-a', ';tk', 'sample'),
      a('own', ';pw', 'local'),
      a('p/y', ';pw', 'pack'),
      a('none', undefined),
      a('bad', 'nope'),
    ]);
    expect(Object.fromEntries(map)).toEqual({ ';tk': 's-a', ';pw': 'own' });
    expect(triggerList(map)).toEqual([';pw', ';tk']);
  });
  it('prefers the agent’s language among equals', () => {
    const map = buildTriggerMap([a('a-en', ';tk', 'sample', 'en'), a('b-zh', ';tk', 'sample', 'zh-CN')], 'zh-CN');
    expect(map.get(';tk')).toBe('b-zh');
  });
});
