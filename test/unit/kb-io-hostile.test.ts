import { describe, expect, it } from 'vitest';
import { articleInputSchema } from '@/utils/kb/article';
import { defuseCell, restoreCell } from '@/utils/kb/io/csv-cells';
import { formatKbCsv, parseKbCsv } from '@/utils/kb/io/csv';
import { EncodingError, decodeImportText } from '@/utils/kb/io/encoding';
import { findDuplicateKeys } from '@/utils/kb/io/json-keys';
import { parseKbJson } from '@/utils/kb/io/json';
import { parseImport } from '@/utils/kb/io/parse';
import { classifyImport } from '@/utils/kb/io/preview';
import { ImportFileError } from '@/utils/kb/io/types';
import { crc32, unzipMarkdown } from '@/utils/kb/io/zip';
import { fixture, richArticle } from '../fixtures/kb-import/helpers';
import { encodeLegacy, makeZip, utf8 } from '../support/hostile';

function refusal(f: () => unknown): { reason: string; message: string; detail: string } {
  try {
    f();
  } catch (err) {
    if (err instanceof EncodingError) return { reason: err.reason, message: err.message, detail: err.detail };
    throw err;
  }
  throw new Error('not refused');
}

describe('encodings that would import as mojibake are refused, naming the file', () => {
  const csv = (title: string, body: string) => `title,body\n${title},${body}\n`;

  it.each([
    ['Shift-JIS', encodeLegacy(csv('返金ポリシー', '返金は七日以内に受け付けます。'), 'shift_jis'), 'japanese'],
    ['Shift-JIS, kanji only', encodeLegacy(csv('返金', '返金'), 'shift_jis'), 'unknown'],
    ['EUC-KR', encodeLegacy(csv('환불 정책', '환불은 7일 이내에 가능합니다.'), 'euc-kr'), 'korean'],
    ['EUC-KR, short words', encodeLegacy(csv('주문 취소', '회원 탈퇴 방법'), 'euc-kr'), 'korean'],
    ['Big5', encodeLegacy(csv('退款政策', '您好，退款將於七個工作天內完成。'), 'big5'), 'unknown'],
    ['Latin-1', encodeLegacy(csv('Café', 'résumé déjà vu'), 'windows-1252'), 'unknown'],
  ])('%s', (_name, bytes, reason) => {
    const r = refusal(() => decodeImportText(bytes, 'refund.csv'));
    expect(r.reason).toBe(reason);
    expect(r.detail).toBe('refund.csv');
    expect(r.message).toMatch(/^refund\.csv: .*Save it as UTF-8/);
  });

  it('invalid UTF-8 is refused with the line of the first damaged byte', () => {
    const good = utf8('title,body\n退款政策,七天无理由退货\n物流延误,预计三天送达\n');
    const at = utf8('title,body\n退款政策,七天').length;
    const bad = Uint8Array.from([...good.subarray(0, at), 0xc3, 0x28, ...good.subarray(at)]);
    const r = refusal(() => decodeImportText(bad, 'kb.csv'));
    expect(r.reason).toBe('damaged-utf8');
    expect(r.message).toMatch(/line 2/);
    // Cut in the middle of a character, too.
    expect(refusal(() => decodeImportText(good.subarray(0, good.length - 2), 'kb.csv')).reason).toBe('damaged-utf8');
  });

  it('still reads real GBK, short or long', () => {
    expect(decodeImportText(encodeLegacy(csv('订单', '编辑'), 'gbk')).encoding).toBe('gb18030');
    expect(decodeImportText(fixture('articles-zh-gbk.csv')).encoding).toBe('gb18030');
    const long = csv('物流延误', '您好，您的包裹因天气原因延误，预计明天送达。↑↓ 请稍候。');
    expect(decodeImportText(encodeLegacy(long, 'gbk'))).toEqual({ text: long, encoding: 'gb18030' });
  });

  it('the whole import is refused with the file named, and nothing is parsed', async () => {
    const bytes = encodeLegacy(csv('返金ポリシー', 'ポリシー'), 'shift_jis');
    await expect(parseImport([{ name: 'jp.csv', bytes }])).rejects.toMatchObject({
      code: 'encoding',
      detail: 'jp.csv',
    });
  });
});

describe('Markdown: every per-file problem is that file’s error; the other files are still previewed', () => {
  const good = '---\ntitle: Refund\nlang: en\n---\nBody';
  const aliasBomb = [
    '---',
    'a: &a ["x","x","x","x","x","x","x","x","x"]',
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    'title: Bomb',
    'lang: en',
    '---',
    'body',
  ].join('\n');

  it('YAML alias bomb, {toString: 1} values, deep nesting, bad encoding: located, others kept', async () => {
    const files = [
      { name: 'kb/good.md', bytes: utf8(good) },
      { name: 'kb/bomb.md', bytes: utf8(aliasBomb) },
      { name: 'kb/tostring.md', bytes: utf8('---\ntitle: {toString: 1}\nlang: {toString: 1}\n---\nbody') },
      { name: 'kb/deep.md', bytes: utf8(`---\ntitle: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n---\nx`) },
      { name: 'kb/jp.md', bytes: encodeLegacy('---\ntitle: 返金ポリシー\nlang: en\n---\nポリシー', 'shift_jis') },
    ];
    const parsed = await parseImport(files);
    const byFile = new Map(parsed.items.map((i) => [i.where, i]));
    expect(byFile.get('kb/good.md')!.article?.title).toBe('Refund');
    expect(byFile.get('kb/bomb.md')!.problems[0]).toMatchObject({ field: 'front matter', code: 'yaml' });
    expect(byFile.get('kb/bomb.md')!.problems[0]!.message).toMatch(/alias/i);
    expect(
      byFile
        .get('kb/tostring.md')!
        .problems.map((p) => p.field)
        .sort(),
    ).toEqual(['lang', 'title']);
    expect(byFile.get('kb/deep.md')!.article).toBeNull();
    expect(byFile.get('kb/jp.md')!.problems[0]).toMatchObject({
      field: '(file)',
      params: { fileCode: 'encoding', reason: 'japanese' },
    });
    const preview = classifyImport(parsed, new Map());
    expect(preview.new.map((e) => e.where)).toEqual(['kb/good.md']);
    expect(preview.invalidItems).toBe(4);
  });
});

describe('zip entries', () => {
  const md = (title: string) => utf8(`---\ntitle: ${title}\nlang: en\n---\nBody of ${title}`);

  it('lists a repeated entry and entries climbing out of the folder as skipped', async () => {
    const zip = makeZip([
      { name: 'kb/refund.md', data: md('First') },
      { name: 'kb/refund.md', data: md('Second') },
      { name: '../../etc/evil.md', data: md('Evil') },
      { name: '/abs/evil.md', data: md('Abs') },
      { name: 'C:/win/evil.md', data: md('Drive') },
      { name: 'kb\\..\\..\\evil.md', data: md('Backslash') },
      { name: 'kb/ok.md', data: md('Ok') },
    ]);
    const r = await parseImport([{ name: 'kb.zip', bytes: zip }]);
    expect(r.items.map((i) => [i.where, i.article?.title])).toEqual([
      ['kb/ok.md', 'Ok'],
      ['kb/refund.md', 'First'],
    ]);
    expect(r.skipped).toEqual([
      { path: 'kb/refund.md', reason: 'duplicate' },
      { path: '../../etc/evil.md', reason: 'unsafe-path' },
      { path: '/abs/evil.md', reason: 'unsafe-path' },
      { path: 'C:/win/evil.md', reason: 'unsafe-path' },
      { path: 'kb/../../evil.md', reason: 'unsafe-path' },
    ]);
    expect(classifyImport(r, new Map()).skipped).toHaveLength(5);
  });

  it('detects a wrong CRC-32 as that file’s error and reads the others', async () => {
    const bad = md('Bad');
    const zip = makeZip([
      { name: 'bad.md', data: bad, crc: crc32(bad) ^ 1 },
      { name: 'good.md', data: md('Good') },
    ]);
    const r = await parseImport([{ name: 'kb.zip', bytes: zip }]);
    expect(r.items.find((i) => i.where === 'bad.md')!.problems[0]).toMatchObject({
      field: '(file)',
      params: { fileCode: 'zip', damage: 'crc' },
    });
    expect(r.items.find((i) => i.where === 'good.md')!.article?.title).toBe('Good');
    // A byte flipped in the stored data is caught the same way.
    const flipped = makeZip([{ name: 'x.md', data: md('X') }]);
    flipped[40] = flipped[40]! ^ 0x20;
    expect(unzipMarkdown(flipped).entries[0]).toMatchObject({ path: 'x.md', damage: 'crc' });
  });

  it('refuses a zip whose directory is missing or points outside the file', () => {
    const zip = makeZip([{ name: 'a.md', data: md('A') }]);
    expect(() => unzipMarkdown(zip.subarray(0, zip.length - 22))).toThrow(ImportFileError);
    const lying = zip.slice();
    new DataView(lying.buffer).setUint32(lying.length - 6, 0x7fffffff, true);
    expect(() => unzipMarkdown(lying)).toThrow(/cannot be read/);
  });

  it('names GBK-encoded file names the way Chinese Windows wrote them', () => {
    const zip = makeZip([{ name: '', rawName: encodeLegacy('退款.md', 'gbk'), data: md('退款') }]);
    expect(unzipMarkdown(zip).entries.map((e) => e.path)).toEqual(['退款.md']);
  });
});

describe('KB CSV export cannot run formulas in a spreadsheet, and round trips stay lossless', () => {
  const tricky = [
    '=HYPERLINK("https://evil.example","Refund")',
    '+1',
    '-5 minutes',
    '@SUM(A1)',
    '\tx',
    '\rx',
    "'=x",
    "'",
    "''",
    "'plain",
    'plain',
  ];

  it('defuses every cell starting with = + - @ tab CR (and escapes a leading quote)', () => {
    expect(tricky.map(defuseCell)).toEqual([
      `'=HYPERLINK("https://evil.example","Refund")`,
      "'+1",
      "'-5 minutes",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      "''=x",
      "''",
      "'''",
      "''plain",
      'plain',
    ]);
    for (const s of tricky) expect(restoreCell(defuseCell(s))).toBe(s);
  });

  it('no exported cell starts with a formula character, and import gives back every field', async () => {
    const articles = [
      articleInputSchema.parse(
        richArticle({
          id: 'f1',
          title: '=HYPERLINK("https://evil.example","Refund")',
          category: '-5',
          tags: ['@x', '+y'],
        }),
      ),
      articleInputSchema.parse(
        richArticle({ id: 'f2', title: "'=already quoted", body: '+86 400 800 8888', keywords: ['=1+1'] }),
      ),
    ];
    const csv = formatKbCsv(articles);
    const cells = csv.split(/,|\r\n/).map((c) => c.replace(/^"/, ''));
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
    const items = await parseKbCsv(csv);
    expect(items.map((i) => i.article)).toEqual(articles);
  });
});

describe('repeated JSON keys', () => {
  it('finds them with their place and line, through escapes and nesting', () => {
    const text = '{\n"a": 1,\n"b": {"x": [ {"k": 1, "\\u006b": 2} ]},\n"a": 3\n}';
    expect(findDuplicateKeys(text)).toEqual([
      { path: ['b', 'x', 0], key: 'k', line: 3 },
      { path: [], key: 'a', line: 4 },
    ]);
    expect(findDuplicateKeys('{"a":"{\\"a\\":1}","b":["a","a"]}')).toEqual([]);
  });

  it('make that article invalid in a KB import (naming key and line); twice in the envelope refuses the file', async () => {
    const file = `{"format":"seatmate-kb","schemaVersion":1,"articles":[
{"id":"a","lang":"en","title":"Refund","title":"=HYPERLINK(1)","body":"B"},
{"id":"b","lang":"en","title":"Fine","body":"B"}]}`;
    const items = await parseKbJson(file);
    expect(items[0]!.problems).toEqual([
      expect.objectContaining({ field: 'title', code: 'duplicate-key', params: { key: 'title', line: 2 } }),
    ]);
    expect(items[1]!.article?.title).toBe('Fine');
    await expect(parseKbJson('{"schemaVersion":1,"articles":[],"articles":[{}]}')).rejects.toMatchObject({
      code: 'json',
      detail: '"articles", line 1',
    });
  });
});

describe('review dates', () => {
  it('2026-02-31 is refused in CSV, JSON and Markdown; 2024-02-29 is a day', async () => {
    const csv = await parseKbCsv('title,body,reviewBy\nA,B,2026-02-31\nC,D,2024/2/29\n');
    expect(csv[0]!.problems).toEqual([
      expect.objectContaining({ field: 'reviewBy', message: expect.stringMatching(/no such day/) }),
    ]);
    expect(csv[1]!.article?.reviewBy).toBe('2024-02-29');
    const json = await parseKbJson('[{"id":"a","lang":"en","title":"A","body":"B","verifiedOn":"2025-02-29"}]');
    expect(json[0]!.problems[0]).toMatchObject({ field: 'verifiedOn' });
    const md = await parseImport([
      { name: 'a.md', bytes: utf8('---\ntitle: A\nlang: en\nreviewBy: 2026-04-31\n---\nB') },
    ]);
    expect(md.items[0]!.problems[0]).toMatchObject({ field: 'reviewBy' });
  });
});
