import { describe, expect, it } from 'vitest';
import {
  conventionHeading,
  insertableParts,
  insertableText,
  insertsWholeBody,
  joinBody,
  splitBody,
} from '@/utils/kb/article-reply';
import { articleInputSchema } from '@/utils/kb/article';
import { articlePlaceholders } from '@/utils/kb/placeholders';
import { searchedBody } from '@/utils/kb/search-doc';
import { createKbIndex } from '@/utils/kb/search';
import sample from '@/assets/demo/sample-kb.json';

describe('the Markdown convention', () => {
  it('reads reply and notes headings in both languages, with labels, and nothing else', () => {
    expect(conventionHeading('## Reply')).toEqual({ kind: 'reply', label: '' });
    expect(conventionHeading('## Reply: E-mail')).toEqual({ kind: 'reply', label: 'E-mail' });
    expect(conventionHeading('## 回复：短')).toEqual({ kind: 'reply', label: '短' });
    expect(conventionHeading('## 备注')).toEqual({ kind: 'notes' });
    expect(conventionHeading('## Internal notes')).toEqual({ kind: 'notes' });
    expect(conventionHeading('### Reply')).toBeNull();
    expect(conventionHeading('## Steps')).toBeNull();
    expect(conventionHeading('## Notes: extra')).toBeNull();
  });

  it('splits variants and notes; text outside a reply goes to the notes; code fences are not read', () => {
    const body = [
      'Check the order first.',
      '',
      '## Reply: Chat',
      '',
      'Your refund is on its way.',
      '',
      '## Reply: E-mail',
      '',
      'Dear customer,',
      '',
      'your refund is on its way.',
      '',
      '## 备注',
      '',
      '```',
      '## Reply',
      '```',
      'Never promise a date.',
    ].join('\n');
    expect(splitBody(body)).toEqual({
      replies: [
        { label: 'Chat', text: 'Your refund is on its way.' },
        { label: 'E-mail', text: 'Dear customer,\n\nyour refund is on its way.' },
      ],
      notes: 'Check the order first.\n\n```\n## Reply\n```\nNever promise a date.',
    });
  });

  it('leaves a body without a reply heading whole, and an empty reply is no reply', () => {
    expect(splitBody('Hello\n\n## Notes\n\nx')).toBeNull();
    expect(splitBody('## Reply\n\n\n## Notes\n\nx')).toBeNull();
  });

  it('round-trips through joinBody in both languages', () => {
    const parts = {
      replies: [
        { label: '', text: 'Hi {{customerName}}.' },
        { label: 'Short', text: 'Hi.' },
      ],
      notes: 'N.',
    };
    expect(splitBody(joinBody(parts, 'en'))).toEqual(parts);
    expect(splitBody(joinBody(parts, 'zh-CN'))).toEqual(parts);
    expect(joinBody(parts, 'zh-CN')).toContain('## 回复：Short');
  });
});

describe('what an insert sends', () => {
  const article = {
    replies: [
      { label: '', text: 'First.\n\nSecond paragraph.' },
      { label: 'Short', text: 'Short one.' },
    ],
    body: '',
    steps: [{ title: 'Open', lines: [{ text: 'Hello {{customerName}}.' }] }],
  };

  it('is a reply, never the notes; an old article sends its whole body', () => {
    expect(insertableText(article)).toEqual({ text: 'First.\n\nSecond paragraph.', whole: false });
    expect(insertableText(article, 1).text).toBe('Short one.');
    expect(insertableText(article, 9).text).toBe('Short one.');
    expect(insertableText({ replies: [], body: 'All of it.' })).toEqual({ text: 'All of it.', whole: true });
    expect(insertsWholeBody({ replies: [] })).toBe(true);
  });

  it('offers each variant, its paragraphs when it has several, then the script lines', () => {
    expect(insertableParts(article).map((p) => [p.kind, p.label, p.text])).toEqual([
      ['reply', '', 'First.\n\nSecond paragraph.'],
      ['paragraph', '', 'First.'],
      ['paragraph', '', 'Second paragraph.'],
      ['reply', 'Short', 'Short one.'],
      ['line', 'Open', 'Hello {{customerName}}.'],
    ]);
    expect(insertableParts({ replies: [], body: 'A\n\nB', steps: [] }).map((p) => p.text)).toEqual([
      'A\n\nB',
      'A',
      'B',
    ]);
  });
});

describe('articles with replies', () => {
  const base = { id: 'x', lang: 'en', title: 'T' } as const;

  it('need a reply or a body, named at replies', () => {
    const r = articleInputSchema.safeParse({ ...base });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join('.'))).toEqual(['replies']);
    expect(articleInputSchema.parse({ ...base, replies: [{ text: 'Hi' }] }).replies).toEqual([
      { label: '', text: 'Hi' },
    ]);
    expect(articleInputSchema.parse({ ...base, body: 'Old' }).replies).toEqual([]);
  });

  it('refuse a trigger that is not ; or / and a short word', () => {
    expect(articleInputSchema.parse({ ...base, body: 'b', trigger: ';tk' }).trigger).toBe(';tk');
    expect(articleInputSchema.parse({ ...base, body: 'b', trigger: '/退款' }).trigger).toBe('/退款');
    for (const bad of ['tk', ';', '; tk', ';' + 'a'.repeat(25), '/a<b'])
      expect(articleInputSchema.safeParse({ ...base, body: 'b', trigger: bad }).success, bad).toBe(false);
  });

  it('ask for placeholders of the replies and steps, not of the notes', () => {
    const a = articleInputSchema.parse({
      ...base,
      replies: [{ text: 'Order {{orderNumber}}' }],
      notes: 'Look up {{internalCode}}',
    });
    expect(articlePlaceholders(a).map((p) => p.key)).toEqual(['orderNumber']);
  });

  it('are found by words of their reply and of their notes', () => {
    const index = createKbIndex([
      {
        id: 'r',
        title: 'Refund',
        body: '',
        replies: [{ text: 'Your money goes back' }],
        notes: 'Eligibility window',
        tags: [],
      },
    ]);
    expect(index.search('money').map((h) => h.id)).toEqual(['r']);
    expect(index.search('eligibility').map((h) => h.id)).toEqual(['r']);
    expect(searchedBody({ body: 'old', replies: [{ text: 'a' }], notes: 'n' })).toBe('a\nn\nold');
  });
});

describe('the sample KB', () => {
  it('has a reply for every article, short enough for a 500-character chat box, and notes apart', () => {
    for (const raw of sample.articles) {
      const a = articleInputSchema.parse(raw);
      expect(a.replies.length, a.id).toBeGreaterThan(0);
      expect(a.body, a.id).toBe('');
      for (const r of a.replies) expect(r.text.length, a.id).toBeLessThan(500);
      expect(a.notes.length, a.id).toBeGreaterThan(0);
      // Internal guidance never sits in a reply.
      for (const r of a.replies) expect(r.text, a.id).not.toMatch(/never promise|不要承诺|Do not promise|###/i);
    }
  });
});
