import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { neutraliseCell, toCsv } from '@/utils/feedback/csv';
import { buildFeedbackExport, exportCsv, exportFileName } from '@/utils/feedback/export';
import { parseFeedbackExport } from '@/utils/feedback/export-format';
import { FeedbackFileError } from '@/utils/feedback/file-errors';
import { digestOf } from '@/utils/feedback/integrity';
import { replyKeyOf } from '@/utils/feedback/reply-key';
import { translator } from '@/utils/i18n';
import type { SearchMiss } from '@/utils/kb/usage';
import { CN_TZ, readyItem, seededRandom, T0 } from '../fixtures/feedback';

const t = translator('en');

async function sampleExport(seed = 1) {
  const random = seededRandom(seed);
  const items = [
    readyItem(random, { text: '退款流程需要三个人审批，太慢了', category: 'process', severity: 'high' }),
    readyItem(random, { text: 'The refund macro is out of date', category: 'kbGap', signedAs: 'Alice Chen' }),
    readyItem(random, {
      text: '耳机经常断线',
      category: 'tools',
      article: { id: 'care/headset-zh', title: '耳机故障排查' },
    }),
  ];
  const kbMisses: SearchMiss[] = [
    { key: '2026-W10 退货 7天', week: '2026-W10', query: '退货 7天', count: 3 },
    { key: '2026-W10 一次', week: '2026-W10', query: '一次', count: 1 },
    { key: '2026-W11 发票', week: '2026-W11', query: '发票', count: 2 },
  ];
  const mood = [
    { week: '2026-W10', counts: { 1: 0, 2: 1, 3: 2, 4: 1, 5: 0 } },
    { week: '2026-W11', counts: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } },
  ];
  const built = await buildFeedbackExport({
    items,
    kbMisses,
    mood,
    shareIds: new Map(),
    now: T0,
    tzOffsetMinutes: CN_TZ,
    random,
  });
  return { items, built };
}

describe('buildFeedbackExport', () => {
  it('writes a versioned file that the inbox reads back, with the week as the finest date', async () => {
    const { items, built } = await sampleExport();
    expect(built.fileName).toBe('seatmate-feedback-2026-W11.json');
    expect(exportFileName('2026-W11', 'csv')).toBe('seatmate-feedback-2026-W11.csv');
    const doc = await parseFeedbackExport(built.fileName, built.json);
    expect(doc).toMatchObject({ format: 'seatmate-feedback-export', schemaVersion: 1, week: '2026-W11' });
    expect(new Set(doc.items.map((i) => i.id))).toEqual(new Set(items.map((i) => i.id)));
    expect(built.itemIds).toEqual(items.map((i) => i.id));
  });

  it('carries a reply key derived from each secret, never the secret', async () => {
    const { items, built } = await sampleExport();
    for (const item of items) {
      const row = built.doc.items.find((r) => r.id === item.id)!;
      expect(row.replyKey).toBe(await replyKeyOf(item.secret));
      expect(built.json).not.toContain(item.secret);
    }
  });

  it('carries a name only on the item the agent signed', async () => {
    const { built } = await sampleExport();
    const signed = built.doc.items.filter((i) => 'signedBy' in i);
    expect(signed.map((i) => i.signedBy)).toEqual(['Alice Chen']);
    expect(built.json.match(/Alice Chen/g)).toHaveLength(1);
  });

  it('adds one KB gap section per week (one-off queries withheld) and skips empty mood weeks', async () => {
    const { built } = await sampleExport();
    const gaps = [...built.doc.kbGaps].sort((a, b) => a.week.localeCompare(b.week));
    expect(gaps.map((g) => [g.week, g.misses, g.withheld])).toEqual([
      ['2026-W10', [{ query: '退货 7天', count: 3 }], 1],
      ['2026-W11', [{ query: '发票', count: 2 }], 0],
    ]);
    expect(built.doc.mood.map((m) => m.week)).toEqual(['2026-W10']);
    expect(built.newShareIds.map((s) => s.key).sort()).toEqual(['kbGaps 2026-W10', 'kbGaps 2026-W11', 'mood 2026-W10']);
  });

  it('reuses a week’s share id on the next export, so the inbox replaces instead of adding', async () => {
    const random = seededRandom(9);
    const mood = [{ week: '2026-W10', counts: { 1: 1, 2: 0, 3: 0, 4: 0, 5: 0 } }];
    const first = await buildFeedbackExport({
      items: [],
      mood,
      shareIds: new Map(),
      now: T0,
      tzOffsetMinutes: 0,
      random,
    });
    const known = new Map(first.newShareIds.map((r) => [r.key, r.id]));
    const second = await buildFeedbackExport({ items: [], mood, shareIds: known, now: T0, tzOffsetMinutes: 0, random });
    expect(second.doc.mood[0]!.id).toBe(first.doc.mood[0]!.id);
    expect(second.newShareIds).toEqual([]);
  });

  it('refuses drafts and withdrawn items', async () => {
    const random = seededRandom(3);
    const item = { ...readyItem(random, { text: 'x' }), status: 'draft' as const };
    await expect(
      buildFeedbackExport({ items: [item], shareIds: new Map(), now: T0, tzOffsetMinutes: 0, random }),
    ).rejects.toThrow(/only ready items/);
  });

  it('shuffles rows: their order does not follow the order they were written in', async () => {
    const random = seededRandom(5);
    const items = Array.from({ length: 12 }, (_, i) =>
      readyItem(random, { text: `item ${String.fromCharCode(97 + i)}` }, T0 + i),
    );
    const orders = new Set<string>();
    for (let seed = 1; seed <= 4; seed++) {
      const built = await buildFeedbackExport({
        items,
        shareIds: new Map(),
        now: T0,
        tzOffsetMinutes: 0,
        random: seededRandom(seed),
      });
      orders.add(built.doc.items.map((r) => r.text).join());
    }
    expect(orders.size).toBe(4);
    expect(orders.has(items.map((i) => i.text).join())).toBe(false);
  });
});

describe('parseFeedbackExport refuses malformed and tampered files, naming the file and field', () => {
  async function refusal(text: string): Promise<FeedbackFileError> {
    try {
      await parseFeedbackExport('week11.json', text);
    } catch (e) {
      if (e instanceof FeedbackFileError) return e;
      throw e;
    }
    throw new Error('accepted');
  }

  it('not JSON, not an export, or from a newer version', async () => {
    expect((await refusal('{"format": ')).code).toBe('json');
    expect((await refusal('[]')).code).toBe('format');
    expect((await refusal('{"format":"seatmate-kb-gaps","schemaVersion":1}')).code).toBe('format');
    const newer = await refusal('{"format":"seatmate-feedback-export","schemaVersion":2}');
    expect(newer.code).toBe('version');
    expect(newer.message).toMatch(/^week11\.json: .*newer Seatmate/);
  });

  it('a text changed by hand fails the digest', async () => {
    const { built } = await sampleExport();
    const doc = JSON.parse(built.json);
    doc.items[0].text = 'edited';
    const e = await refusal(JSON.stringify(doc));
    expect(e.code).toBe('integrity');
  });

  it('an added field is refused even when the digest is recomputed (nothing can ride along)', async () => {
    const { built } = await sampleExport();
    const doc = JSON.parse(built.json);
    doc.items[1].agentId = 'A10023';
    doc.integrity = await digestOf(doc);
    const e = await refusal(JSON.stringify(doc));
    expect(e.code).toBe('invalid');
    expect(e.detail).toMatch(/items\[1\]/);
  });

  it('a bad value names its path', async () => {
    const { built } = await sampleExport();
    const doc = JSON.parse(built.json);
    doc.items[2].category = 'gossip';
    doc.integrity = await digestOf(doc);
    expect((await refusal(JSON.stringify(doc))).detail).toMatch(/^items\[2\]\.category/);
    const unsigned = JSON.parse(built.json);
    delete unsigned.integrity;
    expect((await refusal(JSON.stringify(unsigned))).detail).toMatch(/^integrity/);
  });

  it('survives re-formatting (digest over canonical JSON) and a BOM', async () => {
    const { built } = await sampleExport();
    const compact = '\uFEFF' + JSON.stringify(JSON.parse(built.json));
    await expect(parseFeedbackExport('x.json', compact)).resolves.toMatchObject({ week: '2026-W11' });
  });
});

describe('CSV view', () => {
  it('is UTF-8 with BOM, CRLF, every field quoted, labels translated, signed name only where signed', async () => {
    const { built } = await sampleExport();
    const csv = exportCsv(built.doc.items, t);
    expect(csv.startsWith('\uFEFF"Item ID","Reply key","Week","Category"')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.slice(1).split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).toMatch(/^"[^]*"$/);
    const rows = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n', skipEmptyLines: true }).data;
    const signedCol = rows[0]!.indexOf('Signed by');
    expect(
      rows
        .slice(1)
        .map((r) => r[signedCol])
        .filter(Boolean),
    ).toEqual(['Alice Chen']);
    expect(
      rows
        .slice(1)
        .map((r) => r[rows[0]!.indexOf('Category')])
        .sort(),
    ).toEqual(['Knowledge-base gap', 'Process', 'Tools and systems']);
    expect(exportCsv(built.doc.items, translator('zh-CN'))).toContain('"反馈内容"');
  });

  it.each([
    ['=HYPERLINK("http://evil.example","click")'],
    ["+1+cmd|' /C calc'!A0"],
    ['-2+3'],
    ['@SUM(A1:A9)'],
    ['\t=1+1'],
    ['\r=1+1'],
    ['\n=1+1'],
    ['＝1+1'],
  ])('neutralises a cell that a spreadsheet would run: %j', (value) => {
    expect(neutraliseCell(value)).toBe(`'${value}`);
    const csv = toCsv([['text'], [value]]);
    const parsed = Papa.parse<string[]>(csv.slice(1), { newline: '\r\n', skipEmptyLines: true }).data;
    expect(parsed[1]![0]).toBe(`'${value}`);
  });

  it('leaves ordinary text alone and doubles quotes inside quoted fields', () => {
    for (const v of ['退款太慢', 'a - b', 'email me', '3 + 4']) expect(neutraliseCell(v)).toBe(v);
    expect(toCsv([['say "hi", then go']])).toBe('\uFEFF"say ""hi"", then go"\r\n');
  });
});
