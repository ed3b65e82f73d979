import { describe, expect, it } from 'vitest';
import { createInboxSearch, mergeRanges, plainQuery } from '@/utils/feedback/inbox-search';

const items = [
  { id: 'zh-refund', text: '退款流程需要三个人审批，太慢了' },
  { id: 'zh-schedule', text: '排班表下发太晚，周末加班没有提前通知' },
  { id: 'zh-headset', text: '耳机经常断线，客户听不清' },
  { id: 'en-queue', text: 'The queue tool freezes every afternoon' },
  { id: 'en-refund', text: 'Refund macro still mentions the old window' },
  { id: 'mixed', text: 'CRM 系统登录很慢, login takes minutes' },
];
const search = createInboxSearch(items);
const ids = (q: string) => search.search(q).map((h) => h.id);
const marked = (q: string, id: string) => {
  const hit = search.search(q).find((h) => h.id === id)!;
  const text = items.find((i) => i.id === id)!.text;
  return hit.ranges.map(([s, e]) => text.slice(s, e));
};

describe('inbox search', () => {
  it('finds Chinese by hanzi, full pinyin and initials, and highlights the characters', () => {
    expect(ids('退款')[0]).toBe('zh-refund');
    expect(marked('退款', 'zh-refund')).toEqual(['退款']);
    expect(ids('tuikuan')).toEqual(['zh-refund']);
    expect(marked('tuikuan', 'zh-refund')).toEqual(['退款']);
    expect(ids('paiban')).toEqual(['zh-schedule']);
    expect(ids('jcdx')).toEqual(['zh-headset']);
    expect(marked('jcdx', 'zh-headset')).toEqual(['经常断线']);
  });

  it('finds English despite a typo and highlights the word', () => {
    expect(ids('refnud')).toContain('en-refund');
    expect(marked('refund', 'en-refund')).toEqual(['Refund']);
    expect(ids('freezs')).toEqual(['en-queue']);
  });

  it('requires every word of a query, across scripts', () => {
    expect(ids('queue afternoon')).toEqual(['en-queue']);
    expect(ids('queue refund')).toEqual([]);
    expect(ids('登录 login')).toEqual(['mixed']);
  });

  it('treats search operators as plain text and finds nothing for a blank query', () => {
    expect(plainQuery("'=refund !^$ |")).toBe('refund');
    expect(ids('  ')).toEqual([]);
    expect(ids('|')).toEqual([]);
    expect(search.size).toBe(items.length);
  });

  it('merges overlapping highlight ranges', () => {
    expect(
      mergeRanges([
        [5, 7],
        [0, 2],
        [1, 3],
        [7, 9],
      ]),
    ).toEqual([
      [0, 3],
      [5, 9],
    ]);
  });
});
