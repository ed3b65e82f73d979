import { describe, expect, it } from 'vitest';
import {
  checkWellbeingRow,
  compareRows,
  parseWellbeingRows,
  stampRow,
  wellbeingEventSchema,
  type WellbeingEvent,
} from '@/utils/wellbeing/records';

describe('wellbeing history rows', () => {
  it('accepts each kind of row with its own fields', () => {
    const ok: unknown[] = [
      { at: 1, kind: 'eyes', outcome: 'shown' },
      { at: 1, kind: 'voice', outcome: 'shown', talkMs: 3_000_000, tz: 480 },
      { at: 1, kind: 'breakSoon', outcome: 'snoozed', ref: 5 },
      { at: 1, kind: 'pause', outcome: 'paused', until: 2 },
      { at: 1, kind: 'pause', outcome: 'resumed' },
      { at: 1, kind: 'idle', outcome: 'started' },
      { at: 1, kind: 'tough', outcome: 'marked', ref: 0 },
      { at: 1, kind: 'breathing', outcome: 'done', ref: 0 },
      { at: 1, kind: 'mood', outcome: 'answered', phase: 'end', mood: 2, words: '有点累' },
      { at: 1, kind: 'mood', outcome: 'skipped', phase: 'start' },
    ];
    for (const r of ok) expect(wellbeingEventSchema.safeParse(r).success, JSON.stringify(r)).toBe(true);
  });

  it('refuses rows that do not fit their kind', () => {
    const bad: unknown[] = [
      { at: 1, kind: 'eyes', outcome: 'marked' },
      { at: 1, kind: 'pause', outcome: 'paused' },
      { at: 1, kind: 'tough', outcome: 'marked' },
      { at: 1, kind: 'mood', outcome: 'answered', phase: 'start', mood: 6 },
      { at: 1, kind: 'mood', outcome: 'answered', phase: 'start', mood: 3, words: 'x'.repeat(81) },
      { at: -1, kind: 'eyes', outcome: 'shown' },
      { at: 1, kind: 'blink', outcome: 'shown' },
    ];
    for (const r of bad) expect(wellbeingEventSchema.safeParse(r).success, JSON.stringify(r)).toBe(false);
    expect(() => checkWellbeingRow({ at: 1, kind: 'mood', outcome: 'answered', phase: 'start', mood: 9 })).toThrow(
      /Invalid wellbeing row \(mood\)/,
    );
  });

  it('reads stored rows: drops damaged ones and keeps the order they were written in', () => {
    const { rows, dropped } = parseWellbeingRows([
      { id: 3, at: 50, kind: 'eyes', outcome: 'done' },
      { id: 2, at: 90, kind: 'eyes', outcome: 'shown' },
      { id: 4, kind: 'eyes' },
      null,
      { at: 10, kind: 'posture', outcome: 'shown' },
    ]);
    expect(dropped).toBe(2);
    expect(rows.map((r) => r.id ?? 'new')).toEqual([2, 3, 'new']);
    const a: WellbeingEvent = { at: 5, kind: 'eyes', outcome: 'shown' };
    const b: WellbeingEvent = { at: 4, kind: 'eyes', outcome: 'shown' };
    expect(compareRows(a, b)).toBeGreaterThan(0);
  });

  it('stamps a new row with the time and zone passed in', () => {
    expect(stampRow({ kind: 'idle', outcome: 'ended' }, 7, -300)).toEqual({
      kind: 'idle',
      outcome: 'ended',
      at: 7,
      tz: -300,
    });
    expect(() => stampRow({ kind: 'pause', outcome: 'paused', until: -5 }, 7, 0)).toThrow(/until/);
  });
});
