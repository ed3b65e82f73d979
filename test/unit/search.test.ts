import { describe, expect, it } from 'vitest';
import { createKbIndex, normalizeText } from '@/utils/kb/search';

const articles = [
  { id: 'refund-policy-zh', title: '退款政策与话术', body: '七天无理由退货，退款原路返回。', tags: ['退款', '售后'] },
  {
    id: 'refund-policy-en',
    title: 'Refund policy and script',
    body: 'Refunds go back to the original payment method.',
    tags: ['refund', 'after-sales'],
  },
  {
    id: 'hold-en',
    title: 'Placing a caller on hold',
    body: 'Ask permission before the hold. Mention refund timelines only if asked.',
    tags: ['hold'],
  },
  { id: 'greeting-en', title: 'Opening greeting', body: 'Thank you for calling.', tags: ['greeting'] },
];

describe('createKbIndex', () => {
  const index = createKbIndex(articles);

  it('finds Chinese by substring and ranks the title match first', () => {
    const hits = index.search('退款');
    expect(hits[0]?.id).toBe('refund-policy-zh');
    expect(hits[0]?.titleRanges).toEqual([[0, 2]]);
  });

  it('is case- and width-insensitive and ranks title over body matches', () => {
    const hits = index.search('ＲＥＦＵＮＤ');
    expect(hits.map((h) => h.id)).toEqual(['refund-policy-en', 'hold-en']);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
  });

  it('requires every term to match', () => {
    expect(index.search('refund hold').map((h) => h.id)).toEqual(['hold-en']);
    expect(index.search('refund zebra')).toEqual([]);
  });

  it('returns the first articles for a blank query, and honours the limit', () => {
    expect(index.search('   ', { limit: 2 }).map((h) => h.id)).toEqual(['refund-policy-zh', 'refund-policy-en']);
    expect(index.search('e', { limit: 1 })).toHaveLength(1);
    expect(index.size).toBe(4);
  });

  it('normalises full-width text', () => {
    expect(normalizeText('ＡＢＣ１２３')).toBe('abc123');
  });
});
