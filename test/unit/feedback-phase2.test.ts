import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeatmateDb } from '@/utils/db';
import { buildFeedbackExport } from '@/utils/feedback/export';
import { prepareImport, setStatus, type ImportFile } from '@/utils/feedback/inbox';
import { clearInbox, importExportFiles, restoreInbox, updateInboxItem } from '@/utils/feedback/inbox-store';
import type { OutboxItem } from '@/utils/feedback/records';
import type { LoopFigures, PublishedReplies } from '@/utils/feedback/replies-format';
import { latestLoop } from '@/utils/feedback/replies-sources';
import { CN_TZ, DAY, readyItem, seededRandom, T0 } from '../fixtures/feedback';

/** Phase 2 additions to the domain: import progress, clearing the inbox with Undo, which loop figures show. */

const random = seededRandom(77);
const stamp = { now: T0 + DAY, today: '2026-03-12' };

async function exportFile(name: string, items: OutboxItem[]): Promise<ImportFile> {
  const built = await buildFeedbackExport({ items, shareIds: new Map(), now: T0, tzOffsetMinutes: CN_TZ, random });
  return { name, text: built.json };
}

const a = readyItem(random, { text: '退款流程需要三个人审批', category: 'process' });
const b = readyItem(random, { text: 'The queue tool freezes every afternoon', category: 'tools' });
const c = readyItem(random, { text: '排班表下发太晚', category: 'schedule' });

describe('import progress', () => {
  it('reports each file as it is checked, refused ones too', async () => {
    const seen: Array<[number, number]> = [];
    const files = [await exportFile('a.json', [a]), { name: 'bad.json', text: '{' }, await exportFile('b.json', [b])];
    const r = await prepareImport(files, { items: [], shares: [] }, stamp, (done, total) => seen.push([done, total]));
    expect(r.ok).toBe(false);
    expect(seen).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
  });
});

describe('clearInbox and restoreInbox', () => {
  let db: SeatmateDb;
  let n = 0;
  beforeEach(async () => {
    db = new SeatmateDb(`inbox-clear-${++n}`);
    await db.open();
  });
  afterEach(async () => {
    await db.delete();
  });

  it('empties the inbox and Undo puts every item back as it was', async () => {
    await importExportFiles(db, [await exportFile('ab.json', [a, b])], stamp);
    await updateInboxItem(db, a.id, (i) => setStatus(i, 'in_progress', stamp));
    const before = (await db.inboxItems.toArray()).sort((x, y) => (x.id < y.id ? -1 : 1));
    const cleared = await clearInbox(db);
    expect(cleared.items).toHaveLength(2);
    expect(await db.inboxItems.count()).toBe(0);
    expect(await restoreInbox(db, cleared)).toBe(2);
    expect((await db.inboxItems.toArray()).sort((x, y) => (x.id < y.id ? -1 : 1))).toEqual(before);
  });

  it('keeps what was imported since, and the newer copy of an item imported again', async () => {
    await importExportFiles(db, [await exportFile('ab.json', [a, b])], stamp);
    const cleared = await clearInbox(db);
    await importExportFiles(db, [await exportFile('ac.json', [a, c])], stamp);
    await updateInboxItem(db, a.id, (i) => setStatus(i, 'closed', stamp));
    expect(await restoreInbox(db, cleared)).toBe(1); // only b was missing
    const ids = (await db.inboxItems.toArray()).map((i) => i.id).sort();
    expect(ids).toEqual([a.id, b.id, c.id].sort());
    expect((await db.inboxItems.get(a.id))?.status).toBe('closed');
  });

  it('refuses a damaged Undo record and writes nothing', async () => {
    await importExportFiles(db, [await exportFile('a.json', [a])], stamp);
    const cleared = await clearInbox(db);
    const damaged = { ...cleared, items: [{ ...cleared.items[0]!, status: 'gossip' as never }] };
    await expect(restoreInbox(db, damaged)).rejects.toThrow();
    expect(await db.inboxItems.count()).toBe(0);
  });
});

describe('latestLoop', () => {
  const fileLoop: LoopFigures = { items: 10, answered: 8, answeredShare: 0.8, medianDaysToAnswer: 2 };
  const packLoop: LoopFigures = { items: 4, answered: 1, answeredShare: 0.25, medianDaysToAnswer: 6 };
  const pack: PublishedReplies = { statuses: [], replies: [], loop: packLoop, publishedOn: null };
  const file = (publishedOn: string) => ({ loop: fileLoop, publishedOn, publisher: null });

  it('shows the replies file when it is no older than the last pack sync', () => {
    expect(latestLoop(file('2026-03-12'), [pack], '2026-03-12')).toBe(fileLoop);
    expect(latestLoop(file('2026-03-13'), [pack], '2026-03-12')).toBe(fileLoop);
  });

  it("shows the pack's figures when the file is older than the pack's last sync", () => {
    expect(latestLoop(file('2026-03-11'), [pack], '2026-03-12')).toBe(packLoop);
  });

  it('falls back to whichever there is, or nothing', () => {
    expect(latestLoop(null, [pack], '2026-03-12')).toBe(packLoop);
    expect(latestLoop(file('2026-03-01'), [], null)).toBe(fileLoop);
    expect(latestLoop(null, [{ ...pack, loop: null }], null)).toBeNull();
  });
});
