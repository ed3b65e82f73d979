import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  categoryWeekTable,
  kbGapsByWeek,
  loopFigures,
  minGroupSize,
  moodByWeek,
  tableMargins,
  viewTotal,
  weekBuckets,
  type CellFilter,
} from '@/utils/feedback/aggregates';
import { FEEDBACK_CATEGORIES, type FeedbackCategory } from '@/utils/feedback/categories';
import type { InboxShare } from '@/utils/feedback/inbox-records';
import { addWeeks } from '@/utils/feedback/week';

const items = (spec: Array<[FeedbackCategory, string, number]>) =>
  spec.flatMap(([category, week, n]) => Array.from({ length: n }, () => ({ category, week })));

describe('minimum group size', () => {
  it('defaults to 5 and never goes below 3', () => {
    expect(minGroupSize()).toBe(5);
    expect(minGroupSize(8)).toBe(8);
    expect(minGroupSize(2)).toBe(3);
    expect(minGroupSize(0)).toBe(3);
    expect(minGroupSize(-10)).toBe(3);
    expect(minGroupSize(6.9)).toBe(6);
    expect(minGroupSize(Number.NaN)).toBe(5);
  });
});

describe('week buckets', () => {
  it('merges weeks newest first until each bucket holds k items, covering gaps', () => {
    const weeks = [...Array(6).fill('2026-W01'), '2026-W02', '2026-W04', '2026-W04', ...Array(5).fill('2026-W06')];
    expect(weekBuckets(weeks, 5)).toEqual([
      { from: '2026-W01', to: '2026-W05' },
      { from: '2026-W06', to: '2026-W06' },
    ]);
  });

  it('keeps fewer than k items in one bucket whose cells are all withheld', () => {
    const t = categoryWeekTable(
      items([
        ['tools', '2026-W01', 2],
        ['process', '2026-W03', 1],
      ]),
    );
    expect(t.buckets).toEqual([{ from: '2026-W01', to: '2026-W03' }]);
    expect(viewTotal(t)).toEqual({ shown: 0, withheldCells: FEEDBACK_CATEGORIES.length });
  });
});

describe('differencing attacks fail', () => {
  // A team's quarter: one person wrote about wellbeing in W11; everything else is in big groups.
  const data = items([
    ['workload', '2026-W10', 6],
    ['tools', '2026-W10', 5],
    ['workload', '2026-W11', 7],
    ['tools', '2026-W11', 5],
    ['wellbeing', '2026-W11', 1],
  ]);

  it('two category views whose difference is one person differ by 0, not 1', () => {
    const t = categoryWeekTable(data);
    const all = viewTotal(t);
    const allButWellbeing = viewTotal(t, { categories: FEEDBACK_CATEGORIES.filter((c) => c !== 'wellbeing') });
    expect(all.shown - allButWellbeing.shown).toBe(0);
    expect(all.withheldCells).toBeGreaterThan(allButWellbeing.withheldCells);
    // What a naive count would leak:
    const naive = (cats: readonly FeedbackCategory[]) => data.filter((i) => cats.includes(i.category)).length;
    expect(naive(FEEDBACK_CATEGORIES) - naive(FEEDBACK_CATEGORIES.filter((c) => c !== 'wellbeing'))).toBe(1);
  });

  it('the remainder of a filter is never a group under k', () => {
    const t = categoryWeekTable(data);
    const workload = viewTotal(t, { categories: ['workload'] });
    expect(viewTotal(t).shown - workload.shown).toBe(10); // tools 5 + 5; the lone wellbeing item is in neither
  });

  it('week views cannot isolate a small week: it shares a bucket with its neighbour', () => {
    const lone = [...data, { category: 'tools' as const, week: '2026-W12' }];
    const t = categoryWeekTable(lone);
    expect(t.buckets.map((b) => `${b.from}..${b.to}`)).toEqual(['2026-W10..2026-W10', '2026-W11..2026-W12']);
    const margins = tableMargins(t);
    expect(margins.byBucket.map((b) => b.shown)).toEqual([11, 13]);
    expect(margins.byCategory.wellbeing).toEqual({ shown: 0, withheldCells: 2 });
  });

  it('holds for random teams, group sizes and nested cell filters (property)', () => {
    const cat = fc.constantFrom(...FEEDBACK_CATEGORIES);
    const week = fc.integer({ min: 0, max: 11 }).map((n) => addWeeks('2026-W01', n));
    fc.assert(
      fc.property(
        fc.array(fc.record({ category: cat, week }), { maxLength: 120 }),
        fc.integer({ min: 0, max: 9 }),
        fc.subarray([...FEEDBACK_CATEGORIES]),
        fc.subarray([...FEEDBACK_CATEGORIES]),
        fc.array(fc.nat(20), { maxLength: 12 }),
        (rows, kIn, catsA, catsB, bucketPicks) => {
          const t = categoryWeekTable(rows, kIn);
          const k = t.k;
          expect(k).toBeGreaterThanOrEqual(3);
          const bucketsA = [...new Set(bucketPicks.map((p) => p % Math.max(1, t.buckets.length)))];
          const outer: CellFilter = { categories: catsA, buckets: bucketsA };
          const inner: CellFilter = {
            categories: catsA.filter((c) => catsB.includes(c)),
            buckets: bucketsA.slice(0, 1),
          };
          for (const c of FEEDBACK_CATEGORIES)
            for (const v of t.cells[c]) if (v !== null) expect(v).toBeGreaterThanOrEqual(k);
          const diffs = [
            viewTotal(t, outer).shown - viewTotal(t, inner).shown,
            viewTotal(t).shown - viewTotal(t, outer).shown,
            viewTotal(t).shown - viewTotal(t, { categories: catsB }).shown,
          ];
          for (const d of diffs) expect(d === 0 || d >= k).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('mood and KB gaps, summed the same way', () => {
  const mood = (id: string, week: string, c: [number, number, number, number, number]): InboxShare => ({
    kind: 'mood',
    id,
    week,
    counts: { 1: c[0], 2: c[1], 3: c[2], 4: c[3], 5: c[4] },
  });
  const ids = (n: number, p: string) => Array.from({ length: n }, (_, i) => `${p}${i}`);

  it('releases a week’s mood only with at least k contributions, and totals released weeks only', () => {
    const shares = [
      ...ids(5, 'a').map((id) => mood(id, '2026-W10', [0, 1, 2, 1, 0])),
      ...ids(4, 'b').map((id) => mood(id, '2026-W11', [1, 0, 0, 0, 0])),
    ];
    const r = moodByWeek(shares);
    expect(r.weeks).toEqual([
      { week: '2026-W10', contributions: 5, counts: { 1: 0, 2: 5, 3: 10, 4: 5, 5: 0 } },
      { week: '2026-W11', contributions: null, counts: null },
    ]);
    expect(r.total).toEqual({ 1: 0, 2: 5, 3: 10, 4: 5, 5: 0 });
    // With k = 4 the four W11 contributions are released together, never one of them alone.
    expect(moodByWeek(shares, 4).total[1]).toBe(4);
  });

  it('sums KB gap queries over weeks with at least k contributions', () => {
    const gap = (id: string, week: string, query: string, count: number): InboxShare => ({
      kind: 'kbGaps',
      id,
      week,
      misses: [{ query, count }],
      withheld: 1,
    });
    const shares = [
      ...ids(3, 'a').map((id) => gap(id, '2026-W10', '退货 7天', 2)),
      ...ids(2, 'b').map((id) => gap(id, '2026-W11', 'invoice', 5)),
    ];
    expect(kbGapsByWeek(shares, { k: 3 })).toEqual({
      releasedWeeks: ['2026-W10'],
      withheldWeeks: ['2026-W11'],
      misses: [{ query: '退货 7天', count: 6 }],
      withheld: 3,
    });
  });
});

describe('loop figures', () => {
  const D = 86_400_000;
  const item = (receivedAt: number, answerAfterDays: number | null) => ({
    receivedAt,
    answers:
      answerAfterDays === null
        ? []
        : [{ id: 'x', body: 'ok', day: '2026-03-01', at: receivedAt + answerAfterDays * D }],
  });

  it('gives the share answered and the median days to a first answer', () => {
    expect(loopFigures([item(0, 1), item(0, 4), item(0, null), item(0, 2)])).toEqual({
      items: 4,
      answered: 3,
      answeredShare: 0.75,
      medianDaysToAnswer: 2,
    });
    expect(loopFigures([item(0, 1), item(0, 4)]).medianDaysToAnswer).toBe(2.5);
    expect(loopFigures([])).toEqual({ items: 0, answered: 0, answeredShare: null, medianDaysToAnswer: null });
  });
});
