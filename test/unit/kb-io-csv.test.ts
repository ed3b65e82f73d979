import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { formatKbCsv, parseKbCsv } from '@/utils/kb/io/csv';
import { articleInputSchema } from '@/utils/kb/article';
import { derivedArticleId } from '@/utils/kb/io/fields';
import { parseImport } from '@/utils/kb/io/parse';
import { ImportFileError } from '@/utils/kb/io/types';
import { fixture, utf8 } from '../fixtures/kb-import/helpers';

async function fileError(p: Promise<unknown>): Promise<ImportFileError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ImportFileError) return err;
    throw err;
  }
  throw new Error('expected an ImportFileError');
}

describe('CSV import', () => {
  it('refuses an empty file, a blank file and a header with no rows', async () => {
    expect((await fileError(parseImport([{ name: 'kb.csv', bytes: new Uint8Array() }]))).code).toBe('empty');
    expect((await fileError(parseKbCsv(' \r\n\n'))).code).toBe('empty');
    const headerOnly = await fileError(parseKbCsv('title,body\r\n'));
    expect(headerOnly.code).toBe('empty');
    expect(headerOnly.message).toMatch(/no articles/);
  });

  it('names unknown, repeated and missing columns', async () => {
    const err = await fileError(parseKbCsv('titel,body,colour,body\nA,B,C,D\n'));
    expect(err.code).toBe('columns');
    expect(err.detail).toContain('unknown column(s): titel, colour');
    expect(err.detail).toContain('repeated column(s): body');
    expect(err.detail).toContain('missing required column(s): title');
  });

  it('reads Chinese headers, full-width separators, Excel dates and a multi-line cell', async () => {
    const r = await parseImport([{ name: 'kb.csv', bytes: fixture('articles-zh.csv') }]);
    expect(r.format).toBe('csv');
    expect(r.items.map((i) => i.problems)).toEqual([[], []]);
    const [lost, invoice] = r.items;
    expect(lost!.where).toBe('line 2');
    expect(invoice!.where).toBe('line 4');
    expect(lost!.article).toMatchObject({
      id: 'kb-lost-parcel',
      lang: 'zh-CN',
      kind: 'script',
      title: '快递丢件理赔流程',
      category: '物流',
      tags: ['丢件', '理赔'],
      keywords: ['包裹丢了', '快递没到'],
      reviewBy: '2026-09-30',
      verifiedOn: null,
    });
    expect(lost!.article!.body).toBe('您好，很抱歉您的包裹丢失了。\n我们会在 3 个工作日内为您发起理赔。');
    expect(invoice!.article).toMatchObject({ kind: 'reply', keywords: ['开票', '报销'], reviewBy: null });
  });

  it('reads the same articles from the GBK and the BOM copies of the file', async () => {
    const plain = await parseImport([{ name: 'a.csv', bytes: fixture('articles-zh.csv') }]);
    const gbk = await parseImport([{ name: 'a.csv', bytes: fixture('articles-zh-gbk.csv') }]);
    const bom = await parseImport([{ name: 'a.csv', bytes: fixture('articles-zh-bom.csv') }]);
    expect(gbk.encoding).toBe('gb18030');
    expect(bom.encoding).toBe('utf-8-bom');
    expect(gbk.items).toEqual(plain.items);
    expect(bom.items).toEqual(plain.items);
  });

  it('gives rows without an id a stable id from language and title, so re-import is idempotent', async () => {
    const csv = 'title,body\n退款政策,七天无理由\nRefund policy,Seven days\n';
    const a = await parseKbCsv(csv);
    const b = await parseKbCsv(`title,body,tags\n退款政策,改过的正文,x\nRefund policy,Changed,y\n`);
    expect(a.map((i) => i.article?.id)).toEqual(b.map((i) => i.article?.id));
    expect(a[0]!.article).toMatchObject({ id: derivedArticleId('zh-CN', '退款政策'), lang: 'zh-CN' });
    expect(a[1]!.article).toMatchObject({ id: derivedArticleId('en', 'Refund policy'), lang: 'en' });
    expect(a[0]!.article!.id).not.toBe(a[1]!.article!.id);
  });

  it('names the line and field of each bad row, counting lines inside quoted cells', async () => {
    const csv = [
      'id,lang,title,body,steps,placeholders,reviewBy',
      'ok-1,en,Fine,"two',
      'lines",,,',
      'bad-lang,fr,Title,Body,,,',
      'bad-json,en,Title,Body,[{oops,,',
      'bad-date,en,Title,Body,,,31/03/2026',
      'no-title,en,,Body,,,',
      'short,en,Title',
      'bad id!,en,Title,Body,,,',
      'bad-ph,en,T,B,,"[{""key"":""x"",""label"":""X"",""type"":""choice"",""options"":[""a""]}]",',
    ].join('\n');
    const items = await parseKbCsv(csv);
    const summary = items.map((i) => [i.where, i.problems.map((p) => p.field)]);
    expect(summary).toEqual([
      ['line 2', []],
      ['line 4', ['lang']],
      ['line 5', ['steps']],
      ['line 6', ['reviewBy']],
      ['line 7', ['title']],
      ['line 8', ['(row)', 'replies']],
      ['line 9', ['id']],
      ['line 10', ['placeholders[0].options']],
    ]);
    expect(items[2]!.problems[0]!.message).toMatch(/JSON/);
    expect(items[5]!.problems[0]!.message).toMatch(/3 cells but the header has 7/);
    expect(items[5]!.problems[0]).toMatchObject({ code: 'cell-count', params: { cells: 3, columns: 7 } });
    expect(items[1]!.problems[0]).toMatchObject({ code: 'invalid_value', params: { values: 'zh-CN, en' } });
    expect(items[4]!.problems[0]).toMatchObject({ code: 'too_small', limit: 1 });
  });

  it('stores script tags and javascript: links in bodies as plain text', async () => {
    const body = '<script>alert("x")</script>\n[pay here](javascript:alert(1)) <img src=x onerror=alert(2)>';
    const [item] = await parseKbCsv(
      Papa.unparse([
        ['title', 'body'],
        ['Hostile', body],
      ]),
    );
    expect(item!.problems).toEqual([]);
    expect(item!.article!.body).toBe(body);
  });

  it('parses a 10 MB file with progress and yields to the event loop', async () => {
    const rows: string[][] = [['id', 'lang', 'title', 'body', 'tags', 'keywords']];
    const filler = '这是一段用于测试大文件导入的正文，包含中文与 English mixed text. '.repeat(12);
    let size = 0;
    for (let i = 0; size < 10 * 1024 * 1024; i++) {
      const row = [`big-${i}`, i % 2 ? 'en' : 'zh-CN', `文章 ${i}`, `${filler}#${i}`, 'a;b', '关键；词'];
      size += utf8(row.join(',')).length + 1;
      rows.push(row);
    }
    const bytes = utf8(Papa.unparse(rows));
    expect(bytes.length).toBeGreaterThanOrEqual(10 * 1024 * 1024);
    const progress: number[] = [];
    let timerRan = false;
    setTimeout(() => (timerRan = true), 0);
    const r = await parseImport([{ name: 'big.csv', bytes }], (done) => progress.push(done));
    expect(r.items).toHaveLength(rows.length - 1);
    expect(r.items.every((i) => i.problems.length === 0)).toBe(true);
    expect(progress.at(-1)).toBe(rows.length - 1);
    expect(progress.length).toBeGreaterThan(1);
    expect(timerRan).toBe(true);
  }, 60_000);

  it('refuses files over the size limit before reading them', async () => {
    const err = await fileError(parseImport([{ name: 'huge.csv', bytes: new Uint8Array(51 * 1024 * 1024) }]));
    expect(err.code).toBe('too-large');
  });
});

describe('CSV reply and notes columns', () => {
  it('reads reply, reply:<label>, notes and trigger columns (Chinese names too), in column order', async () => {
    const csv = Papa.unparse([
      ['标题', '回复', 'reply: E-mail', '备注', '快捷短语'],
      ['退款', '好的，马上为您办理。', 'Dear customer,\n\nyour refund is on its way.', '不要承诺到账日期', ';tk'],
      ['Only notes', '', '', 'Guidance only', ''],
    ]);
    const items = await parseKbCsv(csv);
    expect(items[0]!.problems).toEqual([]);
    expect(items[0]!.article).toMatchObject({
      replies: [
        { label: '', text: '好的，马上为您办理。' },
        { label: 'E-mail', text: 'Dear customer,\n\nyour refund is on its way.' },
      ],
      notes: '不要承诺到账日期',
      trigger: ';tk',
      body: '',
    });
    // No reply and no body: named at the reply, not a mystery.
    expect(items[1]!.problems.map((p) => p.field)).toEqual(['replies']);
  });

  it('refuses a header with neither a reply nor a body column, and a repeated reply label', async () => {
    await expect(parseKbCsv('title,notes\r\nA,B')).rejects.toThrow(/reply \(or body\)/);
    await expect(parseKbCsv('title,reply:Chat,reply: Chat\r\nA,B,C')).rejects.toThrow(/repeated column/);
  });

  it('writes one column per reply label, and reads back the same variants', async () => {
    const a = articleInputSchema.parse({
      id: 'a',
      lang: 'en',
      title: 'A',
      replies: [{ text: 'Hi.' }, { label: 'Chat', text: '=1+1 hi' }],
      notes: 'N',
      trigger: ';a',
    });
    const b = articleInputSchema.parse({ id: 'b', lang: 'en', title: 'B', replies: [{ label: 'Chat', text: 'Yo.' }] });
    const file = formatKbCsv([a, b]);
    expect(file.split('\r\n')[0]).toBe(
      'id,lang,kind,title,body,reply,reply:Chat,notes,trigger,category,tags,keywords,steps,placeholders,reviewBy,verifiedOn',
    );
    const back = await parseKbCsv(file);
    expect(back.map((i) => i.article?.replies)).toEqual([a.replies, b.replies]);
    expect(back[0]!.article).toMatchObject({ notes: 'N', trigger: ';a' });
  });
});
