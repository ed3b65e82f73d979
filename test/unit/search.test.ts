import { describe, expect, it } from 'vitest';
import { createKbIndex, normalizeText, type SearchableArticle } from '@/utils/kb/search';
import { editDistance, foldText, queryTerms } from '@/utils/kb/search-text';

const articles: SearchableArticle[] = [
  {
    id: 'surrender-fee-zh',
    title: '退保费用怎么计算',
    body: '犹豫期后退保，扣除手续费后退还现金价值。',
    tags: ['退保', '保单'],
    keywords: ['解约'],
    category: '保单服务',
    kind: 'policy',
  },
  {
    id: 'refund-policy-zh',
    title: '退款政策与话术',
    body: '七天无理由退货，退款原路返回。',
    tags: ['退款', '售后'],
    category: '退款',
    kind: 'script',
  },
  {
    id: 'refund-policy-en',
    title: 'Refund policy and script',
    body: 'Refunds go back to the original payment method.',
    tags: ['refund', 'after-sales'],
    category: 'Refunds',
    kind: 'script',
  },
  {
    id: 'cancel-en',
    title: 'Cancelling a subscription',
    body: 'Confirm the account, explain the cooling-off period, then cancel.',
    tags: ['cancellation'],
    kind: 'reply',
  },
  {
    id: 'hold-en',
    title: 'Placing a caller on hold',
    body: 'Ask permission before the hold. Mention refund timelines only if asked.',
    tags: ['hold'],
    kind: 'script',
  },
  {
    id: 'delivery-zh',
    title: '物流延误安抚话术',
    body: '先致歉，再查询物流单号。',
    tags: ['物流'],
    keywords: ['快递慢', '没收到货'],
    kind: 'reply',
  },
  {
    id: 'chongqing-zh',
    title: '重庆门店地址',
    body: '解放碑店。',
    tags: ['门店'],
    kind: 'faq',
  },
];

const ids = (hits: Array<{ id: string }>) => hits.map((h) => h.id);

describe('createKbIndex: what agents type', () => {
  const index = createKbIndex(articles);

  it('finds a hanzi substring and marks it in the title', () => {
    const [top] = index.search('退保费用');
    expect(top?.id).toBe('surrender-fee-zh');
    expect(top?.titleRanges).toEqual([[0, 4]]);
  });

  it('finds words in another order', () => {
    expect(index.search('费用 退保')[0]?.id).toBe('surrender-fee-zh');
    expect(index.search('script refund')[0]?.id).toBe('refund-policy-en');
  });

  it('finds pinyin initials and marks the characters they stand for', () => {
    const [top] = index.search('tbfy');
    expect(top?.id).toBe('surrender-fee-zh');
    expect(top?.titleRanges).toEqual([[0, 4]]);
    expect(index.search('tkzc')[0]?.id).toBe('refund-policy-zh');
    expect(index.search('wlyw')[0]?.id).toBe('delivery-zh');
  });

  it('finds full pinyin, also while a syllable is still being typed', () => {
    expect(index.search('tuibao')[0]?.id).toBe('surrender-fee-zh');
    expect(index.search('tuib')[0]?.id).toBe('surrender-fee-zh');
    expect(index.search('tuikuan')[0]?.id).toBe('refund-policy-zh');
    // Polyphones are read in context: 重庆 is chong qing, not zhong qing.
    expect(index.search('chongqing')[0]?.id).toBe('chongqing-zh');
  });

  it('forgives a homophone slip from the IME', () => {
    expect(index.search('退保费永')[0]?.id).toBe('surrender-fee-zh');
    expect(index.search('物流眼误')[0]?.id).toBe('delivery-zh');
  });

  it('forgives English typos', () => {
    expect(index.search('refnud')[0]?.id).toBe('refund-policy-en');
    expect(index.search('cancle')[0]?.id).toBe('cancel-en');
    expect(index.search('subscirption')[0]?.id).toBe('cancel-en');
  });

  it('corrects a slip in the word being typed even when it starts other words', () => {
    const index = createKbIndex([
      { id: 'cigna', title: 'Does Cigna cover liposuction?', body: 'x', tags: [] },
      { id: 'cigar', title: 'Cigar lounge liability cover', body: 'x', tags: [] },
    ]);
    // `ciga` starts "cigar", but with "liposuction" only Cigna fits.
    expect(ids(index.search('liposuction ciga'))).toEqual(['cigna']);
    expect(index.search('cover ciga')[0]?.id).toBe('cigar');
  });

  it('matches an English word still being typed', () => {
    expect(index.search('refund pol')[0]?.id).toBe('refund-policy-en');
    expect(index.search('cancel')[0]?.id).toBe('cancel-en');
  });

  it('finds what customers say through keywords', () => {
    expect(index.search('快递慢')[0]?.id).toBe('delivery-zh');
    expect(index.search('解约')[0]?.id).toBe('surrender-fee-zh');
  });

  it('ranks title above body, and exact above fuzzy', () => {
    const hits = index.search('refund');
    expect(ids(hits).slice(0, 2)).toEqual(['refund-policy-en', 'hold-en']);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]!.score);
    // `hold` is a whole word in one title; `holy` (a typo of it) ranks below the real word.
    expect(index.search('hold')[0]!.score).toBeGreaterThan(index.search('holy')[0]?.score ?? 0);
  });

  it('requires every term of a short query to match', () => {
    expect(ids(index.search('refund hold'))).toEqual(['hold-en']);
    expect(index.search('refund zebra')).toEqual([]);
    expect(index.search('zzzz')).toEqual([]);
  });

  it('is case- and width-insensitive', () => {
    expect(index.search('ＲＥＦＵＮＤ')[0]?.id).toBe('refund-policy-en');
    expect(normalizeText('ＡＢＣ１２３')).toBe('abc123');
    expect(foldText('ＲＥＦＵＮＤ Policy')).toBe('refund policy');
  });
});

describe('createKbIndex: filters, boosts and limits', () => {
  const index = createKbIndex(articles);

  it('filters by #tag or #category, also by its pinyin or initials', () => {
    expect(ids(index.search('#退款'))).toEqual(['refund-policy-zh']);
    expect(ids(index.search('#tk'))).toEqual(['refund-policy-zh']);
    expect(ids(index.search('#refund'))).toEqual(['refund-policy-en']);
    expect(ids(index.search('话术 #退款'))).toEqual(['refund-policy-zh']);
  });

  it('filters by kind', () => {
    expect(ids(index.search('refund', { kinds: ['reply'] }))).toEqual([]);
    expect(ids(index.search('', { kinds: ['faq'] }))).toEqual(['chongqing-zh']);
  });

  it('lets pins and frecency lift an article among equal matches', () => {
    const plain = index.search('话术');
    expect(ids(plain)).toEqual(['refund-policy-zh', 'delivery-zh']);
    const boosted = index.search('话术', { boost: (id) => (id === 'delivery-zh' ? 2 : 1) });
    expect(ids(boosted)).toEqual(['delivery-zh', 'refund-policy-zh']);
  });

  it('lists articles for a blank query, boosted first, and honours the limit', () => {
    expect(ids(index.search('   ', { limit: 2 }))).toEqual(['surrender-fee-zh', 'refund-policy-zh']);
    expect(ids(index.search('', { limit: 1, boost: (id) => (id === 'hold-en' ? 3 : 1) }))).toEqual(['hold-en']);
    expect(index.search('r', { limit: 1 })).toHaveLength(1);
    expect(index.search('refund', { limit: 0 })).toEqual([]);
    expect(index.size).toBe(articles.length);
  });
});

describe('createKbIndex: incremental updates', () => {
  it('adds, replaces and removes articles without a rebuild', () => {
    const index = createKbIndex(articles);
    index.upsert({ id: 'new-zh', title: '发票开具流程', body: '电子发票发到邮箱。', tags: ['发票'] });
    expect(index.search('fpkj')[0]?.id).toBe('new-zh');
    expect(index.search('invoice')).toEqual([]);
    index.upsert({ id: 'new-zh', title: 'Invoice requests', body: 'Sent by email.', tags: [] });
    expect(index.search('fpkj')).toEqual([]);
    expect(index.search('invoice')[0]?.id).toBe('new-zh');
    expect(index.search('invioce')[0]?.id).toBe('new-zh');
    expect(index.size).toBe(articles.length + 1);
    index.remove('new-zh');
    expect(index.search('invoice')).toEqual([]);
    index.remove('no-such-id');
    expect(index.size).toBe(articles.length);
  });

  it('stays correct through many edits of the same article', () => {
    const index = createKbIndex([]);
    for (let i = 0; i < 600; i++) {
      index.upsert({ id: `a${i % 50}`, title: `Topic ${i} refund`, body: 'x', tags: [] });
    }
    expect(index.size).toBe(50);
    expect(index.search('refund', { limit: 100 })).toHaveLength(50);
    expect(index.search('599')[0]?.id).toBe('a49');
  });
});

describe('search text helpers', () => {
  it('measures edits with swaps counting once', () => {
    expect(editDistance('refnud', 'refund', 1)).toBe(1);
    expect(editDistance('cancle', 'cancel', 1)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
    expect(editDistance('retirement', 'rtirement', 2)).toBe(1);
  });

  it('splits queries on spaces and Chinese or ASCII punctuation', () => {
    expect(queryTerms('退款，政策  refund/POLICY')).toEqual(['退款', '政策', 'refund', 'policy']);
  });
});
