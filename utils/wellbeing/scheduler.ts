import type { Period } from '../time/periods';
import { LIVE_CALL_STATES, LOGGED_OUT_STATES } from '../time/states';
import { MERGE_AHEAD_MS, PROMPT_CATALOGUE, PROMPT_KINDS, type PromptKind } from './catalogue';
import { lastWindowEnd, nextWindowStart, windowAround } from './clock';
import { checkInsDue, currentBreakPeriod, dueEntries, type DueContext, type DueEntry } from './due';
import { handledTimes, pauseState, snoozesLeft } from './history';
import type { WellbeingEvent } from './records';
import { restIntervals } from './rest';
import type { WellbeingSettings } from './settings';

/**
 * The wellbeing scheduler: a pure function of (settings, ledger periods, prompt history, now) to
 * what is due now, merged into one delivery, and when to look next. The background only wakes on
 * alarms (and state changes), calls it, and delivers; nothing counts time in memory.
 *
 * The rule that matters most: **nothing is delivered while the agent is in talk or hold**. Due
 * prompts wait and go out together at the next after-call-work or available moment. Breaks,
 * lunch, a locked screen, a closed browser and long idleness reset the timers they satisfy
 * (utils/wellbeing/rest.ts). Nothing is delivered while reminders are paused, in quiet hours,
 * outside the shift's hours or while logged out; their ends restart the timers.
 */

/** Look again at least this often (a Chrome alarm's minimum period, and the ledger heartbeat's). */
export const POLL_MS = 30_000;
/** Load this much ledger and history before `now` for the scheduler (covers the longest interval). */
export const SCHEDULER_LOOKBACK_MS = 14 * 3_600_000;

/** What the scheduler needs. */
export interface SchedulerInput {
  settings: WellbeingSettings;
  /** `derivePeriods(ledger rows since now − SCHEDULER_LOOKBACK_MS, now)`. */
  periods: readonly Period[];
  /** `wellbeingEvents` rows since now − SCHEDULER_LOOKBACK_MS, in the order written (`parseWellbeingRows`). */
  history: readonly WellbeingEvent[];
  now: number;
  /** The local time zone's offset now, minutes east of UTC (`tzOffsetAt(now)`). */
  tz: number;
}

/** A prompt in a delivery. */
export type DuePrompt = Omit<DueEntry, 'expiresAt'>;

/** One calm toast: every prompt due now, and a mood check-in when one is due. */
export interface Delivery {
  at: number;
  prompts: DuePrompt[];
  checkIn: 'start' | 'end' | null;
  /** From the settings: play the soft sound, show a system notification. */
  sound: boolean;
  notification: boolean;
  /** Snoozes still allowed this hour (0: the toast offers no Snooze). */
  snoozesLeft: number;
}

/** Why nothing is delivered although something may be due. */
export type HeldReason = 'logged-out' | 'paused' | 'quiet-hours' | 'off-shift' | 'live-call' | 'busy' | 'away';

/** The scheduler's answer. */
export interface ScheduleResult {
  /** What to show now, or null. */
  delivery: Delivery | null;
  /** Prompts due but held back (by a call, another state, a pause…). */
  waiting: PromptKind[];
  held: HeldReason | null;
  /** When to call the scheduler again (an alarm); computed as if the delivery was recorded. */
  nextCheckAt: number;
}

interface Plan {
  due: DueEntry[];
  checkIn: 'start' | 'end' | null;
  /** The earliest future time at which something may fall due (Infinity: none known). */
  nextDue: number;
  /** A time the gate opens (end of pause, quiet hours, start of shift), or null. */
  gateEnd: number | null;
  held: HeldReason | null;
  /** Kinds deliverable in the current state (null: all). */
  allowed: ReadonlySet<PromptKind> | null;
  /** Entries not due yet that may join a delivery now (MERGE_AHEAD_MS). */
  mergeable: DueEntry[];
  /** The agent is in talk or hold (whatever else holds prompts back). */
  liveCall: boolean;
}

const BREAK_END_ONLY: ReadonlySet<PromptKind> = new Set(['breakEnd']);
const NOTHING: ReadonlySet<PromptKind> = new Set();

function plan(input: SchedulerInput): Plan {
  const { settings, periods, history, now, tz } = input;
  const p: Plan = {
    due: [],
    checkIn: null,
    nextDue: Infinity,
    gateEnd: null,
    held: 'logged-out',
    allowed: null,
    mergeable: [],
    liveCall: false,
  };
  const current = periods[periods.length - 1];
  if (!current || LOGGED_OUT_STATES.has(current.state)) return p;
  p.liveCall = LIVE_CALL_STATES.has(current.state);

  // Gates first: while one is shut nothing is due (the timers start again when it opens).
  const pause = pauseState(history, now);
  const quiet = settings.quietHours ? windowAround(settings.quietHours, now, tz) : null;
  const shift = settings.shift ? windowAround(settings.shift, now, tz) : null;
  if (pause.activeUntil !== null) return { ...p, gateEnd: pause.activeUntil, held: 'paused' };
  if (quiet) return { ...p, gateEnd: quiet.end, held: 'quiet-hours' };
  if (settings.shift && !shift) return { ...p, gateEnd: nextWindowStart(settings.shift, now, tz), held: 'off-shift' };

  if (p.liveCall) [p.held, p.allowed] = ['live-call', NOTHING];
  else if (currentBreakPeriod(periods) || (current.state === 'other' && current.code === 'away'))
    [p.held, p.allowed] = ['away', BREAK_END_ONLY];
  else if (current.state !== 'available' && current.state !== 'acw') [p.held, p.allowed] = ['busy', NOTHING];
  else p.held = null;

  const floor = Math.max(
    shiftStartOf(periods),
    pause.lastEnd ?? -Infinity,
    settings.quietHours ? lastWindowEnd(settings.quietHours, now, tz) : -Infinity,
    shift?.start ?? -Infinity,
  );
  const ctx: DueContext = {
    settings,
    periods,
    history,
    now,
    tz,
    rests: restIntervals(periods, history, now),
    floor,
    handled: handledTimes(history, now),
  };
  const { entries, voiceHintAt } = dueEntries(ctx);
  if (voiceHintAt !== null && voiceHintAt > now) p.nextDue = voiceHintAt;
  // One entry per kind: the earliest due (two scheduled breaks cannot both be next).
  const first = new Map<PromptKind, DueEntry>();
  for (const e of entries) {
    if (e.dueAt > now) {
      p.nextDue = Math.min(p.nextDue, e.dueAt);
      if (e.dueAt <= now + MERGE_AHEAD_MS && PROMPT_CATALOGUE[e.kind].mergeAhead) p.mergeable.push(e);
      continue;
    }
    if (e.expiresAt !== null && now >= e.expiresAt) continue;
    const had = first.get(e.kind);
    if (!had || e.dueAt < had.dueAt) first.set(e.kind, e);
  }
  for (const k of PROMPT_KINDS) {
    const e = first.get(k);
    if (e) p.due.push(e);
  }
  for (const c of checkInsDue(ctx)) {
    if (c.dueAt > now) p.nextDue = Math.min(p.nextDue, c.dueAt);
    else if (now < c.expiresAt) p.checkIn ??= c.phase;
  }
  return p;
}

/** Logging out (or the browser being gone) for this long ends the working stretch: every timer starts again. */
export const LOGGED_OUT_RESET_MS = 5 * 60_000;

/** Where the current working stretch began: after the last long logged-out period, or the first period. */
function shiftStartOf(periods: readonly Period[]): number {
  for (let i = periods.length - 1; i >= 0; i--) {
    const p = periods[i]!;
    if (LOGGED_OUT_STATES.has(p.state) && p.end - p.start >= LOGGED_OUT_RESET_MS) return p.end;
  }
  return periods[0]!.start;
}

/**
 * When to look next: when something falls due or a gate opens, and never later than
 * {@link POLL_MS}. The scheduler is not told when a call starts or ends, when the agent resumes
 * from a pause, or when the clock is changed (the background may call it on each of those, but
 * nothing relies on that), so it looks every POLL_MS — which puts every prompt due at a call's end
 * on screen within a minute of it. The cost is one alarm every 30 s, as the ledger's heartbeat.
 */
function nextCheck(p: Plan, now: number): number {
  return Math.max(Math.min(now + POLL_MS, p.gateEnd ?? p.nextDue), now + 1_000);
}

/** The rows a delivery writes to `wellbeingEvents` (one `shown` per prompt, and the check-in). */
export function deliveryRows(delivery: Delivery, tz: number): WellbeingEvent[] {
  const rows: WellbeingEvent[] = delivery.prompts.map((p) => {
    const row: WellbeingEvent = { at: delivery.at, tz, kind: p.kind, outcome: 'shown' };
    if (p.ref !== undefined) row.ref = p.ref;
    if (p.talkMs !== undefined) row.talkMs = Math.min(3_600_000, Math.round(p.talkMs));
    return row;
  });
  if (delivery.checkIn) rows.push({ at: delivery.at, tz, kind: 'mood', outcome: 'shown', phase: delivery.checkIn });
  return rows;
}

/**
 * Decides what to deliver now and when to look again. Pure and cheap: call it from every alarm and
 * state change, as often as you like; it never delivers during talk or hold.
 */
export function schedule(input: SchedulerInput): ScheduleResult {
  const { now } = input;
  const p = plan(input);
  const allowedNow = p.due.filter((e) => !p.allowed || p.allowed.has(e.kind));
  const checkIn = p.allowed === null ? p.checkIn : null;
  const waiting = p.due.filter((e) => !allowedNow.includes(e)).map((e) => e.kind);
  if (allowedNow.length === 0 && checkIn === null) {
    return { delivery: null, waiting, held: p.held, nextCheckAt: nextCheck(p, now) };
  }
  const prompts: DuePrompt[] = allowedNow.map(strip);
  if (p.allowed === null && prompts.length > 0) {
    for (const e of p.mergeable) if (!prompts.some((x) => x.kind === e.kind)) prompts.push(strip(e));
  }
  prompts.sort((a, b) => PROMPT_KINDS.indexOf(a.kind) - PROMPT_KINDS.indexOf(b.kind));
  const delivery: Delivery = {
    at: now,
    prompts,
    checkIn,
    sound: input.settings.sound,
    notification: input.settings.notification,
    snoozesLeft: snoozesLeft(input.settings, input.history, now),
  };
  const after = plan({ ...input, history: [...input.history, ...deliveryRows(delivery, input.tz)] });
  return { delivery, waiting, held: p.held, nextCheckAt: nextCheck(after, now) };
}

function strip(e: DueEntry): DuePrompt {
  const { expiresAt: _expires, ...rest } = e;
  return rest;
}
