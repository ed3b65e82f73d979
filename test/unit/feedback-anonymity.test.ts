import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FEEDBACK_CATEGORIES, FEEDBACK_SEVERITIES } from '@/utils/feedback/categories';
import { buildFeedbackExport, exportCsv } from '@/utils/feedback/export';
import { translator } from '@/utils/i18n';
import { DEFAULT_SETTINGS } from '@/utils/settings';
import { readyItem, seededRandom } from '../fixtures/feedback';

/**
 * The export's promise, as a property: whatever the items, settings, agent name, clock and time
 * zone, the serialized JSON and CSV carry no agent or install identifier, no browser data, no time
 * finer than a week and no secret; a name appears only where the agent signed.
 */

const VOCAB = [
  '退款',
  '流程',
  '太慢',
  '系统',
  '经常',
  '卡顿',
  '耳机',
  '断线',
  '排班',
  '休息',
  '不够',
  '客户',
  '投诉',
  '知识库',
  '缺少',
  '说明',
  'the',
  'queue',
  'is',
  'long',
  'refund',
  'macro',
  'outdated',
  'breaks',
  'cut',
  'headset',
  'broken',
  'tool',
  'slow',
  'customers',
  'keep',
  'asking',
  'about',
  'delivery',
  '，',
  '。',
  '!',
  '?',
];

const ALLOWED_KEYS = new Set([
  'format',
  'schemaVersion',
  'week',
  'items',
  'kbGaps',
  'mood',
  'integrity',
  'algorithm',
  'digest',
  'id',
  'replyKey',
  'category',
  'text',
  'severity',
  'article',
  'title',
  'signedBy',
  'misses',
  'query',
  'count',
  'withheld',
  'counts',
  '1',
  '2',
  '3',
  '4',
  '5',
]);

const USER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
];

const name = fc.oneof(
  fc.constantFrom('王小明', '李娜娜', '欧阳晓', '陈静怡'),
  fc.stringMatching(/^Xq[a-z]{3,6} [A-Z][a-z]{3,7}$/),
);

const itemArb = fc.record({
  category: fc.constantFrom(...FEEDBACK_CATEGORIES),
  severity: fc.option(fc.constantFrom(...FEEDBACK_SEVERITIES), { nil: null }),
  words: fc.array(fc.constantFrom(...VOCAB), { minLength: 1, maxLength: 30 }),
  signed: fc.boolean(),
  article: fc.boolean(),
  ageMs: fc.integer({ min: 0, max: 90 * 86_400_000 }),
});

const scenario = fc.record({
  settings: fc.record({
    agentName: name,
    installId: fc.uuid(),
    userAgent: fc.constantFrom(...USER_AGENTS),
    language: fc.constantFrom('auto', 'zh-CN', 'en'),
  }),
  now: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 11, 31) }),
  tz: fc.integer({ min: -720, max: 840 }),
  items: fc.array(itemArb, { maxLength: 12 }),
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  withSections: fc.boolean(),
});

function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysOf(v, out);
    }
  }
  return out;
}

describe('no export ever identifies its writer (property)', () => {
  it('holds for random items, settings, names, clocks and time zones', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const random = seededRandom(s.seed);
        const settings = { ...DEFAULT_SETTINGS, ...s.settings };
        const items = s.items.map((it) =>
          readyItem(
            random,
            {
              text: it.words.join(' '),
              category: it.category,
              severity: it.severity,
              signedAs: it.signed ? settings.agentName : null,
              article: it.article ? { id: 'care/refund-zh', title: '退款政策' } : null,
            },
            s.now - it.ageMs,
            s.tz,
          ),
        );
        const built = await buildFeedbackExport({
          items,
          kbMisses: s.withSections
            ? [{ key: 'k', week: items[0]?.week ?? '2026-W01', query: 'refund delivery', count: 2 }]
            : undefined,
          mood: s.withSections ? [{ week: '2026-W01', counts: { 1: 1, 2: 0, 3: 4, 4: 0, 5: 1 } }] : undefined,
          shareIds: new Map(),
          now: s.now,
          tzOffsetMinutes: s.tz,
          random,
        });
        const csv = exportCsv(built.doc.items, translator(settings.language === 'en' ? 'en' : 'zh-CN'));
        const signedCount = s.items.filter((i) => i.signed).length;

        for (const file of [built.json, csv]) {
          // Random tokens (ids, reply keys, digest) are random letters: take them out before
          // looking for words and dates, so a chance "UTC" inside a key is not a failure.
          const out = file.replace(/[A-Za-z0-9_-]{43}/g, '').replace(/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}/g, '');
          // The name only inside signed rows: take those cells out and it is gone.
          const withoutSignatures = out.split(settings.agentName).length - 1;
          expect(withoutSignatures).toBe(signedCount);
          for (const part of settings.agentName.split(' ')) {
            if (part.length >= 3) expect(out.split(part).length - 1).toBe(signedCount);
          }
          expect(out).not.toContain(settings.installId);
          expect(out).not.toContain(settings.userAgent);
          expect(out).not.toMatch(/Mozilla|Chrome|Firefox|Windows|Linux/);
          // No date finer than a week, no clock time, no zone, no raw timestamp.
          expect(out).not.toMatch(/\d{4}-\d{2}-\d{2}/);
          expect(out).not.toMatch(/\d{1,2}:\d{2}/);
          expect(out).not.toMatch(/GMT|UTC|[+-]\d{2}:\d{2}|(Asia|America|Europe)\//);
          expect(out).not.toContain(String(s.now));
          expect(out).not.toContain(String(Math.floor(s.now / 1000)));
          for (const item of items) {
            expect(file).not.toContain(item.secret);
            expect(out).not.toContain(String(item.createdAt));
          }
        }
        for (const k of keysOf(built.doc)) expect(ALLOWED_KEYS.has(k), `unexpected field ${k}`).toBe(true);
        for (const row of built.doc.items) expect('signedBy' in row).toBe(row.signedBy === settings.agentName);
      }),
      { numRuns: 60 },
    );
  });
});
