import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articleSchema } from '@/utils/kb/article';
import { SeatmateDb } from '@/utils/db';
import { seedSampleKb } from '@/utils/kb/sample';

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
    expect(await seedSampleKb(db, sample, 10)).toEqual({ added: 2 });
    await db.articles.update('a-en', { title: 'My greeting' });
    expect(await seedSampleKb(db, sample, 20)).toEqual({ added: 0 });
    expect((await db.articles.get('a-en'))?.title).toBe('My greeting');
    expect(await db.articles.get('a-zh')).toMatchObject({ source: 'sample', createdAt: 10, tags: ['开场'] });
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
