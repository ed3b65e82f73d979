import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SeatmateDb } from '@/utils/db';
import { buildFeedbackExport } from '@/utils/feedback/export';
import { parseFeedbackExport } from '@/utils/feedback/export-format';
import { digestOf } from '@/utils/feedback/integrity';
import { addAnswer, editAnswer, prepareImport, removeAnswer, setStatus, type ImportFile } from '@/utils/feedback/inbox';
import { buildMergedExport, mergedCsv } from '@/utils/feedback/inbox-export';
import { createInboxSearch } from '@/utils/feedback/inbox-search';
import { queryInbox } from '@/utils/feedback/inbox-query';
import { importExportFiles, updateInboxItem } from '@/utils/feedback/inbox-store';
import type { OutboxItem, WeeklyMood } from '@/utils/feedback/records';
import { translator } from '@/utils/i18n';
import { CN_TZ, DAY, readyItem, seededRandom, T0 } from '../fixtures/feedback';

const random = seededRandom(31);
const stamp = { now: T0 + DAY, today: '2026-03-12' };

async function exportFile(
  items: OutboxItem[],
  mood?: WeeklyMood[],
  shareIds = new Map<string, string>(),
): Promise<ImportFile> {
  const built = await buildFeedbackExport({ items, mood, shareIds, now: T0, tzOffsetMinutes: CN_TZ, random });
  return { name: `agent-${items[0]?.id.slice(0, 4) ?? 'mood'}.json`, text: built.json };
}

const a1 = readyItem(random, { text: '退款流程需要三个人审批', category: 'process', severity: 'high' });
const a2 = readyItem(random, { text: 'The queue tool freezes every afternoon', category: 'tools' });
const b1 = readyItem(random, { text: '排班表下发太晚', category: 'schedule', signedAs: '李娜' });

describe('prepareImport', () => {
  it('imports many files at once, dedupes by item id, and says what was new per file', async () => {
    const fileA = await exportFile([a1, a2]);
    const fileB = await exportFile([b1, a1]); // a1 exported again by its writer
    const r = await prepareImport([fileA, fileB], { items: [], shares: [] }, stamp);
    if (!r.ok) throw new Error('refused');
    expect(r.plan.newItems.map((i) => i.id).sort()).toEqual([a1.id, a2.id, b1.id].sort());
    expect(r.plan.newItems.every((i) => i.status === 'new' && i.receivedAt === stamp.now)).toBe(true);
    expect(r.plan.files.map((f) => [f.items, f.newItems, f.duplicates])).toEqual([
      [2, 2, 0],
      [2, 1, 1],
    ]);
    const again = await prepareImport([fileB], { items: r.plan.newItems, shares: [] }, stamp);
    expect(again.ok && again.plan).toMatchObject({ newItems: [], duplicates: 2 });
  });

  it('refuses the whole batch when one file is malformed or tampered, naming each refused file', async () => {
    const good = await exportFile([a1]);
    const tampered = await exportFile([a2]);
    const doc = JSON.parse(tampered.text);
    doc.items[0].text = 'changed by someone';
    const broken = { name: 'broken.json', text: '{"format":"seatmate-feedback-export"' };
    const r = await prepareImport(
      [good, { name: 'tampered.json', text: JSON.stringify(doc) }, broken],
      { items: [], shares: [] },
      stamp,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.file, e.code])).toEqual([
      ['tampered.json', 'integrity'],
      ['broken.json', 'json'],
    ]);
  });

  it('keeps the first copy when a file brings a different item under a known id (reported as a conflict)', async () => {
    const first = await exportFile([a1]);
    const doc = JSON.parse(first.text);
    doc.items[0].text = '改过的内容';
    doc.integrity = await digestOf(doc);
    const r = await prepareImport(
      [first, { name: 'second.json', text: JSON.stringify(doc) }],
      { items: [], shares: [] },
      stamp,
    );
    if (!r.ok) throw new Error('refused');
    expect(r.plan.newItems.map((i) => i.text)).toEqual(['退款流程需要三个人审批']);
    expect(r.plan.conflicts).toEqual([{ file: 'second.json', id: a1.id }]);
  });

  it('replaces an agent’s week of mood counts with their later, larger export instead of adding it', async () => {
    const early = [{ week: '2026-W11', counts: { 1: 0, 2: 1, 3: 1, 4: 0, 5: 0 } }];
    const later = [{ week: '2026-W11', counts: { 1: 0, 2: 1, 3: 2, 4: 1, 5: 0 } }];
    const ids = new Map<string, string>();
    const f1 = await exportFile([], early, ids);
    ids.set('mood 2026-W11', (await parseFeedbackExport('f1', f1.text)).mood[0]!.id);
    const f2 = await exportFile([], later, ids);
    const r1 = await prepareImport([f1], { items: [], shares: [] }, stamp);
    if (!r1.ok) throw new Error('refused');
    const r2 = await prepareImport([f2], { items: [], shares: r1.plan.shares }, stamp);
    if (!r2.ok) throw new Error('refused');
    expect(r2.plan.shares).toHaveLength(1);
    expect(r2.plan.shares[0]).toMatchObject({ kind: 'mood', counts: later[0]!.counts });
    const r3 = await prepareImport([f1], { items: [], shares: r2.plan.shares }, stamp);
    expect(r3.ok && r3.plan.shares).toEqual([]);
  });
});

describe('statuses and answers', () => {
  it('moves new → in progress → answered → closed, and back to in progress when the only answer is removed', async () => {
    const r = await prepareImport([await exportFile([a1])], { items: [], shares: [] }, stamp);
    if (!r.ok) throw new Error('refused');
    let item = r.plan.newItems[0]!;
    expect(() => setStatus(item, 'answered', stamp)).toThrow(/answer first/);
    item = setStatus(item, 'in_progress', { now: T0 + 2 * DAY, today: '2026-03-13' });
    item = addAnswer(item, ' 已简化为一人审批。 ', { now: T0 + 3 * DAY, today: '2026-03-14', random });
    expect(item).toMatchObject({
      status: 'answered',
      statusDay: '2026-03-14',
      answers: [{ body: '已简化为一人审批。', day: '2026-03-14' }],
    });
    const answerId = item.answers[0]!.id;
    item = editAnswer(item, answerId, '已简化为一人审批，下周一生效。', { now: T0 + 4 * DAY, today: '2026-03-15' });
    expect(item.answers[0]).toMatchObject({ day: '2026-03-15', at: T0 + 3 * DAY });
    expect(setStatus(item, 'closed', stamp).status).toBe('closed');
    expect(removeAnswer(item, answerId, stamp).status).toBe('in_progress');
  });
});

describe('inbox list: filter, search, sort', () => {
  it('filters by category, severity, status, week and signature; searches zh and en with highlights', async () => {
    const r = await prepareImport([await exportFile([a1, a2, b1])], { items: [], shares: [] }, stamp);
    if (!r.ok) throw new Error('refused');
    const items = r.plan.newItems;
    const search = createInboxSearch(items);
    const texts = (rows: ReturnType<typeof queryInbox>) => rows.map((row) => row.item.text);
    expect(texts(queryInbox(items, { categories: ['tools'] }, 'newest'))).toEqual([
      'The queue tool freezes every afternoon',
    ]);
    expect(texts(queryInbox(items, { severities: ['high'] }, 'newest'))).toEqual(['退款流程需要三个人审批']);
    expect(texts(queryInbox(items, { signed: 'signed' }, 'newest'))).toEqual(['排班表下发太晚']);
    expect(queryInbox(items, { statuses: ['answered'] }, 'newest')).toEqual([]);
    expect(queryInbox(items, { fromWeek: '2026-W12' }, 'newest')).toEqual([]);
    expect(texts(queryInbox(items, {}, 'severity'))[0]).toBe('退款流程需要三个人审批');

    const tuikuan = queryInbox(items, { query: 'tuikuan' }, 'relevance', search);
    expect(texts(tuikuan)).toEqual(['退款流程需要三个人审批']);
    expect(tuikuan[0]!.ranges).toEqual([[0, 2]]);
    const freeze = queryInbox(items, { query: 'freze' }, 'relevance', search);
    expect(texts(freeze)).toEqual(['The queue tool freezes every afternoon']);
    expect(
      freeze[0]!.ranges.some(([s, e]) => 'The queue tool freezes every afternoon'.slice(s, e).startsWith('freez')),
    ).toBe(true);
    expect(texts(queryInbox(items, { query: '排班' }, 'relevance', search))).toEqual(['排班表下发太晚']);
  });
});

describe('merged export', () => {
  it('is an export file another inbox can import, and a CSV with statuses and answers', async () => {
    const r = await prepareImport([await exportFile([a1, b1])], { items: [], shares: [] }, stamp);
    if (!r.ok) throw new Error('refused');
    const answered = r.plan.newItems.map((i) =>
      i.id === a1.id ? addAnswer(i, '=已处理', { now: T0 + 2 * DAY, today: '2026-03-13', random }) : i,
    );
    const merged = await buildMergedExport(answered, [], { now: T0 + 2 * DAY, tzOffsetMinutes: CN_TZ, random });
    const again = await prepareImport([{ name: merged.fileName, text: merged.json }], { items: [], shares: [] }, stamp);
    expect(again.ok && again.plan.newItems.map((i) => i.id).sort()).toEqual([a1.id, b1.id].sort());
    expect(merged.json).not.toContain('已处理'); // answers are published as replies, not in the export
    const csv = mergedCsv(answered, translator('zh-CN'));
    const rows = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n', skipEmptyLines: true }).data;
    expect(rows[0]).toEqual([
      '反馈编号',
      '周',
      '类别',
      '紧急程度',
      '反馈内容',
      '文章',
      '署名',
      '状态',
      '回复日期',
      '回复',
    ]);
    const row = rows.find((x) => x[4] === '退款流程需要三个人审批')!;
    expect(row.slice(7)).toEqual(['已回复', '2026-03-13', "'=已处理"]);
  });
});

describe('inbox store', () => {
  let db: SeatmateDb;
  let n = 0;
  beforeEach(async () => {
    db = new SeatmateDb(`inbox-${++n}`);
    await db.open();
  });
  afterEach(async () => {
    await db.delete();
  });

  it('writes a good batch in one go, and nothing at all from a batch with one bad file', async () => {
    const good = await exportFile([a1, a2]);
    const bad = { name: 'bad.json', text: (await exportFile([b1])).text.replace('"schedule"', '"gossip"') };
    const refused = await importExportFiles(db, [good, bad], stamp);
    expect(refused.ok).toBe(false);
    expect(await db.inboxItems.count()).toBe(0);
    const ok = await importExportFiles(db, [good], stamp);
    expect(ok.ok).toBe(true);
    expect(await db.inboxItems.count()).toBe(2);
    const updated = await updateInboxItem(db, a1.id, (i) => setStatus(i, 'in_progress', stamp));
    expect((await db.inboxItems.get(a1.id))?.status).toBe(updated.status);
  });
});
