import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeatmateDb } from '@/utils/db';
import { LiveKbIndex, syncIndex } from '@/utils/kb/index-sync';
import { createKbIndex } from '@/utils/kb/search';
import { isoWeek } from '@/utils/time/day';
import {
  flagOutdated,
  buildKbGapReport,
  frecencyAt,
  FRECENCY_HALF_LIFE_MS,
  looksPersonal,
  recordSearchMiss,
  recordUse,
  usageBoost,
} from '@/utils/kb/usage';

let db: SeatmateDb;
let n = 0;
beforeEach(async () => {
  db = new SeatmateDb(`usage-${++n}`);
  await db.open();
});
afterEach(async () => {
  await db.delete();
});

const DAY = 86_400_000;
const monday = new Date(2026, 10, 23, 9, 30).getTime(); // Monday 23 Nov 2026, local time

describe('frecency', () => {
  it('counts uses and halves them every week', async () => {
    await recordUse(db, 'refund-zh', monday);
    await recordUse(db, 'refund-zh', monday);
    const u = await db.articleUsage.get('refund-zh');
    expect(u).toMatchObject({ uses: 2, lastUsedAt: monday, pinned: false });
    expect(frecencyAt(u!, monday)).toBeCloseTo(2);
    expect(frecencyAt(u!, monday + FRECENCY_HALF_LIFE_MS)).toBeCloseTo(1);
    expect(usageBoost(u, monday)).toBeGreaterThan(usageBoost(u, monday + 8 * FRECENCY_HALF_LIFE_MS));
    expect(usageBoost({ ...u!, pinned: true }, monday)).toBeGreaterThan(usageBoost(u, monday));
    expect(usageBoost(undefined, monday)).toBe(1);
  });

  it('refuses a bad article id and writes nothing', async () => {
    await expect(recordUse(db, 'bad id!', monday)).rejects.toThrow();
    expect(await db.articleUsage.count()).toBe(0);
  });
});

describe('KB gap report', () => {
  it('keeps weeks, never days, and counts per query', async () => {
    await recordSearchMiss(db, '  发票 抬头 ', monday);
    await recordSearchMiss(db, '发票  抬头', monday + 2 * DAY);
    await recordSearchMiss(db, '发票 抬头', monday + 7 * DAY);
    await recordSearchMiss(db, 'x', monday); // too short to mean anything
    const rows = await db.searchMisses.toArray();
    expect(rows.map((r) => [r.week, r.query, r.count])).toEqual([
      ['2026-W48', '发票 抬头', 2],
      ['2026-W49', '发票 抬头', 1],
    ]);
    const report = buildKbGapReport(rows);
    expect(report).toEqual({
      format: 'seatmate-kb-gaps',
      schemaVersion: 1,
      weeks: { from: '2026-W48', to: '2026-W49' },
      misses: [{ query: '发票 抬头', count: 3 }],
      withheld: 0,
      outdated: [],
    });
    expect(JSON.stringify(report)).not.toMatch(/2026-11-|T\d\d:/);
  });

  it('lists articles flagged as outdated by week only, and takes a flag back', async () => {
    await recordUse(db, 'refund-en', monday);
    await flagOutdated(db, 'refund-en', true, monday + 3 * DAY + 5_000);
    await flagOutdated(db, 'hold-zh', true, monday + 8 * DAY);
    const usage = await db.articleUsage.get('refund-en');
    // The flag keeps the article's use counts as they were, and a week, never a finer time.
    expect(usage).toMatchObject({ uses: 1, outdatedWeek: '2026-W48' });
    const flags = (await db.articleUsage.toArray())
      .filter((u) => u.outdatedWeek)
      .map((u) => ({ articleId: u.articleId, title: u.articleId.toUpperCase(), week: u.outdatedWeek! }));
    const report = buildKbGapReport([], { outdated: flags });
    expect(report.outdated).toEqual([
      { articleId: 'refund-en', title: 'REFUND-EN', week: '2026-W48' },
      { articleId: 'hold-zh', title: 'HOLD-ZH', week: '2026-W49' },
    ]);
    expect(report.weeks).toEqual({ from: '2026-W48', to: '2026-W49' });
    await flagOutdated(db, 'refund-en', false, monday + 9 * DAY);
    expect((await db.articleUsage.get('refund-en'))?.outdatedWeek).toBeUndefined();
    expect((await db.articleUsage.get('refund-en'))?.uses).toBe(1);
  });

  it('withholds one-off queries and anything that looks like customer data', () => {
    const week = '2026-W48';
    const report = buildKbGapReport([
      { key: 'a', week, query: '13812345678', count: 5 },
      { key: 'b', week, query: 'li.wei@example.com', count: 3 },
      { key: 'c', week, query: '王小明', count: 1 },
      { key: 'd', week, query: 'invoice title', count: 4 },
    ]);
    expect(report.misses).toEqual([{ query: 'invoice title', count: 4 }]);
    expect(report.withheld).toBe(3);
    expect(looksPersonal('order 2026-1123')).toBe(true);
    expect(looksPersonal('退款 政策')).toBe(false);
  });

  it('numbers weeks the ISO way across a year end', () => {
    expect(isoWeek(new Date(2026, 11, 31))).toBe('2026-W53');
    expect(isoWeek(new Date(2027, 0, 4))).toBe('2027-W01');
    expect(isoWeek(new Date(2026, 10, 23))).toBe('2026-W48');
  });
});

describe('syncIndex', () => {
  it('upserts only what changed and removes what is gone', () => {
    const a = { id: 'a', title: 'Refund policy', body: 'x', tags: [], updatedAt: 1 };
    const b = { id: 'b', title: '退款政策', body: 'x', tags: [], updatedAt: 1 };
    const index = createKbIndex([]);
    const versions = new Map<string, unknown>();
    const v = (x: { updatedAt: number }) => x.updatedAt;
    expect(syncIndex(index, versions, [a, b], v)).toEqual({ upserted: 2, removed: 0, done: true });
    expect(syncIndex(index, versions, [a, b], v)).toEqual({ upserted: 0, removed: 0, done: true });
    const edited = { ...a, title: 'Invoice requests', updatedAt: 2 };
    expect(syncIndex(index, versions, [edited], v)).toEqual({ upserted: 1, removed: 1, done: true });
    expect(index.search('invoice')[0]?.id).toBe('a');
    expect(index.search('refund')).toEqual([]);
    expect(index.search('tkzc')).toEqual([]);
    expect(index.size).toBe(1);
  });

  it('builds a big list in slices and reports progress', () => {
    const live = new LiveKbIndex<{ id: string; title: string; body: string; tags: string[] }>(() => 1);
    const list = Array.from({ length: 1200 }, (_, i) => ({ id: `a${i}`, title: `Article ${i}`, body: 'x', tags: [] }));
    expect(live.update(list, 500)).toEqual({ changed: true, done: false });
    expect(live.progress(list)).toBeCloseTo(500 / 1200);
    expect(live.update(list, 500).done).toBe(false);
    expect(live.update(list, 500)).toEqual({ changed: true, done: true });
    expect(live.update(list, 500)).toEqual({ changed: false, done: true });
    expect(live.index.size).toBe(1200);
    expect(live.index.search('1199')[0]?.id).toBe('a1199');
  });
});
