import { SHIFT_GAP_MS, type Period } from '../time/periods';
import { PROMPT_CATALOGUE, PROMPT_KINDS, type PromptKind } from './catalogue';
import { nearestOccurrence, windowAround } from './clock';
import { lastPromptRow, rowTime } from './history';
import type { WellbeingEvent } from './records';
import { lastRestEnd, restKindOf, type RestInterval } from './rest';
import type { BreakSlot, WellbeingSettings } from './settings';

/**
 * When each prompt falls due, one rule per trigger of the catalogue (pure). Nothing here decides
 * whether a prompt may be shown now (calls, pauses, quiet hours): the scheduler does that.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** A heads-up is still worth showing until this long after the break was due to start. */
export const BREAK_SOON_GRACE_MS = 10 * MINUTE;
/** "Back in 1 min" is still worth showing until this long after the break should have ended. */
export const BREAK_END_GRACE_MS = 15 * MINUTE;
/** A break taken this long before its scheduled start counts as that break (no heads-up then). */
export const BREAK_EARLY_MS = 30 * MINUTE;
/** A break or lunch starting this close to a scheduled one is that one (its length applies). */
export const BREAK_MATCH_MS = 60 * MINUTE;
/** The start-of-shift mood check-in is offered during this long after logging in. */
export const CHECK_IN_START_WINDOW_MS = 2 * HOUR;
/** The end-of-shift check-in is offered this long before the shift's end. */
export const CHECK_IN_END_LEAD_MS = 15 * MINUTE;

/** What the rules see. */
export interface DueContext {
  settings: WellbeingSettings;
  periods: readonly Period[];
  history: readonly WellbeingEvent[];
  now: number;
  tz: number;
  rests: readonly RestInterval[];
  /** Timers never start before this: the ledger's first period, the end of a pause, quiet hours, the shift's start. */
  floor: number;
  /** `handledTimes(history, now)`: when each kind was last shown, done or skipped. */
  handled: ReadonlyMap<PromptKind, number>;
}

/** One prompt's due time, with what the toast needs to say. */
export interface DueEntry {
  kind: PromptKind;
  dueAt: number;
  /** After this it is no longer worth showing (break prompts); null: never expires. */
  expiresAt: number | null;
  /** Ties break prompts to their break (see `PromptRow.ref`). */
  ref?: number;
  /** Voice: the most talk in a one-hour window since the timer started. */
  talkMs?: number;
  /** Break prompts: which break. */
  breakKind?: BreakSlot['kind'];
  /** breakSoon: when the break is scheduled to start. */
  breakAt?: number;
  /** breakEnd: when the break should end. */
  endsAt?: number;
}

/** Due times of every prompt that is on (break heads-ups: one entry per scheduled break). */
export function dueEntries(ctx: DueContext): { entries: DueEntry[]; voiceHintAt: number | null } {
  const entries: DueEntry[] = [];
  let voiceHintAt: number | null = null;
  for (const kind of PROMPT_KINDS) {
    if (!ctx.settings.prompts[kind].on) continue;
    switch (PROMPT_CATALOGUE[kind].trigger) {
      case 'interval':
        entries.push(intervalDue(ctx, kind));
        break;
      case 'voice': {
        const v = voiceDue(ctx);
        if (v.entry) entries.push(v.entry);
        voiceHintAt = v.hintAt;
        break;
      }
      case 'breakSoon':
        entries.push(...breakSoonDue(ctx));
        break;
      case 'breakEnd': {
        const e = breakEndDue(ctx);
        if (e) entries.push(e);
        break;
      }
    }
  }
  return { entries, voiceHintAt };
}

/** The latest of the timer's starting points: floor, the last prompt handled, the last rest that satisfies it. */
function anchorOf(ctx: DueContext, kind: PromptKind): number {
  return Math.max(ctx.floor, ctx.handled.get(kind) ?? -Infinity, lastRestEnd(kind, ctx.rests) ?? -Infinity);
}

/** A snooze after the anchor decides the due time; null when there is none. */
function snoozedUntil(
  ctx: DueContext,
  kind: PromptKind,
  anchor: number,
  filter?: (ref?: number) => boolean,
): number | null {
  const last = lastPromptRow(ctx.history, kind, filter ? (r) => filter(r.ref) : undefined);
  if (last?.outcome !== 'snoozed') return null;
  const at = rowTime(last, ctx.now);
  return at >= anchor ? at + ctx.settings.snoozeMinutes * MINUTE : null;
}

function intervalDue(ctx: DueContext, kind: PromptKind): DueEntry {
  const anchor = anchorOf(ctx, kind);
  const snoozed = snoozedUntil(ctx, kind, anchor);
  const dueAt = snoozed ?? anchor + ctx.settings.prompts[kind].minutes * MINUTE;
  return { kind, dueAt, expiresAt: null };
}

/**
 * Talk inside [t − 1 h, t) for any t ≥ `since` + 1 h… from the talk periods that end after
 * `since` (clipped to `now`), in O(log n). The function rises only during talk and falls only
 * outside it, so its highest points over a stretch are at the stretch's start and at the ends of
 * talk periods.
 */
function talkWindow(periods: readonly Period[], now: number, since: number) {
  let first = periods.length;
  while (first > 0 && periods[first - 1]!.end > since) first--;
  const starts: number[] = [];
  const ends: number[] = [];
  const before: number[] = []; // talk before the i-th interval
  let sum = 0;
  for (let i = first; i < periods.length; i++) {
    const p = periods[i]!;
    const end = Math.min(p.end, now);
    if (p.state !== 'talk' || end <= p.start) continue;
    starts.push(p.start);
    ends.push(end);
    before.push(sum);
    sum += end - p.start;
  }
  const upTo = (x: number) => {
    let lo = 0;
    let hi = starts.length; // first interval starting at or after x
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return 0;
    const i = lo - 1;
    return before[i]! + Math.min(ends[i]!, x) - starts[i]!;
  };
  /** Talk in [max(t − 1 h, floor), t). */
  return { at: (t: number, floor = -Infinity) => upTo(t) - upTo(Math.max(t - HOUR, floor)), ends };
}

function voiceDue(ctx: DueContext): { entry: DueEntry | null; hintAt: number | null } {
  const { settings, now } = ctx;
  const threshold = settings.voiceThresholdMinutes * MINUTE;
  const anchor = anchorOf(ctx, 'voice');
  const handled = ctx.handled.get('voice') ?? null;
  const from = Math.max(anchor, handled === null ? -Infinity : handled + settings.prompts.voice.minutes * MINUTE);
  const talk = talkWindow(ctx.periods, now, Math.min(from, now) - HOUR);
  const snoozed = snoozedUntil(ctx, 'voice', anchor);
  if (snoozed !== null) {
    const shown = lastPromptRow(ctx.history, 'voice', (r) => r.outcome === 'shown');
    return {
      entry: { kind: 'voice', dueAt: snoozed, expiresAt: null, talkMs: shown?.talkMs ?? talk.at(now) },
      hintAt: null,
    };
  }
  let crossAt: number | null = null;
  let peak = 0;
  if (from <= now) {
    for (const c of [from, ...talk.ends.filter((e) => e > from)]) {
      // Talk before the last voice prompt or rest does not count again.
      const f = talk.at(c, anchor);
      if (f < threshold) continue;
      crossAt ??= c;
      peak = Math.max(peak, f);
    }
  }
  if (crossAt !== null)
    return { entry: { kind: 'voice', dueAt: crossAt, expiresAt: null, talkMs: peak }, hintAt: null };
  // The hour's talk rises at most as fast as time passes, and only during talk: it cannot reach
  // the threshold before this (a call may start at any moment after the scheduler last looked).
  const hintAt = Math.max(from, now + Math.max(1_000, threshold - talk.at(now, anchor)));
  return { entry: null, hintAt };
}

function breakSoonDue(ctx: DueContext): DueEntry[] {
  const { settings, now, tz } = ctx;
  const lead = settings.prompts.breakSoon.minutes * MINUTE;
  const out: DueEntry[] = [];
  for (const slot of settings.breaks) {
    const occ = nearestOccurrence(slot.start, now, tz);
    const expiresAt = occ + BREAK_SOON_GRACE_MS;
    if (now >= expiresAt) continue;
    if (breakStartedSince(ctx.periods, occ - BREAK_EARLY_MS, now)) continue;
    const mine = (ref?: number) => ref !== undefined && Math.abs(ref - occ) < BREAK_EARLY_MS;
    const last = lastPromptRow(ctx.history, 'breakSoon', (r) => mine(r.ref));
    let dueAt = occ - lead;
    if (last) {
      const snoozed = snoozedUntil(ctx, 'breakSoon', -Infinity, mine);
      if (snoozed === null) continue;
      dueAt = snoozed;
    }
    out.push({ kind: 'breakSoon', dueAt, expiresAt, ref: occ, breakKind: slot.kind, breakAt: occ });
  }
  return out;
}

/** Whether a break or lunch started in [from, to] (periods are in order: read from the newest). */
function breakStartedSince(periods: readonly Period[], from: number, to: number): boolean {
  for (let i = periods.length - 1; i >= 0 && periods[i]!.start >= from; i--) {
    const p = periods[i]!;
    if (p.start <= to && restKindOf(p) === 'break') return true;
  }
  return false;
}

/**
 * The break or lunch the agent is on now: the first break or lunch period of the rest stretch that
 * reaches `now` (a screen locked during a break keeps the break going), or null.
 */
export function currentBreakPeriod(periods: readonly Period[]): Period | null {
  let found: Period | null = null;
  for (let i = periods.length - 1; i >= 0; i--) {
    const p = periods[i]!;
    const onBreak = p.state === 'break' || p.state === 'lunch';
    if (!onBreak && !(p.state === 'other' && p.code === 'away')) break;
    if (onBreak) found = p;
  }
  return found;
}

/** The scheduled slot a break or lunch starting at `start` belongs to (the nearest within an hour). */
export function matchSlot(
  slots: readonly BreakSlot[],
  kind: 'break' | 'lunch',
  start: number,
  tz: number,
): BreakSlot | null {
  let best: BreakSlot | null = null;
  let bestGap = BREAK_MATCH_MS;
  for (const s of slots) {
    if (s.kind !== kind) continue;
    const gap = Math.abs(nearestOccurrence(s.start, start, tz) - start);
    if (gap <= bestGap) [best, bestGap] = [s, gap];
  }
  return best;
}

function breakEndDue(ctx: DueContext): DueEntry | null {
  const bp = currentBreakPeriod(ctx.periods);
  if (!bp) return null;
  const kind = bp.state === 'lunch' ? 'lunch' : 'break';
  const slot = matchSlot(ctx.settings.breaks, kind, bp.start, ctx.tz);
  if (!slot) return null;
  const endsAt = bp.start + slot.minutes * MINUTE;
  const mine = (ref?: number) => ref === bp.start;
  let dueAt = endsAt - ctx.settings.prompts.breakEnd.minutes * MINUTE;
  if (lastPromptRow(ctx.history, 'breakEnd', (r) => mine(r.ref))) {
    const snoozed = snoozedUntil(ctx, 'breakEnd', -Infinity, mine);
    if (snoozed === null) return null;
    dueAt = snoozed;
  }
  return { kind: 'breakEnd', dueAt, expiresAt: endsAt + BREAK_END_GRACE_MS, ref: bp.start, breakKind: kind, endsAt };
}

/**
 * The shift in progress as utils/time/periods.ts `buildSessions` sees it (offline ends it, and an
 * unknown gap longer than SHIFT_GAP_MS), found from the end without building every session.
 */
export function currentSession(periods: readonly Period[]): { start: number } | null {
  let start: number | null = null;
  for (let i = periods.length - 1; i >= 0; i--) {
    const p = periods[i]!;
    if (p.state === 'offline') break;
    if (p.state === 'unknown') {
      if (start !== null && start - p.start > SHIFT_GAP_MS) break;
      continue;
    }
    start = p.start;
  }
  return start === null ? null : { start };
}

/** A mood check-in's due time and window. */
export interface CheckInDue {
  phase: 'start' | 'end';
  dueAt: number;
  expiresAt: number;
}

/** The mood check-ins still to offer in this shift (at the start, and before the shift's end). */
export function checkInsDue(ctx: DueContext): CheckInDue[] {
  if (!ctx.settings.moodCheckIn) return [];
  const session = currentSession(ctx.periods);
  if (!session) return [];
  const asked = (phase: 'start' | 'end', since: number) =>
    ctx.history.some((r) => r.kind === 'mood' && r.phase === phase && rowTime(r, ctx.now) >= since);
  const out: CheckInDue[] = [];
  if (!asked('start', session.start))
    out.push({ phase: 'start', dueAt: session.start, expiresAt: session.start + CHECK_IN_START_WINDOW_MS });
  const shift = ctx.settings.shift ? windowAround(ctx.settings.shift, ctx.now, ctx.tz) : null;
  if (shift && !asked('end', Math.max(shift.start, session.start)))
    out.push({ phase: 'end', dueAt: shift.end - CHECK_IN_END_LEAD_MS, expiresAt: shift.end });
  return out;
}
