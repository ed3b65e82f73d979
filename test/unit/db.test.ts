import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articleSchema } from '@/utils/kb/article';
import { SeatmateDb } from '@/utils/db';
import { seedSampleKb } from '@/utils/kb/sample';
import { outboxItemSchema } from '@/utils/feedback/records';

let db: SeatmateDb;
let n = 0;
beforeEach(async () => {
  db = new SeatmateDb(`test-${++n}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const sample = {
  schemaVersion: 1,
  articles: [
    { id: 'a-zh', lang: 'zh-CN', title: '开场白', body: '您好，这里是星海客服。', tags: ['开场'] },
    { id: 'a-en', lang: 'en', title: 'Greeting', body: 'Hello, StarSea service.', tags: ['greeting'] },
  ],
};

describe('seedSampleKb', () => {
  it('adds every sample article once and never overwrites the agent’s edits', async () => {
    expect(await seedSampleKb(db, sample, 10)).toEqual({ added: 2, refreshed: 0 });
    // (An edit saved by the KB page stamps updatedAt.)
    await db.articles.update('a-en', { title: 'My greeting', updatedAt: 15 });
    expect(await seedSampleKb(db, sample, 20)).toEqual({ added: 0, refreshed: 0 });
    expect((await db.articles.get('a-en'))?.title).toBe('My greeting');
    expect(await db.articles.get('a-zh')).toMatchObject({ source: 'sample', createdAt: 10, tags: ['开场'] });
  });

  it('replaces a sample article the agent never edited with the new edition, and only that one', async () => {
    await seedSampleKb(db, sample, 10);
    await db.articles.update('a-en', { title: 'My greeting', updatedAt: 15 });
    const next = structuredClone(sample) as { schemaVersion: number; articles: Record<string, unknown>[] };
    for (const a of next.articles) {
      a.replies = [{ text: `${String(a.body)} (new)` }];
      a.notes = 'Check the account first.';
      a.body = '';
    }
    expect(await seedSampleKb(db, next, 30)).toEqual({ added: 0, refreshed: 1 });
    expect(await db.articles.get('a-zh')).toMatchObject({
      replies: [{ label: '', text: '您好，这里是星海客服。 (new)' }],
      notes: 'Check the account first.',
      body: '',
      createdAt: 30,
      updatedAt: 30,
    });
    expect(await db.articles.get('a-en')).toMatchObject({ title: 'My greeting', body: 'Hello, StarSea service.' });
    // The same edition again changes nothing.
    expect(await seedSampleKb(db, next, 40)).toEqual({ added: 0, refreshed: 0 });
  });

  it('names the bad field and writes nothing when the file is broken', async () => {
    const broken = structuredClone(sample);
    broken.articles[1]!.title = '';
    await expect(seedSampleKb(db, broken, 10)).rejects.toThrow(/articles\[1\]\.title/);
    expect(await db.articles.count()).toBe(0);
  });
});

describe('database upgrade 1 → 2', () => {
  it('keeps version-1 articles and fills the new fields with defaults', async () => {
    const name = `upgrade-${++n}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ articles: 'id, lang, source, packId, updatedAt, *tags' });
    await v1.open();
    await v1.table('articles').add({
      id: 'old-zh',
      lang: 'zh-CN',
      title: '旧文章',
      body: '正文',
      tags: ['旧'],
      source: 'local',
      createdAt: 1,
      updatedAt: 2,
    });
    v1.close();
    const upgraded = new SeatmateDb(name);
    const article = await upgraded.articles.get('old-zh');
    expect(articleSchema.parse(article)).toMatchObject({
      title: '旧文章',
      kind: 'reply',
      category: '',
      keywords: [],
      steps: [],
      placeholders: [],
      reviewBy: null,
      verifiedOn: null,
    });
    expect(await upgraded.articleUsage.count()).toBe(0);
    await upgraded.delete();
  });
});

describe('version 4', () => {
  it('empties the day cache of earlier versions (it could hold days it never read) and keeps the ledger', async () => {
    const name = `db-v3-${++n}`;
    const old = new Dexie(name);
    old.version(3).stores({ stateEvents: '++id, at, state', ledgerDays: 'day', stateEdits: '++id, eventId, editedAt' });
    await old.open();
    await old.table('stateEvents').add({ at: 1, state: 'available', source: 'manual', tz: 0 });
    await old.table('ledgerDays').add({ day: '2026-01-05', totals: {}, anomalies: [] });
    old.close();
    const upgraded = new SeatmateDb(name);
    expect(await upgraded.ledgerDays.count()).toBe(0);
    expect(await upgraded.stateEvents.count()).toBe(1);
    await upgraded.delete();
  });
});

describe('database upgrade to 5 (feedback outbox and inbox)', () => {
  it('turns version-1 feedback rows into outbox items with a fresh secret, drops old replies, keeps the rest', async () => {
    const name = `upgrade-${++n}`;
    const v3 = new Dexie(name);
    v3.version(1).stores({
      articles: 'id, lang, source, packId, updatedAt, *tags',
      stateEvents: '++id, at, state',
      wellbeingEvents: '++id, at, kind',
      feedback: 'id, day, status, replyToken',
      replies: 'id, replyToken, day, read',
      packs: 'id, url',
    });
    v3.version(2).stores({ articleUsage: 'articleId, lastUsedAt', searchMisses: 'key, week' });
    v3.version(3).stores({ stateEdits: '++id, eventId, editedAt', ledgerDays: 'day' });
    await v3.open();
    await v3.table('feedback').bulkAdd([
      {
        id: '2f1c0e4a-9b7d-4c3e-8a6f-1d2e3f4a5b6c',
        day: '2026-03-11',
        category: 'health',
        text: '空调太冷',
        status: 'delivered',
        replyToken: 'q7Jx2mLp9RfT4vWz',
      },
      {
        id: 'not-a-uuid',
        day: 'yesterday',
        category: 'tools',
        text: 'x',
        status: 'draft',
        replyToken: 'q7Jx2mLp9RfT4vWy',
      },
    ]);
    await v3
      .table('replies')
      .add({ id: 'r1', replyToken: 'q7Jx2mLp9RfT4vWz', body: 'ok', day: '2026-03-12', read: false });
    await v3.table('searchMisses').add({ key: '2026-W11 退货', week: '2026-W11', query: '退货', count: 2 });
    v3.close();

    const upgraded = new SeatmateDb(name);
    const items = await upgraded.feedback.toArray();
    expect(items).toHaveLength(1);
    expect(outboxItemSchema.parse(items[0])).toMatchObject({
      id: '2f1c0e4a-9b7d-4c3e-8a6f-1d2e3f4a5b6c',
      category: 'wellbeing',
      text: '空调太冷',
      status: 'exported',
      week: '2026-W11',
      signedAs: null,
      restored: false,
    });
    expect(items[0]).not.toHaveProperty('replyToken');
    expect(await upgraded.replies.count()).toBe(0);
    expect(await upgraded.searchMisses.count()).toBe(1);
    expect(await upgraded.inboxItems.count()).toBe(0);
    expect(await upgraded.feedback.where('status').equals('exported').count()).toBe(1);
    expect(upgraded.verno).toBeGreaterThanOrEqual(5);
    await upgraded.delete();
  });
});

describe('version 6 (reply and notes)', () => {
  it('splits a body written by the convention, keeps any other whole, and both still validate', async () => {
    const name = `db-v5-${++n}`;
    const old = new Dexie(name);
    old.version(5).stores({ articles: 'id, lang, source, packId, updatedAt, *tags' });
    await old.open();
    const base = { lang: 'en', kind: 'reply', category: '', tags: [], keywords: [], steps: [], placeholders: [] };
    const rest = { reviewBy: null, verifiedOn: null, source: 'local', createdAt: 1, updatedAt: 2 };
    await old.table('articles').bulkAdd([
      {
        ...base,
        ...rest,
        id: 'split',
        title: 'Refund',
        body: '## Reply: Chat\n\nYour refund is on its way.\n\n## Notes\n\nNever promise a date.',
      },
      { ...base, ...rest, id: 'whole', title: 'Old', body: '**"Hello"**\n\n### Steps\n1. Verify.' },
    ]);
    old.close();
    const upgraded = new SeatmateDb(name);
    const split = articleSchema.parse(await upgraded.articles.get('split'));
    expect(split).toMatchObject({
      body: '',
      replies: [{ label: 'Chat', text: 'Your refund is on its way.' }],
      notes: 'Never promise a date.',
    });
    const whole = articleSchema.parse(await upgraded.articles.get('whole'));
    expect(whole).toMatchObject({ body: '**"Hello"**\n\n### Steps\n1. Verify.', replies: [], notes: '' });
    await upgraded.delete();
  });
});
