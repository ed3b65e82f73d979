import { describe, expect, it } from 'vitest';
import { emptyRule, fromDraft, toDraft } from '@/utils/console/rule-draft';

describe('page-rule drafts', () => {
  it('round-trips a stored rule through the form shape', () => {
    const rule = { selector: '#status', textPattern: 'Break', state: 'other' as const, code: 'lunch' };
    const draft = toDraft(rule);
    expect(draft).toMatchObject({ selector: '#status', textPattern: 'Break', state: 'other', code: 'lunch' });
    expect(fromDraft(draft)).toEqual(rule);
  });

  it('leaves out an empty text pattern, and a code unless the state is other', () => {
    const draft = { ...emptyRule(), selector: '.s', state: 'hold' as const, code: 'lunch' };
    expect(fromDraft(draft)).toEqual({ selector: '.s', state: 'hold' });
    expect(fromDraft({ ...draft, state: 'other', code: '' })).toEqual({
      selector: '.s',
      state: 'other',
      code: undefined,
    });
  });

  it('gives every draft its own key', () => {
    const keys = [emptyRule().key, emptyRule().key, toDraft({ selector: 'a', state: 'talk' }).key];
    expect(new Set(keys).size).toBe(3);
  });
});
