import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { draftFromForm, emptyForm, formFromArticle, issueText, issuesAt } from '@/entrypoints/kb/form';
import { SeatmateDb } from '@/utils/db';
import { translator } from '@/utils/i18n';
import { articleSchema, type Article } from '@/utils/kb/article';
import {
  copyToPersonal,
  deleteArticles,
  KbStoreError,
  restoreArticles,
  saveArticle,
  setPinned,
  slugFromTitle,
  validateDraft,
} from '@/utils/kb/store';

let db: SeatmateDb;
let n = 0;
beforeEach(async () => {
  db = new SeatmateDb(`kb-store-${++n}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

function stored(partial: Partial<Article> & Pick<Article, 'id' | 'source'>): Article {
  return articleSchema.parse({ lang: 'en', title: 'T', body: 'B', createdAt: 1, updatedAt: 1, ...partial });
}

async function rejection(p: Promise<unknown>): Promise<KbStoreError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(KbStoreError);
    return e as KbStoreError;
  }
  throw new Error('expected a rejection');
}

describe('saveArticle', () => {
  it('creates personal articles with unique ids from the title slug, or a random id', async () => {
    const a = await saveArticle(db, { lang: 'en', title: 'Refund policy', body: 'Say **sorry**.' }, 100);
    expect(a).toMatchObject({ id: 'refund-policy', source: 'local', createdAt: 100, updatedAt: 100, kind: 'reply' });
    const b = await saveArticle(db, { lang: 'en', title: 'Refund — policy!', body: 'Again' }, 200);
    expect(b.id).toBe('refund-policy-2');
    const c = await saveArticle(db, { lang: 'zh-CN', title: '退款政策', body: '退款' }, 300, () => 0.5);
    expect(c.id).toBe('a-iiiiiiii');
    expect(await db.articles.count()).toBe(3);
  });

  it('updates an existing article, keeping createdAt and source', async () => {
    await db.articles.add(stored({ id: 'hello', source: 'sample', createdAt: 5, updatedAt: 5 }));
    const saved = await saveArticle(
      db,
      {
        id: 'hello',
        lang: 'en',
        kind: 'script',
        title: 'Hello',
        body: 'Hi {{customerName}}',
        tags: ['greeting'],
        steps: [{ title: 'Open', lines: [{ text: 'Thank you for calling', mustSay: true }] }],
        placeholders: [{ key: 'customerName', label: 'Customer', type: 'text' }],
        reviewBy: '2026-01-31',
      },
      50,
    );
    expect(saved).toMatchObject({ id: 'hello', source: 'sample', createdAt: 5, updatedAt: 50, kind: 'script' });
    expect(await db.articles.get('hello')).toEqual(saved);
  });

  it('creates with the given id when the article was deleted meanwhile', async () => {
    const saved = await saveArticle(db, { id: 'gone', lang: 'en', title: 'Gone', body: 'x' }, 7);
    expect(saved).toMatchObject({ id: 'gone', source: 'local', createdAt: 7 });
  });

  it('refuses to edit a team pack article and writes nothing', async () => {
    const pack = stored({ id: 'team/refund', source: 'pack', packId: 'team', title: 'Team refund' });
    await db.articles.add(pack);
    const err = await rejection(saveArticle(db, { id: 'team/refund', lang: 'en', title: 'Mine', body: 'x' }, 9));
    expect(err.code).toBe('readOnly');
    expect(await db.articles.get('team/refund')).toEqual(pack);
  });

  it('names every bad field and writes nothing', async () => {
    const err = await rejection(
      saveArticle(
        db,
        {
          lang: 'en',
          title: '  ',
          body: 'ok',
          reviewBy: '2026-13-01',
          steps: [{ title: 'Open', lines: [{ text: '', mustSay: true }] }],
          placeholders: [
            { key: 'plan', label: 'Plan', type: 'choice', options: ['only one'] },
            { key: 'plan', label: 'Again', type: 'text' },
          ],
        },
        1,
      ),
    );
    expect(err.code).toBe('invalid');
    const paths = err.issues.map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining(['title', 'reviewBy', 'steps[0].lines[0].text', 'placeholders[0].options']),
    );
    expect(err.message).toMatch(/title/);
    expect(await db.articles.count()).toBe(0);
  });
});

describe('validateDraft', () => {
  it('gives limits and codes for the editor', () => {
    const result = validateDraft({ lang: 'en', title: 'x'.repeat(201), body: 'b', tags: ['ok', ''] });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'title', code: 'too_big', limit: 200 }),
        expect.objectContaining({ path: 'tags[1]', code: 'too_small', limit: 1 }),
      ]),
    );
    expect(validateDraft({ lang: 'en', title: 'Fine', body: 'b' }).ok).toBe(true);
  });

  it('slugs ASCII titles only', () => {
    expect(slugFromTitle('  Café: Opening & Greeting ')).toBe('cafe-opening-greeting');
    expect(slugFromTitle('开场白')).toBe('');
  });
});

describe('deleteArticles / restoreArticles', () => {
  it('deletes articles with their pins and restores both', async () => {
    await db.articles.bulkAdd([stored({ id: 'a', source: 'local' }), stored({ id: 'b', source: 'sample' })]);
    await setPinned(db, 'a', true);
    const deleted = await deleteArticles(db, ['a', 'b', 'missing']);
    expect(deleted.articles.map((a) => a.id).sort()).toEqual(['a', 'b']);
    expect(deleted.usage).toEqual([expect.objectContaining({ articleId: 'a', pinned: true })]);
    expect(await db.articles.count()).toBe(0);
    expect(await db.articleUsage.count()).toBe(0);

    expect(await restoreArticles(db, deleted)).toEqual({ restored: 2 });
    expect(await db.articles.get('b')).toEqual(deleted.articles.find((a) => a.id === 'b'));
    expect((await db.articleUsage.get('a'))?.pinned).toBe(true);
  });

  it('does not restore over an id taken again meanwhile', async () => {
    await db.articles.add(stored({ id: 'a', source: 'local', title: 'Old' }));
    const deleted = await deleteArticles(db, ['a']);
    await db.articles.add(stored({ id: 'a', source: 'local', title: 'New' }));
    expect(await restoreArticles(db, deleted)).toEqual({ restored: 0 });
    expect((await db.articles.get('a'))?.title).toBe('New');
  });

  it('refuses pack articles and bad rows, changing nothing', async () => {
    await db.articles.bulkAdd([
      stored({ id: 'mine', source: 'local' }),
      stored({ id: 'team/x', source: 'pack', packId: 'team' }),
    ]);
    expect((await rejection(deleteArticles(db, ['mine', 'team/x']))).code).toBe('readOnly');
    expect((await rejection(deleteArticles(db, ['bad id!']))).code).toBe('invalid');
    expect(await db.articles.count()).toBe(2);

    const bad = { articles: [{ ...stored({ id: 'z', source: 'local' }), title: '' }], usage: [] };
    const err = await rejection(restoreArticles(db, bad));
    expect(err.message).toMatch(/articles\[0\]\.title/);
    expect(await db.articles.get('z')).toBeUndefined();
  });
});

describe('copyToPersonal', () => {
  it('copies a pack article under its authored id, then with -copy suffixes', async () => {
    await db.articles.add(
      stored({ id: 'team/refund', source: 'pack', packId: 'team', title: 'Refund', tags: ['money'], kind: 'policy' }),
    );
    const first = await copyToPersonal(db, 'team/refund', 40);
    expect(first).toMatchObject({ id: 'refund', source: 'local', title: 'Refund', kind: 'policy', createdAt: 40 });
    expect(first.packId).toBeUndefined();
    expect((await copyToPersonal(db, 'team/refund', 41)).id).toBe('refund-copy');
    expect((await copyToPersonal(db, 'team/refund', 42)).id).toBe('refund-copy-2');
    expect(await db.articles.get('team/refund')).toMatchObject({ source: 'pack', title: 'Refund' });
  });

  it('copies a sample article beside it and refuses unknown ids', async () => {
    await db.articles.add(stored({ id: 'greeting-en', source: 'sample' }));
    expect((await copyToPersonal(db, 'greeting-en', 1)).id).toBe('greeting-en-copy');
    expect((await rejection(copyToPersonal(db, 'nope', 1))).code).toBe('notFound');
    expect(await db.articles.count()).toBe(2);
  });
});

describe('setPinned', () => {
  it('pins and unpins, keeping use counts', async () => {
    await db.articles.add(stored({ id: 'a', source: 'local' }));
    await db.articleUsage.add({ articleId: 'a', pinned: false, uses: 3, lastUsedAt: 10, frecency: 2.5 });
    expect(await setPinned(db, 'a', true)).toEqual({
      articleId: 'a',
      pinned: true,
      uses: 3,
      lastUsedAt: 10,
      frecency: 2.5,
    });
    await setPinned(db, 'a', false);
    expect((await db.articleUsage.get('a'))?.pinned).toBe(false);
    expect((await rejection(setPinned(db, 'missing', true))).code).toBe('notFound');
    expect(await db.articleUsage.get('missing')).toBeUndefined();
  });
});

describe('KB editor form', () => {
  it('turns typed lists and dates into a draft, and round-trips a stored article', async () => {
    const form = emptyForm('zh-CN', 'script');
    const draft = draftFromForm({
      ...form,
      title: '退款',
      body: '您好',
      tags: '退款， 售后、 , refund',
      placeholders: [
        { key: ' plan ', label: '方案', type: 'text', options: 'a, b', defaultValue: ' ' },
        { key: 'tier', label: '等级', type: 'choice', options: '金,银', defaultValue: '' },
      ],
    });
    expect(draft).toMatchObject({ kind: 'script', lang: 'zh-CN', tags: ['退款', '售后', 'refund'], reviewBy: null });
    expect(draft.id).toBeUndefined();
    expect(draft.placeholders).toEqual([
      { key: 'plan', label: '方案', type: 'text', options: [] },
      { key: 'tier', label: '等级', type: 'choice', options: ['金', '银'] },
    ]);
    const saved = await saveArticle(db, draft, 5, () => 0);
    const again = await saveArticle(db, draftFromForm(formFromArticle(saved)), 6);
    expect(again).toEqual({ ...saved, updatedAt: 6 });
  });

  it('says each problem in the agent’s language', () => {
    const result = validateDraft(
      draftFromForm({
        ...emptyForm('en'),
        body: 'x',
        reviewBy: '2026-02-31x',
        placeholders: [{ key: '1x', label: 'L', type: 'choice', options: 'one', defaultValue: '' }],
      }),
    );
    if (result.ok) throw new Error('expected problems');
    const zh = translator('zh-CN');
    const text = (path: string) => issuesAt(result.issues, path).map((i) => issueText(zh, i));
    expect(text('title')).toEqual(['必填。']);
    expect(text('reviewBy')).toEqual(['请使用类似 2026-03-31 的日期。']);
    expect(text('placeholders[0].key')[0]).toMatch(/以字母开头/);
    expect(text('placeholders[0].options')).toEqual(['选项类型至少需要两个可选项。']);
  });
});
