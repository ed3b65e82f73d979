import { derivePeriods, type Period } from '../../utils/time/periods';
import type { LedgerState, StateEvent, StateSource } from '../../utils/time/states';
import { DEFAULT_WELLBEING, type BreakSlot, type WellbeingSettings } from '../../utils/wellbeing/settings';
import { stampRow, type NewWellbeingRow, type WellbeingEvent } from '../../utils/wellbeing/records';
import type { TimeWindow } from '../../utils/wellbeing/clock';

/**
 * The world of the wellbeing simulation: a seeded random generator, one shift's settings, and the
 * machine as the scheduler sees it — a wall clock that can jump, a time-zone offset that can
 * change, the ledger (written as utils/time/ledger.ts `recordState` writes it) and the prompt
 * history. True time `t` (ms) runs on; the scheduler only ever sees `clock(t)`.
 */

export const SEC = 1_000;
export const MIN = 60 * SEC;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

/** A small seeded generator (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The seed of shift `i` of a run with seed `seed` (so any shift can be replayed alone). */
export function shiftSeed(seed: number, i: number): number {
  return (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(i + 1, 0xc2b2ae35)) >>> 0;
}

/** Random helpers over one generator. */
export class Dice {
  constructor(readonly next: () => number) {}
  chance(p: number): boolean {
    return this.next() < p;
  }
  between(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }
  int(lo: number, hi: number): number {
    return Math.floor(this.between(lo, hi + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  /** Exponential with this mean. */
  exp(mean: number): number {
    return -Math.log(1 - this.next()) * mean;
  }
  /** Log-normal with this median and spread (sigma of the log). */
  logNormal(median: number, sigma: number): number {
    const u = 1 - this.next();
    const v = this.next();
    return median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  }
}

/** `HH:MM` of minutes after midnight. */
export function hhmm(minutes: number): string {
  const m = ((Math.round(minutes) % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** Whether the instant `clock` on a clock `tz` minutes east lies in the daily window `w` (checked independently of utils/). */
export function inDailyWindow(w: TimeWindow, clock: number, tz: number): boolean {
  const local = Math.floor(((((clock + tz * MIN) % DAY) + DAY) % DAY) / MIN);
  const [s, e] = [w.start, w.end].map((x) => Number(x.slice(0, 2)) * 60 + Number(x.slice(3)));
  return s! < e! ? local >= s! && local < e! : local >= s! || local < e!;
}

/** A shift's plan: when it starts on the agent's clock, how long, and the settings in force. */
export interface ShiftPlan {
  tz: number;
  /** True time of the planned start. */
  start: number;
  lengthMs: number;
  settings: WellbeingSettings;
  slots: BreakSlot[];
}

const TZS = [-480, -300, -180, 0, 60, 330, 345, 480, 540, 570, 600, 780];

/** Draws a shift: a time zone, a start (some night shifts), and settings that vary around the defaults. */
export function planShift(d: Dice, dayStart: number): ShiftPlan {
  const tz = d.pick(TZS);
  const night = d.chance(0.1);
  const startMin = night ? d.pick([21 * 60, 22 * 60, 23 * 60]) : d.int(6 * 4, 14 * 4) * 15;
  const lengthMs = d.pick([8, 8, 8, 8.5, 9]) * HOUR;
  // Local midnight of the plan's day, as a true instant (the clock is right when the shift begins).
  const start = dayStart - tz * MIN + startMin * MIN;
  const s: WellbeingSettings = structuredClone(DEFAULT_WELLBEING);
  if (d.chance(0.3)) s.prompts.eyes.minutes = d.pick([10, 15, 25, 30]);
  if (d.chance(0.2)) s.prompts.posture.minutes = d.pick([20, 45]);
  if (d.chance(0.2)) s.prompts.movement.minutes = d.pick([45, 55, 60]);
  if (d.chance(0.1)) s.prompts.hydration.on = false;
  if (d.chance(0.1)) s.prompts.eyes.on = false;
  if (d.chance(0.3)) s.voiceThresholdMinutes = d.pick([30, 40, 45]);
  if (d.chance(0.2)) s.prompts.voice.minutes = d.pick([30, 45]);
  s.snoozeLimitPerHour = d.pick([0, 1, 2, 2, 3]);
  s.snoozeMinutes = d.pick([5, 10, 10, 15]);
  s.moodCheckIn = d.chance(0.6);
  const slots: BreakSlot[] = [];
  if (d.chance(0.8)) {
    const at = (h: number) => hhmm(startMin + h * 60 + d.int(-2, 2) * 5);
    slots.push({ start: at(2), kind: 'break', minutes: 15 });
    slots.push({ start: at(4), kind: 'lunch', minutes: d.pick([30, 45, 60]) });
    slots.push({ start: at(6.5), kind: 'break', minutes: 15 });
  }
  s.breaks = slots;
  if (d.chance(0.7)) s.shift = { start: hhmm(startMin), end: hhmm(startMin + lengthMs / MIN) };
  if (d.chance(0.4)) {
    const q = startMin + d.int(1, 6) * 60 + d.int(0, 3) * 15;
    s.quietHours = { start: hhmm(q), end: hhmm(q + d.pick([30, 60, 90])) };
  }
  return { tz, start, lengthMs, settings: s, slots };
}

/** The machine: clock, time zone, ledger and history. */
export class Machine {
  skew = 0;
  events: StateEvent[] = [];
  history: WellbeingEvent[] = [];
  private nextEventId = 1;
  private nextRowId = 1;
  private periods: Period[] = [];

  constructor(public tz: number) {}

  clock(t: number): number {
    return Math.round(t + this.skew);
  }

  /** Appends a state change as `recordState` does (kept after the newest row when the clock went back). */
  record(t: number, state: LedgerState, source: StateSource, code?: string, backdateTo?: number): void {
    const now = this.clock(t);
    const last = this.events[this.events.length - 1];
    if (last && last.state === state && last.code === code) return;
    const back = last && now < last.at ? last.at - now : 0;
    const wanted =
      backdateTo !== undefined ? Math.min(now, Math.max(this.clock(backdateTo), last ? last.at + 1 : 0)) : now;
    const row: StateEvent = {
      id: this.nextEventId++,
      at: back > 0 ? last!.at + 1 : wanted,
      state,
      source,
      tz: this.tz,
    };
    if (code !== undefined) row.code = code;
    if (back > 0) row.clockBack = back;
    this.events.push(row);
    this.periods = derivePeriods(this.events, now);
  }

  /** Writes a history row at `t` (what the background writes). */
  write(t: number, row: NewWellbeingRow): void {
    this.history.push({ ...stampRow(row, this.clock(t), this.tz), id: this.nextRowId++ });
  }

  /** `derivePeriods(events, now)`: recomputed on each ledger write; in between only the open period grows. */
  periodsAt(now: number): Period[] {
    const last = this.periods[this.periods.length - 1];
    if (last) last.end = Math.max(last.start, now);
    return this.periods;
  }
}
