import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseKbJson } from '@/utils/kb/io/json';
import { formatKbMarkdown, parseKbMarkdown } from '@/utils/kb/io/markdown';
import { parseImport } from '@/utils/kb/io/parse';
import { ImportFileError } from '@/utils/kb/io/types';
import { unzipMarkdown } from '@/utils/kb/io/zip';
import { fixture, utf8 } from '../fixtures/kb-import/helpers';

async function code(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    if (err instanceof ImportFileError) return err.code;
    throw err;
  }
  return 'no error';
}

describe('JSON import', () => {
  it('reads a Seatmate KB file with every field', async () => {
    const items = await parseKbJson(new TextDecoder().decode(fixture('kb.json')));
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ where: 'articles[0]', problems: [] });
    expect(items[0]!.article).toMatchObject({
      id: 'greeting-en',
      steps: [{ title: 'Open', lines: [{ text: 'Hello, StarSea service.', mustSay: true }] }],
      placeholders: [{ key: 'customerName', label: 'Customer name', type: 'text', options: [] }],
      reviewBy: '2026-12-31',
      verifiedOn: '2026-01-15',
    });
  });

  it('accepts a bare array and names bad items by index and field', async () => {
    const items = await parseKbJson(
      JSON.stringify([
        { id: 'a', lang: 'en', title: 'A', body: 'x' },
        { id: 'b', lang: 'en', title: '', body: 'x', tag: ['typo'] },
        'not an object',
      ]),
    );
    expect(items.map((i) => [i.where, i.problems.map((p) => p.field)])).toEqual([
      ['[0]', []],
      ['[1]', ['tag', 'title']],
      ['[2]', ['(row)']],
    ]);
  });

  it('refuses empty, broken, foreign and future files', async () => {
    expect(await code(parseKbJson(''))).toBe('empty');
    expect(await code(parseKbJson('{"format":"seatmate-kb","schemaVersion":1,"articles":[]}'))).toBe('empty');
    expect(await code(parseKbJson('{"articles": [}'))).toBe('json');
    expect(await code(parseKbJson('{"hello":"world"}'))).toBe('json');
    expect(await code(parseKbJson('{"format":"seatmate-kb","schemaVersion":2,"articles":[{}]}'))).toBe(
      'schema-version',
    );
  });
});

describe('Markdown import', () => {
  it('reads front matter and body; the file name is the id when front matter has none', async () => {
    const r = await parseImport([
      { name: 'kb/refund.md', bytes: fixture('md-folder/refund.md') },
      { name: 'kb/sub/delivery-en.md', bytes: fixture('md-folder/sub/delivery-en.md') },
      { name: 'kb/README.txt', bytes: fixture('md-folder/README.txt') },
      { name: 'kb/.hidden.md', bytes: utf8('junk') },
    ]);
    expect(r.format).toBe('markdown');
    expect(r.ignored).toEqual(['kb/README.txt']);
    expect(r.items.map((i) => [i.where, i.problems])).toEqual([
      ['kb/refund.md', []],
      ['kb/sub/delivery-en.md', []],
    ]);
    expect(r.items[0]!.article).toMatchObject({
      id: 'refund',
      lang: 'zh-CN',
      kind: 'policy',
      title: '退款政策',
      tags: ['退款', '政策'],
      keywords: ['退钱'],
      reviewBy: '2026-06-30',
      body: '七天无理由退款，签收后 7 日内可申请。',
    });
  });

  it('takes the title from the first heading and a stable id for a Chinese file name', () => {
    const item = parseKbMarkdown('退款.md', '# 退款须知\n\n请先核实订单。');
    expect(item.problems).toEqual([]);
    expect(item.article).toMatchObject({ title: '退款须知', lang: 'zh-CN', body: '# 退款须知\n\n请先核实订单。' });
    expect(item.article!.id).toMatch(/^kb-[0-9a-z]+$/);
    expect(parseKbMarkdown('退款 (副本).md', '# 退款须知\n\n别的正文').article!.id).toBe(item.article!.id);
  });

  it('names invalid front matter: bad YAML, unclosed block, unknown keys, bad values', () => {
    const bad = parseKbMarkdown('bad.md', '---\ntitle: [unclosed\nlang: en\n---\nBody');
    expect(bad.article).toBeNull();
    expect(bad.problems[0]).toMatchObject({
      field: 'front matter',
      code: 'yaml',
      params: { line: expect.any(Number) },
    });
    expect(bad.problems[0]!.message).toMatch(/invalid YAML/);

    const unclosed = parseKbMarkdown('open.md', '---\ntitle: A\nlang: en\nBody');
    expect(unclosed.problems.map((p) => p.field)).toContain('front matter');

    const unknown = parseKbMarkdown('unknown.md', '---\ntitle: A\nlang: en\nauthor: Li\n---\nBody');
    expect(unknown.problems).toEqual([expect.objectContaining({ field: 'author' })]);

    const values = parseKbMarkdown(
      'values.md',
      '---\ntitle: A\nlang: en\nreviewBy: someday\nsteps:\n  - title: Open\n    lines: []\n---\nBody',
    );
    expect(values.problems.map((p) => p.field).sort()).toEqual(['reviewBy', 'steps[0].lines']);

    const scalar = parseKbMarkdown('scalar.md', '---\njust text\n---\nBody');
    expect(scalar.problems[0]).toMatchObject({ field: 'front matter' });
  });

  it('keeps script tags and javascript: links in the body as text', () => {
    const body = '<script>steal()</script>\n\n[x](javascript:alert(1))';
    expect(parseKbMarkdown('x.md', `---\ntitle: X\nlang: en\n---\n\n${body}\n`).article!.body).toBe(body);
  });
});

describe('zip of Markdown', () => {
  const zip = (files: Record<string, string>) =>
    zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));

  it('reads folders, ignores __MACOSX, dotfiles and other files', async () => {
    const bytes = zip({
      'kb/refund.md': new TextDecoder().decode(fixture('md-folder/refund.md')),
      'kb/sub/delivery-en.md': new TextDecoder().decode(fixture('md-folder/sub/delivery-en.md')),
      '__MACOSX/kb/._refund.md': '\u0000\u0005junk',
      'kb/.DS_Store': 'junk',
      'kb/image.png': 'png',
    });
    const r = await parseImport([{ name: 'kb.zip', bytes }]);
    expect(r.items.map((i) => [i.where, i.article?.id])).toEqual([
      ['kb/refund.md', 'refund'],
      ['kb/sub/delivery-en.md', 'delivery-en'],
    ]);
    expect(r.ignored).toEqual(['kb/image.png']);
  });

  it('caps the uncompressed size, refuses a damaged zip and one without Markdown', async () => {
    const big = zip({ 'a.md': 'x'.repeat(2_000_000) });
    expect(await code(() => unzipMarkdown(big, 1_000_000))).toBe('too-large');
    expect(await code(parseImport([{ name: 'kb.zip', bytes: big.subarray(0, 100) }]))).toBe('zip');
    expect(await code(parseImport([{ name: 'kb.zip', bytes: zip({ 'a.txt': 'x' }) }]))).toBe('empty');
  });

  it('refuses mixtures and unknown file types', async () => {
    expect(await code(parseImport([{ name: 'notes.docx', bytes: utf8('x') }]))).toBe('unsupported');
    expect(
      await code(
        parseImport([
          { name: 'a.csv', bytes: utf8('title,body\nA,B') },
          { name: 'b.md', bytes: utf8('# B') },
        ]),
      ),
    ).toBe('mixed');
  });
});

describe('Markdown reply and notes sections', () => {
  it('splits ## Reply / ## Notes on import, writes them back the same way, and keeps a trigger', async () => {
    const md = [
      '---',
      'id: refund-md',
      'lang: en',
      'title: Refund',
      'trigger: ";rf"',
      '---',
      '',
      '## Reply: Chat',
      '',
      'Your refund is on its way.',
      '',
      '## Notes',
      '',
      'Never promise a date.',
    ].join('\n');
    const item = parseKbMarkdown('refund-md.md', md);
    expect(item.problems).toEqual([]);
    expect(item.article).toMatchObject({
      body: '',
      replies: [{ label: 'Chat', text: 'Your refund is on its way.' }],
      notes: 'Never promise a date.',
      trigger: ';rf',
    });
    const again = parseKbMarkdown('x.md', formatKbMarkdown(item.article!));
    expect(again.article).toEqual(item.article);
  });

  it('keeps a file without a reply heading whole, and refuses replies or notes in the front matter', () => {
    expect(parseKbMarkdown('old.md', '# Old\n\nJust text.').article).toMatchObject({
      body: '# Old\n\nJust text.',
      replies: [],
    });
    const bad = parseKbMarkdown('bad.md', '---\ntitle: X\nnotes: hidden\n---\n\nBody');
    expect(bad.problems.map((p) => [p.field, p.code])).toEqual([['notes', 'unknown-field']]);
  });
});
