import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { articleSchema } from '@/utils/kb/article';
import { SeatmateDb } from '@/utils/db';
import { seedSampleKb } from '@/utils/kb/sample';
import { currentStateEvent, elapsedInState, recordState } from '@/utils/time/ledger';

let db: SeatmateDb;
let n = 0;
beforeEach(async () => {
  db = new SeatmateDb(`test-${++n}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

describe('state ledger', () => {
  it('stores timestamped changes and derives time in state', async () => {
    expect(await currentStateEvent(db)).toBeNull();
    await recordState(db, 'ready', 'manual', 1_000);
    await recordState(db, 'talk', 'manual', 61_000);
    const current = await currentStateEvent(db);
    expect(current).toMatchObject({ state: 'talk', at: 61_000, source: 'manual' });
    expect(elapsedInState(current, 181_000)).toBe(120_000);
    expect(elapsedInState(current, 0)).toBe(0);
  });

  it('writes nothing when the state does not change', async () => {
    await recordState(db, 'ready', 'manual', 1_000);
    expect(await recordState(db, 'ready', 'hotkey', 2_000)).toBeNull();
    expect(await db.stateEvents.count()).toBe(1);
  });

  it('refuses an invalid event', async () => {
    // @ts-expect-error: deliberately invalid state from an untyped caller
    await expect(recordState(db, 'napping', 'manual', 1_000)).rejects.toThrow();
    await expect(recordState(db, 'ready', 'manual', -5)).rejects.toThrow();
    expect(await db.stateEvents.count()).toBe(0);
  });
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
