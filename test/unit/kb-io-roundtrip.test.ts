import { describe, expect, it } from 'vitest';
import { packArticleId, type Article } from '@/utils/kb/article';
import { exportKb } from '@/utils/kb/io/export';
import { parseImport } from '@/utils/kb/io/parse';
import type { KbFormat } from '@/utils/kb/io/types';
import { richArticle, stored } from '../fixtures/kb-import/helpers';

const articles: Article[] = [
  stored(richArticle()),
  stored(
    richArticle({
      id: 'greeting-en',
      lang: 'en',
      kind: 'reply',
      title: 'Greeting, "quoted" & commas',
      body: 'Line one\r\nLine two with trailing spaces   \n\n---\n\nnot front matter',
      category: '',
      tags: [],
      keywords: ['[bracket]'],
      steps: [],
      placeholders: [],
      reviewBy: null,
      verifiedOn: null,
    }),
  ),
  stored(richArticle({ id: packArticleId('team-a', 'refund-script-zh'), title: 'Pack copy' }), {
    source: 'pack',
    packId: 'team-a',
  }),
  stored(richArticle({ id: packArticleId('team-a', 'pack-only'), title: 'Pack only' }), {
    source: 'pack',
    packId: 'team-a',
  }),
];

describe('export → import round trip', () => {
  it.each<KbFormat>(['json', 'csv', 'markdown'])('%s keeps every field', async (format) => {
    const file = exportKb(articles, format, new Date(2026, 2, 31, 9, 5));
    const ext = { json: 'json', csv: 'csv', markdown: 'zip' }[format];
    expect(file.fileName).toBe(`seatmate-kb-20260331-0905${format === 'markdown' ? '-markdown' : ''}.${ext}`);
    if (format === 'csv') expect([...file.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const back = await parseImport([{ name: file.fileName, bytes: file.bytes }]);
    expect(back.items.flatMap((i) => i.problems)).toEqual([]);
    const byId = new Map(back.items.map((i) => [i.article!.id, i.article!]));
    expect([...byId.keys()].sort()).toEqual([
      'greeting-en',
      'pack-only',
      'refund-script-zh',
      'team-a.refund-script-zh',
    ]);
    const { source: _s, createdAt: _c, updatedAt: _u, ...own } = articles[0]!;
    expect(byId.get('refund-script-zh')).toEqual(own);
    expect(byId.get('greeting-en')).toMatchObject({
      title: 'Greeting, "quoted" & commas',
      body: articles[1]!.body.trim(),
      keywords: ['[bracket]'],
      reviewBy: null,
    });
    expect(byId.get('pack-only')).toMatchObject({
      title: 'Pack only',
      steps: articles[3]!.steps,
      placeholders: articles[3]!.placeholders,
    });
  });
});
