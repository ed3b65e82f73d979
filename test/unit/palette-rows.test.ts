import { describe, expect, it } from 'vitest';
import { localDay } from '@/utils/time/day';
import { pickedNumber } from '@/entrypoints/overlay/keys';
import { emptySearchRows } from '@/entrypoints/overlay/rows';
import type { ArticleUsage } from '@/utils/kb/usage';

const NOW = Date.UTC(2026, 10, 23, 9);
const DAY = 86_400_000;
const use = (articleId: string, over: Partial<ArticleUsage>): ArticleUsage => ({
  articleId,
  pinned: false,
  uses: 1,
  lastUsedAt: NOW - DAY,
  frecency: 1,
  ...over,
});
const hit = (id: string) => ({ id, score: 1, titleRanges: [] as Array<[number, number]> });

describe('empty-search groups', () => {
  it('orders suggested, pinned, recent by frecency, then the rest, each article once', () => {
    const rows = emptySearchRows({
      suggested: ['s1', 'p1'],
      usage: [
        use('r-old', { lastUsedAt: NOW - 30 * DAY, frecency: 3 }),
        use('p1', { pinned: true }),
        use('r-new', { frecency: 2 }),
        use('p2', { pinned: true, uses: 0, frecency: 0, lastUsedAt: 0 }),
        use('never', { uses: 0, frecency: 0, lastUsedAt: 0 }),
        use('gone', { frecency: 9 }),
      ],
      rest: ['a', 'r-new', 'b', 'p2', 'gone'].map(hit),
      exists: (id) => id !== 'gone',
      now: NOW,
    });
    expect(rows.map((r) => `${r.group}:${r.id}`)).toEqual([
      'suggested:s1',
      'suggested:p1',
      'pinned:p2',
      'recent:r-new',
      'recent:r-old',
      'all:a',
      'all:b',
    ]);
  });
});

describe('number keys', () => {
  const key = (init: Partial<KeyboardEvent>) =>
    ({ altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, key: '', code: '', ...init }) as KeyboardEvent;

  it('Alt+1…9 pick by physical key; plain digits only with an empty search', () => {
    expect(pickedNumber(key({ altKey: true, key: '¡', code: 'Digit1' }), false)).toBe(1);
    expect(pickedNumber(key({ altKey: true, key: '9', code: 'Numpad9' }), false)).toBe(9);
    expect(pickedNumber(key({ altKey: true, key: '0', code: 'Digit0' }), false)).toBeNull();
    expect(pickedNumber(key({ key: '4', code: 'Digit4' }), false)).toBeNull();
    expect(pickedNumber(key({ key: '4', code: 'Digit4' }), true)).toBe(4);
    expect(pickedNumber(key({ key: '4', code: 'Digit4', ctrlKey: true }), true)).toBeNull();
    expect(pickedNumber(key({ key: 'k', code: 'KeyK', altKey: true }), true)).toBeNull();
  });

  it('gives the local day', () => {
    expect(localDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });
});
