import { dayAt } from '../time/periods';
import { checkWellbeingRow, MOOD_WORDS_MAX, type MoodRow, type WellbeingEvent } from './records';

/**
 * The private mood check-in (pure): 1 (low) to 5 (good) and a few words, at the start and end of a
 * shift. The words never leave the agent's browser; only weekly counts of each mood may be added
 * to anonymous feedback, and only when the agent chooses to.
 */

/** The moods, low to good. */
export const MOODS = [1, 2, 3, 4, 5] as const;
export type Mood = (typeof MOODS)[number];

/** An answered check-in. */
export type MoodAnswer = Extract<MoodRow, { outcome: 'answered' }>;

/** The row for an answered check-in (words trimmed and cut to {@link MOOD_WORDS_MAX}); throws when the mood is not 1–5. */
export function moodAnswerRow(
  phase: 'start' | 'end',
  mood: number,
  words: string,
  now: number,
  tz: number,
): MoodAnswer {
  const row: MoodAnswer = { at: now, tz, kind: 'mood', outcome: 'answered', phase, mood };
  const w = words.trim().slice(0, MOOD_WORDS_MAX).trim();
  if (w) row.words = w;
  return checkWellbeingRow(row) as MoodAnswer;
}

function answers(history: readonly WellbeingEvent[]): MoodAnswer[] {
  return history.filter((r): r is MoodAnswer => r.kind === 'mood' && r.outcome === 'answered');
}

/** One day of the mood trend. */
export interface DailyMood {
  day: string;
  count: number;
  average: number;
  /** The last start-of-shift and end-of-shift answers that day, or null. */
  start: Mood | null;
  end: Mood | null;
}

/** Mood per day on the agent's clock (a row without `tz` uses `fallbackTz`), in day order. */
export function dailyMood(history: readonly WellbeingEvent[], fallbackTz: number): DailyMood[] {
  const byDay = new Map<string, { sum: number; count: number; start: Mood | null; end: Mood | null }>();
  for (const r of answers(history)) {
    const day = dayAt(r.at, r.tz ?? fallbackTz);
    const d = byDay.get(day) ?? { sum: 0, count: 0, start: null, end: null };
    d.sum += r.mood;
    d.count++;
    d[r.phase] = r.mood as Mood;
    byDay.set(day, d);
  }
  return [...byDay.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([day, d]) => ({ day, count: d.count, average: d.sum / d.count, start: d.start, end: d.end }));
}

/** ISO 8601 week (`2026-W07`) of a `YYYY-MM-DD` day (weeks start on Monday). Pure: no time zone involved. */
export function isoWeekOfDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d!));
  const dow = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - dow);
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** How many check-ins had each mood in one week. Counts only: never words, days or times. */
export interface WeeklyMoodCounts {
  week: string;
  counts: Record<Mood, number>;
}

/** Weekly counts of each mood, oldest week first, for optional inclusion in anonymous feedback. */
export function weeklyMoodCounts(history: readonly WellbeingEvent[], fallbackTz: number): WeeklyMoodCounts[] {
  const byWeek = new Map<string, Record<Mood, number>>();
  for (const r of answers(history)) {
    const week = isoWeekOfDay(dayAt(r.at, r.tz ?? fallbackTz));
    const c = byWeek.get(week) ?? { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
    c[r.mood as Mood]++;
    byWeek.set(week, c);
  }
  return [...byWeek.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([week, counts]) => ({ week, counts }));
}
