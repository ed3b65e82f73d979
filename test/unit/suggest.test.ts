import { describe, expect, it } from 'vitest';
import { contextQueries, MAX_CONTEXT_QUERIES, suggestFromContext } from '@/utils/kb/suggest';
import { createKbIndex } from '@/utils/kb/search';

describe('suggestions from page context', () => {
  it('cuts context into words and Han pairs, without bare numbers', () => {
    expect(contextQueries('Refund for order 123456, customer ANGRY')).toEqual([
      'refund',
      'for',
      'order',
      'customer',
      'angry',
    ]);
    expect(contextQueries('退款 客户要求退款')).toEqual(['退款', '客户', '户要', '要求', '求退']);
    expect(contextQueries('词'.repeat(100)).length).toBeLessThanOrEqual(MAX_CONTEXT_QUERIES);
  });

  it('ranks the articles that match most of the context first', () => {
    const index = createKbIndex([
      { id: 'refund', title: 'Refund policy', body: 'How refunds work', tags: ['refund'] },
      { id: 'hold', title: 'Hold script', body: 'Placing a customer on hold', tags: [] },
      { id: 'tuikuan', title: '退款政策', body: '退款说明', tags: ['退款'] },
    ]);
    const search = (q: string) => index.search(q, { limit: 10 });
    expect(suggestFromContext('Customer wants a refund for order 12345', search)[0]).toBe('refund');
    expect(suggestFromContext('客户要求退款', search)[0]).toBe('tuikuan');
    expect(suggestFromContext('', search)).toEqual([]);
  });
});
