import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SeatmateDb } from '@/utils/db';
import { packArticleId } from '@/utils/kb/article';
import { applyImport } from '@/utils/kb/io/apply';
import { formatKbCsv } from '@/utils/kb/io/csv';
import { parseImport } from '@/utils/kb/io/parse';
import { previewImport } from '@/utils/kb/io/preview';
import { richArticle, stored, utf8 } from '../fixtures/kb-import/helpers';

let db: SeatmateDb;
let n = 0;
beforeEach(async () => {
  db = new SeatmateDb(`kb-io-apply-${++n}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const csv = (text: string) => parseImport([{ name: 'kb.csv', bytes: utf8(text) }]);

describe('import preview', () => {
  it('sorts rows into new, changed, unchanged and invalid without writing', async () => {
    const same = richArticle({ id: 'same', lang: 'en', title: 'Same' });
    const edit = richArticle({ id: 'edit', lang: 'en', title: 'Edit', tags: ['x'] });
    await db.articles.bulkAdd([stored(same), stored(edit)]);
    const before = await db.articles.toArray();
    const file = formatKbCsv([
      same,
      { ...edit, body: 'New body', tags: ['y'], placeholders: [] },
      richArticle({ id: 'fresh', title: 'Fresh' }),
    ]);
    const parsed = await csv(
      // (id, lang, kind, title, body, reply, notes, trigger, then eight more columns)
      [
        file,
        'dup,en,reply,One,Body,,,,,,,,,,',
        'bad,xx,reply,Bad lang,Body,,,,,,,,,,',
        'dup,en,reply,Two,Body,,,,,,,,,,',
      ].join('\r\n'),
    );
    const firstExtra = 1 + file.split('\n').length; // bodies span lines; rows are named by physical line
    const preview = await previewImport(db, parsed);
    expect(preview.new.map((e) => e.article.id)).toEqual(['fresh']);
    expect(preview.changed.map((e) => [e.article.id, e.changedFields])).toEqual([
      ['edit', ['body', 'tags', 'placeholders']],
    ]);
    expect(preview.unchanged.map((e) => e.article.id)).toEqual(['same']);
    expect(preview.invalidItems).toBe(3);
    const dup = (line: number, other: number) => ({
      where: `line ${line}`,
      field: 'id',
      code: 'duplicate-id',
      params: { id: 'dup', others: `line ${other}` },
      message: `duplicate id "dup" (also at line ${other})`,
    });
    expect(preview.invalid).toEqual([
      dup(firstExtra, firstExtra + 2),
      {
        where: `line ${firstExtra + 1}`,
        field: 'lang',
        code: 'invalid_value',
        message: expect.any(String),
        params: { values: 'zh-CN, en' },
      },
      dup(firstExtra + 2, firstExtra),
    ]);
    expect(await db.articles.toArray()).toEqual(before);
  });
});

describe('applyImport', () => {
  it('refuses a file with invalid rows and writes nothing', async () => {
    const preview = await previewImport(db, await csv('id,lang,title,body\nok,en,OK,Body\nbad,en,,Body\n'));
    await expect(applyImport(db, preview, { now: 5 })).rejects.toThrow(/1 row\(s\) are invalid/);
    expect(await db.articles.count()).toBe(0);
  });

  it('imports only the valid rows when asked to explicitly', async () => {
    const preview = await previewImport(db, await csv('id,lang,title,body\nok,en,OK,Body\nbad,en,,Body\n'));
    expect(await applyImport(db, preview, { now: 5, skipInvalid: true })).toEqual({
      added: 1,
      updated: 0,
      unchanged: 0,
      skipped: 1,
    });
    expect(await db.articles.toCollection().primaryKeys()).toEqual(['ok']);
  });

  it('writes new and changed articles as local, keeps createdAt, leaves pack articles alone', async () => {
    const pack = stored(richArticle({ id: packArticleId('team-a', 'edit') }), { source: 'pack', packId: 'team-a' });
    await db.articles.bulkAdd([
      stored(richArticle({ id: 'edit', title: 'Old' }), { source: 'sample', createdAt: 111, updatedAt: 111 }),
      pack,
    ]);
    const preview = await previewImport(db, await csv('id,lang,title,body\nedit,en,New,Body\nfresh,zh-CN,新的,正文\n'));
    const progress: Array<[number, number]> = [];
    const outcome = await applyImport(db, preview, { now: 999, onProgress: (d, t) => progress.push([d, t]) });
    expect(outcome).toEqual({ added: 1, updated: 1, unchanged: 0, skipped: 0 });
    expect(await db.articles.get('edit')).toMatchObject({
      title: 'New',
      source: 'local',
      createdAt: 111,
      updatedAt: 999,
    });
    expect(await db.articles.get('fresh')).toMatchObject({ source: 'local', createdAt: 999, lang: 'zh-CN' });
    expect(await db.articles.get(pack.id)).toEqual(pack);
    expect(progress.at(-1)).toEqual([2, 2]);
  });

  it('is all or nothing: a failure in the middle of the write leaves the table as it was', async () => {
    const lines = ['id,lang,title,body'];
    for (let i = 0; i < 1_200; i++) lines.push(`row-${i},en,Title ${i},Body ${i}`);
    await db.articles.add(stored(richArticle({ id: 'row-0', title: 'Kept' })));
    const preview = await previewImport(db, await csv(lines.join('\n')));
    const real = db.articles.bulkPut.bind(db.articles);
    let calls = 0;
    vi.spyOn(db.articles, 'bulkPut').mockImplementation(((...args: Parameters<typeof real>) => {
      if (++calls === 2) throw new Error('disk full');
      return real(...args);
    }) as typeof real);
    await expect(applyImport(db, preview, { now: 5 })).rejects.toThrow('disk full');
    vi.restoreAllMocks();
    expect(await db.articles.count()).toBe(1);
    expect((await db.articles.get('row-0'))?.title).toBe('Kept');
  });

  it('stores hostile Markdown verbatim (sanitising happens when it is rendered)', async () => {
    const body = '<script>alert(1)</script> [x](javascript:alert(1))';
    const preview = await previewImport(
      db,
      await parseImport([{ name: 'a.json', bytes: utf8(JSON.stringify([{ id: 'h', lang: 'en', title: 'H', body }])) }]),
    );
    await applyImport(db, preview, { now: 1 });
    expect((await db.articles.get('h'))?.body).toBe(body);
  });

  it('re-importing the same file changes nothing', async () => {
    const text = 'title,body,tags\n退款政策,七天无理由,退款；政策\n';
    await applyImport(db, await previewImport(db, await csv(text)), { now: 1 });
    const again = await previewImport(db, await csv(text));
    expect([again.new.length, again.changed.length, again.unchanged.length]).toEqual([0, 0, 1]);
    expect(await db.articles.count()).toBe(1);
  });
});
